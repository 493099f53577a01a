/*
 * photo.c: decoding the portrait with TurboJPEG and measuring it (see photo.h).
 *
 * The JPEG is decoded directly to 8-bit luminance (TJPF_GRAY: for a YCbCr JPEG that is its Y
 * plane, the luminance the rules are about), after the header's size is checked, so that a
 * huge image is refused before any memory is spent on it. One pass builds a histogram; the mean,
 * standard deviation, clipped shares and percentiles all come from it.
 */
#include "service/photo.h"

#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <turbojpeg.h>

cccd_photo_rules cccd_photo_rules_default(void) {
    return (cccd_photo_rules){.min_width = 240,
                              .min_height = 320,
                              .max_width = 2400,
                              .max_height = 3200,
                              .aspect_min = 0.70,
                              .aspect_max = 0.80,
                              .blank_stddev = 10.0,
                              .mean_min = 70.0,
                              .mean_max = 200.0,
                              .max_clipped = 0.05,
                              .min_spread = 50};
}

const char *cccd_photo_verdict_name(cccd_photo_verdict v) {
    static const char *const names[] = {
        "accepted",   "too_small",       "too_large",          "aspect",      "blank", "too_dark",
        "too_bright", "shadows_clipped", "highlights_clipped", "low_contrast"};
    if ((int)v < 0 || (size_t)v >= sizeof names / sizeof names[0])
        return "unknown";
    return names[v];
}

static cccd_errc refuse(cccd_photo_result *out, cccd_photo_verdict v, cccd_err *err,
                        const char *fmt, double a, double b) {
    out->verdict = v;
    char msg[200];
    snprintf(msg, sizeof msg, fmt, a, b);
    return cccd_err_set(err, CCCD_E_PHOTO_REFUSED, "photo", "%s", msg);
}

/* The rules over the measured values, in the order an officer would fix them. */
static cccd_errc judge(const cccd_photo_rules *r, cccd_photo_result *m, cccd_err *err) {
    if (m->stddev < r->blank_stddev)
        return refuse(m, CCCD_PHOTO_BLANK, err,
                      "the photo is blank (luminance varies by %.1f, at least %.0f): check the "
                      "camera and retake it",
                      m->stddev, r->blank_stddev);
    if (m->mean < r->mean_min)
        return refuse(m, CCCD_PHOTO_TOO_DARK, err,
                      "too dark (mean luminance %.0f, at least %.0f): retake with more light",
                      m->mean, r->mean_min);
    if (m->mean > r->mean_max)
        return refuse(m, CCCD_PHOTO_TOO_BRIGHT, err,
                      "too bright (mean luminance %.0f, at most %.0f): retake with less light or "
                      "without the flash",
                      m->mean, r->mean_max);
    if (m->dark_clipped > r->max_clipped)
        return refuse(m, CCCD_PHOTO_SHADOWS_CLIPPED, err,
                      "underexposed: %.1f%% of the pixels are pure black (at most %.0f%%): retake "
                      "with more light on the face",
                      100 * m->dark_clipped, 100 * r->max_clipped);
    if (m->bright_clipped > r->max_clipped)
        return refuse(m, CCCD_PHOTO_HIGHLIGHTS_CLIPPED, err,
                      "overexposed: %.1f%% of the pixels are pure white (at most %.0f%%): retake "
                      "with less light or without the flash",
                      100 * m->bright_clipped, 100 * r->max_clipped);
    if (m->p95 - m->p5 < r->min_spread)
        return refuse(m, CCCD_PHOTO_LOW_CONTRAST, err,
                      "too flat (contrast %.0f between the darkest and lightest parts, at least "
                      "%.0f): retake with even light on the face and a plain light background",
                      (double)(m->p95 - m->p5), (double)r->min_spread);
    m->verdict = CCCD_PHOTO_ACCEPTED;
    return CCCD_OK;
}

cccd_errc cccd_photo_check(const unsigned char *jpeg, size_t len, const cccd_photo_rules *rules,
                           cccd_photo_result *out, cccd_err *err) {
    if (out == NULL || (jpeg == NULL && len > 0))
        return cccd_err_set(err, CCCD_E_ARG, "photo", "no photo");
    memset(out, 0, sizeof *out);
    cccd_photo_rules def = cccd_photo_rules_default();
    const cccd_photo_rules *r = rules ? rules : &def;
    if (len < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
        return cccd_err_set(err, CCCD_E_PHOTO_FORMAT, "photo",
                            "the photo is not a JPEG file: save it from the camera as JPEG");
    tjhandle tj = tjInitDecompress();
    if (tj == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, NULL, "cannot start the JPEG decoder");
    int w, h, subsamp, colorspace;
    if (tjDecompressHeader3(tj, jpeg, (unsigned long)len, &w, &h, &subsamp, &colorspace) != 0) {
        cccd_errc rc = cccd_err_set(err, CCCD_E_PHOTO_FORMAT, "photo",
                                    "the photo is not a readable JPEG (%s): take it again",
                                    tjGetErrorStr2(tj));
        tjDestroy(tj);
        return rc;
    }
    if (colorspace == TJCS_CMYK || colorspace == TJCS_YCCK) {
        tjDestroy(tj);
        return cccd_err_set(err, CCCD_E_PHOTO_FORMAT, "photo",
                            "the photo is a CMYK (print) JPEG: save it from the camera as an "
                            "RGB JPEG");
    }
    out->width = w;
    out->height = h;
    out->aspect = h > 0 ? (double)w / h : 0;
    cccd_errc rc = CCCD_OK;
    if (w < r->min_width || h < r->min_height)
        rc = refuse(out, CCCD_PHOTO_TOO_SMALL, err,
                    "the photo is too small: at least %.0fx%.0f pixels; retake it at a higher "
                    "resolution or closer",
                    r->min_width, r->min_height);
    else if (w > r->max_width || h > r->max_height)
        rc = refuse(out, CCCD_PHOTO_TOO_LARGE, err,
                    "the photo is too large: at most %.0fx%.0f pixels; set the camera to a lower "
                    "resolution",
                    r->max_width, r->max_height);
    else if (out->aspect < r->aspect_min || out->aspect > r->aspect_max)
        rc = refuse(out, CCCD_PHOTO_ASPECT, err,
                    "the photo's width/height is %.2f: a card portrait is 3:4 (%.2f); crop it to "
                    "3:4 around the face",
                    out->aspect, 0.75);
    if (rc != CCCD_OK) {
        tjDestroy(tj);
        return rc;
    }
    uint8_t *y = malloc((size_t)w * h);
    if (y == NULL) {
        tjDestroy(tj);
        return cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory decoding the photo");
    }
    if (tjDecompress2(tj, jpeg, (unsigned long)len, y, w, 0, h, TJPF_GRAY, 0) != 0) {
        rc = cccd_err_set(err, CCCD_E_PHOTO_FORMAT, "photo",
                          "the photo is damaged or cut short (%s): take it again",
                          tjGetErrorStr2(tj));
        free(y);
        tjDestroy(tj);
        memset(out, 0, sizeof *out);
        return rc;
    }
    tjDestroy(tj);

    uint64_t hist[256] = {0};
    const size_t n = (size_t)w * h;
    for (size_t i = 0; i < n; i++)
        hist[y[i]]++;
    free(y);
    double sum = 0, sum2 = 0;
    for (int v = 0; v < 256; v++) {
        sum += (double)hist[v] * v;
        sum2 += (double)hist[v] * v * v;
    }
    out->mean = sum / (double)n;
    double var = sum2 / (double)n - out->mean * out->mean;
    out->stddev = var > 0 ? sqrt(var) : 0;
    out->dark_clipped = (double)hist[0] / (double)n;
    out->bright_clipped = (double)hist[255] / (double)n;
    uint64_t cum = 0;
    out->p5 = out->p95 = -1;
    for (int v = 0; v < 256; v++) {
        cum += hist[v];
        if (out->p5 < 0 && (double)cum >= 0.05 * (double)n)
            out->p5 = v;
        if (out->p95 < 0 && (double)cum >= 0.95 * (double)n)
            out->p95 = v;
    }
    return judge(r, out, err);
}
