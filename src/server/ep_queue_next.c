/*
 * ep_queue_next.c: POST /api/v1/points/{id}/queue/next: calls the next person waiting at the
 * point today (a ticket whose window has begun first, then by check-in); 200 with the entry,
 * its number and the person's name; 409 when no one waits. Audited with the call.
 */
#include "server/http.h"
#include "service/queue.h"

void ep_queue_next(http_req *rq, http_resp *rs) {
    cccd_point p;
    if (!http_queue_point_target(rq, rs, &p))
        return;
    cccd_actor by = http_actor(rq);
    cccd_queue_entry e;
    cccd_err err;
    if (cccd_queue_call_next(rq->st, p.id, cccd_date_to_days(rq->today), rq->now, &by, &e, &err) !=
        CCCD_OK)
        http_problem_err(rs, &err);
    else
        http_json(rs, 200, cccd_queue_entry_json(&e, rq->now));
}
