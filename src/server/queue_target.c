/*
 * queue_target.c: the queue entry a path names ({entry}), found and with its point in the
 * caller's jurisdiction (the point's unit version, judged by the units it resolves to today),
 * else a 400/404/403 problem. (The point a path names: http_point_arg, outreach_args.c.)
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
    return http_point_in_scope(rq, rs, e.point_id, &p);
}
