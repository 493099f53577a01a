/*
 * ep_application_get.c: GET /api/v1/applications/{id}: an application with its events,
 * corrections and captures (never their bytes), within the account's jurisdiction; audited as a
 * read of the person before the answer leaves.
 */
#include "server/http.h"

void ep_application_get(http_req *rq, http_resp *rs) {
    cccd_application a;
    if (!http_app_target(rq, rs, rq->params[0], &a))
        return;
    cccd_err err;
    json_t *o = cccd_enroll_json(rq->st, &a, true, &err);
    if (o == NULL) {
        http_problem_err(rs, &err);
        return;
    }
    const char *target = a.personal_id;
    if (http_audit_read(rq, rs, "application.read", &target, 1, ""))
        http_json(rs, 200, o);
    else
        json_decref(o);
}
