/*
 * ep_unit_progress.c: GET /api/v1/units/{code}/progress[?date=DAY]: a unit's progress on a
 * day (default today) and a row per child unit (for VN, the whole country: a row per
 * province): received, approved, produced, delivered, against quota and campaign, ranks,
 * commendation candidates, the forecast and at-risk flag, and the coverage of each row
 * (service/progress.h, docs/progress.md). Counts only: no person in them (progress.read; the
 * unit within the account's jurisdiction, VN for an account held at VN only).
 */
#include "server/http.h"
#include "service/progress.h"

void ep_unit_progress(http_req *rq, http_resp *rs) {
    cccd_date day;
    const cccd_unit *unit;
    bool nation;
    if (!http_query_date(rq, rs, "date", &day) ||
        !http_unit_arg(rq, rs, rq->params[0], day, &unit, &nation) ||
        !http_require_unit(rq, rs, unit))
        return;
    if (rq->units == NULL) { /* VN passes http_unit_arg without a unit list */
        http_problem(rs, 404, "units.unknown", "code", "no units were imported into this database");
        return;
    }
    cccd_progress p;
    cccd_err err;
    if (cccd_progress_get(rq->st, rq->units, nation ? "VN" : unit->code, day, &p, &err) != CCCD_OK)
        http_problem_err(rs, &err);
    else
        http_json(rs, 200, cccd_progress_json(&p));
    cccd_progress_free(&p);
}
