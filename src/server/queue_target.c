/*
 * queue_target.c: what the queue endpoints share: the point a path names ({id}) or the point
 * of the queue entry it names ({entry}), found and in the caller's jurisdiction (the point's
 * unit version, judged by the units it resolves to today), else a 400/404/403 problem.
 */
#include <stdio.h>
#include <stdlib.h>

#include "server/http.h"

static bool parse_id(http_resp *rs, const char *s, const char *field, int64_t *out) {
    char *end = NULL;
    long long v = s ? strtoll(s, &end, 10) : 0;
    if (s == NULL || end == s || *end != '\0' || v <= 0 || v > 2000000000LL) {
        char d[96];
        snprintf(d, sizeof d, "%s must be a whole number from 1", field);
        http_problem(rs, 400, "input.argument", field, d);
        return false;
    }
    *out = (int64_t)v;
    return true;
}

static bool point_in_scope(http_req *rq, http_resp *rs, int64_t id, cccd_point *out) {
    cccd_err err;
    if (cccd_store_point_get(rq->st, id, out, &err) != CCCD_OK) {
        http_problem_err(rs, &err);
        return false;
    }
    if (http_in_scope(rq, out->unit_key))
        return true;
    char d[200];
    snprintf(d, sizeof d, "point %lld belongs to unit %s, outside the jurisdiction of this account",
             (long long)id, out->unit_key);
    http_problem(rs, 403, "auth.forbidden", "point", d);
    return false;
}

bool http_point_target(http_req *rq, http_resp *rs, cccd_point *out) {
    int64_t id;
    return parse_id(rs, rq->params[0], "point", &id) && point_in_scope(rq, rs, id, out);
}

bool http_queue_entry_target(http_req *rq, http_resp *rs, int64_t *entry) {
    cccd_err err;
    cccd_queue_entry e;
    bool found = false;
    cccd_point p;
    if (!parse_id(rs, rq->params[0], "entry", entry))
        return false;
    if (cccd_store_queue_get(rq->st, *entry, &e, &found, &err) != CCCD_OK) {
        http_problem_err(rs, &err);
        return false;
    }
    if (!found) {
        http_problem(rs, 404, "queue.unknown", "entry", "there is no queue entry with that id");
        return false;
    }
    return point_in_scope(rq, rs, e.point_id, &p);
}
