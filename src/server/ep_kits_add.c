/*
 * ep_kits_add.c: POST /api/v1/kits {"serial", "unit", "on"}: a commander registers an
 * enrollment kit, working from `on` (default today) and held by a unit of its jurisdiction.
 * Audited; 201, or 409 when the serial is known.
 */
#include "server/http.h"

void ep_kits_add(http_req *rq, http_resp *rs) {
    json_t *body = http_body_object(rq, rs);
    if (body == NULL)
        return;
    const char *serial, *code = NULL;
    int64_t on = 0;
    bool ok = (serial = http_body_string(body, "serial", true, CCCD_KIT_SERIAL_MAX, rs, NULL)) &&
              (code = http_body_string(body, "unit", true, 8, rs, NULL)) &&
              http_body_day(body, "on", false, cccd_date_to_days(rq->today), rs, &on);
    const cccd_unit *unit = NULL;
    bool nation = false;
    if (ok && (!http_unit_arg(rq, rs, code, cccd_date_from_days(on), &unit, &nation) ||
               !http_require_unit(rq, rs, unit))) {
        if (rs->status == 404)
            http_problem(rs, 422, "units.unknown", "unit", "no unit with that code on that day");
        ok = false;
    }
    if (ok && nation) {
        http_problem(rs, 422, "input.argument", "unit",
                     "a kit is held by a province, district or "
                     "commune");
        ok = false;
    }
    char key[CCCD_UNIT_KEY_LEN] = "";
    cccd_err err;
    cccd_actor by = http_actor(rq);
    if (ok) {
        cccd_store_unit_key(unit, key);
        if (cccd_outreach_kit_add(rq->st, &by, serial, on, key, &err) != CCCD_OK) {
            http_problem_err(rs, &err);
            ok = false;
        }
    }
    if (ok) {
        char iso[11];
        http_json(rs, 201,
                  json_pack("{s:s,s:s,s:s,s:s}", "serial", serial, "unit", unit->code, "state",
                            "working", "from", cccd_date_iso(cccd_date_from_days(on), iso)));
    }
    json_decref(body);
}
