/*
 * ep_queue_checkin.c: POST /api/v1/points/{id}/queue {"ticket": "..."} or {"personal_id":
 * "..."}: a person arrives at the point today, with their ticket or as a walk-in (who must live
 * or be registered under the point's unit). 201 with the entry and its number; checked, stored
 * and audited in one transaction by service/queue.c.
 */
#include "server/http.h"
#include "service/queue.h"

void ep_queue_checkin(http_req *rq, http_resp *rs) {
    cccd_point p;
    if (!http_queue_point_target(rq, rs, &p))
        return;
    json_t *body = http_body_object(rq, rs);
    if (body == NULL)
        return;
    bool no_ticket = false, no_person = false;
    const char *ticket = http_body_string(body, "ticket", false, 64, rs, &no_ticket);
    const char *person = NULL;
    if (ticket || no_ticket)
        person = http_body_string(body, "personal_id", false, 32, rs, &no_person);
    if ((ticket == NULL && !no_ticket) || (person == NULL && !no_person)) {
        json_decref(body);
        return;
    }
    if (no_ticket == no_person) {
        http_problem(rs, 422, "input.argument", "ticket",
                     "give exactly one of \"ticket\" and \"personal_id\"");
        json_decref(body);
        return;
    }
    cccd_actor by = http_actor(rq);
    cccd_queue_entry e;
    cccd_err err;
    int64_t day = cccd_date_to_days(rq->today);
    cccd_errc rc =
        ticket ? cccd_queue_checkin_ticket(rq->st, p.id, day, rq->now, &by, ticket, &e, &err)
               : cccd_queue_checkin_person(rq->st, rq->units, p.id, day, rq->now, &by, person, &e,
                                           &err);
    json_decref(body);
    if (rc != CCCD_OK)
        http_problem_err(rs, &err);
    else
        http_json(rs, 201, cccd_queue_entry_json(&e, rq->now));
}
