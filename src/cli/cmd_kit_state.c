/*
 * cmd_kit_state.c: `cccd kit state SERIAL STATE [--on DATE]`: a kit works, broke or is in
 * transit from a day. A broken kit lowers the capacity of its point's shifts at once (the next
 * cccd plan moves the tickets that no longer fit).
 */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/cli_account.h"
#include "cli/cli_plan.h"
#include "cli/commands.h"
#include "service/outreach.h"

static const cli_cmd cmd = {
    "kit state",
    "kit state SERIAL working|broken|in_transit [--on DATE] [--note TEXT] [--db URL]\n"
    "  Records the kit's state from --on (default today). Only working kits count in a\n"
    "  shift's capacity; re-plan (cccd plan) to move the tickets that no longer fit.",
    2, 2};

int cmd_kit_state(int argc, char **argv) {
    const char *db = NULL, *on_s = NULL, *note = NULL, *args[2];
    const cli_opt opts[] = {
        {"--db", &db, NULL}, {"--on", &on_s, NULL}, {"--note", &note, NULL}, {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    int s = cccd_kit_state_parse(args[1]);
    if (s < 0)
        return cli_usage_error(&cmd, "a state is working, broken or in_transit, not '%s'", args[1]);
    int64_t on;
    if ((rc = cli_day(on_s, "on", &on, NULL)) >= 0)
        return rc;
    cccd_err err;
    cccd_store *st = cli_store_open(db, true);
    if (st == NULL)
        return CLI_FAIL;
    int status = CLI_OK;
    cccd_actor by;
    char who[64];
    cli_actor_local(&by, who);
    if (cccd_outreach_kit_state(st, &by, args[0], on, (cccd_kit_state)s, note, &err) != CCCD_OK)
        status = cli_fail(&err);
    else {
        char iso[11];
        printf("kit %s: %s from %s\n", args[0], args[1], cli_day_iso(on, iso));
    }
    cccd_store_close(st);
    return status;
}
