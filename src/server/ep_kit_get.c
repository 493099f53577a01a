/*
 * ep_kit_get.c: GET /api/v1/kits/{serial}[?at=DATE]: where a kit was on a day (default today)
 * and its state then, with its whole history of states and moves; for a kit at a point or held
 * by a unit of the caller's jurisdiction on that day.
 */
#include "server/http.h"

static void on_event(void *ctx, const cccd_kit_history_row *r) {
    char iso[11];
    json_t *o =
        json_pack("{s:s,s:s,s:s}", "day", cccd_date_iso(cccd_date_from_days(r->ev.day), iso),
                  "event", r->ev.is_state ? "state" : "move", "note", r->note);
    if (r->ev.is_state) {
        json_object_set_new(o, "state", json_string(cccd_kit_state_name(r->ev.state)));
    } else {
        if (r->ev.point_id)
            json_object_set_new(o, "point", json_integer(r->ev.point_id));
        json_object_set_new(o, "unit_key", json_string(r->unit_key));
    }
    json_array_append_new(ctx, o);
}

void ep_kit_get(http_req *rq, http_resp *rs) {
    cccd_date at;
    if (!http_query_date(rq, rs, "at", &at))
        return;
    int64_t day = cccd_date_to_days(at), point;
    if (!http_kit_arg(rq, rs, rq->params[0], day))
        return;
    char key[CCCD_UNIT_KEY_LEN], iso[11];
    cccd_kit_state s;
    cccd_err err;
    json_t *hist = json_array();
    if (cccd_store_kit_at(rq->st, rq->params[0], day, &point, key, &s, &err) != CCCD_OK ||
        cccd_store_kit_history(rq->st, rq->params[0], on_event, hist, &err) != CCCD_OK) {
        json_decref(hist);
        http_problem_err(rs, &err);
        return;
    }
    const cccd_unit *holder = rq->units ? cccd_units_by_key(rq->units, key) : NULL;
    json_t *v = json_pack("{s:s,s:s,s:s,s:s,s:o}", "serial", rq->params[0], "at",
                          cccd_date_iso(at, iso), "state", cccd_kit_state_name(s), "unit",
                          holder ? holder->code : key, "history", hist);
    if (point)
        json_object_set_new(v, "point", json_integer(point));
    http_json(rs, 200, v);
}
