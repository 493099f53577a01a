/*
 * bench_util.h: what the benchmark programs share: a monotonic clock, reading a whole file,
 * running wrk and reading its figures, logging in with curl. Header-only so that each
 * bench/bench_*.c stays one program (the Makefile builds each alone).
 */
#ifndef CCCD_BENCH_UTIL_H
#define CCCD_BENCH_UTIL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Seconds on a monotonic clock. */
static inline double bench_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The whole file, NUL-terminated, in a new buffer (caller frees); NULL when it cannot be read. */
static inline char *bench_read_all(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *b = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
        free(b);
        b = NULL;
    }
    if (b)
        b[n] = '\0';
    fclose(f);
    *len = b ? (size_t)n : 0;
    return b;
}

/* What wrk measured: requests per second, p50 and p99 latency, answers not 2xx/3xx. */
typedef struct wrk_result {
    double rps, p50_ms, p99_ms;
    long non2xx;
} wrk_result;

static inline double bench_wrk_ms(const char *v) {
    double x = atof(v);
    if (strstr(v, "us"))
        return x / 1000;
    if (strstr(v, "ms"))
        return x;
    return x * 1000; /* "s" */
}

/* wrk -t2 -cCONNS -dSECONDSs --latency [-s SCRIPT] URL; false when wrk failed or measured
 * nothing (is the Debian package wrk installed?). */
static inline bool bench_wrk(const char *url, const char *script, int conns, int seconds,
                             wrk_result *out) {
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "wrk -t2 -c%d -d%ds --latency %s%s %s 2>&1", conns, seconds,
             script ? "-s " : "", script ? script : "", url);
    FILE *p = popen(cmd, "r");
    if (p == NULL)
        return false;
    char line[512], last[512] = "";
    memset(out, 0, sizeof *out);
    while (fgets(line, sizeof line, p)) {
        snprintf(last, sizeof last, "%s", line);
        char v[64];
        if (sscanf(line, " 50%% %63s", v) == 1)
            out->p50_ms = bench_wrk_ms(v);
        else if (sscanf(line, " 99%% %63s", v) == 1)
            out->p99_ms = bench_wrk_ms(v);
        else if (sscanf(line, "Requests/sec: %lf", &out->rps) != 1)
            sscanf(line, " Non-2xx or 3xx responses: %ld", &out->non2xx);
    }
    int status = pclose(p);
    if (status != 0 || out->rps <= 0) {
        fprintf(stderr, "wrk ended with status %d; its last line: %s", status, last);
        return false;
    }
    return true;
}

/* The group writer's counters from /metrics on 127.0.0.1:port (cccd_db_commits_total,
 * cccd_db_writes_total); false when they could not be read. */
static inline bool bench_group_stats(unsigned port, uint64_t *commits, uint64_t *writes) {
    char cmd[256], line[512];
    snprintf(cmd, sizeof cmd, "curl -s http://127.0.0.1:%u/metrics", port);
    FILE *p = popen(cmd, "r");
    if (p == NULL)
        return false;
    int got = 0;
    while (fgets(line, sizeof line, p)) {
        unsigned long long v;
        if (sscanf(line, "cccd_db_commits_total %llu", &v) == 1)
            *commits = v, got++;
        else if (sscanf(line, "cccd_db_writes_total %llu", &v) == 1)
            *writes = v, got++;
    }
    return pclose(p) == 0 && got == 2;
}

/* Logs user in on 127.0.0.1:port with curl; the bearer token into token (size n). */
static inline bool bench_login(unsigned port, const char *user, const char *password, char *token,
                               size_t n) {
    char cmd[1024], resp[4096] = "", fmt[16];
    snprintf(cmd, sizeof cmd,
             "curl -s -H 'Content-Type: application/json' -d '{\"username\":\"%s\","
             "\"password\":\"%s\"}' http://127.0.0.1:%u/api/v1/login",
             user, password, port);
    FILE *p = popen(cmd, "r");
    if (p == NULL)
        return false;
    bool got = fgets(resp, sizeof resp, p) != NULL;
    pclose(p);
    const char *t = got ? strstr(resp, "\"token\":\"") : NULL;
    snprintf(fmt, sizeof fmt, "%%%zu[^\"]", n - 1);
    return t != NULL && sscanf(t + 9, fmt, token) == 1;
}

#endif
