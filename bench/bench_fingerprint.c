/*
 * bench_fingerprint.c: fingerprint quality scoring, images per second on one core, on
 * generated 500 ppi prints of a realistic size (400x500, three clear for one worn, as at a
 * desk), next to two baselines measured in the same run (these machines are noisy: compare
 * ratios):
 *
 *   mean/var   one pass computing each image's mean and variance: the least any per-pixel
 *              measure costs (the floor);
 *   decode     decoding the PNG only (libpng), what every upload pays before scoring;
 *   score      cccd_finger_score on the decoded pixels;
 *   upload     cccd_finger_png_score: decode and score, the enrollment endpoint's call.
 *
 * Each is run over the same set of prints, repeated for at least a second.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_util.h"
#include "core/fingerprint.h"
#include "service/fingerprint_png.h"
#include "service/synth_fingerprint.h"

enum { W = 400, H = 500, PRINTS = 16 };

static uint8_t *pixels[PRINTS];
static unsigned char *pngs[PRINTS];
static size_t png_len[PRINTS];
static volatile double sink;

typedef int (*work_fn)(int i);

static int mean_var(int i) {
    uint64_t s = 0, s2 = 0;
    const uint8_t *p = pixels[i];
    for (size_t k = 0; k < (size_t)W * H; k++) {
        s += p[k];
        s2 += (uint64_t)p[k] * p[k];
    }
    double m = (double)s / (W * H);
    sink += (double)s2 / (W * H) - m * m;
    return 0;
}

static int decode(int i) {
    cccd_gray_image img;
    cccd_err err;
    if (cccd_finger_png_decode(pngs[i], png_len[i], &img, &err) != CCCD_OK)
        return -1;
    sink += img.pixels[0];
    cccd_gray_image_free(&img);
    return 0;
}

static int score(int i) {
    cccd_finger_quality q;
    cccd_err err;
    if (cccd_finger_score(pixels[i], W, H, W, NULL, &q, &err) != CCCD_OK)
        return -1;
    sink += q.score;
    return 0;
}

static int upload(int i) {
    cccd_finger_quality q;
    cccd_err err;
    if (cccd_finger_png_score(pngs[i], png_len[i], NULL, &q, &err) != CCCD_OK)
        return -1;
    sink += q.score;
    return 0;
}

/* Images per second of fn over the prints, for at least `seconds`; -1 on failure. */
static double rate(work_fn fn, double seconds) {
    long n = 0;
    double t0 = bench_now(), t;
    do {
        for (int i = 0; i < PRINTS; i++, n++)
            if (fn(i) != 0)
                return -1;
        t = bench_now() - t0;
    } while (t < seconds);
    return (double)n / t;
}

int main(void) {
    cccd_err err;
    size_t bytes = 0;
    int scores = 0;
    for (int i = 0; i < PRINTS; i++) {
        cccd_synth_finger p = cccd_synth_finger_preset(
            i % 4 == 3 ? CCCD_SYNTH_FINGER_WORN : CCCD_SYNTH_FINGER_CLEAR, W, H, 1000 + i);
        pixels[i] = malloc((size_t)W * H);
        cccd_finger_quality q;
        if (pixels[i] == NULL || cccd_synth_finger_draw(&p, pixels[i], &err) != CCCD_OK ||
            cccd_finger_png_encode(pixels[i], W, H, W, &pngs[i], &png_len[i], &err) != CCCD_OK ||
            cccd_finger_score(pixels[i], W, H, W, NULL, &q, &err) != CCCD_OK) {
            fprintf(stderr, "bench_fingerprint: %s\n", err.msg);
            return 1;
        }
        bytes += png_len[i];
        scores += q.score;
    }
    printf("fingerprint scoring: %d generated %dx%d 500 ppi prints (PNG %zu KB on average, "
           "mean score %d), one core\n",
           PRINTS, W, H, bytes / PRINTS / 1024, scores / PRINTS);
    double floor = rate(mean_var, 1.0), dec = rate(decode, 1.0), sc = rate(score, 2.0),
           up = rate(upload, 2.0);
    if (floor < 0 || dec < 0 || sc < 0 || up < 0) {
        fprintf(stderr, "bench_fingerprint: a call failed\n");
        return 1;
    }
    printf("  %-38s %9.0f images/s  %7.3f ms/image\n", "mean/variance pass (baseline)", floor,
           1e3 / floor);
    printf("  %-38s %9.0f images/s  %7.3f ms/image\n", "PNG decode only (baseline)", dec,
           1e3 / dec);
    printf("  %-38s %9.0f images/s  %7.3f ms/image  (%.0fx the mean/variance pass)\n",
           "quality score (OCL, LCS, foreground)", sc, 1e3 / sc, floor / sc);
    printf("  %-38s %9.0f images/s  %7.3f ms/image  (%.2fx the decode alone)\n",
           "decode + score (the upload's call)", up, 1e3 / up, dec / up);
    for (int i = 0; i < PRINTS; i++) {
        free(pixels[i]);
        free(pngs[i]);
    }
    return 0;
}
