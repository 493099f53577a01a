/*
 * store_audit.h: the audit log as stored: an append-only table chained by hashes
 * (core/audit.h), and its head (the last sequence number and hash), kept in one row so that
 * removing entries from the end is noticed too.
 *
 * Appending reads the head under the write lock (SQLite's write transaction; a row lock on
 * PostgreSQL), so concurrent writers form one chain. Entries are appended inside the caller's
 * open write transaction: the entry commits or rolls back with the change it describes.
 */
#ifndef CCCD_STORE_AUDIT_H
#define CCCD_STORE_AUDIT_H

#include <stddef.h>
#include <stdint.h>

#include "core/audit.h"
#include "store/store.h"

/* Appends e[0..n) in order inside the open write transaction, filling each one's seq,
 * prev_hash and hash. The strings must be set (at, actor, ...; "" for none). */
cccd_errc cccd_store_audit_append(cccd_store *st, cccd_audit_entry *e, size_t n, cccd_err *err);

/* The head: the last entry's seq and hash (0 and CCCD_AUDIT_GENESIS for an empty log). */
cccd_errc cccd_store_audit_head(cccd_store *st, int64_t *seq, char hash[CCCD_AUDIT_HASH_LEN],
                                cccd_err *err);

/* Every entry with seq > after, in seq order, as stored (hashes not checked); cb gets each
 * (borrowed for the call) and returns false to stop. */
typedef bool (*cccd_store_audit_cb)(void *ctx, const cccd_audit_entry *e);
cccd_errc cccd_store_audit_scan(cccd_store *st, int64_t after, cccd_store_audit_cb cb, void *ctx,
                                cccd_err *err);

#endif
