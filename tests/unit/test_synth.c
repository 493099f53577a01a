/*
 * test_synth.c: the synthetic population generator (service/synth.h): same seed, same bytes;
 * personal IDs valid for the row's date of birth and sex, and unique; one head per household;
 * a plausible age pyramid; communes of the requested province at the date (before and after
 * the 2025 reform); every reported fault really breaks its row, clean rows carry none of those
 * faults, and the number of faults follows --dirty.
 *
 * Needs the shared unit list (../shared/data, or $CCCD_SHARED); skipped without it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/pid.h"
#include "core/text.h"
#include "core/units.h"
#include "core/validity.h"
#include "service/synth.h"

#define N_ROWS 20000

/* One row, its fields NUL-separated in one block. */
typedef struct trow {
    char *f[CCCD_SYNTH_NCOLS];
    char *fault;       /* the fault code reported for this row, or NULL */
    char *fault_field; /* its field */
} trow;

typedef struct dataset {
    trow *rows;
    size_t n, cap;
    size_t nfaults;
    bool faults_sorted; /* faults come in increasing row order and before their row */
} dataset;

typedef struct world {
    cccd_units *before; /* the March 2025 list */
    cccd_units *after;  /* the same with the July 2025 reform */
    dataset a;          /* province 34, at 2025-03-15, 2% dirty */
    dataset b;          /* province 01, at 2025-08-01 (after the reform), 1% dirty */
} world;

static const cccd_date at_a = {2025, 3, 15, CCCD_DATE_DAY};
static const cccd_date at_b = {2025, 8, 1, CCCD_DATE_DAY};

static char *read_all(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    if (buf) {
        buf[n] = '\0';
        *len = (size_t)n;
    }
    return buf;
}

static const char *shared_dir(void) {
    const char *d = getenv("CCCD_SHARED");
    return d && *d ? d : "../shared/data";
}

static cccd_units *load_units(bool reform) {
    char path[512];
    size_t len;
    snprintf(path, sizeof path, "%s/units-2025-03.json", shared_dir());
    char *buf = read_all(path, &len);
    if (buf == NULL)
        return NULL;
    cccd_units *u = cccd_units_new();
    cccd_err err;
    cccd_date none = {0, 0, 0, CCCD_DATE_NONE};
    assert_int_equal(cccd_units_load_json(u, buf, len, none, &err), CCCD_OK);
    free(buf);
    if (reform) {
        snprintf(path, sizeof path, "%s/units-2025-07-splits.json", shared_dir());
        buf = read_all(path, &len);
        assert_non_null(buf);
        cccd_date eff = {2025, 7, 1, CCCD_DATE_DAY};
        assert_int_equal(cccd_units_apply_reform(u, buf, len, eff, &err), CCCD_OK);
        free(buf);
    }
    return u;
}

static cccd_errc on_row(void *ctx, const cccd_synth_row *row, cccd_err *err) {
    (void)err;
    dataset *d = ctx;
    assert_int_equal(row->number, d->n + 1);
    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 1024;
        d->rows = realloc(d->rows, d->cap * sizeof *d->rows);
        assert_non_null(d->rows);
    }
    size_t total = 0;
    for (int i = 0; i < CCCD_SYNTH_NCOLS; i++)
        total += row->len[i] + 1;
    char *block = malloc(total), *w = block;
    trow *t = &d->rows[d->n];
    memset(t, 0, sizeof *t);
    for (int i = 0; i < CCCD_SYNTH_NCOLS; i++) {
        memcpy(w, row->field[i], row->len[i]);
        w[row->len[i]] = '\0';
        t->f[i] = w;
        w += row->len[i] + 1;
    }
    d->n++;
    return CCCD_OK;
}

/* Faults arrive before their row: keep them in a side table keyed by row number. */
typedef struct pending {
    uint64_t row;
    const char *field, *fault;
} pending;

typedef struct collector {
    dataset *d;
    pending *p;
    size_t np, cap;
} collector;

static cccd_errc col_row(void *ctx, const cccd_synth_row *row, cccd_err *err) {
    collector *c = ctx;
    return on_row(c->d, row, err);
}

static cccd_errc col_fault(void *ctx, const cccd_synth_fault *f, cccd_err *err) {
    (void)err;
    collector *c = ctx;
    if (c->np == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 256;
        c->p = realloc(c->p, c->cap * sizeof *c->p);
    }
    /* reported before its row, and after every earlier row */
    if (f->row != c->d->n + 1)
        c->d->faults_sorted = false;
    c->p[c->np++] = (pending){f->row, f->field, f->fault};
    return CCCD_OK;
}

static void generate(const cccd_units *u, const char *prov, cccd_date at, double dirty,
                     uint64_t seed, dataset *d) {
    memset(d, 0, sizeof *d);
    d->faults_sorted = true;
    collector c = {d, NULL, 0, 0};
    cccd_synth_config cfg = {u, prov, N_ROWS, seed, at, dirty};
    cccd_synth_sink sink = {col_row, col_fault, NULL, &c};
    cccd_err err;
    cccd_errc rc = cccd_synth_run(&cfg, &sink, &err);
    if (rc != CCCD_OK)
        fail_msg("synth: %s", err.msg);
    assert_int_equal(d->n, N_ROWS);
    for (size_t i = 0; i < c.np; i++) {
        assert_true(c.p[i].row >= 1 && c.p[i].row <= d->n);
        trow *t = &d->rows[c.p[i].row - 1];
        assert_null(t->fault); /* one fault per row */
        t->fault = (char *)c.p[i].fault;
        t->fault_field = (char *)c.p[i].field;
    }
    d->nfaults = c.np;
    free(c.p);
}

static void free_dataset(dataset *d) {
    for (size_t i = 0; i < d->n; i++)
        free(d->rows[i].f[0]);
    free(d->rows);
}

static int setup(void **state) {
    world *w = calloc(1, sizeof *w);
    w->before = load_units(false);
    if (w->before == NULL) {
        *state = w;
        return 0;
    }
    w->after = load_units(true);
    generate(w->before, "34", at_a, 2.0, 11, &w->a);
    generate(w->after, "01", at_b, 1.0, 12, &w->b);
    *state = w;
    return 0;
}

static int teardown(void **state) {
    world *w = *state;
    if (w->before) {
        free_dataset(&w->a);
        free_dataset(&w->b);
        cccd_units_free(w->before);
        cccd_units_free(w->after);
    }
    free(w);
    return 0;
}

#define NEED_DATA(w)                                                                               \
    do {                                                                                           \
        if ((w)->before == NULL)                                                                   \
            skip();                                                                                \
    } while (0)

static bool parse_dob(const char *s, cccd_date *out) {
    cccd_err err;
    return cccd_date_parse(s, "dob", out, &err) == CCCD_OK;
}

/* ---- determinism ---- */

static char *csv_of(const cccd_units *u, uint64_t seed, size_t *len) {
    char *buf = NULL;
    FILE *f = open_memstream(&buf, len);
    cccd_synth_config cfg = {u, "34", 5000, seed, at_a, 3.0};
    cccd_err err;
    assert_int_equal(cccd_synth_write_csv(&cfg, f, NULL, NULL, NULL, &err), CCCD_OK);
    fclose(f);
    return buf;
}

static void test_deterministic(void **state) {
    world *w = *state;
    NEED_DATA(w);
    size_t l1, l2, l3;
    char *a = csv_of(w->before, 99, &l1), *b = csv_of(w->before, 99, &l2);
    char *c = csv_of(w->before, 100, &l3);
    assert_int_equal(l1, l2);
    assert_memory_equal(a, b, l1);
    assert_true(l1 != l3 || memcmp(a, c, l1) != 0);
    /* header, then 5000 lines */
    assert_true(strncmp(a, "personal_id,full_name,date_of_birth,sex,ethnicity,", 50) == 0);
    free(a);
    free(b);
    free(c);
}

/* ---- personal IDs ---- */

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void check_ids(const dataset *d, cccd_date at) {
    size_t clean = 0;
    char **ids = malloc(d->n * sizeof *ids);
    size_t nids = 0;
    for (size_t i = 0; i < d->n; i++) {
        const trow *t = &d->rows[i];
        if (t->fault == NULL || strcmp(t->fault, "duplicate_row") != 0)
            ids[nids++] = t->f[CCCD_SYNTH_PERSONAL_ID];
        if (t->fault != NULL)
            continue;
        clean++;
        cccd_pid_facts facts = {0};
        assert_true(parse_dob(t->f[CCCD_SYNTH_DATE_OF_BIRTH], &facts.dob));
        facts.sex = t->f[CCCD_SYNTH_SEX][0] == 'M' ? CCCD_SEX_MALE : CCCD_SEX_FEMALE;
        facts.today = at;
        cccd_pid pid;
        cccd_err err;
        const char *id = t->f[CCCD_SYNTH_PERSONAL_ID];
        if (cccd_pid_parse(id, strlen(id), &facts, &pid, &err) != CCCD_OK)
            fail_msg("row %zu: %s: %s", i + 1, id, err.msg);
        /* a card's number is the ID; its expiry is the one the rules give */
        const char *type = t->f[CCCD_SYNTH_CARD_TYPE];
        if (type[0] == '\0') {
            assert_string_equal(t->f[CCCD_SYNTH_CARD_NUMBER], "");
            assert_string_equal(t->f[CCCD_SYNTH_CARD_ISSUED], "");
            continue;
        }
        assert_true(strcmp(type, "chip") == 0 || strcmp(type, "barcode") == 0);
        assert_string_equal(t->f[CCCD_SYNTH_CARD_NUMBER], id);
        cccd_date issued;
        assert_int_equal(cccd_date_parse_full(t->f[CCCD_SYNTH_CARD_ISSUED], "i", &issued, &err),
                         CCCD_OK);
        assert_true(cccd_date_cmp(issued, at) <= 0);
        cccd_expiry e;
        assert_int_equal(cccd_card_expiry(facts.dob, issued, &e, &err), CCCD_OK);
        char want[11] = "";
        if (!e.none)
            cccd_date_iso(e.date, want);
        assert_string_equal(t->f[CCCD_SYNTH_CARD_EXPIRY], want);
        const char *old = t->f[CCCD_SYNTH_OLD_ID_NUMBER];
        assert_true(old[0] == '\0' || strspn(old, "0123456789") == 9);
    }
    assert_true(clean > d->n * 9 / 10);
    /* unique, apart from the rows that repeat the row before on purpose */
    qsort(ids, nids, sizeof *ids, cmp_str);
    for (size_t i = 1; i < nids; i++)
        if (strcmp(ids[i - 1], ids[i]) == 0)
            fail_msg("personal ID %s appears twice", ids[i]);
    free(ids);
}

static void test_ids_valid_unique(void **state) {
    world *w = *state;
    NEED_DATA(w);
    check_ids(&w->a, at_a);
    check_ids(&w->b, at_b);
    /* the repeated rows are exactly the duplicates */
    char **ids = malloc(w->a.n * sizeof *ids);
    for (size_t i = 0; i < w->a.n; i++)
        ids[i] = w->a.rows[i].f[CCCD_SYNTH_PERSONAL_ID];
    qsort(ids, w->a.n, sizeof *ids, cmp_str);
    size_t dups = 0;
    for (size_t i = 1; i < w->a.n; i++)
        dups += strcmp(ids[i - 1], ids[i]) == 0;
    size_t repeated = 0;
    for (size_t i = 0; i < w->a.n; i++)
        repeated += w->a.rows[i].fault && strcmp(w->a.rows[i].fault, "duplicate_row") == 0;
    assert_int_equal(dups, repeated);
    free(ids);
}

/* ---- households ---- */

static int cmp_row_household(const void *a, const void *b) {
    const trow *x = *(const trow *const *)a, *y = *(const trow *const *)b;
    return strcmp(x->f[CCCD_SYNTH_HOUSEHOLD_ID], y->f[CCCD_SYNTH_HOUSEHOLD_ID]);
}

static const char *const relations[] = {"Chủ hộ", "Vợ",  "Chồng", "Con", "Bố",  "Mẹ",
                                        "Cháu",   "Anh", "Chị",   "Em",  "Khác"};

static void check_households(const dataset *d) {
    const trow **v = malloc(d->n * sizeof *v);
    size_t n = 0;
    for (size_t i = 0; i < d->n; i++)
        if (d->rows[i].fault == NULL || strcmp(d->rows[i].fault, "duplicate_row") != 0)
            v[n++] = &d->rows[i];
    qsort(v, n, sizeof *v, cmp_row_household);
    size_t households = 0, sizes[10] = {0};
    for (size_t i = 0; i < n;) {
        size_t j = i, heads = 0;
        const char *hid = v[i]->f[CCCD_SYNTH_HOUSEHOLD_ID];
        assert_int_equal(strlen(hid), 13);
        assert_memory_equal(hid, "HK", 2);
        for (; j < n && strcmp(v[j]->f[CCCD_SYNTH_HOUSEHOLD_ID], hid) == 0; j++) {
            const char *rel = v[j]->f[CCCD_SYNTH_RELATION_TO_HEAD];
            bool known = false;
            for (size_t r = 0; r < sizeof relations / sizeof *relations; r++)
                known = known || strcmp(rel, relations[r]) == 0;
            if (!known)
                fail_msg("household %s: relation '%s'", hid, rel);
            heads += strcmp(rel, "Chủ hộ") == 0;
            /* the household's commune is in its ID (unless that field is the fault) */
            if (v[j]->fault == NULL || strcmp(v[j]->fault, "unknown_commune") != 0)
                assert_memory_equal(hid + 2, v[j]->f[CCCD_SYNTH_PERMANENT_COMMUNE], 5);
        }
        if (heads != 1)
            fail_msg("household %s has %zu heads", hid, heads);
        size_t size = j - i;
        assert_true(size >= 1 && size <= 9); /* 8 + at most one probable duplicate */
        sizes[size]++;
        households++;
        i = j;
    }
    double mean = (double)n / (double)households;
    assert_true(mean > 2.8 && mean < 4.2);
    assert_true(sizes[1] > 0 && sizes[4] > sizes[8]);
    free(v);
}

static void test_households(void **state) {
    world *w = *state;
    NEED_DATA(w);
    check_households(&w->a);
    check_households(&w->b);
}

/* ---- ages ---- */

static void test_age_pyramid(void **state) {
    world *w = *state;
    NEED_DATA(w);
    const dataset *d = &w->a;
    size_t n = 0, young = 0, working = 0, old = 0, year_only = 0, dead = 0, immobile = 0, temp = 0,
           chip_adults = 0, adults = 0, unknown = 0, unknown_young = 0;
    for (size_t i = 0; i < d->n; i++) {
        const trow *t = &d->rows[i];
        if (t->fault)
            continue;
        cccd_date dob;
        assert_true(parse_dob(t->f[CCCD_SYNTH_DATE_OF_BIRTH], &dob));
        year_only += dob.prec == CCCD_DATE_YEAR;
        int age = cccd_age_on(cccd_date_latest(dob), at_a);
        assert_true(age >= 0 && age <= 105);
        n++;
        if (age < 15)
            young++;
        else if (age < 65)
            working++;
        else
            old++;
        dead += strcmp(t->f[CCCD_SYNTH_STATUS], "deceased") == 0;
        immobile += strcmp(t->f[CCCD_SYNTH_MOBILITY], "immobile") == 0;
        temp += t->f[CCCD_SYNTH_TEMPORARY_COMMUNE][0] != '\0';
        if (age >= 14) {
            adults++;
            chip_adults += strcmp(t->f[CCCD_SYNTH_CARD_TYPE], "chip") == 0;
        }
        assert_true(strcmp(t->f[CCCD_SYNTH_STATUS], "alive") == 0 ||
                    strcmp(t->f[CCCD_SYNTH_STATUS], "deceased") == 0);
        assert_true(strcmp(t->f[CCCD_SYNTH_MOBILITY], "normal") == 0 ||
                    strcmp(t->f[CCCD_SYNTH_MOBILITY], "immobile") == 0 ||
                    strcmp(t->f[CCCD_SYNTH_MOBILITY], "unknown") == 0);
        if (strcmp(t->f[CCCD_SYNTH_MOBILITY], "unknown") == 0) {
            /* whereabouts unknown: no temporary residence, alive, 14 or over */
            assert_string_equal(t->f[CCCD_SYNTH_TEMPORARY_COMMUNE], "");
            assert_string_equal(t->f[CCCD_SYNTH_STATUS], "alive");
            assert_true(age >= 14);
            unknown++;
            unknown_young += age >= 18 && age <= 35;
        }
    }
    /* Vietnam 2019: 0-14 ~24%, 15-64 ~68%, 65+ ~8% */
    double y = (double)young / n, wk = (double)working / n, o = (double)old / n;
    if (!(y > 0.15 && y < 0.32 && wk > 0.58 && wk < 0.75 && o > 0.04 && o < 0.14))
        fail_msg("age shares %.3f %.3f %.3f", y, wk, o);
    assert_true(dead > 0 && (double)dead / n < 0.015);
    assert_true(immobile > 0 && year_only > 0);
    /* a few per thousand with unknown whereabouts, mostly young adults */
    if (!(unknown > 0 && (double)unknown / n < 0.01 && unknown_young * 2 > unknown))
        fail_msg("unknown whereabouts %zu of %zu (%zu aged 18-35)", unknown, n, unknown_young);
    assert_true((double)temp / n > 0.01 && (double)temp / n < 0.10);
    double chip = (double)chip_adults / adults;
    if (!(chip > 0.55 && chip < 0.80))
        fail_msg("chip share of adults %.3f", chip);
}

/* ---- communes ---- */

static void check_communes(const cccd_units *u, const dataset *d, const char *prov, cccd_date at) {
    for (size_t i = 0; i < d->n; i++) {
        const trow *t = &d->rows[i];
        if (t->fault && strcmp(t->fault, "unknown_commune") == 0)
            continue;
        cccd_err err;
        const cccd_unit *c =
            cccd_units_lookup(u, t->f[CCCD_SYNTH_PERMANENT_COMMUNE], CCCD_UNIT_COMMUNE, at, &err);
        if (c == NULL)
            fail_msg("row %zu: commune %s: %s", i + 1, t->f[CCCD_SYNTH_PERMANENT_COMMUNE], err.msg);
        while (c->parent)
            c = c->parent;
        assert_string_equal(c->code, prov);
        const char *tc = t->f[CCCD_SYNTH_TEMPORARY_COMMUNE];
        if (tc[0]) {
            assert_non_null(cccd_units_lookup(u, tc, CCCD_UNIT_COMMUNE, at, &err));
            assert_string_not_equal(tc, t->f[CCCD_SYNTH_PERMANENT_COMMUNE]);
            assert_true(t->f[CCCD_SYNTH_TEMPORARY_ADDRESS][0] != '\0');
        }
        const char *g = t->f[CCCD_SYNTH_RESIDENTIAL_GROUP];
        assert_true(strncmp(g, "Tổ dân phố ", strlen("Tổ dân phố ")) == 0 ||
                    strncmp(g, "Thôn ", 6) == 0 || strncmp(g, "Xóm ", 5) == 0);
    }
}

static void test_communes_of_province(void **state) {
    world *w = *state;
    NEED_DATA(w);
    check_communes(w->before, &w->a, "34", at_a);
    check_communes(w->after, &w->b, "01", at_b);
}

static void test_bad_config(void **state) {
    world *w = *state;
    NEED_DATA(w);
    dataset d = {0};
    cccd_synth_sink sink = {on_row, NULL, NULL, &d};
    cccd_err err;
    cccd_synth_config cfg = {w->before, "03", 10, 1, at_a, 1.0};
    assert_int_equal(cccd_synth_run(&cfg, &sink, &err), CCCD_E_UNIT_UNKNOWN);
    /* Thái Bình (34) no longer exists after the reform */
    cfg.units = w->after;
    cfg.province = "34";
    cfg.at = at_b;
    assert_int_equal(cccd_synth_run(&cfg, &sink, &err), CCCD_E_UNIT_NOT_IN_FORCE);
    cfg.province = "01";
    cfg.population = 0;
    assert_int_equal(cccd_synth_run(&cfg, &sink, &err), CCCD_E_ARG);
    cfg.population = 10;
    cfg.dirty_percent = 101;
    assert_int_equal(cccd_synth_run(&cfg, &sink, &err), CCCD_E_ARG);
    assert_int_equal(d.n, 0);
}

/* ---- faults ---- */

static bool same_row(const trow *a, const trow *b) {
    for (int i = 0; i < CCCD_SYNTH_NCOLS; i++)
        if (strcmp(a->f[i], b->f[i]) != 0)
            return false;
    return true;
}

static bool is_nfc_clean(const char *s) {
    char *c = NULL;
    cccd_err err;
    bool ok = cccd_text_clean(s, strlen(s), "f", &c, &err) == CCCD_OK && strcmp(c, s) == 0;
    free(c);
    return ok;
}

static bool is_nfc(const char *s) {
    char *c = NULL;
    cccd_err err;
    bool ok = cccd_text_nfc(s, strlen(s), "f", &c, &err) == CCCD_OK && strcmp(c, s) == 0;
    free(c);
    return ok;
}

/* Whether row i is broken in the way `fault` says, in column `field`. */
static bool really_broken(const cccd_units *u, const dataset *d, size_t i, cccd_date at) {
    const trow *t = &d->rows[i];
    const char *fault = t->fault, *field = t->fault_field;
    cccd_err err;
    if (strcmp(fault, "pid_sex_century") == 0) {
        cccd_pid_facts facts = {0};
        if (!parse_dob(t->f[CCCD_SYNTH_DATE_OF_BIRTH], &facts.dob))
            return false;
        facts.sex = t->f[CCCD_SYNTH_SEX][0] == 'M' ? CCCD_SEX_MALE : CCCD_SEX_FEMALE;
        facts.today = at;
        cccd_pid pid;
        const char *id = t->f[CCCD_SYNTH_PERSONAL_ID];
        cccd_errc rc = cccd_pid_parse(id, strlen(id), &facts, &pid, &err);
        return strcmp(field, "personal_id") == 0 &&
               (rc == CCCD_E_ID_SEX || rc == CCCD_E_ID_CENTURY || rc == CCCD_E_ID_FUTURE);
    }
    if (strcmp(fault, "impossible_date") == 0) {
        cccd_date dd;
        return strcmp(field, "date_of_birth") == 0 &&
               cccd_date_parse(t->f[CCCD_SYNTH_DATE_OF_BIRTH], "d", &dd, &err) ==
                   CCCD_E_DATE_INVALID;
    }
    if (strcmp(fault, "nfd") == 0)
        return strcmp(field, "full_name") == 0 && !is_nfc(t->f[CCCD_SYNTH_FULL_NAME]);
    if (strcmp(fault, "spaces") == 0) {
        const char *v = strcmp(field, "full_name") == 0 ? t->f[CCCD_SYNTH_FULL_NAME]
                        : strcmp(field, "permanent_address") == 0
                            ? t->f[CCCD_SYNTH_PERMANENT_ADDRESS]
                            : NULL;
        return v != NULL && is_nfc(v) && !is_nfc_clean(v);
    }
    if (strcmp(fault, "duplicate_row") == 0)
        return i > 0 && same_row(t, &d->rows[i - 1]);
    if (strcmp(fault, "probable_duplicate") == 0) {
        for (size_t j = 0; j < i; j++) {
            const trow *o = &d->rows[j];
            if (strcmp(o->f[CCCD_SYNTH_FULL_NAME], t->f[CCCD_SYNTH_FULL_NAME]) == 0 &&
                strcmp(o->f[CCCD_SYNTH_DATE_OF_BIRTH], t->f[CCCD_SYNTH_DATE_OF_BIRTH]) == 0 &&
                strcmp(o->f[CCCD_SYNTH_PERMANENT_COMMUNE], t->f[CCCD_SYNTH_PERMANENT_COMMUNE]) ==
                    0 &&
                strcmp(o->f[CCCD_SYNTH_PERSONAL_ID], t->f[CCCD_SYNTH_PERSONAL_ID]) != 0)
                return strcmp(field, "personal_id") == 0;
        }
        return false;
    }
    if (strcmp(fault, "missing") == 0)
        return (strcmp(field, "full_name") == 0 && t->f[CCCD_SYNTH_FULL_NAME][0] == '\0') ||
               (strcmp(field, "date_of_birth") == 0 && t->f[CCCD_SYNTH_DATE_OF_BIRTH][0] == '\0');
    if (strcmp(fault, "unknown_commune") == 0) {
        const cccd_unit **v = NULL;
        size_t n = 0;
        cccd_errc rc = cccd_units_versions(u, t->f[CCCD_SYNTH_PERMANENT_COMMUNE], CCCD_UNIT_COMMUNE,
                                           &v, &n, &err);
        free(v);
        return strcmp(field, "permanent_commune") == 0 && (rc != CCCD_OK || n == 0);
    }
    if (strcmp(fault, "bad_sex") == 0) {
        cccd_sex s;
        return strcmp(field, "sex") == 0 &&
               cccd_sex_parse(t->f[CCCD_SYNTH_SEX], "sex", &s, &err) != CCCD_OK;
    }
    fail_msg("unknown fault code '%s'", fault);
    return false;
}

/* A clean row shows none of the faults. */
static void check_clean(const cccd_units *u, const dataset *d, size_t i, cccd_date at) {
    const trow *t = &d->rows[i];
    cccd_err err;
    assert_true(t->f[CCCD_SYNTH_FULL_NAME][0] != '\0');
    assert_true(is_nfc_clean(t->f[CCCD_SYNTH_FULL_NAME]));
    assert_true(is_nfc_clean(t->f[CCCD_SYNTH_PERMANENT_ADDRESS]));
    assert_true(is_nfc_clean(t->f[CCCD_SYNTH_PLACE_OF_ORIGIN]));
    cccd_date dob;
    assert_int_equal(cccd_date_parse(t->f[CCCD_SYNTH_DATE_OF_BIRTH], "d", &dob, &err), CCCD_OK);
    assert_true(strcmp(t->f[CCCD_SYNTH_SEX], "M") == 0 || strcmp(t->f[CCCD_SYNTH_SEX], "F") == 0);
    assert_non_null(
        cccd_units_lookup(u, t->f[CCCD_SYNTH_PERMANENT_COMMUNE], CCCD_UNIT_COMMUNE, at, &err));
    assert_string_equal(t->f[CCCD_SYNTH_NATIONALITY], "Việt Nam");
    if (i > 0)
        assert_false(same_row(t, &d->rows[i - 1]));
}

static void check_faults(const cccd_units *u, const dataset *d, cccd_date at, double percent) {
    assert_true(d->faults_sorted);
    size_t kinds = 0;
    const char *seen[16];
    for (size_t i = 0; i < d->n; i++) {
        const trow *t = &d->rows[i];
        if (t->fault == NULL) {
            check_clean(u, d, i, at);
            continue;
        }
        if (!really_broken(u, d, i, at))
            fail_msg("row %zu: reported %s in %s, but it is not", i + 1, t->fault, t->fault_field);
        bool known = false;
        for (size_t k = 0; k < kinds; k++)
            known = known || strcmp(seen[k], t->fault) == 0;
        if (!known && kinds < 16)
            seen[kinds++] = t->fault;
    }
    double want = (double)d->n * percent / 100.0;
    if (!((double)d->nfaults > want * 0.7 && (double)d->nfaults < want * 1.3))
        fail_msg("%zu faults for %.0f wanted", d->nfaults, want);
    assert_int_equal(kinds, 9); /* every kind shows up */
}

static void test_faults_real(void **state) {
    world *w = *state;
    NEED_DATA(w);
    check_faults(w->before, &w->a, at_a, 2.0);
    check_faults(w->after, &w->b, at_b, 1.0);
}

static void test_no_dirt(void **state) {
    world *w = *state;
    NEED_DATA(w);
    dataset d;
    generate(w->before, "34", at_a, 0.0, 5, &d);
    assert_int_equal(d.nfaults, 0);
    for (size_t i = 0; i < d.n; i++)
        check_clean(w->before, &d, i, at_a);
    free_dataset(&d);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_deterministic),        cmocka_unit_test(test_ids_valid_unique),
        cmocka_unit_test(test_households),           cmocka_unit_test(test_age_pyramid),
        cmocka_unit_test(test_communes_of_province), cmocka_unit_test(test_bad_config),
        cmocka_unit_test(test_faults_real),          cmocka_unit_test(test_no_dirt),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
