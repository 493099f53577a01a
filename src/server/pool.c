/*
 * pool.c: the connections lent to request threads (see pool.h).
 */
#include "server/pool.h"

#include <pthread.h>
#include <stdlib.h>

struct store_pool {
    const char *url;
    cccd_store_group *group; /* borrowed, or NULL */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    cccd_store **free_list; /* owned: connections not lent out (NULL entries: to reopen) */
    size_t nfree, n;
};

cccd_errc store_pool_new(const char *url, size_t n, store_pool **out, cccd_err *err) {
    store_pool *p = calloc(1, sizeof *p);
    if (p == NULL || (p->free_list = calloc(n, sizeof *p->free_list)) == NULL) {
        free(p);
        return cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory");
    }
    p->url = url;
    p->n = n;
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cv, NULL);
    for (size_t i = 0; i < n; i++) {
        cccd_errc rc = cccd_store_open_existing(url, &p->free_list[i], err);
        if (rc == CCCD_OK)
            rc = cccd_store_check(p->free_list[i], err);
        if (rc != CCCD_OK) {
            p->nfree = i + 1;
            store_pool_free(p);
            return rc;
        }
    }
    p->nfree = n;
    *out = p;
    return CCCD_OK;
}

cccd_store *store_pool_get(store_pool *p, cccd_err *err) {
    pthread_mutex_lock(&p->mu);
    while (p->nfree == 0)
        pthread_cond_wait(&p->cv, &p->mu);
    cccd_store *st = p->free_list[--p->nfree];
    pthread_mutex_unlock(&p->mu);
    if (st == NULL) {
        if (cccd_store_open_existing(p->url, &st, err) != CCCD_OK) {
            store_pool_put(p, NULL, 1);
            return NULL;
        }
        cccd_store_use_group(st, p->group);
    }
    return st;
}

void store_pool_put(store_pool *p, cccd_store *st, int broken) {
    if (broken && st) {
        cccd_store_close(st);
        st = NULL;
    }
    pthread_mutex_lock(&p->mu);
    p->free_list[p->nfree++] = st;
    pthread_cond_signal(&p->cv);
    pthread_mutex_unlock(&p->mu);
}

void store_pool_use_group(store_pool *p, cccd_store_group *g) {
    pthread_mutex_lock(&p->mu);
    p->group = g;
    for (size_t i = 0; i < p->nfree; i++)
        if (p->free_list[i])
            cccd_store_use_group(p->free_list[i], g);
    pthread_mutex_unlock(&p->mu);
}

void store_pool_free(store_pool *p) {
    if (p == NULL)
        return;
    for (size_t i = 0; i < p->nfree; i++)
        cccd_store_close(p->free_list[i]);
    free(p->free_list);
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->cv);
    free(p);
}
