/*
 * bench_util.h: what the benchmark programs share: a monotonic clock and reading a whole file.
 * Header-only so that each bench/bench_*.c stays one program (the Makefile builds each alone).
 */
#ifndef CCCD_BENCH_UTIL_H
#define CCCD_BENCH_UTIL_H

#include <stdio.h>
#include <stdlib.h>
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

#endif
