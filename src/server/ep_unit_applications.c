/*
 * ep_unit_applications.c: GET /api/v1/units/{code}/applications?state=submitted[&after=ID]
 * [&limit=N]: a unit's applications in one state, oldest first, a page at a time: the
 * supervisor's queue of submitted ones, the unit's cards received and waiting for their
 * holders. Every person listed is audited before the answer leaves.
 */
#include <stdlib.h>
#include <string.h>

#include "server/http.h"

typedef struct page {
    json_t *list;
    char (*ids)[13];
    size_t n, cap;
    int64_t last;
    cccd_store *st;
} page;

static void add(void *ctx, const cccd_application *a) {
    page *p = ctx;
    cccd_err err;
    if (p->n >= p->cap)
        return;
    json_t *o = cccd_enroll_json(p->st, a, false, &err);
    if (o == NULL)
        return;
    json_array_append_new(p->list, o);
    memcpy(p->ids[p->n++], a->personal_id, 13);
    p->last = a->id;
}

void ep_unit_applications(http_req *rq, http_resp *rs) {
    const cccd_unit *unit;
    bool nation;
    long after = 0, limit = 0;
    if (!http_unit_arg(rq, rs, rq->params[0], rq->today, &unit, &nation) ||
        !http_require_unit(rq, rs, unit) ||
        !http_query_int(rq, rs, "after", 0, 2000000000L, 0, &after) ||
        !http_query_int(rq, rs, "limit", 1, 500, 100, &limit))
        return;
    if (nation) {
        http_problem(rs, 422, "input.argument", "code", "ask for a unit, not the whole country");
        return;
    }
    const char *state_s = rq->query(rq, "state");
    int state = cccd_app_state_parse(state_s ? state_s : "submitted");
    if (state < 0) {
        http_problem(rs, 400, "input.argument", "state",
                     "state: one of draft, submitted, approved, rejected, in_production, "
                     "produced, dispatched, received, delivered, returned");
        return;
    }
    char key[CCCD_UNIT_KEY_LEN];
    cccd_store_unit_key(unit, key);
    page p = {json_array(), calloc((size_t)limit, 13), 0, (size_t)limit, 0, rq->st};
    cccd_err err;
    if (p.list == NULL || p.ids == NULL) {
        http_problem(rs, 503, "system.memory", NULL, "out of memory");
    } else if (cccd_store_app_list(rq->st, key, (cccd_app_state)state, after, (int)limit, add, &p,
                                   &err) != CCCD_OK) {
        http_problem_err(rs, &err);
    } else {
        const char **targets = calloc(p.n ? p.n : 1, sizeof *targets);
        for (size_t i = 0; targets && i < p.n; i++)
            targets[i] = p.ids[i];
        if (targets &&
            (p.n == 0 || http_audit_read(rq, rs, "application.read", targets, p.n, "unit list"))) {
            json_t *o =
                json_pack("{s:s, s:s, s:O, s:o}", "unit", unit->code, "state",
                          cccd_app_state_name((cccd_app_state)state), "applications", p.list,
                          "next_after", p.n == (size_t)limit ? json_integer(p.last) : json_null());
            http_json(rs, 200, o);
        } else if (targets == NULL) {
            http_problem(rs, 503, "system.memory", NULL, "out of memory");
        }
        free(targets);
    }
    json_decref(p.list);
    free(p.ids);
}
