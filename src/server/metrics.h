/*
 * metrics.h: the server's counters for GET /metrics (Prometheus text format): requests by
 * route and status, a latency histogram per route, database errors, failed logins, audit
 * failures, requests in flight. Lock-free (C11 atomics): every request thread updates them.
 */
#ifndef CCCD_SERVER_METRICS_H
#define CCCD_SERVER_METRICS_H

#include <stddef.h>

#include "store/store.h"

typedef struct cccd_server_metrics cccd_server_metrics;

/* Counters for nroutes routes, plus two pseudo-routes: the web UI's files (index nroutes) and
 * requests that matched nothing (nroutes + 1). NULL when out of memory; owned by the caller. */
cccd_server_metrics *metrics_new(size_t nroutes);
void metrics_free(cccd_server_metrics *m);

/* One answered request. */
void metrics_observe(cccd_server_metrics *m, size_t route, int status, double seconds);

void metrics_db_error(cccd_server_metrics *m);
void metrics_login_failure(cccd_server_metrics *m);
void metrics_audit_failure(cccd_server_metrics *m);
void metrics_in_flight(cccd_server_metrics *m, int delta);

/* The exposition text, new (malloc, caller frees), *len its length; NULL when out of memory.
 * names[i] names route i ("GET /api/v1/citizens/{id}"); g (NULL: none) adds how writes were
 * grouped into commits. */
char *metrics_render(cccd_server_metrics *m, const char *const *names, cccd_store_group *g,
                     size_t *len);

#endif
