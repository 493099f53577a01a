/*
 * ep_user_enable.c: POST /api/v1/users/{name}/enable: enables a disabled account of the admin's
 * jurisdiction (its old sessions stay revoked). Audited with the change.
 */
#include "server/http.h"
#include "service/accounts.h"

void ep_user_enable(http_req *rq, http_resp *rs) {
    cccd_account a;
    if (!http_user_target(rq, rs, &a))
        return;

    cccd_actor by = http_actor(rq);
    cccd_err err;
    if (cccd_accounts_set_disabled(rq->st, &by, a.username, false, &err) != CCCD_OK) {
        http_problem_err(rs, &err);
        return;
    }
    a.disabled = false;
    http_json(rs, 200, http_account_json(&a, rq->units));
}
