/*
 * cmd_report_daily.c: `cccd report daily UNIT [--date D] [--since D] [--csv FILE]
 * [--xlsx FILE]`: the daily report a provincial office files for a unit and its children
 * (docs/reports.md).
 */
#include "cli/cli_report.h"
#include "cli/commands.h"

static const cli_cmd cmd = {
    "report daily",
    "report daily UNIT [--date DATE] [--since DATE] [--csv FILE] [--xlsx FILE] [--db URL]\n"
    "  The daily report of UNIT (VN, a province, district or commune code in force on DATE,\n"
    "  default today): a row per child unit (a commune: its own row) and a total, with\n"
    "  residents, eligible, valid chip card, in progress and remaining on DATE, the\n"
    "  applications received that day in total, by type and by point kind, approved, produced\n"
    "  and delivered, and the received ones cumulated since --since (default: the first day\n"
    "  with any figure). --csv writes CSV (UTF-8 with a BOM; - for standard output), --xlsx a\n"
    "  workbook; with neither, the CSV goes to standard output.",
    1, 1};

int cmd_report_daily(int argc, char **argv) {
    const char *args[1];
    cli_report_args a = {.on_field = "date"};
    const cli_opt opts[] = {{"--db", &a.db, NULL},       {"--date", &a.on, NULL},
                            {"--since", &a.since, NULL}, {"--csv", &a.csv, NULL},
                            {"--xlsx", &a.xlsx, NULL},   {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    a.unit = args[0];
    return cli_report_run(CCCD_REPORT_DAILY, &a);
}
