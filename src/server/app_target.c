/*
 * app_target.c: the application a path names ({id}), found and with its unit in the caller's
 * jurisdiction (judged by the units the unit's key resolves to today), else a 400/404/403
 * problem; and the step endpoints' common body (one step of the workflow).
 */
#include <stdio.h>
#include <stdlib.h>

#include "server/http.h"
#include "service/enrollment.h"
#include "service/seal.h"

bool http_app_target(http_req *rq, http_resp *rs, const char *id_s, cccd_application *out) {
    int64_t v;
    if (!http_id_arg(rs, id_s, "id", &v))
        return false;
    cccd_err err;
    if (cccd_enroll_get(rq->st, v, out, &err) != CCCD_OK) {
        http_problem_err(rs, &err);
        return false;
    }
    if (!http_in_scope(rq, out->unit_key)) {
        const char *target = out->personal_id;
        if (http_audit_read(rq, rs, "application.read.denied", &target, 1, "outside jurisdiction"))
            http_problem(rs, 403, "auth.forbidden", "id",
                         "this application belongs to a unit outside the jurisdiction of this "
                         "account");
        return false;
    }
    return true;
}

void http_app_step(http_req *rq, http_resp *rs, cccd_app_state to, const cccd_enroll_step *opt) {
    cccd_application a;
    if (!http_app_target(rq, rs, rq->params[0], &a))
        return;
    cccd_actor by = http_actor(rq);
    cccd_err err;
    json_t *o = NULL;
    if (cccd_enroll_move(rq->st, a.id, to, opt, rq->now, &by, &a, &err) != CCCD_OK ||
        (o = cccd_enroll_json(rq->st, &a, false, &err)) == NULL)
        http_problem_err(rs, &err);
    else
        http_json(rs, 200, o);
}

bool http_finger_arg(http_resp *rs, const char *s, int *finger) {
    char *end;
    long v = strtol(s, &end, 10);
    if (*s < '1' || *s > '9' || *end || v < 1 || v > 10) {
        http_problem(rs, 404, "input.argument", "finger",
                     "a finger is numbered 1 (right thumb) to 10 (left little finger)");
        return false;
    }
    *finger = (int)v;
    return true;
}

const cccd_seal_key *http_bio_key(http_req *rq, http_resp *rs) {
    if (rq->cfg->bio_key == NULL)
        http_problem(rs, 503, "service.unavailable", NULL,
                     "this server takes no biometrics: start it with --bio-key FILE");
    return rq->cfg->bio_key;
}
