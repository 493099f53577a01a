/*
 * audit_log.h: writing audit entries for reads, many requests to one commit, and checking the
 * chain.
 *
 * A read of a person's record changes nothing, yet must be on the record before the data
 * leaves the server. Writing each read's entry in its own transaction would cost a disk flush
 * per request; instead request threads hand their entries to one writer thread, which appends
 * everything queued in one transaction (group commit) and wakes the waiters when it is
 * durable. A request whose entry could not be written gets an error and no data.
 * (Writes do not come here: they append their entries in their own transaction,
 * store_audit.h.)
 */
#ifndef CCCD_SERVICE_AUDIT_LOG_H
#define CCCD_SERVICE_AUDIT_LOG_H

#include <stddef.h>
#include <stdint.h>

#include "core/audit.h"
#include "store/store.h"

typedef struct cccd_audit_log cccd_audit_log;

/* Opens its own connection to db_url and starts the writer thread. *out is owned by the caller:
 * cccd_audit_log_free. */
cccd_errc cccd_audit_log_new(const char *db_url, cccd_audit_log **out, cccd_err *err);

/* Appends e[0..n) (copied: the strings may be freed after the call) and returns once they are
 * committed; CCCD_E_UNAVAILABLE when they could not be (the database failed, or the log is
 * closing). Safe from any number of threads. */
cccd_errc cccd_audit_log_write(cccd_audit_log *log, const cccd_audit_entry *e, size_t n,
                               cccd_err *err);

/* Called from the writer thread once submitted entries are committed (rc CCCD_OK) or could
 * not be (CCCD_E_UNAVAILABLE). Must not block: it wakes whoever waits. */
typedef void (*cccd_audit_done_fn)(void *ctx, cccd_errc rc);

/* The same as cccd_audit_log_write without blocking: queues e[0..n) (copied) and returns at
 * once; done(ctx, rc) follows from the writer thread. When this returns an error (the log is
 * closing, memory is short) done is never called. The server uses it so that a request waiting
 * for its audit entry holds no thread. */
cccd_errc cccd_audit_log_submit(cccd_audit_log *log, const cccd_audit_entry *e, size_t n,
                                cccd_audit_done_fn done, void *ctx, cccd_err *err);

/* Appends one entry for a change made by `by` (NULL: no actor) inside the caller's open write
 * transaction (store_audit.h), stamped now: how a write puts itself on the record. */
cccd_errc cccd_audit_change(cccd_store *st, const cccd_actor *by, const char *action,
                            const char *target, const char *detail, cccd_err *err);

/* Commits what is queued, stops the writer and closes its connection. NULL accepted. */
void cccd_audit_log_free(cccd_audit_log *log);

/* What a walk of the chain found. */
typedef struct cccd_audit_report {
    int64_t entries;  /* entries checked */
    int64_t head_seq; /* the head's last seq */
    int64_t bad_seq;  /* the first entry altered or missing; 0 when the chain is whole */
} cccd_audit_report;

/* Walks the whole chain in one read snapshot: every seq present from 1 to the head, every hash
 * recomputed and linked. CCCD_E_AUDIT_BROKEN (with *rep filled and a message naming bad_seq
 * and what is wrong) when an entry was altered or removed. */
cccd_errc cccd_audit_verify(cccd_store *st, cccd_audit_report *rep, cccd_err *err);

#endif
