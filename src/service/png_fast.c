/*
 * png_fast.c: cairo RGB24 surfaces to PNG with libpng, fast (see png_fast.h).
 *
 * libpng signals errors by longjmp to the setjmp in the function that called it; the state
 * touched after setjmp lives in a context struct, not in locals.
 */
#include "service/png_fast.h"

#include <png.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

typedef struct out_buf {
    unsigned char *data; /* owned until handed over */
    size_t len, cap;
    bool failed;
    char msg[160];
} out_buf;

static void on_error(png_structp png, png_const_charp msg) {
    out_buf *o = png_get_error_ptr(png);
    snprintf(o->msg, sizeof o->msg, "%s", msg);
    png_longjmp(png, 1);
}

static void on_warning(png_structp png, png_const_charp msg) {
    (void)png, (void)msg;
}

static void write_mem(png_structp png, png_bytep data, size_t n) {
    out_buf *o = png_get_io_ptr(png);
    if (o->len + n > o->cap) {
        size_t cap = o->cap ? o->cap : 65536;
        while (cap < o->len + n)
            cap *= 2;
        unsigned char *b = realloc(o->data, cap);
        if (b == NULL) {
            o->failed = true;
            png_error(png, "out of memory");
        }
        o->data = b;
        o->cap = cap;
    }
    memcpy(o->data + o->len, data, n);
    o->len += n;
}

static void flush_mem(png_structp png) {
    (void)png;
}

static cccd_errc encode(out_buf *o, png_structp png, png_infop info, const unsigned char *px, int w,
                        int h, int stride, int dpi, cccd_err *err) {
    if (setjmp(png_jmpbuf(png)))
        return cccd_err_set(err, o->failed ? CCCD_E_NOMEM : CCCD_E_INTERNAL, NULL,
                            "cannot write the PNG: %s", o->msg);
    png_set_write_fn(png, o, write_mem, flush_mem);
    png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (dpi > 0) {
        png_uint_32 ppm = (png_uint_32)(dpi / 0.0254 + 0.5);
        png_set_pHYs(png, info, ppm, ppm, PNG_RESOLUTION_METER);
    }
    png_set_compression_level(png, Z_BEST_SPEED);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_SUB);
    png_write_info(png, info);
    /* cairo's RGB24 is one native-endian 32-bit word per pixel, 0x00RRGGBB: in memory B G R X
     * on a little-endian machine, X R G B on a big-endian one */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    png_set_bgr(png);
    png_set_filler(png, 0, PNG_FILLER_AFTER);
#else
    png_set_filler(png, 0, PNG_FILLER_BEFORE);
#endif
    for (int y = 0; y < h; y++)
        png_write_row(png, px + (size_t)y * (size_t)stride);
    png_write_end(png, info);
    return CCCD_OK;
}

cccd_errc cccd_png_from_cairo(cairo_surface_t *s, int dpi, unsigned char **out, size_t *len,
                              cccd_err *err) {
    *out = NULL;
    *len = 0;
    if (cairo_surface_get_type(s) != CAIRO_SURFACE_TYPE_IMAGE ||
        cairo_image_surface_get_format(s) != CAIRO_FORMAT_RGB24)
        return cccd_err_set(err, CCCD_E_ARG, NULL, "not an RGB image to write as PNG");
    cairo_surface_flush(s);
    out_buf o = {NULL, 0, 0, false, ""};
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &o, on_error, on_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (info == NULL) {
        png_destroy_write_struct(&png, NULL);
        return cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory writing a PNG");
    }
    cccd_errc rc =
        encode(&o, png, info, cairo_image_surface_get_data(s), cairo_image_surface_get_width(s),
               cairo_image_surface_get_height(s), cairo_image_surface_get_stride(s), dpi, err);
    png_destroy_write_struct(&png, &info);
    if (rc != CCCD_OK) {
        free(o.data);
        return rc;
    }
    *out = o.data;
    *len = o.len;
    return CCCD_OK;
}
