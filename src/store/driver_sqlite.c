/*
 * driver_sqlite.c: the SQLite backend of the store (see store_driver.h).
 *
 * The embedded default: one file, WAL journal (readers never block the writer), foreign keys
 * enforced, synchronous=FULL so a committed transaction survives a power cut, a busy timeout so
 * concurrent writers wait instead of failing, and prepared statements throughout.
 */
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>

#include "store/store_driver.h"

struct store_conn {
    sqlite3 *db;
};

struct store_stmt {
    sqlite3_stmt *s;
    store_conn *c;
    int last_rc;  /* result of the last sqlite3_step */
    bool started; /* stepped since the last reset */
    int64_t changes;
};

static cccd_errc sqlite_err(sqlite3 *db, int rc, const char *what, cccd_err *err) {
    int base = rc & 0xff;
    cccd_errc code = base == SQLITE_BUSY || base == SQLITE_LOCKED ? CCCD_E_STORE_BUSY
                     : base == SQLITE_CONSTRAINT                  ? CCCD_E_STORE_CONSTRAINT
                                                                  : CCCD_E_STORE;
    return cccd_err_set(err, code, "database", "database: %s: %s", what,
                        db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
}

static cccd_errc sq_exec(store_conn *c, const char *sql, cccd_err *err) {
    int rc = sqlite3_exec(c->db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? CCCD_OK : sqlite_err(c->db, rc, "exec", err);
}

static cccd_errc sq_open(const char *target, bool create, store_conn **out, cccd_err *err) {
    if (target == NULL || target[0] == '\0')
        return cccd_err_set(err, CCCD_E_STORE_URL, "db", "db: sqlite: needs a file name");
    store_conn *c = calloc(1, sizeof *c);
    if (c == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, "db", "out of memory");
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
    int rc = sqlite3_open_v2(target, &c->db, flags, NULL);
    if (rc == SQLITE_CANTOPEN && !create) {
        cccd_err_set(err, CCCD_E_STORE_SCHEMA, "db",
                     "db: no database at %s: create it with cccd init --db sqlite:%s", target,
                     target);
        sqlite3_close(c->db);
        free(c);
        return CCCD_E_STORE_SCHEMA;
    }
    if (rc != SQLITE_OK) {
        cccd_err_set(err, CCCD_E_STORE, "db", "db: cannot open %s: %s", target,
                     c->db ? sqlite3_errmsg(c->db) : sqlite3_errstr(rc));
        sqlite3_close(c->db);
        free(c);
        return CCCD_E_STORE;
    }
    sqlite3_busy_timeout(c->db, 10000);
    cccd_errc e = sq_exec(c,
                          "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; "
                          "PRAGMA synchronous=FULL; PRAGMA cache_size=-262144;",
                          err);
    if (e != CCCD_OK) {
        sqlite3_close(c->db);
        free(c);
        return e;
    }
    *out = c;
    return CCCD_OK;
}

static void sq_close(store_conn *c) {
    if (c == NULL)
        return;
    sqlite3_close(c->db);
    free(c);
}

static cccd_errc sq_begin(store_conn *c, cccd_err *err) {
    /* IMMEDIATE takes the write lock now, so a busy database fails here, not mid-way */
    return sq_exec(c, "BEGIN IMMEDIATE", err);
}

static cccd_errc sq_begin_read(store_conn *c, cccd_err *err) {
    /* a deferred transaction reads one snapshot of the WAL */
    return sq_exec(c, "BEGIN", err);
}

static cccd_errc sq_commit(store_conn *c, cccd_err *err) {
    return sq_exec(c, "COMMIT", err);
}

static void sq_rollback(store_conn *c) {
    if (!sqlite3_get_autocommit(c->db))
        sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
}

/* $1 -> ?1 outside quoted strings and identifiers. Returns a new string (caller frees). */
static char *map_params(const char *sql) {
    size_t n = strlen(sql);
    char *out = malloc(n + 1);
    if (out == NULL)
        return NULL;
    char quote = 0;
    for (size_t i = 0; i <= n; i++) {
        char ch = sql[i];
        if (quote) {
            if (ch == quote)
                quote = 0;
        } else if (ch == '\'' || ch == '"') {
            quote = ch;
        } else if (ch == '$' && i + 1 < n && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
            ch = '?';
        }
        out[i] = ch;
    }
    return out;
}

static cccd_errc sq_prepare(store_conn *c, const char *sql, store_stmt **out, cccd_err *err) {
    char *mapped = map_params(sql);
    if (mapped == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, "db", "out of memory");
    store_stmt *s = calloc(1, sizeof *s);
    if (s == NULL) {
        free(mapped);
        return cccd_err_set(err, CCCD_E_NOMEM, "db", "out of memory");
    }
    int rc = sqlite3_prepare_v3(c->db, mapped, -1, SQLITE_PREPARE_PERSISTENT, &s->s, NULL);
    free(mapped);
    if (rc != SQLITE_OK) {
        free(s);
        return sqlite_err(c->db, rc, "prepare", err);
    }
    s->c = c;
    *out = s;
    return CCCD_OK;
}

static void sq_finalize(store_stmt *s) {
    if (s == NULL)
        return;
    sqlite3_finalize(s->s);
    free(s);
}

static cccd_errc sq_bind_text(store_stmt *s, int i, const char *v, cccd_err *err) {
    /* the caller keeps v until the step: no copy */
    int rc = v ? sqlite3_bind_text(s->s, i, v, -1, SQLITE_STATIC) : sqlite3_bind_null(s->s, i);
    return rc == SQLITE_OK ? CCCD_OK : sqlite_err(s->c->db, rc, "bind", err);
}

static cccd_errc sq_bind_blob(store_stmt *s, int i, const void *v, size_t n, cccd_err *err) {
    int rc = sqlite3_bind_blob64(s->s, i, v ? v : "", (sqlite3_uint64)n, SQLITE_STATIC);
    return rc == SQLITE_OK ? CCCD_OK : sqlite_err(s->c->db, rc, "bind", err);
}

static cccd_errc sq_bind_int64(store_stmt *s, int i, int64_t v, cccd_err *err) {
    int rc = sqlite3_bind_int64(s->s, i, v);
    return rc == SQLITE_OK ? CCCD_OK : sqlite_err(s->c->db, rc, "bind", err);
}

static cccd_errc sq_bind_null(store_stmt *s, int i, cccd_err *err) {
    int rc = sqlite3_bind_null(s->s, i);
    return rc == SQLITE_OK ? CCCD_OK : sqlite_err(s->c->db, rc, "bind", err);
}

static cccd_errc sq_step(store_stmt *s, bool *row, cccd_err *err) {
    if (s->started && s->last_rc == SQLITE_DONE) {
        *row = false;
        return CCCD_OK;
    }
    int rc = sqlite3_step(s->s);
    s->started = true;
    s->last_rc = rc;
    if (rc == SQLITE_ROW) {
        *row = true;
        return CCCD_OK;
    }
    if (rc == SQLITE_DONE) {
        s->changes = sqlite3_changes64(s->c->db);
        *row = false;
        return CCCD_OK;
    }
    *row = false;
    cccd_errc e = sqlite_err(s->c->db, rc, "step", err);
    sqlite3_reset(s->s);
    s->started = false;
    return e;
}

static int64_t sq_changes(store_stmt *s) {
    return s->changes;
}

static bool sq_col_null(store_stmt *s, int col) {
    return sqlite3_column_type(s->s, col) == SQLITE_NULL;
}

static const char *sq_col_text(store_stmt *s, int col) {
    return (const char *)sqlite3_column_text(s->s, col);
}

static int64_t sq_col_int64(store_stmt *s, int col) {
    return sqlite3_column_int64(s->s, col);
}

static cccd_errc sq_col_blob(store_stmt *s, int col, unsigned char **out, size_t *n,
                             cccd_err *err) {
    *out = NULL;
    *n = 0;
    if (sqlite3_column_type(s->s, col) == SQLITE_NULL)
        return CCCD_OK;
    const void *v = sqlite3_column_blob(s->s, col);
    size_t len = (size_t)sqlite3_column_bytes(s->s, col);
    if ((*out = malloc(len ? len : 1)) == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, "db", "out of memory");
    if (len)
        memcpy(*out, v, len);
    *n = len;
    return CCCD_OK;
}

static void sq_reset(store_stmt *s) {
    if (s == NULL) /* a statement that failed to prepare */
        return;
    sqlite3_reset(s->s);
    sqlite3_clear_bindings(s->s);
    s->started = false;
    s->last_rc = 0;
    s->changes = 0;
}

void store_sqlite_process_init(void) {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

const store_driver store_driver_sqlite = {
    .name = "sqlite",
    .dialect = "sqlite",
    .open = sq_open,
    .close = sq_close,
    .exec = sq_exec,
    .begin = sq_begin,
    .begin_read = sq_begin_read,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .prepare = sq_prepare,
    .finalize = sq_finalize,
    .bind_text = sq_bind_text,
    .bind_int64 = sq_bind_int64,
    .bind_null = sq_bind_null,
    .bind_blob = sq_bind_blob,
    .step = sq_step,
    .changes = sq_changes,
    .col_null = sq_col_null,
    .col_text = sq_col_text,
    .col_int64 = sq_col_int64,
    .col_blob = sq_col_blob,
    .reset = sq_reset,
};
