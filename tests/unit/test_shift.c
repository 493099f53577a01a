/*
 * test_shift.c: the pure rules of planning: shift times (crossing midnight), the shifts of a
 * day from templates and overrides, windows and capacity, the ease classes, and a kit's state
 * and place on a day from its dated events.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/ease.h"
#include "core/kit.h"
#include "core/shift.h"

static void test_parse(void **state) {
    (void)state;
    cccd_err err;
    int a, b;
    assert_int_equal(cccd_shift_parse("07:00-11:00", "shift", &a, &b, &err), CCCD_OK);
    assert_int_equal(a, 420);
    assert_int_equal(b, 660);
    /* crossing midnight: the end is on the next day */
    assert_int_equal(cccd_shift_parse("22:00-02:00", "shift", &a, &b, &err), CCCD_OK);
    assert_int_equal(a, 1320);
    assert_int_equal(b, 1560);
    assert_int_equal(cccd_shift_parse("05:00\xe2\x80\x93"
                                      "07:00",
                                      "shift", &a, &b, &err),
                     CCCD_OK);
    assert_int_equal(b - a, 120);
    assert_int_equal(cccd_shift_parse("18:00-24:00", "shift", &a, &b, &err), CCCD_OK);
    assert_int_equal(b, 1440);
    const char *bad[] = {"07:00-07:00", "7:00-11:00",   "25:00-01:00", "07:60-08:00",
                         "07:00",       "07:00-11:00x", "24:00-02:00", ""};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_int_equal(cccd_shift_parse(bad[i], "shift", &a, &b, &err), CCCD_E_ARG);
        assert_string_equal(err.field, "shift");
    }
    char buf[12];
    assert_string_equal(cccd_shift_format(1320, 1560, buf), "22:00-02:00");
}

static void test_day(void **state) {
    (void)state;
    const cccd_shift t[] = {{1, 420, 660}, {2, 780, 1020}, {3, 1320, 1560}};
    cccd_shift out[CCCD_SHIFT_MAX];
    /* no override: the templates, by time */
    assert_int_equal(cccd_shifts_of_day(t, 3, NULL, 0, out), 3);
    assert_int_equal(out[2].start_min, 1320);
    /* shift 2 closed, shift 3 extended to 03:00, an extra shift 4 at 05:00 */
    const cccd_shift_override o[] = {{2, true, 0, 0}, {3, false, 1320, 1620}, {4, false, 300, 420}};
    assert_int_equal(cccd_shifts_of_day(t, 3, o, 3, out), 3);
    assert_int_equal(out[0].no, 4);
    assert_int_equal(out[1].no, 1);
    assert_int_equal(out[2].no, 3);
    assert_int_equal(out[2].end_min, 1620);
    /* the whole day closed, except an opened evening shift */
    const cccd_shift_override c[] = {{0, true, 0, 0}, {5, false, 1080, 1260}};
    assert_int_equal(cccd_shifts_of_day(t, 3, c, 1, out), 0);
    assert_int_equal(cccd_shifts_of_day(t, 3, c, 2, out), 1);
    assert_int_equal(out[0].no, 5);
}

static void test_capacity(void **state) {
    (void)state;
    /* 2 kits × 6 people per kit-hour × 4 hours, across midnight */
    cccd_shift night = {3, 1320, 1560};
    assert_int_equal(cccd_shift_capacity(&night, 2, 6), 48);
    cccd_window w[CCCD_WINDOWS_MAX];
    assert_int_equal(cccd_shift_windows(&night, 2, 6, w), 4);
    assert_int_equal(w[2].start_min, 1440);
    assert_int_equal(w[3].end_min, 1560);
    assert_int_equal(w[3].capacity, 12);
    /* a broken kit halves it; none left: nothing */
    assert_int_equal(cccd_shift_capacity(&night, 1, 6), 24);
    assert_int_equal(cccd_shift_capacity(&night, 0, 6), 0);
    /* 90 minutes: a full hour and a half hour, 5 per kit-hour: 5 + 2 (2.5 rounded down) */
    cccd_shift s = {1, 420, 510};
    assert_int_equal(cccd_shift_windows(&s, 1, 5, w), 2);
    assert_int_equal(w[1].capacity, 2);
    assert_int_equal(cccd_shift_capacity(&s, 1, 5), 7);
}

static void test_ease(void **state) {
    (void)state;
    assert_int_equal(cccd_ease_of("", "", "1990-01-15", "Tổ 1", "HK1"), CCCD_EASE_FIRST_ISSUE);
    assert_int_equal(cccd_ease_of("", "012345678", "1990-01-15", "Tổ 1", "HK1"), CCCD_EASE_OLD_ID);
    assert_int_equal(cccd_ease_of("barcode", "012345678", "1990-01-15", "Tổ 1", "HK1"),
                     CCCD_EASE_EXCHANGE);
    assert_int_equal(cccd_ease_of("chip", "", "1990-01-15", "Tổ 1", "HK1"), CCCD_EASE_EXCHANGE);
    assert_int_equal(cccd_ease_of("", "", "1940", "Tổ 1", "HK1"), CCCD_EASE_HARD);
    assert_int_equal(cccd_ease_of("chip", "", "1940-05", "Tổ 1", "HK1"), CCCD_EASE_HARD);
    assert_int_equal(cccd_ease_of("", "", "1990-01-15", "", "HK1"), CCCD_EASE_HARD);
    assert_string_equal(cccd_ease_name(CCCD_EASE_OLD_ID), "old_id");
}

static void test_kit(void **state) {
    (void)state;
    /* registered on day 10 at point 1, broken on 15, repaired and sent to a unit on 20 */
    const cccd_kit_event ev[] = {
        {1, 10, true, CCCD_KIT_WORKING, 0}, {2, 10, false, 0, 1}, {3, 15, true, CCCD_KIT_BROKEN, 0},
        {4, 20, true, CCCD_KIT_WORKING, 0}, {5, 20, false, 0, 0},
    };
    cccd_kit_state s;
    int64_t pt;
    cccd_kit_on_day(ev, 5, 9, &s, &pt);
    assert_int_equal(pt, 0);
    cccd_kit_on_day(ev, 5, 14, &s, &pt);
    assert_int_equal(s, CCCD_KIT_WORKING);
    assert_int_equal(pt, 1);
    cccd_kit_on_day(ev, 5, 15, &s, &pt);
    assert_int_equal(s, CCCD_KIT_BROKEN);
    assert_int_equal(pt, 1);
    cccd_kit_on_day(ev, 5, 25, &s, &pt);
    assert_int_equal(s, CCCD_KIT_WORKING);
    assert_int_equal(pt, 0);
    assert_int_equal(cccd_kit_state_parse("in_transit"), CCCD_KIT_IN_TRANSIT);
    assert_int_equal(cccd_kit_state_parse("lost"), -1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse), cmocka_unit_test(test_day), cmocka_unit_test(test_capacity),
        cmocka_unit_test(test_ease),  cmocka_unit_test(test_kit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
