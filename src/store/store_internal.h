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
    STORE_SLOTS_RESERVED = 8, /* operation files number their slots from here */
    STORE_SLOT_MAX = 64
} store_slot;

struct cccd_store {
    const store_driver *drv; /* borrowed, static */
    store_conn *conn;        /* owned */
    bool in_txn;
    store_stmt *stmts[STORE_SLOT_MAX]; /* owned, prepared on first use */
};

/* The statement of `slot`, prepared from sql on first use and reset, ready to bind. Borrowed:
 * the store finalizes it on close. */
cccd_errc store_stmt_get(cccd_store *st, int slot, const char *sql, store_stmt **out,
                         cccd_err *err);

#endif
