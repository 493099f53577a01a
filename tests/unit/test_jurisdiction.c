/*
 * test_jurisdiction.c: where an account may act, on the real unit data (../shared/data, or
 * $CCCD_SHARED; skipped when absent): a province's scope holds its communes and not another
 * province's; an account held at a commune that merged on 2025-07-01 covers the merged commune
 * afterwards; a citizen registered under an old commune is in the scope of the new province
 * its area went to; the nation holds everything.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "service/jurisdiction.h"
#include "store/store.h"

static cccd_date D(const char *iso) {
    cccd_date d;
    cccd_err err;
    if (cccd_date_parse_full(iso, "date", &d, &err) != CCCD_OK)
        fail_msg("bad test date %s", iso);
    return d;
}

static char *read_all(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = n > 0 ? malloc((size_t)n) : NULL;
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static int setup(void **state) {
    *state = NULL;
    const char *dir = getenv("CCCD_SHARED");
    if (dir == NULL || dir[0] == '\0')
        dir = "../shared/data";
    char p1[512], p2[512];
    snprintf(p1, sizeof p1, "%s/units-2025-03.json", dir);
    snprintf(p2, sizeof p2, "%s/units-2025-07-splits.json", dir);
    size_t n1 = 0, n2 = 0;
    char *b1 = read_all(p1, &n1), *b2 = read_all(p2, &n2);
    if (b1 == NULL || b2 == NULL) {
        print_message("shared data not found in %s (set CCCD_SHARED): skipping\n", dir);
        free(b1);
        free(b2);
        return 0;
    }
    cccd_units *u = cccd_units_new();
    cccd_err err;
    int rc = 0;
    if (cccd_units_load_json(u, b1, n1, D("2025-03-01"), &err) != CCCD_OK ||
        cccd_units_apply_reform(u, b2, n2, D("2025-07-01"), &err) != CCCD_OK) {
        print_message("loading the shared data: %s\n", err.msg);
        cccd_units_free(u);
        rc = -1;
    } else {
        *state = u;
    }
    free(b1);
    free(b2);
    return rc;
}

static int teardown(void **state) {
    cccd_units_free(*state);
    return 0;
}

static const cccd_units *need(void **state) {
    if (*state == NULL) {
        print_message("no shared data: skipped\n");
        skip();
    }
    return *state;
}

static const cccd_unit *at(const cccd_units *u, const char *code, const char *date) {
    cccd_err err;
    const cccd_unit *v = cccd_units_lookup(u, code, CCCD_UNIT_ANY, D(date), &err);
    if (v == NULL)
        fail_msg("%s at %s: %s", code, date, err.msg);
    return v;
}

static cccd_scope scope(const cccd_units *u, const char *key, const char *date) {
    cccd_scope s;
    cccd_err err;
    if (cccd_scope_get(u, key, D(date), &s, &err) != CCCD_OK)
        fail_msg("scope of %s at %s: %s", key, date, err.msg);
    return s;
}

static void test_by_key(void **state) {
    const cccd_units *u = need(state);
    const cccd_unit *v = cccd_units_by_key(u, "00001@2025-03-01");
    assert_non_null(v);
    assert_string_equal(v->name, "Phường Phúc Xá");
    v = cccd_units_by_key(u, "00097@2025-07-01");
    assert_non_null(v);
    assert_string_equal(v->name, "Phường Hồng Hà");
    /* old 00004 and new 00004 are two versions */
    assert_ptr_not_equal(cccd_units_by_key(u, "00004@2025-03-01"),
                         cccd_units_by_key(u, "00004@2025-07-01"));
    assert_null(cccd_units_by_key(u, "00001@"));
    assert_null(cccd_units_by_key(u, "00001"));
    assert_null(cccd_units_by_key(u, "@2025-03-01"));
    assert_null(cccd_units_by_key(u, "99999@2025-03-01"));
    assert_null(cccd_units_by_key(u, "1234567@2025-03-01"));
}

static void test_province(void **state) {
    const cccd_units *u = need(state);
    cccd_scope s = scope(u, "34@2025-03-01", "2025-03-15"); /* Thái Bình */
    assert_false(s.nation);
    assert_int_equal(s.n, 1);
    assert_string_equal(s.units[0]->code, "34");
    assert_true(cccd_scope_contains(&s, at(u, "12433", "2025-03-15")));  /* its commune */
    assert_true(cccd_scope_contains(&s, at(u, "336", "2025-03-15")));    /* its district */
    assert_true(cccd_scope_contains(&s, s.units[0]));                    /* itself */
    assert_false(cccd_scope_contains(&s, at(u, "00001", "2025-03-15"))); /* Hà Nội's */
    assert_false(cccd_scope_contains(&s, at(u, "11950", "2025-03-15"))); /* Hưng Yên's */
    assert_false(cccd_scope_contains(&s, at(u, "01", "2025-03-15")));    /* a province above */
    assert_true(cccd_scope_contains_key(u, &s, "12433@2025-03-01", D("2025-03-15")));
    assert_false(cccd_scope_contains_key(u, &s, "00001@2025-03-01", D("2025-03-15")));
    assert_false(cccd_scope_contains_key(u, &s, "nonsense", D("2025-03-15")));
}

static void test_merged_commune(void **state) {
    const cccd_units *u = need(state);
    /* Phúc Xá (00001) merged into Hồng Hà (00097) on 2025-07-01 with Phúc Tân and others */
    cccd_scope s = scope(u, "00001@2025-03-01", "2025-08-01");
    assert_int_equal(s.n, 1);
    assert_string_equal(s.units[0]->code, "00097");
    assert_true(cccd_scope_contains(&s, at(u, "00097", "2025-08-01")));
    assert_false(cccd_scope_contains(&s, at(u, "00004", "2025-08-01")));
    /* citizens registered under the communes that merged with it are now in scope */
    assert_true(cccd_scope_contains_key(u, &s, "00037@2025-03-01", D("2025-08-01")));
    assert_true(cccd_scope_contains_key(u, &s, "00001@2025-03-01", D("2025-08-01")));
    assert_true(cccd_scope_contains_key(u, &s, "00097@2025-07-01", D("2025-08-01")));
    /* old 00004 (Trúc Bạch) went to new 00004 Ba Đình, not to Hồng Hà */
    assert_false(cccd_scope_contains_key(u, &s, "00004@2025-03-01", D("2025-08-01")));
    /* before the reform the same account covers only Phúc Xá */
    cccd_scope before = scope(u, "00001@2025-03-01", "2025-03-15");
    assert_false(cccd_scope_contains_key(u, &before, "00037@2025-03-01", D("2025-03-15")));
    assert_true(cccd_scope_contains_key(u, &before, "00001@2025-03-01", D("2025-03-15")));
}

static void test_new_province(void **state) {
    const cccd_units *u = need(state);
    /* Thái Bình's communes went into the new Hưng Yên (33) */
    const cccd_unit *hy = at(u, "33", "2025-08-01");
    char key[CCCD_UNIT_KEY_LEN];
    cccd_store_unit_key(hy, key);
    cccd_scope s = scope(u, key, "2025-08-01");
    assert_true(cccd_scope_contains_key(u, &s, "12433@2025-03-01", D("2025-08-01")));
    assert_true(cccd_scope_contains_key(u, &s, "11950@2025-03-01", D("2025-08-01")));
    assert_false(cccd_scope_contains_key(u, &s, "00001@2025-03-01", D("2025-08-01")));
    cccd_scope hn = scope(u, "01@2025-07-01", "2025-08-01");
    assert_false(cccd_scope_contains_key(u, &hn, "12433@2025-03-01", D("2025-08-01")));
    assert_true(cccd_scope_contains_key(u, &hn, "00001@2025-03-01", D("2025-08-01")));
    /* an account held at old Thái Bình covers, after the reform, what it went to */
    cccd_scope old = scope(u, "34@2025-03-01", "2025-08-01");
    assert_true(old.n >= 1);
    assert_true(cccd_scope_contains_key(u, &old, "12433@2025-03-01", D("2025-08-01")));
}

static void test_nation_and_errors(void **state) {
    const cccd_units *u = need(state);
    cccd_scope s = scope(u, "VN", "2025-08-01");
    assert_true(s.nation);
    assert_true(cccd_scope_contains(&s, at(u, "00001", "2025-03-15")));
    assert_true(cccd_scope_contains(&s, at(u, "33", "2025-08-01")));
    assert_true(cccd_scope_contains_key(u, &s, "12433@2025-03-01", D("2025-08-01")));
    assert_true(cccd_scope_contains_key(u, &s, "anything", D("2025-08-01")));
    cccd_err err;
    assert_int_equal(cccd_scope_get(u, "99999@2025-03-01", D("2025-08-01"), &s, &err),
                     CCCD_E_UNIT_UNKNOWN);
    assert_string_equal(err.field, "unit");
    /* a unit that begins later is not yet in force */
    assert_int_equal(cccd_scope_get(u, "00097@2025-07-01", D("2025-03-15"), &s, &err),
                     CCCD_E_UNIT_NOT_IN_FORCE);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_by_key),
        cmocka_unit_test(test_province),
        cmocka_unit_test(test_merged_commune),
        cmocka_unit_test(test_new_province),
        cmocka_unit_test(test_nation_and_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
