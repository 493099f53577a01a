/*
 * cmd_kit_add.c: `cccd kit add SERIAL --unit UNIT [--on DATE]`: registers an enrollment kit,
 * working, held by a unit from a day.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_account.h"
#include "cli/cli_plan.h"
#include "cli/cli_units.h"
#include "cli/commands.h"
#include "service/outreach.h"

static const cli_cmd cmd = {
    "kit add",
    "kit add SERIAL --unit UNIT [--on DATE] [--db URL]\n"
    "  Registers an enrollment kit by its serial number, working and held by UNIT (a code in\n"
    "  force on --on, default today) from that day. Send it to a point with cccd kit assign.",
    1, 1};

int cmd_kit_add(int argc, char **argv) {
    const char *db = NULL, *unit_s = NULL, *on_s = NULL, *args[1];
    const cli_opt opts[] = {
        {"--db", &db, NULL}, {"--unit", &unit_s, NULL}, {"--on", &on_s, NULL}, {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    if (unit_s == NULL)
        return cli_usage_error(&cmd, "--unit is required");
    if (strlen(args[0]) == 0 || strlen(args[0]) > CCCD_KIT_SERIAL_MAX)
        return cli_failf("serial: 1 to %d characters", CCCD_KIT_SERIAL_MAX);
    int64_t on;
    cccd_date on_d;
    if ((rc = cli_day(on_s, "on", &on, &on_d)) >= 0)
        return rc;
    int status = CLI_FAIL;
    cccd_err err;
    cccd_store *st = NULL;
    cccd_units *u = NULL;
    if ((st = cli_store_open(db, true)) == NULL || (u = cli_units_from_db(st)) == NULL)
        goto done;
    const cccd_unit *unit = cccd_units_lookup(u, unit_s, CCCD_UNIT_ANY, on_d, &err);
    char key[CCCD_UNIT_KEY_LEN];
    if (unit)
        cccd_store_unit_key(unit, key);
    cccd_actor by;
    char who[64];
    cli_actor_local(&by, who);
    if (unit == NULL || cccd_outreach_kit_add(st, &by, args[0], on, key, &err) != CCCD_OK) {
        status = cli_fail(&err);
        goto done;
    }
    printf("kit %s: working, held by %s\n", args[0], unit->name);
    status = CLI_OK;
done:
    cccd_units_free(u);
    cccd_store_close(st);
    return status;
}
