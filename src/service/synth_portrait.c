/*
 * synth_portrait.c: drawing the synthetic portrait and encoding it with TurboJPEG (see
 * synth_portrait.h). Each pixel is decided by the topmost shape covering it (background,
 * shoulders, neck, hair, the shaded face oval, hairline, brows, eyes, nose shadow, mouth), in
 * coordinates relative to the image so that any size draws the same picture.
 */
#include "service/synth_portrait.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <turbojpeg.h>

#include "service/synth_internal.h"

static double unit(synth_rng *r) {
    return (double)(synth_rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

static double lerp(double a, double b, double t) {
    return a + (b - a) * t;
}

static bool in_ellipse(double x, double y, double cx, double cy, double rx, double ry) {
    double dx = (x - cx) / rx, dy = (y - cy) / ry;
    return dx * dx + dy * dy <= 1.0;
}

cccd_errc cccd_synth_portrait_draw(uint64_t seed, int w, int h, unsigned char *rgb, cccd_err *err) {
    if (rgb == NULL || w < 60 || h < 80 || w > 4000 || h > 4000)
        return cccd_err_set(err, CCCD_E_ARG, "size", "a synthetic portrait is 60x80 to 4000x4000");
    synth_rng r;
    synth_rng_seed(&r, seed ^ 0x706f727472616974ull); /* "portrait" */
    double tone = unit(&r);
    const double skin[3] = {lerp(228, 170, tone), lerp(190, 122, tone), lerp(160, 92, tone)};
    double hv = lerp(25, 70, unit(&r));
    const double hair[3] = {hv, hv * 0.85, hv * 0.7};
    const double cloth[3] = {lerp(30, 90, unit(&r)), lerp(35, 80, unit(&r)),
                             lerp(50, 110, unit(&r))};
    const double bg[3] = {lerp(222, 236, unit(&r)), lerp(226, 236, unit(&r)),
                          lerp(230, 240, unit(&r))};
    const double fcu = 0.5 + (unit(&r) - 0.5) * 0.02, fcv = 0.45 + (unit(&r) - 0.5) * 0.02;
    const double fa = lerp(0.19, 0.23, unit(&r)), fb = lerp(0.26, 0.30, unit(&r));
    const double L[3] = {-0.35, -0.35, 0.87}; /* light from the upper left, in front */

    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            double u = (x + 0.5) / w, v = (y + 0.5) / h;
            double c[3], shade = 1.0;
            for (int k = 0; k < 3; k++)
                c[k] = bg[k] - 22.0 * v;
            if (v > 0.78 && in_ellipse(u, v, 0.5, 1.06, 0.46, 0.28))
                memcpy(c, cloth, sizeof c), shade = 1.0 - 0.3 * fabs(u - 0.5);
            if (fabs(u - fcu) < 0.085 && v > fcv && v < 0.86)
                memcpy(c, skin, sizeof c), shade = 0.8;
            if (v < fcv + 0.06 && in_ellipse(u, v, fcu, fcv - 0.035, fa * 1.13, fb * 1.0))
                memcpy(c, hair, sizeof c), shade = 1.0;
            double nx = (u - fcu) / fa, ny = (v - fcv) / fb, rho2 = nx * nx + ny * ny;
            if (rho2 <= 1.0) {
                double nz = sqrt(1.0 - rho2);
                double lam = nx * L[0] + ny * L[1] + nz * L[2];
                shade = 0.6 + 0.4 * (lam > 0 ? lam : 0);
                memcpy(c, skin, sizeof c);
                if (ny < -0.62 + 0.12 * nx * nx) /* the hairline */
                    memcpy(c, hair, sizeof c), shade = 1.0;
                for (int side = -1; side <= 1; side += 2) {
                    double ex = side * 0.38;
                    if (fabs(ny + 0.30) < 0.025 && fabs(nx - ex) < 0.17)
                        memcpy(c, hair, sizeof c), shade = 1.0;
                    if (in_ellipse(nx, ny, ex, -0.12, 0.15, 0.065)) {
                        c[0] = c[1] = c[2] = 232;
                        shade = 0.95;
                        if (in_ellipse(nx, ny, ex, -0.12, 0.06, 0.06))
                            c[0] = 70, c[1] = 50, c[2] = 40;
                    }
                }
                if (nx > 0.02 && nx < 0.10 && ny > -0.05 && ny < 0.25)
                    shade *= 0.85;
                if (in_ellipse(nx, ny, 0.0, 0.45, 0.24, 0.055))
                    c[0] = 175, c[1] = 95, c[2] = 95;
            }
            unsigned char *p = rgb + ((size_t)y * w + x) * 3;
            double jitter = (double)(int)synth_rng_below(&r, 7) - 3.0;
            for (int k = 0; k < 3; k++) {
                double val = c[k] * shade + jitter;
                p[k] = (unsigned char)(val < 0 ? 0 : val > 255 ? 255 : lround(val));
            }
        }
    return CCCD_OK;
}

cccd_errc cccd_jpeg_encode_rgb(const unsigned char *rgb, int w, int h, int quality,
                               unsigned char **out, size_t *outlen, cccd_err *err) {
    if (rgb == NULL || out == NULL || outlen == NULL || w <= 0 || h <= 0 || quality < 1 ||
        quality > 100)
        return cccd_err_set(err, CCCD_E_ARG, NULL, "no image to encode as JPEG");
    *out = NULL;
    *outlen = 0;
    tjhandle tj = tjInitCompress();
    if (tj == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, NULL, "cannot start the JPEG encoder");
    unsigned char *buf = NULL;
    unsigned long n = 0;
    if (tjCompress2(tj, rgb, w, 0, h, TJPF_RGB, &buf, &n, TJSAMP_420, quality, 0) != 0) {
        cccd_errc rc = cccd_err_set(err, CCCD_E_INTERNAL, NULL, "cannot encode the JPEG: %s",
                                    tjGetErrorStr2(tj));
        tjFree(buf);
        tjDestroy(tj);
        return rc;
    }
    tjDestroy(tj);
    /* hand over a malloc'ed copy: the caller frees with free(), not tjFree() */
    *out = malloc(n);
    if (*out == NULL) {
        tjFree(buf);
        return cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory encoding a JPEG");
    }
    memcpy(*out, buf, n);
    *outlen = n;
    tjFree(buf);
    return CCCD_OK;
}

cccd_errc cccd_synth_portrait_jpeg(uint64_t seed, unsigned char **out, size_t *outlen,
                                   cccd_err *err) {
    unsigned char *rgb = malloc((size_t)CCCD_SYNTH_PORTRAIT_W * CCCD_SYNTH_PORTRAIT_H * 3);
    if (rgb == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory drawing a portrait");
    cccd_errc rc =
        cccd_synth_portrait_draw(seed, CCCD_SYNTH_PORTRAIT_W, CCCD_SYNTH_PORTRAIT_H, rgb, err);
    if (rc == CCCD_OK)
        rc = cccd_jpeg_encode_rgb(rgb, CCCD_SYNTH_PORTRAIT_W, CCCD_SYNTH_PORTRAIT_H, 85, out,
                                  outlen, err);
    free(rgb);
    return rc;
}
