/*
 * user_target.c: the account named in a /api/v1/users/{name}/... path, found and checked to lie
 * in the admin's jurisdiction, for the endpoints that change one account.
 */
#include "server/http.h"

bool http_user_target(http_req *rq, http_resp *rs, cccd_account *out) {
    bool found = false;
    cccd_err err;
    if (cccd_store_account_get(rq->st, rq->params[0], out, NULL, &found, &err) != CCCD_OK) {
        http_problem_err(rs, &err);
        return false;
    }
    if (!found) {
        http_problem(rs, 404, "account.unknown", "name", "no account of that name");
        return false;
    }
    if (!http_in_scope(rq, out->unit_key)) {
        http_problem(rs, 403, "auth.forbidden", "name",
                     "that account is held outside the jurisdiction of this admin");
        return false;
    }
    return true;
}
