/*
 * bench_population.h: the synthetic province the server benchmarks run on (bench_server.c,
 * bench_enroll.c): the official unit list and the 2025 reform from ../shared/data, a synthetic
 * population imported into a SQLite database, and one account; for the desk benchmarks, a
 * fresh copy and the people who still need a card. Header-only, like
 * bench_util.h, so each bench stays one program.
 */
#ifndef CCCD_BENCH_POPULATION_H
#define CCCD_BENCH_POPULATION_H

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bench_util.h"
#include "service/accounts.h"
#include "service/residents.h"
#include "service/registry_import.h"
#include "service/synth.h"
#include "store/store.h"

/* What a benchmark's database is made of. */
typedef struct bench_population {
    const char *shared;   /* ../shared/data */
    const char *db;       /* the SQLite file, made once and kept */
    const char *csv;      /* the synthetic people, kept beside it */
    const char *province; /* synthesised: a 2025-03 province code */
    int64_t people;
    uint64_t seed;
    const char *user, *role, *unit, *password; /* the account made in it */
} bench_population;

static const cccd_date bench_as_of = {2025, 3, 1, CCCD_DATE_DAY};

/* The unit list with the 2025 reform applied into *out (owned: cccd_units_free); false with a
 * line on stderr when ../shared/data cannot be read. The JSON texts into units/reform (owned:
 * free()). */
static inline bool bench_units(const char *shared, cccd_units **out, char **units, size_t *ul,
                               char **reform, size_t *rl) {
    char path[512];
    cccd_err err;
    snprintf(path, sizeof path, "%s/units-2025-03.json", shared);
    *units = bench_read_all(path, ul);
    snprintf(path, sizeof path, "%s/units-2025-07-splits.json", shared);
    *reform = bench_read_all(path, rl);
    *out = cccd_units_new();
    const cccd_date eff = {2025, 7, 1, CCCD_DATE_DAY};
    if (*units == NULL || *reform == NULL ||
        cccd_units_load_json(*out, *units, *ul, (cccd_date){0}, &err) ||
        cccd_units_apply_reform(*out, *reform, *rl, eff, &err)) {
        fprintf(stderr, "bench: the unit list in %s cannot be read\n", shared);
        return false;
    }
    return true;
}

/* Makes p->db unless it exists (synthesis, import and the account into a temporary file, then
 * renamed: a run stopped midway leaves nothing half-made), then brings its schema up to date.
 * u: the units of bench_units with their texts. false with a line on stderr. */
static inline bool bench_population_db(const bench_population *p, const cccd_units *u,
                                       const char *units, size_t ul, const char *reform,
                                       size_t rl) {
    cccd_err err;
    struct stat sb;
    char url[600];
    const char *what = "store";
    if (stat(p->db, &sb) != 0) {
        FILE *out = fopen(p->csv, "wb");
        cccd_synth_config cfg = {u, p->province, p->people, p->seed, bench_as_of, 0.0};
        if (out == NULL || cccd_synth_write_csv(&cfg, out, NULL, NULL, NULL, &err) != CCCD_OK) {
            fprintf(stderr, "bench: synth: %s\n", out ? err.msg : p->csv);
            return false;
        }
        fclose(out);
        cccd_store *st;
        bool changed;
        const cccd_date eff = {2025, 7, 1, CCCD_DATE_DAY};
        cccd_store_unit_source src[2] = {{false, {0}, units, ul}, {true, eff, reform, rl}};
        snprintf(url, sizeof url, "sqlite:%s.tmp", p->db);
        unlink(url + 7);
        FILE *in = NULL;
        cccd_import_opts o = {.as_of = bench_as_of, .today = bench_as_of};
        cccd_import_summary s;
        cccd_actor by = {"cli:bench", "", "", "local"};
        const cccd_date today = cccd_date_vn_from_unix((int64_t)time(NULL));
        if (cccd_store_open(url, &st, &err) || cccd_store_migrate(st, NULL, NULL, &err) ||
            cccd_store_units_import(st, src, 2, u, &changed, &err) ||
            (what = "import", (in = fopen(p->csv, "rb")) == NULL) ||
            cccd_registry_import(st, u, in, &o, NULL, NULL, NULL, &s, &err) ||
            (what = "account", cccd_accounts_add(st, u, today, &by, p->user, p->role, p->unit,
                                                 p->password, NULL, NULL, &err))) {
            fprintf(stderr, "bench: %s: %s\n", what, in || what[0] == 's' ? err.msg : p->csv);
            return false;
        }
        fclose(in);
        cccd_store_close(st);
        if (rename(url + 7, p->db) != 0) {
            fprintf(stderr, "bench: cannot rename %s\n", url + 7);
            return false;
        }
    }
    /* a database made by an older build: bring its schema up to date */
    cccd_store *st;
    snprintf(url, sizeof url, "sqlite:%s", p->db);
    if (cccd_store_open(url, &st, &err) || cccd_store_migrate(st, NULL, NULL, &err)) {
        fprintf(stderr, "bench: store: %s\n", err.msg);
        return false;
    }
    cccd_store_close(st);
    return true;
}

/* Personal IDs, for the benchmarks that open applications. */
typedef struct bench_ids {
    char (*v)[13]; /* owned: cap entries */
    size_t n, cap;
} bench_ids;

static inline bool bench_ids_add(void *ctx, const cccd_store_record *r) {
    bench_ids *l = ctx;
    if (l->n == l->cap)
        return false;
    snprintf(l->v[l->n++], 13, "%s", r->v[CCCD_CF_PERSONAL_ID]);
    return true;
}

#define BENCH_DESK_PASSWORD "bench password 2026"

/* The desk benchmarks' province (bench_enroll.c, bench_desk.c): 600,000 synthetic people of
 * Thái Bình (34) with an officer "desk" of the province (password BENCH_DESK_PASSWORD), made
 * once and copied fresh into db for each run (every opening uses up a person); the IDs of the
 * people who still need a card into ids (up to ids->cap). false with a line on stderr. */
static inline bool bench_desk_province(const char *shared, const char *db, bench_ids *ids) {
    char url[320], *units, *reform;
    size_t ul, rl;
    cccd_units *u;
    cccd_err err;
    const cccd_date today = cccd_date_vn_from_unix((int64_t)time(NULL));
    bench_population pop = {shared,
                            "build/bench/data/enroll-base-600k.db",
                            "build/bench/data/enroll-people-600k.csv",
                            "34",
                            600000,
                            11,
                            "desk",
                            "officer",
                            "33",
                            BENCH_DESK_PASSWORD};
    if (!bench_units(shared, &u, &units, &ul, &reform, &rl) ||
        !bench_population_db(&pop, u, units, ul, reform, rl))
        return false;
    char cmd[800];
    snprintf(cmd, sizeof cmd, "rm -f '%s' '%s-wal' '%s-shm' && cp '%s' '%s'", db, db, db, pop.db,
             db);
    if (system(cmd) != 0) {
        fprintf(stderr, "bench: cannot copy %s to %s\n", pop.db, db);
        return false;
    }
    snprintf(url, sizeof url, "sqlite:%s", db);
    cccd_store *st;
    cccd_unit_keys keys;
    if (cccd_store_open(url, &st, &err) || cccd_unit_keys_get(u, "33", today, &keys, &err)) {
        fprintf(stderr, "bench: store: %s\n", err.msg);
        return false;
    }
    char next[CCCD_CURSOR_MAX] = "", after[CCCD_CURSOR_MAX];
    bool more = true;
    while (more && ids->n < ids->cap) {
        snprintf(after, sizeof after, "%s", next);
        if (cccd_remaining_page(st, &keys, cccd_date_to_days(today), after[0] ? after : NULL, 1000,
                                bench_ids_add, ids, next, &more, &err) != CCCD_OK) {
            fprintf(stderr, "bench: the remaining list: %s\n", err.msg);
            return false;
        }
    }
    cccd_unit_keys_free(&keys);
    cccd_store_close(st);
    cccd_units_free(u);
    free(units);
    free(reform);
    if (ids->n < 20000) {
        fprintf(stderr, "bench: fewer than 20,000 people to open applications for\n");
        return false;
    }
    return true;
}

#endif
