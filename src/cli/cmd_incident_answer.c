/*
 * cmd_incident_answer.c: `cccd incident answer ID`: the inspection team answers an assigned
 * incident.
 */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/cli_campaigns.h"
#include "cli/commands.h"
#include "service/incidents.h"

static const cli_cmd cmd = {"incident answer",
                            "incident answer ID --text TEXT [--db URL] [--json]\n"
                            "  Answers incident ID (it must be assigned and not closed). Audited "
                            "by cli:$USER from local (docs/progress.md).",
                            1, 1};

int cmd_incident_answer(int argc, char **argv) {
    const char *db = NULL, *text = NULL, *args[1];
    bool json = false;
    const cli_opt opts[] = {
        {"--db", &db, NULL}, {"--text", &text, NULL}, {"--json", NULL, &json}, {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    if (text == NULL)
        return cli_usage_error(&cmd, "give --text");
    long id;
    if ((rc = cli_parse_long(args[0], "ID", 1, 2000000000, &id)) >= 0)
        return rc;
    cli_camp c;
    if ((rc = cli_camp_open(&c, db)) >= 0)
        return rc;
    cccd_err err;
    cccd_incident i;
    if (cccd_incident_step_do(c.st, c.u, id, CCCD_INCIDENT_ANSWER, text ? text : "", c.today, c.now,
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
