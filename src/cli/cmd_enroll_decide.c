/*
 * cmd_enroll_decide.c: `cccd enroll decide CORRECTION (--approve | --reject)`: a supervisor's
 * decision on a proposed correction of the registry record.
 */
#include <stdio.h>

#include "cli/cli_account.h"
#include "cli/cli_enroll.h"
#include "cli/cli_queue.h"
#include "cli/commands.h"

static const cli_cmd cmd = {
    "enroll decide",
    "enroll decide CORRECTION (--approve | --reject) [--db URL] [--json]\n"
    "  Approves a proposed correction (its id, printed by enroll correct), applying it to the\n"
    "  registry record in the same transaction, or rejects it (the record stays). Audited by\n"
    "  cli:$USER from local.",
    1, 1};

int cmd_enroll_decide(int argc, char **argv) {
    const char *db = NULL, *args[1];
    bool json = false, approve = false, reject = false;
    const cli_opt opts[] = {{"--db", &db, NULL},
                            {"--approve", NULL, &approve},
                            {"--reject", NULL, &reject},
                            {"--json", NULL, &json},
                            {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    if (approve == reject)
        return cli_usage_error(&cmd, "give exactly one of --approve and --reject");
    long v;
    if ((rc = cli_parse_long(args[0], "correction", 1, 2000000000L, &v)) >= 0)
        return rc;
    int64_t day, now;
    if ((rc = cli_queue_clock(&day, &now)) >= 0)
        return rc;
    cccd_store *st = cli_store_open(db, true);
    if (st == NULL)
        return CLI_FAIL;
    char name[64];
    cccd_actor by;
    cli_actor_local(&by, name);
    cccd_correction c;
    cccd_err err;
    if (cccd_enroll_correction_decide(st, v, approve, now, &by, &c, &err) != CCCD_OK) {
        rc = cli_fail(&err);
    } else if (json) {
        cli_print_json(cccd_correction_json(&c));
        rc = CLI_OK;
    } else {
        printf("correction %lld: %s '%s' -> '%s', %s\n", (long long)c.id, c.field, c.old_value,
               c.new_value, cccd_corr_state_name(c.state));
        rc = CLI_OK;
    }
    cccd_store_close(st);
    return rc;
}
