/*
 * cli_account.h: what the account commands share (see cli_account.c): reading a new password
 * without showing it, and who is acting when a command is run on the machine itself.
 */
#ifndef CCCD_CLI_ACCOUNT_H
#define CCCD_CLI_ACCOUNT_H

#include <stdbool.h>
#include <stddef.h>

#include "cli/cli.h"

#include "core/audit.h"
#include "core/units.h"

/* Reads a password: the environment variable CCCD_PASSWORD if set, else the first line of
 * standard input; on a terminal it prompts ("Password for USER: ") without echo, twice, and
 * the two must agree. buf must hold CCCD_PASSWORD_MAX + 2 bytes. Returns -1 when *buf holds
 * it, or the exit code after printing why. Wipe buf after use (cli_password_wipe). */
int cli_password_read(const char *username, char *buf, size_t size);
void cli_password_wipe(char *buf, size_t size);

/* The actor of a command run on the machine: "cli:$USER" ("cli" when USER is unset), no role,
 * remote "local". name is the caller's buffer the actor points into. */
void cli_actor_local(cccd_actor *a, char name[64]);

/* A stored unit key shown to people: "00004 Phường Ba Đình", "VN Việt Nam", or the key itself
 * when the unit is not in u (u may be NULL). Writes into buf (size bytes); returns buf. */
char *cli_unit_label(const cccd_units *u, const char *key, char *buf, size_t size);

/* `cccd user disable|enable NAME [--db URL]`: parses with cmd, sets the account's disabled
 * flag (audited as the machine's actor) and prints what happened. Returns the exit code. */
int cli_account_set_disabled(const cli_cmd *cmd, int argc, char **argv, bool disabled);

#endif
