/*
 * ep_unit_report_daily.c: GET /api/v1/units/{code}/reports/daily[?date=DAY][&since=DAY]
 * [&format=csv|xlsx]: the daily report of a unit and its children (docs/reports.md), as a
 * CSV or XLSX file to save. Counts only; coverage.read within the account's jurisdiction.
 */
#include "server/http.h"
#include "service/report.h"

void ep_unit_report_daily(http_req *rq, http_resp *rs) {
    http_report(rq, rs, CCCD_REPORT_DAILY, "date");
}
