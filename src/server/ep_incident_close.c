/*
 * ep_incident_close.c: POST /api/v1/incidents/{id}/close [{"note"}]: closes an incident (the note,
 * when given, becomes its answer) (incident.handle; the incident's unit within the account's
 * jurisdiction). 200 with the incident; 404 unknown; 409 when closed already.
 */
#include "server/http.h"
#include "service/incidents.h"
#include "service/jurisdiction.h"

void ep_incident_close(http_req *rq, http_resp *rs) {
    int64_t id;
    if (!http_id_arg(rs, rq->params[0], "id", &id))
        return;
    json_t *body = rq->body_len ? http_body_object(rq, rs) : NULL;
    if (rq->body_len && body == NULL)
        return;
    const char *text = "";
    bool ok =
        body == NULL || http_body_opt_string(body, "note", CCCD_INCIDENT_TEXT_LEN - 1, rs, &text);
    cccd_actor by = http_actor(rq);
    cccd_incident i;
    cccd_err err;
    if (ok) {
        if (cccd_incident_step_do(rq->st, rq->units, id, CCCD_INCIDENT_CLOSE, text ? text : "",
                                  rq->today, rq->now, &by, &i, &err) != CCCD_OK)
            http_problem_err(rs, &err);
        else
            http_json(rs, 200,
                      cccd_incident_json(&i, cccd_unit_now(rq->units, i.unit_key, rq->today),
                                         (i.closed_at ? i.closed_at : rq->now) - i.reported_at));
    }
    json_decref(body);
}
