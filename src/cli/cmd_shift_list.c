/*
 * cmd_shift_list.c: `cccd shift list POINT [--from DATE] [--to DATE] [--json]`: the shifts a
 * point runs each day, with the kits working there and the capacity that gives.
 */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/cli_plan.h"
#include "cli/commands.h"
#include "service/outreach.h"
#include "service/plan.h"

static const cli_cmd cmd = {
    "shift list",
    "shift list POINT [--from DATE] [--to DATE] [--db URL] [--json]\n"
    "  The shifts point POINT runs each day from --from (default today) to --to (default a\n"
    "  week on): times (a shift that crosses midnight ends the next day), working kits, and\n"
    "  capacity = working kits x people per kit-hour x hours.",
    1, 1};

int cmd_shift_list(int argc, char **argv) {
    const char *db = NULL, *from_s = NULL, *to_s = NULL, *args[1];
    bool json = false;
    const cli_opt opts[] = {{"--db", &db, NULL},
                            {"--from", &from_s, NULL},
                            {"--to", &to_s, NULL},
                            {"--json", NULL, &json},
                            {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    int64_t point, from, to;
    if ((rc = cli_point_id(args[0], &point)) >= 0 ||
        (rc = cli_day(from_s, "from", &from, NULL)) >= 0)
        return rc;
    to = from + 6;
    if (to_s && (rc = cli_day(to_s, "to", &to, NULL)) >= 0)
        return rc;
    cccd_err err;
    cccd_store *st = cli_store_open(db, true);
    if (st == NULL)
        return CLI_FAIL;
    cccd_plan p;
    cccd_errc e = cccd_point_schedule(st, point, from, to, &p, &err);
    cccd_store_close(st);
    if (e != CCCD_OK) {
        cccd_plan_free(&p);
        return cli_fail(&err);
    }
    if (json)
        cli_print_json(cccd_schedule_json(&p));
    else
        printf("point %lld: %s (%d per kit-hour)\n", (long long)point, p.points[0].name,
               p.points[0].people_per_kit_hour);
    for (size_t i = 0; !json && i < p.nslots; i++) {
        const cccd_plan_slot *s = &p.slots[i];
        char iso[11], t[12];
        cli_day_iso(s->day, iso);
        cccd_shift_format(s->shift.start_min, s->shift.end_min, t);
        printf("%s  shift %d  %s%s  kits %d  capacity %lld\n", iso, s->shift.no, t,
               s->shift.end_min > 1440 ? " (+1)" : "     ", s->kits, (long long)s->capacity);
    }
    if (!json && p.nslots == 0)
        printf("no shifts in these days\n");
    cccd_plan_free(&p);
    return CLI_OK;
}
