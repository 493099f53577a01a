/*
 * store_kits.c: enrollment kits and their dated events in the database (see store_points.h).
 * A kit's state and place on a day are the latest event of each sort on or before that day
 * (core/kit.h), so transfers between units and breakdowns keep their history.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"
#include "store/store_points.h"

enum {
    SLOT_KIT_ADD = STORE_KITS_SLOT0,
    SLOT_KIT_EXISTS,
    SLOT_EVENT_ADD,
    SLOT_HISTORY,
    SLOT_ALL,
    SLOT_AT_PLACE,
    SLOT_AT_STATE,
    SLOT_POINT_EXISTS,
};
_Static_assert((int)SLOT_POINT_EXISTS < (int)STORE_SHIFTS_SLOT0,
               "store_kits.c has more statements than its slots");

static cccd_errc kit_known(cccd_store *st, const char *serial, cccd_err *err) {
    store_stmt *s = NULL;
    bool row = false;
    cccd_errc rc =
        store_stmt_get(st, SLOT_KIT_EXISTS, "SELECT 1 FROM kits WHERE serial = $1", &s, err);
    if (rc == CCCD_OK && (rc = st->drv->bind_text(s, 1, serial, err)) == CCCD_OK)
        rc = st->drv->step(s, &row, err);
    st->drv->reset(s);
    if (rc == CCCD_OK && !row)
        rc = cccd_err_set(err, CCCD_E_KIT_UNKNOWN, "serial", "serial: there is no kit %s", serial);
    return rc;
}

static cccd_errc point_known(cccd_store *st, int64_t id, cccd_err *err) {
    store_stmt *s = NULL;
    bool row = false;
    cccd_errc rc =
        store_stmt_get(st, SLOT_POINT_EXISTS, "SELECT 1 FROM points WHERE id = $1", &s, err);
    if (rc == CCCD_OK && (rc = st->drv->bind_int64(s, 1, id, err)) == CCCD_OK)
        rc = st->drv->step(s, &row, err);
    st->drv->reset(s);
    if (rc == CCCD_OK && !row)
        rc = cccd_err_set(err, CCCD_E_POINT_UNKNOWN, "point", "point: there is no point %lld",
                          (long long)id);
    return rc;
}

/* One event: state (NULL for a move), point (0: none), unit key (NULL: none). */
static cccd_errc event_add(cccd_store *st, const char *serial, int64_t day, const char *state,
                           int64_t point_id, const char *unit_key, const char *note,
                           cccd_err *err) {
    store_stmt *s = NULL;
    bool row;
    const store_driver *d = st->drv;
    cccd_errc rc = store_stmt_get(st, SLOT_EVENT_ADD,
                                  "INSERT INTO kit_events (serial, day, state, point_id, unit_key,"
                                  " note) VALUES ($1, $2, $3, $4, $5, $6)",
                                  &s, err);
    if (rc == CCCD_OK && (rc = d->bind_text(s, 1, serial, err)) == CCCD_OK &&
        (rc = d->bind_int64(s, 2, day, err)) == CCCD_OK &&
        (rc = d->bind_text(s, 3, state, err)) == CCCD_OK &&
        (rc = point_id > 0 ? d->bind_int64(s, 4, point_id, err) : d->bind_null(s, 4, err)) ==
            CCCD_OK &&
        (rc = d->bind_text(s, 5, unit_key, err)) == CCCD_OK &&
        (rc = d->bind_text(s, 6, note ? note : "", err)) == CCCD_OK)
        rc = d->step(s, &row, err);
    d->reset(s);
    return rc;
}

typedef struct kit_op {
    const char *serial, *unit_key, *note;
    int64_t day, point_id;
    int state; /* -1: a move */
    bool add;
} kit_op;

static cccd_errc kit_op_txn(cccd_store *st, void *ctx, cccd_err *err) {
    kit_op *o = ctx;
    cccd_errc rc;
    if (o->add) {
        store_stmt *s = NULL;
        bool row = false;
        rc = store_stmt_get(st, SLOT_KIT_ADD,
                            "INSERT INTO kits (serial) VALUES ($1) ON CONFLICT (serial) DO NOTHING"
                            " RETURNING serial",
                            &s, err);
        if (rc == CCCD_OK && (rc = st->drv->bind_text(s, 1, o->serial, err)) == CCCD_OK)
            rc = st->drv->step(s, &row, err);
        st->drv->reset(s);
        if (rc == CCCD_OK && !row)
            return cccd_err_set(err, CCCD_E_KIT_EXISTS, "serial",
                                "serial: kit %s is registered already", o->serial);
        if (rc == CCCD_OK)
            rc = event_add(st, o->serial, o->day, "working", 0, NULL, "registered", err);
        if (rc == CCCD_OK)
            rc = event_add(st, o->serial, o->day, NULL, 0, o->unit_key, "registered", err);
        return rc;
    }
    if ((rc = kit_known(st, o->serial, err)) != CCCD_OK)
        return rc;
    if (o->state >= 0)
        return event_add(st, o->serial, o->day, cccd_kit_state_name((cccd_kit_state)o->state), 0,
                         NULL, o->note, err);
    if (o->point_id > 0 && (rc = point_known(st, o->point_id, err)) != CCCD_OK)
        return rc;
    return event_add(st, o->serial, o->day, NULL, o->point_id, o->point_id > 0 ? NULL : o->unit_key,
                     o->note, err);
}

cccd_errc cccd_store_kit_add(cccd_store *st, const char *serial, int64_t day, const char *unit_key,
                             cccd_err *err) {
    kit_op o = {serial, unit_key, NULL, day, 0, -1, true};
    return cccd_store_transaction(st, kit_op_txn, &o, err);
}

cccd_errc cccd_store_kit_move(cccd_store *st, const char *serial, int64_t day, int64_t point_id,
                              const char *unit_key, const char *note, cccd_err *err) {
    if (point_id <= 0 && (unit_key == NULL || unit_key[0] == '\0'))
        return cccd_err_set(err, CCCD_E_ARG, "to", "a kit moves to a point or to a unit");
    kit_op o = {serial, unit_key, note, day, point_id, -1, false};
    return cccd_store_transaction(st, kit_op_txn, &o, err);
}

cccd_errc cccd_store_kit_state(cccd_store *st, const char *serial, int64_t day, cccd_kit_state s,
                               const char *note, cccd_err *err) {
    kit_op o = {serial, NULL, note, day, 0, (int)s, false};
    return cccd_store_transaction(st, kit_op_txn, &o, err);
}

#define EVENT_SELECT                                                                               \
    "SELECT e.serial, e.id, e.day, e.state, e.point_id, COALESCE(e.unit_key, p.unit_key, ''),"     \
    " e.note FROM kit_events e LEFT JOIN points p ON p.id = e.point_id "

static cccd_errc each_event(cccd_store *st, store_stmt *s, cccd_kit_history_cb cb, void *ctx,
                            cccd_err *err) {
    const store_driver *d = st->drv;
    bool row;
    cccd_errc rc;
    while ((rc = d->step(s, &row, err)) == CCCD_OK && row) {
        cccd_kit_history_row r = {0};
        r.serial = d->col_text(s, 0);
        r.ev.id = d->col_int64(s, 1);
        r.ev.day = d->col_int64(s, 2);
        r.ev.is_state = !d->col_null(s, 3);
        if (r.ev.is_state) {
            int k = cccd_kit_state_parse(d->col_text(s, 3));
            r.ev.state = k < 0 ? CCCD_KIT_BROKEN : (cccd_kit_state)k;
        }
        r.ev.point_id = d->col_null(s, 4) ? 0 : d->col_int64(s, 4);
        r.unit_key = d->col_text(s, 5);
        r.note = d->col_text(s, 6);
        cb(ctx, &r);
    }
    d->reset(s);
    return rc;
}

cccd_errc cccd_store_kit_history(cccd_store *st, const char *serial, cccd_kit_history_cb cb,
                                 void *ctx, cccd_err *err) {
    cccd_errc rc = kit_known(st, serial, err);
    store_stmt *s = NULL;
    if (rc == CCCD_OK)
        rc = store_stmt_get(st, SLOT_HISTORY,
                            EVENT_SELECT "WHERE e.serial = $1 ORDER BY e.day, e.id", &s, err);
    if (rc == CCCD_OK && (rc = st->drv->bind_text(s, 1, serial, err)) == CCCD_OK)
        rc = each_event(st, s, cb, ctx, err);
    return rc;
}

cccd_errc cccd_store_kit_events(cccd_store *st, int64_t until, cccd_kit_history_cb cb, void *ctx,
                                cccd_err *err) {
    store_stmt *s = NULL;
    cccd_errc rc = store_stmt_get(
        st, SLOT_ALL, EVENT_SELECT "WHERE e.day <= $1 ORDER BY e.serial, e.day, e.id", &s, err);
    if (rc == CCCD_OK && (rc = st->drv->bind_int64(s, 1, until, err)) == CCCD_OK)
        rc = each_event(st, s, cb, ctx, err);
    return rc;
}

cccd_errc cccd_store_kit_at(cccd_store *st, const char *serial, int64_t day, int64_t *point_id,
                            char unit_key[CCCD_UNIT_KEY_LEN], cccd_kit_state *state,
                            cccd_err *err) {
    *point_id = 0;
    unit_key[0] = '\0';
    *state = CCCD_KIT_WORKING;
    cccd_errc rc = kit_known(st, serial, err);
    store_stmt *s = NULL;
    bool row = false;
    if (rc == CCCD_OK)
        rc = store_stmt_get(st, SLOT_AT_PLACE,
                            "SELECT e.point_id, COALESCE(e.unit_key, p.unit_key) FROM kit_events e"
                            " LEFT JOIN points p ON p.id = e.point_id WHERE e.serial = $1"
                            " AND e.day <= $2 AND e.state IS NULL ORDER BY e.day DESC, e.id DESC"
                            " LIMIT 1",
                            &s, err);
    if (rc == CCCD_OK && (rc = st->drv->bind_text(s, 1, serial, err)) == CCCD_OK &&
        (rc = st->drv->bind_int64(s, 2, day, err)) == CCCD_OK &&
        (rc = st->drv->step(s, &row, err)) == CCCD_OK && row) {
        *point_id = st->drv->col_null(s, 0) ? 0 : st->drv->col_int64(s, 0);
        snprintf(unit_key, CCCD_UNIT_KEY_LEN, "%s", st->drv->col_text(s, 1));
    }
    st->drv->reset(s);
    row = false;
    if (rc == CCCD_OK)
        rc = store_stmt_get(st, SLOT_AT_STATE,
                            "SELECT state FROM kit_events WHERE serial = $1 AND day <= $2"
                            " AND state IS NOT NULL ORDER BY day DESC, id DESC LIMIT 1",
                            &s, err);
    if (rc == CCCD_OK && (rc = st->drv->bind_text(s, 1, serial, err)) == CCCD_OK &&
        (rc = st->drv->bind_int64(s, 2, day, err)) == CCCD_OK &&
        (rc = st->drv->step(s, &row, err)) == CCCD_OK && row) {
        int k = cccd_kit_state_parse(st->drv->col_text(s, 0));
        *state = k < 0 ? CCCD_KIT_BROKEN : (cccd_kit_state)k;
    }
    st->drv->reset(s);
    return rc;
}
