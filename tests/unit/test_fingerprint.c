/*
 * test_fingerprint.c: the fingerprint quality score (core/fingerprint.h) on generated ridge
 * images (service/synth_fingerprint.h): clear prints score high, each degradation (low contrast,
 * breaks, smudge, wear) lower, blank and noise near zero, the score falls as contrast drops,
 * background does not count, a small print counts less; the desk's decision; the PNG reader's
 * refusals (not 8-bit gray, not 500 ppi, damaged) and the lossless round trip.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fingerprint.h"
#include "service/fingerprint_png.h"
#include "service/synth_fingerprint.h"

enum { W = 400, H = 500, SEEDS = 6 };

/* Draws a print of a kind (or with the given parameters) and scores it. */
static cccd_finger_quality score_params(const cccd_synth_finger *p) {
    uint8_t *px = malloc((size_t)p->width * p->height);
    assert_non_null(px);
    cccd_err err;
    assert_int_equal(cccd_synth_finger_draw(p, px, &err), CCCD_OK);
    cccd_finger_quality q;
    assert_int_equal(cccd_finger_score(px, p->width, p->height, (size_t)p->width, NULL, &q, &err),
                     CCCD_OK);
    free(px);
    return q;
}

static cccd_finger_quality score_kind(cccd_synth_finger_kind kind, uint64_t seed) {
    cccd_synth_finger p = cccd_synth_finger_preset(kind, W, H, seed);
    return score_params(&p);
}

static void test_clear_scores_high(void **state) {
    (void)state;
    for (uint64_t s = 1; s <= SEEDS; s++) { /* the seeds cover loops, whorls and arches */
        cccd_finger_quality q = score_kind(CCCD_SYNTH_FINGER_CLEAR, s);
        assert_true(q.score >= 60);
        assert_true(q.ocl_mean > 0.8);
        assert_true(q.lcs_mean > 0.8);
        /* the fingertip's ellipse is foreground, the platen around it is not */
        assert_true(q.foreground_blocks > q.blocks / 2);
        assert_true(q.foreground_blocks < q.blocks);
    }
}

static void test_degraded_score_lower(void **state) {
    (void)state;
    static const cccd_synth_finger_kind worse[] = {
        CCCD_SYNTH_FINGER_LOW_CONTRAST, CCCD_SYNTH_FINGER_BROKEN, CCCD_SYNTH_FINGER_SMUDGED,
        CCCD_SYNTH_FINGER_WORN};
    for (uint64_t s = 1; s <= SEEDS; s++) {
        int clear = score_kind(CCCD_SYNTH_FINGER_CLEAR, s).score;
        for (size_t k = 0; k < sizeof worse / sizeof worse[0]; k++) {
            int d = score_kind(worse[k], s).score;
            if (!(d <= clear - 15))
                fail_msg("seed %d kind %d: degraded %d, clear %d", (int)s, (int)worse[k], d, clear);
        }
    }
}

static void test_blank_and_noise_very_low(void **state) {
    (void)state;
    for (uint64_t s = 1; s <= SEEDS; s++) {
        cccd_finger_quality b = score_kind(CCCD_SYNTH_FINGER_BLANK, s);
        assert_true(b.score <= 15);
        assert_int_equal(b.foreground_blocks, 0);
        cccd_finger_quality n = score_kind(CCCD_SYNTH_FINGER_NOISE, s);
        assert_true(n.score <= 15);
        /* noise is busy enough to be foreground: it is the features that reject it */
        assert_int_equal(n.foreground_blocks, n.blocks);
        assert_true(n.ocl_mean < 0.3);
    }
}

static void test_monotonic_in_contrast(void **state) {
    (void)state;
    for (uint64_t s = 1; s <= 3; s++) {
        int prev = 101, first = -1, last = -1;
        for (int step = 10; step >= 1; step--) {
            cccd_synth_finger p = cccd_synth_finger_preset(CCCD_SYNTH_FINGER_CLEAR, W, H, s);
            p.contrast = step / 10.0;
            int sc = score_params(&p).score;
            if (sc > prev)
                fail_msg("seed %d: contrast %.1f scores %d, above %d at %.1f", (int)s, p.contrast,
                         sc, prev, p.contrast + 0.1);
            prev = sc;
            if (first < 0)
                first = sc;
            last = sc;
        }
        assert_true(first - last >= 50);
    }
}

/* The worn prints of the demo fall under the default threshold; the desk asks again, then
 * records an exception. */
static void test_decision(void **state) {
    (void)state;
    cccd_finger_rules r = cccd_finger_rules_default();
    assert_int_equal(r.recapture_below, 40);
    assert_int_equal(r.max_attempts, 3);
    for (uint64_t s = 1; s <= 3; s++) {
        int worn = score_kind(CCCD_SYNTH_FINGER_WORN, s).score;
        int clear = score_kind(CCCD_SYNTH_FINGER_CLEAR, s).score;
        assert_int_equal(cccd_finger_decide(&r, clear, 1), CCCD_FINGER_ACCEPT);
        assert_int_equal(cccd_finger_decide(&r, worn, 1), CCCD_FINGER_RECAPTURE);
        assert_int_equal(cccd_finger_decide(&r, worn, 2), CCCD_FINGER_RECAPTURE);
        assert_int_equal(cccd_finger_decide(&r, worn, 3), CCCD_FINGER_EXCEPTION);
    }
    assert_int_equal(cccd_finger_decide(NULL, 40, 1), CCCD_FINGER_ACCEPT);
    assert_int_equal(cccd_finger_decide(NULL, 39, 1), CCCD_FINGER_RECAPTURE);
    r.recapture_below = 90;
    r.max_attempts = 1;
    assert_int_equal(cccd_finger_decide(&r, 85, 1), CCCD_FINGER_EXCEPTION);
    assert_string_equal(cccd_finger_decision_name(CCCD_FINGER_EXCEPTION), "exception");

    /* the exception's reason codes, both ways */
    static const char *const reasons[] = {"quality", "missing", "amputated", "bandaged"};
    for (size_t i = 0; i < 4; i++) {
        cccd_finger_exception e;
        cccd_err err;
        assert_int_equal(cccd_finger_exception_parse(reasons[i], &e, &err), CCCD_OK);
        assert_string_equal(cccd_finger_exception_name(e), reasons[i]);
    }
    cccd_finger_exception e;
    cccd_err err;
    assert_int_equal(cccd_finger_exception_parse("lost", &e, &err), CCCD_E_ARG);
    assert_non_null(strstr(err.msg, "one of quality, missing, amputated, bandaged"));
    assert_null(cccd_finger_exception_name((cccd_finger_exception)0));
    assert_null(cccd_finger_exception_name((cccd_finger_exception)5));
}

/* Rows `stride` apart with junk between them, and a wide empty margin around the print, change
 * nothing: only the print's own blocks count. */
static void test_stride_and_background(void **state) {
    (void)state;
    cccd_synth_finger p = cccd_synth_finger_preset(CCCD_SYNTH_FINGER_CLEAR, W, H, 7);
    uint8_t *px = malloc((size_t)W * H);
    cccd_err err;
    assert_int_equal(cccd_synth_finger_draw(&p, px, &err), CCCD_OK);
    cccd_finger_quality packed, wide, framed;
    assert_int_equal(cccd_finger_score(px, W, H, W, NULL, &packed, &err), CCCD_OK);

    size_t stride = W + 77;
    uint8_t *sp = malloc(stride * H);
    for (size_t i = 0; i < stride * H; i++)
        sp[i] = (uint8_t)(i * 31);
    for (int y = 0; y < H; y++)
        memcpy(sp + (size_t)y * stride, px + (size_t)y * W, W);
    assert_int_equal(cccd_finger_score(sp, W, H, stride, NULL, &wide, &err), CCCD_OK);
    assert_int_equal(wide.score, packed.score);
    assert_true(wide.ocl_mean == packed.ocl_mean && wide.lcs_mean == packed.lcs_mean);

    /* the print in the middle of a platen twice as large (block-aligned, same background) */
    const int FW = W + 2 * 192, FH = H + 2 * 192;
    uint8_t *fr = malloc((size_t)FW * FH);
    memset(fr, 238, (size_t)FW * FH);
    for (int y = 0; y < H; y++)
        memcpy(fr + (size_t)(y + 192) * FW + 192, px + (size_t)y * W, W);
    assert_int_equal(cccd_finger_score(fr, FW, FH, FW, NULL, &framed, &err), CCCD_OK);
    assert_true(framed.blocks > 2 * packed.blocks);
    assert_true(abs(framed.score - packed.score) <= 3);
    free(fr);
    free(sp);

    /* a small piece of the same print: good ridges, too little of them */
    cccd_finger_quality piece;
    const int PS = 96;
    uint8_t *pc = px + (size_t)(H / 2 - PS / 2) * W + (W / 2 - PS / 2);
    assert_int_equal(cccd_finger_score(pc, PS, PS, W, NULL, &piece, &err), CCCD_OK);
    assert_int_equal(piece.foreground_blocks, 9);
    assert_true(piece.area_factor < 0.3);
    assert_true(piece.score < packed.score / 2);
    assert_true(piece.block_quality > 0.6);
    free(px);
}

static void test_score_errors(void **state) {
    (void)state;
    uint8_t px[64 * 64] = {0};
    cccd_finger_quality q;
    cccd_err err;
    assert_int_equal(cccd_finger_score(NULL, 64, 64, 64, NULL, &q, &err), CCCD_E_ARG);
    assert_int_equal(cccd_finger_score(px, 64, 64, 32, NULL, &q, &err), CCCD_E_ARG);
    assert_int_equal(cccd_finger_score(px, 63, 64, 64, NULL, &q, &err), CCCD_E_FINGER_FORMAT);
    assert_non_null(strstr(err.msg, "500 ppi"));
    assert_int_equal(cccd_finger_score(px, 64, 64, 64, NULL, &q, &err), CCCD_OK);
    assert_int_equal(q.score, 0);
}

static void test_synth_deterministic(void **state) {
    (void)state;
    uint8_t *a = malloc((size_t)W * H), *b = malloc((size_t)W * H);
    cccd_err err;
    cccd_synth_finger p = cccd_synth_finger_preset(CCCD_SYNTH_FINGER_WORN, W, H, 42);
    assert_int_equal(cccd_synth_finger_draw(&p, a, &err), CCCD_OK);
    assert_int_equal(cccd_synth_finger_draw(&p, b, &err), CCCD_OK);
    assert_memory_equal(a, b, (size_t)W * H);
    p.seed = 43;
    assert_int_equal(cccd_synth_finger_draw(&p, b, &err), CCCD_OK);
    assert_memory_not_equal(a, b, (size_t)W * H);
    p.contrast = 1.5;
    assert_int_equal(cccd_synth_finger_draw(&p, b, &err), CCCD_E_ARG);
    free(a);
    free(b);

    bool w1[11], w2[11];
    cccd_synth_worn_fingers(5, "001090012345", 3, w1);
    cccd_synth_worn_fingers(5, "001090012345", 3, w2);
    assert_memory_equal(w1, w2, sizeof w1);
    int n = 0;
    for (int i = 1; i <= 10; i++)
        n += w1[i];
    assert_int_equal(n, 3);
    assert_false(w1[0]);
    assert_true(cccd_synth_bio_seed(5, "001090012345", 1) !=
                cccd_synth_bio_seed(5, "001090012346", 1));
    assert_true(cccd_synth_bio_seed(5, "001090012345", 1) !=
                cccd_synth_bio_seed(5, "001090012345", 2));
    assert_string_equal(cccd_finger_position_name(1), "right thumb");
    assert_string_equal(cccd_finger_position_name(6), "left thumb");
    assert_string_equal(cccd_finger_position_name(10), "left little");
    assert_null(cccd_finger_position_name(0));
    assert_null(cccd_finger_position_name(11));
}

/* ---- PNG ---- */

typedef struct membuf {
    unsigned char *b;
    size_t n;
} membuf;

static void mem_write(png_structp png, png_bytep data, size_t n) {
    membuf *m = png_get_io_ptr(png);
    m->b = realloc(m->b, m->n + n);
    memcpy(m->b + m->n, data, n);
    m->n += n;
}

static void mem_flush(png_structp png) {
    (void)png;
}

/* A 64x64 PNG of any type and depth written with libpng directly; ppm 0 = no pHYs. */
static membuf make_png(int type, int depth, unsigned ppm) {
    membuf m = {NULL, 0};
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png_create_info_struct(png);
    assert_int_equal(setjmp(png_jmpbuf(png)), 0);
    png_set_write_fn(png, &m, mem_write, mem_flush);
    png_set_IHDR(png, info, 64, 64, depth, type, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    png_color pal[2] = {{0, 0, 0}, {255, 255, 255}};
    if (type == PNG_COLOR_TYPE_PALETTE)
        png_set_PLTE(png, info, pal, 2);
    if (ppm)
        png_set_pHYs(png, info, ppm, ppm, PNG_RESOLUTION_METER);
    png_write_info(png, info);
    unsigned char row[64 * 8] = {0};
    for (int y = 0; y < 64; y++)
        png_write_row(png, row);
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    return m;
}

static void test_png_refusals(void **state) {
    (void)state;
    static const struct {
        int type, depth;
        unsigned ppm;
        const char *why; /* NULL: accepted */
    } cases[] = {
        {PNG_COLOR_TYPE_GRAY, 8, 0, NULL},
        {PNG_COLOR_TYPE_GRAY, 8, 19685, NULL},
        {PNG_COLOR_TYPE_GRAY, 8, 19700, NULL}, /* within 1% */
        {PNG_COLOR_TYPE_RGB, 8, 19685, "not 8-bit grayscale"},
        {PNG_COLOR_TYPE_GRAY, 16, 19685, "not 8-bit grayscale"},
        {PNG_COLOR_TYPE_GRAY, 4, 19685, "not 8-bit grayscale"},
        {PNG_COLOR_TYPE_PALETTE, 8, 19685, "not 8-bit grayscale"},
        {PNG_COLOR_TYPE_GRAY_ALPHA, 8, 19685, "not 8-bit grayscale"},
        {PNG_COLOR_TYPE_GRAY, 8, 11811, "not 500 ppi"}, /* 300 ppi */
        {PNG_COLOR_TYPE_GRAY, 8, 39370, "not 500 ppi"}, /* 1000 ppi */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        membuf m = make_png(cases[i].type, cases[i].depth, cases[i].ppm);
        cccd_gray_image img;
        cccd_err err;
        cccd_errc rc = cccd_finger_png_decode(m.b, m.n, &img, &err);
        if (cases[i].why == NULL) {
            assert_int_equal(rc, CCCD_OK);
            assert_int_equal(img.width, 64);
            assert_int_equal(img.height, 64);
            cccd_gray_image_free(&img);
        } else {
            assert_int_equal(rc, CCCD_E_FINGER_FORMAT);
            if (strstr(err.msg, cases[i].why) == NULL)
                fail_msg("case %zu: '%s' lacks '%s'", i, err.msg, cases[i].why);
        }
        free(m.b);
    }
}

static void test_png_round_trip_and_damage(void **state) {
    (void)state;
    cccd_synth_finger p = cccd_synth_finger_preset(CCCD_SYNTH_FINGER_CLEAR, W, H, 3);
    uint8_t *px = malloc((size_t)W * H);
    cccd_err err;
    assert_int_equal(cccd_synth_finger_draw(&p, px, &err), CCCD_OK);
    unsigned char *png;
    size_t len;
    assert_int_equal(cccd_finger_png_encode(px, W, H, W, &png, &len, &err), CCCD_OK);
    cccd_gray_image img;
    assert_int_equal(cccd_finger_png_decode(png, len, &img, &err), CCCD_OK);
    assert_int_equal(img.width, W);
    assert_int_equal(img.height, H);
    assert_memory_equal(img.pixels, px, (size_t)W * H); /* lossless */
    cccd_gray_image_free(&img);

    cccd_finger_quality direct, via_png;
    assert_int_equal(cccd_finger_score(px, W, H, W, NULL, &direct, &err), CCCD_OK);
    assert_int_equal(cccd_finger_png_score(png, len, NULL, &via_png, &err), CCCD_OK);
    assert_int_equal(direct.score, via_png.score);

    /* cut short, a flipped byte in the image data, not a PNG at all */
    assert_int_equal(cccd_finger_png_decode(png, len / 2, &img, &err), CCCD_E_FINGER_FORMAT);
    assert_non_null(strstr(err.msg, "not a readable PNG"));
    png[len / 2] ^= 0x55;
    assert_int_equal(cccd_finger_png_decode(png, len, &img, &err), CCCD_E_FINGER_FORMAT);
    static const unsigned char jpeg[] = {0xff, 0xd8, 0xff, 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0};
    assert_int_equal(cccd_finger_png_decode(jpeg, sizeof jpeg, &img, &err), CCCD_E_FINGER_FORMAT);
    assert_non_null(strstr(err.msg, "not a PNG"));
    free(png);
    free(px);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clear_scores_high),
        cmocka_unit_test(test_degraded_score_lower),
        cmocka_unit_test(test_blank_and_noise_very_low),
        cmocka_unit_test(test_monotonic_in_contrast),
        cmocka_unit_test(test_decision),
        cmocka_unit_test(test_stride_and_background),
        cmocka_unit_test(test_score_errors),
        cmocka_unit_test(test_synth_deterministic),
        cmocka_unit_test(test_png_refusals),
        cmocka_unit_test(test_png_round_trip_and_damage),
    };
    return cmocka_run_group_tests_name("fingerprint", tests, NULL, NULL);
}
