/*
 * outreach.c: the checked and audited changes to points, kits, shifts and officers at points
 * (see outreach.h). Each runs as one transaction: the change and its audit entry are stored
 * together or not at all.
 */
#include "service/outreach.h"

#include <stdio.h>
#include <string.h>

#include "store/store_accounts.h"
#include "service/audit_log.h"

/* One change: what to do in the transaction, and what the audit entry says. */
typedef struct outreach_op {
    const cccd_actor *by;
    const char *action;
    char target[64];
    char detail[256];
    cccd_errc (*run)(cccd_store *st, struct outreach_op *op, cccd_err *err);
    const cccd_point *point;
    const cccd_shift *shift;
    const cccd_shift_override *ovr;
    const char *serial, *unit_key, *note, *username;
    int64_t point_id, day, to, *id;
    int no, state;
} outreach_op;

static cccd_errc op_txn(cccd_store *st, void *ctx, cccd_err *err) {
    outreach_op *op = ctx;
    cccd_errc rc = op->run(st, op, err);
    if (rc != CCCD_OK)
        return rc;
    return cccd_audit_change(st, op->by, op->action, op->target, op->detail, err);
}

static cccd_errc op_do(cccd_store *st, outreach_op *op, cccd_err *err) {
    return cccd_store_transaction(st, op_txn, op, err);
}

static cccd_errc text_check(const char *field, const char *v, bool required, cccd_err *err) {
    size_t n = v ? strlen(v) : 0;
    if ((required && n == 0) || n > CCCD_POINT_TEXT_MAX)
        return cccd_err_set(err, CCCD_E_ARG, field, "%s: 1 to %d bytes", field,
                            CCCD_POINT_TEXT_MAX);
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)v[i] < 0x20 || v[i] == 0x7f)
            return cccd_err_set(err, CCCD_E_ARG, field, "%s: no control characters", field);
    return CCCD_OK;
}

static cccd_errc run_point_add(cccd_store *st, outreach_op *op, cccd_err *err) {
    cccd_errc rc = cccd_store_point_add(st, op->point, op->id, err);
    if (rc == CCCD_OK)
        snprintf(op->target, sizeof op->target, "point:%lld", (long long)*op->id);
    return rc;
}

cccd_errc cccd_outreach_point_add(cccd_store *st, const cccd_actor *by, const cccd_point *p,
                                  int64_t *id, cccd_err *err) {
    cccd_errc rc;
    bool mobile = p->kind == CCCD_POINT_MOBILE;
    if ((int)p->kind < 0 || p->kind >= CCCD_POINT__COUNT)
        return cccd_err_set(err, CCCD_E_ARG, "kind", "kind: fixed, mobile or home");
    if ((rc = text_check("name", p->name, true, err)) != CCCD_OK ||
        (rc = text_check("address", p->address, true, err)) != CCCD_OK ||
        (rc = text_check("place", p->place, mobile, err)) != CCCD_OK)
        return rc;
    if (mobile && (p->open_from == INT64_MIN || p->open_to == INT64_MAX))
        return cccd_err_set(err, CCCD_E_ARG, p->open_from == INT64_MIN ? "from" : "to",
                            "a mobile point serves at its place from a first to a last day");
    if (!mobile && (p->place[0] || p->open_from != INT64_MIN || p->open_to != INT64_MAX))
        return cccd_err_set(err, CCCD_E_ARG, p->place[0] ? "place" : "from",
                            "a place and a period are for a mobile point only");
    if (p->open_to < p->open_from)
        return cccd_err_set(err, CCCD_E_DATE_RANGE, "to", "to: the period ends before it begins");
    if (p->people_per_kit_hour < 1 || p->people_per_kit_hour > 60)
        return cccd_err_set(err, CCCD_E_ARG, "per_kit_hour",
                            "per_kit_hour: 1 to 60 people per kit-hour");
    if (p->unit_key[0] == '\0')
        return cccd_err_set(err, CCCD_E_ARG, "unit", "unit: a point belongs to a unit");
    int64_t new_id = 0;
    outreach_op op = {
        .by = by, .action = "point.add", .run = run_point_add, .point = p, .id = id ? id : &new_id};
    snprintf(op.detail, sizeof op.detail, "unit=%s kind=%s name=%s", p->unit_key,
             cccd_point_kind_name(p->kind), p->name);
    return op_do(st, &op, err);
}

static cccd_errc run_shift_set(cccd_store *st, outreach_op *op, cccd_err *err) {
    return cccd_store_shift_template_set(st, op->point_id, op->shift, err);
}

static cccd_errc run_shift_remove(cccd_store *st, outreach_op *op, cccd_err *err) {
    cccd_point p;
    cccd_errc rc = cccd_store_point_get(st, op->point_id, &p, err);
    return rc == CCCD_OK ? cccd_store_shift_template_delete(st, op->point_id, op->no, err) : rc;
}

static cccd_errc run_shift_day(cccd_store *st, outreach_op *op, cccd_err *err) {
    return cccd_store_shift_override_set(st, op->point_id, op->day, op->ovr, err);
}

static cccd_errc shift_check(int no, bool allow_day, int start, int end, bool closed,
                             cccd_err *err) {
    if (no < (allow_day ? 0 : 1) || no > CCCD_SHIFT_MAX)
        return cccd_err_set(err, CCCD_E_ARG, "shift", "shift: a number from 1 to %d",
                            CCCD_SHIFT_MAX);
    if (no == 0 && !closed)
        return cccd_err_set(err, CCCD_E_ARG, "shift", "shift: 0 stands for the whole day, closed");
    if (!closed && (start < 0 || start > 1439 || end <= start || end > start + 1440))
        return cccd_err_set(err, CCCD_E_ARG, "times",
                            "times: a start and a later end, HH:MM-HH:MM");
    return CCCD_OK;
}

static void op_point_target(outreach_op *op) {
    snprintf(op->target, sizeof op->target, "point:%lld", (long long)op->point_id);
}

cccd_errc cccd_outreach_shift_set(cccd_store *st, const cccd_actor *by, int64_t point_id,
                                  const cccd_shift *s, cccd_err *err) {
    cccd_errc rc = shift_check(s->no, false, s->start_min, s->end_min, false, err);
    if (rc != CCCD_OK)
        return rc;
    outreach_op op = {
        .by = by, .action = "shift.set", .run = run_shift_set, .point_id = point_id, .shift = s};
    op_point_target(&op);
    char t[12];
    snprintf(op.detail, sizeof op.detail, "shift %d %s every day", s->no,
             cccd_shift_format(s->start_min, s->end_min, t));
    return op_do(st, &op, err);
}

cccd_errc cccd_outreach_shift_remove(cccd_store *st, const cccd_actor *by, int64_t point_id, int no,
                                     cccd_err *err) {
    cccd_errc rc = shift_check(no, false, 0, 60, false, err);
    if (rc != CCCD_OK)
        return rc;
    outreach_op op = {.by = by,
                      .action = "shift.remove",
                      .run = run_shift_remove,
                      .point_id = point_id,
                      .no = no};
    op_point_target(&op);
    snprintf(op.detail, sizeof op.detail, "shift %d", no);
    return op_do(st, &op, err);
}

cccd_errc cccd_outreach_shift_day(cccd_store *st, const cccd_actor *by, int64_t point_id,
                                  int64_t day, const cccd_shift_override *o, cccd_err *err) {
    cccd_errc rc = shift_check(o->no, true, o->start_min, o->end_min, o->closed, err);
    if (rc != CCCD_OK)
        return rc;
    outreach_op op = {.by = by,
                      .action = "shift.day",
                      .run = run_shift_day,
                      .point_id = point_id,
                      .day = day,
                      .ovr = o};
    op_point_target(&op);
    char iso[11], t[12];
    cccd_date_iso(cccd_date_from_days(day), iso);
    if (o->closed && o->no == 0)
        snprintf(op.detail, sizeof op.detail, "closed on %s", iso);
    else if (o->closed)
        snprintf(op.detail, sizeof op.detail, "shift %d closed on %s", o->no, iso);
    else
        snprintf(op.detail, sizeof op.detail, "shift %d %s on %s", o->no,
                 cccd_shift_format(o->start_min, o->end_min, t), iso);
    return op_do(st, &op, err);
}

cccd_errc cccd_kit_serial_check(const char *serial, cccd_err *err) {
    size_t n = serial ? strlen(serial) : 0;
    if (n == 0 || n > CCCD_KIT_SERIAL_MAX)
        return cccd_err_set(err, CCCD_E_ARG, "serial", "serial: 1 to %d characters",
                            CCCD_KIT_SERIAL_MAX);
    for (size_t i = 0; i < n; i++)
        if (serial[i] <= ' ' || serial[i] > '~' || serial[i] == '/')
            return cccd_err_set(err, CCCD_E_ARG, "serial",
                                "serial: letters, digits and punctuation other than '/', no "
                                "spaces");
    return CCCD_OK;
}

static cccd_errc note_check(const char *note, cccd_err *err) {
    if (note && strlen(note) > CCCD_KIT_NOTE_MAX)
        return cccd_err_set(err, CCCD_E_ARG, "note", "note: at most %d bytes", CCCD_KIT_NOTE_MAX);
    return CCCD_OK;
}

static cccd_errc run_kit_add(cccd_store *st, outreach_op *op, cccd_err *err) {
    return cccd_store_kit_add(st, op->serial, op->day, op->unit_key, err);
}

static cccd_errc run_kit_move(cccd_store *st, outreach_op *op, cccd_err *err) {
    return cccd_store_kit_move(st, op->serial, op->day, op->point_id, op->unit_key, op->note, err);
}

static cccd_errc run_kit_state(cccd_store *st, outreach_op *op, cccd_err *err) {
    return cccd_store_kit_state(st, op->serial, op->day, (cccd_kit_state)op->state, op->note, err);
}

static void op_kit(outreach_op *op, const char *serial, int64_t day) {
    snprintf(op->target, sizeof op->target, "kit:%s", serial);
    op->serial = serial;
    op->day = day;
}

cccd_errc cccd_outreach_kit_add(cccd_store *st, const cccd_actor *by, const char *serial,
                                int64_t day, const char *unit_key, cccd_err *err) {
    cccd_errc rc = cccd_kit_serial_check(serial, err);
    if (rc != CCCD_OK)
        return rc;
    if (unit_key == NULL || unit_key[0] == '\0')
        return cccd_err_set(err, CCCD_E_ARG, "unit", "unit: a kit is held by a unit");
    outreach_op op = {.by = by, .action = "kit.add", .run = run_kit_add, .unit_key = unit_key};
    op_kit(&op, serial, day);
    char iso[11];
    snprintf(op.detail, sizeof op.detail, "held by %s from %s", unit_key,
             cccd_date_iso(cccd_date_from_days(day), iso));
    return op_do(st, &op, err);
}

cccd_errc cccd_outreach_kit_move(cccd_store *st, const cccd_actor *by, const char *serial,
                                 int64_t day, int64_t point_id, const char *unit_key,
                                 const char *note, cccd_err *err) {
    cccd_errc rc = cccd_kit_serial_check(serial, err);
    if (rc == CCCD_OK)
        rc = note_check(note, err);
    if (rc != CCCD_OK)
        return rc;
    outreach_op op = {.by = by,
                      .action = "kit.move",
                      .run = run_kit_move,
                      .point_id = point_id,
                      .unit_key = unit_key,
                      .note = note};
    op_kit(&op, serial, day);
    char iso[11];
    cccd_date_iso(cccd_date_from_days(day), iso);
    if (point_id > 0)
        snprintf(op.detail, sizeof op.detail, "to point %lld from %s", (long long)point_id, iso);
    else
        snprintf(op.detail, sizeof op.detail, "to unit %s from %s", unit_key ? unit_key : "", iso);
    return op_do(st, &op, err);
}

cccd_errc cccd_outreach_kit_state(cccd_store *st, const cccd_actor *by, const char *serial,
                                  int64_t day, cccd_kit_state s, const char *note, cccd_err *err) {
    cccd_errc rc = cccd_kit_serial_check(serial, err);
    if (rc == CCCD_OK)
        rc = note_check(note, err);
    if (rc != CCCD_OK)
        return rc;
    outreach_op op = {
        .by = by, .action = "kit.state", .run = run_kit_state, .note = note, .state = (int)s};
    op_kit(&op, serial, day);
    char iso[11];
    snprintf(op.detail, sizeof op.detail, "%s from %s%s%s", cccd_kit_state_name(s),
             cccd_date_iso(cccd_date_from_days(day), iso), note && note[0] ? ": " : "",
             note ? note : "");
    return op_do(st, &op, err);
}

static cccd_errc run_staff_assign(cccd_store *st, outreach_op *op, cccd_err *err) {
    cccd_account a;
    bool found = false;
    cccd_errc rc = cccd_store_account_get(st, op->username, &a, NULL, &found, err);
    if (rc != CCCD_OK)
        return rc;
    if (!found)
        return cccd_err_set(err, CCCD_E_ACCOUNT_UNKNOWN, "username",
                            "username: there is no account %s", op->username);
    if (a.disabled)
        return cccd_err_set(err, CCCD_E_ARG, "username", "username: account %s is disabled",
                            op->username);
    if (a.role != CCCD_ROLE_OFFICER && a.role != CCCD_ROLE_SUPERVISOR)
        return cccd_err_set(err, CCCD_E_ROLE, "username",
                            "username: %s is a %s; officers and supervisors work at points",
                            op->username, cccd_role_name(a.role));
    rc = cccd_store_staff_add(st, op->point_id, a.id, op->day, op->to, op->note, op->id, err);
    if (rc == CCCD_OK)
        snprintf(op->target, sizeof op->target, "point:%lld", (long long)op->point_id);
    return rc;
}

cccd_errc cccd_outreach_staff_assign(cccd_store *st, const cccd_actor *by, int64_t point_id,
                                     const char *username, int64_t from, int64_t to,
                                     const char *note, int64_t *id, cccd_err *err) {
    cccd_errc rc = note_check(note, err);
    if (rc != CCCD_OK)
        return rc;
    if (to < from)
        return cccd_err_set(err, CCCD_E_DATE_RANGE, "to",
                            "to: the assignment ends before it begins");
    int64_t new_id = 0;
    outreach_op op = {.by = by,
                      .action = "staff.assign",
                      .run = run_staff_assign,
                      .point_id = point_id,
                      .username = username,
                      .day = from,
                      .to = to,
                      .note = note,
                      .id = id ? id : &new_id};
    char a[11], b[11] = "";
    cccd_date_iso(cccd_date_from_days(from), a);
    if (to != CCCD_STAFF_OPEN)
        cccd_date_iso(cccd_date_from_days(to), b);
    snprintf(op.detail, sizeof op.detail, "%s from %s%s%s", username ? username : "", a,
             to != CCCD_STAFF_OPEN ? " to " : "", b);
    return op_do(st, &op, err);
}

static cccd_errc run_staff_end(cccd_store *st, outreach_op *op, cccd_err *err) {
    return cccd_store_staff_end(st, op->point_id, op->to, op->day, err);
}

cccd_errc cccd_outreach_staff_end(cccd_store *st, const cccd_actor *by, int64_t point_id,
                                  int64_t id, int64_t day, cccd_err *err) {
    outreach_op op = {.by = by,
                      .action = "staff.end",
                      .run = run_staff_end,
                      .point_id = point_id,
                      .to = id,
                      .day = day};
    snprintf(op.target, sizeof op.target, "assignment:%lld", (long long)id);
    char iso[11];
    snprintf(op.detail, sizeof op.detail, "last day %s",
             cccd_date_iso(cccd_date_from_days(day), iso));
    return op_do(st, &op, err);
}
