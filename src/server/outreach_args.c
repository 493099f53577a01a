/*
 * outreach_args.c: the point or kit a path names, found and checked against the caller's
 * jurisdiction, for the endpoints of points, shifts, kits and officers (ep_point*.c, ep_kit*.c,
 * ep_staff*.c). A point belongs to a unit version; a kit is where its latest move put it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/http.h"

bool http_point_in_scope(http_req *rq, http_resp *rs, int64_t id, cccd_point *out) {
    cccd_err err;
    if (cccd_store_point_get(rq->st, id, out, &err) != CCCD_OK) {
        http_problem_err(rs, &err);
        return false;
    }
    if (http_in_scope(rq, out->unit_key))
        return true;
    char d[200];
    snprintf(d, sizeof d,
             "point %lld belongs to unit %.*s, outside the jurisdiction of this account",
             (long long)id, (int)strcspn(out->unit_key, "@"), out->unit_key);
    http_problem(rs, 403, "auth.forbidden", "point", d);
    return false;
}

bool http_point_arg(http_req *rq, http_resp *rs, const char *id, cccd_point *out) {
    char *end;
    long long v = strtoll(id, &end, 10);
    if (*id < '1' || *id > '9' || *end || v > 2000000000LL) {
        http_problem(rs, 400, "input.argument", "point",
                     "a point is named by its number, 1 or more");
        return false;
    }
    return http_point_in_scope(rq, rs, v, out);
}

bool http_kit_arg(http_req *rq, http_resp *rs, const char *serial, int64_t day) {
    cccd_err err;
    int64_t point;
    char key[CCCD_UNIT_KEY_LEN];
    cccd_kit_state s;
    if (cccd_kit_serial_check(serial, &err) != CCCD_OK ||
        cccd_store_kit_at(rq->st, serial, day, &point, key, &s, &err) != CCCD_OK) {
        if (err.code == CCCD_E_ARG)
            http_problem(rs, 404, "kit.unknown", "serial", err.msg);
        else
            http_problem_err(rs, &err);
        return false;
    }
    if (key[0] == '\0') {
        http_problem(rs, 422, "kit.not_yet", "on", "the kit is not registered on that day");
        return false;
    }
    if (!http_in_scope(rq, key)) {
        char d[200];
        snprintf(d, sizeof d,
                 "kit %s is held by unit %.*s on that day, outside the jurisdiction "
                 "of this account",
                 serial, (int)strcspn(key, "@"), key);
        http_problem(rs, 403, "auth.forbidden", "serial", d);
        return false;
    }
    return true;
}

bool http_shift_no(http_resp *rs, const char *s, int *no) {
    char *end;
    long v = strtol(s, &end, 10);
    if (*s < '1' || *s > '9' || *end || v > CCCD_SHIFT_MAX) {
        http_problem(rs, 404, "shift.unknown", "no", "a shift is numbered 1 to 9");
        return false;
    }
    *no = (int)v;
    return true;
}
