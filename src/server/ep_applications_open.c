/*
 * ep_applications_open.c: POST /api/v1/applications {"personal_id", "request_id", "point",
 * "lost", "damaged", "changed"}: the desk opens an application from the person's registry
 * record. 201 with it (its type and the reason), or 200 with the same application when the
 * request id was seen before (a retry never opens a second one). The person (or the point,
 * when given) must be in the account's jurisdiction. Checked, stored and audited in one
 * transaction by service/enrollment.c.
 */
#include <string.h>

#include "server/http.h"

void ep_applications_open(http_req *rq, http_resp *rs) {
    json_t *body = http_body_object(rq, rs);
    if (body == NULL)
        return;
    bool absent = false, lost = false, damaged = false;
    long point = 0;
    const char *changed = NULL;
    const char *pid = http_body_string(body, "personal_id", true, 32, rs, &absent);
    const char *req = pid ? http_body_string(body, "request_id", true, 200, rs, &absent) : NULL;
    if (pid == NULL || req == NULL ||
        !http_body_int(body, "point", false, 1, 2000000000L, 0, rs, &point) ||
        !http_body_bool(body, "lost", false, rs, &lost) ||
        !http_body_bool(body, "damaged", false, rs, &damaged) ||
        !http_body_opt_string(body, "changed", 200, rs, &changed)) {
        json_decref(body);
        return;
    }
    if (lost && damaged) {
        http_problem(rs, 422, "input.argument", "damaged", "a card is either lost or damaged");
        json_decref(body);
        return;
    }
    /* where: the point's unit, else the person's */
    bool ok = true;
    if (point > 0) {
        cccd_point p;
        ok = http_point_in_scope(rq, rs, point, &p);
    } else {
        cccd_store_record r;
        bool found = false;
        cccd_err err;
        if (strlen(pid) == 12 && cccd_store_citizen_get(rq->st, pid, &r, &found, &err) == CCCD_OK &&
            found) {
            if (!http_in_scope(rq, r.permanent_unit) && !http_in_scope(rq, r.temporary_unit)) {
                http_problem(rs, 403, "auth.forbidden", "personal_id",
                             "this citizen lives outside the jurisdiction of this account");
                ok = false;
            }
            cccd_store_record_free(&r);
        }
    }
    if (ok) {
        cccd_actor by = http_actor(rq);
        cccd_enroll_open_req r = {.personal_id = pid,
                                  .request_id = req,
                                  .point_id = point,
                                  .lost = lost,
                                  .damaged = damaged,
                                  .changed = changed};
        cccd_application a;
        cccd_err err;
        bool created = false;
        json_t *o = NULL;
        if (cccd_enroll_open(rq->st, rq->units, rq->today, rq->now, &by, &r, &a, &created, &err) !=
                CCCD_OK ||
            (o = cccd_enroll_json(rq->st, &a, false, &err)) == NULL) {
            http_problem_err(rs, &err);
        } else {
            json_object_set_new(o, "created", json_boolean(created));
            http_json(rs, created ? 201 : 200, o);
        }
    }
    json_decref(body);
}
