/*
 * metrics.c: the server's counters and their Prometheus text (see metrics.h).
 */
#include "server/metrics.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Statuses counted one by one; anything else falls in the last slot ("other"). */
static const int statuses[] = {200, 201, 204, 304, 400, 401, 403, 404, 405,
                               409, 413, 415, 422, 429, 500, 503, 0};
#define NSTATUS (sizeof statuses / sizeof statuses[0])

/* Upper bounds of the latency buckets, seconds. */
static const double bounds[] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
#define NBUCKET (sizeof bounds / sizeof bounds[0])

typedef struct route_counters {
    atomic_ullong by_status[NSTATUS];
    atomic_ullong bucket[NBUCKET + 1]; /* the last: above every bound */
    atomic_ullong micros_sum;
} route_counters;

struct cccd_server_metrics {
    size_t nroutes; /* including the two pseudo-routes */
    route_counters *r;
    atomic_ullong db_errors, login_failures, audit_failures;
    atomic_llong in_flight;
};

cccd_server_metrics *metrics_new(size_t nroutes) {
    cccd_server_metrics *m = calloc(1, sizeof *m);
    if (m == NULL)
        return NULL;
    m->nroutes = nroutes + 2;
    m->r = calloc(m->nroutes, sizeof *m->r);
    if (m->r == NULL) {
        free(m);
        return NULL;
    }
    return m;
}

void metrics_free(cccd_server_metrics *m) {
    if (m) {
        free(m->r);
        free(m);
    }
}

void metrics_observe(cccd_server_metrics *m, size_t route, int status, double seconds) {
    if (route >= m->nroutes)
        route = m->nroutes - 1;
    route_counters *c = &m->r[route];
    size_t s = 0;
    while (statuses[s] != 0 && statuses[s] != status)
        s++;
    atomic_fetch_add_explicit(&c->by_status[s], 1, memory_order_relaxed);
    size_t b = 0;
    while (b < NBUCKET && seconds > bounds[b])
        b++;
    atomic_fetch_add_explicit(&c->bucket[b], 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&c->micros_sum, (unsigned long long)(seconds * 1e6),
                              memory_order_relaxed);
}

void metrics_db_error(cccd_server_metrics *m) {
    atomic_fetch_add_explicit(&m->db_errors, 1, memory_order_relaxed);
}

void metrics_login_failure(cccd_server_metrics *m) {
    atomic_fetch_add_explicit(&m->login_failures, 1, memory_order_relaxed);
}

void metrics_audit_failure(cccd_server_metrics *m) {
    atomic_fetch_add_explicit(&m->audit_failures, 1, memory_order_relaxed);
}

void metrics_in_flight(cccd_server_metrics *m, int delta) {
    atomic_fetch_add_explicit(&m->in_flight, delta, memory_order_relaxed);
}

/* A growing text buffer; on allocation failure it stays failed and render returns NULL. */
typedef struct buf {
    char *p;
    size_t n, cap;
    int failed;
} buf;

static void put(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(buf *b, const char *fmt, ...) {
    if (b->failed)
        return;
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int k = vsnprintf(b->p + b->n, b->cap - b->n, fmt, ap);
        va_end(ap);
        if (k < 0) {
            b->failed = 1;
            return;
        }
        if ((size_t)k < b->cap - b->n) {
            b->n += (size_t)k;
            return;
        }
        size_t cap = b->cap * 2 + (size_t)k + 1;
        char *np = realloc(b->p, cap);
        if (np == NULL) {
            b->failed = 1;
            return;
        }
        b->p = np;
        b->cap = cap;
    }
}

static const char *label(size_t i, size_t nroutes, const char *const *names) {
    if (i == nroutes - 2)
        return "static";
    if (i == nroutes - 1)
        return "unmatched";
    return names[i];
}

char *metrics_render(cccd_server_metrics *m, const char *const *names, cccd_store_group *g,
                     size_t *len) {
    buf b = {malloc(4096), 0, 4096, 0};
    if (b.p == NULL)
        return NULL;
    put(&b, "# HELP cccd_http_requests_total Requests answered, by route and status.\n"
            "# TYPE cccd_http_requests_total counter\n");
    for (size_t i = 0; i < m->nroutes; i++)
        for (size_t s = 0; s < NSTATUS; s++) {
            unsigned long long v = atomic_load(&m->r[i].by_status[s]);
            if (v == 0)
                continue;
            char st[8];
            if (statuses[s])
                snprintf(st, sizeof st, "%d", statuses[s]);
            else
                snprintf(st, sizeof st, "other");
            put(&b, "cccd_http_requests_total{route=\"%s\",status=\"%s\"} %llu\n",
                label(i, m->nroutes, names), st, v);
        }
    put(&b, "# HELP cccd_http_request_duration_seconds Time from request to answer.\n"
            "# TYPE cccd_http_request_duration_seconds histogram\n");
    for (size_t i = 0; i < m->nroutes; i++) {
        unsigned long long cum = 0, total = 0;
        for (size_t k = 0; k <= NBUCKET; k++)
            total += atomic_load(&m->r[i].bucket[k]);
        if (total == 0)
            continue;
        const char *l = label(i, m->nroutes, names);
        for (size_t k = 0; k < NBUCKET; k++) {
            cum += atomic_load(&m->r[i].bucket[k]);
            put(&b, "cccd_http_request_duration_seconds_bucket{route=\"%s\",le=\"%g\"} %llu\n", l,
                bounds[k], cum);
        }
        put(&b, "cccd_http_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %llu\n", l,
            total);
        put(&b, "cccd_http_request_duration_seconds_sum{route=\"%s\"} %.6f\n", l,
            (double)atomic_load(&m->r[i].micros_sum) / 1e6);
        put(&b, "cccd_http_request_duration_seconds_count{route=\"%s\"} %llu\n", l, total);
    }
    put(&b,
        "# HELP cccd_db_errors_total Database operations that failed.\n"
        "# TYPE cccd_db_errors_total counter\n"
        "cccd_db_errors_total %llu\n"
        "# HELP cccd_login_failures_total Logins refused (wrong name or password, locked).\n"
        "# TYPE cccd_login_failures_total counter\n"
        "cccd_login_failures_total %llu\n"
        "# HELP cccd_audit_failures_total Reads refused because their audit entry could not be "
        "written.\n"
        "# TYPE cccd_audit_failures_total counter\n"
        "cccd_audit_failures_total %llu\n"
        "# HELP cccd_http_requests_in_flight Requests being answered now.\n"
        "# TYPE cccd_http_requests_in_flight gauge\n"
        "cccd_http_requests_in_flight %lld\n",
        (unsigned long long)atomic_load(&m->db_errors),
        (unsigned long long)atomic_load(&m->login_failures),
        (unsigned long long)atomic_load(&m->audit_failures), (long long)atomic_load(&m->in_flight));
    if (g) {
        uint64_t groups, jobs;
        cccd_store_group_stats(g, &groups, &jobs);
        put(&b,
            "# HELP cccd_db_commits_total Commits of grouped write transactions (one disk flush "
            "each).\n"
            "# TYPE cccd_db_commits_total counter\n"
            "cccd_db_commits_total %llu\n"
            "# HELP cccd_db_writes_total Write transactions run in those commits.\n"
            "# TYPE cccd_db_writes_total counter\n"
            "cccd_db_writes_total %llu\n",
            (unsigned long long)groups, (unsigned long long)jobs);
    }
    if (b.failed) {
        free(b.p);
        return NULL;
    }
    *len = b.n;
    return b.p;
}
