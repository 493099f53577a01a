/*
 * bench_plan.c: planning a district of about 290,000 residents (Thái Thụy's size: its
 * communes in the 2025-03 unit list) over 30 days of 4 shifts, with one point and two kits per
 * commune, next to a baseline measured in the same run (these machines are noisy: compare
 * ratios):
 *
 *   read      seconds to read the district's remaining list page by page through
 *             service/residents.h (the list planning starts from): the baseline; planning reads
 *             the same people with a narrower query (cccd_store_remaining_brief);
 *   plan      seconds of cccd_plan_make without writing (read, classify, capacity, placing);
 *   write     the same, writing every ticket (one transaction);
 *   re-plan   planning again: every ticket kept, nothing written.
 *
 * Each runs in a child process so its peak memory (maximum resident set) is its own. The
 * population is generated here (a first-issue campaign: most adults hold no chip card) into
 * a fresh build/bench/data/plan.db at each run, or with CCCD_BENCH_PG=URL into that empty
 * PostgreSQL database. Needs ../shared/data (or CCCD_SHARED) for the unit
 * list.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "service/plan.h"
#include "service/registry_import.h"
#include "service/residents.h"
#include "store/store.h"
#include "store/store_points.h"

#define DATA "build/bench/data"
#define DB DATA "/plan.db"
#define SQLITE_URL "sqlite:" DB
#define PEOPLE 290000

static const cccd_date as_of = {2025, 3, 1, CCCD_DATE_DAY};
static const cccd_date from = {2025, 3, 10, CCCD_DATE_DAY};
static const cccd_date to = {2025, 4, 8, CCCD_DATE_DAY};

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int fail(const char *what, const cccd_err *err) {
    fprintf(stderr, "bench_plan: %s: %s\n", what, err ? err->msg : "failed");
    return 1;
}

static char *read_all(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *b = malloc((size_t)n + 1);
    if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
        free(b);
        b = NULL;
    }
    if (b)
        b[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return b;
}

/* The district's population as CSV: households of 1-6 in residential groups of about 40
 * households, over its communes; 2% immobile, 4% living in another commune of the district,
 * a quarter with an old 9-digit ID, some barcode and some valid chip cards. */
static int make_csv(const cccd_unit *const *communes, size_t nc, FILE *out) {
    fprintf(out, "personal_id,full_name,date_of_birth,sex,ethnicity,religion,nationality,"
                 "place_of_origin,permanent_commune,permanent_address,household_id,"
                 "relation_to_head,residential_group,temporary_commune,temporary_address,status,"
                 "mobility,old_id_number,card_type,card_number,card_issued,card_expiry,"
                 "father_name,mother_name,spouse_name\n");
    static const char *const given[] = {"An",  "Bình", "Cường", "Dung", "Giang", "Hà",  "Khoa",
                                        "Lan", "Minh", "Nga",   "Phúc", "Quang", "Sơn", "Thảo"};
    uint64_t rng = 88172645463325252ull;
    long made = 0, serial = 0;
    for (size_t c = 0; made < PEOPLE; c = (c + 1) % nc) {
        /* one residential group of ~40 households per commune per round */
        int g = (int)(made / ((long)nc * 140)) + 1;
        for (int h = 0; h < 40 && made < PEOPLE; h++) {
            rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
            int members = 1 + (int)(rng % 6);
            for (int m = 0; m < members && made < PEOPLE; m++, made++) {
                rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
                uint64_t r = rng >> 11;
                int year = 1940 + (int)(r % 71); /* 1940-2010 */
                int female = (int)((r >> 8) & 1), kind = (int)((r >> 12) % 100);
                char pid[13], dob[11], tc[6] = "", ta[40] = "", old[10] = "", card[80] = ",,,";
                serial++;
                snprintf(pid, sizeof pid, "034%d%02d%06ld", (year >= 2000 ? 2 : 0) + female,
                         year % 100, serial % 1000000);
                snprintf(dob, sizeof dob, "%d-%02d-%02d", year, 1 + (int)(r % 12),
                         1 + (int)((r >> 4) % 28));
                if (kind < 2)
                    ; /* immobile: below */
                else if (kind < 6 && nc > 1) {
                    snprintf(tc, sizeof tc, "%s", communes[(c + 1) % nc]->code);
                    snprintf(ta, sizeof ta, "Thôn %d", 1 + (int)(r % 9));
                } else if (kind < 31)
                    snprintf(old, sizeof old, "15%07ld", serial % 10000000);
                else if (kind < 40 && year >= 1980 && year <= 1990)
                    snprintf(card, sizeof card, "barcode,%s,2017-01-01,%d-%s", pid, year + 40,
                             dob + 5);
                else if (kind < 60 && year >= 1970 && year <= 1978)
                    snprintf(card, sizeof card, "chip,%s,2021-05-01,%d-%s", pid, year + 60,
                             dob + 5);
                fprintf(out,
                        "%s,%s %s %s,%s,%s,Kinh,Không,Việt Nam,Thái Bình,%s,Thôn %d,HK%s%06d,%s,"
                        "Thôn %d,%s,%s,alive,%s,%s,%s,,,\n",
                        pid, female ? "Trần Thị" : "Nguyễn Văn", given[r % 14],
                        given[(r >> 5) % 14], dob, female ? "F" : "M", communes[c]->code, g,
                        communes[c]->code, g * 100 + h, m == 0 ? "Chủ hộ" : "Con", g, tc, ta,
                        kind < 2 ? "immobile" : "normal", old, card);
            }
        }
    }
    return 0;
}

/* url: SQLite (made afresh) or an empty PostgreSQL database. */
static int build_db(const char *url, cccd_units **u, const cccd_unit *district, const char *ulist,
                    size_t ulen) {
    cccd_err err;
    cccd_store *st;
    const cccd_unit **communes = NULL;
    size_t nc = 0;
    if (cccd_units_children(*u, district, &as_of, &communes, &nc, &err) != CCCD_OK || nc == 0)
        return fail("communes", &err);
    int version = 0;
    if (strncmp(url, "sqlite:", 7) == 0)
        unlink(DB);
    if (cccd_store_open(url, &st, &err) || cccd_store_migrate(st, &version, NULL, &err))
        return fail("open", &err);
    if (version != 0) {
        fprintf(stderr, "bench_plan: %s is not empty\n", url);
        return 1;
    }
    cccd_store_unit_source src = {false, {0}, ulist, ulen};
    bool changed;
    if (cccd_store_units_import(st, &src, 1, *u, &changed, &err))
        return fail("units", &err);
    double t0 = now();
    char *csv = NULL;
    size_t csv_len = 0;
    FILE *mem = open_memstream(&csv, &csv_len);
    make_csv(communes, nc, mem);
    fclose(mem);
    FILE *in = fmemopen(csv, csv_len, "r");
    cccd_import_opts o = {.as_of = as_of, .today = as_of};
    cccd_import_summary s;
    if (cccd_registry_import(st, *u, in, &o, NULL, NULL, NULL, &s, &err) != CCCD_OK)
        return fail("import", &err);
    fclose(in);
    free(csv);
    printf("population: %llu people in %zu communes of %s (generated and imported in %.1f s)\n",
           (unsigned long long)s.inserted, nc, district->name, now() - t0);
    /* a point per commune, 4 shifts a day, 2 kits each */
    const cccd_shift shifts[] = {{1, 300, 540}, {2, 540, 780}, {3, 780, 1020}, {4, 1080, 1320}};
    for (size_t i = 0; i < nc; i++) {
        cccd_point p = {.kind = CCCD_POINT_FIXED,
                        .open_from = INT64_MIN,
                        .open_to = INT64_MAX,
                        .people_per_kit_hour = CCCD_PEOPLE_PER_KIT_HOUR_DEFAULT};
        cccd_store_unit_key(communes[i], p.unit_key);
        snprintf(p.name, sizeof p.name, "Công an %s", communes[i]->name);
        snprintf(p.address, sizeof p.address, "Trụ sở %s", communes[i]->name);
        int64_t id;
        if (cccd_store_point_add(st, &p, &id, &err))
            return fail("point", &err);
        for (int k = 0; k < 4; k++)
            if (cccd_store_shift_template_set(st, id, &shifts[k], &err))
                return fail("shift", &err);
        for (int k = 0; k < 2; k++) {
            char serial[32];
            snprintf(serial, sizeof serial, "KIT-%s-%d", communes[i]->code, k);
            if (cccd_store_kit_add(st, serial, cccd_date_to_days(as_of), p.unit_key, &err) ||
                cccd_store_kit_move(st, serial, cccd_date_to_days(as_of), id, NULL, "", &err))
                return fail("kit", &err);
        }
    }
    free(communes);
    cccd_store_close(st);
    return 0;
}

typedef struct figure {
    double seconds;
    long maxrss_kb;
    int64_t count; /* people read, or ticketed; -1: failed */
    int64_t kept;  /* tickets kept by a plan */
} figure;

static bool count_one(void *ctx, const cccd_store_record *r) {
    (void)r;
    (*(int64_t *)ctx)++;
    return true;
}

/* 0: read the remaining list; 1: plan (dry run); 2: plan and write. In a child. */
static int measure(const char *url, const cccd_units *u, const char *code, int what, figure *f) {
    int fd[2];
    if (pipe(fd) != 0)
        return 1;
    pid_t pid = fork();
    if (pid == 0) {
        close(fd[0]);
        cccd_err err;
        cccd_store *st;
        figure r = {0, 0, -1, 0};
        if (cccd_store_open(url, &st, &err) == CCCD_OK) {
            double t0 = now();
            if (what == 0) {
                cccd_unit_keys keys;
                char next[CCCD_CURSOR_MAX], *after = NULL;
                bool more = true;
                int64_t n = 0;
                cccd_store_begin_read(st, &err);
                cccd_unit_keys_get(u, code, from, &keys, &err);
                while (more && cccd_remaining_page(st, &keys, cccd_date_to_days(from), after, 10000,
                                                   count_one, &n, next, &more, &err) == CCCD_OK) {
                    free(after);
                    after = strdup(next);
                }
                free(after);
                cccd_store_rollback(st);
                cccd_unit_keys_free(&keys);
                r.count = n;
            } else {
                cccd_plan p;
                if (cccd_plan_make(st, u, code, from, to, what == 1, &p, &err) == CCCD_OK) {
                    r.count = p.ticketed;
                    r.kept = p.kept;
                } else
                    fprintf(stderr, "bench_plan: plan: %s\n", err.msg);
                cccd_plan_free(&p);
            }
            r.seconds = now() - t0;
            cccd_store_close(st);
        }
        if (write(fd[1], &r, sizeof r) != (ssize_t)sizeof r)
            _exit(1);
        _exit(0);
    }
    close(fd[1]);
    ssize_t got = read(fd[0], f, sizeof *f);
    close(fd[0]);
    int status;
    struct rusage ru;
    wait4(pid, &status, 0, &ru);
    f->maxrss_kb = ru.ru_maxrss;
    return got == (ssize_t)sizeof *f && f->count != -1 ? 0 : 1;
}

int main(void) {
    const char *shared = getenv("CCCD_SHARED");
    char path[512];
    snprintf(path, sizeof path, "%s/units-2025-03.json", shared ? shared : "../shared/data");
    size_t ulen;
    char *ulist = read_all(path, &ulen);
    if (ulist == NULL) {
        printf("bench_plan: skipped (no %s)\n", path);
        return 0;
    }
    cccd_err err;
    cccd_units *u = cccd_units_new();
    if (cccd_units_load_json(u, ulist, ulen, (cccd_date){0}, &err) != CCCD_OK)
        return fail("units", &err);
    const char *code = "341"; /* Huyện Thái Thụy */
    const cccd_unit *district = cccd_units_lookup(u, code, CCCD_UNIT_DISTRICT, as_of, &err);
    if (district == NULL)
        return fail("district", &err);
    mkdir("build/bench", 0755);
    mkdir(DATA, 0755);
    /* CCCD_BENCH_PG: the URL of an empty PostgreSQL database to run on instead of SQLite */
    const char *url = getenv("CCCD_BENCH_PG");
    if (url == NULL || url[0] == '\0')
        url = SQLITE_URL;
    if (build_db(url, &u, district, ulist, ulen) != 0)
        return 1;
    figure read_f, plan_f, write_f, again_f;
    if (measure(url, u, code, 0, &read_f) || measure(url, u, code, 1, &plan_f) ||
        measure(url, u, code, 2, &write_f) || measure(url, u, code, 2, &again_f))
        return fail("measure", NULL);
    printf("planning %s over 30 days of 4 shifts (%lld remaining) on %s\n", district->name,
           (long long)read_f.count, strncmp(url, "sqlite:", 7) == 0 ? "SQLite" : "PostgreSQL");
    printf("  %-34s %7.3f s  %7.1f MB peak\n", "read the remaining list (baseline)", read_f.seconds,
           (double)read_f.maxrss_kb / 1024);
    printf("  %-34s %7.3f s  %7.1f MB peak  %5.2fx baseline  (%lld ticketed)\n", "plan, no writing",
           plan_f.seconds, (double)plan_f.maxrss_kb / 1024, plan_f.seconds / read_f.seconds,
           (long long)plan_f.count);
    printf("  %-34s %7.3f s  %7.1f MB peak  %5.2fx baseline\n", "plan and write the tickets",
           write_f.seconds, (double)write_f.maxrss_kb / 1024, write_f.seconds / read_f.seconds);
    printf("  %-34s %7.3f s  %7.1f MB peak  %5.2fx baseline  (%lld kept)\n",
           "plan again (every ticket kept)", again_f.seconds, (double)again_f.maxrss_kb / 1024,
           again_f.seconds / read_f.seconds, (long long)again_f.kept);
    printf("  goal of issue 5, planning under 1 s: %.3f s without writing the tickets, %.3f s "
           "with\n",
           plan_f.seconds, write_f.seconds);
    cccd_units_free(u);
    free(ulist);
    return 0;
}
