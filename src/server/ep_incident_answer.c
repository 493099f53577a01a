/*
 * ep_incident_answer.c: POST /api/v1/incidents/{id}/answer {"answer"}: answers an assigned incident
 * (incident.handle; the incident's unit within the account's jurisdiction). 200 with the
 * incident; 404 unknown; 409 when closed already or not assigned yet.
 */
#include "server/http.h"
#include "service/incidents.h"
#include "service/jurisdiction.h"

void ep_incident_answer(http_req *rq, http_resp *rs) {
    int64_t id;
    if (!http_id_arg(rs, rq->params[0], "id", &id))
        return;
    json_t *body = http_body_object(rq, rs);
    if (body == NULL)
        return;
    const char *text;
    bool ok = (text = http_body_string(body, "answer", true, CCCD_INCIDENT_TEXT_LEN - 1, rs,
                                       NULL)) != NULL;
    cccd_actor by = http_actor(rq);
    cccd_incident i;
    cccd_err err;
    if (ok) {
        if (cccd_incident_step_do(rq->st, rq->units, id, CCCD_INCIDENT_ANSWER, text, rq->today,
                                  rq->now, &by, &i, &err) != CCCD_OK)
            http_problem_err(rs, &err);
        else
            http_json(rs, 200,
                      cccd_incident_json(&i, cccd_unit_now(rq->units, i.unit_key, rq->today),
                                         (i.closed_at ? i.closed_at : rq->now) - i.reported_at));
    }
    json_decref(body);
}
