/*
 * cmd_batch_create.c: `cccd batch create UNIT`: the card centre takes the approved
 * applications of a unit's communes into a production batch.
 */
#include <stdio.h>

#include "cli/cli_account.h"
#include "cli/cli_production.h"
#include "cli/cli_queue.h"
#include "cli/commands.h"
#include "service/production.h"

static const cli_cmd cmd = {
    "batch create",
    "batch create UNIT [--limit N] [--db URL] [--json]\n"
    "  Takes the approved applications of the communes UNIT (any level) serves today, oldest\n"
    "  first (at most N), into a new production batch: each moves to in_production and gets\n"
    "  its card number. Prints the batch. Then `cccd batch run` makes the cards. Audited by\n"
    "  cli:$USER from local.",
    1, 1};

int cmd_batch_create(int argc, char **argv) {
    const char *db = NULL, *limit_s = NULL, *args[1];
    bool json = false;
    const cli_opt opts[] = {{"--db", &db, NULL},
                            {"--limit", &limit_s, NULL},
                            {"--json", NULL, &json},
                            {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    long limit = 0;
    int64_t day, now;
    if ((limit_s && (rc = cli_parse_long(limit_s, "--limit", 1, 10000000, &limit)) >= 0) ||
        (rc = cli_queue_clock(&day, &now)) >= 0)
        return rc;
    cccd_store *st = cli_store_open(db, true);
    if (st == NULL)
        return CLI_FAIL;
    cccd_units *u = NULL;
    cccd_err err;
    char name[64];
    cccd_actor by;
    cli_actor_local(&by, name);
    cccd_batch b;
    if (cccd_store_units_load(st, &u, &err) != CCCD_OK ||
        cccd_batch_create(st, u, args[0], cccd_date_from_days(day), now, &by, (int)limit, &b,
                          &err) != CCCD_OK) {
        rc = cli_fail(&err);
    } else {
        if (json)
            cli_print_json(cccd_batch_json(&b));
        else
            cli_batch_print(&b);
        rc = CLI_OK;
    }
    cccd_units_free(u);
    cccd_store_close(st);
    return rc;
}
