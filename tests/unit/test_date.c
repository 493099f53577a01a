/*
 * test_date.c: civil dates: the accepted formats and their precision, dates that do not exist,
 * day arithmetic over centuries, years added to 29 February, ages, and the Vietnamese local
 * day of an instant.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/date.h"

typedef struct parse_case {
    const char *in;
    cccd_errc want;
    const char *iso; /* normalised form on success */
} parse_case;

static const parse_case parse_cases[] = {
    {"1990-01-15", CCCD_OK, "1990-01-15"},
    {"15/01/1990", CCCD_OK, "1990-01-15"},
    {" 1990-01-15\r\n", CCCD_OK, "1990-01-15"},
    {"1990-07", CCCD_OK, "1990-07"},
    {"07/1990", CCCD_OK, "1990-07"},
    {"1990", CCCD_OK, "1990"},
    {"2000-02-29", CCCD_OK, "2000-02-29"},
    {"2024-02-29", CCCD_OK, "2024-02-29"},
    {"1900-02-29", CCCD_E_DATE_INVALID, NULL},
    {"2023-02-29", CCCD_E_DATE_INVALID, NULL},
    {"2024-02-30", CCCD_E_DATE_INVALID, NULL},
    {"2024-04-31", CCCD_E_DATE_INVALID, NULL},
    {"2024-13-01", CCCD_E_DATE_INVALID, NULL},
    {"2024-00-10", CCCD_E_DATE_INVALID, NULL},
    {"2024-01-00", CCCD_E_DATE_INVALID, NULL},
    {"31/02/2020", CCCD_E_DATE_INVALID, NULL},
    {"0999", CCCD_E_DATE_INVALID, NULL},
    {"2024-1-1", CCCD_E_DATE_FORMAT, NULL},
    {"1990/01/15", CCCD_E_DATE_FORMAT, NULL},
    {"abcd", CCCD_E_DATE_FORMAT, NULL},
    {"", CCCD_E_DATE_FORMAT, NULL},
    {"1990-01-15T00:00", CCCD_E_DATE_FORMAT, NULL},
    {"19900115", CCCD_E_DATE_FORMAT, NULL},
    {"-990-01-15", CCCD_E_DATE_FORMAT, NULL},
};

static void test_parse(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof parse_cases / sizeof parse_cases[0]; i++) {
        const parse_case *c = &parse_cases[i];
        cccd_date d;
        cccd_err err = {0};
        cccd_errc rc = cccd_date_parse(c->in, "date_of_birth", &d, &err);
        if (rc != c->want)
            fail_msg("'%s': got %s (%s)", c->in, cccd_errc_name(rc), err.msg);
        if (rc == CCCD_OK) {
            char iso[11];
            assert_string_equal(cccd_date_iso(d, iso), c->iso);
        } else {
            assert_string_equal(err.field, "date_of_birth");
            assert_non_null(strstr(err.msg, "date_of_birth"));
        }
    }
    cccd_date d;
    cccd_err err;
    assert_int_equal(cccd_date_parse_full("1990-07", "issued", &d, &err), CCCD_E_DATE_FORMAT);
    assert_int_equal(cccd_date_parse(NULL, "x", &d, &err), CCCD_E_DATE_FORMAT);
}

static void test_days_round_trip(void **state) {
    (void)state;
    cccd_date epoch = {1970, 1, 1, CCCD_DATE_DAY};
    assert_int_equal(cccd_date_to_days(epoch), 0);
    cccd_date d2000 = {2000, 3, 1, CCCD_DATE_DAY};
    assert_int_equal(cccd_date_to_days(d2000), 11017);
    /* every day from 1000 to 9999 survives the round trip and follows its predecessor */
    int64_t first = cccd_date_to_days((cccd_date){1000, 1, 1, CCCD_DATE_DAY});
    int64_t last = cccd_date_to_days((cccd_date){9999, 12, 31, CCCD_DATE_DAY});
    cccd_date prev = cccd_date_from_days(first - 1);
    for (int64_t z = first; z <= last; z++) {
        cccd_date d = cccd_date_from_days(z);
        cccd_date chk;
        if (!cccd_date_make(d.y, d.m, d.d, &chk) || cccd_date_to_days(d) != z ||
            cccd_date_cmp(prev, d) >= 0)
            fail_msg("day %lld", (long long)z);
        prev = d;
    }
}

static void test_add_years_and_age(void **state) {
    (void)state;
    char iso[11];
    cccd_date leap = {2000, 2, 29, CCCD_DATE_DAY};
    assert_string_equal(cccd_date_iso(cccd_date_add_years(leap, 1), iso), "2001-02-28");
    assert_string_equal(cccd_date_iso(cccd_date_add_years(leap, 4), iso), "2004-02-29");
    assert_string_equal(cccd_date_iso(cccd_date_add_years(leap, 100), iso), "2100-02-28");
    assert_string_equal(cccd_date_iso(cccd_date_add_years(leap, -2), iso), "1998-02-28");
    assert_int_equal(cccd_age_on(leap, (cccd_date){2001, 2, 27, CCCD_DATE_DAY}), 0);
    assert_int_equal(cccd_age_on(leap, (cccd_date){2001, 2, 28, CCCD_DATE_DAY}), 1);
    assert_int_equal(cccd_age_on(leap, (cccd_date){2004, 2, 28, CCCD_DATE_DAY}), 3);
    assert_int_equal(cccd_age_on(leap, (cccd_date){2004, 2, 29, CCCD_DATE_DAY}), 4);
    cccd_date d = {1990, 12, 31, CCCD_DATE_DAY};
    assert_int_equal(cccd_age_on(d, (cccd_date){2004, 12, 30, CCCD_DATE_DAY}), 13);
    assert_int_equal(cccd_age_on(d, (cccd_date){2004, 12, 31, CCCD_DATE_DAY}), 14);
    /* partial dates stay partial and know their range */
    cccd_date ym = {1990, 2, 0, CCCD_DATE_MONTH};
    assert_string_equal(cccd_date_iso(cccd_date_add_years(ym, 2), iso), "1992-02");
    assert_string_equal(cccd_date_iso(cccd_date_earliest(ym), iso), "1990-02-01");
    assert_string_equal(cccd_date_iso(cccd_date_latest(ym), iso), "1990-02-28");
    cccd_date y = {1992, 0, 0, CCCD_DATE_YEAR};
    assert_string_equal(cccd_date_iso(cccd_date_latest(y), iso), "1992-12-31");
    assert_string_equal(cccd_date_vn(cccd_date_earliest(y), iso), "01/01/1992");
    assert_string_equal(cccd_date_iso(cccd_date_add_days(cccd_date_latest(y), 1), iso),
                        "1993-01-01");
}

static void test_vn_local_day(void **state) {
    (void)state;
    char iso[11];
    /* 2025-06-30 16:59:59 UTC = 23:59:59 in Vietnam; one second later it is 1 July */
    int64_t t = cccd_date_to_days((cccd_date){2025, 6, 30, CCCD_DATE_DAY}) * 86400 + 16 * 3600 +
                59 * 60 + 59;
    assert_string_equal(cccd_date_iso(cccd_date_vn_from_unix(t), iso), "2025-06-30");
    assert_string_equal(cccd_date_iso(cccd_date_vn_from_unix(t + 1), iso), "2025-07-01");
    /* before the epoch */
    assert_string_equal(cccd_date_iso(cccd_date_vn_from_unix(-7 * 3600 - 1), iso), "1969-12-31");
    assert_string_equal(cccd_date_iso(cccd_date_vn_from_unix(-7 * 3600), iso), "1970-01-01");
}

static void test_weekday(void **state) {
    (void)state;
    assert_int_equal(cccd_date_weekday(0), 3);  /* 1970-01-01, a Thursday */
    assert_int_equal(cccd_date_weekday(-1), 2); /* 1969-12-31, a Wednesday */
    assert_int_equal(cccd_date_weekday(cccd_date_to_days((cccd_date){2025, 3, 10, CCCD_DATE_DAY})),
                     0); /* a Monday */
    assert_int_equal(cccd_date_weekday(cccd_date_to_days((cccd_date){2025, 3, 16, CCCD_DATE_DAY})),
                     6); /* a Sunday */
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_days_round_trip),
        cmocka_unit_test(test_add_years_and_age),
        cmocka_unit_test(test_vn_local_day),
        cmocka_unit_test(test_weekday),
    };
    return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
