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

#include "core/citizen.h"
#include "core/error.h"
#include "core/units.h"

typedef struct cccd_store cccd_store;

/* The URL used when neither --db nor CCCD_DB is given. */
#define CCCD_STORE_DEFAULT_URL "sqlite:cccd.db"

/* Process-wide settings of the database libraries, made once from main() before any
 * connection or thread: SQLite stops keeping memory statistics (a mutex on every allocation). */
void cccd_store_process_init(void);

/* Opens a connection. url: "sqlite:PATH" (the file is created if missing), "postgresql://..."
 * or "postgres://..." (a libpq URI); NULL means CCCD_STORE_DEFAULT_URL. Opening does not
 * create or check the schema: cccd_store_migrate does the first, cccd_store_check the second.
 * *out is owned by the caller: cccd_store_close. */
cccd_errc cccd_store_open(const char *url, cccd_store **out, cccd_err *err);

/* The same, but a SQLite file that does not exist is not created: CCCD_E_STORE_SCHEMA with
 * "create it with cccd init". Every command but init opens this way. */
cccd_errc cccd_store_open_existing(const char *url, cccd_store **out, cccd_err *err);

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

/* Transactions. cccd_store_commit fails (and rolls back) if the commit fails.
 * cccd_store_begin_read opens a read-only transaction whose reads all see one snapshot (end it
 * with cccd_store_rollback): several reads that must agree go inside one. */
cccd_errc cccd_store_begin(cccd_store *st, cccd_err *err);
cccd_errc cccd_store_begin_read(cccd_store *st, cccd_err *err);
cccd_errc cccd_store_commit(cccd_store *st, cccd_err *err);
void cccd_store_rollback(cccd_store *st);

/* Tells the store that a bulk load follows on this connection (a registry import), outside a
 * transaction: SQLite takes a page cache of up to 2 GB, so that the rows loaded stay in memory
 * until the indexes are built from them. When the registry is still empty (a first load) and SQLite
 * can, it also leaves WAL for a rollback journal until cccd_store_bulk_mode_end: the new pages of a
 * first load need no journal, so they are written once, into the database file, instead of
 * into the WAL and again at the checkpoint. Other connections keep working, but wait (their
 * busy timeout) while the load writes its pages. */
cccd_errc cccd_store_bulk_mode(cccd_store *st, cccd_err *err);

/* Ends bulk mode after the load's commit or rollback: back to WAL. Best effort: a failure
 * costs nothing lasting, since every connection opened asks for WAL again. */
void cccd_store_bulk_mode_end(cccd_store *st);

/* Runs fn inside a transaction and commits; on CCCD_E_STORE_BUSY (a lock or a serialization
 * failure) the transaction is rolled back and fn run again, up to a few times with a short
 * back-off. Any other failure rolls back and is returned. Called inside a transaction already
 * open on st, fn simply runs as part of it (the caller commits or rolls back): so operations
 * compose into one transaction. */
typedef cccd_errc (*cccd_store_txn_fn)(cccd_store *st, void *ctx, cccd_err *err);
cccd_errc cccd_store_transaction(cccd_store *st, cccd_store_txn_fn fn, void *ctx, cccd_err *err);

/* ---- group commit (store_group.c) ----
 * One writer thread with its own connection runs the write transactions of many connections
 * (the server's request threads) together: everything queued goes into one transaction, each
 * job in a savepoint of its own (a job that fails is undone alone), one commit and one disk
 * flush for all, and each caller returns only once that commit is durable. A connection given
 * a group with cccd_store_use_group sends every cccd_store_transaction there: fn then runs on
 * the writer's thread and connection (the st it is given), and must use only that. Worth it
 * on SQLite, where one connection writes at a time and each commit is an fsync; PostgreSQL
 * groups concurrent commits itself. */
typedef struct cccd_store_group cccd_store_group;

/* Opens the writer's connection to url (an existing database of the latest schema) and starts
 * the writer. *out is owned by the caller: cccd_store_group_free. */
cccd_errc cccd_store_group_new(const char *url, cccd_store_group **out, cccd_err *err);

/* Runs what is queued, stops the writer and closes its connection; a transaction asked for
 * after this began gets CCCD_E_UNAVAILABLE. No connection may use g afterwards. NULL accepted. */
void cccd_store_group_free(cccd_store_group *g);

/* From now on st's transactions go to g (borrowed: must outlive st's use of it); NULL: st runs
 * its own again. */
void cccd_store_use_group(cccd_store *st, cccd_store_group *g);

/* Groups committed and jobs run so far. */
void cccd_store_group_stats(cccd_store_group *g, uint64_t *groups, uint64_t *jobs);

/* ---- administrative units (store_units.c) ---- */

/* A document the unit model is built from: the statistics office's list, or a reform. */
typedef struct cccd_store_unit_source {
    bool reform;     /* false: a unit list (cccd_units_load_json), true: a reform */
    cccd_date date;  /* the list's valid_from (prec NONE: since always) or the reform's
                        effective date */
    const char *doc; /* the JSON document, borrowed */
    size_t len;
} cccd_store_unit_source;

/* Stores the unit model `u` built from sources[0..n) (in that order): every version, event and
 * link in the units tables, and the documents themselves so cccd_store_units_load can rebuild
 * the same model. Versions keep their keys (code@valid_from), so citizens registered under
 * them stay attached; a version that citizens use and `u` lacks makes the import fail with
 * nothing changed. Runs in its own transaction. *changed is false when the same sources were
 * stored already (nothing written). */
cccd_errc cccd_store_units_import(cccd_store *st, const cccd_store_unit_source *sources, size_t n,
                                  const cccd_units *u, bool *changed, cccd_err *err);

/* Rebuilds the unit model from the stored sources into *out (owned by the caller:
 * cccd_units_free). CCCD_E_UNIT_UNKNOWN when no units were imported. */
cccd_errc cccd_store_units_load(cccd_store *st, cccd_units **out, cccd_err *err);

/* The key a unit version is stored under: "CODE@" (since always) or "CODE@YYYY-MM-DD". */
#define CCCD_UNIT_KEY_LEN 20
void cccd_store_unit_key(const cccd_unit *unit, char key[CCCD_UNIT_KEY_LEN]);

/* ---- citizens (store_citizens.c) ---- */

typedef enum cccd_upsert {
    CCCD_UPSERT_INSERTED,
    CCCD_UPSERT_UPDATED,
    CCCD_UPSERT_UNCHANGED,
} cccd_upsert;

/* Inserts the citizen, or updates the stored one when any normalised value differs (same
 * content hash: unchanged, nothing written). Must run inside a transaction: the coverage
 * counters of the units concerned move with it and are written by cccd_store_commit. */
cccd_errc cccd_store_citizen_upsert(cccd_store *st, const cccd_citizen *c, cccd_upsert *result,
                                    cccd_err *err);

/* A first load into an empty citizens table (SQLite), inside the open transaction: the
 * table's indexes are dropped and *bulk set; cccd_store_citizens_bulk_end builds them again
 * (sorting is much faster than ten million scattered inserts). While bulk, every personal ID
 * given to upsert must be new and distinct (the import checks that in memory). Elsewhere
 * (PostgreSQL, a table with rows) nothing changes and *bulk is false. A rollback undoes all. */
cccd_errc cccd_store_citizens_bulk_begin(cccd_store *st, bool *bulk, cccd_err *err);
cccd_errc cccd_store_citizens_bulk_end(cccd_store *st, cccd_err *err);

/* The same for n citizens with distinct personal IDs, results[i] for each; on PostgreSQL one
 * query finds what is stored and the writes go in one pipeline (instead of a round trip or
 * two per citizen). On failure *failed is the index of the citizen concerned. */
cccd_errc cccd_store_citizens_upsert_batch(cccd_store *st, const cccd_citizen *const *cs, size_t n,
                                           cccd_upsert *results, size_t *failed, cccd_err *err);

/* A stored citizen, as text. Every string is owned by the record (cccd_store_record_free). */
typedef struct cccd_store_record {
    char *v[CCCD_CF__COUNT]; /* by cccd_cf; "" when empty */
    char *permanent_unit;    /* unit key */
    char *temporary_unit;    /* unit key or "" */
    char *name_key;
    char *province;
    int64_t eligible_from;
} cccd_store_record;

void cccd_store_record_free(cccd_store_record *r);

/* The citizen with that personal ID: CCCD_E_UNIT_UNKNOWN is not used; CCCD_OK with *found. */
cccd_errc cccd_store_citizen_get(cccd_store *st, const char *personal_id, cccd_store_record *out,
                                 bool *found, cccd_err *err);

/* For a personal ID not in the registry: the ID it was corrected to here (*now, 12 digits and
 * a NUL) while the note of that correction is kept, that is until an extract carries the new
 * ID (docs/registry.md, "Local changes and re-imports"); *found false otherwise. */
cccd_errc cccd_store_citizen_renamed(cccd_store *st, const char *personal_id, char now[13],
                                     bool *found, cccd_err *err);

/* Citizens registered under unit version `unit_key` whose name key starts with `key_prefix`
 * (a whole-word prefix such as "nguyen van"), in name-key order, at most `limit`. Each is
 * handed to cb (borrowed for the call); cb returns false to stop. */
typedef bool (*cccd_store_record_cb)(void *ctx, const cccd_store_record *r);
cccd_errc cccd_store_citizens_find(cccd_store *st, const char *unit_key, const char *key_prefix,
                                   int limit, cccd_store_record_cb cb, void *ctx, cccd_err *err);

/* ---- coverage (store_coverage.c) ---- */

typedef struct cccd_counts {
    int64_t residents, eligible, valid_card, in_progress;
} cccd_counts;

/* Inside a transaction that changes citizens: sets the counters' reference day to `today`
 * (days since 1970-01-01), first rolling existing counters forward to it. */
cccd_errc cccd_store_coverage_begin(cccd_store *st, int64_t today, cccd_err *err);

/* The counters' reference day (days since 1970-01-01), INT64_MIN before the first import. */
cccd_errc cccd_store_coverage_day(cccd_store *st, int64_t *day, cccd_err *err);

/* The counters of every registered unit version, as of *reference_day (days since 1970-01-01;
 * set by the first import). cb receives each unit key and its counts. */
typedef void (*cccd_store_counts_cb)(void *ctx, const char *unit_key, const cccd_counts *c);
cccd_errc cccd_store_coverage_counters(cccd_store *st, int64_t *reference_day,
                                       cccd_store_counts_cb cb, void *ctx, cccd_err *err);

/* The citizens whose status changes between day `from` and day `to` (either order): someone
 * turning 14, a card issued or expiring in between. cb receives the unit key and the counts to
 * add to go from `from` to `to` (each -1, 0 or +1). */
cccd_errc cccd_store_coverage_changes(cccd_store *st, int64_t from, int64_t to,
                                      cccd_store_counts_cb cb, void *ctx, cccd_err *err);

/* Citizens registered under unit version `unit_key` who still need a card on `day` (alive, 14
 * or over, no valid chip card, no application counted in progress: the people of the
 * coverage's "remaining" figure), by residential group, household and ID, after the cursor
 * (group, household, ID of the last one seen; NULLs for the first page), at most limit. */
cccd_errc cccd_store_remaining(cccd_store *st, const char *unit_key, int64_t day,
                               const char *after_group, const char *after_household,
                               const char *after_id, int limit, cccd_store_record_cb cb, void *ctx,
                               cccd_err *err);

/* A person who still needs a card, with only what planning reads (service/plan.h). Strings
 * are borrowed, valid during the callback; "" when empty. */
typedef struct cccd_store_brief {
    int64_t personal_id;
    const char *permanent_unit; /* the unit key registered under */
    const char *full_name, *date_of_birth, *permanent_address, *household_id;
    const char *residential_group, *temporary_unit, *temporary_address, *old_id_number;
    const char *card_type;
    cccd_mobility mobility;
} cccd_store_brief;

typedef bool (*cccd_store_brief_cb)(void *ctx, const cccd_store_brief *b);

/* The same people as cccd_store_remaining (registered under `unit_key`, needing a card on
 * `day`), in the same order, all in one query and without copying each field: what a plan of
 * a few hundred thousand people reads. cb returns false to stop. */
cccd_errc cccd_store_remaining_brief(cccd_store *st, const char *unit_key, int64_t day,
                                     cccd_store_brief_cb cb, void *ctx, cccd_err *err);

/* Citizens registered anywhere whose temporary residence is unit version `temporary_key` and
 * who still need a card on `day`, by personal ID, the same fields (through the index of
 * migration 0008): the people a plan of the commune they live in takes. */
cccd_errc cccd_store_remaining_brief_temporary(cccd_store *st, const char *temporary_key,
                                               int64_t day, cccd_store_brief_cb cb, void *ctx,
                                               cccd_err *err);

#endif
