/*
 * test_photo.c: the portrait check (service/photo.h) on synthetic portraits
 * (service/synth_portrait.h): they pass; the same picture too small, too large, landscape or
 * square, blank, darkened, brightened, with clipped shadows or highlights, or flattened is
 * refused for that reason with a message telling the officer what to do; damaged and non-JPEG
 * files are format errors.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "service/photo.h"
#include "service/synth_portrait.h"

typedef enum change { AS_DRAWN, UNIFORM, DARKER, BRIGHTER, BLACK_BAND, WHITE_BAND, FLATTER } change;

/* The portrait of seed at w x h after a change, as a JPEG (quality 95; caller frees). */
static unsigned char *photo(uint64_t seed, int w, int h, change c, size_t *len) {
    unsigned char *rgb = malloc((size_t)w * h * 3);
    cccd_err err;
    assert_int_equal(cccd_synth_portrait_draw(seed, w, h, rgb, &err), CCCD_OK);
    for (size_t i = 0; i < (size_t)w * h * 3; i++) {
        double v = rgb[i];
        size_t row = i / ((size_t)w * 3);
        switch (c) {
            case AS_DRAWN:
                break;
            case UNIFORM:
                v = 128;
                break;
            case DARKER:
                v *= 0.3;
                break;
            case BRIGHTER:
                v = 255 - (255 - v) * 0.3;
                break;
            case BLACK_BAND:
                v = row < (size_t)h * 15 / 100 ? 0 : v;
                break;
            case WHITE_BAND:
                v = row < (size_t)h * 15 / 100 ? 255 : v;
                break;
            case FLATTER:
                v = 150 + (v - 150) * 0.2;
                break;
        }
        rgb[i] = (unsigned char)(v + 0.5);
    }
    unsigned char *jpeg;
    assert_int_equal(cccd_jpeg_encode_rgb(rgb, w, h, 95, &jpeg, len, &err), CCCD_OK);
    free(rgb);
    return jpeg;
}

static void test_synthetic_portraits_pass(void **state) {
    (void)state;
    for (uint64_t s = 1; s <= 4; s++) {
        unsigned char *jpeg;
        size_t len;
        cccd_err err;
        assert_int_equal(cccd_synth_portrait_jpeg(s, &jpeg, &len, &err), CCCD_OK);
        cccd_photo_result r;
        assert_int_equal(cccd_photo_check(jpeg, len, NULL, &r, &err), CCCD_OK);
        assert_int_equal(r.verdict, CCCD_PHOTO_ACCEPTED);
        assert_int_equal(r.width, CCCD_SYNTH_PORTRAIT_W);
        assert_int_equal(r.height, CCCD_SYNTH_PORTRAIT_H);
        assert_true(r.aspect > 0.749 && r.aspect < 0.751);
        assert_true(r.mean > 100 && r.mean < 200);
        assert_true(r.stddev > 30);
        assert_true(r.p95 - r.p5 > 100);
        assert_true(r.p5 <= r.p95);
        /* deterministic */
        unsigned char *again;
        size_t len2;
        assert_int_equal(cccd_synth_portrait_jpeg(s, &again, &len2, &err), CCCD_OK);
        assert_int_equal(len, len2);
        assert_memory_equal(jpeg, again, len);
        free(again);
        free(jpeg);
    }
}

static void test_refusals(void **state) {
    (void)state;
    static const struct {
        int w, h;
        change c;
        cccd_photo_verdict want;
        const char *says; /* in the message */
    } cases[] = {
        {180, 240, AS_DRAWN, CCCD_PHOTO_TOO_SMALL, "at least 240x320"},
        {480, 300, AS_DRAWN, CCCD_PHOTO_TOO_SMALL, "too small"},
        {640, 480, AS_DRAWN, CCCD_PHOTO_ASPECT, "crop it to 3:4"},
        {480, 480, AS_DRAWN, CCCD_PHOTO_ASPECT, "1.00"},
        {360, 600, AS_DRAWN, CCCD_PHOTO_ASPECT, "0.60"},
        {480, 640, UNIFORM, CCCD_PHOTO_BLANK, "blank"},
        {480, 640, DARKER, CCCD_PHOTO_TOO_DARK, "too dark"},
        {480, 640, BRIGHTER, CCCD_PHOTO_TOO_BRIGHT, "less light"},
        {480, 640, BLACK_BAND, CCCD_PHOTO_SHADOWS_CLIPPED, "pure black"},
        {480, 640, WHITE_BAND, CCCD_PHOTO_HIGHLIGHTS_CLIPPED, "pure white"},
        {480, 640, FLATTER, CCCD_PHOTO_LOW_CONTRAST, "too flat"},
        {300, 400, AS_DRAWN, CCCD_PHOTO_ACCEPTED, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t len;
        unsigned char *jpeg = photo(3, cases[i].w, cases[i].h, cases[i].c, &len);
        cccd_photo_result r;
        cccd_err err;
        cccd_errc rc = cccd_photo_check(jpeg, len, NULL, &r, &err);
        if (r.verdict != cases[i].want)
            fail_msg("case %zu: verdict %s, expected %s (%s)", i,
                     cccd_photo_verdict_name(r.verdict), cccd_photo_verdict_name(cases[i].want),
                     rc ? err.msg : "accepted");
        assert_int_equal(r.width, cases[i].w);
        assert_int_equal(r.height, cases[i].h);
        if (cases[i].says) {
            assert_int_equal(rc, CCCD_E_PHOTO_REFUSED);
            assert_string_equal(cccd_errc_name(rc), "photo.refused");
            if (strstr(err.msg, cases[i].says) == NULL)
                fail_msg("case %zu: '%s' lacks '%s'", i, err.msg, cases[i].says);
        } else {
            assert_int_equal(rc, CCCD_OK);
        }
        free(jpeg);
    }
}

/* The measurements behind the exposure rules move the right way. */
static void test_measurements(void **state) {
    (void)state;
    size_t la, ld, lb;
    unsigned char *a = photo(5, 480, 640, AS_DRAWN, &la), *d = photo(5, 480, 640, DARKER, &ld),
                  *b = photo(5, 480, 640, BLACK_BAND, &lb);
    cccd_photo_result ra, rd, rb;
    cccd_err err;
    cccd_photo_check(a, la, NULL, &ra, &err);
    cccd_photo_check(d, ld, NULL, &rd, &err);
    cccd_photo_check(b, lb, NULL, &rb, &err);
    assert_true(rd.mean < ra.mean * 0.4);
    assert_true(rd.p95 < ra.p95);
    assert_true(ra.dark_clipped < 0.01);
    assert_true(rb.dark_clipped > 0.12 && rb.dark_clipped < 0.2);
    assert_int_equal(rb.p5, 0);
    free(a);
    free(d);
    free(b);
}

static void test_rules_are_parameters(void **state) {
    (void)state;
    size_t len;
    unsigned char *jpeg = photo(2, 480, 640, AS_DRAWN, &len);
    cccd_photo_rules rules = cccd_photo_rules_default();
    rules.max_width = 400;
    cccd_photo_result r;
    cccd_err err;
    assert_int_equal(cccd_photo_check(jpeg, len, &rules, &r, &err), CCCD_E_PHOTO_REFUSED);
    assert_int_equal(r.verdict, CCCD_PHOTO_TOO_LARGE);
    assert_non_null(strstr(err.msg, "lower resolution"));
    assert_true(r.mean == 0); /* refused on its header: not decoded */
    rules = cccd_photo_rules_default();
    rules.mean_max = 120;
    assert_int_equal(cccd_photo_check(jpeg, len, &rules, &r, &err), CCCD_E_PHOTO_REFUSED);
    assert_int_equal(r.verdict, CCCD_PHOTO_TOO_BRIGHT);
    free(jpeg);
}

static void test_not_a_photo(void **state) {
    (void)state;
    cccd_photo_result r;
    cccd_err err;
    static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0};
    assert_int_equal(cccd_photo_check(png, sizeof png, NULL, &r, &err), CCCD_E_PHOTO_FORMAT);
    assert_non_null(strstr(err.msg, "not a JPEG"));
    assert_int_equal(cccd_photo_check(png, 0, NULL, &r, &err), CCCD_E_PHOTO_FORMAT);
    size_t len;
    unsigned char *jpeg = photo(1, 480, 640, AS_DRAWN, &len);
    /* cut short: the header reads, the picture does not */
    assert_int_equal(cccd_photo_check(jpeg, len / 2, NULL, &r, &err), CCCD_E_PHOTO_FORMAT);
    assert_non_null(strstr(err.msg, "damaged or cut short"));
    assert_int_equal(r.verdict, CCCD_PHOTO_ACCEPTED); /* zeroed, not a verdict */
    assert_int_equal(r.width, 0);
    /* only the start of the file */
    assert_int_equal(cccd_photo_check(jpeg, 40, NULL, &r, &err), CCCD_E_PHOTO_FORMAT);
    free(jpeg);
    assert_string_equal(cccd_photo_verdict_name(CCCD_PHOTO_LOW_CONTRAST), "low_contrast");
    assert_string_equal(cccd_photo_verdict_name(CCCD_PHOTO_ACCEPTED), "accepted");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_synthetic_portraits_pass),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_measurements),
        cmocka_unit_test(test_rules_are_parameters),
        cmocka_unit_test(test_not_a_photo),
    };
    return cmocka_run_group_tests_name("photo", tests, NULL, NULL);
}
