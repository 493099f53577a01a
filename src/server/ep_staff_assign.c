/*
 * ep_staff_assign.c: POST /api/v1/points/{id}/staff {"username", "from", "to", "note"}: a
 * commander assigns an officer or supervisor to a point of its jurisdiction from a day (default
 * today) to a day (default: no end). The officer's account may be held anywhere: one province
 * lends officers to another this way. Audited; 201; 409 when the officer is assigned elsewhere
 * on one of those days.
 */
#include "server/http.h"

void ep_staff_assign(http_req *rq, http_resp *rs) {
    cccd_point pt;
    if (!http_point_arg(rq, rs, rq->params[0], &pt))
        return;
    json_t *body = http_body_object(rq, rs);
    if (body == NULL)
        return;
    const char *user, *note = NULL;
    int64_t from = 0, to = CCCD_STAFF_OPEN;
    bool ok = (user = http_body_string(body, "username", true, CCCD_USERNAME_MAX, rs, NULL)) &&
              http_body_day(body, "from", false, cccd_date_to_days(rq->today), rs, &from) &&
              http_body_day(body, "to", false, CCCD_STAFF_OPEN, rs, &to) &&
              http_body_opt_string(body, "note", CCCD_STAFF_NOTE_MAX, rs, &note);
    cccd_err err;
    cccd_actor by = http_actor(rq);
    int64_t id;
    if (ok && cccd_outreach_staff_assign(rq->st, &by, pt.id, user, from, to, note, &id, &err) !=
                  CCCD_OK) {
        /* an unknown account is a bad field of this request, not a missing resource */
        if (err.code == CCCD_E_ACCOUNT_UNKNOWN)
            http_problem(rs, 422, "account.unknown", "username", err.msg);
        else
            http_problem_err(rs, &err);
        ok = false;
    }
    if (ok) {
        char a[11], b[11];
        http_json(
            rs, 201,
            json_pack("{s:I,s:I,s:s,s:s,s:s?}", "id", (json_int_t)id, "point", (json_int_t)pt.id,
                      "username", user, "from", cccd_date_iso(cccd_date_from_days(from), a), "to",
                      to == CCCD_STAFF_OPEN ? NULL : cccd_date_iso(cccd_date_from_days(to), b)));
    }
    json_decref(body);
}
