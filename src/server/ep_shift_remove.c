/*
 * ep_shift_remove.c: DELETE /api/v1/points/{id}/shifts/{no}: a commander removes one of a point's
 * daily shifts (its days' overrides stay). Audited. Re-plan to move the tickets it held.
 */
#include "server/http.h"

void ep_shift_remove(http_req *rq, http_resp *rs) {
    cccd_point pt;
    int no;
    if (!http_point_arg(rq, rs, rq->params[0], &pt) || !http_shift_no(rs, rq->params[1], &no))
        return;
    cccd_err err;
    cccd_actor by = http_actor(rq);
    if (cccd_outreach_shift_remove(rq->st, &by, pt.id, no, &err) != CCCD_OK) {
        http_problem_err(rs, &err);
        return;
    }
    http_json(rs, 200,
              json_pack("{s:I,s:i,s:b}", "point", (json_int_t)pt.id, "shift", no, "removed", 1));
}
