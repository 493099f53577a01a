/*
 * cmd_incident_report.c: `cccd incident report UNIT --kind K --place P [--note N]`: a unit
 * reports a difficulty.
 */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/cli_campaigns.h"
#include "cli/commands.h"
#include "service/incidents.h"

static const cli_cmd cmd = {
    "incident report",
    "incident report UNIT --kind KIND --place PLACE [--note TEXT] [--db URL] [--json]\n"
    "  Reports a difficulty at UNIT (in force today): KIND is kit_broken, network_down,\n"
    "  data_error, crowding or other; PLACE where (a point, an address). Prints the\n"
    "  incident with its id. Audited by cli:$USER from local (docs/progress.md).",
    1, 1};

int cmd_incident_report(int argc, char **argv) {
    const char *db = NULL, *kind = NULL, *place = NULL, *note = "", *args[1];
    bool json = false;
    const cli_opt opts[] = {{"--db", &db, NULL},       {"--kind", &kind, NULL},
                            {"--place", &place, NULL}, {"--note", &note, NULL},
                            {"--json", NULL, &json},   {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    cli_camp c;
    if ((rc = cli_camp_open(&c, db)) >= 0)
        return rc;
    cccd_err err;
    cccd_incident i;
    if (cccd_incident_report(c.st, c.u, args[0], kind, place, note, c.today, c.now, &c.by, &i,
                             &err) != CCCD_OK) {
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
