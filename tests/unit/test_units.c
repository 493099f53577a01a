/*
 * test_units.c: administrative units and their dated changes. Small inline lists check each
 * rule and each kind of bad input; the real shared data (../shared/data, or $CCCD_SHARED)
 * checks the 2025-03 list and the July 2025 reform end to end. Tests that need the shared data
 * are skipped, with a message, when it is absent.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/units.h"

/* ---- helpers ---- */

static cccd_date D(const char *iso) {
    cccd_date d;
    cccd_err err;
    if (cccd_date_parse_full(iso, "date", &d, &err) != CCCD_OK)
        fail_msg("bad test date %s", iso);
    return d;
}

static const cccd_date NO_DATE = {0, 0, 0, CCCD_DATE_NONE};

static cccd_units *load_list(const char *json) {
    cccd_units *u = cccd_units_new();
    assert_non_null(u);
    cccd_err err;
    if (cccd_units_load_json(u, json, strlen(json), NO_DATE, &err) != CCCD_OK)
        fail_msg("fixture list: %s", err.msg);
    return u;
}

static void apply(cccd_units *u, const char *json, const char *date) {
    cccd_err err;
    if (cccd_units_apply_reform(u, json, strlen(json), D(date), &err) != CCCD_OK)
        fail_msg("fixture reform: %s", err.msg);
}

static void counts(const cccd_units *u, const char *date, size_t p, size_t d, size_t c) {
    size_t n[CCCD_UNIT_LEVELS];
    cccd_units_count_at(u, D(date), n);
    if (n[CCCD_UNIT_PROVINCE] != p || n[CCCD_UNIT_DISTRICT] != d || n[CCCD_UNIT_COMMUNE] != c)
        fail_msg("at %s: %zu/%zu/%zu, expected %zu/%zu/%zu", date, n[1], n[2], n[3], p, d, c);
    assert_int_equal(n[CCCD_UNIT_ANY], p + d + c);
}

static const char *name_at(const cccd_units *u, const char *code, const char *date) {
    cccd_err err;
    const cccd_unit *x = cccd_units_lookup(u, code, CCCD_UNIT_ANY, D(date), &err);
    if (x == NULL)
        fail_msg("%s at %s: %s", code, date, err.msg);
    return x->name;
}

static bool has_warning(const cccd_units *u, const char *needle) {
    for (size_t i = 0; i < cccd_units_warning_count(u); i++)
        if (strstr(cccd_units_warning_at(u, i), needle) != NULL)
            return true;
    return false;
}

static bool has_event(const cccd_unit_resolution *r, cccd_unit_event_kind kind) {
    for (size_t i = 0; i < r->nevents; i++)
        if (r->events[i]->kind == kind)
            return true;
    return false;
}

/* Expects loading `json` as a list to fail with `code`, naming `where` in the message, and to
 * leave the set as it was. */
static void list_fails(const char *json, size_t len, cccd_errc code, const char *where) {
    cccd_units *u = load_list("{\"data\":[{\"level1_id\":\"99\",\"name\":\"Tỉnh Thử\",\"type\":"
                              "\"Tỉnh\",\"level2s\":[]}]}");
    cccd_err err;
    cccd_errc rc = cccd_units_load_json(u, json, len, NO_DATE, &err);
    if (rc != code)
        fail_msg("expected %s, got %s (%s)", cccd_errc_name(code), cccd_errc_name(rc), err.msg);
    assert_int_equal(err.code, code);
    if (strstr(err.msg, where) == NULL)
        fail_msg("message '%s' does not name '%s'", err.msg, where);
    counts(u, "2025-01-01", 1, 0, 0);
    cccd_units_free(u);
}

/* ---- inline fixtures ---- */

/* Two provinces, Thái Bình-like dirt: double spaces, stray spaces. */
static const char *LIST =
    "{\"data\":["
    "{\"level1_id\":\"34\",\"name\":\" Tỉnh  Thái Bình\",\"type\":\"Tỉnh\",\"level2s\":["
    " {\"level2_id\":\"341\",\"name\":\"Huyện Thái  Thụy \",\"type\":\"Huyện\",\"level3s\":["
    "  {\"level3_id\":\"12001\",\"name\":\"Xã Cò  Nòi\",\"type\":\"Xã\"},"
    "  {\"level3_id\":\"12002\",\"name\":\"Xã Thụy An\",\"type\":\"Xã\"},"
    "  {\"level3_id\":\"12003\",\"name\":\"Thị trấn Diêm Điền\",\"type\":\"Thị trấn\"}]},"
    " {\"level2_id\":\"342\",\"name\":\"Huyện Đảo\",\"type\":\"Huyện\",\"level3s\":[]}]},"
    "{\"level1_id\":\"33\",\"name\":\"Tỉnh Hưng Yên\",\"type\":\"Tỉnh\",\"level2s\":["
    " {\"level2_id\":\"331\",\"name\":\"Thành phố Hưng Yên\",\"type\":\"Thành phố\",\"level3s\":["
    "  {\"level3_id\":\"11001\",\"name\":\"Phường Lê Lợi\",\"type\":\"Phường\"},"
    "  {\"level3_id\":\"11002\",\"name\":\"Xã Trung Nghĩa\",\"type\":\"Xã\"}]}]}"
    "]}";

/* 34 and 33 merge into new 33; 12001 splits into 12010 and 12002 (code reused, new name);
 * 12002 goes to 12002 too (so 12002 is a merge); 12003 is renamed; 11001 continues; 11002 is
 * not mentioned; island district 342 becomes a đặc khu. Dirt: lower-case "xã", a trailing
 * space, a bare province name. */
static const char *REFORM =
    "{\"data\":["
    "{\"level1_id\":\"34\",\"name\":\"Tỉnh Thái Bình\",\"splits\":[{\"new_id\":\"33\","
    "\"name\":\"Hưng Yên\"}],\"level3s\":["
    " {\"level3_id\":\"12001\",\"name\":\"Xã Cò Nòi\",\"splits\":["
    "   {\"new_id\":\"12010\",\"name\":\"xã Thái Thụy \"},{\"new_id\":\"12002\",\"name\":\"Xã "
    "Thụy Anh\"}]},"
    " {\"level3_id\":\"12002\",\"name\":\"Xã Thụy An\",\"splits\":[{\"new_id\":\"12002\","
    "\"name\":\"Xã Thụy Anh\"}]},"
    " {\"level3_id\":\"12003\",\"name\":\"Thị trấn Diêm Điền\",\"splits\":[{\"new_id\":\"12020\","
    "\"name\":\"Xã Diêm Điền\"}]}],"
    " \"level2s\":[{\"level2_id\":\"342\",\"name\":\"Huyện Đảo\",\"splits\":[{\"new_id\":\"12030\","
    "\"name\":\"Đặc khu Đảo\"}]}]},"
    "{\"level1_id\":\"33\",\"name\":\"Tỉnh Hưng Yên\",\"splits\":[{\"new_id\":\"33\","
    "\"name\":\"Hưng Yên\"}],\"level3s\":["
    " {\"level3_id\":\"11001\",\"name\":\"Phường Lê Lợi\",\"splits\":[{\"new_id\":\"11001\","
    "\"name\":\"Phường Lê Lợi\"}]}]}"
    "]}";

static void test_list_names_and_keys(void **state) {
    (void)state;
    cccd_units *u = load_list(LIST);
    counts(u, "2025-03-01", 2, 3, 5);
    cccd_err err;
    const cccd_unit *d = cccd_units_lookup(u, "341", CCCD_UNIT_ANY, D("2020-01-01"), &err);
    assert_non_null(d);
    assert_int_equal(d->level, CCCD_UNIT_DISTRICT);
    assert_string_equal(d->name, "Huyện Thái Thụy");
    assert_string_equal(d->key, "huyen thai thuy");
    assert_string_equal(d->bare_key, "thai thuy");
    assert_string_equal(d->type, "Huyện");
    assert_string_equal(d->parent->name, "Tỉnh Thái Bình");
    assert_string_equal(name_at(u, "12001", "2025-01-01"), "Xã Cò Nòi");
    const cccd_unit *tt = cccd_units_lookup(u, "12003", CCCD_UNIT_COMMUNE, D("2025-01-01"), &err);
    assert_non_null(tt);
    assert_string_equal(tt->bare_key, "diem dien");
    /* "Thành phố" of a district is stripped although its type key is the same */
    const cccd_unit *hy = cccd_units_lookup(u, "331", CCCD_UNIT_ANY, D("2025-01-01"), &err);
    assert_string_equal(hy->bare_key, "hung yen");
    /* children */
    const cccd_unit **kids;
    size_t n;
    assert_int_equal(cccd_units_children(u, d, NULL, &kids, &n, &err), CCCD_OK);
    assert_int_equal(n, 3);
    assert_string_equal(kids[0]->code, "12001");
    assert_string_equal(kids[2]->code, "12003");
    free(kids);
    cccd_units_free(u);
}

static void test_lookup_errors(void **state) {
    (void)state;
    cccd_units *u = cccd_units_new();
    cccd_err err;
    const char *list = "{\"data\":[{\"level1_id\":\"34\",\"name\":\"Tỉnh Thái Bình\",\"type\":"
                       "\"Tỉnh\",\"level2s\":[]}]}";
    assert_int_equal(cccd_units_load_json(u, list, strlen(list), D("2025-03-01"), &err), CCCD_OK);
    assert_null(cccd_units_lookup(u, "35", CCCD_UNIT_ANY, D("2025-03-01"), &err));
    assert_int_equal(err.code, CCCD_E_UNIT_UNKNOWN);
    assert_null(cccd_units_lookup(u, "34", CCCD_UNIT_ANY, D("2025-02-28"), &err));
    assert_int_equal(err.code, CCCD_E_UNIT_NOT_IN_FORCE);
    assert_non_null(cccd_units_lookup(u, "34", CCCD_UNIT_PROVINCE, D("2025-03-01"), &err));
    assert_null(cccd_units_lookup(u, "3a", CCCD_UNIT_ANY, D("2025-03-01"), &err));
    assert_int_equal(err.code, CCCD_E_ARG);
    assert_null(cccd_units_lookup(u, "1234", CCCD_UNIT_ANY, D("2025-03-01"), &err));
    assert_int_equal(err.code, CCCD_E_ARG);
    assert_null(cccd_units_lookup(u, "34", CCCD_UNIT_COMMUNE, D("2025-03-01"), &err));
    assert_int_equal(err.code, CCCD_E_ARG);
    cccd_unit_resolution r;
    assert_int_equal(cccd_units_resolve(u, "34", CCCD_UNIT_ANY, NULL, D("2025-01-01"), &r, &err),
                     CCCD_E_UNIT_NOT_IN_FORCE);
    assert_non_null(strstr(err.msg, "did not exist yet"));
    assert_int_equal(cccd_units_resolve(u, "36", CCCD_UNIT_ANY, NULL, D("2025-06-01"), &r, &err),
                     CCCD_E_UNIT_UNKNOWN);
    cccd_units_free(u);
}

static void test_bad_lists(void **state) {
    (void)state;
#define BAD(json, code, where) list_fails(json, strlen(json), code, where)
    BAD("[1,2]", CCCD_E_UNITS_FORMAT, "units: expected an object");
    BAD("{\"dat\":[]}", CCCD_E_UNITS_FORMAT, "units.data: missing");
    BAD("{\"data\":{}}", CCCD_E_UNITS_FORMAT, "units.data: expected an array");
    BAD("{\"data\":[7]}", CCCD_E_UNITS_FORMAT, "data[0]: expected an object");
    /* wrong types */
    BAD("{\"data\":[{\"level1_id\":1,\"name\":\"Tỉnh A\",\"type\":\"Tỉnh\",\"level2s\":[]}]}",
        CCCD_E_UNITS_FORMAT, "data[0].level1_id: expected a string, got a number");
    BAD("{\"data\":[{\"level1_id\":\"01\",\"name\":[],\"type\":\"Tỉnh\",\"level2s\":[]}]}",
        CCCD_E_UNITS_FORMAT, "data[0].name: expected a string, got an array");
    BAD("{\"data\":[{\"level1_id\":\"01\",\"name\":\"Tỉnh A\",\"type\":\"Tỉnh\",\"level2s\":"
        "null}]}",
        CCCD_E_UNITS_FORMAT, "data[0].level2s: expected an array, got null");
    /* missing keys */
    BAD("{\"data\":[{\"level1_id\":\"01\",\"name\":\"Tỉnh A\",\"type\":\"Tỉnh\"}]}",
        CCCD_E_UNITS_FORMAT, "data[0].level2s: missing");
    BAD("{\"data\":[{\"level1_id\":\"01\",\"name\":\"Tỉnh A\",\"type\":\"Tỉnh\",\"level2s\":["
        "{\"level2_id\":\"001\",\"name\":\"Quận B\",\"type\":\"Quận\",\"level3s\":["
        "{\"level3_id\":\"00001\",\"name\":\"Phường C\",\"type\":\"Phường\"},"
        "{\"level3_id\":\"00002\",\"type\":\"Phường\"}]}]}]}",
        CCCD_E_UNITS_FORMAT, "data[0].level2s[0].level3s[1].name: missing");
    /* bad codes and names */
    BAD("{\"data\":[{\"level1_id\":\"1\",\"name\":\"Tỉnh A\",\"type\":\"Tỉnh\",\"level2s\":[]}]}",
        CCCD_E_UNITS_FORMAT, "data[0].level1_id: '1' is not a province code");
    BAD("{\"data\":[{\"level1_id\":\"01\",\"name\":\"Tỉnh A\",\"type\":\"Tỉnh\",\"level2s\":["
        "{\"level2_id\":\"00x\",\"name\":\"Quận B\",\"type\":\"Quận\",\"level3s\":[]}]}]}",
        CCCD_E_UNITS_FORMAT, "data[0].level2s[0].level2_id");
    BAD("{\"data\":[{\"level1_id\":\"01\",\"name\":\"  \\t \",\"type\":\"Tỉnh\",\"level2s\":[]}]}",
        CCCD_E_UNITS_FORMAT, "data[0].name: empty");
    /* duplicates: within the file (naming both places) and against what is loaded */
    BAD("{\"data\":[{\"level1_id\":\"01\",\"name\":\"Tỉnh A\",\"type\":\"Tỉnh\",\"level2s\":["
        "{\"level2_id\":\"001\",\"name\":\"Quận B\",\"type\":\"Quận\",\"level3s\":["
        "{\"level3_id\":\"00001\",\"name\":\"Phường C\",\"type\":\"Phường\"}]},"
        "{\"level2_id\":\"002\",\"name\":\"Quận D\",\"type\":\"Quận\",\"level3s\":["
        "{\"level3_id\":\"00001\",\"name\":\"Phường E\",\"type\":\"Phường\"}]}]}]}",
        CCCD_E_UNIT_DUP, "commune 00001 is listed twice (also at data[0].level2s[0].level3s[0])");
    BAD("{\"data\":[{\"level1_id\":\"99\",\"name\":\"Tỉnh A\",\"type\":\"Tỉnh\",\"level2s\":[]}]}",
        CCCD_E_UNIT_DUP, "data[0]: province 99 is already loaded");
    BAD("{\"data\":[],\"data\":[]}", CCCD_E_JSON, "duplicate object key");
    /* truncated JSON: a parse error with its place */
    const char *full = LIST;
    list_fails(full, strlen(full) / 2, CCCD_E_JSON, "not valid JSON at line 1 column");
    BAD("", CCCD_E_JSON, "not valid JSON");
    /* invalid UTF-8 in a name, and an escaped NUL */
    BAD("{\"data\":[{\"level1_id\":\"01\",\"name\":\"T\xe1\xbb\",\"type\":\"Tỉnh\",\"level2s\":[]}"
        "]}",
        CCCD_E_UTF8, "invalid UTF-8");
    BAD("{\"data\":[{\"level1_id\":\"01\",\"name\":\"A\\u0000B\",\"type\":\"Tỉnh\",\"level2s\":[]"
        "}]}",
        CCCD_E_JSON, "NUL");
#undef BAD
}

static void test_load_is_all_or_nothing(void **state) {
    (void)state;
    cccd_units *u = load_list(LIST);
    /* the same list again overlaps every version */
    cccd_err err;
    assert_int_equal(cccd_units_load_json(u, LIST, strlen(LIST), D("2025-03-01"), &err),
                     CCCD_E_UNIT_DUP);
    counts(u, "2025-03-01", 2, 3, 5);
    /* a failed reform changes nothing either: the second entry names an unknown commune */
    const char *bad = "{\"data\":[{\"level1_id\":\"33\",\"name\":\"Tỉnh Hưng Yên\",\"splits\":["
                      "{\"new_id\":\"33\",\"name\":\"Hưng Yên\"}],\"level3s\":["
                      "{\"level3_id\":\"11001\",\"name\":\"Phường Lê Lợi\",\"splits\":["
                      "{\"new_id\":\"11001\",\"name\":\"Phường Lê Lợi\"}]},"
                      "{\"level3_id\":\"19999\",\"name\":\"Xã Ma\",\"splits\":[]}]}]}";
    assert_int_equal(cccd_units_apply_reform(u, bad, strlen(bad), D("2025-07-01"), &err),
                     CCCD_E_UNIT_UNKNOWN);
    assert_non_null(strstr(err.msg, "data[0].level3s[1].level3_id: no commune 19999"));
    counts(u, "2025-07-01", 2, 3, 5);
    assert_int_equal(cccd_units_event_count(u), 0);
    assert_int_equal(cccd_units_warning_count(u), 0);
    /* and the good one still applies afterwards */
    apply(u, REFORM, "2025-07-01");
    counts(u, "2025-07-01", 1, 0, 5);
    cccd_units_free(u);
}

static void test_reform_events(void **state) {
    (void)state;
    cccd_units *u = load_list(LIST);
    apply(u, REFORM, "2025-07-01");
    /* before the effective date nothing changes; from it, one province and no district */
    counts(u, "2025-06-30", 2, 3, 5);
    counts(u, "2025-07-01", 1, 0, 5); /* 12010, 12002, 12020, 12030 (đặc khu), 11001 */
    const cccd_unit *p = cccd_units_lookup(u, "33", CCCD_UNIT_ANY, D("2025-07-01"), NULL);
    assert_non_null(p);
    assert_string_equal(p->name, "Tỉnh Hưng Yên"); /* bare name completed */
    assert_string_equal(p->type, "Tỉnh");
    assert_non_null(p->in_event);
    assert_int_equal(p->in_event->kind, CCCD_UNIT_EV_MERGE);
    assert_int_equal(p->in_event->nfrom, 2);
    /* canonical prefix and cleaned name; parent is the new province */
    const cccd_unit *c = cccd_units_lookup(u, "12010", CCCD_UNIT_ANY, D("2025-07-01"), NULL);
    assert_non_null(c);
    assert_string_equal(c->name, "Xã Thái Thụy");
    assert_string_equal(c->type, "Xã");
    assert_ptr_equal(c->parent, p);
    const cccd_unit *dk = cccd_units_lookup(u, "12030", CCCD_UNIT_ANY, D("2026-01-01"), NULL);
    assert_string_equal(dk->type, "Đặc khu");
    assert_string_equal(dk->bare_key, "dao");
    /* code 12002 has two versions with different names */
    assert_string_equal(name_at(u, "12002", "2025-06-30"), "Xã Thụy An");
    assert_string_equal(name_at(u, "12002", "2025-07-01"), "Xã Thụy Anh");
    cccd_units_stats st;
    cccd_units_stats_get(u, &st);
    assert_int_equal(st.by_kind_level[CCCD_UNIT_EV_MERGE][CCCD_UNIT_PROVINCE], 1);
    assert_int_equal(st.by_kind_level[CCCD_UNIT_EV_MERGE][CCCD_UNIT_COMMUNE], 1);   /* 12002 */
    assert_int_equal(st.by_kind[CCCD_UNIT_EV_SPLIT], 1);                            /* 12001 */
    assert_int_equal(st.by_kind_level[CCCD_UNIT_EV_RENAME][CCCD_UNIT_COMMUNE], 1);  /* 12003 */
    assert_int_equal(st.by_kind_level[CCCD_UNIT_EV_RENAME][CCCD_UNIT_DISTRICT], 1); /* 342 */
    assert_int_equal(st.by_kind[CCCD_UNIT_EV_CONTINUE], 1);                         /* 11001 */
    /* 341 and 331 dissolve; 11002 was not mentioned and dissolves with no successor */
    assert_int_equal(st.by_kind_level[CCCD_UNIT_EV_DISSOLVE][CCCD_UNIT_DISTRICT], 2);
    assert_int_equal(st.by_kind_level[CCCD_UNIT_EV_DISSOLVE][CCCD_UNIT_COMMUNE], 1);
    assert_true(has_warning(u, "commune 11002 Xã Trung Nghĩa is not in the reform file"));
    assert_int_equal(st.warnings, cccd_units_warning_count(u));
    cccd_units_free(u);
}

static void test_resolve_fixture(void **state) {
    (void)state;
    cccd_units *u = load_list(LIST);
    apply(u, REFORM, "2025-07-01");
    cccd_err err;
    cccd_unit_resolution r;
    /* a split commune resolves to both, flagged ambiguous */
    assert_int_equal(cccd_units_resolve(u, "12001", CCCD_UNIT_ANY, NULL, D("2025-07-01"), &r, &err),
                     CCCD_OK);
    assert_int_equal(r.n, 2);
    assert_true(r.ambiguous);
    assert_string_equal(r.units[0]->code, "12002");
    assert_string_equal(r.units[1]->code, "12010");
    assert_true(has_event(&r, CCCD_UNIT_EV_SPLIT));
    assert_true(has_event(&r, CCCD_UNIT_EV_MERGE));
    cccd_unit_resolution_free(&r);
    /* before the reform the old unit is itself, with no events */
    assert_int_equal(cccd_units_resolve(u, "12001", CCCD_UNIT_ANY, NULL, D("2025-06-30"), &r, &err),
                     CCCD_OK);
    assert_int_equal(r.n, 1);
    assert_false(r.ambiguous);
    assert_int_equal(r.nevents, 0);
    assert_string_equal(r.units[0]->name, "Xã Cò Nòi");
    cccd_unit_resolution_free(&r);
    /* "12002" taken at its earliest version (Thụy An), or as recorded after the reform */
    assert_int_equal(cccd_units_resolve(u, "12002", CCCD_UNIT_ANY, NULL, D("2026-01-01"), &r, &err),
                     CCCD_OK);
    assert_string_equal(r.start->name, "Xã Thụy An");
    assert_int_equal(r.n, 1);
    assert_string_equal(r.units[0]->name, "Xã Thụy Anh");
    cccd_unit_resolution_free(&r);
    cccd_date rec = D("2025-07-01");
    assert_int_equal(cccd_units_resolve(u, "12002", CCCD_UNIT_ANY, &rec, D("2026-01-01"), &r, &err),
                     CCCD_OK);
    assert_string_equal(r.start->name, "Xã Thụy Anh");
    assert_int_equal(r.nevents, 0);
    cccd_unit_resolution_free(&r);
    /* a district resolves to the communes its communes went to */
    assert_int_equal(cccd_units_resolve(u, "341", CCCD_UNIT_ANY, NULL, D("2025-07-01"), &r, &err),
                     CCCD_OK);
    assert_int_equal(r.n, 3); /* 12002, 12010, 12020 */
    assert_true(has_event(&r, CCCD_UNIT_EV_DISSOLVE));
    cccd_unit_resolution_free(&r);
    /* a commune with no successor has nowhere to go */
    assert_int_equal(cccd_units_resolve(u, "11002", CCCD_UNIT_ANY, NULL, D("2025-07-01"), &r, &err),
                     CCCD_E_UNIT_NOT_IN_FORCE);
    assert_non_null(strstr(err.msg, "no unit took over"));
    /* recorded at a date the code did not stand for anything */
    rec = D("2024-01-01");
    assert_int_equal(cccd_units_resolve(u, "12030", CCCD_UNIT_ANY, &rec, D("2025-07-01"), &r, &err),
                     CCCD_E_UNIT_NOT_IN_FORCE);
    cccd_units_free(u);
}

static void test_two_reforms_chain(void **state) {
    (void)state;
    cccd_units *u = load_list(LIST);
    apply(u, REFORM, "2025-07-01");
    /* a later reform merges 12010 and 12020 into 12040 (refers to the units of 2025-07) */
    const char *second =
        "{\"data\":[{\"level1_id\":\"33\",\"name\":\"Tỉnh Hưng Yên\",\"splits\":[{\"new_id\":"
        "\"33\",\"name\":\"Tỉnh Hưng Yên\"}],\"level3s\":["
        "{\"level3_id\":\"12010\",\"name\":\"Xã Thái Thụy\",\"splits\":[{\"new_id\":\"12040\","
        "\"name\":\"Xã Biển\"}]},"
        "{\"level3_id\":\"12020\",\"name\":\"Xã Diêm Điền\",\"splits\":[{\"new_id\":\"12040\","
        "\"name\":\"Xã Biển\"}]},"
        "{\"level3_id\":\"12002\",\"name\":\"Xã Thụy Anh\",\"splits\":[{\"new_id\":\"12002\","
        "\"name\":\"Xã Thụy Anh\"}]},"
        "{\"level3_id\":\"12030\",\"name\":\"Đặc khu Đảo\",\"splits\":[{\"new_id\":\"12030\","
        "\"name\":\"Đặc khu Đảo\"}]},"
        "{\"level3_id\":\"11001\",\"name\":\"Phường Lê Lợi\",\"splits\":[{\"new_id\":\"11001\","
        "\"name\":\"Phường Lê Lợi\"}]}]}]}";
    apply(u, second, "2027-01-01");
    counts(u, "2026-12-31", 1, 0, 5);
    counts(u, "2027-01-01", 1, 0, 4);
    cccd_err err;
    cccd_unit_resolution r;
    assert_int_equal(cccd_units_resolve(u, "12003", CCCD_UNIT_ANY, NULL, D("2027-01-01"), &r, &err),
                     CCCD_OK);
    assert_int_equal(r.n, 1);
    assert_string_equal(r.units[0]->name, "Xã Biển");
    assert_true(r.nevents >= 2);
    assert_int_equal(r.events[0]->kind, CCCD_UNIT_EV_RENAME);            /* 2025: Diêm Điền */
    assert_int_equal(r.events[r.nevents - 1]->kind, CCCD_UNIT_EV_MERGE); /* 2027 */
    cccd_unit_resolution_free(&r);
    /* in between, the middle step */
    assert_int_equal(cccd_units_resolve(u, "12003", CCCD_UNIT_ANY, NULL, D("2026-05-01"), &r, &err),
                     CCCD_OK);
    assert_string_equal(r.units[0]->code, "12020");
    cccd_unit_resolution_free(&r);
    /* the second reform cannot be applied twice */
    assert_int_equal(cccd_units_apply_reform(u, second, strlen(second), D("2027-01-01"), &err),
                     CCCD_E_UNIT_DUP);
    assert_non_null(strstr(err.msg, "applied twice"));
    cccd_units_free(u);
}

static void reform_fails(const char *json, cccd_errc code, const char *where) {
    cccd_units *u = load_list(LIST);
    cccd_err err;
    cccd_errc rc = cccd_units_apply_reform(u, json, strlen(json), D("2025-07-01"), &err);
    if (rc != code)
        fail_msg("expected %s, got %s (%s)", cccd_errc_name(code), cccd_errc_name(rc), err.msg);
    if (strstr(err.msg, where) == NULL)
        fail_msg("message '%s' does not name '%s'", err.msg, where);
    counts(u, "2025-07-01", 2, 3, 5);
    cccd_units_free(u);
}

static void test_bad_reforms(void **state) {
    (void)state;
    reform_fails("{\"data\":[{\"level1_id\":\"34\",\"name\":\"Tỉnh Thái Bình\",\"splits\":{}}]}",
                 CCCD_E_UNITS_FORMAT, "data[0].splits: expected an array, got an object");
    reform_fails("{\"data\":[{\"level1_id\":\"34\",\"name\":\"Tỉnh Thái Bình\",\"splits\":[],"
                 "\"level3s\":[{\"level3_id\":\"12001\",\"name\":\"Xã Cò Nòi\",\"splits\":["
                 "{\"new_id\":\"1201\",\"name\":\"Xã X\"}]}]}]}",
                 CCCD_E_UNITS_FORMAT, "data[0].level3s[0].splits[0].new_id: '1201'");
    reform_fails("{\"data\":[{\"level1_id\":\"34\",\"name\":\"Tỉnh Thái Bình\",\"splits\":[],"
                 "\"level3s\":[{\"level3_id\":\"12001\",\"name\":\"Xã Cò Nòi\",\"splits\":["
                 "{\"new_id\":\"12001\"}]}]}]}",
                 CCCD_E_UNITS_FORMAT, "data[0].level3s[0].splits[0].name: missing");
    reform_fails("{\"data\":[{\"level1_id\":\"34\",\"name\":\"Tỉnh Thái Bình\",\"splits\":[]}]}",
                 CCCD_E_UNITS_FORMAT, "data[0].level3s: missing");
    reform_fails("{\"data\":[{\"level1_id\":\"34\",\"name\":\"Tỉnh Thái Bình\",\"splits\":[],"
                 "\"level3s\":[{\"level3_id\":\"12001\",\"name\":\"Xã Cò Nòi\",\"splits\":[]},"
                 "{\"level3_id\":\"12001\",\"name\":\"Xã Cò Nòi\",\"splits\":[]}]}]}",
                 CCCD_E_UNIT_DUP, "data[0].level3s[1].level3_id: commune 12001 is listed twice");
    reform_fails("{\"data\":[{\"level1_id\":\"35\",\"name\":\"Tỉnh Hà Nam\",\"splits\":[],"
                 "\"level3s\":[]}]}",
                 CCCD_E_UNIT_UNKNOWN, "data[0].level1_id: no province 35");
    reform_fails("{\"data\":[{\"level1_id\":\"34\",\"name\":\"T\xc3\",\"splits\":[],"
                 "\"level3s\":[]}]}",
                 CCCD_E_UTF8, "reform: invalid UTF-8");
    reform_fails("{\"data\":[{\"level1_id\":\"34\",", CCCD_E_JSON, "reform: not valid JSON");
    /* a version of a new code that already begins after the reform */
    cccd_units *u = load_list(LIST);
    cccd_err err;
    const char *late = "{\"data\":[{\"level1_id\":\"77\",\"name\":\"Tỉnh Sau\",\"type\":\"Tỉnh\","
                       "\"level2s\":[]}]}";
    assert_int_equal(cccd_units_load_json(u, late, strlen(late), D("2026-01-01"), &err), CCCD_OK);
    const char *clash = "{\"data\":[{\"level1_id\":\"34\",\"name\":\"Tỉnh Thái Bình\",\"splits\":"
                        "[{\"new_id\":\"77\",\"name\":\"Tỉnh Sau\"}],\"level3s\":[]}]}";
    assert_int_equal(cccd_units_apply_reform(u, clash, strlen(clash), D("2025-07-01"), &err),
                     CCCD_E_UNIT_DUP);
    cccd_date month = {2025, 7, 0, CCCD_DATE_MONTH};
    assert_int_equal(cccd_units_apply_reform(u, clash, strlen(clash), month, &err), CCCD_E_ARG);
    cccd_units_free(u);
}

static void test_find_fixture(void **state) {
    (void)state;
    cccd_units *u = load_list(LIST);
    apply(u, REFORM, "2025-07-01");
    const char *queries[] = {"thai thuy", "Thái Thụy", "THÁI  THỤY", "Huyện Thái Thụy"};
    for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
        const cccd_unit **m;
        size_t n;
        cccd_err err;
        assert_int_equal(cccd_units_find(u, queries[i], strlen(queries[i]), CCCD_UNIT_DISTRICT,
                                         NULL, &m, &n, &err),
                         CCCD_OK);
        assert_int_equal(n, 1);
        assert_string_equal(m[0]->code, "341");
        free(m);
    }
    /* no level filter, at a date after the reform: the new commune of that name */
    const cccd_unit **m;
    size_t n;
    cccd_err err;
    cccd_date at = D("2025-07-01");
    assert_int_equal(cccd_units_find(u, "thai thuy", 9, CCCD_UNIT_ANY, &at, &m, &n, &err), CCCD_OK);
    assert_int_equal(n, 1);
    assert_string_equal(m[0]->code, "12010");
    free(m);
    /* all dates, all levels: both, district first */
    assert_int_equal(cccd_units_find(u, "thai thuy", 9, CCCD_UNIT_ANY, NULL, &m, &n, &err),
                     CCCD_OK);
    assert_int_equal(n, 2);
    assert_int_equal(m[0]->level, CCCD_UNIT_DISTRICT);
    free(m);
    assert_int_equal(cccd_units_find(u, "nowhere", 7, CCCD_UNIT_ANY, NULL, &m, &n, &err), CCCD_OK);
    assert_int_equal(n, 0);
    free(m);
    assert_int_equal(cccd_units_find(u, " - ", 3, CCCD_UNIT_ANY, NULL, &m, &n, &err), CCCD_E_ARG);
    assert_int_equal(cccd_units_find(u, "\xff", 1, CCCD_UNIT_ANY, NULL, &m, &n, &err), CCCD_E_UTF8);
    cccd_units_free(u);
}

static void test_names_of_enums(void **state) {
    (void)state;
    cccd_unit_level l;
    assert_true(cccd_unit_level_parse("district", &l));
    assert_int_equal(l, CCCD_UNIT_DISTRICT);
    assert_true(cccd_unit_level_parse("3", &l));
    assert_int_equal(l, CCCD_UNIT_COMMUNE);
    assert_false(cccd_unit_level_parse("ward", &l));
    assert_string_equal(cccd_unit_level_name(CCCD_UNIT_PROVINCE), "province");
    assert_string_equal(cccd_unit_event_kind_name(CCCD_UNIT_EV_DISSOLVE), "dissolve");
    assert_string_equal(cccd_unit_event_kind_name(CCCD_UNIT_EV__COUNT), "unknown");
}

/* ---- the shared data ---- */

typedef struct shared {
    cccd_units *u;
    double load_seconds;
} shared;

static char *read_all(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    size_t cap = 1 << 22, n = 0;
    char *buf = malloc(cap);
    size_t r;
    while (buf != NULL && (r = fread(buf + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap) {
            char *nb = realloc(buf, cap *= 2);
            if (nb == NULL)
                free(buf);
            buf = nb;
        }
    }
    fclose(f);
    *len = n;
    return buf;
}

static int shared_setup(void **state) {
    shared *sh = calloc(1, sizeof *sh);
    if (sh == NULL)
        return -1;
    *state = sh;
    const char *dir = getenv("CCCD_SHARED");
    if (dir == NULL || dir[0] == '\0')
        dir = "../shared/data";
    char p1[512], p2[512];
    snprintf(p1, sizeof p1, "%s/units-2025-03.json", dir);
    snprintf(p2, sizeof p2, "%s/units-2025-07-splits.json", dir);
    size_t n1, n2;
    char *b1 = read_all(p1, &n1), *b2 = read_all(p2, &n2);
    if (b1 == NULL || b2 == NULL) {
        print_message("shared data not found in %s (set CCCD_SHARED): skipping its tests\n", dir);
        free(b1);
        free(b2);
        return 0;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    cccd_units *u = cccd_units_new();
    cccd_err err;
    cccd_date since;
    cccd_date_parse_full("2025-03-01", "since", &since, &err);
    if (cccd_units_load_json(u, b1, n1, since, &err) != CCCD_OK) {
        print_message("loading %s: %s\n", p1, err.msg);
        cccd_units_free(u);
        u = NULL;
    } else if (cccd_units_apply_reform(u, b2, n2, D("2025-07-01"), &err) != CCCD_OK) {
        print_message("applying %s: %s\n", p2, err.msg);
        cccd_units_free(u);
        u = NULL;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    sh->load_seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    sh->u = u;
    free(b1);
    free(b2);
    return u == NULL ? -1 : 0;
}

static int shared_teardown(void **state) {
    shared *sh = *state;
    cccd_units_free(sh->u);
    free(sh);
    return 0;
}

static cccd_units *need_shared(void **state) {
    shared *sh = *state;
    if (sh == NULL || sh->u == NULL) {
        print_message("no shared data: skipped\n");
        skip();
    }
    return sh->u;
}

static void test_shared_load_time(void **state) {
    cccd_units *u = need_shared(state);
    shared *sh = *state;
    print_message("list + reform loaded in %.3f s (this build)\n", sh->load_seconds);
    assert_true(sh->load_seconds < 5.0); /* sanitizer build; the -O2 build is far below 1 s */
    cccd_units_stats st;
    cccd_units_stats_get(u, &st);
    assert_int_equal(st.versions, 63 + 696 + 10047 + 34 + 3321);
    assert_int_equal(cccd_units_version_count(u), st.versions);
    assert_string_equal(cccd_units_version_at(u, 0)->code, "01"); /* load order */
    assert_null(cccd_units_version_at(u, st.versions));
}

static void test_shared_counts(void **state) {
    cccd_units *u = need_shared(state);
    counts(u, "2025-03-01", 63, 696, 10047);
    counts(u, "2025-06-30", 63, 696, 10047);
    counts(u, "2025-07-01", 34, 0, 3321);
    counts(u, "2026-11-23", 34, 0, 3321);
    counts(u, "2025-02-28", 0, 0, 0); /* the list is in force from its date */
}

static void test_shared_day_boundary(void **state) {
    cccd_units *u = need_shared(state);
    /* 2025-06-30 23:59 in Vietnam is 16:59 UTC: still the old list. One minute later is
     * 2025-07-01 00:00 local although UTC still says 30 June. */
    int64_t last_old = cccd_date_to_days(D("2025-06-30")) * 86400 + 16 * 3600 + 59 * 60;
    cccd_date before = cccd_date_vn_from_unix(last_old);
    cccd_date after = cccd_date_vn_from_unix(last_old + 60);
    size_t n[CCCD_UNIT_LEVELS];
    cccd_units_count_at(u, before, n);
    assert_int_equal(n[CCCD_UNIT_PROVINCE], 63);
    assert_int_equal(n[CCCD_UNIT_DISTRICT], 696);
    cccd_units_count_at(u, after, n);
    assert_int_equal(n[CCCD_UNIT_PROVINCE], 34);
    assert_int_equal(n[CCCD_UNIT_DISTRICT], 0);
    cccd_err err;
    const cccd_unit *p = cccd_units_lookup(u, "24", CCCD_UNIT_ANY, before, &err);
    assert_string_equal(p->name, "Tỉnh Bắc Giang");
    p = cccd_units_lookup(u, "24", CCCD_UNIT_ANY, after, &err);
    assert_string_equal(p->name, "Tỉnh Bắc Ninh");
    assert_int_equal(p->in_event->kind, CCCD_UNIT_EV_MERGE);
    assert_int_equal(p->in_event->nfrom, 2); /* old 24 Bắc Giang and 27 Bắc Ninh */
    assert_string_equal(p->in_event->from[0]->code, "24");
    assert_string_equal(p->in_event->from[1]->code, "27");
}

static void test_shared_thai_thuy(void **state) {
    cccd_units *u = need_shared(state);
    cccd_err err;
    const cccd_unit *d = cccd_units_lookup(u, "341", CCCD_UNIT_ANY, D("2025-03-01"), &err);
    assert_non_null(d);
    assert_string_equal(d->name, "Huyện Thái Thụy");
    assert_string_equal(d->parent->code, "34");
    const cccd_unit **kids;
    size_t n;
    assert_int_equal(cccd_units_children(u, d, NULL, &kids, &n, &err), CCCD_OK);
    assert_int_equal(n, 36);
    free(kids);
    /* after the reform the district is gone; its 36 communes went into 11 new communes */
    assert_null(cccd_units_lookup(u, "341", CCCD_UNIT_ANY, D("2025-07-01"), &err));
    assert_int_equal(err.code, CCCD_E_UNIT_NOT_IN_FORCE);
    cccd_unit_resolution r;
    assert_int_equal(cccd_units_resolve(u, "341", CCCD_UNIT_ANY, NULL, D("2025-07-01"), &r, &err),
                     CCCD_OK);
    assert_int_equal(r.n, 11);
    assert_true(r.ambiguous);
    assert_true(has_event(&r, CCCD_UNIT_EV_DISSOLVE));
    bool found = false;
    for (size_t i = 0; i < r.n; i++) {
        assert_int_equal(r.units[i]->level, CCCD_UNIT_COMMUNE);
        assert_string_equal(r.units[i]->parent->name, "Tỉnh Hưng Yên"); /* Thái Bình -> 33 */
        found = found || strcmp(r.units[i]->name, "Xã Thái Thụy") == 0;
    }
    assert_true(found);
    cccd_unit_resolution_free(&r);
}

static void test_shared_trucbach_and_split(void **state) {
    cccd_units *u = need_shared(state);
    assert_string_equal(name_at(u, "00004", "2025-06-30"), "Phường Trúc Bạch");
    assert_string_equal(name_at(u, "00004", "2025-07-01"), "Phường Ba Đình");
    cccd_err err;
    cccd_unit_resolution r;
    assert_int_equal(cccd_units_resolve(u, "00004", CCCD_UNIT_ANY, NULL, D("2025-07-01"), &r, &err),
                     CCCD_OK);
    assert_string_equal(r.start->name, "Phường Trúc Bạch");
    assert_int_equal(r.n, 1);
    assert_false(r.ambiguous);
    assert_string_equal(r.units[0]->code, "00004");
    assert_string_equal(r.units[0]->name, "Phường Ba Đình");
    assert_string_equal(r.units[0]->parent->code, "01");
    assert_true(r.nevents >= 1);
    cccd_unit_resolution_free(&r);
    /* before the reform it is itself */
    assert_int_equal(cccd_units_resolve(u, "00004", CCCD_UNIT_ANY, NULL, D("2025-06-30"), &r, &err),
                     CCCD_OK);
    assert_string_equal(r.units[0]->name, "Phường Trúc Bạch");
    assert_int_equal(r.nevents, 0);
    cccd_unit_resolution_free(&r);
    /* split commune: Cống Vị -> Ngọc Hà and Giảng Võ */
    assert_int_equal(cccd_units_resolve(u, "00007", CCCD_UNIT_ANY, NULL, D("2025-07-01"), &r, &err),
                     CCCD_OK);
    assert_string_equal(r.start->name, "Phường Cống Vị");
    assert_int_equal(r.n, 2);
    assert_true(r.ambiguous);
    assert_string_equal(r.units[0]->code, "00008");
    assert_string_equal(r.units[0]->name, "Phường Ngọc Hà");
    assert_string_equal(r.units[1]->code, "00025");
    assert_string_equal(r.units[1]->name, "Phường Giảng Võ");
    assert_true(has_event(&r, CCCD_UNIT_EV_SPLIT));
    cccd_unit_resolution_free(&r);
    /* province 01 continues */
    const cccd_unit *hn = cccd_units_lookup(u, "01", CCCD_UNIT_ANY, D("2025-06-30"), &err);
    assert_int_equal(hn->out_event->kind, CCCD_UNIT_EV_CONTINUE);
}

static void test_shared_names(void **state) {
    cccd_units *u = need_shared(state);
    assert_string_equal(name_at(u, "04138", "2025-03-01"), "Xã Cò Nòi");
    const cccd_unit **m;
    size_t n;
    cccd_err err;
    assert_int_equal(cccd_units_find(u, "Vũng Liêm", strlen("Vũng Liêm"), CCCD_UNIT_DISTRICT, NULL,
                                     &m, &n, &err),
                     CCCD_OK);
    assert_int_equal(n, 1);
    assert_string_equal(m[0]->name, "Huyện Vũng Liêm");
    free(m);
    /* new names: prefix in canonical case, bare province names completed, đặc khu typed */
    assert_string_equal(name_at(u, "20485", "2025-07-01"), "Xã Sông Vàng");
    assert_string_equal(name_at(u, "08", "2025-07-01"), "Tỉnh Tuyên Quang");
    const cccd_unit *x = cccd_units_lookup(u, "11948", CCCD_UNIT_ANY, D("2025-07-01"), &err);
    assert_string_equal(x->name, "Đặc khu Bạch Long Vĩ");
    assert_string_equal(x->type, "Đặc khu");
    assert_string_equal(x->parent->code, "31");
    /* every new unit got a type from its prefix */
    assert_false(has_warning(u, "no known type prefix"));
}

static void test_shared_find(void **state) {
    cccd_units *u = need_shared(state);
    const char *queries[] = {"thai thuy", "Thái Thụy"};
    for (size_t i = 0; i < 2; i++) {
        const cccd_unit **m;
        size_t n;
        cccd_err err;
        assert_int_equal(cccd_units_find(u, queries[i], strlen(queries[i]), CCCD_UNIT_DISTRICT,
                                         NULL, &m, &n, &err),
                         CCCD_OK);
        assert_int_equal(n, 1);
        assert_string_equal(m[0]->code, "341");
        free(m);
        cccd_date at = D("2025-07-01");
        assert_int_equal(
            cccd_units_find(u, queries[i], strlen(queries[i]), CCCD_UNIT_ANY, &at, &m, &n, &err),
            CCCD_OK);
        assert_int_equal(n, 1);
        assert_string_equal(m[0]->code, "12826");
        free(m);
    }
}

static void test_shared_reform_stats(void **state) {
    cccd_units *u = need_shared(state);
    cccd_units_stats st;
    cccd_units_stats_get(u, &st);
    /* 23 new provinces were made of 2+ old ones, 11 continue as they were */
    assert_int_equal(st.by_kind_level[CCCD_UNIT_EV_MERGE][CCCD_UNIT_PROVINCE], 23);
    assert_int_equal(st.by_kind_level[CCCD_UNIT_EV_CONTINUE][CCCD_UNIT_PROVINCE], 11);
    /* 460 old communes split; 3181 new communes or đặc khu are merges */
    assert_int_equal(st.by_kind_level[CCCD_UNIT_EV_SPLIT][CCCD_UNIT_COMMUNE], 460);
    assert_int_equal(st.by_kind_level[CCCD_UNIT_EV_MERGE][CCCD_UNIT_COMMUNE], 3181);
    /* island districts become đặc khu (rename); the other 691 districts dissolve */
    assert_int_equal(st.by_kind_level[CCCD_UNIT_EV_RENAME][CCCD_UNIT_DISTRICT], 5);
    assert_int_equal(st.by_kind_level[CCCD_UNIT_EV_DISSOLVE][CCCD_UNIT_DISTRICT], 691);
    /* the oddity: new commune 30259 is reached from old provinces 87 and 89 */
    assert_true(st.warnings > 0);
    assert_true(has_warning(u, "30259"));
    /* every old commune's successors are in force after the reform */
    const cccd_unit **vs;
    size_t n;
    cccd_err err;
    assert_int_equal(cccd_units_versions(u, "30259", CCCD_UNIT_ANY, &vs, &n, &err), CCCD_OK);
    assert_int_equal(n, 2);
    assert_string_equal(vs[1]->parent->code, "82");
    free(vs);
}

int main(void) {
    /* one group (the runner reads one summary line); the fixture tests do not use the state */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_list_names_and_keys),
        cmocka_unit_test(test_lookup_errors),
        cmocka_unit_test(test_bad_lists),
        cmocka_unit_test(test_load_is_all_or_nothing),
        cmocka_unit_test(test_reform_events),
        cmocka_unit_test(test_resolve_fixture),
        cmocka_unit_test(test_two_reforms_chain),
        cmocka_unit_test(test_bad_reforms),
        cmocka_unit_test(test_find_fixture),
        cmocka_unit_test(test_names_of_enums),
        cmocka_unit_test(test_shared_load_time),
        cmocka_unit_test(test_shared_counts),
        cmocka_unit_test(test_shared_day_boundary),
        cmocka_unit_test(test_shared_thai_thuy),
        cmocka_unit_test(test_shared_trucbach_and_split),
        cmocka_unit_test(test_shared_names),
        cmocka_unit_test(test_shared_find),
        cmocka_unit_test(test_shared_reform_stats),
    };
    return cmocka_run_group_tests_name("units", tests, shared_setup, shared_teardown);
}
