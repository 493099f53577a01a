/*
 * store_advice.c: advice proposals and neighbouring provinces in the database (see
 * store_advice.h). Both dialects run the same statements.
 */
#include "store/store_advice.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"

enum {
    SLOT_REPLACE_OPEN = STORE_ADVICE_SLOT0,
    SLOT_INSERT,
    SLOT_GET,
    SLOT_DECIDE,
    SLOT_NB_CLEAR,
    SLOT_NB_ADD,
    SLOT_NB_OF,
    SLOT__END
};
_Static_assert((int)SLOT__END <= (int)STORE_SLOT_MAX, "store_advice.c: raise STORE_SLOT_MAX");

typedef struct replace_ctx {
    const char *unit_key;
    cccd_advice_row *rows;
    size_t n;
} replace_ctx;

static cccd_errc replace_txn(cccd_store *st, void *ctx, cccd_err *err) {
    replace_ctx *c = ctx;
    const store_driver *d = st->drv;
    store_stmt *s = NULL;
    bool row = false;
    cccd_errc rc = store_stmt_get(st, SLOT_REPLACE_OPEN,
                                  "UPDATE advice_proposals SET state = 'replaced'"
                                  " WHERE unit_key = $1 AND state = 'proposed'",
                                  &s, err);
    if (rc == CCCD_OK && (rc = store_bindf(st, s, err, "t", c->unit_key)) == CCCD_OK)
        rc = d->step(s, &row, err);
    if (s)
        d->reset(s);
    for (size_t i = 0; rc == CCCD_OK && i < c->n; i++) {
        cccd_advice_row *r = &c->rows[i];
        snprintf(r->state, sizeof r->state, "proposed");
        rc = store_stmt_get(st, SLOT_INSERT,
                            "INSERT INTO advice_proposals (unit_key, made_day, made_at, kind,"
                            " from_key, to_key, serial, username, staff_id, to_point, reason,"
                            " numbers, state) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10,"
                            " $11, $12, 'proposed') RETURNING id",
                            &s, err);
        row = false;
        if (rc == CCCD_OK &&
            (rc = store_bindf(st, s, err, "tiitttttiitt", c->unit_key, r->made_day, r->made_at,
                              r->kind, r->from_key, r->to_key, r->serial, r->username, r->staff_id,
                              r->to_point, r->reason, r->numbers)) == CCCD_OK)
            rc = d->step(s, &row, err);
        if (rc == CCCD_OK && row)
            r->id = d->col_int64(s, 0);
        if (s)
            d->reset(s);
    }
    return rc;
}

cccd_errc cccd_store_advice_replace(cccd_store *st, const char *unit_key, cccd_advice_row *rows,
                                    size_t n, cccd_err *err) {
    replace_ctx c = {unit_key, rows, n};
    return cccd_store_transaction(st, replace_txn, &c, err);
}

static void copy(char *dst, size_t n, const char *src) {
    snprintf(dst, n, "%s", src ? src : "");
}

cccd_errc cccd_store_advice_get(cccd_store *st, int64_t id, cccd_advice_row *out, cccd_err *err) {
    const store_driver *d = st->drv;
    store_stmt *s = NULL;
    bool row = false;
    memset(out, 0, sizeof *out);
    cccd_errc rc = store_stmt_get(
        st, SLOT_GET,
        "SELECT id, unit_key, made_day, made_at, kind, from_key, to_key, serial, username,"
        " staff_id, to_point, reason, numbers, state, decided_by, decided_at"
        " FROM advice_proposals WHERE id = $1",
        &s, err);
    if (rc == CCCD_OK && (rc = store_bindf(st, s, err, "i", id)) == CCCD_OK)
        rc = d->step(s, &row, err);
    if (rc == CCCD_OK && row) {
        out->id = d->col_int64(s, 0);
        copy(out->unit_key, sizeof out->unit_key, d->col_text(s, 1));
        out->made_day = d->col_int64(s, 2);
        out->made_at = d->col_int64(s, 3);
        copy(out->kind, sizeof out->kind, d->col_text(s, 4));
        copy(out->from_key, sizeof out->from_key, d->col_text(s, 5));
        copy(out->to_key, sizeof out->to_key, d->col_text(s, 6));
        copy(out->serial, sizeof out->serial, d->col_text(s, 7));
        copy(out->username, sizeof out->username, d->col_text(s, 8));
        out->staff_id = d->col_int64(s, 9);
        out->to_point = d->col_int64(s, 10);
        copy(out->reason, sizeof out->reason, d->col_text(s, 11));
        copy(out->numbers, sizeof out->numbers, d->col_text(s, 12));
        copy(out->state, sizeof out->state, d->col_text(s, 13));
        copy(out->decided_by, sizeof out->decided_by, d->col_text(s, 14));
        out->decided_at = d->col_int64(s, 15);
    }
    if (s)
        d->reset(s);
    if (rc == CCCD_OK && !row)
        rc = cccd_err_set(err, CCCD_E_ADVICE_UNKNOWN, "id", "id: there is no proposal %lld",
                          (long long)id);
    return rc;
}

cccd_errc cccd_store_advice_decide(cccd_store *st, int64_t id, const char *state, const char *by,
                                   int64_t at, cccd_err *err) {
    const store_driver *d = st->drv;
    store_stmt *s = NULL;
    bool row = false;
    cccd_errc rc = store_stmt_get(st, SLOT_DECIDE,
                                  "UPDATE advice_proposals SET state = $2, decided_by = $3,"
                                  " decided_at = $4 WHERE id = $1 AND state = 'proposed'"
                                  " RETURNING id",
                                  &s, err);
    if (rc == CCCD_OK && (rc = store_bindf(st, s, err, "itti", id, state, by, at)) == CCCD_OK)
        rc = d->step(s, &row, err);
    if (s)
        d->reset(s);
    if (rc == CCCD_OK && !row)
        rc = cccd_err_set(err, CCCD_E_ADVICE_DECIDED, "id",
                          "id: proposal %lld is not open: it was accepted, dismissed or "
                          "replaced by a newer advice",
                          (long long)id);
    return rc;
}

typedef struct nb_ctx {
    const char (*a)[6];
    const char (*b)[6];
    size_t n;
} nb_ctx;

static cccd_errc nb_txn(cccd_store *st, void *ctx, cccd_err *err) {
    nb_ctx *c = ctx;
    const store_driver *d = st->drv;
    store_stmt *s = NULL;
    bool row = false;
    cccd_errc rc = store_stmt_get(st, SLOT_NB_CLEAR, "DELETE FROM province_neighbours", &s, err);
    if (rc == CCCD_OK)
        rc = d->step(s, &row, err);
    if (s)
        d->reset(s);
    for (size_t i = 0; rc == CCCD_OK && i < c->n; i++) {
        int cmp = strcmp(c->a[i], c->b[i]);
        if (cmp == 0)
            return cccd_err_set(err, CCCD_E_ARG, "pair",
                                "pair %zu: a province is not its own "
                                "neighbour (%s)",
                                i + 1, c->a[i]);
        rc = store_stmt_get(st, SLOT_NB_ADD,
                            "INSERT INTO province_neighbours (a, b) VALUES ($1, $2)"
                            " ON CONFLICT (a, b) DO NOTHING",
                            &s, err);
        if (rc == CCCD_OK && (rc = store_bindf(st, s, err, "tt", cmp < 0 ? c->a[i] : c->b[i],
                                               cmp < 0 ? c->b[i] : c->a[i])) == CCCD_OK)
            rc = d->step(s, &row, err);
        if (s)
            d->reset(s);
    }
    return rc;
}

cccd_errc cccd_store_neighbours_replace(cccd_store *st, const char (*a)[6], const char (*b)[6],
                                        size_t n, cccd_err *err) {
    nb_ctx c = {a, b, n};
    return cccd_store_transaction(st, nb_txn, &c, err);
}

cccd_errc cccd_store_neighbours_of(cccd_store *st, const char *code, char (**out)[6], size_t *n,
                                   cccd_err *err) {
    const store_driver *d = st->drv;
    store_stmt *s = NULL;
    bool row = false;
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    cccd_errc rc = store_stmt_get(st, SLOT_NB_OF,
                                  "SELECT b FROM province_neighbours WHERE a = $1 UNION"
                                  " SELECT a FROM province_neighbours WHERE b = $1 ORDER BY 1",
                                  &s, err);
    if (rc == CCCD_OK)
        rc = store_bindf(st, s, err, "t", code);
    while (rc == CCCD_OK && (rc = d->step(s, &row, err)) == CCCD_OK && row) {
        if (*n == cap) {
            size_t nc = cap ? 2 * cap : 8;
            char(*nv)[6] = realloc(*out, nc * sizeof *nv);
            if (nv == NULL) {
                rc = cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory");
                break;
            }
            *out = nv;
            cap = nc;
        }
        copy((*out)[*n], 6, d->col_text(s, 0));
        (*n)++;
    }
    if (s)
        d->reset(s);
    if (rc != CCCD_OK) {
        free(*out);
        *out = NULL;
        *n = 0;
    }
    return rc;
}
