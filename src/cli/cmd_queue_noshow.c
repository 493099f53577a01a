/*
 * cmd_queue_noshow.c: `cccd queue noshow ENTRY`: the person called did not come to the desk;
 * their ticket is withdrawn so the next plan places them again.
 */
#include "cli/cli_queue.h"
#include "cli/commands.h"

static const cli_cmd cmd = {
    "queue noshow",
    "queue noshow ENTRY [--db URL] [--json]\n"
    "  Closes a called queue entry as a no-show. When the person was checked in by a ticket\n"
    "  they still hold, the ticket is withdrawn: they are back on the remaining list and the\n"
    "  next plan places them again. Audited by cli:$USER from local.",
    1, 1};

int cmd_queue_noshow(int argc, char **argv) {
    return cli_queue_finish(&cmd, argc, argv, false);
}
