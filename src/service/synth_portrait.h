/*
 * synth_portrait.h: a plain synthetic portrait (JPEG) for the demo and the tests: a face-like
 * oval with shading, hair, eyes and shoulders on a light background, 3:4, deterministic from a
 * seed, that passes the photo check (service/photo.h).
 *
 * Why this exists: the demo's applications need a photo, and no real person's may be used.
 */
#ifndef CCCD_SERVICE_SYNTH_PORTRAIT_H
#define CCCD_SERVICE_SYNTH_PORTRAIT_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

/* The portrait's size in pixels (3:4). */
#define CCCD_SYNTH_PORTRAIT_W 480
#define CCCD_SYNTH_PORTRAIT_H 640

/* Draws the RGB pixels (w * h * 3 bytes, rows w * 3 bytes apart; borrowed) of the portrait of
 * a seed (see cccd_synth_bio_seed for a person's). w and h at least 60 x 80. */
cccd_errc cccd_synth_portrait_draw(uint64_t seed, int w, int h, unsigned char *rgb, cccd_err *err);

/* The portrait of a seed at CCCD_SYNTH_PORTRAIT_W x H, encoded as a JPEG (quality 85, 4:2:0)
 * with TurboJPEG into *out (malloc'ed, owned by the caller) of *outlen bytes. */
cccd_errc cccd_synth_portrait_jpeg(uint64_t seed, unsigned char **out, size_t *outlen,
                                   cccd_err *err);

/* Encodes w x h RGB pixels (borrowed) as a JPEG of the given quality (1..100) into *out
 * (malloc'ed, owned by the caller): also what the tests use to make photos that break rules. */
cccd_errc cccd_jpeg_encode_rgb(const unsigned char *rgb, int w, int h, int quality,
                               unsigned char **out, size_t *outlen, cccd_err *err);

#endif
