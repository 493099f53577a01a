/*
 * cmd_point_list.c: `cccd point list UNIT [--at DATE] [--json]`: the points of service of a unit
 * and of the units under it, with their kind, address and people per kit-hour.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/cli_plan.h"
#include "cli/cli_units.h"
#include "cli/commands.h"
#include "service/outreach.h"
#include "service/jurisdiction.h"
#include "service/plan.h"

static const cli_cmd cmd = {
    "point list",
    "point list UNIT [--at DATE] [--db URL] [--json]\n"
    "  The points of service of UNIT and of the units under it on --at (default today), by id:\n"
    "  id, kind, unit, name, address, the place and period of a mobile team, people per\n"
    "  kit-hour.",
    1, 1};

int cmd_point_list(int argc, char **argv) {
    const char *db = NULL, *at_s = NULL, *args[1];
    bool json = false;
    const cli_opt opts[] = {
        {"--db", &db, NULL}, {"--at", &at_s, NULL}, {"--json", NULL, &json}, {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    int64_t at;
    cccd_date at_d;
    if ((rc = cli_day(at_s, "at", &at, &at_d)) >= 0)
        return rc;
    int status = CLI_FAIL;
    cccd_err err;
    cccd_store *st = NULL;
    cccd_units *u = NULL;
    cccd_point *pts = NULL;
    size_t n = 0;
    if ((st = cli_store_open(db, true)) == NULL || (u = cli_units_from_db(st)) == NULL)
        goto done;
    if (cccd_points_of_unit(st, u, args[0], at_d, &pts, &n, &err) != CCCD_OK) {
        status = cli_fail(&err);
        goto done;
    }
    json_t *arr = json ? json_array() : NULL;
    for (size_t i = 0; i < n; i++) {
        const cccd_point *p = &pts[i];
        const cccd_unit *v = cccd_units_by_key(u, p->unit_key);
        char a[11], b[11];
        if (json) {
            json_array_append_new(arr, cccd_point_json(p, u));
            continue;
        }
        printf("%-5lld %-6s %-5s %s, %s", (long long)p->id, cccd_point_kind_name(p->kind),
               v ? v->code : p->unit_key, p->name, p->address);
        if (p->kind == CCCD_POINT_MOBILE)
            printf(" (at %s, %s to %s)", p->place, cli_day_iso(p->open_from, a),
                   cli_day_iso(p->open_to, b));
        printf(", %d per kit-hour\n", p->people_per_kit_hour);
    }
    if (json)
        cli_print_json(arr);
    else if (n == 0)
        printf("no points of service in %s\n", args[0]);
    status = CLI_OK;
done:
    free(pts);
    cccd_units_free(u);
    cccd_store_close(st);
    return status;
}
