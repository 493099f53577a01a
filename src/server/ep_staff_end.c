/*
 * ep_staff_end.c: POST /api/v1/points/{id}/staff/{assignment}/end {"on"}: an officer's
 * assignment to the point ends; `on` (default today) is the last day served there. Audited.
 */
#include <stdlib.h>

#include "server/http.h"

void ep_staff_end(http_req *rq, http_resp *rs) {
    cccd_point pt;
    if (!http_point_arg(rq, rs, rq->params[0], &pt))
        return;
    char *end;
    const char *s = rq->params[1];
    long long id = strtoll(s, &end, 10);
    if (*s < '1' || *s > '9' || *end) {
        http_problem(rs, 404, "staff.unknown", "assignment",
                     "an assignment is named by its number");
        return;
    }
    int64_t on = cccd_date_to_days(rq->today);
    if (rq->body_len) {
        json_t *body = http_body_object(rq, rs);
        if (body == NULL)
            return;
        bool ok = http_body_day(body, "on", false, on, rs, &on);
        json_decref(body);
        if (!ok)
            return;
    }
    cccd_err err;
    cccd_actor by = http_actor(rq);
    if (cccd_outreach_staff_end(rq->st, &by, pt.id, id, on, &err) != CCCD_OK) {
        http_problem_err(rs, &err);
        return;
    }
    char iso[11];
    http_json(rs, 200,
              json_pack("{s:I,s:I,s:s}", "id", (json_int_t)id, "point", (json_int_t)pt.id, "to",
                        cccd_date_iso(cccd_date_from_days(on), iso)));
}
