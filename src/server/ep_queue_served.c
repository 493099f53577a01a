/*
 * ep_queue_served.c: POST /api/v1/queue/{entry}/served: the person called was served. 200
 * with the entry; 409 when it is not called. Audited with the change.
 */
#include "server/http.h"
#include "service/queue.h"

void ep_queue_served(http_req *rq, http_resp *rs) {
    int64_t id;
    if (!http_queue_entry_target(rq, rs, &id))
        return;
    cccd_actor by = http_actor(rq);
    cccd_queue_entry e;
    cccd_err err;
    if (cccd_queue_finish(rq->st, id, true, rq->now, &by, &e, NULL, &err) != CCCD_OK)
        http_problem_err(rs, &err);
    else
        http_json(rs, 200, cccd_queue_entry_json(&e, rq->now));
}
