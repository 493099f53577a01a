/*
 * report_answer.c: what the two report endpoints share (http.h: http_report): reading the
 * date, start and format, checking the unit against the account's jurisdiction, building the
 * report (service/report.h) and answering it as a file to save. Counts only, no person: a
 * report is authorised by role and jurisdiction, not audited per person.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/http.h"
#include "service/report.h"

void http_report(http_req *rq, http_resp *rs, int kind, const char *date_arg) {
    cccd_date on, since = {0, 0, 0, CCCD_DATE_NONE};
    const char *format = rq->query(rq, "format");
    if (!http_query_date(rq, rs, date_arg, &on))
        return;
    if (rq->query(rq, "since") && !http_query_date(rq, rs, "since", &since))
        return;
    bool xlsx = format && strcmp(format, "xlsx") == 0;
    if (format && !xlsx && strcmp(format, "csv") != 0) {
        http_problem(rs, 400, "input.argument", "format", "format: csv or xlsx");
        return;
    }
    const cccd_unit *unit;
    bool nation;
    if (!http_unit_arg(rq, rs, rq->params[0], on, &unit, &nation) ||
        !http_require_unit(rq, rs, unit))
        return;
    if (rq->units == NULL) {
        http_problem(rs, 404, "units.unknown", "code", "no units were imported into this database");
        return;
    }
    cccd_report r;
    cccd_err err;
    char *buf = NULL;
    size_t len = 0;
    if (cccd_report_build(rq->st, rq->units, rq->params[0], (cccd_report_kind)kind, on, since, &r,
                          &err) != CCCD_OK) {
        http_problem_err(rs, &err);
        goto done;
    }
    cccd_errc rc;
    if (xlsx)
        rc = cccd_report_xlsx_mem(&r, &buf, &len, &err);
    else {
        FILE *f = open_memstream(&buf, &len);
        if (f == NULL)
            rc = cccd_err_set(&err, CCCD_E_NOMEM, NULL, "out of memory");
        else {
            rc = cccd_report_csv(&r, f, &err);
            if (fclose(f) != 0 && rc == CCCD_OK)
                rc = cccd_err_set(&err, CCCD_E_NOMEM, NULL, "out of memory");
        }
    }
    if (rc != CCCD_OK) {
        free(buf);
        http_problem_err(rs, &err);
        goto done;
    }
    char name[96];
    cccd_report_filename(&r, xlsx ? "xlsx" : "csv", name, sizeof name);
    free(rs->body);
    rs->status = 200;
    rs->body = buf;
    rs->len = len;
    rs->content_type = xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                            : "text/csv; charset=utf-8";
    rs->no_store = true;
    snprintf(rs->disposition, sizeof rs->disposition, "attachment; filename=\"%s\"", name);
done:
    cccd_report_free(&r);
}
