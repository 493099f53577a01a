/*
 * ep_unit_manifests.c: GET /api/v1/units/{code}/manifests[?before=ID][&limit=N]: the
 * manifests of cards sent to a commune, newest first, received or not: what the unit checks
 * its deliveries against (application.read; the unit within the account's jurisdiction).
 */
#include "server/http.h"
#include "service/production.h"

typedef struct page {
    json_t *list;
    int64_t last;
    long n;
} page;

static void add_manifest(void *ctx, const cccd_manifest *m) {
    page *p = ctx;
    json_array_append_new(p->list, cccd_manifest_json(m));
    p->last = m->id;
    p->n++;
}

void ep_unit_manifests(http_req *rq, http_resp *rs) {
    const cccd_unit *unit;
    bool nation;
    long before = 0, limit = 0;
    if (!http_unit_arg(rq, rs, rq->params[0], rq->today, &unit, &nation) ||
        !http_require_unit(rq, rs, unit) ||
        !http_query_int(rq, rs, "before", 0, 2000000000L, 0, &before) ||
        !http_query_int(rq, rs, "limit", 1, 500, 100, &limit))
        return;
    if (nation) {
        http_problem(rs, 422, "input.argument", "code", "ask for a commune, not the country");
        return;
    }
    char key[CCCD_UNIT_KEY_LEN];
    cccd_store_unit_key(unit, key);
    page p = {json_array(), 0, 0};
    cccd_err err;
    if (cccd_store_unit_manifests(rq->st, key, before, (int)limit, add_manifest, &p, &err) !=
        CCCD_OK) {
        json_decref(p.list);
        http_problem_err(rs, &err);
        return;
    }
    http_json(rs, 200,
              json_pack("{s:s, s:o, s:o}", "unit", unit->code, "manifests", p.list, "next_before",
                        p.n == limit ? json_integer(p.last) : json_null()));
}
