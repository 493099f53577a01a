/*
 * bench_registry.c: the registry's three figures from the storage issue, each next to a
 * baseline measured in the same run (these machines are noisy: compare ratios).
 *
 *   import    rows/s of `registry import` (every row validated, indexed, counted) against
 *             rows/s of sqlite3's own `.import` of the same CSV into a plain table (the
 *             issue's baseline), and, for the cost of the indexes, against that import followed
 *             by the registry's six indexes over the same columns;
 *   coverage  milliseconds for the coverage of the whole country (every commune) from the
 *             counters, against a plain SQL aggregation of the same figures over the citizens;
 *   search    microseconds for a name search by key within a commune, against a lookup of one
 *             citizen by personal ID.
 *
 * The population is synthetic (cccd synth), spread over the 63 provinces of the 2025-03 unit
 * list, 1,000,000 people; BENCH_LARGE=1 adds 10,000,000 (several minutes and ~10 GB of disk).
 * Files go to build/bench/data. Needs ../shared/data (or CCCD_SHARED) for the unit list.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "service/coverage.h"
#include "service/registry_import.h"
#include "service/synth.h"
#include "store/store.h"

#include "bench_country.h"
#include "bench_util.h"

#define DATA "build/bench/data"

static int fail(const char *what, const cccd_err *err) {
    fprintf(stderr, "bench_registry: %s: %s\n", what, err ? err->msg : strerror(errno));
    return 1;
}

static const cccd_date as_of = {2025, 3, 1, CCCD_DATE_DAY};

static void count_key(void *ctx, const char *key, const cccd_counts *c) {
    (void)c;
    char(*keys)[CCCD_UNIT_KEY_LEN] = ((void **)ctx)[0];
    size_t *n = ((void **)ctx)[1];
    if (*n < 20000)
        snprintf(keys[(*n)++], CCCD_UNIT_KEY_LEN, "%s", key);
}

static bool count_found(void *ctx, const cccd_store_record *r) {
    (void)r;
    (*(long *)ctx)++;
    return true;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int run(long n, const cccd_store_unit_source *src, const cccd_units *u) {
    char csv[256], base[256], db[300], url[320];
    snprintf(csv, sizeof csv, DATA "/people-%ld.csv", n);
    snprintf(base, sizeof base, DATA "/baseline-%ld.db", n);
    snprintf(db, sizeof db, DATA "/cccd-%ld.db", n);
    snprintf(url, sizeof url, "sqlite:%s", db);
    printf("== %ld people\n", n);
    if (bench_country_csv(u, n, as_of, csv))
        return 1;

    /* import: sqlite3's .import, then ours, on the same file */
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "rm -f %s && sqlite3 %s '.mode csv' '.import %s t'", base, base, csv);
    double t0 = bench_now();
    if (system(cmd) != 0)
        return fail("sqlite3 .import", NULL);
    double t_base = bench_now() - t0;
    /* the same, then indexes like the registry's over the same (text) columns, built as ours
     * are (a worker thread, small sort runs); not unique: the file has its duplicates */
    snprintf(cmd, sizeof cmd,
             "rm -f %s && sqlite3 %s '.mode csv' '.import %s t' 'PRAGMA threads = 2'"
             " 'PRAGMA cache_size = -4096' 'BEGIN'"
             " 'CREATE INDEX t_id ON t (personal_id)'"
             " 'CREATE INDEX t_name ON t (permanent_commune, full_name)'"
             " 'CREATE INDEX t_dob ON t (date_of_birth)'"
             " \"CREATE INDEX t_issued ON t (card_issued) WHERE card_issued <> ''\""
             " \"CREATE INDEX t_expiry ON t (card_expiry) WHERE card_expiry <> ''\""
             " \"CREATE INDEX t_temp ON t (temporary_commune) WHERE temporary_commune <> ''\""
             " 'COMMIT' >/dev/null",
             base, base, csv);
    t0 = bench_now();
    if (system(cmd) != 0)
        return fail("sqlite3 .import with indexes", NULL);
    double t_indexed = bench_now() - t0;
    snprintf(cmd, sizeof cmd, "rm -f %s %s-wal %s-shm %s", db, db, db, base);
    if (system(cmd) != 0)
        return fail("rm", NULL);
    cccd_store *st;
    cccd_err err;
    if (bench_country_store(url, src, 2, u, &st, &err) != CCCD_OK)
        return fail("store", &err);
    FILE *in = fopen(csv, "rb");
    cccd_import_opts o = {.as_of = as_of, .today = as_of};
    cccd_import_summary s;
    t0 = bench_now();
    if (in == NULL || cccd_registry_import(st, u, in, &o, NULL, NULL, NULL, &s, &err) != CCCD_OK)
        return fail("registry import", in ? &err : NULL);
    double t_ours = bench_now() - t0;
    fclose(in);
    cccd_store_close(st); /* includes the WAL checkpoint, as the command does */
    t_ours = bench_now() - t0;
    double r_ours = (double)s.rows / t_ours, r_base = (double)s.rows / t_base,
           r_indexed = (double)s.rows / t_indexed;
    printf("import:   cccd registry import %.0f rows/s (%.1f s; %llu loaded, %llu rejected)\n"
           "          sqlite3 .import      %.0f rows/s (%.1f s, plain table, no checks)\n"
           "          ratio %.2f\n"
           "          sqlite3 .import and the six indexes %.0f rows/s (%.1f s, no checks)\n"
           "          ratio %.2f\n",
           r_ours, t_ours, (unsigned long long)(s.inserted + s.updated + s.unchanged),
           (unsigned long long)s.rejected, r_base, t_base, r_ours / r_base, r_indexed, t_indexed,
           r_ours / r_indexed);

    /* coverage of the whole country on the counters' day and a month later */
    if (cccd_store_open_existing(url, &st, &err))
        return fail("store", &err);
    cccd_units *su;
    if (cccd_store_units_load(st, &su, &err))
        return fail("units", &err);
    cccd_date days[2] = {as_of, {2025, 3, 31, CCCD_DATE_DAY}};
    double ms[2];
    for (int d = 0; d < 2; d++) {
        double v[7];
        for (int i = 0; i < 7; i++) {
            cccd_coverage c;
            t0 = bench_now();
            if (cccd_coverage_get(st, su, "VN", days[d], &c, &err) != CCCD_OK)
                return fail("coverage", &err);
            v[i] = (bench_now() - t0) * 1000;
            cccd_coverage_free(&c);
        }
        qsort(v, 7, sizeof v[0], cmp_double);
        ms[d] = v[3];
    }
    snprintf(cmd, sizeof cmd,
             "sqlite3 %s \"SELECT permanent_unit, SUM(deceased = 0), SUM(deceased = 0 AND "
             "eligible_from <= 20148), SUM(deceased = 0 AND eligible_from <= 20148 AND card_type "
             "= 'chip' AND card_issued <= 20148 AND (card_expiry IS NULL OR card_expiry >= "
             "20148)) FROM citizens GROUP BY permanent_unit\" > /dev/null",
             db);
    t0 = bench_now();
    if (system(cmd) != 0)
        return fail("sqlite3 aggregate", NULL);
    double ms_base = (bench_now() - t0) * 1000;
    printf("coverage: the whole country from the counters %.1f ms (the counters' day), %.1f ms "
           "(30 days later)\n"
           "          SQL aggregation over the citizens %.1f ms\n"
           "          ratio %.1fx faster\n",
           ms[0], ms[1], ms_base, ms_base / ms[0]);

    /* name search within a commune, against a lookup by ID */
    char(*keys)[CCCD_UNIT_KEY_LEN] = calloc(20000, CCCD_UNIT_KEY_LEN);
    size_t nkeys = 0;
    void *kctx[2] = {keys, &nkeys};
    int64_t ref;
    if (cccd_store_coverage_counters(st, &ref, count_key, kctx, &err) || nkeys == 0)
        return fail("counters", &err);
    static const char *const prefixes[] = {"nguyen van", "tran thi", "le",   "pham thi",
                                           "hoang",      "vu van",   "dang", "bui thi"};
    const int Q = 2000;
    long found = 0;
    t0 = bench_now();
    for (int i = 0; i < Q; i++)
        if (cccd_store_citizens_find(st, keys[(size_t)i * 7919 % nkeys], prefixes[i % 8], 20,
                                     count_found, &found, &err))
            return fail("find", &err);
    double us_find = (bench_now() - t0) * 1e6 / Q;
    /* the baseline: as many lookups of one citizen by ID (IDs from the CSV) */
    FILE *f = fopen(csv, "rb");
    char line[4096], ids[2000][13];
    int nid = 0;
    while (f && fgets(line, sizeof line, f) && nid < Q)
        if (line[0] >= '0' && line[0] <= '9' && line[12] == ',')
            snprintf(ids[nid++], 13, "%.12s", line);
    if (f)
        fclose(f);
    t0 = bench_now();
    for (int i = 0; i < nid; i++) {
        cccd_store_record r;
        bool ok;
        if (cccd_store_citizen_get(st, ids[i], &r, &ok, &err))
            return fail("get", &err);
        if (ok)
            cccd_store_record_free(&r);
    }
    double us_get = (bench_now() - t0) * 1e6 / (nid ? nid : 1);
    printf("search:   name search by key within a commune %.1f µs/query (%ld found in %d queries)\n"
           "          lookup of one citizen by ID        %.1f µs\n"
           "          ratio %.2f\n",
           us_find, found, Q, us_get, us_find / us_get);
    free(keys);
    cccd_units_free(su);
    cccd_store_close(st);
    return 0;
}

int main(void) {
    cccd_store_process_init();
    const char *shared = getenv("CCCD_SHARED");
    char list_path[512], reform_path[512];
    snprintf(list_path, sizeof list_path, "%s/units-2025-03.json",
             shared ? shared : "../shared/data");
    snprintf(reform_path, sizeof reform_path, "%s/units-2025-07-splits.json",
             shared ? shared : "../shared/data");
    size_t ll, rl;
    char *list = bench_read_all(list_path, &ll), *reform = bench_read_all(reform_path, &rl);
    if (list == NULL || reform == NULL) {
        printf("bench_registry: skipped: no unit list at %s\n", list_path);
        return 0;
    }
    cccd_units *u = cccd_units_new();
    cccd_err err;
    cccd_date eff = {2025, 7, 1, CCCD_DATE_DAY};
    if (cccd_units_load_json(u, list, ll, (cccd_date){0}, &err) ||
        cccd_units_apply_reform(u, reform, rl, eff, &err))
        return fail("units", &err);
    cccd_store_unit_source src[2] = {{false, {0}, list, ll}, {true, eff, reform, rl}};
    if (system("mkdir -p " DATA) != 0)
        return fail("mkdir", NULL);
    int rc = run(1000000, src, u);
    const char *large = getenv("BENCH_LARGE");
    if (rc == 0 && large && strcmp(large, "1") == 0)
        rc = run(10000000, src, u);
    cccd_units_free(u);
    free(list);
    free(reform);
    return rc;
}
