/*
 * ep_application_finger_confirm.c: POST /api/v1/applications/{id}/fingers/{n}/confirm: a
 * supervisor confirms finger n's exception (missing, amputated, bandaged, or quality after the
 * attempts were spent), which the application needs before it can be approved.
 */
#include "server/http.h"
#include "service/enrollment.h"

void ep_application_finger_confirm(http_req *rq, http_resp *rs) {
    cccd_application a;
    if (!http_app_target(rq, rs, rq->params[0], &a))
        return;
    int finger;
    if (!http_finger_arg(rs, rq->params[1], &finger))
        return;
    cccd_actor by = http_actor(rq);
    cccd_err err;
    if (cccd_enroll_bio_confirm(rq->st, a.id, finger, rq->now, &by, &err) != CCCD_OK) {
        http_problem_err(rs, &err);
        return;
    }
    http_json(rs, 200,
              json_pack("{s:I,s:i,s:s}", "application", (json_int_t)a.id, "finger", finger,
                        "confirmed_by", by.name));
}
