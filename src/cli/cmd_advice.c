/*
 * cmd_advice.c: `cccd advice UNIT [--date D] [--json]`: computes, stores and prints the
 * proposals of kit and officer moves that let the most of UNIT's children meet their quota's
 * deadline, with a line per child unit (docs/advice.md).
 */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/cli_advice.h"
#include "cli/cli_campaigns.h"
#include "cli/commands.h"
#include "service/advice.h"

static const cli_cmd cmd = {
    "advice",
    "advice UNIT [--date YYYY-MM-DD] [--db URL] [--json]\n"
    "  For each child of UNIT (a province, a district, or VN for the provinces) on the day\n"
    "  (today by default): what remains to its quota's deadline, its working kits and\n"
    "  officers and what they make a day; then the fewest moves of a kit or an officer that\n"
    "  let the most children meet their deadlines, within UNIT first (UNIT's own reserve,\n"
    "  kits it holds itself, included) and then from a neighbouring province (cccd\n"
    "  neighbours import), each with its reason in numbers. The\n"
    "  proposals are stored in place of UNIT's open ones; accept one with `cccd advice accept\n"
    "  ID` (docs/advice.md).",
    1, 1};

static void print_table(const cccd_advice *a) {
    printf("%-6s %-28s %9s %5s %7s %4s %4s %7s %-5s %7s %-5s\n", "code", "name", "remaining",
           "days", "per_day", "kits", "offs", "makes", "meets", "after", "meets");
    for (size_t i = 0; i < a->nunits; i++) {
        const cccd_advice_unit *x = &a->units[i];
        char n1[28], n2[28], n3[28], n4[28], days[24], name[4 * 28 + 1];
        snprintf(days, sizeof days, "%lld", (long long)x->days_left);
        printf("%-6s %s %9s %5s %7s %4d %4d %7s %-5s %7s %-5s%s\n", x->unit->code,
               cli_pad(x->unit->name, 28, name), cccd_advice_number(x->remaining, n1),
               x->quota ? days : "-", x->quota ? cccd_advice_number(x->needed_per_day, n2) : "-",
               x->kits, x->officers, cccd_advice_number(x->capacity, n3),
               !x->quota  ? "-"
               : x->meets ? "yes"
                          : "no",
               cccd_advice_number(x->capacity_after, n4),
               !x->quota        ? "-"
               : x->meets_after ? "yes"
                                : "no",
               x->neighbour ? " (neighbour)"
               : x->reserve ? " (its own reserve)"
                            : "");
    }
}

int cmd_advice(int argc, char **argv) {
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
    cccd_date day;
    if (date_s && (rc = cli_camp_date(date_s, "--date", &day)) >= 0)
        return rc;
    if ((rc = cli_camp_open(&c, db)) >= 0)
        return rc;
    if (date_s == NULL)
        day = c.today;
    cccd_err err;
    cccd_advice a;
    if (cccd_advice_make(c.st, c.u, args[0], day, c.now, &c.by, true, &a, &err) != CCCD_OK) {
        rc = cli_fail(&err);
    } else {
        if (json) {
            cli_print_json(cccd_advice_json(&a));
        } else {
            char iso[11];
            printf("advice for %s %s on %s: %zu proposal%s\n", a.code,
                   a.unit ? a.unit->name : "Việt Nam", cccd_date_iso(a.day, iso), a.nmoves,
                   a.nmoves == 1 ? "" : "s");
            print_table(&a);
            for (size_t m = 0; m < a.nmoves; m++)
                cli_advice_print(&a.moves[m].row);
        }
        rc = CLI_OK;
    }
    cccd_advice_free(&a);
    cli_camp_close(&c);
    return rc;
}
