/*
 * ep_points_add.c: POST /api/v1/units/{code}/points {"name", "address", "kind", "place", "from",
 * "to", "per_kit_hour"}: a commander adds a point of service to a unit of its jurisdiction (a
 * fixed office, a mobile team serving at a place for a period, a home-visit team). Checked and
 * audited by service/outreach.c; 201 with the point, 409 when the unit has one of that name.
 */
#include <stdio.h>

#include "server/http.h"

void ep_points_add(http_req *rq, http_resp *rs) {
    const cccd_unit *unit;
    if (!http_area_arg(rq, rs, rq->params[0], rq->today, &unit))
        return;
    json_t *body = http_body_object(rq, rs);
    if (body == NULL)
        return;
    cccd_point p = {.kind = CCCD_POINT_FIXED, .open_from = INT64_MIN, .open_to = INT64_MAX};
    const char *name, *address = NULL, *kind = NULL, *place = NULL;
    long pph = 0;
    bool ok = (name = http_body_string(body, "name", true, CCCD_POINT_TEXT_MAX, rs, NULL)) &&
              (address = http_body_string(body, "address", true, CCCD_POINT_TEXT_MAX, rs, NULL)) &&
              http_body_opt_string(body, "kind", 16, rs, &kind) &&
              http_body_opt_string(body, "place", CCCD_POINT_TEXT_MAX, rs, &place) &&
              http_body_day(body, "from", false, INT64_MIN, rs, &p.open_from) &&
              http_body_day(body, "to", false, INT64_MAX, rs, &p.open_to) &&
              http_body_int(body, "per_kit_hour", false, 1, 60, CCCD_PEOPLE_PER_KIT_HOUR_DEFAULT,
                            rs, &pph);
    if (ok && kind) {
        int k = cccd_point_kind_parse(kind);
        if (k < 0) {
            http_problem(rs, 422, "input.argument", "kind", "kind: fixed, mobile or home");
            ok = false;
        }
        p.kind = (cccd_point_kind)(k < 0 ? 0 : k);
    }
    if (!ok) {
        json_decref(body);
        return;
    }
    snprintf(p.name, sizeof p.name, "%s", name);
    snprintf(p.address, sizeof p.address, "%s", address);
    snprintf(p.place, sizeof p.place, "%s", place ? place : "");
    p.people_per_kit_hour = (int)pph;
    json_decref(body);
    cccd_store_unit_key(unit, p.unit_key);
    cccd_actor by = http_actor(rq);
    cccd_err err;
    if (cccd_outreach_point_add(rq->st, &by, &p, &p.id, &err) != CCCD_OK) {
        http_problem_err(rs, &err);
        return;
    }
    http_json(rs, 201, cccd_point_json(&p, rq->units));
}
