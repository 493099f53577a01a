/*
 * store_group.c: group commit (see store.h, "group commit").
 *
 * On SQLite a durable answer costs one fsync of the WAL per commit, and only one connection
 * writes at a time: with one transaction per request, the desks of a province queue behind
 * each other's fsync (and behind SQLite's busy back-off). Here the server's write
 * transactions are handed to one writer thread with its own connection. The writer takes
 * everything queued, opens one transaction, runs each job inside a savepoint of its own (a
 * job that fails is rolled back alone, with its pending counters), commits once, and only then
 * wakes the request threads: each answer still leaves only after its commit is on disk, and
 * one fsync serves every job of the group.
 */
#define _GNU_SOURCE /* pthread_setname_np */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"

/* The most jobs one transaction takes: bounds the time a waiting job adds to the others. */
#define GROUP_MAX 512

typedef struct group_job {
    cccd_store_txn_fn fn;
    void *ctx;
    cccd_errc rc;
    cccd_err err;
    bool done;
    struct group_job *next;
} group_job;

struct cccd_store_group {
    cccd_store *st; /* owned: the writer's connection */
    pthread_t thread;
    bool started;
    pthread_mutex_t mu;
    pthread_cond_t work; /* jobs queued, or closing */
    pthread_cond_t done; /* a group finished */
    group_job *head, *tail;
    bool closing;
    uint64_t groups, jobs; /* committed so far (under mu) */
};

/* One job inside the group's open transaction, in its own savepoint. */
static void run_job(cccd_store *st, group_job *j) {
    cccd_errc rc = st->drv->exec(st->conn, "SAVEPOINT cccd_job", &j->err);
    if (rc != CCCD_OK) {
        j->rc = rc;
        return;
    }
    st->reference_day = INT64_MIN;
    st->id_notes = -1;
    store_utc_now(st->txn_now);
    rc = j->fn(st, j->ctx, &j->err);
    if (rc == CCCD_OK)
        rc = store_counts_flush(st, &j->err);
    cccd_err rerr;
    if (rc == CCCD_OK) {
        rc = st->drv->exec(st->conn, "RELEASE cccd_job", &j->err);
    } else {
        store_counts_discard(st);
        store_bulk_discard(st);
        if (st->drv->exec(st->conn, "ROLLBACK TO cccd_job", &rerr) != CCCD_OK ||
            st->drv->exec(st->conn, "RELEASE cccd_job", &rerr) != CCCD_OK) {
            /* the transaction is in an unknown state: the whole group fails */
            j->rc = rc;
            st->in_txn = false;
            return;
        }
    }
    j->rc = rc;
}

/* Runs the jobs of one group in one transaction; fills every job's rc and err. */
static void run_group(cccd_store_group *g, group_job *jobs) {
    cccd_store *st = g->st;
    cccd_err err;
    cccd_errc rc = cccd_store_begin(st, &err);
    group_job *j = jobs;
    for (; rc == CCCD_OK && j; j = j->next) {
        run_job(st, j);
        if (!st->in_txn) {
            rc = cccd_err_set(&err, CCCD_E_UNAVAILABLE, "database",
                              "the database could not undo a failed change; nothing of this "
                              "group was saved: try again");
            break;
        }
    }
    if (rc == CCCD_OK) {
        rc = cccd_store_commit(st, &err);
    } else if (st->in_txn) {
        cccd_store_rollback(st);
    } else {
        st->drv->rollback(st->conn);
    }
    if (rc == CCCD_OK)
        return;
    /* nothing of the group is saved: no job may be acknowledged */
    for (j = jobs; j; j = j->next) {
        if (j->rc == CCCD_OK) {
            j->rc = rc;
            j->err = err;
        }
    }
}

static void *writer_main(void *arg) {
    cccd_store_group *g = arg;
    pthread_setname_np(pthread_self(), "cccd-writer");
    pthread_mutex_lock(&g->mu);
    for (;;) {
        while (g->head == NULL && !g->closing)
            pthread_cond_wait(&g->work, &g->mu);
        if (g->head == NULL)
            break;
        /* take up to GROUP_MAX jobs */
        group_job *first = g->head, *last = first;
        size_t n = 1;
        while (last->next && n < GROUP_MAX) {
            last = last->next;
            n++;
        }
        g->head = last->next;
        if (g->head == NULL)
            g->tail = NULL;
        last->next = NULL;
        pthread_mutex_unlock(&g->mu);
        run_group(g, first);
        pthread_mutex_lock(&g->mu);
        g->groups++;
        g->jobs += n;
        for (group_job *j = first; j; j = j->next)
            j->done = true;
        pthread_cond_broadcast(&g->done);
    }
    pthread_mutex_unlock(&g->mu);
    return NULL;
}

cccd_errc cccd_store_group_new(const char *url, cccd_store_group **out, cccd_err *err) {
    *out = NULL;
    cccd_store_group *g = calloc(1, sizeof *g);
    if (g == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory");
    pthread_mutex_init(&g->mu, NULL);
    pthread_cond_init(&g->work, NULL);
    pthread_cond_init(&g->done, NULL);
    cccd_errc rc = cccd_store_open_existing(url, &g->st, err);
    if (rc == CCCD_OK)
        rc = cccd_store_check(g->st, err);
    if (rc == CCCD_OK && pthread_create(&g->thread, NULL, writer_main, g) != 0)
        rc = cccd_err_set(err, CCCD_E_NOMEM, NULL, "cannot start the database writer thread");
    if (rc != CCCD_OK) {
        cccd_store_group_free(g);
        return rc;
    }
    g->started = true;
    *out = g;
    return CCCD_OK;
}

void cccd_store_group_free(cccd_store_group *g) {
    if (g == NULL)
        return;
    if (g->started) {
        pthread_mutex_lock(&g->mu);
        g->closing = true;
        pthread_cond_signal(&g->work);
        pthread_mutex_unlock(&g->mu);
        pthread_join(g->thread, NULL);
    }
    cccd_store_close(g->st);
    pthread_mutex_destroy(&g->mu);
    pthread_cond_destroy(&g->work);
    pthread_cond_destroy(&g->done);
    free(g);
}

void cccd_store_use_group(cccd_store *st, cccd_store_group *g) {
    st->group = g;
}

void cccd_store_group_stats(cccd_store_group *g, uint64_t *groups, uint64_t *jobs) {
    pthread_mutex_lock(&g->mu);
    *groups = g->groups;
    *jobs = g->jobs;
    pthread_mutex_unlock(&g->mu);
}

cccd_errc store_group_run(cccd_store_group *g, cccd_store_txn_fn fn, void *ctx, cccd_err *err) {
    group_job j;
    memset(&j, 0, sizeof j);
    j.fn = fn;
    j.ctx = ctx;
    pthread_mutex_lock(&g->mu);
    if (g->closing) {
        pthread_mutex_unlock(&g->mu);
        return cccd_err_set(err, CCCD_E_UNAVAILABLE, "database",
                            "the server is stopping: the change was not made, try again");
    }
    if (g->tail)
        g->tail->next = &j;
    else
        g->head = &j;
    g->tail = &j;
    pthread_cond_signal(&g->work);
    while (!j.done)
        pthread_cond_wait(&g->done, &g->mu);
    pthread_mutex_unlock(&g->mu);
    if (j.rc != CCCD_OK)
        *err = j.err;
    return j.rc;
}
