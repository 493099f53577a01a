/*
 * queue_target.c: the point whose queue a request runs ({id}), or the point of the queue entry
 * it names ({entry}): found, and in the caller's jurisdiction (the point's unit version, judged
 * by the units it resolves to today) or the caller assigned to that point today (an officer
 * lent by another province serves where the assignment sends them), else a 400/404/403
 * problem.
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

/* Whether the caller is assigned to point_id today (store_staff.h). */
typedef struct assigned {
    int64_t point_id;
    bool yes;
} assigned;

static void on_assignment(void *ctx, const cccd_staff_row *r) {
    assigned *a = ctx;
    a->yes = a->yes || r->point_id == a->point_id;
}

static bool desk_point(http_req *rq, http_resp *rs, int64_t id, cccd_point *out) {
    cccd_err err;
    if (cccd_store_point_get(rq->st, id, out, &err) != CCCD_OK) {
        http_problem_err(rs, &err);
        return false;
    }
    assigned a = {id, false};
    int64_t today = cccd_date_to_days(rq->today);
    if (!http_in_scope(rq, out->unit_key) && rq->account &&
        cccd_store_staff_of_account(rq->st, rq->account->id, today, today, on_assignment, &a,
                                    &err) != CCCD_OK) {
        http_problem_err(rs, &err);
        return false;
    }
    return a.yes || http_point_in_scope(rq, rs, id, out);
}

bool http_queue_point_target(http_req *rq, http_resp *rs, cccd_point *out) {
    int64_t id;
    return parse_id(rs, rq->params[0], "point", &id) && desk_point(rq, rs, id, out);
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
    return desk_point(rq, rs, e.point_id, &p);
}
