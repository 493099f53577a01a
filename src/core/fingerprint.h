/*
 * fingerprint.h: the quality score (0-100) of one fingerprint image, and what the desk does with
 * it (accept, recapture, or record an exception after the last attempt).
 *
 * Why this exists: the desk must tell, while the citizen is still there, whether a print is
 * good enough to keep; worn prints of manual workers are the common case. The score is computed
 * block-wise (32x32 pixels at 500 ppi) from two features defined in NIST's NFIQ 2 report
 * ("NIST Fingerprint Image Quality 2", NISTIR 8382): the orientation certainty level (OCL) and the
 * local clarity score (LCS), over the foreground blocks only. docs/biometrics.md gives the formula.
 *
 * Pure: plain memory in, numbers out; no I/O, no allocation, no global state.
 */
#ifndef CCCD_CORE_FINGERPRINT_H
#define CCCD_CORE_FINGERPRINT_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

/* The side of a block in pixels (about 1.6 mm at 500 ppi, two to four ridges). */
#define CCCD_FINGER_BLOCK 32
/* Images this small or large are refused (pixels, each side). */
#define CCCD_FINGER_MIN_SIDE 64
#define CCCD_FINGER_MAX_SIDE 4000

/* The desk's thresholds: documented defaults from cccd_finger_rules_default(). */
typedef struct cccd_finger_rules {
    int recapture_below;  /* a score below this asks for a recapture (default 40) */
    int max_attempts;     /* captures of one finger before an exception is recorded (default 3) */
    double fg_min_stddev; /* a block is foreground when its gray-level standard deviation is at
                             least this (default 8: a scanner's empty platen is flatter) */
    double full_area_mm2; /* foreground area that counts as a whole fingertip (default 100 mm2);
                             a smaller print's score is scaled down in proportion */
} cccd_finger_rules;

cccd_finger_rules cccd_finger_rules_default(void);

/* The measurements behind a score. */
typedef struct cccd_finger_quality {
    int score;             /* 0..100 */
    double ocl_mean;       /* mean orientation certainty over the foreground blocks, 0..1 */
    double lcs_mean;       /* mean local clarity over the foreground blocks, 0..1 */
    double block_quality;  /* mean of OCL x LCS over the foreground blocks, 0..1 */
    double area_factor;    /* min(1, foreground area / full_area_mm2) */
    int blocks;            /* whole 32x32 blocks in the image */
    int foreground_blocks; /* of which foreground */
} cccd_finger_quality;

/* Scores an 8-bit grayscale image at 500 ppi (0 = black ridge, 255 = white), rows `stride`
 * bytes apart (stride >= width). pixels is borrowed. rules may be NULL (defaults).
 * Errors: CCCD_E_ARG (NULL pixels, stride < width), CCCD_E_FINGER_FORMAT (a side outside
 * CCCD_FINGER_MIN_SIDE..CCCD_FINGER_MAX_SIDE). */
cccd_errc cccd_finger_score(const uint8_t *pixels, int width, int height, size_t stride,
                            const cccd_finger_rules *rules, cccd_finger_quality *out,
                            cccd_err *err);

/* What the desk does after a capture. */
typedef enum cccd_finger_decision {
    CCCD_FINGER_ACCEPT = 0, /* score >= recapture_below */
    CCCD_FINGER_RECAPTURE,  /* too low and attempts remain: capture the finger again */
    CCCD_FINGER_EXCEPTION,  /* too low on the last attempt: keep the best capture and record a
                               per-finger exception with its reason, for a supervisor */
} cccd_finger_decision;

/* The decision for a score on the attempt-th capture (1-based) of a finger. */
cccd_finger_decision cccd_finger_decide(const cccd_finger_rules *rules, int score, int attempt);

/* "accept", "recapture", "exception". */
const char *cccd_finger_decision_name(cccd_finger_decision d);

/* Why a finger has no accepted capture: the reason code of a per-finger exception, which a
 * supervisor confirms. */
typedef enum cccd_finger_exception {
    CCCD_FINGER_EXC_QUALITY = 1, /* captured max_attempts times, every score below threshold */
    CCCD_FINGER_EXC_MISSING,     /* no such finger (from birth or lost long ago) */
    CCCD_FINGER_EXC_AMPUTATED,   /* amputated */
    CCCD_FINGER_EXC_BANDAGED,    /* injured or bandaged: cannot be captured today */
} cccd_finger_exception;

/* "quality", "missing", "amputated", "bandaged"; NULL for anything else. */
const char *cccd_finger_exception_name(cccd_finger_exception e);

/* Parses a reason name into *out. Errors: CCCD_E_ARG ("one of quality, missing, ..."). */
cccd_errc cccd_finger_exception_parse(const char *name, cccd_finger_exception *out, cccd_err *err);

/* Finger positions as ISO/IEC 19794-4 and ANSI/NIST-ITL number them: 1 right thumb, 2 right
 * index, 3 right middle, 4 right ring, 5 right little, 6 left thumb ... 10 left little.
 * The name of position 1..10 ("right thumb"), or NULL out of range. */
const char *cccd_finger_position_name(int position);

#endif
