/*
 * cmd_registry_rollover.c: `cccd registry rollover [--to DATE]`: moves the coverage counters to
 * a new reference day (default today), in one transaction. Coverage on a date reads the
 * counters plus the people whose status changed since their day; a daily rollover keeps that
 * second part small, so the figures a commander reads each morning cost one row per unit.
 * Imports roll the counters to their own day as well.
 */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/commands.h"

static const cli_cmd cmd = {
    "registry rollover",
    "registry rollover [--to DATE] [--db URL] [--json]\n"
    "  Moves the coverage counters to DATE (default today): the people who turned 14 and the\n"
    "  cards issued or expired since the counters' day are counted in. The figures do not\n"
    "  change; reading them on dates near DATE gets cheaper. Run it daily.",
    0, 0};

typedef struct roll {
    int64_t to;
    int64_t from;
} roll;

static cccd_errc roll_txn(cccd_store *st, void *ctx, cccd_err *err) {
    roll *r = ctx;
    cccd_errc rc = cccd_store_coverage_day(st, &r->from, err);
    if (rc == CCCD_OK)
        rc = cccd_store_coverage_begin(st, r->to, err);
    return rc;
}

int cmd_registry_rollover(int argc, char **argv) {
    const char *db = NULL, *to_s = NULL;
    bool json = false;
    const cli_opt opts[] = {
        {"--db", &db, NULL}, {"--to", &to_s, NULL}, {"--json", NULL, &json}, {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, NULL, &nargs);
    if (rc >= 0)
        return rc;
    cccd_err err;
    cccd_date to;
    if ((to_s ? cccd_date_parse_full(to_s, "to", &to, &err) : cli_today(&to, &err)) != CCCD_OK)
        return cli_fail(&err);
    cccd_store *st = cli_store_open(db, true);
    if (st == NULL)
        return CLI_FAIL;
    roll r = {cccd_date_to_days(to), INT64_MIN};
    cccd_errc e = cccd_store_transaction(st, roll_txn, &r, &err);
    cccd_store_close(st);
    if (e != CCCD_OK)
        return cli_fail(&err);
    char a[11], b[11];
    cccd_date_iso(to, b);
    if (r.from == INT64_MIN)
        a[0] = '\0';
    else
        cccd_date_iso(cccd_date_from_days(r.from), a);
    if (json)
        cli_print_json(json_pack("{s:s?,s:s}", "from", r.from == INT64_MIN ? NULL : a, "to", b));
    else if (r.from == INT64_MIN)
        printf("no counters yet: they start on %s\n", b);
    else
        printf("coverage counters moved from %s to %s\n", a, b);
    return CLI_OK;
}
