/*
 * ep_unit_campaigns.c: GET /api/v1/units/{code}/campaigns: the campaigns over a unit, over a
 * unit above it or below it (progress.read; the unit within the account's jurisdiction).
 */
#include "server/http.h"
#include "service/quotas.h"

static void add(void *ctx, const cccd_campaign *c, const cccd_unit *unit) {
    json_array_append_new(ctx, cccd_campaign_json(c, unit));
}

void ep_unit_campaigns(http_req *rq, http_resp *rs) {
    const cccd_unit *unit;
    bool nation;
    if (!http_unit_arg(rq, rs, rq->params[0], rq->today, &unit, &nation) ||
        !http_require_unit(rq, rs, unit))
        return;
    json_t *list = json_array();
    cccd_err err;
    if (cccd_campaigns_list(rq->st, rq->units, nation ? NULL : unit->code, rq->today, add, list,
                            &err) != CCCD_OK) {
        json_decref(list);
        http_problem_err(rs, &err);
        return;
    }
    http_json(rs, 200,
              json_pack("{s:s, s:o}", "unit", nation ? "VN" : unit->code, "campaigns", list));
}
