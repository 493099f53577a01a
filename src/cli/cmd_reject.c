/*
 * cmd_reject.c: `cccd reject APP --reason R`: a supervisor rejects a submitted application.
 */
#include "cli/cli_enroll.h"
#include "cli/commands.h"

static const cli_cmd cmd = {
    "reject",
    "reject APP --reason R [--db URL] [--json]\n"
    "  Rejects submitted application APP, saying why (the citizen is told; the person may\n"
    "  then apply again). Audited by cli:$USER from local.",
    1, 1};

int cmd_reject(int argc, char **argv) {
    const char *db = NULL, *reason = NULL, *args[1];
    bool json = false;
    const cli_opt opts[] = {{"--db", &db, NULL},
                            {"--reason", &reason, NULL},
                            {"--json", NULL, &json},
                            {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    if (reason == NULL)
        return cli_usage_error(&cmd, "--reason is required");
    cccd_enroll_step opt = {.reason = reason};
    return cli_app_step(db, args[0], CCCD_APP_REJECTED, &opt, json);
}
