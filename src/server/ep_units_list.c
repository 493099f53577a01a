/*
 * ep_units_list.c: GET /api/v1/units[?parent=CODE][&at=DATE]: the unit tree one level at a
 * time: the provinces in force at the date, or the children of a unit. Units are public
 * administrative facts: any signed-in role may read them, whatever its jurisdiction.
 */
#include <stdlib.h>

#include "server/http.h"

void ep_units_list(http_req *rq, http_resp *rs) {
    cccd_date at;
    if (!http_query_date(rq, rs, "at", &at))
        return;
    if (rq->units == NULL) {
        http_problem(rs, 404, "units.unknown", NULL, "no units were imported into this database");
        return;
    }
    const char *pcode = rq->query(rq, "parent");
    const cccd_unit *parent = NULL;
    bool nation = true;
    if (pcode && !http_unit_arg(rq, rs, pcode, at, &parent, &nation))
        return;
    json_t *list = json_array();
    if (parent == NULL) {
        size_t n = cccd_units_version_count(rq->units);
        for (size_t i = 0; i < n; i++) {
            const cccd_unit *v = cccd_units_version_at(rq->units, i);
            if (v->level == CCCD_UNIT_PROVINCE && cccd_unit_in_force(v, at))
                json_array_append_new(list, http_unit_json(v));
        }
    } else {
        const cccd_unit **kids = NULL;
        size_t nk = 0;
        cccd_err err;
        if (cccd_units_children(rq->units, parent, &at, &kids, &nk, &err) != CCCD_OK) {
            json_decref(list);
            http_problem_err(rs, &err);
            return;
        }
        for (size_t i = 0; i < nk; i++)
            json_array_append_new(list, http_unit_json(kids[i]));
        free(kids);
    }
    char iso[11];
    http_json(rs, 200,
              json_pack("{s:s,s:o,s:o}", "at", cccd_date_iso(at, iso), "parent",
                        parent ? http_unit_json(parent) : json_null(), "units", list));
}
