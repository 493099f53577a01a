/*
 * cmd_incident_close.c: `cccd incident close ID`: the inspection team closes an incident.
 */
#include "cli/cli.h"
#include "cli/cli_campaigns.h"
#include "cli/commands.h"

static const cli_cmd cmd = {
    "incident close",
    "incident close ID [--note TEXT] [--db URL] [--json]\n"
    "  Closes incident ID (TEXT, when given, becomes its answer). A closed incident\n  takes no "
    "further step. Audited by cli:$USER from local (docs/progress.md).",
    1, 1};

int cmd_incident_close(int argc, char **argv) {
    const char *db = NULL, *text = NULL, *args[1];
    bool json = false;
    const cli_opt opts[] = {
        {"--db", &db, NULL}, {"--note", &text, NULL}, {"--json", NULL, &json}, {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    return cli_incident_step(db, args[0], CCCD_INCIDENT_CLOSE, text, json);
}
