/*
 * ep_healthz.c: GET /healthz: whether the server answers and its database with it (for load
 * balancers and the supervisor that restarts the service). Public, no personal data.
 */
#include "server/http.h"

void ep_healthz(http_req *rq, http_resp *rs) {
    cccd_err err;
    int version = 0;
    if (cccd_store_schema_version(rq->st, &version, &err) != CCCD_OK) {
        http_problem_err(rs, &err);
        return;
    }
    http_json(rs, 200,
              json_pack("{s:s,s:s,s:s,s:i,s:b}", "status", rq->draining ? "draining" : "ok",
                        "database", "ok", "backend", cccd_store_backend(rq->st), "schema", version,
                        "units", rq->units != NULL));
}
