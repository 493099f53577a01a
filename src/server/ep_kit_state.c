/*
 * ep_kit_state.c: POST /api/v1/kits/{serial}/state {"state": "working" | "broken" |
 * "in_transit", "on", "note"}: a kit breaks, is mended or travels, from `on` (default today).
 * Only working kits count in a shift's capacity: re-plan to move the tickets that no longer
 * fit. Audited.
 */
#include "server/http.h"

void ep_kit_state(http_req *rq, http_resp *rs) {
    json_t *body = http_body_object(rq, rs);
    if (body == NULL)
        return;
    const char *state, *note = NULL;
    int64_t on = 0;
    int s = -1;
    bool ok = (state = http_body_string(body, "state", true, 16, rs, NULL)) &&
              http_body_opt_string(body, "note", CCCD_KIT_NOTE_MAX, rs, &note) &&
              http_body_day(body, "on", false, cccd_date_to_days(rq->today), rs, &on);
    if (ok && (s = cccd_kit_state_parse(state)) < 0) {
        http_problem(rs, 422, "input.argument", "state", "state: working, broken or in_transit");
        ok = false;
    }
    ok = ok && http_kit_arg(rq, rs, rq->params[0], on);
    cccd_err err;
    cccd_actor by = http_actor(rq);
    if (ok && cccd_outreach_kit_state(rq->st, &by, rq->params[0], on, (cccd_kit_state)s, note,
                                      &err) != CCCD_OK) {
        http_problem_err(rs, &err);
        ok = false;
    }
    if (ok) {
        char iso[11];
        http_json(rs, 200,
                  json_pack("{s:s,s:s,s:s}", "serial", rq->params[0], "state", state, "from",
                            cccd_date_iso(cccd_date_from_days(on), iso)));
    }
    json_decref(body);
}
