/*
 * store_staff.c: officers assigned to points, with dates, in the database (see store_staff.h).
 * An officer works at one point at a time: an assignment overlapping another of the same
 * account is refused, so "where was this officer on that day" has one answer.
 */
#include "store/store_staff.h"

#include <stdio.h>

#include "store/store_internal.h"

enum {
    SLOT_POINT_EXISTS = STORE_STAFF_SLOT0,
    SLOT_OVERLAP,
    SLOT_ADD,
    SLOT_END,
    SLOT_OF_POINT,
    SLOT_OF_ACCOUNT,
};
_Static_assert((int)SLOT_OF_ACCOUNT < (int)STORE_APPLICATIONS_SLOT0,
               "store_staff.c has more statements than its slots");

/* an open end is stored as NULL; comparisons read it as this day */
#define OPEN_DAY "9223372036854775807"

typedef struct staff_add {
    int64_t point_id, account_id, from, to;
    const char *note;
    int64_t *id;
} staff_add;

static cccd_errc bind_to(cccd_store *st, store_stmt *s, int i, int64_t to, cccd_err *err) {
    return to == CCCD_STAFF_OPEN ? st->drv->bind_null(s, i, err)
                                 : st->drv->bind_int64(s, i, to, err);
}

static cccd_errc add_txn(cccd_store *st, void *ctx, cccd_err *err) {
    staff_add *a = ctx;
    const store_driver *d = st->drv;
    store_stmt *s = NULL;
    bool row = false;
    cccd_errc rc =
        store_stmt_get(st, SLOT_POINT_EXISTS, "SELECT 1 FROM points WHERE id = $1", &s, err);
    if (rc == CCCD_OK && (rc = d->bind_int64(s, 1, a->point_id, err)) == CCCD_OK)
        rc = d->step(s, &row, err);
    d->reset(s);
    if (rc == CCCD_OK && !row)
        return cccd_err_set(err, CCCD_E_POINT_UNKNOWN, "point", "point: there is no point %lld",
                            (long long)a->point_id);
    if (rc != CCCD_OK)
        return rc;
    rc = store_stmt_get(st, SLOT_OVERLAP,
                        "SELECT point_id, from_day FROM point_staff WHERE account_id = $1"
                        " AND from_day <= $2 AND COALESCE(to_day, " OPEN_DAY ") >= $3"
                        " ORDER BY from_day, id LIMIT 1",
                        &s, err);
    row = false;
    if (rc == CCCD_OK && (rc = d->bind_int64(s, 1, a->account_id, err)) == CCCD_OK &&
        (rc = d->bind_int64(s, 2, a->to, err)) == CCCD_OK &&
        (rc = d->bind_int64(s, 3, a->from, err)) == CCCD_OK)
        rc = d->step(s, &row, err);
    if (rc == CCCD_OK && row) {
        char iso[11];
        rc = cccd_err_set(err, CCCD_E_STAFF_OVERLAP, "from",
                          "from: the officer is assigned to point %lld from %s over some of "
                          "those days; end that assignment first",
                          (long long)d->col_int64(s, 0),
                          cccd_date_iso(cccd_date_from_days(d->col_int64(s, 1)), iso));
    }
    d->reset(s);
    if (rc != CCCD_OK)
        return rc;
    rc = store_stmt_get(st, SLOT_ADD,
                        "INSERT INTO point_staff (point_id, account_id, from_day, to_day, note)"
                        " VALUES ($1, $2, $3, $4, $5) RETURNING id",
                        &s, err);
    row = false;
    if (rc == CCCD_OK && (rc = d->bind_int64(s, 1, a->point_id, err)) == CCCD_OK &&
        (rc = d->bind_int64(s, 2, a->account_id, err)) == CCCD_OK &&
        (rc = d->bind_int64(s, 3, a->from, err)) == CCCD_OK &&
        (rc = bind_to(st, s, 4, a->to, err)) == CCCD_OK &&
        (rc = d->bind_text(s, 5, a->note ? a->note : "", err)) == CCCD_OK)
        rc = d->step(s, &row, err);
    if (rc == CCCD_OK && row && a->id)
        *a->id = d->col_int64(s, 0);
    d->reset(s);
    return rc;
}

cccd_errc cccd_store_staff_add(cccd_store *st, int64_t point_id, int64_t account_id,
                               int64_t from_day, int64_t to_day, const char *note, int64_t *id,
                               cccd_err *err) {
    if (to_day < from_day)
        return cccd_err_set(err, CCCD_E_DATE_RANGE, "to",
                            "to: the assignment ends before it begins");
    staff_add a = {point_id, account_id, from_day, to_day, note, id};
    return cccd_store_transaction(st, add_txn, &a, err);
}

cccd_errc cccd_store_staff_end(cccd_store *st, int64_t point_id, int64_t id, int64_t day,
                               cccd_err *err) {
    const store_driver *d = st->drv;
    store_stmt *s = NULL;
    bool row = false;
    cccd_errc rc = store_stmt_get(st, SLOT_END,
                                  "UPDATE point_staff SET to_day = $2 WHERE id = $1"
                                  " AND from_day <= $2"
                                  " AND (CAST($3 AS BIGINT) = 0 OR point_id = CAST($3 AS BIGINT))"
                                  " RETURNING id",
                                  &s, err);
    if (rc == CCCD_OK && (rc = d->bind_int64(s, 1, id, err)) == CCCD_OK &&
        (rc = d->bind_int64(s, 2, day, err)) == CCCD_OK &&
        (rc = d->bind_int64(s, 3, point_id, err)) == CCCD_OK)
        rc = d->step(s, &row, err);
    d->reset(s);
    if (rc == CCCD_OK && !row)
        rc = cccd_err_set(err, CCCD_E_STAFF_UNKNOWN, "assignment",
                          "assignment: there is no assignment %lld%s that begins on or before "
                          "that day",
                          (long long)id, point_id ? " at this point" : "");
    return rc;
}

#define STAFF_SELECT                                                                               \
    "SELECT s.id, s.point_id, s.account_id, a.username, a.role, a.unit_key, s.from_day,"           \
    " s.to_day, s.note FROM point_staff s JOIN accounts a ON a.id = s.account_id "

static cccd_errc each_row(cccd_store *st, int slot, const char *sql, int64_t key, int64_t from,
                          int64_t to, cccd_staff_cb cb, void *ctx, cccd_err *err) {
    const store_driver *d = st->drv;
    store_stmt *s = NULL;
    bool row = true;
    cccd_errc rc = store_stmt_get(st, slot, sql, &s, err);
    if (rc == CCCD_OK && (rc = d->bind_int64(s, 1, key, err)) == CCCD_OK &&
        (rc = d->bind_int64(s, 2, to, err)) == CCCD_OK)
        rc = d->bind_int64(s, 3, from, err);
    while (rc == CCCD_OK && (rc = d->step(s, &row, err)) == CCCD_OK && row) {
        cccd_staff_row r = {
            .id = d->col_int64(s, 0),
            .point_id = d->col_int64(s, 1),
            .account_id = d->col_int64(s, 2),
            .username = d->col_text(s, 3),
            .role = d->col_text(s, 4),
            .account_unit = d->col_text(s, 5),
            .from_day = d->col_int64(s, 6),
            .to_day = d->col_null(s, 7) ? CCCD_STAFF_OPEN : d->col_int64(s, 7),
            .note = d->col_text(s, 8),
        };
        cb(ctx, &r);
    }
    if (s)
        d->reset(s);
    return rc;
}

cccd_errc cccd_store_staff_of_point(cccd_store *st, int64_t point_id, int64_t from, int64_t to,
                                    cccd_staff_cb cb, void *ctx, cccd_err *err) {
    return each_row(st, SLOT_OF_POINT,
                    STAFF_SELECT "WHERE s.point_id = $1 AND s.from_day <= $2"
                                 " AND COALESCE(s.to_day, " OPEN_DAY ") >= $3"
                                 " ORDER BY s.from_day, s.id",
                    point_id, from, to, cb, ctx, err);
}

cccd_errc cccd_store_staff_of_account(cccd_store *st, int64_t account_id, int64_t from, int64_t to,
                                      cccd_staff_cb cb, void *ctx, cccd_err *err) {
    return each_row(st, SLOT_OF_ACCOUNT,
                    STAFF_SELECT "WHERE s.account_id = $1 AND s.from_day <= $2"
                                 " AND COALESCE(s.to_day, " OPEN_DAY ") >= $3"
                                 " ORDER BY s.from_day, s.id",
                    account_id, from, to, cb, ctx, err);
}
