/*
 * ep_application_approve.c: POST /api/v1/applications/{id}/approve: a supervisor approves a
 * submitted application (application.approve); every correction decided and every finger exception
 * confirmed first. 200 with the application; 409 naming the current state when the step is not
 * allowed from it.
 */
#include "server/http.h"

void ep_application_approve(http_req *rq, http_resp *rs) {
    http_app_step(rq, rs, CCCD_APP_APPROVED, NULL);
}
