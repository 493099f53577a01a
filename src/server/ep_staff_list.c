/*
 * ep_staff_list.c: GET /api/v1/points/{id}/staff[?from=DATE][&to=DATE]: the officers assigned to
 * a point on some day of the range (default today), each with the assignment's dates.
 */
#include "server/http.h"

static void on_row(void *ctx, const cccd_staff_row *r) {
    json_array_append_new(ctx, cccd_staff_row_json(r));
}

void ep_staff_list(http_req *rq, http_resp *rs) {
    cccd_point pt;
    cccd_date from_d, to_d;
    if (!http_point_arg(rq, rs, rq->params[0], &pt) || !http_query_date(rq, rs, "from", &from_d))
        return;
    to_d = from_d;
    if (rq->query(rq, "to") && !http_query_date(rq, rs, "to", &to_d))
        return;
    int64_t from = cccd_date_to_days(from_d), to = cccd_date_to_days(to_d);
    if (to < from) {
        http_problem(rs, 400, "input.argument", "to", "to: on or after from");
        return;
    }
    json_t *arr = json_array();
    cccd_err err;
    if (cccd_store_staff_of_point(rq->st, pt.id, from, to, on_row, arr, &err) != CCCD_OK) {
        json_decref(arr);
        http_problem_err(rs, &err);
        return;
    }
    http_json(rs, 200, json_pack("{s:I,s:o}", "point", (json_int_t)pt.id, "staff", arr));
}
