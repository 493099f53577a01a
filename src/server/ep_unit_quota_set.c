/*
 * ep_unit_quota_set.c: PUT /api/v1/units/{code}/quota {"target", "deadline"}: gives a unit its
 * quota (campaign.manage; the unit's parent within the account's jurisdiction: a unit never
 * sets its own). 200 with the quota; 422 naming the field for a bad target or deadline.
 */
#include "server/http.h"
#include "service/quotas.h"

void ep_unit_quota_set(http_req *rq, http_resp *rs) {
    const cccd_unit *unit;
    bool nation;
    if (!http_unit_arg(rq, rs, rq->params[0], rq->today, &unit, &nation) ||
        !http_require_unit(rq, rs, unit))
        return;
    json_t *body = http_body_object(rq, rs);
    if (body == NULL)
        return;
    long target;
    int64_t deadline;
    bool ok = http_body_int(body, "target", true, 0, 1000000000L, 0, rs, &target) &&
              http_body_day(body, "deadline", true, 0, rs, &deadline);
    json_decref(body);
    if (!ok)
        return;
    if (nation) {
        http_problem(rs, 422, "input.argument", "code", "the country has no quota: give a unit");
        return;
    }
    cccd_actor by = http_actor(rq);
    cccd_quota q;
    cccd_err err;
    char iso[11];
    if (cccd_quota_set(rq->st, rq->units, unit->code, target, cccd_date_from_days(deadline),
                       rq->today, rq->now, &by, &q, &err) != CCCD_OK)
        http_problem_err(rs, &err);
    else
        http_json(rs, 200,
                  json_pack("{s:s, s:I, s:s, s:s}", "unit", unit->code, "target",
                            (json_int_t)q.target, "deadline",
                            cccd_date_iso(cccd_date_from_days(q.deadline), iso), "set_by",
                            q.set_by));
}
