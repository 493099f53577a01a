/*
 * outreach_json.c: points, their shifts and the officers at them as JSON (see outreach.h), one
 * shape for `cccd point list --json`, `cccd shift list --json`, `cccd staff list --json` and
 * the API.
 */
#include "service/jurisdiction.h"
#include "service/outreach.h"
#include "service/plan.h"

static json_t *day_string(int64_t day) {
    char iso[11];
    return json_string(cccd_date_iso(cccd_date_from_days(day), iso));
}

json_t *cccd_staff_row_json(const cccd_staff_row *r) {
    return json_pack(
        "{s:I,s:I,s:s,s:s,s:o,s:o,s:s}", "id", (json_int_t)r->id, "point", (json_int_t)r->point_id,
        "username", r->username, "role", r->role, "from", day_string(r->from_day), "to",
        r->to_day == CCCD_STAFF_OPEN ? json_null() : day_string(r->to_day), "note", r->note);
}

json_t *cccd_point_json(const cccd_point *p, const cccd_units *u) {
    const cccd_unit *v = u ? cccd_units_by_key(u, p->unit_key) : NULL;
    json_t *o =
        json_pack("{s:I,s:s,s:s,s:s,s:s,s:i}", "id", (json_int_t)p->id, "kind",
                  cccd_point_kind_name(p->kind), "unit", v ? v->code : p->unit_key, "name", p->name,
                  "address", p->address, "people_per_kit_hour", p->people_per_kit_hour);
    if (o && p->kind == CCCD_POINT_MOBILE) {
        json_object_set_new(o, "place", json_string(p->place));
        json_object_set_new(o, "from", day_string(p->open_from));
        json_object_set_new(o, "to", day_string(p->open_to));
    }
    return o;
}

json_t *cccd_schedule_json(const cccd_plan *p) {
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < p->nslots; i++) {
        const cccd_plan_slot *s = &p->slots[i];
        char t[12];
        cccd_shift_format(s->shift.start_min, s->shift.end_min, t);
        json_array_append_new(arr, json_pack("{s:o,s:i,s:s,s:i,s:I}", "day", day_string(s->day),
                                             "shift", s->shift.no, "time", t, "kits", s->kits,
                                             "capacity", (json_int_t)s->capacity));
    }
    return arr;
}
