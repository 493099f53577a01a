/*
 * ep_incident_assign.c: POST /api/v1/incidents/{id}/assign {"assignee"}: gives an incident to
 * someone (the inspection team or a unit) to handle (incident.handle; the incident's unit within
 * the account's jurisdiction). 200 with the incident; 404 unknown; 409 when closed already.
 */
#include "server/http.h"
#include "service/incidents.h"

void ep_incident_assign(http_req *rq, http_resp *rs) {
    json_t *body = http_body_object(rq, rs);
    if (body == NULL)
        return;
    const char *text =
        http_body_string(body, "assignee", true, CCCD_INCIDENT_TEXT_LEN - 1, rs, NULL);
    if (text)
        http_incident_step(rq, rs, CCCD_INCIDENT_ASSIGN, text);
    json_decref(body);
}
