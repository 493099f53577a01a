/*
 * bench_server.c: the server issue's figure, next to a baseline measured in the same run:
 *
 *   GET /api/v1/citizens/{id} with a valid token (the token checked, the role and the
 *   jurisdiction checked, the record read, an audit entry made durable before the answer),
 *   under wrk on loopback with 32 and with 128 connections, rotating over 1,000 citizens;
 *   against a bare libmicrohttpd daemon with the same threading answering a static text under
 *   the same load. Requests per second, p50 and p99.
 *
 * The population is synthetic (cccd synth): 50,000 people of Thái Bình (34) on the 2025-03 unit
 * list and the 2025 reform, in build/bench/data/server.db (SQLite, as `make run` uses).
 * Needs wrk (Debian package) and ../shared/data (or CCCD_SHARED).
 */
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "server/server.h"
#include "store/store.h"

#include "bench_population.h"
#include "bench_util.h"

#define DATA "build/bench/data"
#define THREADS 2 /* request threads, for both servers: one per core here */
#define PASSWORD "bench password 2026"

static int fail(const char *what, const cccd_err *err) {
    fprintf(stderr, "bench_server: %s: %s\n", what, err ? err->msg : "failed");
    return 1;
}

/* The database: units, 50,000 people, one commander of the province. Made once. */
static int make_db(const char *shared, const char *db, char ids[1000][13]) {
    char csv[256], *units, *reform;
    size_t ul, rl;
    cccd_units *u;
    snprintf(csv, sizeof csv, DATA "/server-people.csv");
    bench_population pop = {shared, db, csv, "34", 50000, 7, "bench", "commander", "33", PASSWORD};
    if (!bench_units(shared, &u, &units, &ul, &reform, &rl) ||
        !bench_population_db(&pop, u, units, ul, reform, rl))
        return 1;
    /* 1,000 IDs from the file, for wrk to rotate over */
    FILE *in = fopen(csv, "rb");
    char line[4096];
    int n = 0;
    if (in == NULL || fgets(line, sizeof line, in) == NULL)
        return fail(csv, NULL);
    while (n < 1000 && fgets(line, sizeof line, in))
        if (strspn(line, "0123456789") == 12 && line[12] == ',')
            snprintf(ids[n++], 13, "%.12s", line);
    fclose(in);
    cccd_units_free(u);
    free(units);
    free(reform);
    return n == 1000 ? 0 : fail("fewer than 1,000 IDs in the CSV", NULL);
}

/* The baseline: libmicrohttpd alone, the same threading, a static answer. */
static enum MHD_Result bare(void *cls, struct MHD_Connection *c, const char *url,
                            const char *method, const char *version, const char *data, size_t *size,
                            void **con_cls) {
    (void)cls, (void)url, (void)method, (void)version, (void)data, (void)size, (void)con_cls;
    static const char ok[] = "{\"status\":\"ok\"}";
    struct MHD_Response *r =
        MHD_create_response_from_buffer(sizeof ok - 1, (void *)ok, MHD_RESPMEM_PERSISTENT);
    MHD_add_response_header(r, "Content-Type", "application/json");
    enum MHD_Result ret = MHD_queue_response(c, 200, r);
    MHD_destroy_response(r);
    return ret;
}

static int run_wrk(const char *url, const char *script, int conns, wrk_result *out) {
    return bench_wrk(url, script, conns, 8, out)
               ? 0
               : fail("wrk (is the Debian package wrk installed?)", NULL);
}

int main(void) {
    cccd_store_process_init();
    const char *shared = getenv("CCCD_SHARED") ? getenv("CCCD_SHARED") : "../shared/data";
    mkdir("build/bench", 0755);
    mkdir(DATA, 0755);
    static char ids[1000][13];
    const char *db = DATA "/server.db";
    printf("== server: GET /api/v1/citizens/{id}, authorised and audited, under wrk\n");
    if (make_db(shared, db, ids))
        return 1;
    char url[300];
    snprintf(url, sizeof url, "sqlite:%s", db);
    cccd_server_config cfg;
    cccd_server_config_default(&cfg);
    cfg.db_url = url;
    cfg.port = 0;
    cfg.threads = THREADS;
    cccd_server *srv;
    cccd_err err;
    if (cccd_server_start(&cfg, &srv, &err) != CCCD_OK)
        return fail("server", &err);
    unsigned port = cccd_server_port(srv);
    /* log in with curl, write the wrk script that rotates over the IDs with the token */
    char token[128] = "";
    if (!bench_login(port, "bench", PASSWORD, token, sizeof token))
        return fail("login (is curl installed?)", NULL);
    const char *script = DATA "/server-wrk.lua";
    FILE *s = fopen(script, "w");
    if (s == NULL)
        return fail(script, NULL);
    fprintf(s, "wrk.headers[\"Authorization\"] = \"Bearer %s\"\nids = {", token);
    for (int i = 0; i < 1000; i++)
        fprintf(s, "%s\"%s\"", i ? "," : "", ids[i]);
    fprintf(s, "}\ni = 0\nrequest = function()\n  i = i %% 1000 + 1\n"
               "  return wrk.format(\"GET\", \"/api/v1/citizens/\" .. ids[i])\nend\n");
    fclose(s);

    struct MHD_Daemon *d =
        MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL, 0, NULL, NULL, bare, NULL,
                         MHD_OPTION_THREAD_POOL_SIZE, (unsigned)THREADS, MHD_OPTION_END);
    if (d == NULL)
        return fail("bare libmicrohttpd", NULL);
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    char bare_url[128], our_url[128];
    snprintf(bare_url, sizeof bare_url, "http://127.0.0.1:%u/healthz", (unsigned)di->port);
    snprintf(our_url, sizeof our_url, "http://127.0.0.1:%u", port);
    /* 32 connections: the audit's commit bounds a small load; 128: a province's desks */
    static const int loads[] = {32, 128};
    long refused = 0;
    wrk_result b[2], o[2];
    for (int k = 0; k < 2; k++)
        if (run_wrk(bare_url, NULL, loads[k], &b[k]) || run_wrk(our_url, script, loads[k], &o[k]))
            return 1;
    MHD_stop_daemon(d);
    cccd_server_drain(srv, 5000);
    cccd_server_free(srv);
    for (int k = 0; k < 2; k++) {
        printf("wrk -t2 -c%d, %d request threads each:\n", loads[k], THREADS);
        printf("  cccd     GET /api/v1/citizens/{id}: %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms\n",
               o[k].rps, o[k].p50_ms, o[k].p99_ms);
        printf("  baseline bare libmicrohttpd static : %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms\n",
               b[k].rps, b[k].p50_ms, b[k].p99_ms);
        printf("  ratio %.2f (goal: at least 0.50)\n", o[k].rps / b[k].rps);
        refused += o[k].non2xx;
    }
    return refused ? fail("some requests were refused", NULL) : 0;
}
