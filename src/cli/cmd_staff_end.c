/*
 * cmd_staff_end.c: `cccd staff end ASSIGNMENT [--on DATE]`: an officer's assignment to a point
 * ends; --on is the last day served there (default today). Audited.
 */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/cli_account.h"
#include "cli/cli_plan.h"
#include "cli/commands.h"
#include "service/outreach.h"

static const cli_cmd cmd = {
    "staff end",
    "staff end ASSIGNMENT [--on DATE] [--db URL]\n"
    "  Ends an assignment made by cccd staff assign: --on (default today) is the last day the\n"
    "  officer serves at the point; the history stays.",
    1, 1};

int cmd_staff_end(int argc, char **argv) {
    const char *db = NULL, *on_s = NULL, *args[1];
    const cli_opt opts[] = {{"--db", &db, NULL}, {"--on", &on_s, NULL}, {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    long id;
    int64_t on;
    if ((rc = cli_parse_long(args[0], "assignment", 1, 2000000000L, &id)) >= 0 ||
        (rc = cli_day(on_s, "on", &on, NULL)) >= 0)
        return rc;
    cccd_store *st = cli_store_open(db, true);
    if (st == NULL)
        return CLI_FAIL;
    cccd_err err;
    cccd_actor by;
    char who[64], iso[11];
    cli_actor_local(&by, who);
    rc = cccd_outreach_staff_end(st, &by, 0, id, on, &err);
    cccd_store_close(st);
    if (rc != CCCD_OK)
        return cli_fail(&err);
    printf("assignment %ld: last day %s\n", id, cli_day_iso(on, iso));
    return CLI_OK;
}
