/*
 * ep_units_resolve.c: GET /api/v1/units/{code}/resolve[?at=DATE][&recorded_at=DATE]: the
 * unit(s) an old code stands for at a date, with the boundary changes followed, so a desk can
 * read an address written before the 2025 reform.
 */
#include <stdio.h>

#include "server/http.h"

void ep_units_resolve(http_req *rq, http_resp *rs) {
    cccd_date at, rec = {0, 0, 0, CCCD_DATE_NONE};
    if (!http_query_date(rq, rs, "at", &at))
        return;
    if (rq->query(rq, "recorded_at") && !http_query_date(rq, rs, "recorded_at", &rec))
        return;
    if (rq->units == NULL) {
        http_problem(rs, 404, "units.unknown", "code", "no units were imported into this database");
        return;
    }
    cccd_unit_resolution r;
    cccd_err err;
    if (cccd_units_resolve(rq->units, rq->params[0], CCCD_UNIT_ANY,
                           rec.prec != CCCD_DATE_NONE ? &rec : NULL, at, &r, &err) != CCCD_OK) {
        if (err.field[0] == '\0')
            snprintf(err.field, sizeof err.field, "code");
        http_problem_err(rs, &err);
        return;
    }
    json_t *units = json_array(), *events = json_array();
    for (size_t i = 0; i < r.n; i++)
        json_array_append_new(units, http_unit_json(r.units[i]));
    for (size_t i = 0; i < r.nevents; i++) {
        char d[11];
        json_array_append_new(events, json_pack("{s:s,s:s}", "kind",
                                                cccd_unit_event_kind_name(r.events[i]->kind),
                                                "date", cccd_date_iso(r.events[i]->date, d)));
    }
    char iso[11];
    json_t *o = json_pack("{s:s,s:o,s:o,s:b,s:o}", "at", cccd_date_iso(at, iso), "start",
                          http_unit_json(r.start), "units", units, "ambiguous", r.ambiguous,
                          "events", events);
    cccd_unit_resolution_free(&r);
    http_json(rs, 200, o);
}
