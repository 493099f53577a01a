/*
 * production_target.c: the batch or manifest a path names, found and within the caller's
 * jurisdiction (a batch by the unit it was made for, a manifest by its receiving unit), else a
 * 400/404/403 problem.
 */
#include "server/http.h"
#include "service/production.h"

bool http_batch_target(http_req *rq, http_resp *rs, const char *id_s, cccd_batch *out) {
    int64_t id;
    bool found = false;
    cccd_err err;
    if (!http_id_arg(rs, id_s, "batch", &id))
        return false;
    if (cccd_store_batch_get(rq->st, id, out, &found, &err) != CCCD_OK) {
        http_problem_err(rs, &err);
        return false;
    }
    if (!found) {
        http_problem(rs, 404, "batch.unknown", "batch",
                     "there is no production batch with that id");
        return false;
    }
    if (!http_in_scope(rq, out->unit_key)) {
        http_problem(rs, 403, "auth.forbidden", "batch",
                     "this batch was made for a unit outside the jurisdiction of this account");
        return false;
    }
    return true;
}

bool http_manifest_target(http_req *rq, http_resp *rs, const char *id_s, cccd_manifest *out) {
    int64_t id;
    bool found = false;
    cccd_err err;
    if (!http_id_arg(rs, id_s, "manifest", &id))
        return false;
    if (cccd_store_manifest_get(rq->st, id, out, &found, &err) != CCCD_OK) {
        http_problem_err(rs, &err);
        return false;
    }
    if (!found) {
        http_problem(rs, 404, "manifest.unknown", "manifest", "there is no manifest with that id");
        return false;
    }
    if (!http_in_scope(rq, out->unit_key)) {
        http_problem(rs, 403, "auth.forbidden", "manifest",
                     "this manifest goes to a unit outside the jurisdiction of this account");
        return false;
    }
    return true;
}
