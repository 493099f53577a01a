/*
 * ep_advice_dismiss.c: POST /api/v1/advice/{id}/dismiss: dismisses a proposal of the advice:
 * nothing moves ("advice.dismiss"). campaign.manage, and the account must reach either unit.
 * 409 advice.decided.
 */
#include "server/http.h"
#include "service/advice.h"

void ep_advice_dismiss(http_req *rq, http_resp *rs) {
    int64_t id;
    if (!http_id_arg(rs, rq->params[0], "id", &id))
        return;
    cccd_actor by = http_actor(rq);
    cccd_advice_row r;
    cccd_err err;
    if (cccd_advice_dismiss(rq->st, rq->units, id, rq->today, rq->now, &by, &r, &err) != CCCD_OK)
        http_problem_err(rs, &err);
    else
        http_json(rs, 200, cccd_advice_row_json(&r));
}
