/*
 * cmd_manifest_receive.c: `cccd manifest receive MANIFEST`: the receiving unit confirms the
 * cards of a manifest arrived.
 */
#include "cli/cli_account.h"
#include "cli/cli_production.h"
#include "cli/cli_queue.h"
#include "cli/commands.h"
#include "service/production.h"

static const cli_cmd cmd = {
    "manifest receive",
    "manifest receive MANIFEST [--db URL] [--json]\n"
    "  Confirms that the cards of manifest MANIFEST reached its unit: each application moves to\n"
    "  received, ready to hand over (`cccd deliver`). Once only. Audited by cli:$USER from\n"
    "  local.",
    1, 1};

int cmd_manifest_receive(int argc, char **argv) {
    const char *db = NULL, *args[1];
    bool json = false;
    const cli_opt opts[] = {{"--db", &db, NULL}, {"--json", NULL, &json}, {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    int64_t id, day, now;
    if (rc >= 0 || (rc = cli_batch_id(args[0], "manifest", &id)) >= 0 ||
        (rc = cli_queue_clock(&day, &now)) >= 0)
        return rc;
    cccd_store *st = cli_store_open(db, true);
    if (st == NULL)
        return CLI_FAIL;
    char name[64];
    cccd_actor by;
    cli_actor_local(&by, name);
    cccd_err err;
    cccd_manifest m;
    if (cccd_manifest_receive(st, id, now, &by, &m, &err) != CCCD_OK) {
        rc = cli_fail(&err);
    } else {
        if (json)
            cli_print_json(cccd_manifest_json(&m));
        else
            cli_manifest_print(&m);
        rc = CLI_OK;
    }
    cccd_store_close(st);
    return rc;
}
