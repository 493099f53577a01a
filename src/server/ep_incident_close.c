/*
 * ep_incident_close.c: POST /api/v1/incidents/{id}/close [{"note"}]: closes an incident (the note,
 * when given, becomes its answer) (incident.handle; the incident's unit within the account's
 * jurisdiction). 200 with the incident; 404 unknown; 409 when closed already.
 */
#include "server/http.h"
#include "service/incidents.h"

void ep_incident_close(http_req *rq, http_resp *rs) {
    json_t *body = rq->body_len ? http_body_object(rq, rs) : NULL;
    if (rq->body_len && body == NULL)
        return;
    const char *text = "";
    if (body == NULL || http_body_opt_string(body, "note", CCCD_INCIDENT_TEXT_LEN - 1, rs, &text))
        http_incident_step(rq, rs, CCCD_INCIDENT_CLOSE, text);
    json_decref(body);
}
