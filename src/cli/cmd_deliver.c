/*
 * cmd_deliver.c: `cccd deliver APP --confirmed`: the card is handed to the citizen.
 */
#include "cli/cli_enroll.h"
#include "cli/commands.h"

static const cli_cmd cmd = {
    "deliver",
    "deliver APP --confirmed [--db URL] [--json]\n"
    "  Hands the card of application APP (received at the unit) to the citizen, who confirms\n"
    "  receiving it (--confirmed, required). The new card goes into the registry record (the\n"
    "  personal ID as its number, issued the day it was produced, valid until the next\n"
    "  exchange age). Audited by cli:$USER from local.",
    1, 1};

int cmd_deliver(int argc, char **argv) {
    const char *db = NULL, *args[1];
    bool json = false, confirmed = false;
    const cli_opt opts[] = {{"--db", &db, NULL},
                            {"--confirmed", NULL, &confirmed},
                            {"--json", NULL, &json},
                            {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    cccd_enroll_step opt = {.citizen_confirmed = confirmed};
    return cli_app_step(db, args[0], CCCD_APP_DELIVERED, &opt, json);
}
