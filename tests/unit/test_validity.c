/*
 * test_validity.c: card expiry under the 25/40/60 rule (2014 law) and 14/25/40/60 (2023 law),
 * the two-year window at its edges, leap-day birthdays, partial dates of birth, and eligibility
 * at the turn of a Vietnamese day (23:59 vs 00:00, UTC+7).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/validity.h"

typedef struct expiry_case {
    const char *dob, *issued;
    cccd_errc want;
    const char *expiry; /* NULL: no expiry */
    int age, skipped, rules;
} expiry_case;

static const expiry_case expiry_cases[] = {
    /* the synthetic card of the notes */
    {"1990-01-15", "2021-05-01", CCCD_OK, "2030-01-15", 40, 0, 2014},
    /* issued on the 25th birthday: 25 is reached, valid until 40 */
    {"1996-03-10", "2021-03-10", CCCD_OK, "2036-03-10", 40, 0, 2014},
    /* issued the day before the 25th birthday: inside the window, valid until 40 */
    {"1996-03-10", "2021-03-09", CCCD_OK, "2036-03-10", 40, 25, 2014},
    /* issued on the 23rd birthday: the first day of the window counts */
    {"1998-03-10", "2021-03-10", CCCD_OK, "2038-03-10", 40, 25, 2014},
    /* issued the day before the window opens: exchange at 25 */
    {"1998-03-10", "2021-03-09", CCCD_OK, "2023-03-10", 25, 0, 2014},
    /* at 14 under the 2014 law */
    {"2007-01-01", "2021-01-01", CCCD_OK, "2032-01-01", 25, 0, 2014},
    /* issued from 58 on: no expiry */
    {"1963-06-01", "2021-06-01", CCCD_OK, NULL, 0, 60, 2014},
    /* the day before 58: exchange at 60 */
    {"1963-06-02", "2021-06-01", CCCD_OK, "2023-06-02", 60, 0, 2014},
    /* over 60 */
    {"1950-01-01", "2021-01-01", CCCD_OK, NULL, 0, 0, 2014},
    /* issued at 40 exactly: 40 reached, exchange at 60 */
    {"1981-07-07", "2021-07-07", CCCD_OK, "2041-07-07", 60, 0, 2014},
    /* born on 29 February: the birthday in a common year is 28 February */
    {"2000-02-29", "2021-01-10", CCCD_OK, "2025-02-28", 25, 0, 2014},
    {"1996-02-29", "2020-03-01", CCCD_OK, "2036-02-29", 40, 25, 2014},
    {"1996-02-29", "2019-02-27", CCCD_OK, "2021-02-28", 25, 0, 2014},
    {"1996-02-29", "2019-02-28", CCCD_OK, "2036-02-29", 40, 25, 2014},
    /* 2023 law: exchange at 14 too, cards under 14 on request */
    {"2015-01-01", "2024-07-01", CCCD_OK, "2029-01-01", 14, 0, 2023},
    {"2012-05-01", "2024-08-01", CCCD_OK, "2037-05-01", 25, 14, 2023},
    {"2011-01-01", "2024-07-01", CCCD_OK, "2036-01-01", 25, 14, 2023},
    {"1990-01-15", "2025-01-14", CCCD_OK, "2030-01-15", 40, 0, 2023},
    /* the day before the 2023 law, a 13-year-old cannot have a card */
    {"2011-01-01", "2024-06-30", CCCD_E_CARD_DATES, NULL, 0, 0, 0},
    {"2010-01-01", "2023-01-01", CCCD_E_CARD_DATES, NULL, 0, 0, 0},
    /* issued before birth */
    {"2020-01-01", "2019-12-31", CCCD_E_CARD_DATES, NULL, 0, 0, 0},
    /* partial dates of birth: the earliest day counts */
    {"1990", "2021-05-01", CCCD_OK, "2030-01-01", 40, 0, 2014},
    {"1990-06", "2021-05-01", CCCD_OK, "2030-06-01", 40, 0, 2014},
    /* a year-only 14-year-old under the 2014 law is not surely 14 until 31 December */
    {"2007", "2021-06-01", CCCD_E_CARD_DATES, NULL, 0, 0, 0},
    {"2007", "2021-12-31", CCCD_OK, "2032-01-01", 25, 0, 2014},
};

static void test_expiry_table(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof expiry_cases / sizeof expiry_cases[0]; i++) {
        const expiry_case *c = &expiry_cases[i];
        cccd_date dob, issued;
        cccd_err err;
        assert_int_equal(cccd_date_parse(c->dob, "dob", &dob, &err), CCCD_OK);
        assert_int_equal(cccd_date_parse_full(c->issued, "issued", &issued, &err), CCCD_OK);
        cccd_expiry e;
        cccd_errc rc = cccd_card_expiry(dob, issued, &e, &err);
        if (rc != c->want)
            fail_msg("case %zu (%s, %s): got %s (%s)", i, c->dob, c->issued, cccd_errc_name(rc),
                     rc ? err.msg : "");
        if (rc != CCCD_OK) {
            assert_true(err.msg[0] != '\0');
            continue;
        }
        char iso[11];
        if (c->expiry == NULL) {
            if (!e.none)
                fail_msg("case %zu: expiry %s, want none", i, cccd_date_iso(e.date, iso));
        } else {
            assert_false(e.none);
            if (strcmp(cccd_date_iso(e.date, iso), c->expiry) != 0)
                fail_msg("case %zu (%s, %s): expiry %s, want %s", i, c->dob, c->issued, iso,
                         c->expiry);
        }
        assert_int_equal(e.exchange_age, c->age);
        assert_int_equal(e.skipped_age, c->skipped);
        assert_int_equal(e.rules, c->rules);
        assert_int_equal(e.approximate, dob.prec != CCCD_DATE_DAY);
    }
}

static void test_valid_on(void **state) {
    (void)state;
    cccd_date dob = {1990, 1, 15, CCCD_DATE_DAY}, issued = {2021, 5, 1, CCCD_DATE_DAY};
    cccd_expiry e;
    cccd_err err;
    assert_int_equal(cccd_card_expiry(dob, issued, &e, &err), CCCD_OK);
    /* valid from the day of issue through the printed "valid until" day */
    assert_false(cccd_card_valid_on(&e, issued, (cccd_date){2021, 4, 30, CCCD_DATE_DAY}));
    assert_true(cccd_card_valid_on(&e, issued, issued));
    assert_true(cccd_card_valid_on(&e, issued, (cccd_date){2030, 1, 15, CCCD_DATE_DAY}));
    assert_false(cccd_card_valid_on(&e, issued, (cccd_date){2030, 1, 16, CCCD_DATE_DAY}));
    cccd_date old = {1950, 1, 1, CCCD_DATE_DAY};
    assert_int_equal(cccd_card_expiry(old, issued, &e, &err), CCCD_OK);
    assert_true(cccd_card_valid_on(&e, issued, (cccd_date){2199, 12, 31, CCCD_DATE_DAY}));
}

static void test_rules_for_issue(void **state) {
    (void)state;
    assert_int_equal(cccd_rules_for_issue((cccd_date){2024, 6, 30, CCCD_DATE_DAY}),
                     CCCD_RULES_2014);
    assert_int_equal(cccd_rules_for_issue((cccd_date){2024, 7, 1, CCCD_DATE_DAY}), CCCD_RULES_2023);
}

/* Seconds since the epoch of a UTC date and time. */
static int64_t utc(int y, int mo, int d, int h, int mi, int s) {
    return cccd_date_to_days((cccd_date){y, mo, d, CCCD_DATE_DAY}) * 86400 + h * 3600 + mi * 60 + s;
}

static void test_eligibility_turn_of_day(void **state) {
    (void)state;
    cccd_date dob = {2012, 3, 10, CCCD_DATE_DAY};
    cccd_eligibility el;
    cccd_err err;
    /* 23:59:59 in Hà Nội on 9 March 2026 is 16:59:59 UTC: still 13 */
    cccd_date on = cccd_date_vn_from_unix(utc(2026, 3, 9, 16, 59, 59));
    assert_int_equal(on.d, 9);
    assert_int_equal(cccd_eligibility_on(dob, on, &el, &err), CCCD_OK);
    assert_false(el.mandatory);
    assert_true(el.on_request);
    assert_int_equal(el.age, 13);
    /* 00:00:00 on 10 March in Hà Nội is 17:00:00 UTC on 9 March: 14 */
    on = cccd_date_vn_from_unix(utc(2026, 3, 9, 17, 0, 0));
    assert_int_equal(on.d, 10);
    assert_int_equal(cccd_eligibility_on(dob, on, &el, &err), CCCD_OK);
    assert_true(el.mandatory);
    assert_false(el.on_request);
    assert_int_equal(el.age, 14);
    char iso[11];
    assert_string_equal(cccd_date_iso(el.eligible_from, iso), "2026-03-10");
}

static void test_eligibility_cases(void **state) {
    (void)state;
    cccd_eligibility el;
    cccd_err err;
    char iso[11];
    /* leap-day birth: 14 on 28 February in a common year */
    cccd_date leap = {2012, 2, 29, CCCD_DATE_DAY};
    assert_int_equal(cccd_eligibility_on(leap, (cccd_date){2026, 2, 28, CCCD_DATE_DAY}, &el, &err),
                     CCCD_OK);
    assert_true(el.mandatory);
    assert_int_equal(cccd_eligibility_on(leap, (cccd_date){2026, 2, 27, CCCD_DATE_DAY}, &el, &err),
                     CCCD_OK);
    assert_false(el.mandatory);
    /* year only: surely 14 on 31 December */
    cccd_date y = {2012, 0, 0, CCCD_DATE_YEAR};
    assert_int_equal(cccd_eligibility_on(y, (cccd_date){2026, 12, 30, CCCD_DATE_DAY}, &el, &err),
                     CCCD_OK);
    assert_false(el.mandatory);
    assert_true(el.approximate);
    assert_string_equal(cccd_date_iso(el.eligible_from, iso), "2026-12-31");
    assert_int_equal(cccd_eligibility_on(y, (cccd_date){2026, 12, 31, CCCD_DATE_DAY}, &el, &err),
                     CCCD_OK);
    assert_true(el.mandatory);
    /* year and month of a leap February */
    cccd_date ym = {2012, 2, 0, CCCD_DATE_MONTH};
    assert_int_equal(cccd_eligibility_on(ym, (cccd_date){2026, 3, 1, CCCD_DATE_DAY}, &el, &err),
                     CCCD_OK);
    assert_string_equal(cccd_date_iso(el.eligible_from, iso), "2026-02-28");
    assert_true(el.mandatory);
    /* under 14 before the 2023 law: not even on request */
    cccd_date kid = {2010, 1, 1, CCCD_DATE_DAY};
    assert_int_equal(cccd_eligibility_on(kid, (cccd_date){2023, 6, 1, CCCD_DATE_DAY}, &el, &err),
                     CCCD_OK);
    assert_false(el.mandatory);
    assert_false(el.on_request);
    /* a day before birth is refused */
    assert_int_equal(cccd_eligibility_on(kid, (cccd_date){2009, 12, 31, CCCD_DATE_DAY}, &el, &err),
                     CCCD_E_CARD_DATES);
    /* "on" must be a full date */
    assert_int_equal(cccd_eligibility_on(kid, y, &el, &err), CCCD_E_DATE_FORMAT);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_expiry_table),      cmocka_unit_test(test_valid_on),
        cmocka_unit_test(test_rules_for_issue),   cmocka_unit_test(test_eligibility_turn_of_day),
        cmocka_unit_test(test_eligibility_cases),
    };
    return cmocka_run_group_tests_name("validity", tests, NULL, NULL);
}
