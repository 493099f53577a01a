/*
 * cmd_user_enable.c: `cccd user enable NAME`: it may log in again (its old sessions stay ended).
 * Audited as "cli:$USER".
 */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/cli_account.h"
#include "cli/commands.h"
#include "service/accounts.h"

static const cli_cmd cmd = {
    "user enable",
    "user enable NAME [--db URL]\n"
    "  Enables the disabled account NAME again. Its old sessions stay ended: it logs\n"
    "  in afresh.",
    1, 1};

int cmd_user_enable(int argc, char **argv) {
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
    cccd_errc e = cccd_accounts_set_disabled(st, &by, args[0], false, &err);
    cccd_store_close(st);
    if (e != CCCD_OK)
        return cli_fail(&err);
    printf("enabled %s\n", args[0]);
    return CLI_OK;
}
