/*
 * store_tickets.c: appointment tickets in the database (see store_tickets.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"
#include "store/store_tickets.h"

enum {
    SLOT_PUT = STORE_TICKETS_SLOT0,
    SLOT_DELETE,
    SLOT_MAX_SEQ,
    SLOT_OF_KEY,
    SLOT_GET,
    SLOT_AT,
    SLOT_BY_NUMBER,
    SLOT_HOLDERS,
    SLOT_OF_TEMPORARY,
};
_Static_assert((int)SLOT_OF_TEMPORARY < (int)STORE_QUEUE_SLOT0,
               "store_tickets.c has more statements than its slots");

#define TICKET_PUT                                                                                 \
    "INSERT INTO tickets (ticket, plan_unit, seq, personal_id, home_key, point_id, day,"           \
    " shift_no, window_start, window_end, ease, residential_group) VALUES ($1, $2, $3, $4,"        \
    " $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (personal_id) DO UPDATE SET"                  \
    " ticket = excluded.ticket, plan_unit = excluded.plan_unit, seq = excluded.seq,"               \
    " home_key = excluded.home_key, point_id = excluded.point_id, day = excluded.day,"             \
    " shift_no = excluded.shift_no, window_start = excluded.window_start,"                         \
    " window_end = excluded.window_end, ease = excluded.ease,"                                     \
    " residential_group = excluded.residential_group"

static cccd_errc bind_ticket(cccd_store *st, store_stmt *s, const cccd_ticket *t, cccd_err *err) {
    const store_driver *d = st->drv;
    cccd_errc rc;
    if ((rc = d->bind_text(s, 1, t->ticket, err)) == CCCD_OK &&
        (rc = d->bind_text(s, 2, t->plan_unit, err)) == CCCD_OK &&
        (rc = d->bind_int64(s, 3, t->seq, err)) == CCCD_OK &&
        (rc = d->bind_int64(s, 4, t->personal_id, err)) == CCCD_OK &&
        (rc = d->bind_text(s, 5, t->home_key, err)) == CCCD_OK &&
        (rc = d->bind_int64(s, 6, t->point_id, err)) == CCCD_OK &&
        (rc = d->bind_int64(s, 7, t->day, err)) == CCCD_OK &&
        (rc = d->bind_int64(s, 8, t->shift_no, err)) == CCCD_OK &&
        (rc = d->bind_int64(s, 9, t->window_start, err)) == CCCD_OK &&
        (rc = d->bind_int64(s, 10, t->window_end, err)) == CCCD_OK &&
        (rc = d->bind_int64(s, 11, t->ease, err)) == CCCD_OK)
        rc = d->bind_text(s, 12, t->residential_group ? t->residential_group : "", err);
    return rc;
}

cccd_errc cccd_store_ticket_put(cccd_store *st, const cccd_ticket *t, cccd_err *err) {
    store_stmt *s = NULL;
    bool row;
    cccd_errc rc = store_stmt_get(st, SLOT_PUT, TICKET_PUT, &s, err);
    if (rc == CCCD_OK && (rc = bind_ticket(st, s, t, err)) == CCCD_OK)
        rc = st->drv->step(s, &row, err);
    st->drv->reset(s);
    return rc;
}

cccd_errc cccd_store_tickets_put(cccd_store *st, const cccd_ticket *t, size_t n, cccd_err *err) {
    const store_driver *d = st->drv;
    if (d->pipeline_begin == NULL) {
        for (size_t i = 0; i < n; i++) {
            cccd_errc rc = cccd_store_ticket_put(st, &t[i], err);
            if (rc != CCCD_OK)
                return rc;
        }
        return CCCD_OK;
    }
    /* prepared before the pipeline starts (preparing waits for the server) */
    store_stmt *s = NULL;
    cccd_errc rc = store_stmt_get(st, SLOT_PUT, TICKET_PUT, &s, err);
    int64_t *changes = malloc((n ? n : 1) * sizeof *changes);
    if (rc == CCCD_OK && changes == NULL)
        rc = cccd_err_set(err, CCCD_E_NOMEM, "ticket", "out of memory");
    size_t sent = 0;
    bool piped = rc == CCCD_OK && (rc = d->pipeline_begin(st->conn, err)) == CCCD_OK;
    for (size_t i = 0; i < n && rc == CCCD_OK; i++) {
        d->reset(s);
        if ((rc = bind_ticket(st, s, &t[i], err)) == CCCD_OK &&
            (rc = d->pipeline_send(s, err)) == CCCD_OK)
            sent++;
    }
    if (piped) {
        cccd_err perr;
        cccd_errc prc = d->pipeline_end(st->conn, changes, sent, &perr);
        if (rc == CCCD_OK && prc != CCCD_OK) {
            rc = prc;
            *err = perr;
        }
    }
    free(changes);
    return rc;
}

cccd_errc cccd_store_ticket_delete(cccd_store *st, int64_t personal_id, cccd_err *err) {
    store_stmt *s = NULL;
    bool row;
    cccd_errc rc =
        store_stmt_get(st, SLOT_DELETE, "DELETE FROM tickets WHERE personal_id = $1", &s, err);
    if (rc == CCCD_OK && (rc = st->drv->bind_int64(s, 1, personal_id, err)) == CCCD_OK)
        rc = st->drv->step(s, &row, err);
    st->drv->reset(s);
    return rc;
}

cccd_errc cccd_store_tickets_max_seq(cccd_store *st, const char *plan_unit, int64_t *seq,
                                     cccd_err *err) {
    store_stmt *s = NULL;
    bool row = false;
    *seq = 0;
    cccd_errc rc =
        store_stmt_get(st, SLOT_MAX_SEQ,
                       "SELECT COALESCE(MAX(seq), 0) FROM tickets WHERE plan_unit = $1", &s, err);
    if (rc == CCCD_OK && (rc = st->drv->bind_text(s, 1, plan_unit, err)) == CCCD_OK &&
        (rc = st->drv->step(s, &row, err)) == CCCD_OK && row)
        *seq = st->drv->col_int64(s, 0);
    st->drv->reset(s);
    return rc;
}

#define TICKET_COLS                                                                                \
    "ticket, plan_unit, seq, personal_id, home_key, point_id, day, shift_no, window_start,"        \
    " window_end, ease, residential_group"

static void read_ticket(cccd_store *st, store_stmt *s, cccd_ticket *t) {
    const store_driver *d = st->drv;
    memset(t, 0, sizeof *t);
    snprintf(t->ticket, sizeof t->ticket, "%s", d->col_text(s, 0));
    snprintf(t->plan_unit, sizeof t->plan_unit, "%s", d->col_text(s, 1));
    t->seq = d->col_int64(s, 2);
    t->personal_id = d->col_int64(s, 3);
    snprintf(t->home_key, sizeof t->home_key, "%s", d->col_text(s, 4));
    t->point_id = d->col_int64(s, 5);
    t->day = d->col_int64(s, 6);
    t->shift_no = (int)d->col_int64(s, 7);
    t->window_start = (int)d->col_int64(s, 8);
    t->window_end = (int)d->col_int64(s, 9);
    t->ease = (int)d->col_int64(s, 10);
    t->residential_group = d->col_text(s, 11);
}

cccd_errc cccd_store_tickets_of_key(cccd_store *st, const char *home_key, cccd_ticket_cb cb,
                                    void *ctx, cccd_err *err) {
    store_stmt *s = NULL;
    bool row;
    cccd_errc rc = store_stmt_get(st, SLOT_OF_KEY,
                                  "SELECT " TICKET_COLS " FROM tickets WHERE home_key = $1"
                                  " ORDER BY personal_id",
                                  &s, err);
    if (rc == CCCD_OK)
        rc = st->drv->bind_text(s, 1, home_key, err);
    while (rc == CCCD_OK && (rc = st->drv->step(s, &row, err)) == CCCD_OK && row) {
        cccd_ticket t;
        read_ticket(st, s, &t);
        cb(ctx, &t);
    }
    st->drv->reset(s);
    return rc;
}

cccd_errc cccd_store_tickets_of_temporary(cccd_store *st, const char *temporary_key,
                                          cccd_ticket_cb cb, void *ctx, cccd_err *err) {
    store_stmt *s = NULL;
    bool row;
    cccd_errc rc = store_stmt_get(st, SLOT_OF_TEMPORARY,
                                  "SELECT " TICKET_COLS " FROM tickets WHERE personal_id IN"
                                  " (SELECT personal_id FROM citizens WHERE temporary_unit = $1"
                                  " AND temporary_unit IS NOT NULL) ORDER BY personal_id",
                                  &s, err);
    if (rc == CCCD_OK)
        rc = st->drv->bind_text(s, 1, temporary_key, err);
    while (rc == CCCD_OK && (rc = st->drv->step(s, &row, err)) == CCCD_OK && row) {
        cccd_ticket t;
        read_ticket(st, s, &t);
        cb(ctx, &t);
    }
    if (s)
        st->drv->reset(s);
    return rc;
}

cccd_errc cccd_store_tickets_at(cccd_store *st, int64_t point_id, int64_t from, int64_t to,
                                cccd_ticket_cb cb, void *ctx, cccd_err *err) {
    store_stmt *s = NULL;
    bool row;
    cccd_errc rc = store_stmt_get(st, SLOT_AT,
                                  "SELECT " TICKET_COLS " FROM tickets WHERE point_id = $1"
                                  " AND day BETWEEN $2 AND $3"
                                  " ORDER BY day, shift_no, window_start, plan_unit, seq",
                                  &s, err);
    if (rc == CCCD_OK && (rc = st->drv->bind_int64(s, 1, point_id, err)) == CCCD_OK &&
        (rc = st->drv->bind_int64(s, 2, from, err)) == CCCD_OK)
        rc = st->drv->bind_int64(s, 3, to, err);
    while (rc == CCCD_OK && (rc = st->drv->step(s, &row, err)) == CCCD_OK && row) {
        cccd_ticket t;
        read_ticket(st, s, &t);
        cb(ctx, &t);
    }
    st->drv->reset(s);
    return rc;
}

cccd_errc cccd_store_ticket_get(cccd_store *st, int64_t personal_id, cccd_ticket *t, bool *found,
                                cccd_err *err) {
    store_stmt *s = NULL;
    bool row = false;
    *found = false;
    cccd_errc rc = store_stmt_get(
        st, SLOT_GET, "SELECT " TICKET_COLS " FROM tickets WHERE personal_id = $1", &s, err);
    if (rc == CCCD_OK && (rc = st->drv->bind_int64(s, 1, personal_id, err)) == CCCD_OK &&
        (rc = st->drv->step(s, &row, err)) == CCCD_OK && row) {
        read_ticket(st, s, t);
        t->residential_group = NULL;
        *found = true;
    }
    st->drv->reset(s);
    return rc;
}

cccd_errc cccd_store_ticket_by_number(cccd_store *st, const char *ticket, cccd_ticket *t,
                                      char **full_name, bool *found, cccd_err *err) {
    store_stmt *s = NULL;
    bool row = false;
    *found = false;
    *full_name = NULL;
    /* a LEFT JOIN: a ticket whose holder left the registry is still found (its name "") */
    cccd_errc rc = store_stmt_get(st, SLOT_BY_NUMBER,
                                  "SELECT t.ticket, t.plan_unit, t.seq, t.personal_id, t.home_key,"
                                  " t.point_id, t.day, t.shift_no, t.window_start, t.window_end,"
                                  " t.ease, t.residential_group, COALESCE(c.full_name, '')"
                                  " FROM tickets t LEFT JOIN citizens c"
                                  " ON c.personal_id = t.personal_id WHERE t.ticket = $1",
                                  &s, err);
    if (rc == CCCD_OK && (rc = st->drv->bind_text(s, 1, ticket, err)) == CCCD_OK &&
        (rc = st->drv->step(s, &row, err)) == CCCD_OK && row) {
        read_ticket(st, s, t);
        t->residential_group = NULL;
        if ((*full_name = strdup(st->drv->col_text(s, 12))) == NULL)
            rc = cccd_err_set(err, CCCD_E_NOMEM, "ticket", "out of memory");
        else
            *found = true;
    }
    st->drv->reset(s);
    return rc;
}

cccd_errc cccd_store_ticket_holders_of_key(cccd_store *st, const char *home_key,
                                           cccd_ticket_holder_cb cb, void *ctx, cccd_err *err) {
    store_stmt *s = NULL;
    bool row;
    cccd_errc rc = store_stmt_get(st, SLOT_HOLDERS,
                                  "SELECT t.personal_id, c.full_name FROM tickets t"
                                  " JOIN citizens c ON c.personal_id = t.personal_id"
                                  " WHERE t.home_key = $1 ORDER BY t.personal_id",
                                  &s, err);
    if (rc == CCCD_OK)
        rc = st->drv->bind_text(s, 1, home_key, err);
    while (rc == CCCD_OK && (rc = st->drv->step(s, &row, err)) == CCCD_OK && row)
        cb(ctx, st->drv->col_int64(s, 0), st->drv->col_text(s, 1));
    st->drv->reset(s);
    return rc;
}
