/*
 * cmd_user_disable.c: `cccd user disable NAME`: no login any more, every session ended at once.
 * Audited as "cli:$USER".
 */
#include "cli/cli.h"
#include "cli/cli_account.h"
#include "cli/commands.h"

static const cli_cmd cmd = {
    "user disable",
    "user disable NAME [--db URL]\n"
    "  Disables the account NAME: it can no longer log in, and every session it holds\n"
    "  ends at once. Reversed by cccd user enable.",
    1, 1};

int cmd_user_disable(int argc, char **argv) {
    return cli_account_set_disabled(&cmd, argc, argv, true);
}
