/*
 * ep_shift_day.c: PUT /api/v1/points/{id}/days/{date} {"closed": true} | {"shift": N, "closed":
 * true} | {"shift": N, "times": "HH:MM-HH:MM"}: one day's exception at a point: the whole day
 * closed, one shift closed, or a shift with other times (extended: "open until no one is
 * left") or an extra one. Audited.
 */
#include "server/http.h"

void ep_shift_day(http_req *rq, http_resp *rs) {
    cccd_point pt;
    if (!http_point_arg(rq, rs, rq->params[0], &pt))
        return;
    cccd_date d;
    cccd_err err;
    if (cccd_date_parse_full(rq->params[1], "date", &d, &err) != CCCD_OK) {
        http_problem(rs, 404, "input.date", "date", err.msg);
        return;
    }
    json_t *body = http_body_object(rq, rs);
    if (body == NULL)
        return;
    long no = 0;
    bool closed = false;
    const char *times = NULL;
    cccd_shift_override o = {0, false, 0, 0};
    bool ok = http_body_int(body, "shift", false, 1, CCCD_SHIFT_MAX, 0, rs, &no) &&
              http_body_bool(body, "closed", false, rs, &closed) &&
              http_body_opt_string(body, "times", 16, rs, &times);
    if (ok && closed == (times != NULL)) {
        http_problem(rs, 422, "input.argument", closed ? "times" : "closed",
                     "give either \"closed\": true or the shift's \"times\"");
        ok = false;
    } else if (ok && times && no == 0) {
        http_problem(rs, 422, "input.argument", "shift", "'shift' is required with times");
        ok = false;
    }
    if (ok && times &&
        cccd_shift_parse(times, "times", &o.start_min, &o.end_min, &err) != CCCD_OK) {
        http_problem_err(rs, &err);
        ok = false;
    }
    json_decref(body);
    if (!ok)
        return;
    o.no = (int)no;
    o.closed = closed;
    cccd_actor by = http_actor(rq);
    if (cccd_outreach_shift_day(rq->st, &by, pt.id, cccd_date_to_days(d), &o, &err) != CCCD_OK) {
        http_problem_err(rs, &err);
        return;
    }
    char iso[11], t[12];
    json_t *v = json_pack("{s:I,s:s,s:b}", "point", (json_int_t)pt.id, "day", cccd_date_iso(d, iso),
                          "closed", closed);
    if (no)
        json_object_set_new(v, "shift", json_integer(no));
    if (times)
        json_object_set_new(v, "time", json_string(cccd_shift_format(o.start_min, o.end_min, t)));
    http_json(rs, 200, v);
}
