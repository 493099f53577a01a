/*
 * cmd_queue_served.c: `cccd queue served ENTRY`: the person called to the desk was served.
 */
#include "cli/cli_queue.h"
#include "cli/commands.h"

static const cli_cmd cmd = {
    "queue served",
    "queue served ENTRY [--db URL] [--json]\n"
    "  Closes a called queue entry (its id, printed by queue next) as served. Only a called\n"
    "  entry can be closed. Audited by cli:$USER from local.",
    1, 1};

int cmd_queue_served(int argc, char **argv) {
    return cli_queue_finish(&cmd, argc, argv, true);
}
