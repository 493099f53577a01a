/*
 * incidents.c: reporting and handling incidents, each step checked, written and audited in
 * one transaction (see incidents.h).
 */
#include "service/incidents.h"

#include <stdio.h>
#include <string.h>

#include "service/audit_log.h"
#include "service/jurisdiction.h"
#include "service/quotas.h"

static const char *const kinds[] = {"kit_broken", "network_down", "data_error", "crowding",
                                    "other"};

bool cccd_incident_kind_valid(const char *s) {
    for (size_t i = 0; s && i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(s, kinds[i]) == 0)
            return true;
    return false;
}

static cccd_errc check_text(const char *s, const char *field, bool may_be_empty, cccd_err *err) {
    if (s == NULL || (!may_be_empty && s[0] == '\0'))
        return cccd_err_set(err, CCCD_E_ARG, field, "give the %s", field);
    if (strlen(s) >= CCCD_INCIDENT_TEXT_LEN)
        return cccd_err_set(err, CCCD_E_ARG, field, "the %s is longer than %d bytes", field,
                            CCCD_INCIDENT_TEXT_LEN - 1);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 && *p != '\n')
            return cccd_err_set_pos(err, CCCD_E_ARG, field,
                                    (size_t)(p - (const unsigned char *)s) + 1,
                                    "the %s holds a control character", field);
    return CCCD_OK;
}

typedef struct inc_ctx {
    const cccd_actor *by;
    const char *action;
    cccd_incident *i;
    bool add;
} inc_ctx;

static cccd_errc write_txn(cccd_store *st, void *ctx, cccd_err *err) {
    inc_ctx *c = ctx;
    cccd_errc rc =
        c->add ? cccd_store_incident_add(st, c->i, err) : cccd_store_incident_update(st, c->i, err);
    if (rc == CCCD_OK) {
        char target[32], detail[160];
        snprintf(target, sizeof target, "incident:%lld", (long long)c->i->id);
        snprintf(detail, sizeof detail, "unit=%s kind=%s state=%s%s%.64s", c->i->unit_key,
                 c->i->kind, c->i->state, c->i->assignee[0] ? " assignee=" : "", c->i->assignee);
        rc = cccd_audit_change(st, c->by, c->action, target, detail, err);
    }
    return rc;
}

cccd_errc cccd_incident_report(cccd_store *st, const cccd_units *u, const char *code,
                               const char *kind, const char *place, const char *note,
                               cccd_date today, int64_t now, const cccd_actor *by,
                               cccd_incident *out, cccd_err *err) {
    cccd_errc rc = cccd_actor_may(by, CCCD_PERM_INCIDENT_REPORT, "report an incident", err);
    if (rc != CCCD_OK)
        return rc;
    if (!cccd_incident_kind_valid(kind))
        return cccd_err_set(err, CCCD_E_ARG, "kind",
                            "kind \"%.40s\": one of kit_broken, network_down, data_error, "
                            "crowding, other",
                            kind ? kind : "");
    if ((rc = check_text(place, "place", false, err)) != CCCD_OK ||
        (rc = check_text(note ? note : "", "note", true, err)) != CCCD_OK)
        return rc;
    const cccd_unit *unit = cccd_units_lookup(u, code, CCCD_UNIT_ANY, today, err);
    if (unit == NULL)
        return err->code;
    if ((rc = cccd_actor_reaches(u, by, unit, today, false, err)) != CCCD_OK)
        return rc;
    cccd_incident i = {.reported_at = now};
    cccd_store_unit_key(unit, i.unit_key);
    snprintf(i.kind, sizeof i.kind, "%s", kind);
    snprintf(i.state, sizeof i.state, "open");
    snprintf(i.place, sizeof i.place, "%s", place);
    snprintf(i.note, sizeof i.note, "%s", note ? note : "");
    snprintf(i.reported_by, sizeof i.reported_by, "%s", cccd_actor_name(by));
    inc_ctx c = {by, "incident.report", &i, true};
    rc = cccd_store_transaction(st, write_txn, &c, err);
    if (rc == CCCD_OK && out)
        *out = i;
    return rc;
}

typedef struct step_ctx {
    const cccd_units *u;
    int64_t id;
    cccd_incident_step step;
    const char *text;
    cccd_date today;
    int64_t now;
    const cccd_actor *by;
    cccd_incident i;
} step_ctx;

static cccd_errc step_txn(cccd_store *st, void *ctx, cccd_err *err) {
    step_ctx *c = ctx;
    bool found = false;
    cccd_errc rc = cccd_store_incident_get(st, c->id, &c->i, &found, err);
    if (rc != CCCD_OK)
        return rc;
    if (!found)
        return cccd_err_set(err, CCCD_E_INCIDENT_UNKNOWN, "id", "no incident %lld",
                            (long long)c->id);
    const cccd_unit *unit = cccd_unit_now(c->u, c->i.unit_key, c->today);
    if (unit == NULL && c->by && c->by->role && c->by->role[0])
        return cccd_err_set(err, CCCD_E_FORBIDDEN, "id",
                            "incident %lld belongs to %s, no longer in force", (long long)c->id,
                            c->i.unit_key);
    if (unit != NULL &&
        (rc = cccd_actor_reaches(c->u, c->by, unit, c->today, false, err)) != CCCD_OK)
        return rc;
    if (strcmp(c->i.state, "closed") == 0)
        return cccd_err_set(err, CCCD_E_INCIDENT_STATE, "id", "incident %lld is closed already",
                            (long long)c->id);
    const char *action = "incident.close";
    switch (c->step) {
        case CCCD_INCIDENT_ASSIGN:
            snprintf(c->i.assignee, sizeof c->i.assignee, "%s", c->text);
            if (strcmp(c->i.state, "open") == 0)
                snprintf(c->i.state, sizeof c->i.state, "assigned");
            action = "incident.assign";
            break;
        case CCCD_INCIDENT_ANSWER:
            if (c->i.assignee[0] == '\0')
                return cccd_err_set(err, CCCD_E_INCIDENT_STATE, "id",
                                    "incident %lld is not assigned yet: assign it first",
                                    (long long)c->id);
            snprintf(c->i.answer, sizeof c->i.answer, "%s", c->text);
            snprintf(c->i.state, sizeof c->i.state, "answered");
            action = "incident.answer";
            break;
        case CCCD_INCIDENT_CLOSE:
            if (c->text && c->text[0])
                snprintf(c->i.answer, sizeof c->i.answer, "%s", c->text);
            snprintf(c->i.state, sizeof c->i.state, "closed");
            c->i.closed_at = c->now;
            break;
    }
    inc_ctx w = {c->by, action, &c->i, false};
    return write_txn(st, &w, err);
}

cccd_errc cccd_incident_step_do(cccd_store *st, const cccd_units *u, int64_t id,
                                cccd_incident_step step, const char *text, cccd_date today,
                                int64_t now, const cccd_actor *by, cccd_incident *out,
                                cccd_err *err) {
    cccd_errc rc = cccd_actor_may(by, CCCD_PERM_INCIDENT_HANDLE, "handle an incident", err);
    if (rc != CCCD_OK)
        return rc;
    if (step == CCCD_INCIDENT_ASSIGN && (rc = check_text(text, "assignee", false, err)) != CCCD_OK)
        return rc;
    if (step == CCCD_INCIDENT_ANSWER && (rc = check_text(text, "answer", false, err)) != CCCD_OK)
        return rc;
    if (step == CCCD_INCIDENT_CLOSE &&
        (rc = check_text(text ? text : "", "note", true, err)) != CCCD_OK)
        return rc;
    if (step == CCCD_INCIDENT_ASSIGN && strlen(text) >= CCCD_APP_ACTOR_LEN)
        return cccd_err_set(err, CCCD_E_ARG, "assignee", "the assignee is longer than %d bytes",
                            CCCD_APP_ACTOR_LEN - 1);
    step_ctx c = {u, id, step, text, today, now, by, {0}};
    rc = cccd_store_transaction(st, step_txn, &c, err);
    if (rc == CCCD_OK && out)
        *out = c.i;
    return rc;
}

typedef struct list_ctx {
    const cccd_units *u;
    const cccd_unit *unit;
    cccd_date today;
    int64_t now;
    cccd_incident_age_cb cb;
    void *ctx;
} list_ctx;

static void each_incident(void *ctx, const cccd_incident *i) {
    list_ctx *l = ctx;
    const cccd_unit *now = cccd_unit_now(l->u, i->unit_key, l->today);
    if (l->unit != NULL && (now == NULL || !cccd_unit_within(now, l->unit)))
        return;
    int64_t age = (i->closed_at ? i->closed_at : l->now) - i->reported_at;
    l->cb(l->ctx, i, now, age);
}

cccd_errc cccd_incidents_list(cccd_store *st, const cccd_units *u, const char *code, bool open_only,
                              cccd_date today, int64_t now, cccd_incident_age_cb cb, void *ctx,
                              cccd_err *err) {
    list_ctx l = {u, NULL, today, now, cb, ctx};
    if (code != NULL && (l.unit = cccd_units_lookup(u, code, CCCD_UNIT_ANY, today, err)) == NULL)
        return err->code;
    return cccd_store_incidents(st, open_only, each_incident, &l, err);
}

json_t *cccd_incident_json(const cccd_incident *i, const cccd_unit *unit, int64_t age) {
    json_t *o = json_pack(
        "{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:I}", "id", (json_int_t)i->id, "unit",
        unit ? unit->code : i->unit_key, "kind", i->kind, "state", i->state, "place", i->place,
        "note", i->note, "reported_by", i->reported_by, "reported_at", (json_int_t)i->reported_at,
        "assignee", i->assignee, "answer", i->answer, "age_seconds", (json_int_t)age);
    json_object_set_new(o, "closed_at", i->closed_at ? json_integer(i->closed_at) : json_null());
    json_object_set_new(o, "unit_name", unit ? json_string(unit->name) : json_null());
    return o;
}
