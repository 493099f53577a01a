/*
 * cmd_progress.c: `cccd progress UNIT [--date D] [--json]`: how far a unit (VN: the whole
 * country) and each of its children have come on a day against their quotas
 * (service/progress.h).
 */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/cli_campaigns.h"
#include "cli/commands.h"
#include "service/progress.h"

static const cli_cmd cmd = {
    "progress",
    "progress UNIT [--date DATE] [--db URL] [--json]\n"
    "  UNIT (in force on DATE, default today; VN for the whole country) and each of its child\n"
    "  units (for VN the provinces), a row each: applications received that day and so far,\n"
    "  approved, produced and delivered so far, the quota and the percent reached, the rank\n"
    "  among the rows, the forecast finish day and AT RISK when it falls after the deadline;\n"
    "  then the campaign running, the units over their quota and the officers with the most\n"
    "  applications. --json gives everything, by type, point kind and shift too, and each\n"
    "  row's coverage (docs/progress.md).",
    1, 1};

static void row_print(const cccd_progress_row *r, bool indent) {
    char name[4 * 28 + 1], q[32] = "-", pct[16] = "", fin[16] = "-", rank[8] = "";
    if (r->quota.set) {
        snprintf(q, sizeof q, "%lld", (long long)r->quota.target);
        snprintf(pct, sizeof pct, "%.1f%%", r->quota_percent);
    }
    if (r->forecast)
        cccd_date_iso(cccd_date_from_days(r->finish), fin);
    if (r->rank)
        snprintf(rank, sizeof rank, "#%d", r->rank);
    printf("%s%-6s %s %6lld %8lld %8lld %8lld %8lld %8s %7s %4s %10s%s\n", indent ? "  " : "",
           r->unit->code, cli_pad(r->unit->name, 28, name), (long long)r->received_day,
           (long long)r->received_total, (long long)r->approved_total, (long long)r->produced_total,
           (long long)r->delivered_total, q, pct, rank, fin, r->at_risk ? " AT RISK" : "");
}

int cmd_progress(int argc, char **argv) {
    const char *db = NULL, *date_s = NULL, *args[1];
    bool json = false;
    const cli_opt opts[] = {{"--db", &db, NULL},
                            {"--date", &date_s, NULL},
                            {"--json", NULL, &json},
                            {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    cli_camp c;
    if ((rc = cli_camp_open(&c, db)) >= 0)
        return rc;
    cccd_date day = c.today;
    if (date_s && (rc = cli_camp_date(date_s, "--date", &day)) >= 0) {
        cli_camp_close(&c);
        return rc;
    }
    cccd_err err;
    cccd_progress p;
    if (cccd_progress_get(c.st, c.u, args[0], day, &p, &err) != CCCD_OK) {
        rc = cli_fail(&err);
    } else if (json) {
        cli_print_json(cccd_progress_json(&p));
        rc = CLI_OK;
    } else {
        char iso[16], pad[4 * 28 + 1];
        printf("%-6s %s %6s %8s %8s %8s %8s %8s %7s %4s %10s\n", "unit", cli_pad("name", 28, pad),
               "day", "received", "approved", "produced", "delivered", "quota", "%", "rank",
               "finish");
        row_print(&p.total, false);
        for (size_t i = 0; i < p.nchildren; i++)
            row_print(&p.children[i], true);
        if (p.total.campaign_id)
            printf("campaign \"%s\": %lld of %lld (%.1f%%) since %s\n", p.total.campaign_name,
                   (long long)p.total.campaign_received, (long long)p.total.campaign_target,
                   p.total.campaign_percent,
                   cccd_date_iso(cccd_date_from_days(p.total.campaign_from), iso));
        if (p.nover) {
            printf("over quota:");
            for (size_t i = 0; i < p.nover; i++)
                printf(" %s", p.over_quota[i]->code);
            printf("\n");
        }
        if (p.ntop) {
            printf("most applications:");
            for (size_t i = 0; i < p.ntop; i++)
                printf("%s %s %lld", i ? "," : "", p.top_officers[i].key,
                       (long long)p.top_officers[i].total);
            printf("\n");
        }
        rc = CLI_OK;
    }
    cccd_progress_free(&p);
    cli_camp_close(&c);
    return rc;
}
