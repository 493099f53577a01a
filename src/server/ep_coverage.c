/*
 * ep_coverage.c: GET /api/v1/units/{code}/coverage[?at=DATE]: how far a unit has come on a
 * date (residents, eligible, valid card, in progress, remaining), a line per child unit. Counts
 * only, no person: viewers may read it, within their jurisdiction.
 */
#include "server/http.h"
#include "service/coverage.h"

void ep_coverage(http_req *rq, http_resp *rs) {
    cccd_date at;
    if (!http_query_date(rq, rs, "at", &at))
        return;
    const cccd_unit *unit;
    bool nation;
    if (!http_unit_arg(rq, rs, rq->params[0], at, &unit, &nation) ||
        !http_require_unit(rq, rs, unit))
        return;
    if (rq->units == NULL) {
        http_problem(rs, 404, "units.unknown", "code", "no units were imported into this database");
        return;
    }
    cccd_coverage cov;
    cccd_err err;
    if (cccd_coverage_get(rq->st, rq->units, rq->params[0], at, &cov, &err) != CCCD_OK) {
        http_problem_err(rs, &err);
        return;
    }
    http_json(rs, 200, cccd_coverage_json(&cov));
    cccd_coverage_free(&cov);
}
