/*
 * cmd_kit_assign.c: `cccd kit assign SERIAL (--point ID | --unit UNIT) [--on DATE]`: a kit goes
 * to a point of service, or to a unit (a province handing kits to a district, one province
 * lending to another), from a day; the history keeps where it was before.
 */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/cli_account.h"
#include "cli/cli_plan.h"
#include "cli/cli_units.h"
#include "cli/commands.h"
#include "service/outreach.h"

static const cli_cmd cmd = {
    "kit assign",
    "kit assign SERIAL (--point ID | --unit UNIT) [--on DATE] [--note TEXT] [--db URL]\n"
    "  From --on (default today) the kit is at point ID, or held by UNIT (a transfer between\n"
    "  units). Earlier days keep where it was: see cccd kit history.",
    1, 1};

int cmd_kit_assign(int argc, char **argv) {
    const char *db = NULL, *point_s = NULL, *unit_s = NULL, *on_s = NULL, *note = NULL, *args[1];
    const cli_opt opts[] = {{"--db", &db, NULL},       {"--point", &point_s, NULL},
                            {"--unit", &unit_s, NULL}, {"--on", &on_s, NULL},
                            {"--note", &note, NULL},   {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    if ((point_s == NULL) == (unit_s == NULL))
        return cli_usage_error(&cmd, "give either --point or --unit");
    int64_t on, point = 0;
    cccd_date on_d;
    if ((rc = cli_day(on_s, "on", &on, &on_d)) >= 0 ||
        (point_s && (rc = cli_point_id(point_s, &point)) >= 0))
        return rc;
    int status = CLI_FAIL;
    cccd_err err;
    cccd_store *st = NULL;
    cccd_units *u = NULL;
    char key[CCCD_UNIT_KEY_LEN] = "";
    if ((st = cli_store_open(db, true)) == NULL)
        goto done;
    if (unit_s) {
        const cccd_unit *unit = NULL;
        if ((u = cli_units_from_db(st)) == NULL)
            goto done;
        if ((unit = cccd_units_lookup(u, unit_s, CCCD_UNIT_ANY, on_d, &err)) == NULL) {
            status = cli_fail(&err);
            goto done;
        }
        cccd_store_unit_key(unit, key);
    }
    cccd_actor by;
    char who[64];
    cli_actor_local(&by, who);
    if (cccd_outreach_kit_move(st, &by, args[0], on, point, key, note, &err) != CCCD_OK) {
        status = cli_fail(&err);
        goto done;
    }
    char iso[11];
    if (point)
        printf("kit %s: at point %lld from %s\n", args[0], (long long)point, cli_day_iso(on, iso));
    else
        printf("kit %s: held by %s from %s\n", args[0], unit_s, cli_day_iso(on, iso));
    status = CLI_OK;
done:
    cccd_units_free(u);
    cccd_store_close(st);
    return status;
}
