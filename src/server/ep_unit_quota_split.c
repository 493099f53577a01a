/*
 * ep_unit_quota_split.c: POST /api/v1/units/{code}/quota/split {"by": "eligible"} or
 * {"lines": [{"code", "target"}, ...]}: splits a unit's quota over its children
 * (campaign.manage; the unit within the account's jurisdiction). 200 with the children's
 * targets and "warning" when their sum falls short of the unit's quota.
 */
#include <stdlib.h>
#include <string.h>

#include "server/http.h"
#include "service/quotas.h"

/* The lines of a split by hand into *out (caller frees): false with a 422 problem. */
static bool read_lines(json_t *lines, http_resp *rs, cccd_split_in **out, size_t *n) {
    if (!json_is_array(lines) || json_array_size(lines) == 0 || json_array_size(lines) > 10000) {
        http_problem(rs, 422, "input.argument", "lines",
                     "lines: an array of 1 to 10000 objects {\"code\", \"target\"}");
        return false;
    }
    *n = json_array_size(lines);
    *out = calloc(*n, sizeof **out);
    if (*out == NULL) {
        http_problem(rs, 500, "system.nomem", NULL, "out of memory");
        return false;
    }
    for (size_t i = 0; i < *n; i++) {
        json_t *l = json_array_get(lines, i);
        const char *code = json_string_value(json_object_get(l, "code"));
        json_t *t = json_object_get(l, "target");
        if (code == NULL || strlen(code) >= sizeof(*out)[i].code || !json_is_integer(t) ||
            json_integer_value(t) < 0) {
            char field[32];
            snprintf(field, sizeof field, "lines[%zu]", i);
            http_problem(rs, 422, "input.argument", field,
                         "each line needs a unit \"code\" and a \"target\" of 0 or more");
            free(*out);
            return false;
        }
        snprintf((*out)[i].code, sizeof(*out)[i].code, "%s", code);
        (*out)[i].target = json_integer_value(t);
    }
    return true;
}

void ep_unit_quota_split(http_req *rq, http_resp *rs) {
    const cccd_unit *unit;
    bool nation;
    if (!http_unit_arg(rq, rs, rq->params[0], rq->today, &unit, &nation) ||
        !http_require_unit(rq, rs, unit))
        return;
    json_t *body = http_body_object(rq, rs);
    if (body == NULL)
        return;
    json_t *by_j = json_object_get(body, "by"), *lines_j = json_object_get(body, "lines");
    cccd_split_in *lines = NULL;
    size_t n = 0;
    bool ok = true;
    if ((by_j == NULL) == (lines_j == NULL) ||
        (by_j && (!json_is_string(by_j) || strcmp(json_string_value(by_j), "eligible") != 0))) {
        http_problem(rs, 422, "input.argument", "by",
                     "give \"by\": \"eligible\" or \"lines\" (a split by hand)");
        ok = false;
    } else if (lines_j) {
        ok = read_lines(lines_j, rs, &lines, &n);
    }
    json_decref(body);
    if (!ok)
        return;
    if (nation) {
        free(lines);
        http_problem(rs, 422, "input.argument", "code", "the country has no quota: give a unit");
        return;
    }
    cccd_actor by = http_actor(rq);
    cccd_split s;
    cccd_err err;
    if (cccd_quota_split(rq->st, rq->units, unit->code, lines, n, rq->today, rq->now, &by, &s,
                         &err) != CCCD_OK) {
        http_problem_err(rs, &err);
    } else {
        char iso[11];
        json_t *kids = json_array();
        for (size_t i = 0; i < s.n; i++)
            json_array_append_new(kids, json_pack("{s:s, s:I, s:I}", "code", s.v[i].unit->code,
                                                  "eligible", (json_int_t)s.v[i].eligible, "target",
                                                  (json_int_t)s.v[i].target));
        http_json(rs, 200,
                  json_pack("{s:s, s:I, s:s, s:I, s:o, s:s?}", "unit", unit->code, "target",
                            (json_int_t)s.parent_target, "deadline",
                            cccd_date_iso(cccd_date_from_days(s.deadline), iso), "sum",
                            (json_int_t)s.sum, "children", kids, "warning",
                            s.warning[0] ? s.warning : NULL));
        cccd_split_free(&s);
    }
    free(lines);
}
