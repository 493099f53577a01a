/*
 * ep_correction_decide.c: POST /api/v1/corrections/{id}/decision {"approve": true|false}: a
 * supervisor approves a proposed correction (applied to the registry record in the same
 * transaction) or rejects it (application.approve). The correction's application must be in
 * the account's jurisdiction. 200 with the correction.
 */
#include <stdlib.h>

#include "server/http.h"

void ep_correction_decide(http_req *rq, http_resp *rs) {
    int64_t id;
    if (!http_id_arg(rs, rq->params[0], "id", &id))
        return;
    cccd_correction c;
    bool found = false;
    cccd_err err;
    if (cccd_store_correction_get(rq->st, id, &c, &found, &err) != CCCD_OK) {
        http_problem_err(rs, &err);
        return;
    }
    if (!found) {
        http_problem(rs, 404, "correction.unknown", "id", "there is no correction with that id");
        return;
    }
    char app_id[24];
    snprintf(app_id, sizeof app_id, "%lld", (long long)c.application_id);
    cccd_application a;
    if (!http_app_target(rq, rs, app_id, &a))
        return;
    json_t *body = http_body_object(rq, rs);
    if (body == NULL)
        return;
    json_t *v = json_object_get(body, "approve");
    if (!json_is_boolean(v)) {
        http_problem(rs, 422, "input.argument", "approve", "approve: true or false");
    } else {
        cccd_actor by = http_actor(rq);
        if (cccd_enroll_correction_decide(rq->st, c.id, json_is_true(v), rq->now, &by, &c, &err) !=
            CCCD_OK)
            http_problem_err(rs, &err);
        else
            http_json(rs, 200, cccd_correction_json(&c));
    }
    json_decref(body);
}
