/*
 * cmd_campaign_add.c: `cccd campaign add NAME --unit U --from D --to D --target N`: a named
 * period over a unit's subtree with its own target.
 */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/cli_campaigns.h"
#include "cli/commands.h"
#include "service/quotas.h"

static const cli_cmd cmd = {
    "campaign add",
    "campaign add NAME --unit U --from DATE --to DATE --target N [--db URL] [--json]\n"
    "  Adds the campaign NAME (\"30 ngày đêm\") over unit U's subtree from DATE to DATE\n"
    "  (inclusive, weekends and holidays counted) with a target of N applications received.\n"
    "  Audited by cli:$USER from local (docs/progress.md).",
    1, 1};

int cmd_campaign_add(int argc, char **argv) {
    const char *db = NULL, *unit = NULL, *from_s = NULL, *to_s = NULL, *target_s = NULL, *args[1];
    bool json = false;
    const cli_opt opts[] = {
        {"--db", &db, NULL},   {"--unit", &unit, NULL},       {"--from", &from_s, NULL},
        {"--to", &to_s, NULL}, {"--target", &target_s, NULL}, {"--json", NULL, &json},
        {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    if (unit == NULL || target_s == NULL)
        return cli_usage_error(&cmd, "give --unit and --target");
    long target;
    cccd_date from, to;
    if ((rc = cli_parse_long(target_s, "--target", 0, 1000000000, &target)) >= 0 ||
        (rc = cli_camp_date(from_s, "--from", &from)) >= 0 ||
        (rc = cli_camp_date(to_s, "--to", &to)) >= 0)
        return rc;
    cli_camp c;
    if ((rc = cli_camp_open(&c, db)) >= 0)
        return rc;
    cccd_err err;
    cccd_campaign cp;
    if (cccd_campaign_add(c.st, c.u, args[0], unit, from, to, target, c.today, c.now, &c.by, &cp,
                          &err) != CCCD_OK) {
        rc = cli_fail(&err);
    } else {
        if (json)
            cli_print_json(cli_campaign_json(c.u, &cp));
        else
            cli_campaign_print(c.u, &cp);
        rc = CLI_OK;
    }
    cli_camp_close(&c);
    return rc;
}
