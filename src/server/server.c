/*
 * server.c: the HTTP server around the endpoints: libmicrohttpd's daemon (internal epoll,
 * a thread pool), reading requests within their limits, routing, the token and permission
 * check, lending a database connection, writing the answer with its headers, counting it,
 * and draining on shutdown (see server.h).
 */
#include "server/server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "core/text.h"
#include "server/http.h"
#include "server/pool.h"

#define MAX_PATH_BYTES 2048
#define MAX_QUERY_BYTES 2048

struct cccd_server {
    cccd_server_config cfg;
    struct MHD_Daemon *d;
    store_pool *pool;
    cccd_store_group *group; /* SQLite: the writer that groups commits; NULL otherwise */
    cccd_units *units;       /* NULL when no units were imported */
    cccd_audit_log *audit;
    cccd_server_metrics *metrics;
    login_throttle *throttle;
    login_throttle *lookups; /* public appointment lookups per address */
    atomic_int in_flight;
    atomic_bool draining;
    uint16_t port;
    char **route_names; /* owned: "METHOD PATTERN" per route */
};

/* What is kept of one request between libmicrohttpd's calls. */
typedef struct conn_req {
    double started;
    char *body; /* owned */
    size_t len, cap;
    bool too_large;
    bool after_drain; /* began after the drain started: refused (503) */
    /* a read whose audit entries are being committed: the connection is suspended with its
     * answer held here until the audit writer resumes it */
    struct MHD_Connection *conn;
    bool deferred; /* entries handed to the audit writer */
    bool held;     /* `answer` is waiting for the commit */
    atomic_bool audit_ok;
    http_resp answer; /* owned body */
    size_t route;
} conn_req;

static double mono_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void logf_(const cccd_server *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void logf_(const cccd_server *s, const char *fmt, ...) {
    if (s->cfg.log == NULL)
        return;
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    s->cfg.log(s->cfg.log_ctx, line);
}

static void mhd_log(void *cls, const char *fmt, va_list ap) {
    const cccd_server *s = cls;
    if (s->cfg.log == NULL)
        return;
    char line[512];
    vsnprintf(line, sizeof line, fmt, ap);
    size_t n = strlen(line);
    while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
        line[--n] = '\0';
    s->cfg.log(s->cfg.log_ctx, line);
}

/* Matches path against a pattern's segments; {x} takes one non-empty segment. */
static bool match(const char *pattern, const char *path, const char **params, size_t *nparams,
                  char *scratch, size_t scratch_len) {
    size_t np = 0, used = 0;
    const char *p = pattern, *q = path;
    while (*p && *q) {
        if (*p == '{') {
            const char *pe = strchr(p, '}');
            size_t len = strcspn(q, "/");
            if (pe == NULL || len == 0 || np >= HTTP_MAX_PARAMS || used + len + 1 > scratch_len)
                return false;
            memcpy(scratch + used, q, len);
            scratch[used + len] = '\0';
            params[np++] = scratch + used;
            used += len + 1;
            p = pe + 1;
            q += len;
        } else if (*p == *q) {
            p++;
            q++;
        } else {
            return false;
        }
    }
    if (*p || *q)
        return false;
    *nparams = np;
    return true;
}

static const char *query_of(const http_req *rq, const char *name) {
    return MHD_lookup_connection_value(rq->impl, MHD_GET_ARGUMENT_KIND, name);
}

/* Every query argument must be valid UTF-8 of sensible length. */
typedef struct query_check {
    const char *bad;
    size_t total;
} query_check;

static enum MHD_Result check_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                 const char *value) {
    (void)kind;
    query_check *qc = cls;
    qc->total += strlen(key) + (value ? strlen(value) : 0);
    if (!cccd_text_utf8_valid(key, strlen(key)) ||
        (value && !cccd_text_utf8_valid(value, strlen(value)))) {
        qc->bad = key;
        return MHD_NO;
    }
    return MHD_YES;
}

static void add_header(struct MHD_Response *r, const char *k, const char *v) {
    MHD_add_response_header(r, k, v);
}

static enum MHD_Result respond(cccd_server *s, struct MHD_Connection *c, conn_req *cr, size_t route,
                               http_resp *rs) {
    if (rs->body == NULL)
        http_problem(rs, 500, "system.internal", NULL, "no answer was made");
    struct MHD_Response *r =
        MHD_create_response_from_buffer(rs->len, rs->body, MHD_RESPMEM_MUST_FREE);
    if (r == NULL) {
        free(rs->body);
        return MHD_NO;
    }
    rs->body = NULL;
    add_header(r, "Content-Type", rs->content_type ? rs->content_type : "application/json");
    add_header(r, "X-Content-Type-Options", "nosniff");
    if (rs->no_store)
        add_header(r, "Cache-Control", "no-store");
    if (rs->allow[0])
        add_header(r, "Allow", rs->allow);
    if (rs->www_authenticate)
        add_header(r, "WWW-Authenticate", "Bearer realm=\"cccd\"");
    if (rs->etag[0])
        add_header(r, "ETag", rs->etag);
    if (rs->disposition[0])
        add_header(r, "Content-Disposition", rs->disposition);
    if (rs->retry_after > 0) {
        char ra[24];
        snprintf(ra, sizeof ra, "%lld", (long long)rs->retry_after);
        add_header(r, "Retry-After", ra);
    }
    if (atomic_load(&s->draining) || rs->status == 413)
        add_header(r, "Connection", "close");
    enum MHD_Result ok = MHD_queue_response(c, (unsigned)rs->status, r);
    MHD_destroy_response(r);
    metrics_observe(s->metrics, route, rs->status, mono_now() - cr->started);
    return ok;
}

static const char *remote_of(struct MHD_Connection *c, char *buf, size_t n) {
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    snprintf(buf, n, "?");
    if (ci == NULL || ci->client_addr == NULL)
        return buf;
    const struct sockaddr *sa = ci->client_addr;
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, buf,
                  (socklen_t)n);
    else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, buf,
                  (socklen_t)n);
    return buf;
}

static const char *bearer_of(struct MHD_Connection *c) {
    const char *h = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
    if (h == NULL || strncasecmp(h, "Bearer ", 7) != 0)
        return NULL;
    h += 7;
    while (*h == ' ')
        h++;
    return *h ? h : NULL;
}

static bool json_content_type(struct MHD_Connection *c) {
    const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
    if (ct == NULL)
        return false;
    size_t n = strcspn(ct, ";");
    while (n && ct[n - 1] == ' ')
        n--;
    return n == 16 && strncasecmp(ct, "application/json", 16) == 0;
}

/* The audit writer committed (or failed to commit) a held answer's entries: wake its
 * connection; libmicrohttpd then calls on_request again, which sends the answer or a 503. */
static void on_audit_done(void *ctx, cccd_errc rc) {
    conn_req *cr = ctx;
    atomic_store(&cr->audit_ok, rc == CCCD_OK);
    MHD_resume_connection(cr->conn);
}

typedef struct defer_ctx {
    cccd_server *s;
    conn_req *cr;
} defer_ctx;

static bool defer_audit(http_req *rq, const cccd_audit_entry *e, size_t n) {
    defer_ctx *d = rq->audit_ctx;
    cccd_err err;
    if (d->cr->deferred) /* a second batch in one request: written the blocking way */
        return cccd_audit_log_write(d->s->audit, e, n, &err) == CCCD_OK;
    /* suspended before the writer can resume it */
    MHD_suspend_connection(d->cr->conn);
    d->cr->deferred = true;
    if (cccd_audit_log_submit(d->s->audit, e, n, on_audit_done, d->cr, &err) != CCCD_OK) {
        d->cr->deferred = false;
        MHD_resume_connection(d->cr->conn);
        return false;
    }
    return true;
}

/* Routes an API request and runs its endpoint. *route receives the route's index for the
 * counters (the unmatched index when none). */
static void dispatch(cccd_server *s, struct MHD_Connection *c, conn_req *cr, const char *path,
                     const char *method, size_t *route, http_resp *rs) {
    size_t n;
    const http_route *routes = http_routes(&n);
    *route = n + 1;
    const char *params[HTTP_MAX_PARAMS];
    size_t nparams = 0;
    char scratch[MAX_PATH_BYTES + 8];
    char allow[48] = "";
    const http_route *hit = NULL;
    bool is_head = strcmp(method, "HEAD") == 0;
    for (size_t i = 0; i < n && hit == NULL; i++) {
        size_t np;
        if (!match(routes[i].pattern, path, params, &np, scratch, sizeof scratch))
            continue;
        if (strcmp(routes[i].method, method) == 0 ||
            (is_head && strcmp(routes[i].method, "GET") == 0)) {
            hit = &routes[i];
            *route = i;
            nparams = np;
        } else if (strlen(allow) + strlen(routes[i].method) + 3 < sizeof allow) {
            if (allow[0])
                strcat(allow, ", ");
            strcat(allow, routes[i].method);
        }
    }
    if (hit == NULL) {
        if (allow[0]) {
            char d[128];
            snprintf(d, sizeof d, "%s is not allowed here; use %s", method, allow);
            http_problem(rs, 405, "http.method", NULL, d);
            snprintf(rs->allow, sizeof rs->allow, "%s", allow);
        } else {
            http_problem(rs, 404, "http.not_found", NULL, "no such resource");
        }
        return;
    }
    if (cr->len > 0 && !json_content_type(c)) {
        http_problem(rs, 415, "http.media_type", "Content-Type",
                     "a request body must be sent as application/json");
        return;
    }
    query_check qc = {NULL, 0};
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, check_arg, &qc);
    if (qc.bad || qc.total > MAX_QUERY_BYTES) {
        http_problem(rs, 400, "input.utf8", qc.bad ? qc.bad : NULL,
                     qc.bad ? "a query argument is not valid UTF-8" : "the query is too long");
        return;
    }
    char remote[64];
    int64_t now = (int64_t)time(NULL);
    http_req rq = {
        .method = method,
        .path = path,
        .nparams = nparams,
        .body = cr->body,
        .body_len = cr->len,
        .remote = remote_of(c, remote, sizeof remote),
        .token = bearer_of(c),
        .query = query_of,
        .impl = c,
        .units = s->units,
        .audit = s->audit,
        .cfg = &s->cfg,
        .metrics = s->metrics,
        .group = s->group,
        .throttle = s->throttle,
        .lookups = s->lookups,
        .route_names = (const char *const *)s->route_names,
        .draining = atomic_load(&s->draining),
        .today = s->cfg.today.prec != CCCD_DATE_NONE ? s->cfg.today : cccd_date_vn_from_unix(now),
        .now = now,
    };
    for (size_t i = 0; i < nparams; i++)
        rq.params[i] = params[i];
    defer_ctx dctx = {s, cr};
    rq.audit_defer = defer_audit;
    rq.audit_ctx = &dctx;
    if (hit->perm == HTTP_PUBLIC && hit->fn == ep_metrics) {
        hit->fn(&rq, rs); /* needs no database */
        return;
    }
    cccd_err err;
    rq.st = store_pool_get(s->pool, &err);
    if (rq.st == NULL) {
        metrics_db_error(s->metrics);
        logf_(s, "database: %s", err.msg);
        http_problem_err(rs, &err);
        return;
    }
    cccd_account acct;
    bool allowed = true;
    if (hit->perm != HTTP_PUBLIC) {
        cccd_errc rc = cccd_auth_session(rq.st, rq.token, now, &acct, &err);
        if (rc != CCCD_OK) {
            http_problem_err(rs, &err);
            allowed = false;
        } else {
            rq.account = &acct;
            if (hit->perm >= 0 && !cccd_role_may(acct.role, (cccd_perm)hit->perm)) {
                char d[160];
                snprintf(d, sizeof d, "the role %s may not %s", cccd_role_name(acct.role),
                         cccd_perm_name((cccd_perm)hit->perm));
                http_problem(rs, 403, "auth.forbidden", NULL, d);
                allowed = false;
            } else if (s->units) {
                rq.scope_ok =
                    cccd_scope_get(s->units, acct.unit_key, rq.today, &rq.scope, &err) == CCCD_OK;
            } else {
                rq.scope_ok = strcmp(acct.unit_key, "VN") == 0;
                rq.scope.nation = rq.scope_ok;
            }
        }
    }
    if (allowed)
        hit->fn(&rq, rs);
    if (rs->db_failed) {
        metrics_db_error(s->metrics);
        logf_(s, "database failed on %s %s: %s", method, path, rs->log_detail);
    }
    if (rs->status == 500)
        logf_(s, "internal error on %s %s", method, path);
    store_pool_put(s->pool, rq.st, rs->db_failed);
}

static bool is_api(const char *path) {
    return strncmp(path, "/api/", 5) == 0 || strcmp(path, "/api") == 0 ||
           strcmp(path, "/healthz") == 0 || strcmp(path, "/metrics") == 0;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_size, void **con_cls) {
    (void)version;
    cccd_server *s = cls;
    conn_req *cr = *con_cls;
    size_t nroutes;
    http_routes(&nroutes);
    if (cr == NULL) {
        cr = calloc(1, sizeof *cr);
        if (cr == NULL)
            return MHD_NO;
        cr->started = mono_now();
        cr->after_drain = atomic_load(&s->draining);
        *con_cls = cr;
        atomic_fetch_add(&s->in_flight, 1);
        metrics_in_flight(s->metrics, 1);
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
        if (cl) {
            char *end;
            unsigned long long v = strtoull(cl, &end, 10);
            if (*end != '\0' || v > s->cfg.body_limit) {
                /* refused before a byte of the body is read */
                http_resp rs = {0};
                char d[128];
                snprintf(d, sizeof d, "the request body is larger than %zu bytes",
                         s->cfg.body_limit);
                http_problem(&rs, 413, "http.too_large", NULL, d);
                cr->too_large = true;
                return respond(s, c, cr, nroutes + 1, &rs);
            }
        }
        return MHD_YES;
    }
    if (*upload_size) {
        if (!cr->too_large) {
            if (cr->len + *upload_size > s->cfg.body_limit) {
                cr->too_large = true;
                free(cr->body);
                cr->body = NULL;
                cr->len = 0;
            } else {
                if (cr->len + *upload_size + 1 > cr->cap) {
                    size_t cap = (cr->len + *upload_size + 1) * 2;
                    if (cap > s->cfg.body_limit + 1)
                        cap = s->cfg.body_limit + 1;
                    char *nb = realloc(cr->body, cap);
                    if (nb == NULL)
                        return MHD_NO;
                    cr->body = nb;
                    cr->cap = cap;
                }
                memcpy(cr->body + cr->len, upload_data, *upload_size);
                cr->len += *upload_size;
                cr->body[cr->len] = '\0';
            }
        }
        *upload_size = 0;
        return MHD_YES;
    }
    if (cr->held) {
        /* resumed by the audit writer */
        cr->held = false;
        http_resp rs = cr->answer;
        memset(&cr->answer, 0, sizeof cr->answer);
        if (!atomic_load(&cr->audit_ok)) {
            free(rs.body);
            memset(&rs, 0, sizeof rs);
            metrics_audit_failure(s->metrics);
            http_problem(&rs, 503, "service.unavailable", NULL,
                         "the read could not be put on the audit record, so nothing is shown; "
                         "try again");
            rs.retry_after = 1;
        }
        return respond(s, c, cr, cr->route, &rs);
    }
    http_resp rs = {0};
    size_t route = nroutes + 1;
    cr->conn = c;
    if (cr->too_large) {
        char d[128];
        snprintf(d, sizeof d, "the request body is larger than %zu bytes", s->cfg.body_limit);
        http_problem(&rs, 413, "http.too_large", NULL, d);
    } else if (cr->after_drain) {
        http_problem(&rs, 503, "service.unavailable", NULL, "the server is shutting down");
        rs.retry_after = 5;
    } else if (strlen(url) > MAX_PATH_BYTES) {
        http_problem(&rs, 414, "http.uri_too_long", NULL, "the path is too long");
    } else if (!cccd_text_utf8_valid(url, strlen(url))) {
        http_problem(&rs, 400, "input.utf8", "path", "the path is not valid UTF-8");
    } else if (is_api(url)) {
        dispatch(s, c, cr, url, method, &route, &rs);
        if (cr->deferred) {
            /* the answer waits for its audit entries (the connection is suspended) */
            cr->deferred = false;
            cr->held = true;
            cr->answer = rs;
            cr->route = route;
            return MHD_YES;
        }
    } else if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
        route = nroutes;
        http_problem(&rs, 405, "http.method", NULL, "the web UI's files are only read (GET)");
        snprintf(rs.allow, sizeof rs.allow, "GET, HEAD");
    } else {
        route = nroutes;
        http_static(&s->cfg, url, MHD_lookup_connection_value(c, MHD_HEADER_KIND, "If-None-Match"),
                    &rs);
    }
    return respond(s, c, cr, route, &rs);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe) {
    (void)c;
    (void)toe;
    cccd_server *s = cls;
    conn_req *cr = *con_cls;
    if (cr == NULL)
        return;
    free(cr->body);
    free(cr->answer.body);
    free(cr);
    *con_cls = NULL;
    metrics_in_flight(s->metrics, -1);
    atomic_fetch_sub(&s->in_flight, 1);
}

void cccd_server_config_default(cccd_server_config *cfg) {
    memset(cfg, 0, sizeof *cfg);
    cfg->address = "127.0.0.1";
    cfg->port = 8080;
    cfg->threads = 16;
    cfg->body_limit = 512 * 1024;
    cfg->conn_timeout = 30;
    cfg->today.prec = CCCD_DATE_NONE;
    cfg->auth = cccd_auth_policy_default;
}

cccd_errc cccd_server_start(const cccd_server_config *cfg, cccd_server **out, cccd_err *err) {
    *out = NULL;
    cccd_server *s = calloc(1, sizeof *s);
    if (s == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory");
    s->cfg = *cfg;
    if (s->cfg.threads == 0)
        s->cfg.threads = 16;
    if (s->cfg.body_limit == 0)
        s->cfg.body_limit = 512 * 1024;
    if (s->cfg.conn_timeout == 0)
        s->cfg.conn_timeout = 30;
    if (s->cfg.db_url == NULL)
        s->cfg.db_url = CCCD_STORE_DEFAULT_URL;
    size_t nroutes;
    http_routes(&nroutes);
    cccd_errc rc = CCCD_OK;
    union {
        struct sockaddr_in v4;
        struct sockaddr_in6 v6;
    } addr;
    memset(&addr, 0, sizeof addr);
    bool v6 = false;
    const char *a = s->cfg.address ? s->cfg.address : "127.0.0.1";
    if (inet_pton(AF_INET, a, &addr.v4.sin_addr) == 1) {
        addr.v4.sin_family = AF_INET;
        addr.v4.sin_port = htons(s->cfg.port);
    } else if (inet_pton(AF_INET6, a, &addr.v6.sin6_addr) == 1) {
        v6 = true;
        addr.v6.sin6_family = AF_INET6;
        addr.v6.sin6_port = htons(s->cfg.port);
    } else {
        rc = cccd_err_set(err, CCCD_E_ARG, "listen", "'%s' is not an IPv4 or IPv6 address", a);
        goto fail;
    }
    if (s->cfg.address_failures <= 0)
        s->cfg.address_failures = 20;
    if (s->cfg.address_window <= 0)
        s->cfg.address_window = 600;
    if (s->cfg.lookups <= 0)
        s->cfg.lookups = 10;
    if (s->cfg.lookup_window <= 0)
        s->cfg.lookup_window = 600;
    if ((s->throttle = throttle_new(s->cfg.address_failures, s->cfg.address_window)) == NULL ||
        (s->lookups = throttle_new(s->cfg.lookups, s->cfg.lookup_window)) == NULL ||
        (s->route_names = calloc(nroutes, sizeof *s->route_names)) == NULL ||
        (s->metrics = metrics_new(nroutes)) == NULL) {
        rc = cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory");
        goto fail;
    }
    const http_route *routes = http_routes(&nroutes);
    for (size_t i = 0; i < nroutes; i++) {
        size_t n = strlen(routes[i].method) + strlen(routes[i].pattern) + 2;
        if ((s->route_names[i] = malloc(n)) == NULL) {
            rc = cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory");
            goto fail;
        }
        snprintf(s->route_names[i], n, "%s %s", routes[i].method, routes[i].pattern);
    }
    if ((rc = store_pool_new(s->cfg.db_url, s->cfg.threads + 1, &s->pool, err)) != CCCD_OK)
        goto fail;
    {
        cccd_store *st = store_pool_get(s->pool, err);
        if (st == NULL) {
            rc = err->code;
            goto fail;
        }
        cccd_err uerr;
        if (cccd_store_units_load(st, &s->units, &uerr) != CCCD_OK) {
            s->units = NULL;
            if (uerr.code != CCCD_E_UNIT_UNKNOWN) {
                *err = uerr;
                rc = uerr.code;
                store_pool_put(s->pool, st, 0);
                goto fail;
            }
            logf_(s, "no units imported: unit, coverage and citizen requests answer 404");
        }
        bool sqlite = strcmp(cccd_store_backend(st), "sqlite") == 0;
        store_pool_put(s->pool, st, 0);
        if (sqlite && !s->cfg.no_group_commit) {
            if ((rc = cccd_store_group_new(s->cfg.db_url, &s->group, err)) != CCCD_OK)
                goto fail;
            store_pool_use_group(s->pool, s->group);
        }
    }
    if ((rc = cccd_audit_log_new(s->cfg.db_url, &s->audit, err)) != CCCD_OK)
        goto fail;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_TURBO |
                     MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG | (v6 ? MHD_USE_IPv6 : 0);
    if (s->cfg.tls_cert || s->cfg.tls_key) {
        if (!s->cfg.tls_cert || !s->cfg.tls_key) {
            rc = cccd_err_set(err, CCCD_E_ARG, s->cfg.tls_cert ? "tls-key" : "tls-cert",
                              "TLS needs both a certificate and its key");
            goto fail;
        }
        if ((rc = http_tls_check(s->cfg.tls_cert, s->cfg.tls_key, err)) != CCCD_OK)
            goto fail;
        if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
            rc = cccd_err_set(err, CCCD_E_ARG, "tls-cert",
                              "this libmicrohttpd was built without TLS");
            goto fail;
        }
        flags |= MHD_USE_TLS;
    }
    s->d = MHD_start_daemon(
        flags, s->cfg.port, NULL, NULL, on_request, s, MHD_OPTION_EXTERNAL_LOGGER, mhd_log, s,
        MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)&addr, MHD_OPTION_THREAD_POOL_SIZE,
        (unsigned)s->cfg.threads, MHD_OPTION_CONNECTION_TIMEOUT, s->cfg.conn_timeout,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)1000, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        (size_t)(64 * 1024), MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
        MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned)1,
        s->cfg.tls_cert ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, s->cfg.tls_cert,
        MHD_OPTION_HTTPS_MEM_KEY, s->cfg.tls_key, MHD_OPTION_END);
    if (s->d == NULL) {
        rc = cccd_err_set(err, CCCD_E_IO, "listen",
                          "cannot listen on %s port %u (in use, or not an address of this "
                          "machine?)",
                          a, (unsigned)s->cfg.port);
        goto fail;
    }
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
    s->port = di ? di->port : s->cfg.port;
    *out = s;
    return CCCD_OK;
fail:
    cccd_server_free(s);
    return rc;
}

uint16_t cccd_server_port(const cccd_server *s) {
    return s->port;
}

int cccd_server_drain(cccd_server *s, int timeout_ms) {
    atomic_store(&s->draining, true);
    if (s->d) {
        MHD_socket fd = MHD_quiesce_daemon(s->d);
        if (fd != MHD_INVALID_SOCKET)
            close(fd);
    }
    for (int waited = 0; atomic_load(&s->in_flight) > 0 && waited < timeout_ms; waited += 10) {
        struct timespec ts = {0, 10 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    return atomic_load(&s->in_flight);
}

void cccd_server_free(cccd_server *s) {
    if (s == NULL)
        return;
    /* no request may be inside an endpoint when the audit log goes: drain (again) first; then
     * the audit writer commits what is queued and resumes the connections waiting for it, and
     * only then may the daemon stop (it must not hold suspended connections) */
    if (s->d)
        cccd_server_drain(s, 15000);
    cccd_audit_log_free(s->audit);
    s->audit = NULL;
    if (s->d)
        MHD_stop_daemon(s->d);
    /* no request is left to hand it work */
    cccd_store_group_free(s->group);
    store_pool_free(s->pool);
    cccd_units_free(s->units);
    metrics_free(s->metrics);
    throttle_free(s->throttle);
    throttle_free(s->lookups);
    size_t n;
    http_routes(&n);
    for (size_t i = 0; s->route_names && i < n; i++)
        free(s->route_names[i]);
    free(s->route_names);
    free(s);
}

bool cccd_server_route(size_t i, cccd_route_info *out) {
    size_t n;
    const http_route *r = http_routes(&n);
    if (i >= n)
        return false;
    out->method = r[i].method;
    out->pattern = r[i].pattern;
    out->perm = r[i].perm >= 0                ? cccd_perm_name((cccd_perm)r[i].perm)
                : r[i].perm == HTTP_SIGNED_IN ? "signed-in"
                                              : "public";
    out->summary = r[i].summary;
    return true;
}
