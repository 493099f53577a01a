/*
 * ep_application_portrait.c: POST /api/v1/applications/{id}/portrait {"jpeg_base64"}: the desk
 * uploads the citizen's photo to a draft application (application.write). The photo is
 * checked for the card's portrait (size, aspect, exposure, contrast: service/photo.h); a
 * refused one answers 422 with what to do and stores nothing; an accepted one is sealed with
 * the server's key and stored (service/enroll_capture.h). 201 with the measurements.
 */
#include <stdlib.h>

#include "server/http.h"
#include "service/enroll_capture.h"

void ep_application_portrait(http_req *rq, http_resp *rs) {
    cccd_application a;
    if (!http_app_target(rq, rs, rq->params[0], &a))
        return;
    const cccd_seal_key *key = http_bio_key(rq, rs);
    if (key == NULL)
        return;
    json_t *body = http_body_object(rq, rs);
    if (body == NULL)
        return;
    unsigned char *jpeg = NULL;
    size_t len = 0;
    bool ok = http_body_base64(body, "jpeg_base64", 2u << 20, rs, &jpeg, &len);
    json_decref(body);
    if (!ok)
        return;
    cccd_actor by = http_actor(rq);
    cccd_photo_result r;
    cccd_err err;
    int attempt = 0;
    cccd_errc rc =
        cccd_enroll_portrait(rq->st, key, a.id, jpeg, len, rq->now, &by, &r, &attempt, &err);
    free(jpeg);
    if (rc == CCCD_E_PHOTO_REFUSED || rc == CCCD_E_PHOTO_FORMAT) {
        http_problem(rs, 422, cccd_errc_name(rc), "jpeg_base64", err.msg);
        return;
    }
    if (rc != CCCD_OK) {
        http_problem_err(rs, &err);
        return;
    }
    http_json(rs, 201,
              json_pack("{s:I,s:i,s:s,s:i,s:i,s:f,s:f,s:f,s:i,s:i}", "application",
                        (json_int_t)a.id, "attempt", attempt, "verdict",
                        cccd_photo_verdict_name(r.verdict), "width", r.width, "height", r.height,
                        "mean", r.mean, "stddev", r.stddev, "aspect", r.aspect, "p5", r.p5, "p95",
                        r.p95));
}
