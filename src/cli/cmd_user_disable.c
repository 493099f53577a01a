/*
 * cmd_user_disable.c: `cccd user disable NAME`: no login any more, every session ended at once.
 * Audited as "cli:$USER".
 */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/cli_account.h"
#include "cli/commands.h"
#include "service/accounts.h"

static const cli_cmd cmd = {
    "user disable",
    "user disable NAME [--db URL]\n"
    "  Disables the account NAME: it can no longer log in, and every session it holds\n"
    "  ends at once. Reversed by cccd user enable.",
    1, 1};

int cmd_user_disable(int argc, char **argv) {
    const char *db = NULL, *args[1];
    const cli_opt opts[] = {{"--db", &db, NULL}, {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    cccd_store *st = cli_store_open(db, true);
    if (st == NULL)
        return CLI_FAIL;
    char name[64];
    cccd_actor by;
    cli_actor_local(&by, name);
    cccd_err err;
    cccd_errc e = cccd_accounts_set_disabled(st, &by, args[0], true, &err);
    cccd_store_close(st);
    if (e != CCCD_OK)
        return cli_fail(&err);
    printf("disabled %s; its sessions are revoked\n", args[0]);
    return CLI_OK;
}
