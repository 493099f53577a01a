/*
 * cmd_incident_assign.c: `cccd incident assign ID`: the inspection team assigns an incident to
 * someone (the inspection team's member or a unit).
 */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/cli_campaigns.h"
#include "cli/commands.h"
#include "service/incidents.h"

static const cli_cmd cmd = {
    "incident assign",
    "incident assign ID --to WHO [--db URL] [--json]\n"
    "  Assigns incident ID to WHO (a person or a team; again to change it). The incident\n  must "
    "not be closed. Audited by cli:$USER from local (docs/progress.md).",
    1, 1};

int cmd_incident_assign(int argc, char **argv) {
    const char *db = NULL, *text = NULL, *args[1];
    bool json = false;
    const cli_opt opts[] = {
        {"--db", &db, NULL}, {"--to", &text, NULL}, {"--json", NULL, &json}, {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    if (text == NULL)
        return cli_usage_error(&cmd, "give --to");
    long id;
    if ((rc = cli_parse_long(args[0], "ID", 1, 2000000000, &id)) >= 0)
        return rc;
    cli_camp c;
    if ((rc = cli_camp_open(&c, db)) >= 0)
        return rc;
    cccd_err err;
    cccd_incident i;
    if (cccd_incident_step_do(c.st, c.u, id, CCCD_INCIDENT_ASSIGN, text ? text : "", c.today, c.now,
                              &c.by, &i, &err) != CCCD_OK) {
        rc = cli_fail(&err);
    } else {
        if (json)
            cli_print_json(cli_incident_json(c.u, &i, -1));
        else
            cli_incident_print(c.u, &i, -1);
        rc = CLI_OK;
    }
    cli_camp_close(&c);
    return rc;
}
