/*
 * cmd_incident_answer.c: `cccd incident answer ID`: the inspection team answers an assigned
 * incident.
 */
#include "cli/cli.h"
#include "cli/cli_campaigns.h"
#include "cli/commands.h"

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
    return cli_incident_step(db, args[0], CCCD_INCIDENT_ANSWER, text, json);
}
