/*
 * bench_enroll.c: issue 6's metadata path, next to a baseline measured in the same run:
 *
 *   POST /api/v1/applications {"personal_id", "request_id"} by an officer: the registry record
 *   read, the type decided, the application, its event, its figures and its audit entry
 *   committed (durable: WAL, synchronous=FULL) before the 201 leaves; under wrk on loopback
 *   with 32 and 128 connections (desks), each request a new person;
 *   against raw SQLite inserts of the same request bodies, one fsync'd transaction each, on
 *   one connection (what a durable answer per request costs at least without grouping).
 *   Acknowledged applications per second, p50 and p99.
 *
 * The population is synthetic (cccd synth): 600,000 people of Thái Bình (34); each run starts
 * from a fresh copy of the imported database (build/bench/data/enroll.db), since every opening
 * uses up a person. Needs wrk, curl and ../shared/data (or CCCD_SHARED). The goal is
 * 10,000 acknowledged, durable openings per second; bench_desk.c measures the full desk path.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "server/server.h"
#include "service/residents.h"
#include "store/store.h"

#include "bench_population.h"
#include "bench_util.h"

#define DATA "build/bench/data"
#define THREADS 32 /* request threads: a request waiting for its group's commit holds one */
#define SECONDS 5

static int fail(const char *what, const cccd_err *err) {
    fprintf(stderr, "bench_enroll: %s: %s\n", what, err ? err->msg : "failed");
    return 1;
}

/* A wrk script opening one application per request, for the IDs [first, first + n) written to
 * a file beside it (read at wrk's start: a Lua table literal that long has too many
 * constants): each of wrk's two threads takes every other one. */
static int write_script(const char *path, const char *token, const bench_ids *ids, size_t first,
                        size_t n) {
    char list[300];
    snprintf(list, sizeof list, "%s.ids", path);
    FILE *l = fopen(list, "w"), *s = fopen(path, "w");
    if (l == NULL || s == NULL)
        return fail(path, NULL);
    for (size_t i = 0; i < n; i++)
        fprintf(l, "%s\n", ids->v[first + i]);
    fclose(l);
    fprintf(s,
            "wrk.method = \"POST\"\nwrk.headers[\"Authorization\"] = \"Bearer %s\"\n"
            "wrk.headers[\"Content-Type\"] = \"application/json\"\n"
            "local k = 0\nsetup = function(t) t:set(\"k\", k) k = k + 1 end\n"
            "init = function()\n  ids = {}\n  for line in io.lines(\"%s\") do\n"
            "    ids[#ids + 1] = line\n  end\n  i = tonumber(wrk.thread:get(\"k\")) + 1\nend\n"
            "request = function()\n  local id = ids[i]\n  i = i + 2\n"
            "  return wrk.format(nil, \"/api/v1/applications\", nil,\n"
            "    '{\"personal_id\":\"' .. id .. '\",\"request_id\":\"bench-' .. id .. '\"}')\n"
            "end\n",
            token, list);
    fclose(s);
    return 0;
}

/* The baseline: each body inserted in its own durable transaction on one connection. */
static double raw_inserts(const char *path, const bench_ids *ids, double seconds) {
    unlink(path);
    sqlite3 *db;
    if (sqlite3_open(path, &db) != SQLITE_OK ||
        sqlite3_exec(db,
                     "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                     " CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)",
                     NULL, NULL, NULL) != SQLITE_OK)
        return -1;
    sqlite3_stmt *ins;
    if (sqlite3_prepare_v2(db, "INSERT INTO t (body) VALUES (?)", -1, &ins, NULL) != SQLITE_OK)
        return -1;
    size_t n = 0;
    double t0 = bench_now(), t = t0;
    while (t - t0 < seconds) {
        char body[96];
        const char *id = ids->v[n % ids->n];
        snprintf(body, sizeof body, "{\"personal_id\":\"%s\",\"request_id\":\"bench-%s\"}", id, id);
        sqlite3_bind_text(ins, 1, body, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(ins) != SQLITE_DONE)
            return -1;
        sqlite3_reset(ins);
        n++;
        if (n % 64 == 0)
            t = bench_now();
    }
    t = bench_now();
    sqlite3_finalize(ins);
    sqlite3_close(db);
    unlink(path);
    return (double)n / (t - t0);
}

int main(void) {
    cccd_store_process_init();
    const char *shared = getenv("CCCD_SHARED") ? getenv("CCCD_SHARED") : "../shared/data";
    mkdir("build/bench", 0755);
    mkdir(DATA, 0755);
    printf("== enrollment: POST /api/v1/applications, durable before the answer, under wrk\n");
    const char *db = DATA "/enroll.db";
    bench_ids ids = {NULL, 0, 240000};
    if ((ids.v = calloc(ids.cap, sizeof *ids.v)) == NULL || !bench_desk_province(shared, db, &ids))
        return 1;
    char url[300];
    snprintf(url, sizeof url, "sqlite:%s", db);
    /* three loads, each on its own third of the people (an opening never repeats): grouped
     * commits under 32 and 128 desks, then one commit per request under 32 desks */
    static const struct {
        int conns;
        bool grouped;
    } loads[] = {{32, true}, {128, true}, {32, false}};
    enum { NLOADS = sizeof loads / sizeof loads[0] };
    const char *script = DATA "/enroll-wrk.lua";
    wrk_result o[NLOADS];
    size_t part = ids.n / NLOADS;
    uint64_t commits[NLOADS] = {0}, writes[NLOADS] = {0};
    for (int k = 0; k < NLOADS; k++) {
        cccd_server_config cfg;
        cccd_server_config_default(&cfg);
        cfg.db_url = url;
        cfg.port = 0;
        cfg.threads = THREADS;
        cfg.no_group_commit = !loads[k].grouped;
        cccd_server *srv;
        cccd_err err;
        if (cccd_server_start(&cfg, &srv, &err) != CCCD_OK)
            return fail("server", &err);
        unsigned port = cccd_server_port(srv);
        char token[128] = "", our_url[128];
        if (!bench_login(port, "desk", BENCH_DESK_PASSWORD, token, sizeof token))
            return fail("login (is curl installed?)", NULL);
        snprintf(our_url, sizeof our_url, "http://127.0.0.1:%u", port);
        if (write_script(script, token, &ids, k * part, part) ||
            !bench_wrk(our_url, script, loads[k].conns, SECONDS, &o[k]))
            return fail("wrk (is the Debian package wrk installed?)", NULL);
        if (loads[k].grouped && !bench_group_stats(port, &commits[k], &writes[k]))
            return fail("reading /metrics", NULL);
        cccd_server_drain(srv, 5000);
        cccd_server_free(srv);
    }
    double raw = raw_inserts(DATA "/enroll-raw.db", &ids, 3.0);
    if (raw <= 0)
        return fail("the raw SQLite baseline", NULL);
    printf("baseline raw SQLite, one fsync'd insert of a request body per transaction: %.0f /s\n",
           raw);
    long refused = 0;
    for (int k = 0; k < NLOADS; k++) {
        printf("wrk -t2 -c%d (desks), %d request threads, %s:\n", loads[k].conns, THREADS,
               loads[k].grouped ? "grouped commits" : "one commit per request");
        printf("  cccd opened and durable: %8.0f /s  p50 %6.2f ms  p99 %6.2f ms%s\n", o[k].rps,
               o[k].p50_ms, o[k].p99_ms, o[k].non2xx ? "  (some refused)" : "");
        if (loads[k].grouped && commits[k] > 0)
            printf("  %llu commits for %llu writes: %.1f requests per fsync\n",
                   (unsigned long long)commits[k], (unsigned long long)writes[k],
                   (double)writes[k] / (double)commits[k]);
        printf("  ratio to the raw baseline %.2f; the issue's goal, 10,000/s: %s\n", o[k].rps / raw,
               o[k].rps >= 10000 ? "met" : "not met");
        refused += o[k].non2xx;
    }
    free(ids.v);
    return refused ? fail("some openings were refused", NULL) : 0;
}
