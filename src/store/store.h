/*
 * store.h: the one storage interface of cccd.
 *
 * Two backends sit behind it: SQLite (the embedded default: a station's kit, a demo, a
 * district) and PostgreSQL (province and nation). Callers name a database by URL
 * (`sqlite:PATH`, `postgresql://...`) and never see which one they got. All SQL lives in
 * src/store; the schema is a list of numbered migrations per dialect
 * (src/store/migrations/DIALECT/NNNN_name.sql), applied by cccd_store_migrate.
 *
 * Functions return a cccd_errc and fill the caller's cccd_err. A cccd_store is one
 * connection: use it from one thread at a time.
 */
#ifndef CCCD_STORE_STORE_H
#define CCCD_STORE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

typedef struct cccd_store cccd_store;

/* The URL used when neither --db nor CCCD_DB is given. */
#define CCCD_STORE_DEFAULT_URL "sqlite:cccd.db"

/* Opens a connection. url: "sqlite:PATH" (the file is created if missing), "postgresql://..."
 * or "postgres://..." (a libpq URI); NULL means CCCD_STORE_DEFAULT_URL. Opening does not
 * create or check the schema: cccd_store_migrate does the first, cccd_store_check the second.
 * *out is owned by the caller: cccd_store_close. */
cccd_errc cccd_store_open(const char *url, cccd_store **out, cccd_err *err);

/* Closes the connection (rolling back an open transaction). NULL is accepted. */
void cccd_store_close(cccd_store *st);

/* "sqlite" or "postgresql". */
const char *cccd_store_backend(const cccd_store *st);

/* The newest schema version this program knows. */
int cccd_store_schema_latest(void);

/* The database's schema version: 0 for an empty database. */
cccd_errc cccd_store_schema_version(cccd_store *st, int *version, cccd_err *err);

/* Brings the schema up to cccd_store_schema_latest(), each migration in its own transaction.
 * Refuses (CCCD_E_STORE_NEWER) a database whose schema is newer than this program knows, and
 * changes nothing then. *from and *to (either may be NULL) receive the versions before and
 * after. */
cccd_errc cccd_store_migrate(cccd_store *st, int *from, int *to, cccd_err *err);

/* Succeeds when the schema is exactly the latest; otherwise CCCD_E_STORE_SCHEMA ("run cccd
 * init") or CCCD_E_STORE_NEWER. Every command that reads or writes data calls it first. */
cccd_errc cccd_store_check(cccd_store *st, cccd_err *err);

/* Transactions. cccd_store_commit fails (and rolls back) if the commit fails. */
cccd_errc cccd_store_begin(cccd_store *st, cccd_err *err);
cccd_errc cccd_store_commit(cccd_store *st, cccd_err *err);
void cccd_store_rollback(cccd_store *st);

/* Runs fn inside a transaction and commits; on CCCD_E_STORE_BUSY (a lock or a serialization
 * failure) the transaction is rolled back and fn run again, up to a few times with a short
 * back-off. Any other failure rolls back and is returned. */
typedef cccd_errc (*cccd_store_txn_fn)(cccd_store *st, void *ctx, cccd_err *err);
cccd_errc cccd_store_transaction(cccd_store *st, cccd_store_txn_fn fn, void *ctx, cccd_err *err);

#endif
