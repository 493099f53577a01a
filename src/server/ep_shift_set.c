/*
 * ep_shift_set.c: PUT /api/v1/points/{id}/shifts/{no} {"times": "HH:MM-HH:MM"}: a commander
 * sets one of a point's daily shifts (1 to 9; a shift ending at or before its start ends the
 * next day). Audited. Re-plan to move tickets that no longer fit.
 */
#include "server/http.h"

void ep_shift_set(http_req *rq, http_resp *rs) {
    cccd_point pt;
    cccd_shift s = {0, 0, 0};
    if (!http_point_arg(rq, rs, rq->params[0], &pt) || !http_shift_no(rs, rq->params[1], &s.no))
        return;
    json_t *body = http_body_object(rq, rs);
    if (body == NULL)
        return;
    const char *times = http_body_string(body, "times", true, 16, rs, NULL);
    cccd_err err;
    cccd_actor by = http_actor(rq);
    if (times == NULL) {
        json_decref(body);
        return;
    }
    if (cccd_shift_parse(times, "times", &s.start_min, &s.end_min, &err) != CCCD_OK ||
        cccd_outreach_shift_set(rq->st, &by, pt.id, &s, &err) != CCCD_OK) {
        json_decref(body);
        http_problem_err(rs, &err);
        return;
    }
    json_decref(body);
    char t[12];
    http_json(rs, 200,
              json_pack("{s:I,s:i,s:s}", "point", (json_int_t)pt.id, "shift", s.no, "time",
                        cccd_shift_format(s.start_min, s.end_min, t)));
}
