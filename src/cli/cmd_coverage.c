/*
 * cmd_coverage.c: `cccd coverage UNIT [--at DATE] [--json] [--remaining]`: how far a unit has
 * come on a date (residents, eligible, holding a valid chip card, in progress, remaining),
 * a line per child unit, and on request the people who still need a card, by residential
 * group and household, a page at a time.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_units.h"
#include "cli/commands.h"
#include "service/coverage.h"
#include "service/residents.h"

static const cli_cmd cmd = {
    "coverage",
    "coverage UNIT [--at DATE] [--db URL] [--json]\n"
    "         [--remaining [--limit N] [--after CURSOR]]\n"
    "  Residents (alive), eligible (14 and over), holding a valid chip card, in progress and\n"
    "  remaining for UNIT (VN for the whole country, or a province, district or commune code\n"
    "  in force on --at, default today) and each of its child units. People registered in a unit "
    "that no longer exists\n"
    "  count under the unit that serves them on that date.\n"
    "  --remaining lists the people who still need a card (by registered commune, residential\n"
    "  group and household), at most N (default 50); the last line gives the CURSOR for the\n"
    "  next page.",
    1, 1};

static void line_print(const cccd_coverage_line *l, bool indent) {
    char a[32], b[32], c[32], d[32], e[32];
    double pct = l->c.eligible ? 100.0 * (double)l->c.valid_card / (double)l->c.eligible : 0;
    char name[4 * 34 + 1];
    printf("%s%-6s %s %12s %12s %12s %10s %12s %5.1f%%\n", indent ? "  " : "", l->unit->code,
           cli_pad(l->unit->name, 34, name), cli_thousands(l->c.residents, a),
           cli_thousands(l->c.eligible, b), cli_thousands(l->c.valid_card, c),
           cli_thousands(l->c.in_progress, d), cli_thousands(l->remaining, e), pct);
}

typedef struct page {
    json_t *list;
} page;

static bool on_remaining(void *ctx, const cccd_store_record *r) {
    page *p = ctx;
    if (p->list)
        json_array_append_new(p->list, cccd_record_json(r));
    else {
        char grp[4 * 20 + 1], name[4 * 30 + 1];
        printf("%s %-18s %s  %s %-10s %s\n", cli_pad(r->v[CCCD_CF_RESIDENTIAL_GROUP], 20, grp),
               r->v[CCCD_CF_HOUSEHOLD_ID], r->v[CCCD_CF_PERSONAL_ID],
               cli_pad(r->v[CCCD_CF_FULL_NAME], 30, name), r->v[CCCD_CF_DATE_OF_BIRTH],
               r->v[CCCD_CF_PERMANENT_ADDRESS]);
    }
    return true;
}

/* The people who still need a card, after the cursor (service/residents.h). */
static int remaining(cccd_store *st, const cccd_units *u, const char *code, cccd_date at,
                     const char *after, int limit, bool json) {
    cccd_err err;
    cccd_unit_keys keys;
    int status = CLI_OK;
    page pg = {json ? json_array() : NULL};
    char next[CCCD_CURSOR_MAX];
    bool more = false;
    if (cccd_unit_keys_get(u, code, at, &keys, &err) != CCCD_OK ||
        cccd_remaining_page(st, &keys, cccd_date_to_days(at), after, limit, on_remaining, &pg, next,
                            &more, &err) != CCCD_OK)
        status = cli_fail(&err);
    else if (json)
        cli_print_json(json_pack("{s:O,s:s?}", "remaining", pg.list, "next", more ? next : NULL));
    else if (more)
        printf("next page: --after '%s'\n", next);
    else if (next[0] == '\0')
        printf("no one in %s still needs a card on this date\n", code);
    json_decref(pg.list);
    cccd_unit_keys_free(&keys);
    return status;
}

int cmd_coverage(int argc, char **argv) {
    const char *db = NULL, *at_s = NULL, *limit_s = NULL, *after = NULL, *args[1];
    bool json = false, rem = false;
    const cli_opt opts[] = {{"--db", &db, NULL},         {"--at", &at_s, NULL},
                            {"--json", NULL, &json},     {"--remaining", NULL, &rem},
                            {"--limit", &limit_s, NULL}, {"--after", &after, NULL},
                            {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    if ((limit_s || after) && !rem)
        return cli_usage_error(&cmd, "--limit and --after go with --remaining");
    long limit = 50;
    if (limit_s && (rc = cli_parse_long(limit_s, "--limit", 1, 100000, &limit)) >= 0)
        return rc;
    cccd_err err;
    cccd_date at;
    if ((at_s ? cccd_date_parse_full(at_s, "at", &at, &err) : cli_today(&at, &err)) != CCCD_OK)
        return cli_fail(&err);
    int status = CLI_FAIL;
    cccd_store *st = NULL;
    cccd_units *u = NULL;
    if ((st = cli_store_open(db, true)) == NULL || (u = cli_units_from_db(st)) == NULL)
        goto done;
    if (rem) {
        status = remaining(st, u, args[0], at, after, (int)limit, json);
        goto done;
    }
    cccd_coverage cov;
    double t0 = cli_now();
    if (cccd_coverage_get(st, u, args[0], at, &cov, &err) != CCCD_OK) {
        status = cli_fail(&err);
        goto done;
    }
    double ms = (cli_now() - t0) * 1000;
    char iso[11];
    cccd_date_iso(at, iso);
    if (json) {
        cli_print_json(cccd_coverage_json(&cov));
    } else {
        printf("coverage on %s (%.1f ms)\n", iso, ms);
        printf("%-6s %-34s %12s %12s %12s %10s %12s %6s\n", "code", "unit", "residents", "eligible",
               "valid card", "in progr.", "remaining", "done");
        line_print(&cov.total, false);
        for (size_t i = 0; i < cov.nchildren; i++)
            line_print(&cov.children[i], true);
        if (cov.total.split) {
            char a[32];
            printf("note: %s residents were registered in communes the reform split; they "
                   "count under the first successor until their address is placed\n",
                   cli_thousands(cov.total.split, a));
        }
    }
    cccd_coverage_free(&cov);
    status = CLI_OK;
done:
    cccd_units_free(u);
    cccd_store_close(st);
    return status;
}
