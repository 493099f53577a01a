/*
 * ep_batch_dispatch.c: POST /api/v1/batches/{id}/dispatch: sends a batch whose cards are all
 * produced, one manifest per receiving unit (production.run). 200 with the batch and its
 * manifests; 409 while cards are still to be made.
 */
#include "server/http.h"
#include "service/production.h"

static void add_manifest(void *ctx, const cccd_manifest *m) {
    json_array_append_new(ctx, cccd_manifest_json(m));
}

void ep_batch_dispatch(http_req *rq, http_resp *rs) {
    cccd_batch b;
    if (!http_batch_target(rq, rs, rq->params[0], &b))
        return;
    cccd_actor by = http_actor(rq);
    json_t *list = json_array();
    cccd_err err;
    bool found = false;
    if (cccd_batch_dispatch(rq->st, b.id, rq->now, &by, add_manifest, list, &err) != CCCD_OK ||
        cccd_store_batch_get(rq->st, b.id, &b, &found, &err) != CCCD_OK) {
        json_decref(list);
        http_problem_err(rs, &err);
        return;
    }
    json_t *o = cccd_batch_json(&b);
    json_object_set_new(o, "manifests", list);
    http_json(rs, 200, o);
}
