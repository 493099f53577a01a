/*
 * store_internal.h: the cccd_store handle and the prepared-statement cache shared by the
 * store's operation files (store_*.c). Internal to src/store.
 */
#ifndef CCCD_STORE_INTERNAL_H
#define CCCD_STORE_INTERNAL_H

#include "store/store.h"
#include "store/store_driver.h"

/* Every statement the store prepares has a slot, so it is prepared once per connection. */
typedef enum store_slot {
    SLOT_SCHEMA_VERSION,
    SLOT_MIGRATION_RECORD,
    STORE_UNITS_SLOT0 = 8,          /* store_units.c */
    STORE_CITIZENS_SLOT0 = 24,      /* store_citizens.c */
    STORE_COVERAGE_SLOT0 = 40,      /* store_coverage.c */
    STORE_BULK_SLOT0 = 56,          /* store_bulk.c */
    STORE_ACCOUNTS_SLOT0 = 64,      /* store_accounts.c */
    STORE_AUDIT_SLOT0 = 80,         /* store_audit.c */
    STORE_POINTS_SLOT0 = 96,        /* store_points.c */
    STORE_KITS_SLOT0 = 104,         /* store_kits.c */
    STORE_SHIFTS_SLOT0 = 112,       /* store_shifts.c */
    STORE_TICKETS_SLOT0 = 120,      /* store_tickets.c */
    STORE_QUEUE_SLOT0 = 136,        /* store_queue.c */
    STORE_STAFF_SLOT0 = 152,        /* store_staff.c */
    STORE_APPLICATIONS_SLOT0 = 160, /* store_applications.c */
    STORE_BATCHES_SLOT0 = 184,      /* store_batches.c */
    STORE_CAMPAIGNS_SLOT0 = 208,    /* store_campaigns.c */
    STORE_CITIZEN_IDS_SLOT0 = 240,  /* store_citizen_ids.c: 240..243 */
    STORE_FREE_SLOT0 = 244,         /* free: 244..255 */
    STORE_ROLLUP_SLOT0 = 256,       /* store_rollup.c: 256..263 */
    STORE_ADVICE_SLOT0 = 264,       /* store_advice.c */
    STORE_SLOT_MAX = 288
} store_slot;

/* Coverage counter changes not yet written: one per unit key touched in the transaction. */
typedef struct counter_delta {
    char unit_key[CCCD_UNIT_KEY_LEN]; /* "" = free slot */
    cccd_counts d;
} counter_delta;

struct cccd_store {
    const store_driver *drv; /* borrowed, static */
    store_conn *conn;        /* owned */
    bool in_txn;
    store_stmt *stmts[STORE_SLOT_MAX];     /* owned, prepared on first use */
    char *stmt_sql[STORE_SLOT_MAX];        /* owned: the text each slot was prepared from */
    const char *stmt_seen[STORE_SLOT_MAX]; /* the text pointer last asked for (compared only) */
    counter_delta *pending; /* owned hash table (open addressing), cap a power of 2 */
    size_t npending, pending_cap;
    int64_t reference_day; /* the counters' day, read once a transaction; INT64_MIN: unknown */
    char txn_now[32];      /* UTC time the transaction began, for updated_at columns */
    bool bulk;             /* a first load into an empty table: plain inserts, no indexes */
    bool copying;          /* a COPY of citizens is open on the connection (PostgreSQL bulk) */
    char **bulk_ddl;       /* owned: the index definitions to build again at its end */
    size_t nbulk_ddl;
    bool rollback_journal;   /* SQLite left WAL for a first load (cccd_store_bulk_mode) */
    int id_notes;            /* personal IDs corrected here noted: 1, none: 0, not read: -1 */
    cccd_store_group *group; /* borrowed: where cccd_store_transaction sends its work, or NULL */
};

/* Binds the parameters of s from 1 on as fmt says: 't' text (const char *, NULL: SQL NULL),
 * 'i' int64_t, 'z' int64_t with 0 as SQL NULL. */
cccd_errc store_bindf(cccd_store *st, store_stmt *s, cccd_err *err, const char *fmt, ...);

/* The UTC time now as "YYYY-MM-DDTHH:MM:SSZ". */
void store_utc_now(char buf[32]);

/* Runs fn in the group writer's next transaction and returns once that is committed (or fn
 * failed, or the commit did): store_group.c. */
cccd_errc store_group_run(cccd_store_group *g, cccd_store_txn_fn fn, void *ctx, cccd_err *err);

/* Forgets a bulk load's saved index definitions and aborts an open COPY (on rollback or
 * close). */
void store_bulk_discard(cccd_store *st);

/* Adds d to the pending counters of unit_key. */
cccd_errc store_counts_add(cccd_store *st, const char *unit_key, const cccd_counts *d,
                           cccd_err *err);

/* Writes the pending counters (inside the open transaction) and forgets them. */
cccd_errc store_counts_flush(cccd_store *st, cccd_err *err);

/* Forgets the pending counters (on rollback). */
void store_counts_discard(cccd_store *st);

/* The counters' reference day (coverage_meta), read once per transaction; *day = INT64_MIN
 * when no citizen was ever stored. */
cccd_errc store_reference_day(cccd_store *st, int64_t *day, cccd_err *err);

/* The statement of `slot`, prepared from sql on first use and reset, ready to bind. Borrowed:
 * the store finalizes it on close. */
cccd_errc store_stmt_get(cccd_store *st, int slot, const char *sql, store_stmt **out,
                         cccd_err *err);

/* Local changes to a citizen's record (store_citizens.c; migration 0013): notes that field
 * (a correctable one) of citizen pid now holds value (and key, the name key of a full_name),
 * with the value the extract had, so a later import keeps it while the extract still carries
 * that old value. Called before the change is written. */
cccd_errc store_local_note(cccd_store *st, int64_t pid, const char *field, const char *value,
                           const char *key, cccd_err *err);
/* The same for the card: a new card (number, issued, expiry: INT64_MAX for none), or with
 * number NULL the stored card revoked (its expiry set to `expiry`). */
cccd_errc store_local_note_card(cccd_store *st, int64_t pid, const char *number, int64_t issued,
                                int64_t expiry, cccd_err *err);
/* The notes follow a personal ID corrected from `from` to `to`. */
cccd_errc store_local_move(cccd_store *st, int64_t from, int64_t to, cccd_err *err);

/* ---- personal IDs corrected here (store_citizen_ids.c) ---- */

/* The ID a person has now (*now) when pid, not stored itself, is an ID corrected away here;
 * 0 when not. Reads nothing while no such correction is noted. */
cccd_errc store_id_alias(cccd_store *st, int64_t pid, int64_t *now, cccd_err *err);

/* Whether any of the n citizens' IDs is one store_id_alias would map (*any). */
cccd_errc store_id_alias_any(cccd_store *st, const cccd_citizen *const *cs, size_t n, bool *any,
                             cccd_err *err);

/* Adds delta to the figure (day, measure, key) of the province of unit version unit_key, beside
 * cccd_store_app_figure_add's own (store_rollup.c; migration 0014). */
cccd_errc store_figure_province_add(cccd_store *st, const char *unit_key, int64_t day,
                                    const char *measure, const char *key, int64_t delta,
                                    cccd_err *err);

#endif
