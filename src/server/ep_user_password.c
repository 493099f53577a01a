/*
 * ep_user_password.c: PUT /api/v1/users/{name}/password {"password"}: an admin sets a new
 * password for an account of its jurisdiction; the policy is checked, failed logins cleared and
 * every session of the account ended. Audited with the change.
 */
#include <string.h>

#include "server/http.h"
#include "service/accounts.h"

void ep_user_password(http_req *rq, http_resp *rs) {
    json_t *body = http_body_object(rq, rs);
    if (body == NULL)
        return;
    const char *pass = http_body_string(body, "password", true, 1024, rs, NULL);
    cccd_account a;
    if (pass == NULL || !http_user_target(rq, rs, &a)) {
        json_decref(body);
        return;
    }
    cccd_actor by = http_actor(rq);
    cccd_err err;
    cccd_errc rc = cccd_accounts_set_password(rq->st, &by, a.username, pass, NULL, &err);
    json_decref(body);
    if (rc != CCCD_OK) {
        http_problem_err(rs, &err);
        return;
    }
    rs->status = 204;
    rs->body = strdup("");
    rs->no_store = true;
}
