/*
 * fingerprint_png.c: reading and writing fingerprint PNGs with libpng (see fingerprint_png.h).
 *
 * libpng signals errors by longjmp to the setjmp in the caller of each png_* call; every
 * function here keeps the state touched after setjmp in a context struct (not in locals), so
 * nothing depends on locals surviving the jump.
 */
#include "service/fingerprint_png.h"

#include <png.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct png_ctx {
    const unsigned char *in; /* reading: the borrowed input */
    size_t len, pos;
    unsigned char *out; /* writing: the growing output (owned until handed over) */
    size_t out_len, out_cap;
    bool out_failed;
    char msg[160]; /* libpng's error message */
    uint8_t *pixels;
    png_bytep *rows;
} png_ctx;

static void on_error(png_structp png, png_const_charp msg) {
    png_ctx *c = png_get_error_ptr(png);
    snprintf(c->msg, sizeof c->msg, "%s", msg);
    png_longjmp(png, 1);
}

static void on_warning(png_structp png, png_const_charp msg) {
    (void)png;
    (void)msg;
}

static void read_mem(png_structp png, png_bytep data, size_t n) {
    png_ctx *c = png_get_io_ptr(png);
    if (n > c->len - c->pos)
        png_error(png, "the file is cut short");
    memcpy(data, c->in + c->pos, n);
    c->pos += n;
}

void cccd_gray_image_free(cccd_gray_image *img) {
    if (img == NULL)
        return;
    free(img->pixels);
    memset(img, 0, sizeof *img);
}

static cccd_errc decode(png_ctx *c, png_structp png, png_infop info, cccd_gray_image *out,
                        cccd_err *err) {
    if (setjmp(png_jmpbuf(png)))
        return cccd_err_set(err, CCCD_E_FINGER_FORMAT, "image",
                            "the fingerprint is not a readable PNG (%s): capture it again",
                            c->msg[0] ? c->msg : "damaged");
    png_set_read_fn(png, c, read_mem);
    png_set_user_limits(png, CCCD_FINGER_MAX_SIDE, CCCD_FINGER_MAX_SIDE);
    png_read_info(png, info);
    png_uint_32 w = png_get_image_width(png, info), h = png_get_image_height(png, info);
    int depth = png_get_bit_depth(png, info), type = png_get_color_type(png, info);
    if (type != PNG_COLOR_TYPE_GRAY || depth != 8)
        return cccd_err_set(err, CCCD_E_FINGER_FORMAT, "image",
                            "the fingerprint PNG is not 8-bit grayscale (%d-bit %s): set the "
                            "scanner to 8-bit gray",
                            depth,
                            type == PNG_COLOR_TYPE_PALETTE      ? "palette"
                            : type == PNG_COLOR_TYPE_RGB        ? "colour"
                            : type == PNG_COLOR_TYPE_RGB_ALPHA  ? "colour with alpha"
                            : type == PNG_COLOR_TYPE_GRAY_ALPHA ? "gray with alpha"
                                                                : "gray");
    png_uint_32 rx, ry;
    int unit;
    if (png_get_pHYs(png, info, &rx, &ry, &unit) & PNG_INFO_pHYs) {
        const png_uint_32 lo = CCCD_FINGER_PPM - CCCD_FINGER_PPM / 100,
                          hi = CCCD_FINGER_PPM + CCCD_FINGER_PPM / 100;
        if (unit == PNG_RESOLUTION_METER && (rx < lo || rx > hi || ry < lo || ry > hi))
            return cccd_err_set(err, CCCD_E_FINGER_FORMAT, "image",
                                "the fingerprint is %.0fx%.0f ppi, not 500 ppi: set the scanner "
                                "to 500 ppi",
                                rx * 0.0254, ry * 0.0254);
    }
    if (w < CCCD_FINGER_MIN_SIDE || h < CCCD_FINGER_MIN_SIDE)
        return cccd_err_set(err, CCCD_E_FINGER_FORMAT, "image",
                            "the fingerprint image is %ux%u pixels: at least %d a side at 500 ppi",
                            (unsigned)w, (unsigned)h, CCCD_FINGER_MIN_SIDE);
    png_set_interlace_handling(png);
    png_read_update_info(png, info);
    c->pixels = malloc((size_t)w * h);
    c->rows = malloc(h * sizeof *c->rows);
    if (c->pixels == NULL || c->rows == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory reading a fingerprint");
    for (png_uint_32 y = 0; y < h; y++)
        c->rows[y] = c->pixels + (size_t)y * w;
    png_read_image(png, c->rows);
    png_read_end(png, NULL);
    out->pixels = c->pixels;
    c->pixels = NULL;
    out->width = (int)w;
    out->height = (int)h;
    out->stride = w;
    return CCCD_OK;
}

cccd_errc cccd_finger_png_decode(const unsigned char *png_data, size_t len, cccd_gray_image *out,
                                 cccd_err *err) {
    if (out == NULL || (png_data == NULL && len > 0))
        return cccd_err_set(err, CCCD_E_ARG, "image", "no fingerprint image");
    memset(out, 0, sizeof *out);
    if (len < 8 || png_sig_cmp(png_data, 0, 8) != 0)
        return cccd_err_set(err, CCCD_E_FINGER_FORMAT, "image",
                            "the fingerprint is not a PNG file: send it as an 8-bit grayscale "
                            "PNG");
    png_ctx c = {.in = png_data, .len = len};
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &c, on_error, on_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (info == NULL) {
        png_destroy_read_struct(&png, NULL, NULL);
        return cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory reading a fingerprint");
    }
    cccd_errc rc = decode(&c, png, info, out, err);
    png_destroy_read_struct(&png, &info, NULL);
    free(c.pixels);
    free(c.rows);
    return rc;
}

static void write_mem(png_structp png, png_bytep data, size_t n) {
    png_ctx *c = png_get_io_ptr(png);
    if (c->out_len + n > c->out_cap) {
        size_t cap = c->out_cap ? c->out_cap : 16384;
        while (cap < c->out_len + n)
            cap *= 2;
        unsigned char *b = realloc(c->out, cap);
        if (b == NULL) {
            c->out_failed = true;
            png_error(png, "out of memory");
        }
        c->out = b;
        c->out_cap = cap;
    }
    memcpy(c->out + c->out_len, data, n);
    c->out_len += n;
}

static void flush_mem(png_structp png) {
    (void)png;
}

static cccd_errc encode(png_ctx *c, png_structp png, png_infop info, const uint8_t *pixels,
                        int width, int height, size_t stride, cccd_err *err) {
    if (setjmp(png_jmpbuf(png)))
        return cccd_err_set(err, c->out_failed ? CCCD_E_NOMEM : CCCD_E_INTERNAL, NULL,
                            "cannot write the fingerprint PNG: %s", c->msg);
    png_set_write_fn(png, c, write_mem, flush_mem);
    png_set_IHDR(png, info, (png_uint_32)width, (png_uint_32)height, 8, PNG_COLOR_TYPE_GRAY,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_pHYs(png, info, CCCD_FINGER_PPM, CCCD_FINGER_PPM, PNG_RESOLUTION_METER);
    png_write_info(png, info);
    for (int y = 0; y < height; y++)
        png_write_row(png, pixels + (size_t)y * stride);
    png_write_end(png, info);
    return CCCD_OK;
}

cccd_errc cccd_finger_png_encode(const uint8_t *pixels, int width, int height, size_t stride,
                                 unsigned char **out, size_t *outlen, cccd_err *err) {
    if (pixels == NULL || out == NULL || outlen == NULL || width <= 0 || height <= 0 ||
        stride < (size_t)width)
        return cccd_err_set(err, CCCD_E_ARG, "image", "no fingerprint image to write");
    *out = NULL;
    *outlen = 0;
    png_ctx c = {0};
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &c, on_error, on_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (info == NULL) {
        png_destroy_write_struct(&png, NULL);
        return cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory writing a fingerprint");
    }
    cccd_errc rc = encode(&c, png, info, pixels, width, height, stride, err);
    png_destroy_write_struct(&png, &info);
    if (rc != CCCD_OK) {
        free(c.out);
        return rc;
    }
    *out = c.out;
    *outlen = c.out_len;
    return CCCD_OK;
}

cccd_errc cccd_finger_png_score(const unsigned char *png, size_t len,
                                const cccd_finger_rules *rules, cccd_finger_quality *out,
                                cccd_err *err) {
    cccd_gray_image img;
    cccd_errc rc = cccd_finger_png_decode(png, len, &img, err);
    if (rc != CCCD_OK)
        return rc;
    rc = cccd_finger_score(img.pixels, img.width, img.height, img.stride, rules, out, err);
    cccd_gray_image_free(&img);
    return rc;
}
