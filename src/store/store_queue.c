/*
 * store_queue.c: the queue at a point of service in the database (see store_queue.h).
 */
#include <stdio.h>
#include <string.h>

#include "store/store_internal.h"
#include "store/store_queue.h"

enum {
    SLOT_MAX_NUMBER = STORE_QUEUE_SLOT0,
    SLOT_ADD,
    SLOT_GET,
    SLOT_ACTIVE,
    SLOT_NEXT,
    SLOT_CALL,
    SLOT_FINISH,
    SLOT_LIST,
    SLOT_PERSON,
};
_Static_assert((int)SLOT_PERSON < (int)STORE_STAFF_SLOT0,
               "store_queue.c has more statements than its slots");

static const char *const state_names[CCCD_QUEUE__COUNT] = {"waiting", "called", "served",
                                                           "no_show"};

const char *cccd_queue_state_name(cccd_queue_state s) {
    return (int)s >= 0 && s < CCCD_QUEUE__COUNT ? state_names[s] : "?";
}

int cccd_queue_state_parse(const char *s) {
    for (int i = 0; i < CCCD_QUEUE__COUNT; i++)
        if (strcmp(s, state_names[i]) == 0)
            return i;
    return -1;
}

#define ENTRY_COLS                                                                                 \
    "q.id, q.point_id, q.day, q.number, q.personal_id, q.ticket, q.window_start,"                  \
    " q.checked_in_at, q.called_at, q.finished_at, q.checked_in_by, q.called_by,"                  \
    " q.finished_by, q.state, c.full_name"
#define ENTRY_FROM " FROM queue_entries q LEFT JOIN citizens c ON c.personal_id = q.personal_id"

static void copy_col(cccd_store *st, store_stmt *s, int col, char *buf, size_t size) {
    const char *v = st->drv->col_null(s, col) ? NULL : st->drv->col_text(s, col);
    snprintf(buf, size, "%s", v ? v : "");
}

static void read_entry(cccd_store *st, store_stmt *s, cccd_queue_entry *e) {
    const store_driver *d = st->drv;
    memset(e, 0, sizeof *e);
    e->id = d->col_int64(s, 0);
    e->point_id = d->col_int64(s, 1);
    e->day = d->col_int64(s, 2);
    e->number = d->col_int64(s, 3);
    e->personal_id = d->col_int64(s, 4);
    copy_col(st, s, 5, e->ticket, sizeof e->ticket);
    e->window_start = d->col_null(s, 6) ? -1 : (int)d->col_int64(s, 6);
    e->checked_in_at = d->col_int64(s, 7);
    e->called_at = d->col_null(s, 8) ? 0 : d->col_int64(s, 8);
    e->finished_at = d->col_null(s, 9) ? 0 : d->col_int64(s, 9);
    copy_col(st, s, 10, e->checked_in_by, sizeof e->checked_in_by);
    copy_col(st, s, 11, e->called_by, sizeof e->called_by);
    copy_col(st, s, 12, e->finished_by, sizeof e->finished_by);
    int state = cccd_queue_state_parse(d->col_text(s, 13));
    e->state = state < 0 ? CCCD_QUEUE_WAITING : (cccd_queue_state)state;
    copy_col(st, s, 14, e->full_name, sizeof e->full_name);
}

/* Runs s (bound) and reads at most one entry. */
static cccd_errc one_entry(cccd_store *st, store_stmt *s, cccd_queue_entry *out, bool *found,
                           cccd_err *err) {
    bool row = false;
    cccd_errc rc = st->drv->step(s, &row, err);
    if (rc == CCCD_OK && row)
        read_entry(st, s, out);
    *found = rc == CCCD_OK && row;
    st->drv->reset(s);
    return rc;
}

cccd_errc cccd_store_queue_active(cccd_store *st, int64_t point_id, int64_t day,
                                  int64_t personal_id, cccd_queue_entry *out, bool *found,
                                  cccd_err *err) {
    store_stmt *s = NULL;
    *found = false;
    cccd_errc rc = store_stmt_get(st, SLOT_ACTIVE,
                                  "SELECT " ENTRY_COLS ENTRY_FROM
                                  " WHERE q.point_id = $1 AND q.day = $2 AND q.personal_id = $3"
                                  " AND q.state IN ('waiting', 'called')",
                                  &s, err);
    if (rc == CCCD_OK && (rc = st->drv->bind_int64(s, 1, point_id, err)) == CCCD_OK &&
        (rc = st->drv->bind_int64(s, 2, day, err)) == CCCD_OK &&
        (rc = st->drv->bind_int64(s, 3, personal_id, err)) == CCCD_OK)
        return one_entry(st, s, out, found, err);
    st->drv->reset(s);
    return rc;
}

typedef struct add_ctx {
    cccd_queue_entry *e;
} add_ctx;

static cccd_errc add_txn(cccd_store *st, void *ctx, cccd_err *err) {
    cccd_queue_entry *e = ((add_ctx *)ctx)->e;
    const store_driver *d = st->drv;
    cccd_queue_entry old;
    bool found = false, row = false;
    cccd_errc rc =
        cccd_store_queue_active(st, e->point_id, e->day, e->personal_id, &old, &found, err);
    if (rc != CCCD_OK)
        return rc;
    if (found)
        return cccd_err_set(err, CCCD_E_QUEUE_ACTIVE, "personal_id",
                            "%012lld is already %s at point %lld today (number %lld)",
                            (long long)e->personal_id,
                            old.state == CCCD_QUEUE_WAITING ? "waiting" : "at the desk",
                            (long long)e->point_id, (long long)old.number);
    store_stmt *s = NULL;
    rc = store_stmt_get(st, SLOT_MAX_NUMBER,
                        "SELECT COALESCE(MAX(number), 0) FROM queue_entries"
                        " WHERE point_id = $1 AND day = $2",
                        &s, err);
    if (rc == CCCD_OK && (rc = d->bind_int64(s, 1, e->point_id, err)) == CCCD_OK &&
        (rc = d->bind_int64(s, 2, e->day, err)) == CCCD_OK &&
        (rc = d->step(s, &row, err)) == CCCD_OK)
        e->number = (row ? d->col_int64(s, 0) : 0) + 1;
    d->reset(s);
    if (rc != CCCD_OK)
        return rc;
    rc = store_stmt_get(st, SLOT_ADD,
                        "INSERT INTO queue_entries (point_id, day, number, personal_id, ticket,"
                        " window_start, checked_in_at, checked_in_by, state) VALUES ($1, $2, $3,"
                        " $4, $5, $6, $7, $8, 'waiting') RETURNING id",
                        &s, err);
    if (rc == CCCD_OK && (rc = d->bind_int64(s, 1, e->point_id, err)) == CCCD_OK &&
        (rc = d->bind_int64(s, 2, e->day, err)) == CCCD_OK &&
        (rc = d->bind_int64(s, 3, e->number, err)) == CCCD_OK &&
        (rc = d->bind_int64(s, 4, e->personal_id, err)) == CCCD_OK &&
        (rc = e->ticket[0] ? d->bind_text(s, 5, e->ticket, err) : d->bind_null(s, 5, err)) ==
            CCCD_OK &&
        (rc = e->window_start >= 0 ? d->bind_int64(s, 6, e->window_start, err)
                                   : d->bind_null(s, 6, err)) == CCCD_OK &&
        (rc = d->bind_int64(s, 7, e->checked_in_at, err)) == CCCD_OK &&
        (rc = d->bind_text(s, 8, e->checked_in_by, err)) == CCCD_OK &&
        (rc = d->step(s, &row, err)) == CCCD_OK && row)
        e->id = d->col_int64(s, 0);
    d->reset(s);
    if (rc == CCCD_E_STORE_CONSTRAINT)
        /* another check-in at the point committed first (PostgreSQL reads committed rows: it
         * took this number, or checked in this person): the transaction runner tries again,
         * and then sees it */
        rc = cccd_err_set(err, CCCD_E_STORE_BUSY, NULL,
                          "another check-in at point %lld came at the same moment; try again",
                          (long long)e->point_id);
    if (rc == CCCD_OK && !row)
        rc = cccd_err_set(err, CCCD_E_STORE, NULL, "the new queue entry got no id");
    e->state = CCCD_QUEUE_WAITING;
    e->called_at = e->finished_at = 0;
    e->called_by[0] = e->finished_by[0] = '\0';
    return rc;
}

cccd_errc cccd_store_queue_add(cccd_store *st, cccd_queue_entry *e, cccd_err *err) {
    add_ctx c = {e};
    return cccd_store_transaction(st, add_txn, &c, err);
}

cccd_errc cccd_store_queue_get(cccd_store *st, int64_t id, cccd_queue_entry *out, bool *found,
                               cccd_err *err) {
    store_stmt *s = NULL;
    *found = false;
    cccd_errc rc =
        store_stmt_get(st, SLOT_GET, "SELECT " ENTRY_COLS ENTRY_FROM " WHERE q.id = $1", &s, err);
    if (rc == CCCD_OK && (rc = st->drv->bind_int64(s, 1, id, err)) == CCCD_OK)
        return one_entry(st, s, out, found, err);
    st->drv->reset(s);
    return rc;
}

cccd_errc cccd_store_queue_next(cccd_store *st, int64_t point_id, int64_t day, int minute,
                                cccd_queue_entry *out, bool *found, cccd_err *err) {
    store_stmt *s = NULL;
    *found = false;
    cccd_errc rc = store_stmt_get(
        st, SLOT_NEXT,
        "SELECT " ENTRY_COLS ENTRY_FROM
        " WHERE q.point_id = $1 AND q.day = $2 AND q.state = 'waiting'"
        " ORDER BY CASE WHEN q.window_start IS NOT NULL AND q.window_start <= $3 THEN 0 ELSE 1"
        " END, CASE WHEN q.window_start IS NOT NULL AND q.window_start <= $3 THEN q.window_start"
        " ELSE 0 END, q.checked_in_at, q.id LIMIT 1",
        &s, err);
    if (rc == CCCD_OK && (rc = st->drv->bind_int64(s, 1, point_id, err)) == CCCD_OK &&
        (rc = st->drv->bind_int64(s, 2, day, err)) == CCCD_OK &&
        (rc = st->drv->bind_int64(s, 3, minute, err)) == CCCD_OK)
        return one_entry(st, s, out, found, err);
    st->drv->reset(s);
    return rc;
}

cccd_errc cccd_store_queue_move(cccd_store *st, int64_t id, cccd_queue_state from,
                                cccd_queue_state to, int64_t at, const char *by, bool *changed,
                                cccd_err *err) {
    const store_driver *d = st->drv;
    store_stmt *s = NULL;
    bool row = false;
    *changed = false;
    cccd_errc rc =
        to == CCCD_QUEUE_CALLED
            ? store_stmt_get(st, SLOT_CALL,
                             "UPDATE queue_entries SET state = $3, called_at = $4, called_by = $5"
                             " WHERE id = $1 AND state = $2",
                             &s, err)
            : store_stmt_get(st, SLOT_FINISH,
                             "UPDATE queue_entries SET state = $3, finished_at = $4,"
                             " finished_by = $5 WHERE id = $1 AND state = $2",
                             &s, err);
    if (rc == CCCD_OK && (rc = d->bind_int64(s, 1, id, err)) == CCCD_OK &&
        (rc = d->bind_text(s, 2, cccd_queue_state_name(from), err)) == CCCD_OK &&
        (rc = d->bind_text(s, 3, cccd_queue_state_name(to), err)) == CCCD_OK &&
        (rc = d->bind_int64(s, 4, at, err)) == CCCD_OK &&
        (rc = d->bind_text(s, 5, by ? by : "", err)) == CCCD_OK &&
        (rc = d->step(s, &row, err)) == CCCD_OK)
        *changed = d->changes(s) > 0;
    d->reset(s);
    return rc;
}

cccd_errc cccd_store_queue_list(cccd_store *st, int64_t point_id, int64_t day,
                                cccd_queue_entry_cb cb, void *ctx, cccd_err *err) {
    store_stmt *s = NULL;
    bool row = false;
    cccd_errc rc = store_stmt_get(st, SLOT_LIST,
                                  "SELECT " ENTRY_COLS ENTRY_FROM
                                  " WHERE q.point_id = $1 AND q.day = $2 ORDER BY q.number",
                                  &s, err);
    if (rc == CCCD_OK && (rc = st->drv->bind_int64(s, 1, point_id, err)) == CCCD_OK)
        rc = st->drv->bind_int64(s, 2, day, err);
    while (rc == CCCD_OK && (rc = st->drv->step(s, &row, err)) == CCCD_OK && row) {
        cccd_queue_entry e;
        read_entry(st, s, &e);
        cb(ctx, &e);
    }
    st->drv->reset(s);
    return rc;
}

/* The remaining list's rule (store_citizens.c, REMAINING_WHERE) for one person on day $2. */
cccd_errc cccd_store_queue_person(cccd_store *st, int64_t personal_id, int64_t day,
                                  cccd_queue_person *out, cccd_err *err) {
    const store_driver *d = st->drv;
    store_stmt *s = NULL;
    bool row = false;
    memset(out, 0, sizeof *out);
    cccd_errc rc = store_stmt_get(
        st, SLOT_PERSON,
        "SELECT full_name, permanent_unit, temporary_unit, CASE WHEN deceased = 0 AND"
        " eligible_from <= $2 AND NOT (card_type = 'chip' AND card_issued <= $2 AND"
        " (card_expiry IS NULL OR card_expiry >= $2)) THEN 1 ELSE 0 END"
        " FROM citizens WHERE personal_id = $1",
        &s, err);
    if (rc == CCCD_OK && (rc = d->bind_int64(s, 1, personal_id, err)) == CCCD_OK &&
        (rc = d->bind_int64(s, 2, day, err)) == CCCD_OK &&
        (rc = d->step(s, &row, err)) == CCCD_OK && row) {
        out->found = true;
        copy_col(st, s, 0, out->full_name, sizeof out->full_name);
        copy_col(st, s, 1, out->permanent_unit, sizeof out->permanent_unit);
        copy_col(st, s, 2, out->temporary_unit, sizeof out->temporary_unit);
        out->needs_card = d->col_int64(s, 3) != 0;
    }
    d->reset(s);
    return rc;
}
