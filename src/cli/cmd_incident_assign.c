/*
 * cmd_incident_assign.c: `cccd incident assign ID`: the inspection team assigns an incident to
 * someone (the inspection team's member or a unit).
 */
#include "cli/cli.h"
#include "cli/cli_campaigns.h"
#include "cli/commands.h"

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
    return cli_incident_step(db, args[0], CCCD_INCIDENT_ASSIGN, text, json);
}
