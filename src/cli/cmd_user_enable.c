/*
 * cmd_user_enable.c: `cccd user enable NAME`: it may log in again (its old sessions stay ended).
 * Audited as "cli:$USER".
 */
#include "cli/cli.h"
#include "cli/cli_account.h"
#include "cli/commands.h"

static const cli_cmd cmd = {
    "user enable",
    "user enable NAME [--db URL]\n"
    "  Enables the disabled account NAME again. Its old sessions stay ended: it logs\n"
    "  in afresh.",
    1, 1};

int cmd_user_enable(int argc, char **argv) {
    return cli_account_set_disabled(&cmd, argc, argv, false);
}
