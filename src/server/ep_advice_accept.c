/*
 * ep_advice_accept.c: POST /api/v1/advice/{id}/accept: accepts a proposal of the advice: the kit
 * moves to the receiving unit (its point), the officer's assignment ends yesterday and one at
 * the receiving point begins today, in one transaction with "advice.accept" on the record.
 * campaign.manage; the account must reach the giving unit, and the receiving one too when both
 * lie in one province (a move from a neighbouring province is the lending province's to
 * accept: docs/advice.md, "Who may"). 409 advice.decided or advice.stale.
 */
#include "server/http.h"
#include "service/advice.h"

void ep_advice_accept(http_req *rq, http_resp *rs) {
    int64_t id;
    if (!http_id_arg(rs, rq->params[0], "id", &id))
        return;
    cccd_actor by = http_actor(rq);
    cccd_advice_row r;
    cccd_err err;
    if (cccd_advice_accept(rq->st, rq->units, id, rq->today, rq->now, &by, &r, &err) != CCCD_OK)
        http_problem_err(rs, &err);
    else
        http_json(rs, 200, cccd_advice_row_json(&r));
}
