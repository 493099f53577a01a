/*
 * cmd_incident_list.c: `cccd incident list [UNIT] [--all]`: the open incidents of a unit's
 * subtree with their age.
 */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/cli_campaigns.h"
#include "cli/commands.h"
#include "service/incidents.h"

static const cli_cmd cmd = {
    "incident list",
    "incident list [UNIT] [--all] [--db URL] [--json]\n"
    "  The incidents not yet closed in UNIT's subtree (in force today; every unit when none\n"
    "  is given), oldest first, each with its age (hours and minutes since it was reported).\n"
    "  --all: closed ones too (their age: until they were closed).",
    0, 1};

typedef struct list {
    const cccd_units *u;
    json_t *a;
    int n;
} list;

static void on_incident(void *ctx, const cccd_incident *i, const cccd_unit *unit, int64_t age) {
    list *l = ctx;
    (void)unit;
    l->n++;
    if (l->a)
        json_array_append_new(l->a, cli_incident_json(l->u, i, age));
    else
        cli_incident_print(l->u, i, age);
}

int cmd_incident_list(int argc, char **argv) {
    const char *db = NULL, *args[1] = {NULL};
    bool json = false, all = false;
    const cli_opt opts[] = {
        {"--db", &db, NULL}, {"--all", NULL, &all}, {"--json", NULL, &json}, {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    cli_camp c;
    if ((rc = cli_camp_open(&c, db)) >= 0)
        return rc;
    cccd_err err;
    list l = {c.u, json ? json_array() : NULL, 0};
    if (cccd_incidents_list(c.st, c.u, nargs ? args[0] : NULL, !all, c.today, c.now, on_incident,
                            &l, &err) != CCCD_OK) {
        rc = cli_fail(&err);
        json_decref(l.a);
    } else {
        if (json)
            cli_print_json(l.a);
        else if (l.n == 0)
            printf("no incident%s\n", all ? "" : " open");
        rc = CLI_OK;
    }
    cli_camp_close(&c);
    return rc;
}
