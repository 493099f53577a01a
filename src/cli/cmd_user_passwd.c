/*
 * cmd_user_passwd.c: `cccd user passwd NAME`: a new password for an account, set on the
 * machine itself (a forgotten password, a first password handed over). Every session of the
 * account ends and its failed logins are forgotten. Audited as "cli:$USER".
 */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/cli_account.h"
#include "cli/commands.h"
#include "service/accounts.h"

static const cli_cmd cmd = {
    "user passwd",
    "user passwd NAME [--db URL]\n"
    "  Sets a new password for NAME (read as for user add: CCCD_PASSWORD, else the first line\n"
    "  of standard input, asked twice on a terminal). Ends every session of the account and\n"
    "  clears its failed logins (and so its lock).",
    1, 1};

int cmd_user_passwd(int argc, char **argv) {
    const char *db = NULL, *args[1];
    const cli_opt opts[] = {{"--db", &db, NULL}, {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    cccd_store *st = cli_store_open(db, true);
    if (st == NULL)
        return CLI_FAIL;
    char pw[CCCD_PASSWORD_MAX + 2];
    rc = cli_password_read(args[0], pw, sizeof pw);
    if (rc < 0) {
        char name[64];
        cccd_actor by;
        cli_actor_local(&by, name);
        cccd_err err;
        cccd_errc e = cccd_accounts_set_password(st, &by, args[0], pw, NULL, &err);
        cli_password_wipe(pw, sizeof pw);
        if (e != CCCD_OK) {
            rc = cli_fail(&err);
        } else {
            printf("password of %s changed; its sessions are revoked\n", args[0]);
            rc = CLI_OK;
        }
    }
    cccd_store_close(st);
    return rc;
}
