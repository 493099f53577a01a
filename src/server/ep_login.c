/*
 * ep_login.c: POST /api/v1/login {"username", "password"}: a bearer token for the session.
 * Wrong name, wrong password and a disabled account get the same 401; an account locked by
 * failed logins gets 429 with Retry-After, and so does an address that failed too often
 * (whatever names it tried). Every attempt is audited (service/auth.c).
 */
#include <time.h>

#include "server/http.h"

void ep_login(http_req *rq, http_resp *rs) {
    json_t *body = http_body_object(rq, rs);
    if (body == NULL)
        return;
    const char *user = http_body_string(body, "username", true, 64, rs, NULL);
    const char *pass = user ? http_body_string(body, "password", true, 1024, rs, NULL) : NULL;
    if (user == NULL || pass == NULL) {
        json_decref(body);
        return;
    }
    int64_t wait = throttle_wait(rq->throttle, rq->remote, rq->now);
    if (wait > 0) {
        json_decref(body);
        metrics_login_failure(rq->metrics);
        http_problem(rs, 429, "auth.locked", NULL,
                     "too many failed logins from this address; wait before trying again");
        rs->retry_after = wait;
        return;
    }
    cccd_session ses;
    int64_t retry = 0;
    cccd_err err;
    cccd_errc rc = cccd_auth_login(rq->st, &rq->cfg->auth, user, pass, rq->remote, rq->now, &ses,
                                   &retry, &err);
    json_decref(body);
    if (rc != CCCD_OK) {
        if (rc == CCCD_E_LOGIN || rc == CCCD_E_LOGIN_LOCKED)
            metrics_login_failure(rq->metrics);
        if (rc == CCCD_E_LOGIN)
            throttle_failed(rq->throttle, rq->remote, rq->now);
        http_problem_err(rs, &err);
        if (rc == CCCD_E_LOGIN_LOCKED)
            rs->retry_after = retry > 0 ? retry : 1;
        return;
    }
    char exp[32];
    time_t t = (time_t)ses.expires;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(exp, sizeof exp, "%Y-%m-%dT%H:%M:%SZ", &tm);
    http_json(rs, 200,
              json_pack("{s:s,s:s,s:s,s:o}", "token", ses.token, "token_type", "Bearer",
                        "expires_at", exp, "account", http_account_json(&ses.account, rq->units)));
}
