/*
 * png_fast.h: a cairo RGB24 image written as PNG quickly (libpng at zlib's fastest level, one
 * cheap filter) for the drawings made by the thousand: the printed card faces and tickets.
 *
 * Why this exists: cairo's own PNG writer uses libpng's defaults (adaptive filtering, zlib
 * level 6), which took three quarters of the time of a card face; a national day of cards
 * must be drawn in hours, not days. The files are a little larger and decode the same.
 */
#ifndef CCCD_SERVICE_PNG_FAST_H
#define CCCD_SERVICE_PNG_FAST_H

#include <cairo.h>
#include <stddef.h>

#include "core/error.h"

/* The image surface s (CAIRO_FORMAT_RGB24, flushed; borrowed) as an 8-bit RGB PNG into *out
 * (new, owned by the caller: free()) of *len bytes, with a pHYs chunk of dpi when dpi > 0.
 * Errors: CCCD_E_ARG (not an RGB24 image surface), CCCD_E_NOMEM, CCCD_E_INTERNAL. */
cccd_errc cccd_png_from_cairo(cairo_surface_t *s, int dpi, unsigned char **out, size_t *len,
                              cccd_err *err);

#endif
