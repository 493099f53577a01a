/*
 * ep_queue_get.c: GET /api/v1/points/{id}/queue[?on=DATE]: the queue of a point on a day (default
 * today): each entry with the person, state and waiting time, the counts by state, the average
 * and longest wait. For officers and supervisors whose jurisdiction holds the point; every
 * person listed is on the audit record before the answer leaves.
 */
#include <stdio.h>
#include <stdlib.h>

#include "server/http.h"
#include "service/queue.h"

void ep_queue_get(http_req *rq, http_resp *rs) {
    cccd_point p;
    cccd_date on;
    if (!http_queue_point_target(rq, rs, &p) || !http_query_date(rq, rs, "on", &on))
        return;
    int64_t day = cccd_date_to_days(on);
    cccd_queue_view v;
    cccd_err err;
    if (cccd_queue_view_get(rq->st, p.id, day, &v, &err) != CCCD_OK) {
        http_problem_err(rs, &err);
        return;
    }
    char(*ids)[13] = calloc(v.n ? v.n : 1, sizeof *ids);
    const char **targets = calloc(v.n ? v.n : 1, sizeof *targets);
    if (ids == NULL || targets == NULL) {
        http_problem(rs, 503, "service.unavailable", NULL, "out of memory; try again");
    } else {
        for (size_t i = 0; i < v.n; i++) {
            snprintf(ids[i], sizeof ids[i], "%012lld", (long long)v.entries[i].personal_id);
            targets[i] = ids[i];
        }
        char detail[64];
        snprintf(detail, sizeof detail, "point=%lld day=%lld", (long long)p.id, (long long)day);
        if (http_audit_read(rq, rs, "queue.read", targets, v.n, detail))
            http_json(rs, 200, cccd_queue_view_json(&v, p.id, day, rq->now));
    }
    free(ids);
    free(targets);
    cccd_queue_view_free(&v);
}
