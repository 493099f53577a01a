/*
 * cmd_advice_accept.c: `cccd advice accept ID`: accepts a proposal: the kit or officer moves
 * (docs/advice.md).
 */
#include "cli/cli.h"
#include "cli/cli_advice.h"
#include "cli/commands.h"

static const cli_cmd cmd = {
    "advice accept",
    "advice accept ID [--db URL] [--json]\n"
    "  Accepts proposal ID of `cccd advice`: in one transaction the kit moves from today to\n"
    "  the receiving unit's point (or the unit), the officer's assignment ends yesterday and a\n"
    "  new one at the receiving point begins today, and the proposal is marked accepted\n"
    "  (audited advice.accept, kit.move, staff.end, staff.assign). Refused when the proposal\n"
    "  was decided or replaced already, or is stale: the kit no longer working at the giving\n"
    "  unit, the officer no longer in that assignment.",
    1, 1};

int cmd_advice_accept(int argc, char **argv) {
    const char *db = NULL, *args[1];
    bool json = false;
    const cli_opt opts[] = {{"--db", &db, NULL}, {"--json", NULL, &json}, {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    return cli_advice_decide(db, args[0], true, json);
}
