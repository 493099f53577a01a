/*
 * incident_step.c: what the assign, answer and close routes of an incident share: the path's
 * id, the step by the account (service/incidents.c checks the role, the jurisdiction and the
 * incident's state, and audits it), and the incident answered with its unit and age.
 */
#include "server/http.h"
#include "service/incidents.h"
#include "service/jurisdiction.h"

void http_incident_step(http_req *rq, http_resp *rs, int step, const char *text) {
    int64_t id;
    if (!http_id_arg(rs, rq->params[0], "id", &id))
        return;
    cccd_actor by = http_actor(rq);
    cccd_incident i;
    cccd_err err;
    if (cccd_incident_step_do(rq->st, rq->units, id, (cccd_incident_step)step, text ? text : "",
                              rq->today, rq->now, &by, &i, &err) != CCCD_OK)
        http_problem_err(rs, &err);
    else
        http_json(rs, 200,
                  cccd_incident_json(&i, cccd_unit_now(rq->units, i.unit_key, rq->today),
                                     (i.closed_at ? i.closed_at : rq->now) - i.reported_at));
}
