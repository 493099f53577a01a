/*
 * ep_users_add.c: POST /api/v1/users {"username", "role", "unit", "password"}: an admin adds
 * an account at a unit of its own jurisdiction (checked, stored and audited in one transaction
 * by service/accounts.c). 201 with the account; 409 when the name is taken.
 */
#include <string.h>

#include "server/http.h"
#include "service/accounts.h"

void ep_users_add(http_req *rq, http_resp *rs) {
    json_t *body = http_body_object(rq, rs);
    if (body == NULL)
        return;
    const char *name = http_body_string(body, "username", true, 64, rs, NULL), *role = NULL,
               *unit = NULL, *pass = NULL;
    if (name)
        role = http_body_string(body, "role", true, 32, rs, NULL);
    if (role)
        unit = http_body_string(body, "unit", true, 8, rs, NULL);
    if (unit)
        pass = http_body_string(body, "password", true, 1024, rs, NULL);
    if (pass == NULL) {
        json_decref(body);
        return;
    }
    const cccd_unit *u = NULL;
    bool nation = false;
    if (!http_unit_arg(rq, rs, unit, rq->today, &u, &nation) || !http_require_unit(rq, rs, u)) {
        if (rs->status == 404)
            http_problem(rs, 422, "units.unknown", "unit",
                         "no unit with that code is in force today");
        json_decref(body);
        return;
    }
    cccd_actor by = http_actor(rq);
    cccd_account a;
    cccd_err err;
    cccd_errc rc = cccd_accounts_add(rq->st, rq->units, rq->today, &by, name, role, unit, pass,
                                     NULL, &a, &err);
    json_decref(body);
    if (rc != CCCD_OK) {
        http_problem_err(rs, &err);
        return;
    }
    http_json(rs, 201, http_account_json(&a, rq->units));
}
