/*
 * cmd_point_add.c: `cccd point add UNIT --name NAME --address ADDRESS [--kind KIND] ...`: a point
 * of service of a unit: a fixed office, a mobile team serving at a place for a period, or a
 * home-visit team.
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
    "point add",
    "point add UNIT --name NAME --address ADDRESS [--kind fixed|mobile|home]\n"
    "          [--place PLACE --from DATE --to DATE] [--per-kit-hour N] [--at DATE]\n"
    "          [--db URL] [--json]\n"
    "  Adds a point of service to UNIT (a code in force on --at, default today): fixed (the\n"
    "  default: district office, one-stop centre, commune police), mobile (a team or vehicle\n"
    "  serving at --place from --from to --to), or home (a home-visit team). --per-kit-hour is\n"
    "  how many people one working kit serves in an hour there (default 6). Prints the new\n"
    "  point's id; its shifts are set with cccd shift set.",
    1, 1};

int cmd_point_add(int argc, char **argv) {
    const char *db = NULL, *name = NULL, *address = NULL, *kind_s = NULL, *place = NULL,
               *from_s = NULL, *to_s = NULL, *pph_s = NULL, *at_s = NULL, *args[1];
    bool json = false;
    const cli_opt opts[] = {{"--db", &db, NULL},
                            {"--name", &name, NULL},
                            {"--address", &address, NULL},
                            {"--kind", &kind_s, NULL},
                            {"--place", &place, NULL},
                            {"--from", &from_s, NULL},
                            {"--to", &to_s, NULL},
                            {"--per-kit-hour", &pph_s, NULL},
                            {"--at", &at_s, NULL},
                            {"--json", NULL, &json},
                            {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    if (name == NULL || address == NULL)
        return cli_usage_error(&cmd, "--name and --address are required");
    cccd_point p = {.kind = CCCD_POINT_FIXED,
                    .open_from = INT64_MIN,
                    .open_to = INT64_MAX,
                    .people_per_kit_hour = CCCD_PEOPLE_PER_KIT_HOUR_DEFAULT};
    if (kind_s) {
        int k = cccd_point_kind_parse(kind_s);
        if (k < 0)
            return cli_usage_error(&cmd, "--kind is fixed, mobile or home, not '%s'", kind_s);
        p.kind = (cccd_point_kind)k;
    }
    if (p.kind == CCCD_POINT_MOBILE && (place == NULL || from_s == NULL || to_s == NULL))
        return cli_usage_error(&cmd, "a mobile point needs --place, --from and --to");
    if (p.kind != CCCD_POINT_MOBILE && (place || from_s || to_s))
        return cli_usage_error(&cmd, "--place, --from and --to are for a mobile point");
    const char *texts[] = {name, address, place ? place : ""};
    for (int i = 0; i < 3; i++) /* longer ones would be cut below: the service says why */
        if (strlen(texts[i]) > CCCD_POINT_TEXT_MAX)
            return cli_failf("%s: 1 to %d bytes",
                             i == 0   ? "name"
                             : i == 1 ? "address"
                                      : "place",
                             CCCD_POINT_TEXT_MAX);
    snprintf(p.name, sizeof p.name, "%s", name);
    snprintf(p.address, sizeof p.address, "%s", address);
    snprintf(p.place, sizeof p.place, "%s", place ? place : "");
    long pph = CCCD_PEOPLE_PER_KIT_HOUR_DEFAULT;
    if (pph_s && (rc = cli_parse_long(pph_s, "--per-kit-hour", 1, 60, &pph)) >= 0)
        return rc;
    p.people_per_kit_hour = (int)pph;
    int64_t at;
    cccd_date at_d;
    if ((rc = cli_day(at_s, "at", &at, &at_d)) >= 0 ||
        (from_s && (rc = cli_day(from_s, "from", &p.open_from, NULL)) >= 0) ||
        (to_s && (rc = cli_day(to_s, "to", &p.open_to, NULL)) >= 0))
        return rc;
    int status = CLI_FAIL;
    cccd_err err;
    cccd_store *st = NULL;
    cccd_units *u = NULL;
    if ((st = cli_store_open(db, true)) == NULL || (u = cli_units_from_db(st)) == NULL)
        goto done;
    const cccd_unit *unit = cccd_units_lookup(u, args[0], CCCD_UNIT_ANY, at_d, &err);
    int64_t id;
    if (unit == NULL) {
        status = cli_fail(&err);
        goto done;
    }
    cccd_store_unit_key(unit, p.unit_key);
    cccd_actor by;
    char who[64];
    cli_actor_local(&by, who);
    if (cccd_outreach_point_add(st, &by, &p, &id, &err) != CCCD_OK) {
        status = cli_fail(&err);
        goto done;
    }
    if (json)
        cli_print_json(json_pack("{s:I,s:s,s:s,s:s}", "id", (json_int_t)id, "unit", unit->code,
                                 "kind", cccd_point_kind_name(p.kind), "name", p.name));
    else
        printf("point %lld: %s (%s, %s)\n", (long long)id, p.name, cccd_point_kind_name(p.kind),
               unit->name);
    status = CLI_OK;
done:
    cccd_units_free(u);
    cccd_store_close(st);
    return status;
}
