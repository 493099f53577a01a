/*
 * ep_remaining.c: GET /api/v1/units/{code}/remaining[?at=DATE][&limit=N][&after=CURSOR]: the
 * residents who still need a card, by registered commune, residential group and household, a
 * page at a time (the cursor of the last one is `next`). Personal data: every person listed is
 * audited before the page leaves.
 */
#include <stdio.h>

#include "server/http.h"
#include "service/residents.h"

void ep_remaining(http_req *rq, http_resp *rs) {
    cccd_date at;
    long limit;
    if (!http_query_date(rq, rs, "at", &at) ||
        !http_query_int(rq, rs, "limit", 1, 1000, 100, &limit))
        return;
    const cccd_unit *unit;
    if (!http_area_arg(rq, rs, rq->params[0], at, &unit))
        return;
    cccd_unit_keys keys = {0};
    cccd_err err;
    http_people pg;
    char next[CCCD_CURSOR_MAX];
    bool more = false;
    if (!http_people_init(&pg, (size_t)limit)) {
        http_problem(rs, 503, "service.unavailable", NULL, "out of memory; try again");
    } else if (cccd_unit_keys_get(rq->units, rq->params[0], at, &keys, &err) != CCCD_OK ||
               cccd_remaining_page(rq->st, &keys, cccd_date_to_days(at), rq->query(rq, "after"),
                                   (int)limit, http_people_add, &pg, next, &more,
                                   &err) != CCCD_OK) {
        if (err.code == CCCD_E_ARG)
            http_problem(rs, 400, "input.argument", err.field, err.msg);
        else
            http_problem_err(rs, &err);
    } else {
        char detail[64], iso[11];
        snprintf(detail, sizeof detail, "remaining %s", rq->params[0]);
        if (http_people_audit(rq, rs, &pg, "citizen.list", detail))
            http_json(rs, 200,
                      json_pack("{s:s,s:s,s:O,s:s?}", "unit", keys.unit->code, "at",
                                cccd_date_iso(at, iso), "remaining", pg.list, "next",
                                more ? next : NULL));
    }
    cccd_unit_keys_free(&keys);
    http_people_free(&pg);
}
