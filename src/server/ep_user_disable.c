/*
 * ep_user_disable.c: POST /api/v1/users/{name}/disable: disables an account of the admin's
 * jurisdiction; every session it holds stops working at once. Audited with the change.
 */
#include "server/http.h"
#include "service/accounts.h"

void ep_user_disable(http_req *rq, http_resp *rs) {
    cccd_account a;
    if (!http_user_target(rq, rs, &a))
        return;
    if (rq->account && a.id == rq->account->id) {
        http_problem(rs, 409, "account.self", "name", "an admin cannot disable its own account");
        return;
    }
    cccd_actor by = http_actor(rq);
    cccd_err err;
    if (cccd_accounts_set_disabled(rq->st, &by, a.username, true, &err) != CCCD_OK) {
        http_problem_err(rs, &err);
        return;
    }
    a.disabled = true;
    http_json(rs, 200, http_account_json(&a, rq->units));
}
