/*
 * bench_desk.c: issue 6's full desk path, next to a baseline measured in the same run:
 *
 *   what one desk does for one citizen, through the API: open the application, upload the
 *   portrait (a JPEG, checked and sealed), upload ten fingerprints (PNG, each decoded, scored
 *   and sealed), submit; each answer after its commit is durable; 16 desks at once on
 *   loopback, each a libcurl client on its own thread with keep-alive;
 *   against raw SQLite: the same bytes (the portrait and ten prints) inserted as blobs, one
 *   fsync'd transaction per application, on one connection.
 *
 * Full applications per second, the p50 and p99 of one application's time at the desk (13
 * requests) and of each request. The population is bench_enroll's synthetic province; each run
 * starts from a fresh copy of it. Needs curl and ../shared/data (or CCCD_SHARED).
 */
#include <curl/curl.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "server/server.h"
#include "service/fingerprint_png.h"
#include "service/seal.h"
#include "service/synth_fingerprint.h"
#include "service/synth_portrait.h"
#include "store/store.h"

#include "bench_population.h"
#include "bench_util.h"

#define DATA "build/bench/data"
#define DESKS 16
#define THREADS 32
#define SECONDS 10.0
#define FINGERS 10
#define MAX_APPS 100000

static int fail(const char *what, const cccd_err *err) {
    fprintf(stderr, "bench_desk: %s: %s\n", what, err ? err->msg : "failed");
    return 1;
}

/* The people who still need a card, shared by the desks (each takes the next). */
typedef struct people {
    bench_ids ids;
    atomic_size_t next;
} people;

/* {"NAME":"BASE64"}, new (caller frees). */
static char *b64_body(const char *name, const unsigned char *bytes, size_t len) {
    size_t cap = (len + 2) / 3 * 4 + strlen(name) + 16;
    char *out = malloc(cap);
    if (out == NULL)
        return NULL;
    int n = snprintf(out, cap, "{\"%s\":\"", name);
    n += EVP_EncodeBlock((unsigned char *)out + n, bytes, (int)len);
    snprintf(out + n, cap - (size_t)n, "\"}");
    return out;
}

/* What the desks upload: one portrait and ten different prints (bytes and request bodies). */
typedef struct captures {
    unsigned char *jpeg, *png[FINGERS];
    size_t jlen, plen[FINGERS];
    char *photo_body, *print_body[FINGERS];
} captures;

static int make_captures(captures *c) {
    cccd_err err;
    if (cccd_synth_portrait_jpeg(7, &c->jpeg, &c->jlen, &err) != CCCD_OK)
        return fail("portrait", &err);
    /* a print at 500 ppi of about 16 x 20 mm */
    enum { W = 320, H = 400 };
    uint8_t *px = malloc(W * H);
    if (px == NULL)
        return fail("memory", NULL);
    for (int i = 0; i < FINGERS; i++) {
        cccd_synth_finger fp = cccd_synth_finger_preset(CCCD_SYNTH_FINGER_CLEAR, W, H, 100 + i);
        if (cccd_synth_finger_draw(&fp, px, &err) != CCCD_OK ||
            cccd_finger_png_encode(px, W, H, W, &c->png[i], &c->plen[i], &err) != CCCD_OK)
            return fail("fingerprint", &err);
        if ((c->print_body[i] = b64_body("png_base64", c->png[i], c->plen[i])) == NULL)
            return fail("memory", NULL);
    }
    free(px);
    if ((c->photo_body = b64_body("jpeg_base64", c->jpeg, c->jlen)) == NULL)
        return fail("memory", NULL);
    return 0;
}

/* ---- the desks ---- */

typedef struct desk {
    unsigned port;
    const char *token;
    const captures *cap;
    people *ids;
    double until;
    /* results */
    double *app_ms, *req_ms; /* owned */
    size_t napps, nreqs, cap_apps, cap_reqs;
    long failed;
    char error[256];
} desk;

typedef struct answer {
    char buf[4096];
    size_t n;
} answer;

static size_t on_body(char *p, size_t size, size_t n, void *ctx) {
    answer *a = ctx;
    size_t k = size * n, room = sizeof a->buf - 1 - a->n;
    memcpy(a->buf + a->n, p, k < room ? k : room);
    a->n += k < room ? k : room;
    a->buf[a->n] = '\0';
    return k;
}

/* One POST; its status, the answer in *a; the time into the desk's request latencies. */
static long post(desk *d, CURL *h, struct curl_slist *hdr, const char *path, const char *body,
                 answer *a) {
    char url[256];
    snprintf(url, sizeof url, "http://127.0.0.1:%u%s", d->port, path);
    a->n = 0;
    a->buf[0] = '\0';
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdr);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, body ? body : "{}");
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, a);
    double t0 = bench_now();
    long status = 0;
    if (curl_easy_perform(h) == CURLE_OK)
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    if (d->nreqs < d->cap_reqs)
        d->req_ms[d->nreqs++] = (bench_now() - t0) * 1000;
    return status;
}

static void *desk_run(void *arg) {
    desk *d = arg;
    CURL *h = curl_easy_init();
    char auth[256];
    snprintf(auth, sizeof auth, "Authorization: Bearer %s", d->token);
    struct curl_slist *hdr = curl_slist_append(NULL, auth);
    hdr = curl_slist_append(hdr, "Content-Type: application/json");
    answer a;
    while (bench_now() < d->until && d->napps < d->cap_apps) {
        size_t k = atomic_fetch_add(&d->ids->next, 1);
        if (k >= d->ids->ids.n)
            break;
        const char *pid = d->ids->ids.v[k];
        double t0 = bench_now();
        char body[128], path[128];
        snprintf(body, sizeof body, "{\"personal_id\":\"%s\",\"request_id\":\"desk-%s\"}", pid,
                 pid);
        long st = post(d, h, hdr, "/api/v1/applications", body, &a);
        const char *idp = strstr(a.buf, "\"id\":");
        if (st != 201 || idp == NULL) {
            snprintf(d->error, sizeof d->error, "open %s: %ld %.160s", pid, st, a.buf);
            d->failed++;
            continue;
        }
        long long id = atoll(idp + 5);
        snprintf(path, sizeof path, "/api/v1/applications/%lld/portrait", id);
        bool ok = (st = post(d, h, hdr, path, d->cap->photo_body, &a)) == 201;
        for (int f = 0; ok && f < FINGERS; f++) {
            snprintf(path, sizeof path, "/api/v1/applications/%lld/fingers/%d", id, f + 1);
            ok = (st = post(d, h, hdr, path, d->cap->print_body[f], &a)) == 201 &&
                 strstr(a.buf, "\"accept\"") != NULL;
        }
        if (ok) {
            snprintf(path, sizeof path, "/api/v1/applications/%lld/submit", id);
            ok = (st = post(d, h, hdr, path, NULL, &a)) == 200;
        }
        if (!ok) {
            snprintf(d->error, sizeof d->error, "%.60s: %ld %.160s", path, st, a.buf);
            d->failed++;
            continue;
        }
        d->app_ms[d->napps++] = (bench_now() - t0) * 1000;
    }
    curl_slist_free_all(hdr);
    curl_easy_cleanup(h);
    return NULL;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double pct(double *v, size_t n, double p) {
    if (n == 0)
        return 0;
    qsort(v, n, sizeof *v, cmp_double);
    size_t i = (size_t)(p * (double)(n - 1));
    return v[i];
}

/* ---- the baseline ---- */

/* Applications per second written raw: one row and eleven blobs per fsync'd transaction. */
static double raw_inserts(const char *path, const captures *c, double seconds) {
    unlink(path);
    sqlite3 *db;
    if (sqlite3_open(path, &db) != SQLITE_OK ||
        sqlite3_exec(db,
                     "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
                     "CREATE TABLE a (id INTEGER PRIMARY KEY, personal_id TEXT); "
                     "CREATE TABLE b (a INTEGER, item INTEGER, data BLOB)",
                     NULL, NULL, NULL) != SQLITE_OK)
        return -1;
    sqlite3_stmt *ia, *ib;
    if (sqlite3_prepare_v2(db, "INSERT INTO a (personal_id) VALUES ('034090000001')", -1, &ia,
                           NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "INSERT INTO b VALUES (?, ?, ?)", -1, &ib, NULL) != SQLITE_OK)
        return -1;
    size_t n = 0;
    double t0 = bench_now(), t = t0;
    while (t - t0 < seconds) {
        sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
        if (sqlite3_step(ia) != SQLITE_DONE)
            return -1;
        sqlite3_reset(ia);
        sqlite3_int64 id = sqlite3_last_insert_rowid(db);
        for (int i = 0; i <= FINGERS; i++) {
            sqlite3_bind_int64(ib, 1, id);
            sqlite3_bind_int(ib, 2, i);
            if (i == 0)
                sqlite3_bind_blob(ib, 3, c->jpeg, (int)c->jlen, SQLITE_STATIC);
            else
                sqlite3_bind_blob(ib, 3, c->png[i - 1], (int)c->plen[i - 1], SQLITE_STATIC);
            if (sqlite3_step(ib) != SQLITE_DONE)
                return -1;
            sqlite3_reset(ib);
        }
        if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
            return -1;
        n++;
        t = bench_now();
    }
    sqlite3_finalize(ia);
    sqlite3_finalize(ib);
    sqlite3_close(db);
    unlink(path);
    return (double)n / (t - t0);
}

int main(void) {
    cccd_store_process_init();
    curl_global_init(CURL_GLOBAL_DEFAULT);
    const char *shared = getenv("CCCD_SHARED") ? getenv("CCCD_SHARED") : "../shared/data";
    mkdir("build/bench", 0755);
    mkdir(DATA, 0755);
    printf("== the full desk path: open, portrait, ten prints, submit, through the API\n");
    const char *db = DATA "/desk.db";
    people ids = {{NULL, 0, MAX_APPS}, 0};
    captures cap;
    memset(&cap, 0, sizeof cap);
    if ((ids.ids.v = calloc(MAX_APPS, sizeof *ids.ids.v)) == NULL ||
        !bench_desk_province(shared, db, &ids.ids) || make_captures(&cap))
        return 1;
    size_t prints = 0;
    for (int i = 0; i < FINGERS; i++)
        prints += cap.plen[i];
    char url[300];
    snprintf(url, sizeof url, "sqlite:%s", db);
    cccd_seal_key key;
    cccd_err err;
    if (cccd_seal_key_generate(&key, &err) != CCCD_OK)
        return fail("key", &err);
    cccd_server_config cfg;
    cccd_server_config_default(&cfg);
    cfg.db_url = url;
    cfg.port = 0;
    cfg.threads = THREADS;
    cfg.bio_key = &key;
    cccd_server *srv;
    if (cccd_server_start(&cfg, &srv, &err) != CCCD_OK)
        return fail("server", &err);
    unsigned port = cccd_server_port(srv);
    char token[128] = "";
    if (!bench_login(port, "desk", BENCH_DESK_PASSWORD, token, sizeof token))
        return fail("login (is curl installed?)", NULL);
    desk d[DESKS];
    pthread_t t[DESKS];
    double t0 = bench_now();
    for (int i = 0; i < DESKS; i++) {
        d[i] =
            (desk){.port = port, .token = token, .cap = &cap, .ids = &ids, .until = t0 + SECONDS};
        d[i].cap_apps = 4096;
        d[i].cap_reqs = 4096 * (FINGERS + 3);
        d[i].app_ms = malloc(d[i].cap_apps * sizeof(double));
        d[i].req_ms = malloc(d[i].cap_reqs * sizeof(double));
        if (d[i].app_ms == NULL || d[i].req_ms == NULL ||
            pthread_create(&t[i], NULL, desk_run, &d[i]) != 0)
            return fail("starting the desks", NULL);
    }
    size_t napps = 0, nreqs = 0;
    long failed = 0;
    for (int i = 0; i < DESKS; i++) {
        pthread_join(t[i], NULL);
        napps += d[i].napps;
        nreqs += d[i].nreqs;
        failed += d[i].failed;
    }
    double elapsed = bench_now() - t0;
    uint64_t commits = 0, writes = 0;
    bool stats = bench_group_stats(port, &commits, &writes);
    cccd_server_drain(srv, 5000);
    cccd_server_free(srv);
    double *app_ms = malloc((napps + 1) * sizeof(double)),
           *req_ms = malloc((nreqs + 1) * sizeof(double));
    size_t ka = 0, kr = 0;
    for (int i = 0; i < DESKS; i++) {
        memcpy(app_ms + ka, d[i].app_ms, d[i].napps * sizeof(double));
        memcpy(req_ms + kr, d[i].req_ms, d[i].nreqs * sizeof(double));
        ka += d[i].napps;
        kr += d[i].nreqs;
    }
    double raw = raw_inserts(DATA "/desk-raw.db", &cap, 3.0);
    if (raw <= 0)
        return fail("the raw SQLite baseline", NULL);
    double rate = (double)napps / elapsed;
    printf("captures: a %zu-byte portrait, ten prints of %zu bytes in all (PNG, 320 x 400 at "
           "500 ppi)\n",
           cap.jlen, prints);
    printf("%d desks, %d request threads, %.1f s:\n", DESKS, THREADS, elapsed);
    printf("  cccd full applications submitted and durable: %8.1f /s (%zu; %zu requests)\n", rate,
           napps, nreqs);
    printf("  one application at the desk (13 requests): p50 %6.1f ms  p99 %6.1f ms\n",
           pct(app_ms, napps, 0.5), pct(app_ms, napps, 0.99));
    printf("  one request:                                p50 %6.2f ms  p99 %6.2f ms\n",
           pct(req_ms, nreqs, 0.5), pct(req_ms, nreqs, 0.99));
    if (stats && commits > 0)
        printf("  %llu commits for %llu writes: %.1f requests per fsync\n",
               (unsigned long long)commits, (unsigned long long)writes,
               (double)writes / (double)commits);
    printf("  baseline raw SQLite, the same bytes, one fsync'd transaction per application: "
           "%8.1f /s\n",
           raw);
    printf("  ratio %.3f (the desk path decodes, checks, scores and seals every capture; the "
           "baseline only stores bytes)\n",
           rate / raw);
    for (int i = 0; i < DESKS; i++) {
        if (d[i].failed)
            fprintf(stderr, "bench_desk: desk %d: %ld failed, e.g. %s\n", i, d[i].failed,
                    d[i].error);
        free(d[i].app_ms);
        free(d[i].req_ms);
    }
    free(app_ms);
    free(req_ms);
    free(ids.ids.v);
    cccd_seal_key_wipe(&key);
    curl_global_cleanup();
    return failed ? fail("some applications failed", NULL) : 0;
}
