/*
 * cmd_quota_show.c: `cccd quota show UNIT`: the quota of a unit and of each of its children,
 * as they stand today.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/cli_campaigns.h"
#include "cli/commands.h"
#include "service/quotas.h"

static const cli_cmd cmd = {
    "quota show",
    "quota show UNIT [--db URL] [--json]\n"
    "  The quota of UNIT (in force today) and of each of its child units: the target, the\n"
    "  deadline, and how many stored quotas add up to it (the units merged into it keep\n"
    "  theirs). '-' where no quota was given.",
    1, 1};

static json_t *view_json(const cccd_unit *un, const cccd_quota_view *q) {
    char iso[16];
    if (!q->set)
        return json_pack("{s:s,s:s,s:n}", "code", un->code, "name", un->name, "quota");
    return json_pack("{s:s,s:s,s:{s:I,s:s,s:i}}", "code", un->code, "name", un->name, "quota",
                     "target", (json_int_t)q->target, "deadline",
                     cccd_date_iso(cccd_date_from_days(q->deadline), iso), "sources", q->nsources);
}

static void view_print(const cccd_unit *un, const cccd_quota_view *q, bool indent) {
    char iso[16], name[4 * 34 + 1];
    if (q->set)
        printf("%s%-6s %s %10lld by %s\n", indent ? "  " : "", un->code,
               cli_pad(un->name, 34, name), (long long)q->target,
               cccd_date_iso(cccd_date_from_days(q->deadline), iso));
    else
        printf("%s%-6s %s %10s\n", indent ? "  " : "", un->code, cli_pad(un->name, 34, name), "-");
}

int cmd_quota_show(int argc, char **argv) {
    const char *db = NULL, *args[1];
    bool json = false;
    const cli_opt opts[] = {{"--db", &db, NULL}, {"--json", NULL, &json}, {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    cli_camp c;
    if ((rc = cli_camp_open(&c, db)) >= 0)
        return rc;
    cccd_err err;
    const cccd_unit *un = cccd_units_lookup(c.u, args[0], CCCD_UNIT_ANY, c.today, &err);
    const cccd_unit **units = NULL, **kids = NULL;
    size_t nk = 0;
    cccd_quota_view *qv = NULL;
    if (un == NULL || (un->level != CCCD_UNIT_COMMUNE &&
                       cccd_units_children(c.u, un, &c.today, &kids, &nk, &err) != CCCD_OK)) {
        rc = cli_fail(&err);
    } else if ((units = calloc(nk + 1, sizeof *units)) == NULL ||
               (qv = calloc(nk + 1, sizeof *qv)) == NULL) {
        rc = cli_failf("out of memory");
    } else {
        units[0] = un;
        for (size_t i = 0; i < nk; i++)
            units[i + 1] = kids[i];
        if (cccd_quota_of_many(c.st, c.u, units, nk + 1, c.today, qv, &err) != CCCD_OK) {
            rc = cli_fail(&err);
        } else {
            if (json) {
                json_t *o = view_json(un, &qv[0]), *a = json_array();
                for (size_t i = 1; i <= nk; i++)
                    json_array_append_new(a, view_json(units[i], &qv[i]));
                json_object_set_new(o, "children", a);
                cli_print_json(o);
            } else {
                for (size_t i = 0; i <= nk; i++)
                    view_print(units[i], &qv[i], i > 0);
            }
            rc = CLI_OK;
        }
    }
    free(kids);
    free(units);
    free(qv);
    cli_camp_close(&c);
    return rc;
}
