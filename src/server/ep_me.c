/*
 * ep_me.c: GET /api/v1/me: the account behind the token, with what its role may do, so a
 * client (the web UI) shows only what the user may use.
 */
#include "server/http.h"

void ep_me(http_req *rq, http_resp *rs) {
    json_t *o = http_account_json(rq->account, rq->units);
    json_t *perms = json_array();
    for (int p = 0; p < CCCD_PERM__COUNT; p++)
        if (cccd_role_may(rq->account->role, (cccd_perm)p))
            json_array_append_new(perms, json_string(cccd_perm_name((cccd_perm)p)));
    json_object_set_new(o, "permissions", perms);
    http_json(rs, 200, o);
}
