/*
 * cmd_serve.c: `cccd serve`: runs the HTTP/JSON API and the web UI (src/server) until SIGTERM
 * or SIGINT, then drains: requests in flight finish, new connections are refused, and the
 * process exits 0. Signals are taken by sigwait() in the main thread, so no handler runs inside
 * a request thread.
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "server/server.h"
#include "service/seal.h"
#include "service/ticket_print.h"

static const cli_cmd cmd = {
    "serve",
    "serve [--db URL] [--listen ADDR:PORT] [--tls-cert FILE --tls-key FILE] [--web DIR]\n"
    "      [--threads N] [--body-limit BYTES] [--token-ttl SECONDS] [--bio-key FILE] [--routes]\n"
    "  Serves the API under /api/v1/ (docs/api.md) and the web UI from DIR (default: web/ when\n"
    "  it exists) at /, on ADDR:PORT (default 127.0.0.1:8080; [::1]:8080 for IPv6; port 0: any\n"
    "  free port, printed at start). With --tls-cert and --tls-key (PEM files), HTTPS.\n"
    "  --threads: request threads (default 16); --body-limit: the largest request body\n"
    "  (default 524288: a fingerprint upload); --token-ttl: how long a login lasts (default\n"
    "  43200, 12 hours). --bio-key: the key file (cccd keygen) that seals uploaded portraits\n"
    "  and fingerprints; without it the upload routes answer 503.\n"
    "  --routes prints the routes served and exits. SIGTERM or SIGINT drains and exits 0.",
    0, 0};

static void log_line(void *ctx, const char *line) {
    (void)ctx;
    char ts[32];
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tm);
    fprintf(stderr, "%s cccd serve: %s\n", ts, line);
}

/* "ADDR:PORT" or "[V6]:PORT" into addr (size n) and *port. */
static int parse_listen(const char *s, char *addr, size_t n, long *port) {
    const char *colon;
    if (s[0] == '[') {
        const char *end = strchr(s, ']');
        if (end == NULL || end[1] != ':')
            return cli_failf("--listen: '%s' is not [ADDRESS]:PORT", s);
        snprintf(addr, n, "%.*s", (int)(end - s - 1), s + 1);
        colon = end + 1;
    } else {
        colon = strrchr(s, ':');
        if (colon == NULL)
            return cli_failf("--listen: '%s' is not ADDRESS:PORT", s);
        snprintf(addr, n, "%.*s", (int)(colon - s), s);
    }
    return cli_parse_long(colon + 1, "--listen port", 0, 65535, port);
}

static int print_routes(void) {
    cccd_route_info r;
    for (size_t i = 0; cccd_server_route(i, &r); i++)
        printf("%-6s %-34s %-16s %s\n", r.method, r.pattern, r.perm, r.summary);
    return CLI_OK;
}

int cmd_serve(int argc, char **argv) {
    const char *db = NULL, *listen = NULL, *cert_f = NULL, *key_f = NULL, *web = NULL,
               *threads_s = NULL, *limit_s = NULL, *ttl_s = NULL, *bio_key_f = NULL;
    bool routes = false;
    const cli_opt opts[] = {{"--db", &db, NULL},
                            {"--listen", &listen, NULL},
                            {"--tls-cert", &cert_f, NULL},
                            {"--tls-key", &key_f, NULL},
                            {"--web", &web, NULL},
                            {"--threads", &threads_s, NULL},
                            {"--body-limit", &limit_s, NULL},
                            {"--token-ttl", &ttl_s, NULL},
                            {"--bio-key", &bio_key_f, NULL},
                            {"--routes", NULL, &routes},
                            {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, NULL, &nargs);
    if (rc >= 0)
        return rc;
    if (routes)
        return print_routes();
    if ((cert_f == NULL) != (key_f == NULL))
        return cli_usage_error(&cmd, "--tls-cert and --tls-key go together");
    cccd_server_config cfg;
    cccd_server_config_default(&cfg);
    cli_env_default(&db, "CCCD_DB");
    cfg.db_url = db;
    char addr[64];
    snprintf(addr, sizeof addr, "%s", cfg.address);
    long port = cfg.port, threads = (long)cfg.threads, limit = (long)cfg.body_limit,
         ttl = (long)cfg.auth.token_ttl;
    if ((listen && (rc = parse_listen(listen, addr, sizeof addr, &port)) >= 0) ||
        (threads_s && (rc = cli_parse_long(threads_s, "--threads", 1, 256, &threads)) >= 0) ||
        (limit_s && (rc = cli_parse_long(limit_s, "--body-limit", 1024, 64L << 20, &limit)) >= 0) ||
        (ttl_s && (rc = cli_parse_long(ttl_s, "--token-ttl", 60, 30L * 86400, &ttl)) >= 0))
        return rc;
    cfg.address = addr;
    cfg.port = (uint16_t)port;
    cfg.threads = (unsigned)threads;
    cfg.body_limit = (size_t)limit;
    cfg.auth.token_ttl = ttl;
    cfg.log = log_line;
    struct stat sb;
    if (web == NULL && stat("web", &sb) == 0 && S_ISDIR(sb.st_mode))
        web = "web";
    if (web && (stat(web, &sb) != 0 || !S_ISDIR(sb.st_mode)))
        return cli_failf("--web: '%s' is not a directory", web);
    cfg.web_dir = web;
    cccd_err err;
    if (getenv("CCCD_TODAY") && cli_today(&cfg.today, &err) != CCCD_OK)
        return cli_fail(&err);
    cccd_seal_key bio_key;
    if (bio_key_f && cccd_seal_key_load(bio_key_f, &bio_key, &err) != CCCD_OK)
        return cli_fail(&err);
    cfg.bio_key = bio_key_f ? &bio_key : NULL;
    char *cert = NULL, *key = NULL;
    size_t len;
    if (cert_f && (cli_read_file(cert_f, 1 << 20, &cert, &len, &err) != CCCD_OK ||
                   cli_read_file(key_f, 1 << 20, &key, &len, &err) != CCCD_OK)) {
        free(cert);
        return cli_fail(&err);
    }
    cfg.tls_cert = cert;
    cfg.tls_key = key;
    /* every thread the server starts inherits this mask: the signals come to sigwait below */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
    cccd_server *srv = NULL;
    if (cccd_server_start(&cfg, &srv, &err) != CCCD_OK) {
        free(cert);
        free(key);
        return cli_fail(&err);
    }
    char line[160];
    snprintf(line, sizeof line, "listening on %s://%s%s%s:%u/ (%ld threads)%s%s",
             cert ? "https" : "http", strchr(addr, ':') ? "[" : "", addr,
             strchr(addr, ':') ? "]" : "", (unsigned)cccd_server_port(srv), threads,
             web ? ", web UI from " : "", web ? web : "");
    log_line(NULL, line);
    int sig = 0;
    sigwait(&set, &sig);
    log_line(NULL, sig == SIGTERM ? "SIGTERM: draining" : "SIGINT: draining");
    int left = cccd_server_drain(srv, 30000);
    if (left > 0) {
        snprintf(line, sizeof line, "%d requests still in flight after 30 s; stopping anyway",
                 left);
        log_line(NULL, line);
    }
    cccd_server_free(srv);
    cccd_ticket_print_release_caches(); /* no request is drawing any more */
    free(cert);
    free(key);
    cccd_seal_key_wipe(&bio_key);
    log_line(NULL, "stopped");
    return left > 0 ? CLI_FAIL : CLI_OK;
}
