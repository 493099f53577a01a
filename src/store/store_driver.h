/*
 * store_driver.h: what a database backend provides to the store (internal to src/store).
 *
 * The store's operations are written once, in SQL that both SQLite and PostgreSQL accept, over
 * the small statement interface below; each backend (driver_sqlite.c, driver_pg.c) implements
 * it. Parameters are written $1, $2, ... in every SQL text (the SQLite driver maps them to
 * ?1, ?2). Columns are numbered from 0, parameters from 1.
 */
#ifndef CCCD_STORE_DRIVER_H
#define CCCD_STORE_DRIVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

typedef struct store_conn store_conn; /* a backend's connection */
typedef struct store_stmt store_stmt; /* a backend's prepared statement */

typedef struct store_driver {
    const char *name;    /* "sqlite", "postgresql" */
    const char *dialect; /* the migrations directory: "sqlite", "postgresql" */
    /* target: the URL without "sqlite:" for SQLite, the whole URL for PostgreSQL; create:
     * make the SQLite file when missing (PostgreSQL databases are never created here) */
    cccd_errc (*open)(const char *target, bool create, store_conn **out, cccd_err *err);
    void (*close)(store_conn *c);
    /* runs a script of one or more statements with no parameters and no result */
    cccd_errc (*exec)(store_conn *c, const char *sql, cccd_err *err);
    cccd_errc (*begin)(store_conn *c, cccd_err *err);
    /* a read-only transaction: its reads see one snapshot, and it takes no write lock */
    cccd_errc (*begin_read)(store_conn *c, cccd_err *err);
    cccd_errc (*commit)(store_conn *c, cccd_err *err);
    void (*rollback)(store_conn *c);
    /* statements: prepared once, then bind / step... / reset, many times */
    cccd_errc (*prepare)(store_conn *c, const char *sql, store_stmt **out, cccd_err *err);
    void (*finalize)(store_stmt *s);
    /* v is borrowed until the statement is next stepped or reset (NULL: SQL NULL) */
    cccd_errc (*bind_text)(store_stmt *s, int i, const char *v, cccd_err *err);
    cccd_errc (*bind_int64)(store_stmt *s, int i, int64_t v, cccd_err *err);
    cccd_errc (*bind_null)(store_stmt *s, int i, cccd_err *err);
    /* opaque bytes v[0..n) (a BLOB / BYTEA column), borrowed until the next step or reset */
    cccd_errc (*bind_blob)(store_stmt *s, int i, const void *v, size_t n, cccd_err *err);
    /* the first step runs the statement; *row tells whether a result row is available */
    cccd_errc (*step)(store_stmt *s, bool *row, cccd_err *err);
    int64_t (*changes)(store_stmt *s); /* rows changed by the last run of s */
    bool (*col_null)(store_stmt *s, int col);
    const char *(*col_text)(store_stmt *s, int col); /* borrowed until the next step/reset */
    int64_t (*col_int64)(store_stmt *s, int col);
    /* a BLOB / BYTEA column as a copy owned by the caller (free): *out NULL, *n 0 for NULL */
    cccd_errc (*col_blob)(store_stmt *s, int col, unsigned char **out, size_t *n, cccd_err *err);
    /* clears bindings and results: ready for the next run (NULL accepted: nothing to do) */
    void (*reset)(store_stmt *s);
    /* Optional (NULL when the backend has none): a stream of rows into a table, for bulk
     * loads. copy_begin runs a "COPY table (columns) FROM STDIN"; copy_row sends one row of n
     * values (text[i], or num[i] when is_int[i]; text NULL and not is_int: SQL NULL);
     * copy_end finishes the stream (abort: discards it, the transaction then fails). While a
     * copy is open no other statement may run on the connection. */
    cccd_errc (*copy_begin)(store_conn *c, const char *sql, cccd_err *err);
    cccd_errc (*copy_row)(store_conn *c, int n, const char *const *text, const bool *is_int,
                          const int64_t *num, cccd_err *err);
    cccd_errc (*copy_end)(store_conn *c, bool abort, cccd_err *err);
    /* Optional: pipelining. Between pipeline_begin and pipeline_end, pipeline_send queues the
     * statement with its current bindings (then cleared) without waiting for its result;
     * pipeline_end waits for the n queued results in order and gives the rows each changed.
     * After an error the rest of the queue is skipped and the first error returned. */
    cccd_errc (*pipeline_begin)(store_conn *c, cccd_err *err);
    cccd_errc (*pipeline_send)(store_stmt *s, cccd_err *err);
    cccd_errc (*pipeline_end)(store_conn *c, int64_t *changes, size_t n, cccd_err *err);
} store_driver;

extern const store_driver store_driver_sqlite;
extern const store_driver store_driver_pg;

/* SQLite's process-wide configuration (before any other SQLite call). */
void store_sqlite_process_init(void);
/* One migration: version, name, and the SQL script (static storage). */
typedef struct store_migration {
    int version;
    const char *name;
    const char *sql;
} store_migration;

/* The migrations of a dialect, in version order (generated from src/store/migrations). */
const store_migration *store_migrations(const char *dialect, int *count);

#endif
