/*
 * store.c: opening a database by URL, the schema's migrations, transactions with retry, and
 * the prepared-statement cache (see store.h and store_internal.h).
 */
#include <stdio.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/store_internal.h"

void cccd_store_process_init(void) {
    store_sqlite_process_init();
}

static cccd_errc store_open(const char *url, bool create, cccd_store **out, cccd_err *err) {
    *out = NULL;
    if (url == NULL || url[0] == '\0')
        url = CCCD_STORE_DEFAULT_URL;
    const store_driver *drv;
    const char *target;
    if (strncmp(url, "sqlite:", 7) == 0) {
        drv = &store_driver_sqlite;
        target = url + 7;
        if (strncmp(target, "//", 2) == 0) /* sqlite:///abs/path */
            target += 2;
    } else if (strncmp(url, "postgresql://", 13) == 0 || strncmp(url, "postgres://", 11) == 0) {
        drv = &store_driver_pg;
        target = url;
    } else {
        return cccd_err_set(err, CCCD_E_STORE_URL, "db",
                            "db: '%.60s' is not a database URL (use sqlite:PATH or "
                            "postgresql://...)",
                            url);
    }
    cccd_store *st = calloc(1, sizeof *st);
    if (st == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, "db", "out of memory");
    st->drv = drv;
    st->reference_day = INT64_MIN;
    st->id_notes = -1;
    cccd_errc rc = drv->open(target, create, &st->conn, err);
    if (rc != CCCD_OK) {
        free(st);
        return rc;
    }
    *out = st;
    return CCCD_OK;
}

cccd_errc cccd_store_open(const char *url, cccd_store **out, cccd_err *err) {
    return store_open(url, true, out, err);
}

cccd_errc cccd_store_open_existing(const char *url, cccd_store **out, cccd_err *err) {
    return store_open(url, false, out, err);
}

void cccd_store_close(cccd_store *st) {
    if (st == NULL)
        return;
    /* an open COPY ends, and pending counters go, before the connection does */
    store_bulk_discard(st);
    store_counts_discard(st);
    if (st->in_txn)
        st->drv->rollback(st->conn);
    for (int i = 0; i < STORE_SLOT_MAX; i++) {
        st->drv->finalize(st->stmts[i]);
        free(st->stmt_sql[i]);
    }
    st->drv->close(st->conn);
    free(st->pending);
    free(st);
}

const char *cccd_store_backend(const cccd_store *st) {
    return st->drv->name;
}

cccd_errc store_stmt_get(cccd_store *st, int slot, const char *sql, store_stmt **out,
                         cccd_err *err) {
    if (slot < 0 || slot >= STORE_SLOT_MAX)
        return cccd_err_set(err, CCCD_E_INTERNAL, "database", "statement slot %d", slot);
    if (st->stmts[slot] == NULL) {
        if ((st->stmt_sql[slot] = strdup(sql)) == NULL)
            return cccd_err_set(err, CCCD_E_NOMEM, "database", "out of memory");
        cccd_errc rc = st->drv->prepare(st->conn, sql, &st->stmts[slot], err);
        if (rc != CCCD_OK) {
            free(st->stmt_sql[slot]);
            st->stmt_sql[slot] = NULL;
            return rc;
        }
        st->stmt_seen[slot] = sql;
    } else {
        /* two store files sharing a slot would run each other's statement: refuse it */
        if (sql != st->stmt_seen[slot]) {
            if (strcmp(sql, st->stmt_sql[slot]) != 0)
                return cccd_err_set(err, CCCD_E_INTERNAL, "database",
                                    "statement slot %d holds another statement", slot);
            st->stmt_seen[slot] = sql;
        }
        st->drv->reset(st->stmts[slot]);
    }
    *out = st->stmts[slot];
    return CCCD_OK;
}

int cccd_store_schema_latest(void) {
    int n_sqlite = 0, n_pg = 0;
    const store_migration *a = store_migrations("sqlite", &n_sqlite);
    const store_migration *b = store_migrations("postgresql", &n_pg);
    int va = n_sqlite ? a[n_sqlite - 1].version : 0;
    int vb = n_pg ? b[n_pg - 1].version : 0;
    return va > vb ? va : vb;
}

cccd_errc cccd_store_schema_version(cccd_store *st, int *version, cccd_err *err) {
    *version = 0;
    /* the bookkeeping table is created by migration 1; an empty database has none. Creating it
     * here (idempotent) keeps the question answerable on both backends the same way. */
    cccd_errc rc = st->drv->exec(st->conn,
                                 "CREATE TABLE IF NOT EXISTS schema_migrations ("
                                 " version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                                 " applied_at TEXT NOT NULL)",
                                 err);
    if (rc != CCCD_OK)
        return rc;
    store_stmt *s = NULL;
    rc = store_stmt_get(st, SLOT_SCHEMA_VERSION,
                        "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", &s, err);
    if (rc != CCCD_OK)
        return rc;
    bool row;
    rc = st->drv->step(s, &row, err);
    if (rc == CCCD_OK && row)
        *version = (int)st->drv->col_int64(s, 0);
    st->drv->reset(s);
    return rc;
}

void store_utc_now(char buf[32]) {
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

cccd_errc cccd_store_migrate(cccd_store *st, int *from, int *to, cccd_err *err) {
    int n = 0, current = 0;
    const store_migration *m = store_migrations(st->drv->dialect, &n);
    cccd_errc rc = cccd_store_schema_version(st, &current, err);
    if (rc != CCCD_OK)
        return rc;
    if (from)
        *from = current;
    if (to)
        *to = current;
    int latest = n ? m[n - 1].version : 0;
    if (current > latest)
        return cccd_err_set(err, CCCD_E_STORE_NEWER, "db",
                            "db: the database's schema is version %d, newer than this cccd "
                            "knows (%d): use a newer cccd; nothing was changed",
                            current, latest);
    for (int i = 0; i < n; i++) {
        if (m[i].version <= current)
            continue;
        rc = cccd_store_begin(st, err);
        if (rc != CCCD_OK)
            return rc;
        rc = st->drv->exec(st->conn, m[i].sql, err);
        if (rc == CCCD_OK) {
            store_stmt *s = NULL;
            rc = store_stmt_get(st, SLOT_MIGRATION_RECORD,
                                "INSERT INTO schema_migrations (version, name, applied_at) "
                                "VALUES ($1, $2, $3)",
                                &s, err);
            char now[32];
            store_utc_now(now);
            bool row;
            if (rc == CCCD_OK && (rc = st->drv->bind_int64(s, 1, m[i].version, err)) == CCCD_OK &&
                (rc = st->drv->bind_text(s, 2, m[i].name, err)) == CCCD_OK &&
                (rc = st->drv->bind_text(s, 3, now, err)) == CCCD_OK)
                rc = st->drv->step(s, &row, err);
        }
        if (rc != CCCD_OK) {
            cccd_store_rollback(st);
            char msg[sizeof err->msg];
            snprintf(msg, sizeof msg, "migration %04d %.30s: %.200s", m[i].version, m[i].name,
                     err->msg);
            snprintf(err->msg, sizeof err->msg, "%s", msg);
            return rc;
        }
        rc = cccd_store_commit(st, err);
        if (rc != CCCD_OK)
            return rc;
        if (to)
            *to = m[i].version;
    }
    return CCCD_OK;
}

cccd_errc cccd_store_check(cccd_store *st, cccd_err *err) {
    int v;
    cccd_errc rc = cccd_store_schema_version(st, &v, err);
    if (rc != CCCD_OK)
        return rc;
    int latest = cccd_store_schema_latest();
    if (v > latest)
        return cccd_err_set(err, CCCD_E_STORE_NEWER, "db",
                            "db: the database's schema is version %d, newer than this cccd "
                            "knows (%d): use a newer cccd",
                            v, latest);
    if (v < latest)
        return cccd_err_set(err, CCCD_E_STORE_SCHEMA, "db",
                            v == 0 ? "db: the database is empty: run cccd init first"
                                   : "db: the database's schema is version %d, older than %d: "
                                     "run cccd init to upgrade it",
                            v, latest);
    return CCCD_OK;
}

cccd_errc cccd_store_begin(cccd_store *st, cccd_err *err) {
    if (st->in_txn)
        return cccd_err_set(err, CCCD_E_INTERNAL, "database", "a transaction is already open");
    cccd_errc rc = st->drv->begin(st->conn, err);
    if (rc == CCCD_OK)
        st->in_txn = true;
    st->reference_day = INT64_MIN;
    st->id_notes = -1;
    store_utc_now(st->txn_now);
    store_counts_discard(st);
    return rc;
}

cccd_errc cccd_store_begin_read(cccd_store *st, cccd_err *err) {
    if (st->in_txn)
        return cccd_err_set(err, CCCD_E_INTERNAL, "database", "a transaction is already open");
    cccd_errc rc = st->drv->begin_read(st->conn, err);
    if (rc == CCCD_OK)
        st->in_txn = true;
    st->reference_day = INT64_MIN;
    st->id_notes = -1;
    return rc;
}

cccd_errc cccd_store_commit(cccd_store *st, cccd_err *err) {
    /* the counters move in the same transaction as the changes they count */
    cccd_errc rc = store_counts_flush(st, err);
    if (rc == CCCD_OK)
        rc = st->drv->commit(st->conn, err);
    if (rc != CCCD_OK)
        st->drv->rollback(st->conn);
    st->in_txn = false;
    st->reference_day = INT64_MIN;
    st->id_notes = -1;
    return rc;
}

void cccd_store_rollback(cccd_store *st) {
    store_counts_discard(st);
    store_bulk_discard(st);
    st->drv->rollback(st->conn);
    st->in_txn = false;
    st->reference_day = INT64_MIN;
    st->id_notes = -1;
}

cccd_errc cccd_store_transaction(cccd_store *st, cccd_store_txn_fn fn, void *ctx, cccd_err *err) {
    /* inside the caller's open transaction: part of it */
    if (st->in_txn)
        return fn(st, ctx, err);
    /* a server's connection hands its writes to the group writer (store_group.c) */
    if (st->group)
        return store_group_run(st->group, fn, ctx, err);
    cccd_errc rc = CCCD_OK;
    for (int attempt = 0; attempt < 8; attempt++) {
        if (attempt > 0) {
            /* back off 5, 10, 20 ... ms before trying again */
            struct timespec ts = {0, (long)(5000000L << (attempt - 1))};
            nanosleep(&ts, NULL);
        }
        rc = cccd_store_begin(st, err);
        if (rc == CCCD_OK)
            rc = fn(st, ctx, err);
        if (rc == CCCD_OK)
            rc = cccd_store_commit(st, err);
        else if (st->in_txn)
            cccd_store_rollback(st);
        if (rc != CCCD_E_STORE_BUSY)
            return rc;
    }
    return rc;
}

cccd_errc store_bindf(cccd_store *st, store_stmt *s, cccd_err *err, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    cccd_errc rc = CCCD_OK;
    for (int i = 0; fmt[i] && rc == CCCD_OK; i++) {
        if (fmt[i] == 't') {
            const char *v = va_arg(ap, const char *);
            rc = v ? st->drv->bind_text(s, i + 1, v, err) : st->drv->bind_null(s, i + 1, err);
        } else {
            int64_t v = va_arg(ap, int64_t);
            rc = fmt[i] == 'z' && v == 0 ? st->drv->bind_null(s, i + 1, err)
                                         : st->drv->bind_int64(s, i + 1, v, err);
        }
    }
    va_end(ap);
    return rc;
}
