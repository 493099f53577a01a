/*
 * synth_fingerprint.h: deterministic synthetic fingerprints (500 ppi, 8-bit gray) and the
 * synthetic biometrics of a person for the demo (`cccd synth biometrics`).
 *
 * Why this exists: the quality score must be tested on prints whose quality is known (clear,
 * low-contrast, broken, smudged, blank, noise), and the demo needs ten prints per person, some
 * of them worn, without any real person's biometrics. A print is a sinusoid of period 9-10 px
 * across ridges that follow a loop, whorl or arch pattern around a core (a singularity), inside
 * a fingertip-shaped ellipse, with skin texture and sensor noise; the degradations are applied
 * on top. Same parameters, same pixels: the generator has its own PRNG (xoshiro256**) and reads
 * no clock.
 */
#ifndef CCCD_SERVICE_SYNTH_FINGERPRINT_H
#define CCCD_SERVICE_SYNTH_FINGERPRINT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/error.h"

typedef struct cccd_synth_finger {
    int width, height; /* pixels, 64..4000 each */
    uint64_t seed;     /* chooses the pattern, its core, period, rotation and the noise */
    double contrast;   /* ridge amplitude relative to a clear print: 1 clear, 0 no ridges */
    double breaks;     /* share of the print's area erased by gaps and creases, 0..0.6 */
    int smudge;        /* blur radius in pixels (ridges merge), 0 = none */
    bool blank;        /* an empty platen: no finger at all */
    bool noise;        /* pure random pixels instead of a print */
} cccd_synth_finger;

typedef enum cccd_synth_finger_kind {
    CCCD_SYNTH_FINGER_CLEAR = 0,
    CCCD_SYNTH_FINGER_LOW_CONTRAST, /* contrast 0.25 */
    CCCD_SYNTH_FINGER_BROKEN,       /* 30% of the area in gaps and creases */
    CCCD_SYNTH_FINGER_SMUDGED,      /* blur radius 3, ridges merged */
    CCCD_SYNTH_FINGER_WORN,         /* a manual worker's print: contrast 0.3 and 20% breaks */
    CCCD_SYNTH_FINGER_BLANK,
    CCCD_SYNTH_FINGER_NOISE,
} cccd_synth_finger_kind;

/* The parameters of a kind of print. */
cccd_synth_finger cccd_synth_finger_preset(cccd_synth_finger_kind kind, int width, int height,
                                           uint64_t seed);

/* Draws the print into pixels (width * height bytes, rows width bytes apart; borrowed).
 * Errors: CCCD_E_ARG (bad sizes or parameters), CCCD_E_NOMEM. */
cccd_errc cccd_synth_finger_draw(const cccd_synth_finger *p, uint8_t *pixels, cccd_err *err);

/* The seed of one item of a person's synthetic biometrics: item 0 the portrait, 1..10 the
 * fingers (ISO/IEC 19794-4 positions); mixes the run's seed with the personal ID. */
uint64_t cccd_synth_bio_seed(uint64_t seed, const char *personal_id, int item);

/* Which of the ten fingers are worn when n of them are: worn[1..10] (worn[0] unused), n chosen
 * deterministically from the seed and the personal ID. n is clamped to 0..10. */
void cccd_synth_worn_fingers(uint64_t seed, const char *personal_id, int n, bool worn[11]);

#endif
