/*
 * ep_application_transition.c: POST /api/v1/applications/{id}/transition {"to", "reason",
 * "confirmed"}: any step of the workflow by name: the card centre's (in_production, produced,
 * dispatched: production.run) and the unit's (received, delivered with the citizen's
 * confirmation, returned: application.write). The role is checked against the step
 * (core/application.c's table): 403 otherwise; 409 naming the current state.
 */
#include "server/http.h"

void ep_application_transition(http_req *rq, http_resp *rs) {
    json_t *body = http_body_object(rq, rs);
    if (body == NULL)
        return;
    bool absent = false, confirmed = false;
    const char *reason = NULL;
    const char *to = http_body_string(body, "to", true, 32, rs, &absent);
    if (to && http_body_opt_string(body, "reason", 255, rs, &reason) &&
        http_body_bool(body, "confirmed", false, rs, &confirmed)) {
        int state = cccd_app_state_parse(to);
        if (state < 0 || state == CCCD_APP_DRAFT) {
            http_problem(rs, 422, "input.argument", "to",
                         "to: one of submitted, approved, rejected, in_production, produced, "
                         "dispatched, received, delivered, returned");
        } else {
            cccd_enroll_step opt = {.reason = reason, .citizen_confirmed = confirmed};
            http_app_step(rq, rs, (cccd_app_state)state, &opt);
        }
    }
    json_decref(body);
}
