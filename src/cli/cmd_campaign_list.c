/*
 * cmd_campaign_list.c: `cccd campaign list [UNIT]`: the campaigns, or those that concern a
 * unit.
 */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/cli_campaigns.h"
#include "cli/commands.h"
#include "service/quotas.h"

static const cli_cmd cmd = {
    "campaign list",
    "campaign list [UNIT] [--db URL] [--json]\n"
    "  Every campaign, or those over UNIT (in force today), over a unit above it, or over a\n"
    "  unit below it, by id.",
    0, 1};

typedef struct list {
    const cccd_units *u;
    json_t *a;
    int n;
} list;

static void on_campaign(void *ctx, const cccd_campaign *cp, const cccd_unit *unit) {
    list *l = ctx;
    (void)unit;
    l->n++;
    if (l->a)
        json_array_append_new(l->a, cli_campaign_json(l->u, cp));
    else
        cli_campaign_print(l->u, cp);
}

int cmd_campaign_list(int argc, char **argv) {
    const char *db = NULL, *args[1] = {NULL};
    bool json = false;
    const cli_opt opts[] = {{"--db", &db, NULL}, {"--json", NULL, &json}, {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    cli_camp c;
    if ((rc = cli_camp_open(&c, db)) >= 0)
        return rc;
    cccd_err err;
    list l = {c.u, json ? json_array() : NULL, 0};
    if (cccd_campaigns_list(c.st, c.u, nargs ? args[0] : NULL, c.today, on_campaign, &l, &err) !=
        CCCD_OK) {
        rc = cli_fail(&err);
        json_decref(l.a);
    } else {
        if (json)
            cli_print_json(l.a);
        else if (l.n == 0)
            printf("no campaign\n");
        rc = CLI_OK;
    }
    cli_camp_close(&c);
    return rc;
}
