/*
 * ep_kit_move.c: POST /api/v1/kits/{serial}/moves {"point": ID} | {"unit": CODE}, with "on"
 * (default today) and "note": a kit goes to a point, or to a unit that holds it (a province
 * handing kits to its districts, one province lending to another). The unit holding the kit on
 * that day decides: it must be in the caller's jurisdiction; the destination may be anywhere.
 * Audited.
 */
#include "server/http.h"

void ep_kit_move(http_req *rq, http_resp *rs) {
    json_t *body = http_body_object(rq, rs);
    if (body == NULL)
        return;
    long point = 0;
    const char *code = NULL, *note = NULL;
    int64_t on = 0;
    bool ok = http_body_int(body, "point", false, 1, 2000000000L, 0, rs, &point) &&
              http_body_opt_string(body, "unit", 8, rs, &code) &&
              http_body_opt_string(body, "note", CCCD_KIT_NOTE_MAX, rs, &note) &&
              http_body_day(body, "on", false, cccd_date_to_days(rq->today), rs, &on);
    if (ok && (point != 0) == (code != NULL)) {
        http_problem(rs, 422, "input.argument", "point", "give either \"point\" or \"unit\"");
        ok = false;
    }
    ok = ok && http_kit_arg(rq, rs, rq->params[0], on);
    char key[CCCD_UNIT_KEY_LEN] = "";
    const cccd_unit *unit = NULL;
    bool nation = false;
    if (ok && code) {
        if (!http_unit_arg(rq, rs, code, cccd_date_from_days(on), &unit, &nation) || nation) {
            http_problem(rs, 422, "units.unknown", "unit",
                         "no province, district or commune with that code on that day");
            ok = false;
        } else {
            cccd_store_unit_key(unit, key);
        }
    }
    cccd_err err;
    cccd_actor by = http_actor(rq);
    if (ok &&
        cccd_outreach_kit_move(rq->st, &by, rq->params[0], on, point, key, note, &err) != CCCD_OK) {
        if (err.code == CCCD_E_POINT_UNKNOWN)
            http_problem(rs, 422, "point.unknown", "point", err.msg);
        else
            http_problem_err(rs, &err);
        ok = false;
    }
    if (ok) {
        char iso[11];
        json_t *v = json_pack("{s:s,s:s}", "serial", rq->params[0], "from",
                              cccd_date_iso(cccd_date_from_days(on), iso));
        if (point)
            json_object_set_new(v, "point", json_integer(point));
        else
            json_object_set_new(v, "unit", json_string(unit->code));
        http_json(rs, 200, v);
    }
    json_decref(body);
}
