/*
 * cmd_approve.c: `cccd approve APP`: a supervisor's approval of a submitted application.
 */
#include "cli/cli_enroll.h"
#include "cli/commands.h"

static const cli_cmd cmd = {
    "approve",
    "approve APP [--db URL] [--json]\n"
    "  Approves submitted application APP for production. Every correction must be decided\n"
    "  and every finger exception confirmed first. Audited by cli:$USER from local.",
    1, 1};

int cmd_approve(int argc, char **argv) {
    const char *db = NULL, *args[1];
    bool json = false;
    const cli_opt opts[] = {{"--db", &db, NULL}, {"--json", NULL, &json}, {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    return cli_app_step(db, args[0], CCCD_APP_APPROVED, NULL, json);
}
