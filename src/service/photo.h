/*
 * photo.h: the check of a face photo (JPEG) for the card's portrait, done at the desk while
 * the citizen is still in front of the camera.
 *
 * Why this exists: a portrait that is too small, not 3:4, blank, too dark or bright, clipped or
 * flat is rejected later at card production, after the citizen has gone home; checking it at
 * capture costs a retake instead of a second visit. The JPEG is decoded with libjpeg-turbo
 * (TurboJPEG API) straight to luminance, and measured; a refusal names the rule and what the
 * officer should do ("too dark: retake with more light"). docs/biometrics.md gives the
 * thresholds and why.
 */
#ifndef CCCD_SERVICE_PHOTO_H
#define CCCD_SERVICE_PHOTO_H

#include <stddef.h>

#include "core/error.h"

/* The thresholds; cccd_photo_rules_default() gives the documented defaults. */
typedef struct cccd_photo_rules {
    int min_width, min_height;     /* 240 x 320 pixels */
    int max_width, max_height;     /* 2400 x 3200 pixels */
    double aspect_min, aspect_max; /* width / height: 0.70 .. 0.80 (3:4 is 0.75, 35x45 mm 0.78) */
    double blank_stddev;           /* luminance standard deviation below this: blank (10) */
    double mean_min, mean_max;     /* mean luminance: 70 .. 200 */
    double max_clipped;            /* share of pixels at 0, and of pixels at 255: 0.05 each */
    int min_spread;                /* 95th minus 5th percentile of luminance: at least 50 */
} cccd_photo_rules;

cccd_photo_rules cccd_photo_rules_default(void);

/* Why a photo is refused (or not). */
typedef enum cccd_photo_verdict {
    CCCD_PHOTO_ACCEPTED = 0,
    CCCD_PHOTO_TOO_SMALL,
    CCCD_PHOTO_TOO_LARGE,
    CCCD_PHOTO_ASPECT,
    CCCD_PHOTO_BLANK,
    CCCD_PHOTO_TOO_DARK,
    CCCD_PHOTO_TOO_BRIGHT,
    CCCD_PHOTO_SHADOWS_CLIPPED,
    CCCD_PHOTO_HIGHLIGHTS_CLIPPED,
    CCCD_PHOTO_LOW_CONTRAST,
} cccd_photo_verdict;

/* "accepted", "too_small", "too_large", "aspect", "blank", "too_dark", "too_bright",
 * "shadows_clipped", "highlights_clipped", "low_contrast". */
const char *cccd_photo_verdict_name(cccd_photo_verdict v);

/* What was measured (luminance 0..255). Fields after width/height are 0 when the photo was
 * refused for its size before being decoded. */
typedef struct cccd_photo_result {
    int width, height;
    double aspect;         /* width / height */
    double mean, stddev;   /* luminance */
    double dark_clipped;   /* share of pixels at 0 */
    double bright_clipped; /* share of pixels at 255 */
    int p5, p95;           /* 5th and 95th percentiles of luminance */
    cccd_photo_verdict verdict;
} cccd_photo_result;

/* Checks a JPEG in memory (jpeg borrowed, len bytes; rules NULL = defaults) and fills *out.
 * Returns CCCD_OK when accepted; CCCD_E_PHOTO_REFUSED when a rule fails (out->verdict says
 * which, err->msg what to do); CCCD_E_PHOTO_FORMAT when it is not a JPEG that decodes (out
 * zeroed); CCCD_E_NOMEM. */
cccd_errc cccd_photo_check(const unsigned char *jpeg, size_t len, const cccd_photo_rules *rules,
                           cccd_photo_result *out, cccd_err *err);

#endif
