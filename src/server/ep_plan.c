/*
 * ep_plan.c: POST /api/v1/units/{code}/plan {"from", "to", "dry_run", "lists"}: a commander
 * plans a unit of its jurisdiction over a range of days (docs/planning.md): tickets written in
 * one transaction with the plan's audit entry, unless dry_run. The answer is the plan's
 * summary (counts, shifts with capacity and tickets); with "lists": true also the people on
 * it (moves, home visits, referrals, the unplanned and any other list the plan gives), every
 * one of them audited as read before the answer leaves.
 */
#include <stdlib.h>
#include <string.h>

#include "server/http.h"
#include "service/plan.h"

/* The personal IDs a plan's JSON carries: every "personal_id" member and every string in an
 * array whose name ends in "_ids", however deep, so a list added to the plan later is audited
 * without a change here. */
typedef struct id_list {
    const char **v; /* borrowed from the JSON */
    size_t n, cap;
    bool nomem;
} id_list;

static void id_add(id_list *l, const char *s) {
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 256;
        const char **nv = realloc(l->v, cap * sizeof *nv);
        if (nv == NULL) {
            l->nomem = true;
            return;
        }
        l->v = nv;
        l->cap = cap;
    }
    l->v[l->n++] = s;
}

static void collect(json_t *v, const char *name, id_list *l) {
    size_t len = name ? strlen(name) : 0;
    bool ids = len > 4 && strcmp(name + len - 4, "_ids") == 0;
    if (json_is_object(v)) {
        const char *k;
        json_t *m;
        json_object_foreach(v, k, m) {
            if (strcmp(k, "personal_id") == 0 && json_is_string(m))
                id_add(l, json_string_value(m));
            else
                collect(m, k, l);
        }
    } else if (json_is_array(v)) {
        size_t i;
        json_t *m;
        json_array_foreach(v, i, m) {
            if (ids && json_is_string(m))
                id_add(l, json_string_value(m));
            else
                collect(m, NULL, l);
        }
    }
}

/* Without lists: keep the counts and the shifts, drop every list (each is a list of people,
 * empty or not). */
static void drop_people(json_t *o) {
    const char *k;
    json_t *m;
    void *tmp;
    json_object_foreach_safe(o, tmp, k, m) {
        if (json_is_array(m) && strcmp(k, "shifts") != 0)
            json_object_del(o, k);
    }
}

void ep_plan(http_req *rq, http_resp *rs) {
    const cccd_unit *unit;
    if (!http_area_arg(rq, rs, rq->params[0], rq->today, &unit))
        return;
    json_t *body = http_body_object(rq, rs);
    if (body == NULL)
        return;
    int64_t from = 0, to = 0;
    bool dry = false, lists = false;
    bool ok = http_body_day(body, "from", true, 0, rs, &from) &&
              http_body_day(body, "to", true, 0, rs, &to) &&
              http_body_bool(body, "dry_run", false, rs, &dry) &&
              http_body_bool(body, "lists", false, rs, &lists);
    json_decref(body);
    if (!ok)
        return;
    cccd_plan p;
    cccd_err err;
    cccd_actor by = http_actor(rq);
    if (cccd_plan_make_by(rq->st, rq->units, rq->params[0], cccd_date_from_days(from),
                          cccd_date_from_days(to), dry, &by, &p, &err) != CCCD_OK) {
        cccd_plan_free(&p);
        http_problem_err(rs, &err);
        return;
    }
    json_t *v = cccd_plan_json(&p);
    cccd_plan_free(&p);
    if (v == NULL) {
        http_problem(rs, 503, "service.unavailable", NULL, "out of memory; try again");
        return;
    }
    json_object_set_new(v, "dry_run", json_boolean(dry));
    if (!lists)
        drop_people(v);
    id_list ids = {0};
    collect(v, NULL, &ids);
    char detail[64];
    snprintf(detail, sizeof detail, "plan %s", unit->code);
    if (ids.nomem)
        http_problem(rs, 503, "service.unavailable", NULL, "out of memory; try again");
    else if (ids.n == 0 || http_audit_read(rq, rs, "citizen.list", ids.v, ids.n, detail)) {
        http_json(rs, dry ? 200 : 201, v);
        v = NULL;
    }
    free(ids.v);
    json_decref(v);
}
