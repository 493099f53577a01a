/*
 * driver_pg.c: the PostgreSQL backend of the store (see store_driver.h), over libpq.
 *
 * Statements are prepared on the server under generated names and run with text parameters;
 * a step walks the rows of the last result. Serialization failures and deadlocks (SQLSTATE
 * 40001, 40P01) are reported as CCCD_E_STORE_BUSY so the transaction runner retries them;
 * unique and foreign-key violations (class 23) as CCCD_E_STORE_CONSTRAINT.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libpq-fe.h>

#include "store/store_driver.h"

#define PG_MAX_PARAMS 64

struct store_conn {
    PGconn *pg;
    unsigned next_stmt; /* for statement names */
    char *line;         /* a COPY row being built (owned) */
    size_t cap;
};

struct store_stmt {
    store_conn *c;
    char name[24];
    int nparams;
    char *params[PG_MAX_PARAMS]; /* owned copies of bound values (NULL = SQL NULL) */
    PGresult *res;               /* the last result, owned */
    int row;                     /* the next row to hand out */
    bool started;
    int64_t changes;
};

static cccd_errc pg_result_err(store_conn *c, PGresult *r, const char *what, cccd_err *err) {
    const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    cccd_errc code = CCCD_E_STORE;
    if (state &&
        (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 || strcmp(state, "55P03") == 0))
        code = CCCD_E_STORE_BUSY;
    else if (state && strncmp(state, "23", 2) == 0)
        code = CCCD_E_STORE_CONSTRAINT;
    const char *msg = r ? PQresultErrorMessage(r) : PQerrorMessage(c->pg);
    /* one line: libpq messages end with a newline and may carry DETAIL lines */
    size_t n = strcspn(msg, "\n");
    return cccd_err_set(err, code, "database", "database: %s: %.*s", what, (int)n, msg);
}

static cccd_errc pg_exec(store_conn *c, const char *sql, cccd_err *err) {
    PGresult *r = PQexec(c->pg, sql);
    ExecStatusType st = PQresultStatus(r);
    cccd_errc e = CCCD_OK;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && st != PGRES_EMPTY_QUERY)
        e = pg_result_err(c, r, "exec", err);
    PQclear(r);
    return e;
}

static cccd_errc pg_open(const char *target, bool create, store_conn **out, cccd_err *err) {
    (void)create; /* the database must exist: a server's databases are made by its admin */
    store_conn *c = calloc(1, sizeof *c);
    if (c == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, "db", "out of memory");
    c->pg = PQconnectdb(target);
    if (PQstatus(c->pg) != CONNECTION_OK) {
        const char *msg = PQerrorMessage(c->pg);
        size_t n = strcspn(msg, "\n");
        cccd_err_set(err, CCCD_E_STORE, "db", "db: cannot connect to PostgreSQL: %.*s", (int)n,
                     msg);
        PQfinish(c->pg);
        free(c);
        return CCCD_E_STORE;
    }
    /* quiet notices ("relation already exists, skipping") and a stable, UTC session */
    cccd_errc e = pg_exec(c, "SET client_min_messages = warning; SET TIME ZONE 'UTC';", err);
    if (e != CCCD_OK) {
        PQfinish(c->pg);
        free(c);
        return e;
    }
    *out = c;
    return CCCD_OK;
}

static void pg_close(store_conn *c) {
    if (c == NULL)
        return;
    PQfinish(c->pg);
    free(c->line);
    free(c);
}

static cccd_errc pg_begin(store_conn *c, cccd_err *err) {
    return pg_exec(c, "BEGIN", err);
}

static cccd_errc pg_begin_read(store_conn *c, cccd_err *err) {
    return pg_exec(c, "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY", err);
}

static cccd_errc pg_commit(store_conn *c, cccd_err *err) {
    return pg_exec(c, "COMMIT", err);
}

static void pg_rollback(store_conn *c) {
    if (PQtransactionStatus(c->pg) != PQTRANS_IDLE) {
        PGresult *r = PQexec(c->pg, "ROLLBACK");
        PQclear(r);
    }
}

/* The highest $N in sql (outside quotes). */
static int count_params(const char *sql) {
    int max = 0;
    char quote = 0;
    for (const char *p = sql; *p; p++) {
        if (quote) {
            if (*p == quote)
                quote = 0;
        } else if (*p == '\'' || *p == '"') {
            quote = *p;
        } else if (*p == '$' && p[1] >= '0' && p[1] <= '9') {
            int n = atoi(p + 1);
            if (n > max)
                max = n;
        }
    }
    return max;
}

static cccd_errc pg_prepare(store_conn *c, const char *sql, store_stmt **out, cccd_err *err) {
    int np = count_params(sql);
    if (np > PG_MAX_PARAMS)
        return cccd_err_set(err, CCCD_E_INTERNAL, "database", "too many parameters (%d)", np);
    store_stmt *s = calloc(1, sizeof *s);
    if (s == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, "db", "out of memory");
    s->c = c;
    s->nparams = np;
    snprintf(s->name, sizeof s->name, "cccd_%u", c->next_stmt++);
    PGresult *r = PQprepare(c->pg, s->name, sql, np, NULL);
    if (PQresultStatus(r) != PGRES_COMMAND_OK) {
        cccd_errc e = pg_result_err(c, r, "prepare", err);
        PQclear(r);
        free(s);
        return e;
    }
    PQclear(r);
    *out = s;
    return CCCD_OK;
}

static void clear_params(store_stmt *s) {
    for (int i = 0; i < s->nparams; i++) {
        free(s->params[i]);
        s->params[i] = NULL;
    }
}

static void pg_reset(store_stmt *s) {
    if (s == NULL) /* a statement that failed to prepare */
        return;
    clear_params(s);
    PQclear(s->res);
    s->res = NULL;
    s->row = 0;
    s->started = false;
    s->changes = 0;
}

static void pg_finalize(store_stmt *s) {
    if (s == NULL)
        return;
    pg_reset(s);
    /* the server-side statement goes with the connection; deallocate it if still open */
    if (PQstatus(s->c->pg) == CONNECTION_OK && PQtransactionStatus(s->c->pg) == PQTRANS_IDLE) {
        char sql[64];
        snprintf(sql, sizeof sql, "DEALLOCATE %s", s->name);
        PQclear(PQexec(s->c->pg, sql));
    }
    free(s);
}

static cccd_errc set_param(store_stmt *s, int i, char *v, cccd_err *err) {
    if (i < 1 || i > s->nparams) {
        free(v);
        return cccd_err_set(err, CCCD_E_INTERNAL, "database", "parameter $%d out of range", i);
    }
    free(s->params[i - 1]);
    s->params[i - 1] = v;
    return CCCD_OK;
}

static cccd_errc pg_bind_text(store_stmt *s, int i, const char *v, cccd_err *err) {
    char *copy = NULL;
    if (v != NULL && (copy = strdup(v)) == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, "db", "out of memory");
    return set_param(s, i, copy, err);
}

static cccd_errc pg_bind_int64(store_stmt *s, int i, int64_t v, cccd_err *err) {
    char buf[24];
    snprintf(buf, sizeof buf, "%lld", (long long)v);
    char *copy = strdup(buf);
    if (copy == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, "db", "out of memory");
    return set_param(s, i, copy, err);
}

/* bytes travel as bytea's hex text form ("\\x0a1b..."): the statements stay all text */
static cccd_errc pg_bind_blob(store_stmt *s, int i, const void *v, size_t n, cccd_err *err) {
    static const char hex[] = "0123456789abcdef";
    char *t = malloc(2 * n + 3);
    if (t == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, "db", "out of memory");
    const unsigned char *b = v;
    t[0] = '\\';
    t[1] = 'x';
    for (size_t k = 0; k < n; k++) {
        t[2 + 2 * k] = hex[b[k] >> 4];
        t[3 + 2 * k] = hex[b[k] & 15];
    }
    t[2 + 2 * n] = '\0';
    return set_param(s, i, t, err);
}

static cccd_errc pg_bind_null(store_stmt *s, int i, cccd_err *err) {
    return set_param(s, i, NULL, err);
}

static cccd_errc pg_step(store_stmt *s, bool *row, cccd_err *err) {
    if (!s->started) {
        s->started = true;
        s->res = PQexecPrepared(s->c->pg, s->name, s->nparams, (const char *const *)s->params, NULL,
                                NULL, 0);
        ExecStatusType st = PQresultStatus(s->res);
        if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
            cccd_errc e = pg_result_err(s->c, s->res, "step", err);
            PQclear(s->res);
            s->res = NULL;
            s->started = false;
            *row = false;
            return e;
        }
        const char *ct = PQcmdTuples(s->res);
        s->changes = ct && *ct ? atoll(ct) : 0;
        s->row = -1;
    }
    s->row++;
    *row = s->res && s->row < PQntuples(s->res);
    return CCCD_OK;
}

static cccd_errc pg_col_blob(store_stmt *s, int col, unsigned char **out, size_t *n,
                             cccd_err *err) {
    *out = NULL;
    *n = 0;
    if (PQgetisnull(s->res, s->row, col))
        return CCCD_OK;
    size_t len = 0;
    unsigned char *b =
        PQunescapeBytea((const unsigned char *)PQgetvalue(s->res, s->row, col), &len);
    if (b == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, "db", "out of memory");
    *out = malloc(len ? len : 1);
    if (*out && len)
        memcpy(*out, b, len);
    PQfreemem(b);
    if (*out == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, "db", "out of memory");
    *n = len;
    return CCCD_OK;
}

static int64_t pg_changes(store_stmt *s) {
    return s->changes;
}

static bool pg_col_null(store_stmt *s, int col) {
    return PQgetisnull(s->res, s->row, col);
}

static const char *pg_col_text(store_stmt *s, int col) {
    return PQgetisnull(s->res, s->row, col) ? NULL : PQgetvalue(s->res, s->row, col);
}

static int64_t pg_col_int64(store_stmt *s, int col) {
    return PQgetisnull(s->res, s->row, col) ? 0 : atoll(PQgetvalue(s->res, s->row, col));
}

static cccd_errc pg_copy_begin(store_conn *c, const char *sql, cccd_err *err) {
    PGresult *r = PQexec(c->pg, sql);
    cccd_errc e = CCCD_OK;
    if (PQresultStatus(r) != PGRES_COPY_IN)
        e = pg_result_err(c, r, "copy", err);
    PQclear(r);
    return e;
}

/* Appends s[0..n) to the row line, growing it. */
static bool line_put(store_conn *c, size_t *len, const char *s, size_t n) {
    if (*len + n + 1 > c->cap) {
        size_t nc = c->cap ? c->cap : 1024;
        while (nc < *len + n + 1)
            nc *= 2;
        char *nl = realloc(c->line, nc);
        if (nl == NULL)
            return false;
        c->line = nl;
        c->cap = nc;
    }
    memcpy(c->line + *len, s, n);
    *len += n;
    return true;
}

static cccd_errc pg_copy_row(store_conn *c, int n, const char *const *text, const bool *is_int,
                             const int64_t *num, cccd_err *err) {
    size_t len = 0;
    bool ok = true;
    for (int i = 0; i < n && ok; i++) {
        if (i)
            ok = line_put(c, &len, "\t", 1);
        if (is_int[i]) {
            char b[24];
            int k = snprintf(b, sizeof b, "%lld", (long long)num[i]);
            ok = ok && line_put(c, &len, b, (size_t)k);
        } else if (text[i] == NULL) {
            ok = ok && line_put(c, &len, "\\N", 2);
        } else {
            /* the text format's escapes: backslash, tab, newline, carriage return */
            for (const char *p = text[i]; *p && ok; p++) {
                switch (*p) {
                    case '\\':
                        ok = line_put(c, &len, "\\\\", 2);
                        break;
                    case '\t':
                        ok = line_put(c, &len, "\\t", 2);
                        break;
                    case '\n':
                        ok = line_put(c, &len, "\\n", 2);
                        break;
                    case '\r':
                        ok = line_put(c, &len, "\\r", 2);
                        break;
                    default:
                        ok = line_put(c, &len, p, 1);
                }
            }
        }
    }
    ok = ok && line_put(c, &len, "\n", 1);
    if (!ok)
        return cccd_err_set(err, CCCD_E_NOMEM, "database", "out of memory");
    if (PQputCopyData(c->pg, c->line, (int)len) != 1)
        return pg_result_err(c, NULL, "copy", err);
    return CCCD_OK;
}

static cccd_errc pg_copy_end(store_conn *c, bool abort, cccd_err *err) {
    if (PQputCopyEnd(c->pg, abort ? "import aborted" : NULL) != 1)
        return pg_result_err(c, NULL, "copy", err);
    cccd_errc e = CCCD_OK;
    PGresult *r;
    while ((r = PQgetResult(c->pg)) != NULL) {
        if (e == CCCD_OK && !abort && PQresultStatus(r) != PGRES_COMMAND_OK)
            e = pg_result_err(c, r, "copy", err);
        PQclear(r);
    }
    return e;
}

static cccd_errc pg_pipeline_begin(store_conn *c, cccd_err *err) {
    if (PQenterPipelineMode(c->pg) != 1)
        return pg_result_err(c, NULL, "pipeline", err);
    return CCCD_OK;
}

static cccd_errc pg_pipeline_send(store_stmt *s, cccd_err *err) {
    int ok = PQsendQueryPrepared(s->c->pg, s->name, s->nparams, (const char *const *)s->params,
                                 NULL, NULL, 0);
    clear_params(s); /* libpq has copied them into its output buffer */
    return ok == 1 ? CCCD_OK : pg_result_err(s->c, NULL, "pipeline", err);
}

static cccd_errc pg_pipeline_end(store_conn *c, int64_t *changes, size_t n, cccd_err *err) {
    cccd_errc e = CCCD_OK;
    if (PQpipelineSync(c->pg) != 1)
        e = pg_result_err(c, NULL, "pipeline", err);
    /* each queued statement: its result, then NULL; then the sync's own result */
    for (size_t i = 0; i < n; i++) {
        PGresult *r = PQgetResult(c->pg);
        if (r == NULL) {
            if (e == CCCD_OK)
                e = pg_result_err(c, NULL, "pipeline", err);
            break;
        }
        ExecStatusType st = PQresultStatus(r);
        if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) {
            const char *ct = PQcmdTuples(r);
            changes[i] = ct && *ct ? atoll(ct) : 0;
        } else if (e == CCCD_OK && st != PGRES_PIPELINE_ABORTED) {
            e = pg_result_err(c, r, "pipeline", err);
        }
        PQclear(r);
        PQclear(PQgetResult(c->pg)); /* the NULL that ends this statement's results */
    }
    PGresult *r;
    while ((r = PQgetResult(c->pg)) != NULL) { /* up to the sync */
        bool sync = PQresultStatus(r) == PGRES_PIPELINE_SYNC;
        PQclear(r);
        if (sync)
            break;
    }
    if (PQexitPipelineMode(c->pg) != 1 && e == CCCD_OK)
        e = pg_result_err(c, NULL, "pipeline", err);
    return e;
}

const store_driver store_driver_pg = {
    .name = "postgresql",
    .dialect = "postgresql",
    .open = pg_open,
    .close = pg_close,
    .exec = pg_exec,
    .begin = pg_begin,
    .begin_read = pg_begin_read,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .prepare = pg_prepare,
    .finalize = pg_finalize,
    .bind_text = pg_bind_text,
    .bind_int64 = pg_bind_int64,
    .bind_null = pg_bind_null,
    .bind_blob = pg_bind_blob,
    .step = pg_step,
    .changes = pg_changes,
    .col_null = pg_col_null,
    .col_text = pg_col_text,
    .col_int64 = pg_col_int64,
    .col_blob = pg_col_blob,
    .reset = pg_reset,
    .copy_begin = pg_copy_begin,
    .copy_row = pg_copy_row,
    .copy_end = pg_copy_end,
    .pipeline_begin = pg_pipeline_begin,
    .pipeline_send = pg_pipeline_send,
    .pipeline_end = pg_pipeline_end,
};
