/*
 * cli_enroll.h: what the application commands share (see cli_enroll.c): an application id
 * argument, how an application is printed, and one step of its workflow run by the machine's
 * user (audited as cli:$USER), which approve, reject, deliver, enroll submit and application
 * move all are.
 */
#ifndef CCCD_CLI_ENROLL_H
#define CCCD_CLI_ENROLL_H

#include <stdbool.h>
#include <stdint.h>

#include "cli/cli.h"
#include "service/enrollment.h"

/* An application id: returns -1 with *id set, or 1 after printing why. */
int cli_app_id(const char *s, int64_t *id);

/* One line: "application 12 (001090000001): first_issue (no chip card), submitted". */
void cli_app_print(const cccd_application *a);

/* Moves application args[0] to `to` with opt (db: --db; json: print JSON). Returns the exit
 * code. */
int cli_app_step(const char *db, const char *app, cccd_app_state to, const cccd_enroll_step *opt,
                 bool json);

#endif
