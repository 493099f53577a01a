/*
 * cmd_enroll_submit.c: `cccd enroll submit APP`: the desk hands a draft application on for
 * approval.
 */
#include "cli/cli_enroll.h"
#include "cli/commands.h"

static const cli_cmd cmd = {
    "enroll submit",
    "enroll submit APP [--db URL] [--json]\n"
    "  Submits draft application APP for a supervisor's approval; it counts as received in\n"
    "  its unit's figures of the day. Audited by cli:$USER from local.",
    1, 1};

int cmd_enroll_submit(int argc, char **argv) {
    const char *db = NULL, *args[1];
    bool json = false;
    const cli_opt opts[] = {{"--db", &db, NULL}, {"--json", NULL, &json}, {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    return cli_app_step(db, args[0], CCCD_APP_SUBMITTED, NULL, json);
}
