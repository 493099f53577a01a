/*
 * ep_public_schedule.c: GET /api/v1/public/schedule?unit=CODE&from=D&to=D, public: where and
 * when the fixed and mobile points of a unit's subtree serve, day by day, for the public page
 * (web/schedule.html). No personal data and no account needed; from is today and to 13 days
 * later unless given, at most CCCD_SCHEDULE_MAX_DAYS days (docs/api.md).
 */
#include <string.h>

#include "server/public_schedule.h"

static json_t *day_json(const cccd_plan *p, size_t *i) {
    const cccd_plan_slot *s0 = &p->slots[*i];
    char iso[11], vn[11];
    json_t *shifts = json_array();
    for (; *i < p->nslots && p->slots[*i].point == s0->point && p->slots[*i].day == s0->day;
         (*i)++) {
        const cccd_shift *sh = &p->slots[*i].shift;
        char a[6], b[6];
        json_array_append_new(shifts, json_pack("{s:i,s:s,s:s}", "no", sh->no, "start",
                                                cccd_minutes_format(sh->start_min, a), "end",
                                                cccd_minutes_format(sh->end_min, b)));
    }
    return json_pack("{s:s,s:s,s:o}", "date", cccd_date_iso(cccd_date_from_days(s0->day), iso),
                     "date_vn", cccd_schedule_day_vn(s0->day, vn), "shifts", shifts);
}

static json_t *point_json(const cccd_schedule *sc, size_t pi, size_t *i) {
    const cccd_point *pt = &sc->plan.points[pi];
    const cccd_unit *u = sc->point_unit[pi];
    json_t *o =
        json_pack("{s:I,s:s,s:o,s:o,s:o}", "id", (json_int_t)pt->id, "kind",
                  cccd_point_kind_name(pt->kind), "name", http_json_string(pt->name), "place",
                  http_json_string(pt->place), "address", http_json_string(pt->address));
    json_object_set_new(o, "unit",
                        u ? json_pack("{s:s,s:s}", "code", u->code, "name", u->name) : json_null());
    char a[11], b[11];
    bool limited = pt->kind == CCCD_POINT_MOBILE;
    json_object_set_new(o, "open_from",
                        limited && pt->open_from != INT64_MIN
                            ? json_string(cccd_date_iso(cccd_date_from_days(pt->open_from), a))
                            : json_null());
    json_object_set_new(o, "open_to",
                        limited && pt->open_to != INT64_MAX
                            ? json_string(cccd_date_iso(cccd_date_from_days(pt->open_to), b))
                            : json_null());
    json_t *days = json_array();
    while (*i < sc->plan.nslots && sc->plan.slots[*i].point == pi)
        json_array_append_new(days, day_json(&sc->plan, i));
    json_object_set_new(o, "days", days);
    return o;
}

void ep_public_schedule(http_req *rq, http_resp *rs) {
    cccd_date from, to;
    if (!http_query_date(rq, rs, "from", &from))
        return;
    if (rq->query(rq, "to") == NULL)
        to = cccd_date_add_days(from, 13);
    else if (!http_query_date(rq, rs, "to", &to))
        return;
    cccd_schedule sc;
    if (!http_public_schedule(rq, rs, cccd_date_to_days(from), cccd_date_to_days(to), &sc)) {
        cccd_schedule_free(&sc);
        return;
    }
    json_t *points = json_array();
    size_t i = 0;
    for (size_t pi = 0; pi < sc.plan.npoints; pi++)
        json_array_append_new(points, point_json(&sc, pi, &i));
    char a[11], b[11];
    http_json(rs, 200,
              json_pack("{s:o,s:s,s:s,s:o}", "unit", http_unit_json(sc.unit), "from",
                        cccd_date_iso(from, a), "to", cccd_date_iso(to, b), "points", points));
    cccd_schedule_free(&sc);
}
