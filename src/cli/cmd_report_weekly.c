/*
 * cmd_report_weekly.c: `cccd report weekly UNIT [--week-of D] [--since D] [--csv FILE]
 * [--xlsx FILE]`: the weekly report (Monday to Sunday) of a unit and its children
 * (docs/reports.md).
 */
#include "cli/cli_report.h"
#include "cli/commands.h"

static const cli_cmd cmd = {
    "report weekly",
    "report weekly UNIT [--week-of DATE] [--since DATE] [--csv FILE] [--xlsx FILE] [--db URL]\n"
    "  The weekly report of UNIT for the week (Monday to Sunday) that holds DATE (default\n"
    "  today): the columns of `report daily`, the applications summed over the seven days and\n"
    "  the coverage taken on the Sunday. --csv writes CSV (UTF-8 with a BOM; - for standard\n"
    "  output), --xlsx a workbook; with neither, the CSV goes to standard output.",
    1, 1};

int cmd_report_weekly(int argc, char **argv) {
    const char *args[1];
    cli_report_args a = {.on_field = "week-of"};
    const cli_opt opts[] = {{"--db", &a.db, NULL},       {"--week-of", &a.on, NULL},
                            {"--since", &a.since, NULL}, {"--csv", &a.csv, NULL},
                            {"--xlsx", &a.xlsx, NULL},   {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    a.unit = args[0];
    return cli_report_run(CCCD_REPORT_WEEKLY, &a);
}
