/* cmd_id_check.c: placeholder while the session's work is in progress; replaced before commit. */
#include "cli/cli.h"
#include "cli/commands.h"
int cmd_id_check(int argc, char **argv) {
    (void)argc;
    (void)argv;
    return cli_failf("in progress");
}
