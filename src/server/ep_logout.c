/*
 * ep_logout.c: POST /api/v1/logout: ends the session of the token presented (audited). The
 * token stops working at once.
 */
#include <stdlib.h>
#include <string.h>

#include "server/http.h"

void ep_logout(http_req *rq, http_resp *rs) {
    cccd_actor by = http_actor(rq);
    cccd_err err;
    if (cccd_auth_logout(rq->st, rq->token, &by, &err) != CCCD_OK) {
        http_problem_err(rs, &err);
        return;
    }
    rs->status = 204;
    rs->body = strdup("");
    rs->len = 0;
    rs->no_store = true;
}
