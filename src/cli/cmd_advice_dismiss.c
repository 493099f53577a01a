/*
 * cmd_advice_dismiss.c: `cccd advice dismiss ID`: dismisses a proposal: nothing moves
 * (docs/advice.md).
 */
#include "cli/cli.h"
#include "cli/cli_advice.h"
#include "cli/commands.h"

static const cli_cmd cmd = {
    "advice dismiss",
    "advice dismiss ID [--db URL] [--json]\n"
    "  Dismisses proposal ID of `cccd advice`: nothing moves; the proposal is marked\n"
    "  dismissed (audited advice.dismiss). Refused when it was decided or replaced already.",
    1, 1};

int cmd_advice_dismiss(int argc, char **argv) {
    const char *db = NULL, *args[1];
    bool json = false;
    const cli_opt opts[] = {{"--db", &db, NULL}, {"--json", NULL, &json}, {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    return cli_advice_decide(db, args[0], false, json);
}
