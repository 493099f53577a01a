/*
 * ep_unit_incidents.c: GET /api/v1/units/{code}/incidents[?state=open|all]: the incidents of
 * a unit's subtree (default: those not closed), oldest first, each with its age in seconds
 * (progress.read; the unit within the account's jurisdiction).
 */
#include <string.h>

#include "server/http.h"
#include "service/incidents.h"

static void add(void *ctx, const cccd_incident *i, const cccd_unit *unit, int64_t age) {
    json_array_append_new(ctx, cccd_incident_json(i, unit, age));
}

void ep_unit_incidents(http_req *rq, http_resp *rs) {
    const cccd_unit *unit;
    bool nation;
    if (!http_unit_arg(rq, rs, rq->params[0], rq->today, &unit, &nation) ||
        !http_require_unit(rq, rs, unit))
        return;
    const char *state = rq->query(rq, "state");
    if (state && strcmp(state, "open") != 0 && strcmp(state, "all") != 0) {
        http_problem(rs, 400, "input.argument", "state", "state: open or all");
        return;
    }
    bool open_only = state == NULL || strcmp(state, "open") == 0;
    json_t *list = json_array();
    cccd_err err;
    if (cccd_incidents_list(rq->st, rq->units, nation ? NULL : unit->code, open_only, rq->today,
                            rq->now, add, list, &err) != CCCD_OK) {
        json_decref(list);
        http_problem_err(rs, &err);
        return;
    }
    http_json(rs, 200,
              json_pack("{s:s, s:s, s:o}", "unit", nation ? "VN" : unit->code, "state",
                        open_only ? "open" : "all", "incidents", list));
}
