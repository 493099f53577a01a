/*
 * server.h: `cccd serve`: the HTTP/JSON API and the web UI, on libmicrohttpd.
 *
 * One process serves every desk and commander of a database: libmicrohttpd's internal epoll
 * with a pool of threads, each request on a database connection of its own from a pool, the
 * unit tree loaded once and shared read-only. Every request but the public ones (health,
 * metrics, login, the web UI's files) carries a bearer token; the role decides what may be
 * asked and the jurisdiction (the subtree of the role's unit) where. Reads of a person's data
 * reach the audit log (service/audit_log.h) before the answer leaves. The routes are listed in
 * routes.c and documented in docs/api.md (a test keeps the two equal).
 */
#ifndef CCCD_SERVER_SERVER_H
#define CCCD_SERVER_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/error.h"
#include "core/role.h"
#include "service/auth.h"

typedef struct cccd_server cccd_server;

typedef struct cccd_server_config {
    const char *db_url;   /* borrowed; NULL: CCCD_STORE_DEFAULT_URL */
    const char *address;  /* an IPv4 or IPv6 address to listen on ("127.0.0.1", "::") */
    uint16_t port;        /* 0: any free port (cccd_server_port tells which) */
    const char *tls_cert; /* PEM text (borrowed), NULL: plain HTTP; with tls_key */
    const char *tls_key;  /* PEM text (borrowed) */
    const char *web_dir;  /* the static web UI served at /, NULL: none */
    unsigned threads;     /* request threads (0: 16; a request waiting for its group's commit
                             holds its thread, so more threads make bigger groups) */
    bool no_group_commit; /* SQLite: each request commits on its own connection (for the
                             benchmark's comparison); otherwise writes are grouped */
    size_t body_limit;    /* the largest request body accepted, bytes (0: 512 KiB) */
    const struct cccd_seal_key *bio_key; /* seals uploaded biometrics (borrowed); NULL: uploads
                                            are refused with 503 */
    unsigned conn_timeout;               /* seconds an idle connection is kept (0: 30) */
    cccd_date today;        /* prec CCCD_DATE_NONE: the real day in Vietnam; else pinned */
    cccd_auth_policy auth;  /* login and session rules */
    int address_failures;   /* failed logins allowed per client address and window (0: 20) */
    int64_t address_window; /* seconds (0: 600) */
    int lookups;            /* public appointment lookups per client address and window (0: 10) */
    int64_t lookup_window;  /* seconds (0: 600) */
    /* where the server reports what an operator should see (start, database failures, errors
     * of libmicrohttpd); NULL: nowhere. Called from any thread. */
    void (*log)(void *ctx, const char *line);
    void *log_ctx;
} cccd_server_config;

/* The defaults above, with cccd_auth_policy_default. */
void cccd_server_config_default(cccd_server_config *cfg);

/* Opens the connections, loads the unit tree and starts listening. *out is owned by the caller:
 * cccd_server_free. */
cccd_errc cccd_server_start(const cccd_server_config *cfg, cccd_server **out, cccd_err *err);

/* The port the server listens on. */
uint16_t cccd_server_port(const cccd_server *s);

/* Stops accepting connections (new ones are refused), answers further requests on open
 * connections with 503, waits up to timeout_ms for the requests in flight to finish.
 * Returns the number still in flight when it gave up (0: drained). */
int cccd_server_drain(cccd_server *s, int timeout_ms);

/* Stops the server (after a drain, or at once) and releases everything. NULL accepted. */
void cccd_server_free(cccd_server *s);

/* The routes served, for `cccd serve --routes` and the documentation test. */
typedef struct cccd_route_info {
    const char *method;  /* "GET" */
    const char *pattern; /* "/api/v1/citizens/{id}" */
    const char *perm;    /* the permission needed ("person.read"), "signed-in", "public" */
    const char *summary; /* one line */
} cccd_route_info;

/* The i-th route into *out; false past the last. */
bool cccd_server_route(size_t i, cccd_route_info *out);

#endif
