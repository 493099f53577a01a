/*
 * ep_application_reject.c: POST /api/v1/applications/{id}/reject {"reason"}: a supervisor
 * rejects a submitted application, saying why (application.approve). 200 with it; 422 without
 * a reason; 409 naming the current state.
 */
#include "server/http.h"

void ep_application_reject(http_req *rq, http_resp *rs) {
    json_t *body = http_body_object(rq, rs);
    if (body == NULL)
        return;
    bool absent = false;
    const char *reason = http_body_string(body, "reason", true, 255, rs, &absent);
    if (reason) {
        cccd_enroll_step opt = {.reason = reason};
        http_app_step(rq, rs, CCCD_APP_REJECTED, &opt);
    }
    json_decref(body);
}
