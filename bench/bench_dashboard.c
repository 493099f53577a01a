/*
 * bench_dashboard.c: the commander's dashboard for the whole country, what
 * GET /api/v1/units/VN/progress computes (cccd_progress_get of "VN" with the coverage of every
 * row, then its JSON), as a function call against a SQLite store, at 1,000,000 citizens and
 * (BENCH_LARGE=1, as bench_registry) at 10,000,000, next to each other. Its cost must grow with
 * units × days × measures, never with citizens: the 1M figure is the baseline of the 10M one
 * (ratio ~1), and a plain SQL aggregation over the citizens (what a naive dashboard would run,
 * sqlite3 on the same file) is measured in the same run as the naive baseline.
 *
 * The population is bench_registry's synthetic country (the same CSV in build/bench/data,
 * made here when absent); the database (dashboard-N.db) is made once: the citizens imported,
 * then 28 days of application figures for every commune in force written through the store's
 * write path (cccd_store_app_figure_add), as enrollment moves them. Needs ../shared/data (or
 * CCCD_SHARED) for the unit list.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "service/progress.h"
#include "service/registry_import.h"
#include "service/synth.h"
#include "store/store.h"
#include "store/store_applications.h"

#include "bench_population.h"
#include "bench_country.h"
#include "bench_util.h"

#define DATA "build/bench/data"
#define DAYS 28

static int fail(const char *what, const cccd_err *err) {
    fprintf(stderr, "bench_dashboard: %s: %s\n", what, err ? err->msg : strerror(errno));
    return 1;
}

/* the figures run from as_of (the registry's day) to the day the dashboard is asked for */
static const cccd_date as_of = {2025, 3, 1, CCCD_DATE_DAY};
static const cccd_date asked = {2025, 3, 28, CCCD_DATE_DAY};

/* A small deterministic spread of the day's numbers over the communes. */
static int64_t spread(uint64_t a, uint64_t b) {
    uint64_t x = a * 0x9E3779B97F4A7C15ull ^ (b + 0x632BE59BD9B4E019ull);
    x ^= x >> 31;
    x *= 0xBF58476D1CE4E5B9ull;
    x ^= x >> 29;
    return (int64_t)(x % 40);
}

/* 28 days of figures (as_of to asked) for every commune in force on as_of: received by type,
 * point kind, shift and officer, approved, produced and delivered, in one transaction. */
static cccd_errc write_figures(cccd_store *st, const cccd_units *u, size_t *rows, cccd_err *err) {
    static const char *const types[] = {"first_issue", "exchange", "reissue"};
    static const char *const points[] = {"fixed", "mobile", "home"};
    static const char *const shifts[] = {"morning", "afternoon", "evening"};
    size_t nv = cccd_units_version_count(u), done = 0;
    *rows = 0;
    cccd_errc rc = cccd_store_begin(st, err);
    int64_t d0 = cccd_date_to_days(as_of);
    for (size_t i = 0; rc == CCCD_OK && i < nv; i++) {
        const cccd_unit *v = cccd_units_version_at(u, i);
        if (v->level != CCCD_UNIT_COMMUNE || !cccd_unit_in_force(v, as_of))
            continue;
        char key[CCCD_UNIT_KEY_LEN], officer[64];
        cccd_store_unit_key(v, key);
        snprintf(officer, sizeof officer, "officer-%s", v->code);
        for (int64_t d = d0; rc == CCCD_OK && d < d0 + DAYS; d++) {
            int64_t n[3];
            for (int t = 0; t < 3; t++)
                n[t] = spread(i, (uint64_t)(d * 3 + t)) >> t;
            int64_t all = n[0] + n[1] + n[2];
            for (int t = 0; t < 3 && rc == CCCD_OK; t++) {
                rc = cccd_store_app_figure_add(st, key, d, "received", types[t], n[t], err);
                if (rc == CCCD_OK)
                    rc = cccd_store_app_figure_add(st, key, d, "received_point", points[t],
                                                   n[(t + 1) % 3], err);
                if (rc == CCCD_OK)
                    rc = cccd_store_app_figure_add(st, key, d, "received_shift", shifts[t],
                                                   n[(t + 2) % 3], err);
            }
            if (rc == CCCD_OK)
                rc = cccd_store_app_figure_add(st, key, d, "received_by", officer, all, err);
            if (rc == CCCD_OK)
                rc = cccd_store_app_figure_add(st, key, d, "approved", "", all * 9 / 10, err);
            if (rc == CCCD_OK)
                rc = cccd_store_app_figure_add(st, key, d, "produced", "", all * 8 / 10, err);
            if (rc == CCCD_OK)
                rc = cccd_store_app_figure_add(st, key, d, "delivered", "", all * 7 / 10, err);
            *rows += 13;
        }
        if (isatty(2) && ++done % 500 == 0)
            fprintf(stderr, "\r  figures: %zu communes", done);
    }
    if (isatty(2))
        fprintf(stderr, "\n");
    if (rc == CCCD_OK)
        return cccd_store_commit(st, err);
    cccd_store_rollback(st);
    return rc;
}

/* dashboard-N.db unless it exists: the country's citizens imported, then the figures; made
 * under a temporary name and renamed, so a run stopped midway leaves nothing half-made. */
static int make_db(long n, const cccd_units *u, const cccd_store_unit_source *src, const char *csv,
                   const char *db) {
    struct stat sb;
    if (stat(db, &sb) == 0)
        return 0;
    char tmp[300], url[320], cmd[1000];
    snprintf(tmp, sizeof tmp, "%s.tmp", db);
    snprintf(url, sizeof url, "sqlite:%s", tmp);
    snprintf(cmd, sizeof cmd, "rm -f %s %s-wal %s-shm", tmp, tmp, tmp);
    if (system(cmd) != 0)
        return fail("rm", NULL);
    cccd_store *st;
    cccd_err err;
    if (bench_country_store(url, src, 2, u, &st, &err) != CCCD_OK)
        return fail("store", &err);
    FILE *in = fopen(csv, "rb");
    cccd_import_opts o = {.as_of = as_of, .today = as_of};
    cccd_import_summary s;
    double t0 = bench_now();
    if (in == NULL || cccd_registry_import(st, u, in, &o, NULL, NULL, NULL, &s, &err) != CCCD_OK)
        return fail("registry import", in ? &err : NULL);
    fclose(in);
    double t_import = bench_now() - t0;
    size_t rows;
    t0 = bench_now();
    if (write_figures(st, u, &rows, &err) != CCCD_OK)
        return fail("figures", &err);
    cccd_store_close(st);
    if (rename(tmp, db) != 0)
        return fail(db, NULL);
    printf("  made %s: %ld people imported (%.1f s), %zu figures over %d days (%.1f s)\n", db, n,
           t_import, rows, DAYS, bench_now() - t0);
    return 0;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

typedef struct figures {
    double ms;       /* the dashboard: median of 7 */
    double ms_naive; /* the SQL aggregation over the citizens */
    size_t nrows;
    int64_t received, eligible;
} figures;

static cccd_errc roll_txn(cccd_store *st, void *ctx, cccd_err *err) {
    return cccd_store_coverage_begin(st, *(int64_t *)ctx, err);
}

static int measure(long n, const char *db, figures *f) {
    char url[600];
    snprintf(url, sizeof url, "sqlite:%s", db);
    cccd_store *st;
    cccd_units *su;
    cccd_err err;
    if (cccd_store_open_existing(url, &st, &err) || cccd_store_units_load(st, &su, &err))
        return fail("store", &err);
    /* the counters brought to the day asked, as the daily `cccd registry rollover` does: the
     * coverage then reads the counters, not the people whose status changed since */
    int64_t to = cccd_date_to_days(asked);
    if (cccd_store_transaction(st, roll_txn, &to, &err) != CCCD_OK)
        return fail("rollover", &err);
    double v[7];
    for (int i = 0; i < 7; i++) {
        cccd_progress p;
        double t0 = bench_now();
        if (cccd_progress_get(st, su, "VN", asked, &p, &err) != CCCD_OK)
            return fail("progress of VN", &err);
        json_t *j = cccd_progress_json(&p);
        v[i] = (bench_now() - t0) * 1000;
        json_decref(j);
        f->nrows = p.nchildren + 1;
        f->received = p.total.received_total;
        f->eligible = p.total.coverage.c.eligible;
        cccd_progress_free(&p);
    }
    qsort(v, 7, sizeof v[0], cmp_double);
    f->ms = v[3];
    cccd_units_free(su);
    cccd_store_close(st);
    /* the naive dashboard: the same per-unit coverage figures aggregated over the citizens */
    int64_t day = cccd_date_to_days(asked);
    char cmd[2048];
    snprintf(cmd, sizeof cmd,
             "sqlite3 %s \"SELECT permanent_unit, COUNT(*), SUM(deceased = 0), SUM(deceased = 0 "
             "AND eligible_from <= %lld), SUM(deceased = 0 AND eligible_from <= %lld AND card_type "
             "= 'chip' AND card_issued <= %lld AND (card_expiry IS NULL OR card_expiry >= %lld)) "
             "FROM citizens GROUP BY permanent_unit\" > /dev/null",
             db, (long long)day, (long long)day, (long long)day, (long long)day);
    double t0 = bench_now();
    if (system(cmd) != 0)
        return fail("sqlite3 aggregate", NULL);
    f->ms_naive = (bench_now() - t0) * 1000;
    printf("%ld people: the dashboard of VN (%zu rows, %lld received, %lld eligible) %.1f ms; "
           "SQL aggregation over the citizens %.1f ms\n",
           n, f->nrows, (long long)f->received, (long long)f->eligible, f->ms, f->ms_naive);
    return 0;
}

int main(void) {
    cccd_store_process_init();
    const char *shared = getenv("CCCD_SHARED");
    cccd_units *u;
    char *list, *reform;
    size_t ll, rl;
    if (!bench_units(shared ? shared : "../shared/data", &u, &list, &ll, &reform, &rl)) {
        printf("bench_dashboard: skipped: no unit list\n");
        return 0;
    }
    const cccd_date eff = {2025, 7, 1, CCCD_DATE_DAY};
    cccd_store_unit_source src[2] = {{false, {0}, list, ll}, {true, eff, reform, rl}};
    if (system("mkdir -p " DATA) != 0)
        return fail("mkdir", NULL);
    const char *large = getenv("BENCH_LARGE");
    long sizes[2] = {1000000, 10000000};
    int nsizes = large && strcmp(large, "1") == 0 ? 2 : 1;
    figures f[2];
    int rc = 0;
    /* everything made first, then measured: the figures are not disturbed by the making */
    for (int i = 0; rc == 0 && i < nsizes; i++) {
        char csv[256], db[256];
        snprintf(csv, sizeof csv, DATA "/people-%ld.csv", sizes[i]);
        snprintf(db, sizeof db, DATA "/dashboard-%ld.db", sizes[i]);
        rc = bench_country_csv(u, sizes[i], as_of, csv) || make_db(sizes[i], u, src, csv, db);
    }
    for (int i = 0; rc == 0 && i < nsizes; i++) {
        char db[256];
        snprintf(db, sizeof db, DATA "/dashboard-%ld.db", sizes[i]);
        rc = measure(sizes[i], db, &f[i]);
    }
    if (rc == 0) {
        printf("dashboard: progress of VN with coverage, %d days of figures for every commune\n",
               DAYS);
        printf("          %-14s %12s %12s\n", "", "1M people", nsizes > 1 ? "10M people" : "");
        printf("          %-14s %9.1f ms", "cccd roll-up", f[0].ms);
        if (nsizes > 1)
            printf(" %9.1f ms", f[1].ms);
        printf("\n          %-14s %9.1f ms", "SQL over rows", f[0].ms_naive);
        if (nsizes > 1)
            printf(" %9.1f ms", f[1].ms_naive);
        printf("\n          ratio %.1fx faster than the SQL aggregation at 1M",
               f[0].ms_naive / f[0].ms);
        if (nsizes > 1)
            printf(", %.1fx at 10M;\n          10M / 1M roll-up (baseline: the same roll-up at "
                   "1M) %.2f (~1: the cost does not grow with citizens)",
                   f[1].ms_naive / f[1].ms, f[1].ms / f[0].ms);
        printf("\n");
    }
    cccd_units_free(u);
    free(list);
    free(reform);
    return rc;
}
