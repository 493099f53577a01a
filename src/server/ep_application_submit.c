/*
 * ep_application_submit.c: POST /api/v1/applications/{id}/submit: the desk hands a draft
 * application on for approval (application.write). 200 with the application; 409 naming the current
 * state when the step is not allowed from it.
 */
#include "server/http.h"

void ep_application_submit(http_req *rq, http_resp *rs) {
    http_app_step(rq, rs, CCCD_APP_SUBMITTED, NULL);
}
