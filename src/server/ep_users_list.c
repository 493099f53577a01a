/*
 * ep_users_list.c: GET /api/v1/users: the accounts whose unit lies in the admin's
 * jurisdiction (a provincial admin sees its province's accounts, not the neighbour's). Never a
 * password hash.
 */
#include "server/http.h"

typedef struct listing {
    http_req *rq;
    json_t *list;
} listing;

static void on_account(void *ctx, const cccd_account *a) {
    listing *l = ctx;
    http_req *rq = l->rq;
    if (http_in_scope(rq, a->unit_key))
        json_array_append_new(l->list, http_account_json(a, rq->units));
}

void ep_users_list(http_req *rq, http_resp *rs) {
    listing l = {rq, json_array()};
    cccd_err err;
    if (cccd_store_account_list(rq->st, on_account, &l, &err) != CCCD_OK) {
        json_decref(l.list);
        http_problem_err(rs, &err);
        return;
    }
    http_json(rs, 200, json_pack("{s:o}", "users", l.list));
}
