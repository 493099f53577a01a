/*
 * cli_queue.h: what the `cccd queue` commands share (see cli_queue.c): the moment they act at
 * (pinned by CCCD_TODAY and CCCD_NOW for tests and replays), an entry id argument, how an
 * entry is printed, and served / no-show, which differ by one flag.
 */
#ifndef CCCD_CLI_QUEUE_H
#define CCCD_CLI_QUEUE_H

#include <stdint.h>

#include "cli/cli.h"
#include "store/store_queue.h"

/* Today (cli_today: CCCD_TODAY or the day in Vietnam) as days into *day, and the current Unix
 * time into *now; CCCD_NOW=HH:MM (Vietnam's time on that day) pins the time. Returns -1, or 1
 * after printing why. */
int cli_queue_clock(int64_t *day, int64_t *now);

/* A queue entry id: returns -1 with *id set, or 1 after printing why. */
int cli_queue_entry_id(const char *s, int64_t *id);

/* One line for an entry: "number 3 (entry 12): 001090000001 Nguyễn Văn An, ticket
 * 001-0000001 (07:00), called, waited 10 min". */
void cli_queue_print(const cccd_queue_entry *e, int64_t now);

/* `cccd queue served|noshow ENTRY`: closes a called entry (served or not), audited as the
 * machine's actor. Returns the exit code. */
int cli_queue_finish(const cli_cmd *cmd, int argc, char **argv, bool served);

#endif
