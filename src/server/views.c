/*
 * views.c: the JSON shapes several endpoints share (a unit, an account) and looking up the
 * unit a path names, so each endpoint file holds only its own logic.
 */
#include <stdio.h>
#include <string.h>

#include "server/http.h"
#include "store/store.h"

json_t *http_unit_json(const cccd_unit *u) {
    char from[11] = "", to[11] = "";
    if (u->valid_from.prec != CCCD_DATE_NONE)
        cccd_date_iso(u->valid_from, from);
    if (u->valid_to.prec != CCCD_DATE_NONE)
        cccd_date_iso(u->valid_to, to);
    json_t *o = json_pack("{s:s,s:s,s:s,s:s}", "code", u->code, "level",
                          cccd_unit_level_name(u->level), "name", u->name, "type", u->type);
    json_object_set_new(o, "valid_from", from[0] ? json_string(from) : json_null());
    json_object_set_new(o, "valid_to", to[0] ? json_string(to) : json_null());
    json_object_set_new(o, "parent", u->parent ? json_string(u->parent->code) : json_null());
    return o;
}

json_t *http_account_json(const cccd_account *a, const cccd_units *u) {
    json_t *unit = json_pack("{s:s}", "key", a->unit_key);
    const cccd_unit *v =
        u && strcmp(a->unit_key, "VN") != 0 ? cccd_units_by_key(u, a->unit_key) : NULL;
    json_object_set_new(unit, "code", json_string(v ? v->code : "VN"));
    json_object_set_new(unit, "name", json_string(v ? v->name : "Việt Nam"));
    return json_pack("{s:s,s:s,s:o,s:b,s:I,s:s}", "username", a->username, "role",
                     cccd_role_name(a->role), "unit", unit, "disabled", a->disabled,
                     "failed_logins", (json_int_t)a->failed_logins, "created_at", a->created_at);
}

bool http_unit_arg(http_req *rq, http_resp *rs, const char *code, cccd_date at,
                   const cccd_unit **out, bool *nation) {
    *out = NULL;
    *nation = strcmp(code, "VN") == 0;
    if (*nation)
        return true;
    if (rq->units == NULL) {
        http_problem(rs, 404, "units.unknown", "code", "no units were imported into this database");
        return false;
    }
    cccd_err err;
    if (strlen(code) > 5 || strspn(code, "0123456789") != strlen(code)) {
        http_problem(rs, 404, "units.unknown", "code", "a unit code is VN or 2, 3 or 5 digits");
        return false;
    }
    *out = cccd_units_lookup(rq->units, code, CCCD_UNIT_ANY, at, &err);
    if (*out == NULL) {
        http_problem(rs, 404, cccd_errc_name(err.code), "code", err.msg);
        return false;
    }
    return true;
}

bool http_area_arg(http_req *rq, http_resp *rs, const char *code, cccd_date at,
                   const cccd_unit **out) {
    bool nation;
    if (!http_unit_arg(rq, rs, code, at, out, &nation) || !http_require_unit(rq, rs, *out))
        return false;
    if (nation) {
        http_problem(rs, 422, "input.argument", "code",
                     "name a province, district or commune, not the whole country");
        return false;
    }
    return true;
}
