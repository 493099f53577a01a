/*
 * ep_unit_figures.c: GET /api/v1/units/{code}/figures[?date=DAY]: a unit's applications on a
 * day (default today): received by type, by point kind, by shift and by officer; approved,
 * rejected, in production, produced, dispatched, received at the unit, delivered, returned.
 * Counts only: no person in them.
 */
#include "server/http.h"

void ep_unit_figures(http_req *rq, http_resp *rs) {
    cccd_date day;
    const cccd_unit *unit;
    bool nation;
    if (!http_query_date(rq, rs, "date", &day) ||
        !http_unit_arg(rq, rs, rq->params[0], day, &unit, &nation) ||
        !http_require_unit(rq, rs, unit))
        return;
    if (nation) {
        http_problem(rs, 422, "input.argument", "code", "ask for a unit, not the whole country");
        return;
    }
    char key[CCCD_UNIT_KEY_LEN], iso[11];
    cccd_store_unit_key(unit, key);
    cccd_err err;
    json_t *f = cccd_enroll_figures_json(rq->st, key, cccd_date_to_days(day), &err);
    if (f == NULL)
        http_problem_err(rs, &err);
    else
        http_json(rs, 200,
                  json_pack("{s:s, s:s, s:o}", "unit", unit->code, "date", cccd_date_iso(day, iso),
                            "figures", f));
}
