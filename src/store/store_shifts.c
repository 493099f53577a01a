/*
 * store_shifts.c: a point's shift templates and per-day overrides in the database (see
 * store_points.h; the rules that combine them are in core/shift.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"
#include "store/store_points.h"

enum {
    SLOT_TEMPLATE_SET = STORE_SHIFTS_SLOT0,
    SLOT_TEMPLATE_DELETE,
    SLOT_TEMPLATES,
    SLOT_OVERRIDE_SET,
    SLOT_OVERRIDES,
    SLOT_POINT_EXISTS,
};
_Static_assert((int)SLOT_POINT_EXISTS < (int)STORE_TICKETS_SLOT0,
               "store_shifts.c has more statements than its slots");

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

static cccd_errc check_times(int no, int lo, int start, int end, cccd_err *err) {
    if (no < lo || no > CCCD_SHIFT_MAX)
        return cccd_err_set(err, CCCD_E_ARG, "shift", "shift: a shift number is %d to %d", lo,
                            CCCD_SHIFT_MAX);
    if (start < 0 || start >= 1440 || end <= start || end > start + 1440)
        return cccd_err_set(err, CCCD_E_ARG, "times",
                            "times: a shift starts within its day and lasts at most 24 hours");
    return CCCD_OK;
}

typedef struct template_op {
    int64_t point_id;
    const cccd_shift *s;
} template_op;

static cccd_errc template_set_txn(cccd_store *st, void *ctx, cccd_err *err) {
    template_op *o = ctx;
    cccd_errc rc = point_known(st, o->point_id, err);
    store_stmt *s = NULL;
    bool row;
    if (rc == CCCD_OK)
        rc = store_stmt_get(st, SLOT_TEMPLATE_SET,
                            "INSERT INTO shift_templates (point_id, shift_no, start_min, end_min)"
                            " VALUES ($1, $2, $3, $4) ON CONFLICT (point_id, shift_no) DO UPDATE"
                            " SET start_min = excluded.start_min, end_min = excluded.end_min",
                            &s, err);
    if (rc == CCCD_OK && (rc = st->drv->bind_int64(s, 1, o->point_id, err)) == CCCD_OK &&
        (rc = st->drv->bind_int64(s, 2, o->s->no, err)) == CCCD_OK &&
        (rc = st->drv->bind_int64(s, 3, o->s->start_min, err)) == CCCD_OK &&
        (rc = st->drv->bind_int64(s, 4, o->s->end_min, err)) == CCCD_OK)
        rc = st->drv->step(s, &row, err);
    st->drv->reset(s);
    return rc;
}

cccd_errc cccd_store_shift_template_set(cccd_store *st, int64_t point_id, const cccd_shift *s,
                                        cccd_err *err) {
    cccd_errc rc = check_times(s->no, 1, s->start_min, s->end_min, err);
    if (rc != CCCD_OK)
        return rc;
    template_op o = {point_id, s};
    return cccd_store_transaction(st, template_set_txn, &o, err);
}

cccd_errc cccd_store_shift_template_delete(cccd_store *st, int64_t point_id, int no,
                                           cccd_err *err) {
    store_stmt *s = NULL;
    bool row;
    cccd_errc rc = store_stmt_get(
        st, SLOT_TEMPLATE_DELETE,
        "DELETE FROM shift_templates WHERE point_id = $1 AND shift_no = $2", &s, err);
    if (rc == CCCD_OK && (rc = st->drv->bind_int64(s, 1, point_id, err)) == CCCD_OK &&
        (rc = st->drv->bind_int64(s, 2, no, err)) == CCCD_OK)
        rc = st->drv->step(s, &row, err);
    st->drv->reset(s);
    return rc;
}

cccd_errc cccd_store_shift_templates(cccd_store *st, int64_t point_id,
                                     cccd_shift out[CCCD_SHIFT_MAX], size_t *n, cccd_err *err) {
    *n = 0;
    store_stmt *s = NULL;
    bool row;
    cccd_errc rc = store_stmt_get(st, SLOT_TEMPLATES,
                                  "SELECT shift_no, start_min, end_min FROM shift_templates"
                                  " WHERE point_id = $1 ORDER BY shift_no",
                                  &s, err);
    if (rc == CCCD_OK)
        rc = st->drv->bind_int64(s, 1, point_id, err);
    while (rc == CCCD_OK && (rc = st->drv->step(s, &row, err)) == CCCD_OK && row &&
           *n < CCCD_SHIFT_MAX)
        out[(*n)++] = (cccd_shift){(int)st->drv->col_int64(s, 0), (int)st->drv->col_int64(s, 1),
                                   (int)st->drv->col_int64(s, 2)};
    st->drv->reset(s);
    return rc;
}

typedef struct override_op {
    int64_t point_id, day;
    const cccd_shift_override *o;
} override_op;

static cccd_errc override_set_txn(cccd_store *st, void *ctx, cccd_err *err) {
    override_op *o = ctx;
    cccd_errc rc = point_known(st, o->point_id, err);
    store_stmt *s = NULL;
    bool row;
    const store_driver *d = st->drv;
    if (rc == CCCD_OK)
        rc = store_stmt_get(st, SLOT_OVERRIDE_SET,
                            "INSERT INTO shift_overrides (point_id, day, shift_no, closed,"
                            " start_min, end_min) VALUES ($1, $2, $3, $4, $5, $6)"
                            " ON CONFLICT (point_id, day, shift_no) DO UPDATE SET"
                            " closed = excluded.closed, start_min = excluded.start_min,"
                            " end_min = excluded.end_min",
                            &s, err);
    if (rc == CCCD_OK && (rc = d->bind_int64(s, 1, o->point_id, err)) == CCCD_OK &&
        (rc = d->bind_int64(s, 2, o->day, err)) == CCCD_OK &&
        (rc = d->bind_int64(s, 3, o->o->no, err)) == CCCD_OK &&
        (rc = d->bind_int64(s, 4, o->o->closed, err)) == CCCD_OK &&
        (rc = d->bind_int64(s, 5, o->o->closed ? 0 : o->o->start_min, err)) == CCCD_OK &&
        (rc = d->bind_int64(s, 6, o->o->closed ? 0 : o->o->end_min, err)) == CCCD_OK)
        rc = d->step(s, &row, err);
    d->reset(s);
    return rc;
}

cccd_errc cccd_store_shift_override_set(cccd_store *st, int64_t point_id, int64_t day,
                                        const cccd_shift_override *o, cccd_err *err) {
    cccd_errc rc = CCCD_OK;
    if (o->closed && (o->no < 0 || o->no > CCCD_SHIFT_MAX))
        rc = cccd_err_set(err, CCCD_E_ARG, "shift",
                          "shift: a shift number is 0 (the whole day) to %d", CCCD_SHIFT_MAX);
    else if (!o->closed)
        rc = check_times(o->no, 1, o->start_min, o->end_min, err);
    if (rc != CCCD_OK)
        return rc;
    override_op op = {point_id, day, o};
    return cccd_store_transaction(st, override_set_txn, &op, err);
}

cccd_errc cccd_store_shift_overrides(cccd_store *st, int64_t point_id, int64_t from, int64_t to,
                                     cccd_shift_override_cb cb, void *ctx, cccd_err *err) {
    store_stmt *s = NULL;
    bool row;
    const store_driver *d = st->drv;
    cccd_errc rc = store_stmt_get(st, SLOT_OVERRIDES,
                                  "SELECT day, shift_no, closed, start_min, end_min FROM"
                                  " shift_overrides WHERE point_id = $1 AND day BETWEEN $2 AND $3"
                                  " ORDER BY day, shift_no",
                                  &s, err);
    if (rc == CCCD_OK && (rc = d->bind_int64(s, 1, point_id, err)) == CCCD_OK &&
        (rc = d->bind_int64(s, 2, from, err)) == CCCD_OK)
        rc = d->bind_int64(s, 3, to, err);
    while (rc == CCCD_OK && (rc = d->step(s, &row, err)) == CCCD_OK && row) {
        cccd_shift_override o = {(int)d->col_int64(s, 1), d->col_int64(s, 2) != 0,
                                 (int)d->col_int64(s, 3), (int)d->col_int64(s, 4)};
        cb(ctx, d->col_int64(s, 0), &o);
    }
    d->reset(s);
    return rc;
}
