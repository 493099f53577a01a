/*
 * audit_log.c: the group-commit writer of audit entries and the chain's verification (see
 * audit_log.h and docs/audit.md).
 *
 * A request thread copies its entries into a waiter on its own stack, queues it and sleeps on
 * a condition variable. The writer thread takes everything queued, appends it in one
 * transaction on its own connection, and wakes the waiters with the outcome once the commit
 * returned. A batch that fails is answered CCCD_E_UNAVAILABLE and the connection is opened
 * again for the next batch (a PostgreSQL server that restarted).
 */
#include "service/audit_log.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_audit.h"

/* One caller's entries, queued until committed. Lives on the caller's stack (write), or on the
 * heap with a completion function (submit: freed by the writer after calling it). */
typedef struct waiter {
    struct waiter *next;
    cccd_audit_done_fn done_fn; /* NULL: a blocked caller waits on `done` */
    void *done_ctx;
    cccd_audit_entry *e; /* owned copies (strings in `strings`) */
    size_t n;
    char *strings; /* owned: every string of e, one block */
    bool done;
    cccd_errc rc;
    char msg[sizeof((cccd_err *)0)->msg];
} waiter;

struct cccd_audit_log {
    char *db_url;   /* owned */
    cccd_store *st; /* owned; used by the writer thread only */
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t wake; /* the writer: work or closing */
    pthread_cond_t done; /* the waiters: a batch finished */
    waiter *head, *tail; /* the queue, under mu */
    bool closing;        /* under mu */
};

typedef struct batch_ctx {
    cccd_audit_entry *all;
    size_t n;
} batch_ctx;

static cccd_errc batch_txn(cccd_store *st, void *ctx, cccd_err *err) {
    batch_ctx *b = ctx;
    return cccd_store_audit_append(st, b->all, b->n, err);
}

/* Appends the entries of the waiters list in one transaction. */
static cccd_errc write_batch(cccd_audit_log *log, waiter *list, cccd_err *err) {
    size_t n = 0;
    for (waiter *w = list; w; w = w->next)
        n += w->n;
    cccd_audit_entry *all = malloc((n ? n : 1) * sizeof *all);
    if (all == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, "audit", "out of memory");
    size_t k = 0;
    for (waiter *w = list; w; w = w->next)
        for (size_t i = 0; i < w->n; i++)
            all[k++] = w->e[i];
    cccd_errc rc = CCCD_OK;
    if (log->st == NULL && (rc = cccd_store_open_existing(log->db_url, &log->st, err)) != CCCD_OK)
        log->st = NULL;
    batch_ctx b = {all, n};
    if (rc == CCCD_OK)
        rc = cccd_store_transaction(log->st, batch_txn, &b, err);
    if (rc != CCCD_OK && log->st) {
        /* open a fresh connection for the next batch */
        cccd_store_close(log->st);
        log->st = NULL;
    }
    free(all);
    return rc;
}

static void *writer_main(void *arg) {
    cccd_audit_log *log = arg;
    pthread_mutex_lock(&log->mu);
    for (;;) {
        while (log->head == NULL && !log->closing)
            pthread_cond_wait(&log->wake, &log->mu);
        if (log->head == NULL && log->closing)
            break;
        waiter *list = log->head;
        log->head = log->tail = NULL;
        pthread_mutex_unlock(&log->mu);
        cccd_err err;
        cccd_err_clear(&err);
        cccd_errc rc = write_batch(log, list, &err);
        /* callers that submitted are told outside the lock, then their waiters freed */
        waiter *async = NULL;
        pthread_mutex_lock(&log->mu);
        for (waiter *w = list, *next; w; w = next) {
            next = w->next; /* w may be gone once done is seen */
            w->rc = rc;
            if (w->done_fn) {
                w->next = async;
                async = w;
                continue;
            }
            snprintf(w->msg, sizeof w->msg, "%s", err.msg);
            w->done = true;
        }
        pthread_cond_broadcast(&log->done);
        pthread_mutex_unlock(&log->mu);
        for (waiter *w = async, *next; w; w = next) {
            next = w->next;
            w->done_fn(w->done_ctx, rc == CCCD_OK ? CCCD_OK : CCCD_E_UNAVAILABLE);
            free(w->e);
            free(w->strings);
            free(w);
        }
        pthread_mutex_lock(&log->mu);
    }
    pthread_mutex_unlock(&log->mu);
    return NULL;
}

cccd_errc cccd_audit_log_new(const char *db_url, cccd_audit_log **out, cccd_err *err) {
    *out = NULL;
    cccd_audit_log *log = calloc(1, sizeof *log);
    if (log == NULL || (db_url && (log->db_url = strdup(db_url)) == NULL)) {
        free(log);
        return cccd_err_set(err, CCCD_E_NOMEM, "audit", "out of memory");
    }
    cccd_errc rc = cccd_store_open_existing(db_url, &log->st, err);
    if (rc == CCCD_OK && (rc = cccd_store_check(log->st, err)) != CCCD_OK)
        cccd_store_close(log->st);
    if (rc != CCCD_OK) {
        free(log->db_url);
        free(log);
        return rc;
    }
    pthread_mutex_init(&log->mu, NULL);
    pthread_cond_init(&log->wake, NULL);
    pthread_cond_init(&log->done, NULL);
    if (pthread_create(&log->thread, NULL, writer_main, log) != 0) {
        pthread_cond_destroy(&log->done);
        pthread_cond_destroy(&log->wake);
        pthread_mutex_destroy(&log->mu);
        cccd_store_close(log->st);
        free(log->db_url);
        free(log);
        return cccd_err_set(err, CCCD_E_INTERNAL, "audit", "cannot start the audit writer thread");
    }
    *out = log;
    return CCCD_OK;
}

/* Copies e[0..n) into w (one block for the strings). */
static bool waiter_fill(waiter *w, const cccd_audit_entry *e, size_t n) {
    size_t bytes = 0;
    for (size_t i = 0; i < n; i++) {
        const char *f[] = {e[i].at,     e[i].actor,  e[i].role,   e[i].unit,
                           e[i].action, e[i].target, e[i].remote, e[i].detail};
        for (int k = 0; k < 8; k++)
            bytes += (f[k] ? strlen(f[k]) : 0) + 1;
    }
    w->e = calloc(n ? n : 1, sizeof *w->e);
    w->strings = malloc(bytes ? bytes : 1);
    if (w->e == NULL || w->strings == NULL)
        return false;
    char *p = w->strings;
    for (size_t i = 0; i < n; i++) {
        const char *f[] = {e[i].at,     e[i].actor,  e[i].role,   e[i].unit,
                           e[i].action, e[i].target, e[i].remote, e[i].detail};
        const char **to[] = {&w->e[i].at,     &w->e[i].actor,  &w->e[i].role,   &w->e[i].unit,
                             &w->e[i].action, &w->e[i].target, &w->e[i].remote, &w->e[i].detail};
        for (int k = 0; k < 8; k++) {
            size_t len = f[k] ? strlen(f[k]) : 0;
            memcpy(p, f[k] ? f[k] : "", len + 1);
            *to[k] = p;
            p += len + 1;
        }
    }
    w->n = n;
    return true;
}

/* Queues w for the writer (under log->mu); false when the log is closing (w not queued). */
static bool enqueue_locked(cccd_audit_log *log, waiter *w) {
    if (log->closing)
        return false;
    if (log->tail)
        log->tail->next = w;
    else
        log->head = w;
    log->tail = w;
    pthread_cond_signal(&log->wake);
    return true;
}

cccd_errc cccd_audit_log_write(cccd_audit_log *log, const cccd_audit_entry *e, size_t n,
                               cccd_err *err) {
    if (n == 0)
        return CCCD_OK;
    waiter w = {0};
    if (!waiter_fill(&w, e, n)) {
        free(w.e);
        free(w.strings);
        return cccd_err_set(err, CCCD_E_NOMEM, "audit", "out of memory");
    }
    pthread_mutex_lock(&log->mu);
    bool closing = !enqueue_locked(log, &w);
    while (!closing && !w.done)
        pthread_cond_wait(&log->done, &log->mu);
    pthread_mutex_unlock(&log->mu);
    free(w.e);
    free(w.strings);
    if (closing)
        return cccd_err_set(err, CCCD_E_UNAVAILABLE, "audit",
                            "audit log: closing; the request was not recorded");
    if (w.rc != CCCD_OK)
        return cccd_err_set(err, CCCD_E_UNAVAILABLE, "audit",
                            "audit log: the entry could not be written: %s", w.msg);
    return CCCD_OK;
}

void cccd_audit_log_free(cccd_audit_log *log) {
    if (log == NULL)
        return;
    pthread_mutex_lock(&log->mu);
    log->closing = true;
    pthread_cond_signal(&log->wake);
    pthread_mutex_unlock(&log->mu);
    pthread_join(log->thread, NULL);
    pthread_cond_destroy(&log->done);
    pthread_cond_destroy(&log->wake);
    pthread_mutex_destroy(&log->mu);
    cccd_store_close(log->st);
    free(log->db_url);
    free(log);
}

/* ---- verification ---- */

typedef struct walk {
    int64_t expect;                 /* the next seq */
    char prev[CCCD_AUDIT_HASH_LEN]; /* the previous entry's stored hash */
    int64_t entries;
    int64_t bad;
    char why[160];
    cccd_err err;
    cccd_errc rc;
} walk;

static bool check_entry(void *ctx, const cccd_audit_entry *e) {
    walk *w = ctx;
    if (e->seq != w->expect) {
        w->bad = w->expect;
        if (e->seq == w->expect + 1)
            snprintf(w->why, sizeof w->why, "entry %lld is missing", (long long)w->expect);
        else
            snprintf(w->why, sizeof w->why, "entries %lld to %lld are missing",
                     (long long)w->expect, (long long)e->seq - 1);
        return false;
    }
    cccd_audit_entry x = *e;
    if ((w->rc = cccd_audit_hash(&x, &w->err)) != CCCD_OK)
        return false;
    if (strcmp(x.hash, e->hash) != 0) {
        w->bad = e->seq;
        snprintf(w->why, sizeof w->why,
                 "entry %lld was altered: its hash does not match its content", (long long)e->seq);
        return false;
    }
    if (strcmp(e->prev_hash, w->prev) != 0) {
        /* the entry is whole, but the one before it is not the one it was chained to */
        w->bad = e->seq > 1 ? e->seq - 1 : 1;
        if (e->seq > 1)
            snprintf(w->why, sizeof w->why,
                     "entry %lld was altered or replaced: entry %lld does not chain to it",
                     (long long)w->bad, (long long)e->seq);
        else
            snprintf(w->why, sizeof w->why,
                     "entry 1 was altered: it does not start from the genesis hash");
        return false;
    }
    memcpy(w->prev, e->hash, sizeof w->prev);
    w->expect++;
    w->entries++;
    return true;
}

cccd_errc cccd_audit_verify(cccd_store *st, cccd_audit_report *rep, cccd_err *err) {
    memset(rep, 0, sizeof *rep);
    walk w = {.expect = 1, .rc = CCCD_OK};
    memcpy(w.prev, CCCD_AUDIT_GENESIS, sizeof w.prev);
    char head_hash[CCCD_AUDIT_HASH_LEN];
    int64_t head_seq = 0;
    /* the head and every entry from one snapshot: an append in between must not look like
     * tampering */
    cccd_errc rc = cccd_store_begin_read(st, err);
    if (rc != CCCD_OK)
        return rc;
    rc = cccd_store_audit_head(st, &head_seq, head_hash, err);
    if (rc == CCCD_OK)
        rc = cccd_store_audit_scan(st, 0, check_entry, &w, err);
    cccd_store_rollback(st);
    if (rc != CCCD_OK)
        return rc;
    if (w.rc != CCCD_OK) {
        *err = w.err;
        return w.rc;
    }
    rep->entries = w.entries;
    rep->head_seq = head_seq;
    int64_t last = w.expect - 1;
    if (w.bad == 0 && last < head_seq) {
        w.bad = last + 1;
        snprintf(w.why, sizeof w.why,
                 last + 1 == head_seq ? "entry %lld is missing (the last entry; the head says "
                                        "%lld)"
                                      : "entries %lld to %lld are missing from the end",
                 (long long)(last + 1), (long long)head_seq);
    } else if (w.bad == 0 && last > head_seq) {
        w.bad = head_seq + 1;
        snprintf(w.why, sizeof w.why, "entry %lld is not in the chain: the head ends at entry %lld",
                 (long long)w.bad, (long long)head_seq);
    } else if (w.bad == 0 && strcmp(w.prev, head_hash) != 0) {
        w.bad = last > 0 ? last : 1;
        snprintf(w.why, sizeof w.why, "entry %lld was altered or replaced: the head's hash differs",
                 (long long)w.bad);
    }
    if (w.bad) {
        rep->bad_seq = w.bad;
        return cccd_err_set(err, CCCD_E_AUDIT_BROKEN, "audit",
                            "audit log: %s (%lld entries "
                            "checked before it)",
                            w.why, (long long)w.entries);
    }
    return CCCD_OK;
}

cccd_errc cccd_audit_log_submit(cccd_audit_log *log, const cccd_audit_entry *e, size_t n,
                                cccd_audit_done_fn done, void *ctx, cccd_err *err) {
    waiter *w = calloc(1, sizeof *w);
    if (w == NULL || !waiter_fill(w, e, n)) {
        if (w) {
            free(w->e);
            free(w->strings);
        }
        free(w);
        return cccd_err_set(err, CCCD_E_NOMEM, "audit", "out of memory");
    }
    w->done_fn = done;
    w->done_ctx = ctx;
    pthread_mutex_lock(&log->mu);
    bool closing = !enqueue_locked(log, w);
    pthread_mutex_unlock(&log->mu);
    if (closing) {
        free(w->e);
        free(w->strings);
        free(w);
        return cccd_err_set(err, CCCD_E_UNAVAILABLE, "audit",
                            "audit log: closing; the request was not recorded");
    }
    return CCCD_OK;
}

cccd_errc cccd_audit_change(cccd_store *st, const cccd_actor *by, const char *action,
                            const char *target, const char *detail, cccd_err *err) {
    char at[32];
    cccd_audit_entry e = {
        .at = cccd_audit_now(at),
        .actor = by && by->name ? by->name : "",
        .role = by && by->role ? by->role : "",
        .unit = by && by->unit ? by->unit : "",
        .action = action,
        .target = target ? target : "",
        .remote = by && by->remote ? by->remote : "",
        .detail = detail ? detail : "",
    };
    return cccd_store_audit_append(st, &e, 1, err);
}
