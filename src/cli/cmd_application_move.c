/*
 * cmd_application_move.c: `cccd application move APP --to STATE`: any step of the workflow by
 * name, for the card centre's (in_production, produced, dispatched) and the unit's (received,
 * returned) steps that have no command of their own.
 */
#include <string.h>

#include "cli/cli_enroll.h"
#include "cli/commands.h"

static const cli_cmd cmd = {
    "application move",
    "application move APP --to STATE [--reason R] [--confirmed] [--db URL] [--json]\n"
    "  Moves application APP one step: draft > submitted > approved | rejected >\n"
    "  in_production > produced > dispatched > received > delivered | returned. A step not\n"
    "  allowed from the current state is refused naming it. rejected needs --reason,\n"
    "  delivered --confirmed; returned only 60 days after the card was received. Audited by\n"
    "  cli:$USER from local.",
    1, 1};

int cmd_application_move(int argc, char **argv) {
    const char *db = NULL, *to = NULL, *reason = NULL, *args[1];
    bool json = false, confirmed = false;
    const cli_opt opts[] = {{"--db", &db, NULL},         {"--to", &to, NULL},
                            {"--reason", &reason, NULL}, {"--confirmed", NULL, &confirmed},
                            {"--json", NULL, &json},     {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    if (to == NULL)
        return cli_usage_error(&cmd, "--to is required");
    int state = cccd_app_state_parse(to);
    if (state < 0 || state == CCCD_APP_DRAFT)
        return cli_usage_error(&cmd,
                               "--to: '%s' is not one of submitted, approved, rejected, "
                               "in_production, produced, dispatched, received, delivered, returned",
                               to);
    cccd_enroll_step opt = {.reason = reason, .citizen_confirmed = confirmed};
    return cli_app_step(db, args[0], (cccd_app_state)state, &opt, json);
}
