/*
 * ep_unit_incidents_add.c: POST /api/v1/units/{code}/incidents {"kind", "place", "note"}: a
 * unit reports a difficulty (incident.report; the unit within the account's jurisdiction).
 * 201 with the incident.
 */
#include "server/http.h"
#include "service/incidents.h"

void ep_unit_incidents_add(http_req *rq, http_resp *rs) {
    const cccd_unit *unit;
    bool nation;
    if (!http_unit_arg(rq, rs, rq->params[0], rq->today, &unit, &nation) ||
        !http_require_unit(rq, rs, unit))
        return;
    json_t *body = http_body_object(rq, rs);
    if (body == NULL)
        return;
    const char *kind = http_body_string(body, "kind", true, 15, rs, NULL);
    const char *place =
        kind ? http_body_string(body, "place", true, CCCD_INCIDENT_TEXT_LEN - 1, rs, NULL) : NULL;
    const char *note = "";
    bool ok = place && http_body_opt_string(body, "note", CCCD_INCIDENT_TEXT_LEN - 1, rs, &note);
    if (ok && nation) {
        http_problem(rs, 422, "input.argument", "code", "report at a unit, not the country");
        ok = false;
    }
    cccd_actor by = http_actor(rq);
    cccd_incident i;
    cccd_err err;
    if (ok) {
        if (cccd_incident_report(rq->st, rq->units, unit->code, kind, place, note ? note : "",
                                 rq->today, rq->now, &by, &i, &err) != CCCD_OK)
            http_problem_err(rs, &err);
        else
            http_json(rs, 201, cccd_incident_json(&i, unit, 0));
    }
    json_decref(body);
}
