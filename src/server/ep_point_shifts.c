/*
 * ep_point_shifts.c: GET /api/v1/points/{id}/shifts[?from=DATE][&to=DATE]: the shifts a point
 * runs day by day (templates and each day's overrides), with the kits working there and the
 * capacity; from defaults to today, to to a week on, at most 62 days. No personal data.
 */
#include "server/http.h"
#include "service/plan.h"

void ep_point_shifts(http_req *rq, http_resp *rs) {
    cccd_point pt;
    cccd_date from_d, to_d;
    if (!http_point_arg(rq, rs, rq->params[0], &pt) || !http_query_date(rq, rs, "from", &from_d))
        return;
    int64_t from = cccd_date_to_days(from_d), to = from + 6;
    if (rq->query(rq, "to")) {
        if (!http_query_date(rq, rs, "to", &to_d))
            return;
        to = cccd_date_to_days(to_d);
    }
    if (to < from || to - from >= 62) {
        http_problem(rs, 400, "input.argument", "to", "to: on or after from, at most 62 days on");
        return;
    }
    cccd_plan p;
    cccd_err err;
    if (cccd_point_schedule(rq->st, pt.id, from, to, &p, &err) != CCCD_OK) {
        cccd_plan_free(&p);
        http_problem_err(rs, &err);
        return;
    }
    http_json(rs, 200,
              json_pack("{s:o,s:o}", "point", cccd_point_json(&pt, rq->units), "shifts",
                        cccd_schedule_json(&p)));
    cccd_plan_free(&p);
}
