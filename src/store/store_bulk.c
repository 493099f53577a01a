/*
 * store_bulk.c: the first load of the registry into an empty table (see store.h). Inserting
 * ten million rows into five indexes means fifty million scattered B-tree inserts; dropping
 * the indexes, appending the rows, and building each index once by sorting is several times
 * faster. Only when the table is empty: the indexes' definitions are read from the schema
 * itself (so there is one truth, the migrations) and executed again at the end, inside the
 * same transaction. On PostgreSQL the rows also travel by COPY instead of one statement each
 * (the primary key stays: it is the table's identity).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"

enum {
    SLOT_ANY_CITIZEN = STORE_BULK_SLOT0,
    SLOT_INDEX_DDL,
    SLOT_JOURNAL_DELETE,
};
_Static_assert((int)SLOT_JOURNAL_DELETE < (int)STORE_ACCOUNTS_SLOT0,
               "store_bulk.c has more statements than its slots");

/* The page cache of a bulk load (SQLite), in KiB as PRAGMA cache_size takes it (negative). */
#define BULK_CACHE_KB "-2000000"

/* Whether the registry has no citizen yet (*empty). */
static cccd_errc registry_empty(cccd_store *st, bool *empty, cccd_err *err) {
    store_stmt *s = NULL;
    bool row = false;
    cccd_errc rc = store_stmt_get(st, SLOT_ANY_CITIZEN, "SELECT 1 FROM citizens LIMIT 1", &s, err);
    if (rc == CCCD_OK)
        rc = st->drv->step(s, &row, err);
    if (rc == CCCD_OK)
        st->drv->reset(s);
    *empty = !row;
    return rc;
}

cccd_errc cccd_store_bulk_mode(cccd_store *st, cccd_err *err) {
    if (strcmp(st->drv->dialect, "sqlite") != 0)
        return CCCD_OK;
    cccd_errc rc = st->drv->exec(st->conn, "PRAGMA cache_size = " BULK_CACHE_KB, err);
    bool empty = false;
    if (rc == CCCD_OK && !st->in_txn && !st->rollback_journal)
        rc = registry_empty(st, &empty, err);
    if (rc != CCCD_OK || !empty)
        return rc;
    /* SQLite answers the mode it is in: still "wal" (or busy) when it cannot leave WAL now */
    store_stmt *s = NULL;
    bool row = false;
    cccd_err ignored;
    if (store_stmt_get(st, SLOT_JOURNAL_DELETE, "PRAGMA journal_mode = DELETE", &s, &ignored) ==
            CCCD_OK &&
        st->drv->step(s, &row, &ignored) == CCCD_OK) {
        st->rollback_journal = row && strcmp(st->drv->col_text(s, 0), "delete") == 0;
        st->drv->reset(s);
    }
    return CCCD_OK;
}

void cccd_store_bulk_mode_end(cccd_store *st) {
    if (!st->rollback_journal || st->in_txn)
        return;
    cccd_err ignored;
    st->drv->exec(st->conn, "PRAGMA journal_mode = WAL", &ignored);
    st->rollback_journal = false;
}

void store_bulk_discard(cccd_store *st) {
    if (st->copying) {
        cccd_err ignored;
        st->drv->copy_end(st->conn, true, &ignored);
        st->copying = false;
    }
    for (size_t i = 0; i < st->nbulk_ddl; i++)
        free(st->bulk_ddl[i]);
    free(st->bulk_ddl);
    st->bulk_ddl = NULL;
    st->nbulk_ddl = 0;
    st->bulk = false;
}

cccd_errc cccd_store_citizens_bulk_begin(cccd_store *st, bool *bulk, cccd_err *err) {
    *bulk = false;
    if (!st->in_txn)
        return cccd_err_set(err, CCCD_E_INTERNAL, "citizen", "bulk load outside a transaction");
    bool sqlite = strcmp(st->drv->dialect, "sqlite") == 0;
    bool empty;
    cccd_errc rc = registry_empty(st, &empty, err);
    if (rc != CCCD_OK || !empty)
        return rc;
    store_stmt *s = NULL;
    bool row;
    rc = store_stmt_get(st, SLOT_INDEX_DDL,
                        sqlite ? "SELECT name, sql FROM sqlite_master WHERE type = 'index'"
                                 " AND tbl_name = 'citizens' AND sql IS NOT NULL ORDER BY name"
                               : "SELECT indexname, indexdef FROM pg_indexes"
                                 " WHERE schemaname = current_schema() AND tablename = 'citizens'"
                                 " AND indexname <> 'citizens_pkey' ORDER BY indexname",
                        &s, err);
    size_t cap = 0;
    char **names = NULL;
    while (rc == CCCD_OK && (rc = st->drv->step(s, &row, err)) == CCCD_OK && row) {
        if (st->nbulk_ddl == cap) {
            cap = cap ? cap * 2 : 8;
            char **nd = realloc(st->bulk_ddl, cap * sizeof *nd);
            char **nn = nd ? realloc(names, cap * sizeof *nn) : NULL;
            if (nd)
                st->bulk_ddl = nd;
            if (!nd || !nn) {
                rc = cccd_err_set(err, CCCD_E_NOMEM, "citizen", "out of memory");
                break;
            }
            names = nn;
        }
        names[st->nbulk_ddl] = strdup(st->drv->col_text(s, 0));
        st->bulk_ddl[st->nbulk_ddl] = strdup(st->drv->col_text(s, 1));
        st->nbulk_ddl++;
        if (!names[st->nbulk_ddl - 1] || !st->bulk_ddl[st->nbulk_ddl - 1])
            rc = cccd_err_set(err, CCCD_E_NOMEM, "citizen", "out of memory");
    }
    if (rc == CCCD_OK)
        st->drv->reset(s);
    for (size_t i = 0; i < st->nbulk_ddl && rc == CCCD_OK; i++) {
        char sql[128];
        snprintf(sql, sizeof sql, "DROP INDEX \"%.80s\"", names[i]);
        rc = st->drv->exec(st->conn, sql, err);
    }
    for (size_t i = 0; i < st->nbulk_ddl; i++)
        free(names[i]);
    free(names);
    if (rc != CCCD_OK) {
        store_bulk_discard(st);
        return rc;
    }
    st->bulk = true;
    *bulk = true;
    return CCCD_OK;
}

cccd_errc cccd_store_citizens_bulk_end(cccd_store *st, cccd_err *err) {
    if (!st->bulk)
        return CCCD_OK;
    cccd_errc rc = CCCD_OK;
    if (st->copying) {
        st->copying = false;
        rc = st->drv->copy_end(st->conn, false, err);
        if (rc != CCCD_OK) {
            store_bulk_discard(st);
            return rc; /* the rows themselves were refused: the message says why */
        }
    }
    /* SQLite's sorter sorts runs of the size of the page cache, each on a worker thread
     * while the table is read on, and merges them; runs of a few MB sort within the processor's
     * caches. With the load's 2 GB it sorts one huge run on one thread instead, chasing
     * pointers through memory: 50 s against 27 s for the indexes of ten million people
     * (docs/registry.md, Benchmarks). The page cache grows back for the commit. */
    bool sqlite = strcmp(st->drv->dialect, "sqlite") == 0;
    if (rc == CCCD_OK && sqlite)
        rc = st->drv->exec(st->conn, "PRAGMA threads = 2; PRAGMA cache_size = -4096", err);
    for (size_t i = 0; i < st->nbulk_ddl && rc == CCCD_OK; i++)
        rc = st->drv->exec(st->conn, st->bulk_ddl[i], err);
    if (rc == CCCD_OK && sqlite)
        rc = st->drv->exec(st->conn, "PRAGMA cache_size = " BULK_CACHE_KB, err);
    if (rc == CCCD_E_STORE_CONSTRAINT)
        cccd_err_set(err, CCCD_E_STORE_CONSTRAINT, "citizen",
                     "rebuilding the registry's indexes failed: %.180s", err->msg);
    store_bulk_discard(st);
    return rc;
}
