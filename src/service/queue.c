/*
 * queue.c: the rules of the queue at a point (see queue.h and docs/queue.md): who may check
 * in, who is called next, how a call ends; each operation in one transaction with its audit
 * entry.
 */
#include "service/queue.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/pid.h"
#include "core/shift.h"
#include "service/jurisdiction.h"
#include "service/audit_log.h"
#include "store/store_points.h"
#include "store/store_tickets.h"

#define VN_OFFSET_S (7 * 3600)

int cccd_queue_minute(int64_t day, int64_t now) {
    int64_t midnight = day * 86400 - VN_OFFSET_S;
    int64_t d = now - midnight;
    return (int)(d >= 0 ? d / 60 : -((-d + 59) / 60));
}

int64_t cccd_queue_wait_s(const cccd_queue_entry *e, int64_t now) {
    int64_t end = e->called_at ? e->called_at : now;
    return end > e->checked_in_at ? end - e->checked_in_at : 0;
}

static cccd_errc audit(cccd_store *st, const cccd_actor *by, const char *action,
                       const cccd_queue_entry *e, const char *extra, cccd_err *err) {
    char target[16], detail[200];
    snprintf(target, sizeof target, "%012lld", (long long)e->personal_id);
    snprintf(detail, sizeof detail, "point=%lld entry=%lld number=%lld%s%s%s",
             (long long)e->point_id, (long long)e->id, (long long)e->number,
             e->ticket[0] ? " ticket=" : "", e->ticket, extra ? extra : "");
    return cccd_audit_change(st, by, action, target, detail, err);
}

/* ---- check-in ---- */

typedef struct checkin_ctx {
    const cccd_units *u;
    int64_t point_id, day, now;
    const cccd_actor *by;
    const char *ticket;  /* by ticket, or */
    int64_t personal_id; /* a walk-in */
    cccd_queue_entry *out;
} checkin_ctx;

static cccd_errc person_check(cccd_store *st, const checkin_ctx *c, int64_t pid,
                              cccd_queue_person *p, cccd_err *err) {
    cccd_errc rc = cccd_store_queue_person(st, pid, c->day, p, err);
    if (rc != CCCD_OK)
        return rc;
    if (!p->found)
        return cccd_err_set(err, CCCD_E_CITIZEN_UNKNOWN, "personal_id",
                            "no citizen with personal ID %012lld in the registry", (long long)pid);
    if (!p->needs_card)
        return cccd_err_set(err, CCCD_E_CITIZEN_SERVED, "personal_id",
                            "%012lld does not need a card (deceased, under 14, or holding a valid "
                            "chip card): not on the remaining list",
                            (long long)pid);
    return CCCD_OK;
}

static cccd_errc ticket_elsewhere(cccd_store *st, const checkin_ctx *c, const cccd_ticket *t,
                                  cccd_err *err) {
    cccd_point there;
    cccd_err ignored;
    char day_s[11], today_s[11], a[8], b[8];
    cccd_date_iso(cccd_date_from_days(t->day), day_s);
    cccd_date_iso(cccd_date_from_days(c->day), today_s);
    cccd_minutes_format(t->window_start, a);
    cccd_minutes_format(t->window_end, b);
    bool named = cccd_store_point_get(st, t->point_id, &there, &ignored) == CCCD_OK;
    return cccd_err_set(
        err, CCCD_E_TICKET_WRONG, "ticket",
        "ticket %s is for point %lld%s%s%s on %s, %s-%s, not point %lld on %s; "
        "%s",
        t->ticket, (long long)t->point_id, named ? " (" : "", named ? there.name : "",
        named ? ")" : "", day_s, a, b, (long long)c->point_id, today_s,
        t->point_id != c->point_id
            ? "send the person there, or check them in as a walk-in by personal ID"
        : t->day < c->day ? "its day is past: check the person in as a walk-in by personal ID"
                          : "it is for a later day: come back then, or check in as a walk-in by "
                            "personal ID");
}

static cccd_errc checkin_txn(cccd_store *st, void *ctx, cccd_err *err) {
    checkin_ctx *c = ctx;
    cccd_point p;
    cccd_errc rc = cccd_store_point_get(st, c->point_id, &p, err);
    if (rc != CCCD_OK)
        return rc;
    cccd_queue_entry *e = c->out;
    memset(e, 0, sizeof *e);
    e->point_id = c->point_id;
    e->day = c->day;
    e->window_start = -1;
    e->checked_in_at = c->now;
    snprintf(e->checked_in_by, sizeof e->checked_in_by, "%s", cccd_actor_name(c->by));
    cccd_queue_person who;
    if (c->ticket) {
        cccd_ticket t;
        bool found = false;
        char *name = NULL; /* the queue reads the name with the person's other facts below */
        rc = cccd_store_ticket_by_number(st, c->ticket, &t, &name, &found, err);
        free(name);
        if (rc != CCCD_OK)
            return rc;
        if (!found)
            return cccd_err_set(err, CCCD_E_TICKET_UNKNOWN, "ticket",
                                "no ticket numbered '%.60s' (withdrawn, or never handed out): "
                                "check the person in as a walk-in by personal ID",
                                c->ticket);
        if (t.point_id != c->point_id || t.day != c->day)
            return ticket_elsewhere(st, c, &t, err);
        if ((rc = person_check(st, c, t.personal_id, &who, err)) != CCCD_OK)
            return rc;
        e->personal_id = t.personal_id;
        snprintf(e->ticket, sizeof e->ticket, "%s", t.ticket);
        e->window_start = t.window_start;
    } else {
        if ((rc = person_check(st, c, c->personal_id, &who, err)) != CCCD_OK)
            return rc;
        if (c->u) {
            cccd_date on = cccd_date_from_days(c->day);
            cccd_scope sc;
            cccd_err ignored;
            bool in = cccd_scope_get(c->u, p.unit_key, on, &sc, &ignored) == CCCD_OK &&
                      (cccd_scope_contains_key(c->u, &sc, who.permanent_unit, on) ||
                       (who.temporary_unit[0] &&
                        cccd_scope_contains_key(c->u, &sc, who.temporary_unit, on)));
            if (!in)
                return cccd_err_set(err, CCCD_E_FORBIDDEN, "personal_id",
                                    "%012lld neither lives nor is registered under point %lld's "
                                    "unit (%s)",
                                    (long long)c->personal_id, (long long)c->point_id, p.unit_key);
        }
        e->personal_id = c->personal_id;
    }
    snprintf(e->full_name, sizeof e->full_name, "%s", who.full_name);
    if ((rc = cccd_store_queue_add(st, e, err)) != CCCD_OK)
        return rc;
    return audit(st, c->by, "queue.checkin", e, e->ticket[0] ? "" : " walk-in", err);
}

cccd_errc cccd_queue_checkin_ticket(cccd_store *st, int64_t point_id, int64_t day, int64_t now,
                                    const cccd_actor *by, const char *ticket, cccd_queue_entry *out,
                                    cccd_err *err) {
    if (ticket == NULL || ticket[0] == '\0' || strlen(ticket) >= CCCD_TICKET_LEN)
        return cccd_err_set(err, CCCD_E_ARG, "ticket",
                            "a ticket number is like 341-0000001 (at most %d characters)",
                            CCCD_TICKET_LEN - 1);
    checkin_ctx c = {NULL, point_id, day, now, by, ticket, 0, out};
    return cccd_store_transaction(st, checkin_txn, &c, err);
}

cccd_errc cccd_queue_checkin_person(cccd_store *st, const cccd_units *u, int64_t point_id,
                                    int64_t day, int64_t now, const cccd_actor *by,
                                    const char *personal_id, cccd_queue_entry *out, cccd_err *err) {
    cccd_pid pid;
    cccd_pid_facts lenient = {.lenient = true};
    cccd_errc rc = cccd_pid_parse(personal_id ? personal_id : "",
                                  personal_id ? strlen(personal_id) : 0, &lenient, &pid, err);
    if (rc != CCCD_OK) {
        snprintf(err->field, sizeof err->field, "personal_id");
        return rc;
    }
    checkin_ctx c = {u, point_id, day, now, by, NULL, strtoll(pid.digits, NULL, 10), out};
    return cccd_store_transaction(st, checkin_txn, &c, err);
}

/* ---- call next ---- */

typedef struct call_ctx {
    int64_t point_id, day, now;
    const cccd_actor *by;
    cccd_queue_entry *out;
} call_ctx;

static cccd_errc call_txn(cccd_store *st, void *ctx, cccd_err *err) {
    call_ctx *c = ctx;
    cccd_point p;
    bool found = false, changed = false;
    cccd_errc rc = cccd_store_point_get(st, c->point_id, &p, err);
    if (rc == CCCD_OK)
        rc = cccd_store_queue_next(st, c->point_id, c->day, cccd_queue_minute(c->day, c->now),
                                   c->out, &found, err);
    if (rc != CCCD_OK)
        return rc;
    if (!found)
        return cccd_err_set(err, CCCD_E_QUEUE_EMPTY, NULL, "no one is waiting at point %lld",
                            (long long)c->point_id);
    rc = cccd_store_queue_move(st, c->out->id, CCCD_QUEUE_WAITING, CCCD_QUEUE_CALLED, c->now,
                               cccd_actor_name(c->by), &changed, err);
    if (rc == CCCD_OK && !changed)
        rc = cccd_err_set(err, CCCD_E_STORE_BUSY, NULL, "the entry changed meanwhile");
    if (rc != CCCD_OK)
        return rc;
    c->out->state = CCCD_QUEUE_CALLED;
    c->out->called_at = c->now;
    snprintf(c->out->called_by, sizeof c->out->called_by, "%s", cccd_actor_name(c->by));
    char extra[48];
    snprintf(extra, sizeof extra, " wait_s=%lld", (long long)cccd_queue_wait_s(c->out, c->now));
    return audit(st, c->by, "queue.call", c->out, extra, err);
}

cccd_errc cccd_queue_call_next(cccd_store *st, int64_t point_id, int64_t day, int64_t now,
                               const cccd_actor *by, cccd_queue_entry *out, cccd_err *err) {
    call_ctx c = {point_id, day, now, by, out};
    return cccd_store_transaction(st, call_txn, &c, err);
}

/* ---- served, no-show ---- */

typedef struct finish_ctx {
    int64_t id, now;
    bool served;
    const cccd_actor *by;
    cccd_queue_entry *out;
    bool withdrawn;
} finish_ctx;

static cccd_errc finish_txn(cccd_store *st, void *ctx, cccd_err *err) {
    finish_ctx *c = ctx;
    bool found = false, changed = false;
    c->withdrawn = false;
    cccd_errc rc = cccd_store_queue_get(st, c->id, c->out, &found, err);
    if (rc != CCCD_OK)
        return rc;
    if (!found)
        return cccd_err_set(err, CCCD_E_QUEUE_UNKNOWN, "entry", "there is no queue entry %lld",
                            (long long)c->id);
    if (c->out->state != CCCD_QUEUE_CALLED)
        return cccd_err_set(err, CCCD_E_QUEUE_STATE, "entry",
                            "queue entry %lld is %s, not called: only a called person can be %s",
                            (long long)c->id, cccd_queue_state_name(c->out->state),
                            c->served ? "served" : "marked a no-show");
    cccd_queue_state to = c->served ? CCCD_QUEUE_SERVED : CCCD_QUEUE_NO_SHOW;
    rc = cccd_store_queue_move(st, c->id, CCCD_QUEUE_CALLED, to, c->now, cccd_actor_name(c->by),
                               &changed, err);
    if (rc == CCCD_OK && !changed)
        rc = cccd_err_set(err, CCCD_E_STORE_BUSY, NULL, "the entry changed meanwhile");
    if (rc != CCCD_OK)
        return rc;
    c->out->state = to;
    c->out->finished_at = c->now;
    snprintf(c->out->finished_by, sizeof c->out->finished_by, "%s", cccd_actor_name(c->by));
    if (!c->served && c->out->ticket[0]) {
        cccd_ticket t;
        bool held = false;
        rc = cccd_store_ticket_get(st, c->out->personal_id, &t, &held, err);
        if (rc == CCCD_OK && held && strcmp(t.ticket, c->out->ticket) == 0) {
            rc = cccd_store_ticket_delete(st, c->out->personal_id, err);
            c->withdrawn = rc == CCCD_OK;
        }
        if (rc != CCCD_OK)
            return rc;
    }
    return audit(st, c->by, c->served ? "queue.served" : "queue.no_show", c->out,
                 c->withdrawn ? " ticket withdrawn" : "", err);
}

cccd_errc cccd_queue_finish(cccd_store *st, int64_t entry_id, bool served, int64_t now,
                            const cccd_actor *by, cccd_queue_entry *out, bool *withdrawn,
                            cccd_err *err) {
    finish_ctx c = {entry_id, now, served, by, out, false};
    cccd_errc rc = cccd_store_transaction(st, finish_txn, &c, err);
    if (withdrawn)
        *withdrawn = rc == CCCD_OK && c.withdrawn;
    return rc;
}

/* ---- the view ---- */

typedef struct view_ctx {
    cccd_queue_view *v;
    size_t cap;
    bool nomem;
} view_ctx;

static void view_add(void *ctx, const cccd_queue_entry *e) {
    view_ctx *c = ctx;
    if (c->nomem)
        return;
    if (c->v->n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 32;
        cccd_queue_entry *p = realloc(c->v->entries, cap * sizeof *p);
        if (p == NULL) {
            c->nomem = true;
            return;
        }
        c->v->entries = p;
        c->cap = cap;
    }
    c->v->entries[c->v->n++] = *e;
    c->v->count[e->state]++;
    if (e->called_at) {
        int64_t w = cccd_queue_wait_s(e, 0);
        c->v->called++;
        c->v->wait_total_s += w;
        if (w > c->v->wait_max_s)
            c->v->wait_max_s = w;
    }
}

cccd_errc cccd_queue_view_get(cccd_store *st, int64_t point_id, int64_t day, cccd_queue_view *out,
                              cccd_err *err) {
    memset(out, 0, sizeof *out);
    cccd_point p;
    cccd_errc rc = cccd_store_begin_read(st, err);
    if (rc != CCCD_OK)
        return rc;
    view_ctx c = {out, 0, false};
    if ((rc = cccd_store_point_get(st, point_id, &p, err)) == CCCD_OK)
        rc = cccd_store_queue_list(st, point_id, day, view_add, &c, err);
    cccd_store_rollback(st);
    if (rc == CCCD_OK && c.nomem)
        rc = cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory reading the queue");
    return rc;
}

void cccd_queue_view_free(cccd_queue_view *v) {
    if (v) {
        free(v->entries);
        memset(v, 0, sizeof *v);
    }
}

static json_t *time_json(int64_t t) {
    if (t == 0)
        return json_null();
    time_t tt = (time_t)t;
    struct tm tm;
    char buf[32];
    gmtime_r(&tt, &tm);
    strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return json_string(buf);
}

static json_t *text_or_null(const char *s) {
    return s[0] ? json_string(s) : json_null();
}

json_t *cccd_queue_entry_json(const cccd_queue_entry *e, int64_t now) {
    char pid[16], day[11], win[8];
    snprintf(pid, sizeof pid, "%012lld", (long long)e->personal_id);
    cccd_date_iso(cccd_date_from_days(e->day), day);
    if (e->window_start >= 0)
        cccd_minutes_format(e->window_start, win);
    json_t *o = json_pack("{s:I,s:I,s:s,s:I,s:s,s:s?}", "id", (json_int_t)e->id, "point",
                          (json_int_t)e->point_id, "day", day, "number", (json_int_t)e->number,
                          "personal_id", pid, "state", cccd_queue_state_name(e->state));
    if (o == NULL)
        return NULL;
    json_object_set_new(o, "full_name", json_stringn_nocheck(e->full_name, strlen(e->full_name)));
    json_object_set_new(o, "ticket", text_or_null(e->ticket));
    json_object_set_new(o, "window_start", e->window_start >= 0 ? json_string(win) : json_null());
    json_object_set_new(o, "checked_in_at", time_json(e->checked_in_at));
    json_object_set_new(o, "called_at", time_json(e->called_at));
    json_object_set_new(o, "finished_at", time_json(e->finished_at));
    json_object_set_new(o, "checked_in_by", json_string(e->checked_in_by));
    json_object_set_new(o, "called_by", text_or_null(e->called_by));
    json_object_set_new(o, "finished_by", text_or_null(e->finished_by));
    json_object_set_new(o, "wait_minutes", json_integer(cccd_queue_wait_s(e, now) / 60));
    return o;
}

json_t *cccd_queue_view_json(const cccd_queue_view *v, int64_t point_id, int64_t day, int64_t now) {
    char d[11];
    cccd_date_iso(cccd_date_from_days(day), d);
    json_t *counts = json_object(), *list = json_array();
    for (int s = 0; s < CCCD_QUEUE__COUNT; s++)
        json_object_set_new(counts, cccd_queue_state_name((cccd_queue_state)s),
                            json_integer(v->count[s]));
    for (size_t i = 0; i < v->n; i++)
        json_array_append_new(list, cccd_queue_entry_json(&v->entries[i], now));
    return json_pack("{s:I,s:s,s:o,s:I,s:I,s:I,s:o}", "point", (json_int_t)point_id, "day", d,
                     "counts", counts, "called", (json_int_t)v->called, "wait_avg_minutes",
                     (json_int_t)(v->called ? v->wait_total_s / v->called / 60 : 0),
                     "wait_max_minutes", (json_int_t)(v->wait_max_s / 60), "entries", list);
}
