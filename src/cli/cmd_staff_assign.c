/*
 * cmd_staff_assign.c: `cccd staff assign POINT USER [--from DATE] [--to DATE] [--note TEXT]`:
 * an officer or supervisor works at a point from a day (to a day), recorded and audited; an
 * officer lent by another province is assigned the same way.
 */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/cli_account.h"
#include "cli/cli_plan.h"
#include "cli/commands.h"
#include "service/outreach.h"

static const cli_cmd cmd = {
    "staff assign",
    "staff assign POINT USER [--from DATE] [--to DATE] [--note TEXT] [--db URL] [--json]\n"
    "  Assigns the account USER (an officer or a supervisor, held at any unit: an officer\n"
    "  lent by another province too) to POINT from --from (default today) to --to (default:\n"
    "  no end). An officer works at one point at a time: an overlapping assignment is\n"
    "  refused. Prints the assignment's id (cccd staff end ID closes it).",
    2, 2};

int cmd_staff_assign(int argc, char **argv) {
    const char *db = NULL, *from_s = NULL, *to_s = NULL, *note = NULL, *args[2];
    bool json = false;
    const cli_opt opts[] = {{"--db", &db, NULL},     {"--from", &from_s, NULL},
                            {"--to", &to_s, NULL},   {"--note", &note, NULL},
                            {"--json", NULL, &json}, {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    int64_t point, from, to = CCCD_STAFF_OPEN;
    if ((rc = cli_point_id(args[0], &point)) >= 0 ||
        (rc = cli_day(from_s, "from", &from, NULL)) >= 0 ||
        (to_s && (rc = cli_day(to_s, "to", &to, NULL)) >= 0))
        return rc;
    cccd_store *st = cli_store_open(db, true);
    if (st == NULL)
        return CLI_FAIL;
    cccd_err err;
    cccd_actor by;
    char who[64], a[11], b[11];
    cli_actor_local(&by, who);
    int64_t id;
    rc = cccd_outreach_staff_assign(st, &by, point, args[1], from, to, note, &id, &err);
    cccd_store_close(st);
    if (rc != CCCD_OK)
        return cli_fail(&err);
    if (json)
        cli_print_json(json_pack("{s:I,s:I,s:s,s:s,s:s?}", "id", (json_int_t)id, "point",
                                 (json_int_t)point, "username", args[1], "from",
                                 cli_day_iso(from, a), "to",
                                 to == CCCD_STAFF_OPEN ? NULL : cli_day_iso(to, b)));
    else if (to == CCCD_STAFF_OPEN)
        printf("assignment %lld: %s at point %lld from %s\n", (long long)id, args[1],
               (long long)point, cli_day_iso(from, a));
    else
        printf("assignment %lld: %s at point %lld from %s to %s\n", (long long)id, args[1],
               (long long)point, cli_day_iso(from, a), cli_day_iso(to, b));
    return CLI_OK;
}
