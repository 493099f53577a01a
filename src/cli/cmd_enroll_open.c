/*
 * cmd_enroll_open.c: `cccd enroll open PERSONAL_ID --request-id R`: the desk opens an
 * application from the person's registry record, its type decided by rule.
 */
#include <stdio.h>

#include "cli/cli_account.h"
#include "cli/cli_enroll.h"
#include "cli/cli_plan.h"
#include "cli/cli_queue.h"
#include "cli/cli_units.h"
#include "cli/commands.h"

static const cli_cmd cmd = {
    "enroll open",
    "enroll open PERSONAL_ID --request-id R [--point P] [--lost | --damaged] [--changed TEXT]\n"
    "            [--db URL] [--json]\n"
    "  Opens a draft application for the person from their registry record and prints its id,\n"
    "  type and the reason for it: first_issue (no chip card), exchange (card expired or\n"
    "  expiring within 90 days, --damaged, the commune of residence changed, or --changed\n"
    "  saying what data changed), reissue (--lost: the old card is revoked). Refused with the\n"
    "  reason: under 14, deceased, an application already open, a valid card with nothing to\n"
    "  change. --request-id: the desk's key (a UUID): the same key again returns the same\n"
    "  application and opens no second one. --point: the point of service receiving it (the\n"
    "  application then belongs to the point's unit, and the person's queue entry called\n"
    "  there today is linked). Audited by cli:$USER from local.",
    1, 1};

int cmd_enroll_open(int argc, char **argv) {
    const char *db = NULL, *request = NULL, *point_s = NULL, *changed = NULL, *args[1];
    bool json = false, lost = false, damaged = false;
    const cli_opt opts[] = {{"--db", &db, NULL},           {"--request-id", &request, NULL},
                            {"--point", &point_s, NULL},   {"--lost", NULL, &lost},
                            {"--damaged", NULL, &damaged}, {"--changed", &changed, NULL},
                            {"--json", NULL, &json},       {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    if (request == NULL)
        return cli_usage_error(&cmd, "--request-id is required");
    if (lost && damaged)
        return cli_usage_error(&cmd, "give at most one of --lost and --damaged");
    int64_t point = 0, day, now;
    if ((point_s && (rc = cli_point_id(point_s, &point)) >= 0) ||
        (rc = cli_queue_clock(&day, &now)) >= 0)
        return rc;
    cccd_store *st = cli_store_open(db, true);
    if (st == NULL)
        return CLI_FAIL;
    cccd_units *u = cli_units_from_db(st);
    if (u == NULL) {
        cccd_store_close(st);
        return CLI_FAIL;
    }
    char name[64];
    cccd_actor by;
    cli_actor_local(&by, name);
    cccd_enroll_open_req r = {.personal_id = args[0],
                              .request_id = request,
                              .point_id = point,
                              .lost = lost,
                              .damaged = damaged,
                              .changed = changed};
    cccd_application a;
    cccd_err err;
    bool created = false;
    if (cccd_enroll_open(st, u, cccd_date_from_days(day), now, &by, &r, &a, &created, &err) !=
        CCCD_OK) {
        rc = cli_fail(&err);
    } else if (json) {
        json_t *o = cccd_enroll_json(st, &a, false, &err);
        rc = o ? CLI_OK : cli_fail(&err);
        if (o) {
            json_object_set_new(o, "created", json_boolean(created));
            cli_print_json(o);
        }
    } else {
        cli_app_print(&a);
        if (!created)
            printf("(opened before with request id %s: nothing new)\n", a.request_id);
        rc = CLI_OK;
    }
    cccd_units_free(u);
    cccd_store_close(st);
    return rc;
}
