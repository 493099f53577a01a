/*
 * ep_batch_get.c: GET /api/v1/batches/{id}: a production batch, how many of its cards are
 * produced, and its manifests once dispatched (production.run).
 */
#include "server/http.h"
#include "service/production.h"

static void add_manifest(void *ctx, const cccd_manifest *m) {
    json_array_append_new(ctx, cccd_manifest_json(m));
}

void ep_batch_get(http_req *rq, http_resp *rs) {
    cccd_batch b;
    if (!http_batch_target(rq, rs, rq->params[0], &b))
        return;
    json_t *o = cccd_batch_json(&b), *list = json_array();
    json_object_set_new(o, "manifests", list);
    cccd_err err;
    if (cccd_store_batch_manifests(rq->st, b.id, add_manifest, list, &err) != CCCD_OK) {
        json_decref(o);
        http_problem_err(rs, &err);
        return;
    }
    http_json(rs, 200, o);
}
