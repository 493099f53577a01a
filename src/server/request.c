/*
 * request.c: reading what a request carries (a JSON body, query arguments, dates, numbers) with
 * a specific problem for each way it can be wrong, and the two checks every personal read
 * shares: the jurisdiction and the audit entry written before the answer.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/http.h"

json_t *http_body_object(http_req *rq, http_resp *rs) {
    if (rq->body == NULL || rq->body_len == 0) {
        http_problem(rs, 400, "input.json", NULL, "the request needs a JSON object as its body");
        return NULL;
    }
    json_error_t je;
    json_t *v = json_loadb(rq->body, rq->body_len, JSON_REJECT_DUPLICATES, &je);
    if (v == NULL) {
        char d[256];
        snprintf(d, sizeof d, "the body is not valid JSON: %s (line %d, column %d)", je.text,
                 je.line, je.column);
        http_problem(rs, 400, "input.json", NULL, d);
        return NULL;
    }
    if (!json_is_object(v)) {
        json_decref(v);
        http_problem(rs, 422, "input.json", NULL, "the body must be a JSON object");
        return NULL;
    }
    return v;
}

const char *http_body_string(json_t *o, const char *name, bool required, size_t max, http_resp *rs,
                             bool *absent) {
    json_t *v = json_object_get(o, name);
    if (absent)
        *absent = v == NULL;
    char d[160];
    if (v == NULL) {
        if (required) {
            snprintf(d, sizeof d, "'%s' is required", name);
            http_problem(rs, 422, "input.argument", name, d);
        }
        return NULL;
    }
    if (!json_is_string(v)) {
        snprintf(d, sizeof d, "'%s' must be a string", name);
        http_problem(rs, 422, "input.argument", name, d);
        return NULL;
    }
    if (json_string_length(v) > max || strlen(json_string_value(v)) != json_string_length(v)) {
        snprintf(d, sizeof d, "'%s' must be at most %zu bytes of text with no NUL", name, max);
        http_problem(rs, 422, "input.too_long", name, d);
        return NULL;
    }
    return json_string_value(v);
}

bool http_query_date(http_req *rq, http_resp *rs, const char *name, cccd_date *out) {
    const char *s = rq->query(rq, name);
    if (s == NULL) {
        *out = rq->today;
        return true;
    }
    cccd_err err;
    if (cccd_date_parse_full(s, name, out, &err) != CCCD_OK) {
        http_problem(rs, 400, cccd_errc_name(err.code), name, err.msg);
        return false;
    }
    return true;
}

bool http_id_arg(http_resp *rs, const char *s, const char *field, int64_t *id) {
    char *end = NULL;
    long long v = s ? strtoll(s, &end, 10) : 0;
    if (s == NULL || end == s || *end != '\0' || v <= 0 || v > 2000000000LL) {
        char detail[80];
        snprintf(detail, sizeof detail, "%s must be a whole number from 1", field);
        http_problem(rs, 400, "input.argument", field, detail);
        return false;
    }
    *id = (int64_t)v;
    return true;
}

bool http_query_int(http_req *rq, http_resp *rs, const char *name, long min, long max, long def,
                    long *out) {
    const char *s = rq->query(rq, name);
    if (s == NULL) {
        *out = def;
        return true;
    }
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (s[0] == '\0' || *end != '\0' || errno != 0 || v < min || v > max ||
        strspn(s, "-0123456789") != strlen(s)) {
        char d[160];
        snprintf(d, sizeof d, "'%s' must be a whole number from %ld to %ld", name, min, max);
        http_problem(rs, 400, "input.argument", name, d);
        return false;
    }
    *out = v;
    return true;
}

bool http_in_scope(const http_req *rq, const char *unit_key) {
    if (!rq->scope_ok)
        return false;
    if (rq->scope.nation)
        return true;
    return rq->units && unit_key[0] &&
           cccd_scope_contains_key(rq->units, &rq->scope, unit_key, rq->today);
}

static bool unit_allowed(const http_req *rq, const cccd_unit *unit) {
    if (!rq->scope_ok)
        return false;
    if (rq->scope.nation)
        return true;
    if (unit == NULL)
        return false;
    if (cccd_unit_in_force(unit, rq->today))
        return cccd_scope_contains(&rq->scope, unit);
    char key[CCCD_UNIT_KEY_LEN];
    cccd_store_unit_key(unit, key);
    return http_in_scope(rq, key);
}

bool http_require_unit(http_req *rq, http_resp *rs, const cccd_unit *unit) {
    if (unit_allowed(rq, unit))
        return true;
    char d[200];
    snprintf(d, sizeof d, "unit %s is outside the jurisdiction of this account (%s)",
             unit ? unit->code : "VN", rq->account ? rq->account->unit_key : "?");
    http_problem(rs, 403, "auth.forbidden", "unit", d);
    return false;
}

cccd_actor http_actor(const http_req *rq) {
    cccd_actor a = {"public", "", "", rq->remote ? rq->remote : ""};
    if (rq->account) {
        a.name = rq->account->username;
        a.role = cccd_role_name(rq->account->role);
        a.unit = rq->account->unit_key;
    }
    return a;
}

bool http_audit_read(http_req *rq, http_resp *rs, const char *action, const char *const *targets,
                     size_t n, const char *detail) {
    if (n == 0)
        return true;
    cccd_actor a = http_actor(rq);
    char at[32];
    cccd_audit_now(at);
    cccd_audit_entry one[16], *e = n <= 16 ? one : calloc(n, sizeof *e);
    if (e == NULL) {
        http_problem(rs, 503, "service.unavailable", NULL, "out of memory; try again");
        return false;
    }
    for (size_t i = 0; i < n; i++)
        e[i] = (cccd_audit_entry){
            0,  at, a.name, a.role, a.unit, action, targets[i], a.remote, detail ? detail : "",
            "", ""};
    cccd_err err;
    cccd_errc rc = CCCD_OK;
    if (rq->audit_defer == NULL || !rq->audit_defer(rq, e, n))
        rc = rq->audit_defer ? CCCD_E_UNAVAILABLE : cccd_audit_log_write(rq->audit, e, n, &err);
    if (e != one)
        free(e);
    if (rc != CCCD_OK) {
        metrics_audit_failure(rq->metrics);
        http_problem(rs, 503, "service.unavailable", NULL,
                     "the read could not be put on the audit record, so nothing is shown; try "
                     "again");
        rs->retry_after = 1;
        return false;
    }
    return true;
}
