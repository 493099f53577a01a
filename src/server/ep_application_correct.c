/*
 * ep_application_correct.c: POST /api/v1/applications/{id}/corrections {"field", "value",
 * "reason", "evidence"}: the citizen asks for a change to their registry record
 * (application.write). 201 with the correction: "proposed" for an identity field (a supervisor
 * decides), "approved" (applied) for the others; 422 naming the field.
 */
#include "server/http.h"

void ep_application_correct(http_req *rq, http_resp *rs) {
    cccd_application a;
    if (!http_app_target(rq, rs, rq->params[0], &a))
        return;
    json_t *body = http_body_object(rq, rs);
    if (body == NULL)
        return;
    bool absent = false;
    const char *evidence = NULL;
    const char *field = http_body_string(body, "field", true, 32, rs, &absent);
    const char *value = field ? http_body_string(body, "value", true, 255, rs, &absent) : NULL;
    const char *reason = value ? http_body_string(body, "reason", true, 255, rs, &absent) : NULL;
    if (reason && http_body_opt_string(body, "evidence", 255, rs, &evidence)) {
        cccd_actor by = http_actor(rq);
        cccd_correction c;
        cccd_err err;
        if (cccd_enroll_correct(rq->st, a.id, field, value, reason, evidence ? evidence : "",
                                rq->now, &by, &c, &err) != CCCD_OK)
            http_problem_err(rs, &err);
        else
            http_json(rs, 201, cccd_correction_json(&c));
    }
    json_decref(body);
}
