/*
 * ep_campaigns_add.c: POST /api/v1/campaigns {"name", "unit", "from", "to", "target"}: a named
 * period over a unit's subtree with its own target (campaign.manage; the unit within the
 * account's jurisdiction). 201 with the campaign.
 */
#include "server/http.h"
#include "service/quotas.h"

void ep_campaigns_add(http_req *rq, http_resp *rs) {
    json_t *body = http_body_object(rq, rs);
    if (body == NULL)
        return;
    const char *name = http_body_string(body, "name", true, CCCD_CAMPAIGN_NAME_LEN - 1, rs, NULL);
    const char *code = name ? http_body_string(body, "unit", true, 5, rs, NULL) : NULL;
    int64_t from = 0, to = 0;
    long target = 0;
    const cccd_unit *unit = NULL;
    bool nation = false;
    bool ok = code && http_body_day(body, "from", true, 0, rs, &from) &&
              http_body_day(body, "to", true, 0, rs, &to) &&
              http_body_int(body, "target", true, 0, 1000000000L, 0, rs, &target) &&
              http_unit_arg(rq, rs, code, rq->today, &unit, &nation) &&
              http_require_unit(rq, rs, unit);
    if (ok && nation) {
        http_problem(rs, 422, "input.argument", "unit", "give a unit, not the country");
        ok = false;
    }
    cccd_actor by = http_actor(rq);
    cccd_campaign c;
    cccd_err err;
    if (ok) {
        if (cccd_campaign_add(rq->st, rq->units, name, unit->code, cccd_date_from_days(from),
                              cccd_date_from_days(to), target, rq->today, rq->now, &by, &c,
                              &err) != CCCD_OK)
            http_problem_err(rs, &err);
        else
            http_json(rs, 201, cccd_campaign_json(&c, unit));
    }
    json_decref(body);
}
