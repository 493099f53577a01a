/*
 * ep_application_finger.c: POST /api/v1/applications/{id}/fingers/{n} {"png_base64"} or
 * {"exception": "missing" | "amputated" | "bandaged"}: the desk uploads finger n (1 right thumb
 * ... 10 left little) of a draft application (application.write), or records why it cannot be
 * captured. A capture is scored (0-100) and stored sealed whatever its score; the answer says
 * accept, recapture (attempts remain) or exception (the attempts are spent: an exception
 * "quality" is recorded). Every exception waits for a supervisor's confirmation.
 */
#include <stdlib.h>

#include "server/http.h"
#include "service/enroll_capture.h"

void ep_application_finger(http_req *rq, http_resp *rs) {
    cccd_application a;
    if (!http_app_target(rq, rs, rq->params[0], &a))
        return;
    int finger;
    const cccd_seal_key *key;
    if (!http_finger_arg(rs, rq->params[1], &finger) || (key = http_bio_key(rq, rs)) == NULL)
        return;
    json_t *body = http_body_object(rq, rs);
    if (body == NULL)
        return;
    const char *exception = NULL;
    unsigned char *png = NULL;
    size_t len = 0;
    bool ok = http_body_opt_string(body, "exception", 32, rs, &exception);
    if (ok && exception == NULL)
        ok = http_body_base64(body, "png_base64", 4u << 20, rs, &png, &len);
    cccd_actor by = http_actor(rq);
    cccd_err err;
    cccd_errc rc = CCCD_OK;
    json_t *v = NULL;
    if (ok && exception) {
        int attempt = 0;
        rc = cccd_enroll_finger_exception(rq->st, a.id, finger, exception, rq->now, &by, &attempt,
                                          &err);
        v = json_pack("{s:I,s:i,s:i,s:s,s:s}", "application", (json_int_t)a.id, "finger", finger,
                      "attempt", attempt, "decision", "exception", "exception", exception);
    } else if (ok) {
        cccd_finger_capture c;
        rc = cccd_enroll_finger(rq->st, key, a.id, finger, png, len, NULL, rq->now, &by, &c, &err);
        v = json_pack("{s:I,s:i,s:i,s:s,s:i,s:f,s:f}", "application", (json_int_t)a.id, "finger",
                      finger, "attempt", c.attempt, "decision",
                      cccd_finger_decision_name(c.decision), "score", c.quality.score, "ocl",
                      c.quality.ocl_mean, "lcs", c.quality.lcs_mean);
    }
    free(png);
    json_decref(body);
    if (!ok) {
        json_decref(v);
        return;
    }
    if (rc == CCCD_E_FINGER_FORMAT) {
        json_decref(v);
        http_problem(rs, 422, cccd_errc_name(rc), "png_base64", err.msg);
    } else if (rc != CCCD_OK) {
        json_decref(v);
        http_problem_err(rs, &err);
    } else {
        http_json(rs, 201, v);
    }
}
