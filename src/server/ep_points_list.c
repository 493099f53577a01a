/*
 * ep_points_list.c: GET /api/v1/units/{code}/points[?at=DATE]: the points of service of a unit
 * and every unit under it (fixed, mobile, home-visit teams), by id. No personal data.
 */
#include <stdlib.h>

#include "server/http.h"
#include "service/plan.h"

void ep_points_list(http_req *rq, http_resp *rs) {
    cccd_date at;
    if (!http_query_date(rq, rs, "at", &at))
        return;
    const cccd_unit *unit;
    if (!http_area_arg(rq, rs, rq->params[0], at, &unit))
        return;
    cccd_point *pts = NULL;
    size_t n = 0;
    cccd_err err;
    if (cccd_points_of_unit(rq->st, rq->units, rq->params[0], at, &pts, &n, &err) != CCCD_OK) {
        http_problem_err(rs, &err);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, cccd_point_json(&pts[i], rq->units));
    free(pts);
    char iso[11];
    http_json(rs, 200,
              json_pack("{s:s,s:s,s:o}", "unit", unit->code, "at", cccd_date_iso(at, iso), "points",
                        arr));
}
