/*
 * ep_manifest_receive.c: POST /api/v1/manifests/{id}/receive: the receiving commune confirms
 * that a manifest's cards arrived; each application becomes received, ready to hand over
 * (application.write; the manifest's unit within the account's jurisdiction). 200 with the
 * manifest; 409 when it was received already.
 */
#include "server/http.h"
#include "service/production.h"

void ep_manifest_receive(http_req *rq, http_resp *rs) {
    cccd_manifest m;
    if (!http_manifest_target(rq, rs, rq->params[0], &m))
        return;
    cccd_actor by = http_actor(rq);
    cccd_err err;
    if (cccd_manifest_receive(rq->st, m.id, rq->now, &by, &m, &err) != CCCD_OK)
        http_problem_err(rs, &err);
    else
        http_json(rs, 200, cccd_manifest_json(&m));
}
