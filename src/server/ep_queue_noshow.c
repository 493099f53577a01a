/*
 * ep_queue_noshow.c: POST /api/v1/queue/{entry}/no-show: the person called did not come to
 * the desk. Their ticket (when checked in by it) is withdrawn, so they are back on the
 * remaining list for the next plan. 200 with the entry and "ticket_withdrawn"; 409 when it is
 * not called. Audited with the change.
 */
#include "server/http.h"
#include "service/queue.h"

void ep_queue_noshow(http_req *rq, http_resp *rs) {
    int64_t id;
    if (!http_queue_entry_target(rq, rs, &id))
        return;
    cccd_actor by = http_actor(rq);
    cccd_queue_entry e;
    cccd_err err;
    bool withdrawn = false;
    if (cccd_queue_finish(rq->st, id, false, rq->now, &by, &e, &withdrawn, &err) != CCCD_OK) {
        http_problem_err(rs, &err);
        return;
    }
    json_t *o = cccd_queue_entry_json(&e, rq->now);
    json_object_set_new(o, "ticket_withdrawn", json_boolean(withdrawn));
    http_json(rs, 200, o);
}
