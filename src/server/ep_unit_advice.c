/*
 * ep_unit_advice.c: GET /api/v1/units/{code}/advice[?date=DAY]: the advice for a unit (a
 * province, a district, or VN) on a day (default today): a row per child unit and the
 * proposed kit and officer moves with their reasons (service/advice.h, docs/advice.md).
 * Computing stores the proposals in place of the unit's open ones, so it needs
 * campaign.manage, and the unit within the account's jurisdiction.
 */
#include "server/http.h"
#include "service/advice.h"

void ep_unit_advice(http_req *rq, http_resp *rs) {
    cccd_date day;
    const cccd_unit *unit;
    bool nation;
    if (!http_query_date(rq, rs, "date", &day) ||
        !http_unit_arg(rq, rs, rq->params[0], day, &unit, &nation) ||
        !http_require_unit(rq, rs, unit))
        return;
    cccd_actor by = http_actor(rq);
    cccd_advice a;
    cccd_err err;
    if (cccd_advice_make(rq->st, rq->units, nation ? "VN" : unit->code, day, rq->now, &by, true, &a,
                         &err) != CCCD_OK)
        http_problem_err(rs, &err);
    else
        http_json(rs, 200, cccd_advice_json(&a));
    cccd_advice_free(&a);
}
