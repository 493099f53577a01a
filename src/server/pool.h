/*
 * pool.h: database connections lent to request threads, one per request.
 *
 * A cccd_store is one connection for one thread at a time; the server opens as many as it has
 * request threads and lends them out. A connection that failed (the server went away) is
 * reopened on its next loan.
 */
#ifndef CCCD_SERVER_POOL_H
#define CCCD_SERVER_POOL_H

#include <stddef.h>

#include "store/store.h"

typedef struct store_pool store_pool;

/* Opens n connections to url (borrowed: kept for reopening, must outlive the pool). *out is
 * owned by the caller: store_pool_free. */
cccd_errc store_pool_new(const char *url, size_t n, store_pool **out, cccd_err *err);

/* Borrows a connection, waiting for one to be free. NULL (with err) when none can be opened. */
cccd_store *store_pool_get(store_pool *p, cccd_err *err);

/* Gives it back; broken: it failed in a way that needs a new connection (closed now, reopened on
 * the next loan). */
void store_pool_put(store_pool *p, cccd_store *st, int broken);

/* From now on every connection of the pool (those open and those reopened later) sends its
 * write transactions to g (borrowed: must outlive the pool's use; see cccd_store_use_group). */
void store_pool_use_group(store_pool *p, cccd_store_group *g);

void store_pool_free(store_pool *p);

#endif
