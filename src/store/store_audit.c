/*
 * store_audit.c: the audit log's table and its head row (see store_audit.h). Appending reads
 * the head under the write lock (SQLite's write transaction; SELECT ... FOR UPDATE on
 * PostgreSQL, whose READ COMMITTED then hands the waiting appender the head its predecessor
 * committed), so concurrent appenders form one chain.
 */
#include <stdio.h>
#include <string.h>

#include "store/store_audit.h"
#include "store/store_internal.h"

enum {
    SLOT_HEAD = STORE_AUDIT_SLOT0,
    SLOT_HEAD_LOCK,
    SLOT_INSERT,
    SLOT_SET_HEAD,
    SLOT_SCAN,
};
_Static_assert((int)SLOT_SCAN < (int)STORE_POINTS_SLOT0,
               "store_audit.c has more statements than its slots");

#define SCAN_PAGE 10000 /* rows fetched per query while scanning (PostgreSQL holds a result) */

static cccd_errc read_head(cccd_store *st, bool lock, int64_t *seq, char hash[CCCD_AUDIT_HASH_LEN],
                           cccd_err *err) {
    bool pg = strcmp(st->drv->dialect, "postgresql") == 0;
    store_stmt *s = NULL;
    bool row = false;
    cccd_errc rc =
        lock && pg
            ? store_stmt_get(st, SLOT_HEAD_LOCK,
                             "SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE", &s, err)
            : store_stmt_get(st, SLOT_HEAD, "SELECT seq, hash FROM audit_head WHERE id = 1", &s,
                             err);
    if (rc == CCCD_OK)
        rc = st->drv->step(s, &row, err);
    if (rc == CCCD_OK && !row)
        rc = cccd_err_set(err, CCCD_E_STORE, "audit",
                          "audit: the audit log's head row is missing: the log was tampered with");
    if (rc == CCCD_OK) {
        *seq = st->drv->col_int64(s, 0);
        snprintf(hash, CCCD_AUDIT_HASH_LEN, "%s", st->drv->col_text(s, 1));
    }
    st->drv->reset(s);
    return rc;
}

cccd_errc cccd_store_audit_head(cccd_store *st, int64_t *seq, char hash[CCCD_AUDIT_HASH_LEN],
                                cccd_err *err) {
    return read_head(st, false, seq, hash, err);
}

cccd_errc cccd_store_audit_append(cccd_store *st, cccd_audit_entry *e, size_t n, cccd_err *err) {
    if (!st->in_txn)
        return cccd_err_set(err, CCCD_E_INTERNAL, "audit",
                            "audit entries are appended inside a write transaction");
    if (n == 0)
        return CCCD_OK;
    int64_t seq;
    char prev[CCCD_AUDIT_HASH_LEN];
    cccd_errc rc = read_head(st, true, &seq, prev, err);
    store_stmt *s = NULL;
    bool row;
    for (size_t i = 0; i < n && rc == CCCD_OK; i++) {
        e[i].seq = ++seq;
        memcpy(e[i].prev_hash, prev, sizeof prev);
        if ((rc = cccd_audit_hash(&e[i], err)) != CCCD_OK)
            break;
        memcpy(prev, e[i].hash, sizeof prev);
        rc = store_stmt_get(st, SLOT_INSERT,
                            "INSERT INTO audit_log (seq, at, actor, role, unit, action, target,"
                            " remote, detail, prev_hash, hash)"
                            " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                            &s, err);
        const char *text[] = {e[i].at,     e[i].actor,  e[i].role,   e[i].unit,      e[i].action,
                              e[i].target, e[i].remote, e[i].detail, e[i].prev_hash, e[i].hash};
        if (rc == CCCD_OK)
            rc = st->drv->bind_int64(s, 1, e[i].seq, err);
        for (int k = 0; k < 10 && rc == CCCD_OK; k++)
            rc = st->drv->bind_text(s, k + 2, text[k] ? text[k] : "", err);
        if (rc == CCCD_OK)
            rc = st->drv->step(s, &row, err);
        st->drv->reset(s);
    }
    if (rc == CCCD_OK)
        rc = store_stmt_get(st, SLOT_SET_HEAD,
                            "UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1", &s, err);
    if (rc == CCCD_OK && (rc = st->drv->bind_int64(s, 1, seq, err)) == CCCD_OK &&
        (rc = st->drv->bind_text(s, 2, prev, err)) == CCCD_OK)
        rc = st->drv->step(s, &row, err);
    st->drv->reset(s);
    return rc;
}

cccd_errc cccd_store_audit_scan(cccd_store *st, int64_t after, cccd_store_audit_cb cb, void *ctx,
                                cccd_err *err) {
    store_stmt *s = NULL;
    bool row, more = true;
    cccd_errc rc = CCCD_OK;
    /* a page at a time: a long log never sits whole in one result */
    while (rc == CCCD_OK && more) {
        int64_t got = 0;
        rc = store_stmt_get(st, SLOT_SCAN,
                            "SELECT seq, at, actor, role, unit, action, target, remote, detail,"
                            " prev_hash, hash FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2",
                            &s, err);
        if (rc == CCCD_OK && (rc = st->drv->bind_int64(s, 1, after, err)) == CCCD_OK)
            rc = st->drv->bind_int64(s, 2, SCAN_PAGE, err);
        while (rc == CCCD_OK && more && (rc = st->drv->step(s, &row, err)) == CCCD_OK && row) {
            cccd_audit_entry e = {0};
            e.seq = st->drv->col_int64(s, 0);
            e.at = st->drv->col_text(s, 1);
            e.actor = st->drv->col_text(s, 2);
            e.role = st->drv->col_text(s, 3);
            e.unit = st->drv->col_text(s, 4);
            e.action = st->drv->col_text(s, 5);
            e.target = st->drv->col_text(s, 6);
            e.remote = st->drv->col_text(s, 7);
            e.detail = st->drv->col_text(s, 8);
            snprintf(e.prev_hash, sizeof e.prev_hash, "%s", st->drv->col_text(s, 9));
            snprintf(e.hash, sizeof e.hash, "%s", st->drv->col_text(s, 10));
            after = e.seq;
            got++;
            more = cb(ctx, &e);
        }
        st->drv->reset(s);
        if (got < SCAN_PAGE)
            more = false;
    }
    return rc;
}
