/*
 * bench_country.h: the synthetic country bench_registry and bench_dashboard run on: N people
 * over the provinces in force on a day, one CSV made once (the same file name, generator and
 * seeds, so either bench reuses the other's) and kept in build/bench/data. Header-only, like
 * bench_util.h, so each bench stays one program.
 */
#ifndef CCCD_BENCH_COUNTRY_H
#define CCCD_BENCH_COUNTRY_H

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bench_util.h"
#include "core/units.h"
#include "service/synth.h"
#include "store/store.h"

/* Writes path (unless it exists): n people over the provinces in force on as_of, each
 * province synthesised with its own seed, one header. 0, or 1 with a line on stderr. */
static inline int bench_country_csv(const cccd_units *u, long n, cccd_date as_of,
                                    const char *path) {
    struct stat sb;
    if (stat(path, &sb) == 0)
        return 0; /* made by an earlier run */
    const char *provinces[64];
    size_t np = 0;
    for (size_t i = 0; i < cccd_units_version_count(u) && np < 64; i++) {
        const cccd_unit *v = cccd_units_version_at(u, i);
        if (v->level == CCCD_UNIT_PROVINCE && cccd_unit_in_force(v, as_of))
            provinces[np++] = v->code;
    }
    char tmp[512], part[512];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    snprintf(part, sizeof part, "%s.part", path);
    FILE *out = fopen(tmp, "wb");
    if (out == NULL) {
        fprintf(stderr, "bench: %s: cannot write\n", tmp);
        return 1;
    }
    double t0 = bench_now();
    for (size_t i = 0; i < np; i++) {
        cccd_synth_config cfg = {
            u,        provinces[i], (uint64_t)(n / (long)np) + (i == 0 ? n % (long)np : 0),
            1000 + i, as_of,        1.0};
        FILE *pf = fopen(part, "wb+");
        cccd_err err;
        if (pf == NULL || cccd_synth_write_csv(&cfg, pf, NULL, NULL, NULL, &err) != CCCD_OK) {
            fprintf(stderr, "bench: synth: %s\n", pf ? err.msg : "cannot write the part file");
            if (pf)
                fclose(pf);
            fclose(out);
            return 1;
        }
        rewind(pf);
        char buf[1 << 16];
        size_t r;
        bool header = i > 0; /* each province's file has a header: keep the first one only */
        while ((r = fread(buf, 1, sizeof buf, pf)) > 0) {
            size_t skip = 0;
            if (header) {
                char *nl = memchr(buf, '\n', r);
                skip = nl ? (size_t)(nl - buf) + 1 : r;
                header = nl == NULL;
            }
            fwrite(buf + skip, 1, r - skip, out);
        }
        fclose(pf);
        unlink(part);
        if (isatty(2))
            fprintf(stderr, "\r  synth %zu/%zu provinces", i + 1, np);
    }
    if (isatty(2))
        fprintf(stderr, "\n");
    if (fclose(out) != 0 || rename(tmp, path) != 0) {
        fprintf(stderr, "bench: %s: cannot write\n", path);
        return 1;
    }
    printf("  made %s: %ld people in %zu provinces (%.1f s)\n", path, n, np, bench_now() - t0);
    return 0;
}

/* A new store at url with the schema and the units of src (nsrc sources, u their model): the
 * country's empty database both benches import into. CCCD_OK, or the error in err. */
static inline cccd_errc bench_country_store(const char *url, const cccd_store_unit_source *src,
                                            size_t nsrc, const cccd_units *u, cccd_store **st,
                                            cccd_err *err) {
    bool changed;
    cccd_errc rc = cccd_store_open(url, st, err);
    if (rc == CCCD_OK &&
        ((rc = cccd_store_migrate(*st, NULL, NULL, err)) != CCCD_OK ||
         (rc = cccd_store_units_import(*st, src, nsrc, u, &changed, err)) != CCCD_OK)) {
        cccd_store_close(*st);
        *st = NULL;
    }
    return rc;
}

#endif
