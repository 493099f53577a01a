/*
 * ep_batches_create.c: POST /api/v1/units/{code}/batches {"limit"}: the card centre takes the
 * approved applications of a unit's communes into a production batch (production.run; the
 * unit within the account's jurisdiction). 201 with the batch; 409 when none waits.
 */
#include "server/http.h"
#include "service/production.h"

void ep_batches_create(http_req *rq, http_resp *rs) {
    const cccd_unit *unit;
    bool nation;
    if (!http_unit_arg(rq, rs, rq->params[0], rq->today, &unit, &nation) ||
        !http_require_unit(rq, rs, unit))
        return;
    long limit = 0;
    json_t *body = rq->body_len ? http_body_object(rq, rs) : NULL;
    if (rq->body_len && body == NULL)
        return;
    if (body && !http_body_int(body, "limit", false, 1, 10000000L, 0, rs, &limit)) {
        json_decref(body);
        return;
    }
    json_decref(body);
    if (nation) {
        http_problem(rs, 422, "input.argument", "code", "make a batch for a unit, not the country");
        return;
    }
    cccd_actor by = http_actor(rq);
    cccd_batch b;
    cccd_err err;
    if (cccd_batch_create(rq->st, rq->units, unit->code, rq->today, rq->now, &by, (int)limit, &b,
                          &err) != CCCD_OK)
        http_problem_err(rs, &err);
    else
        http_json(rs, 201, cccd_batch_json(&b));
}
