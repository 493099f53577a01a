/*
 * ep_unit_report_weekly.c: GET /api/v1/units/{code}/reports/weekly[?week_of=DAY][&since=DAY]
 * [&format=csv|xlsx]: the weekly report (Monday to Sunday) of a unit and its children
 * (docs/reports.md), as a CSV or XLSX file to save. Counts only; coverage.read within the
 * account's jurisdiction.
 */
#include "server/http.h"
#include "service/report.h"

void ep_unit_report_weekly(http_req *rq, http_resp *rs) {
    http_report(rq, rs, CCCD_REPORT_WEEKLY, "week_of");
}
