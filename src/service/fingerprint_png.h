/*
 * fingerprint_png.h: fingerprints as PNG files: reading what a capture device sends (8-bit
 * grayscale at 500 ppi), writing them losslessly for storage, and decode-and-score in one call
 * for the enrollment upload.
 *
 * Why a wrapper: libpng reports errors by longjmp and accepts every PNG colour type and depth;
 * the desk must refuse, with a reason the officer understands, anything that is not the format
 * the quality score and the card's storage expect, before scoring it.
 */
#ifndef CCCD_SERVICE_FINGERPRINT_PNG_H
#define CCCD_SERVICE_FINGERPRINT_PNG_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "core/fingerprint.h"

/* 500 ppi in the PNG pHYs chunk's unit (pixels per metre), and the tolerance accepted (1%). */
#define CCCD_FINGER_PPM 19685u

/* A decoded grayscale image; pixels owned (free with cccd_gray_image_free). */
typedef struct cccd_gray_image {
    uint8_t *pixels;
    int width, height;
    size_t stride; /* == width */
} cccd_gray_image;

void cccd_gray_image_free(cccd_gray_image *img);

/* Decodes an 8-bit grayscale PNG (png borrowed, len bytes) into *out (owned by the caller).
 * Refused with CCCD_E_FINGER_FORMAT and the reason: not a PNG / damaged, "not 8-bit grayscale"
 * (colour, palette, alpha, 1/2/4/16-bit), a pHYs resolution other than 500 ppi, a side outside
 * CCCD_FINGER_MIN_SIDE..CCCD_FINGER_MAX_SIDE. A PNG without pHYs is taken as 500 ppi. */
cccd_errc cccd_finger_png_decode(const unsigned char *png, size_t len, cccd_gray_image *out,
                                 cccd_err *err);

/* Encodes width x height 8-bit gray pixels (rows stride bytes apart; borrowed) as a lossless
 * PNG with pHYs 500 ppi, into *out (malloc'ed, owned by the caller) of *outlen bytes. */
cccd_errc cccd_finger_png_encode(const uint8_t *pixels, int width, int height, size_t stride,
                                 unsigned char **out, size_t *outlen, cccd_err *err);

/* Decodes the PNG and scores it (rules NULL = defaults): the upload endpoint's one call. */
cccd_errc cccd_finger_png_score(const unsigned char *png, size_t len,
                                const cccd_finger_rules *rules, cccd_finger_quality *out,
                                cccd_err *err);

#endif
