/*
 * synth_fingerprint.c: drawing a synthetic fingerprint (see synth_fingerprint.h).
 *
 * Why ridges as level lines: a print's ridges are the level lines of a smooth function d(x, y)
 * with |grad d| close to 1, drawn as cos(2 pi d / T). Around a core, d is the (slightly
 * flattened) distance to the core above it and the distance to a bent vertical axis below it
 * (nested hairpins: a loop; the two pieces meet with the same gradient), the elliptic distance
 * to the core everywhere (a whorl), or the height above a hump (an arch). This gives a ridge
 * period within 10% of T everywhere and a real singularity at the core, at a few operations a
 * pixel, where growing ridges with Gabor filters would cost a hundred times more.
 */
#include "service/synth_fingerprint.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "service/synth_internal.h"

#define PI 3.14159265358979323846

enum { PATTERN_LOOP_LEFT, PATTERN_LOOP_RIGHT, PATTERN_WHORL, PATTERN_ARCH, PATTERN__COUNT };

/* Gray levels: the platen, the middle of the ridge swing and its amplitude in a clear print. */
static const double BACKGROUND = 238.0, BASE = 135.0, AMPLITUDE = 95.0;
/* Noise: skin texture (pores, dryness) inside the print, the sensor's everywhere. */
static const double SKIN_SIGMA = 12.0, SENSOR_SIGMA = 3.0;

cccd_synth_finger cccd_synth_finger_preset(cccd_synth_finger_kind kind, int width, int height,
                                           uint64_t seed) {
    cccd_synth_finger p = {.width = width, .height = height, .seed = seed, .contrast = 1.0};
    switch (kind) {
        case CCCD_SYNTH_FINGER_CLEAR:
            break;
        case CCCD_SYNTH_FINGER_LOW_CONTRAST:
            p.contrast = 0.25;
            break;
        case CCCD_SYNTH_FINGER_BROKEN:
            p.breaks = 0.30;
            break;
        case CCCD_SYNTH_FINGER_SMUDGED:
            p.smudge = 3;
            break;
        case CCCD_SYNTH_FINGER_WORN:
            p.contrast = 0.3;
            p.breaks = 0.2;
            break;
        case CCCD_SYNTH_FINGER_BLANK:
            p.blank = true;
            break;
        case CCCD_SYNTH_FINGER_NOISE:
            p.noise = true;
            break;
    }
    return p;
}

static double uniform(synth_rng *r) {
    return (double)(synth_rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

/* Approximately normal (sum of four uniforms), mean 0, standard deviation sigma. */
static double gauss(synth_rng *r, double sigma) {
    double s = uniform(r) + uniform(r) + uniform(r) + uniform(r) - 2.0;
    return s * sigma * 1.7320508075688772; /* var of the sum is 1/3 */
}

typedef struct ridge_field {
    int pattern;
    double cx, cy, cosr, sinr, period, phase, bend, arch_a, arch_s;
} ridge_field;

/* The ridge signal at (x, y): +1 the middle of a valley, -1 of a ridge. */
static double ridge_at(const ridge_field *f, double x, double y) {
    double dx = x - f->cx, dy = y - f->cy;
    double X = dx * f->cosr + dy * f->sinr, Y = -dx * f->sinr + dy * f->cosr;
    double d;
    switch (f->pattern) {
        case PATTERN_WHORL:
            d = sqrt(X * X + 0.76 * Y * Y);
            break;
        case PATTERN_ARCH:
            d = Y + f->arch_a * exp(-X * X / (2.0 * f->arch_s * f->arch_s));
            break;
        default: /* loops: hairpins above the core, legs bending to one side below it */
            if (Y < 0)
                d = sqrt(X * X + 1.3 * Y * Y);
            else
                d = fabs(X - f->bend * Y * Y);
            break;
    }
    d += 2.5 * sin(X / 41.0 + 1.3) * cos(Y / 57.0);
    return cos(2.0 * PI * d / f->period + f->phase);
}

/* Two passes of a box blur of radius r over a w x h float image (approaches a Gaussian). */
static void box_blur(float *img, float *tmp, int w, int h, int r) {
    for (int pass = 0; pass < 2; pass++) {
        for (int y = 0; y < h; y++) { /* rows into tmp */
            const float *row = img + (size_t)y * w;
            double s = 0;
            for (int k = -r; k <= r; k++)
                s += row[k < 0 ? 0 : k >= w ? w - 1 : k];
            for (int x = 0; x < w; x++) {
                tmp[(size_t)y * w + x] = (float)(s / (2 * r + 1));
                int out = x - r, in = x + r + 1;
                s += row[in >= w ? w - 1 : in] - row[out < 0 ? 0 : out];
            }
        }
        for (int x = 0; x < w; x++) { /* columns back into img */
            double s = 0;
            for (int k = -r; k <= r; k++)
                s += tmp[(size_t)(k < 0 ? 0 : k >= h ? h - 1 : k) * w + x];
            for (int y = 0; y < h; y++) {
                img[(size_t)y * w + x] = (float)(s / (2 * r + 1));
                int out = y - r, in = y + r + 1;
                s += tmp[(size_t)(in >= h ? h - 1 : in) * w + x] -
                     tmp[(size_t)(out < 0 ? 0 : out) * w + x];
            }
        }
    }
}

/* A point inside the fingertip's ellipse. */
static void point_inside(synth_rng *r, double ex, double ey, double ax, double ay, double *x,
                         double *y) {
    do {
        *x = (uniform(r) * 2 - 1) * ax;
        *y = (uniform(r) * 2 - 1) * ay;
    } while ((*x / ax) * (*x / ax) + (*y / ay) * (*y / ay) > 1.0);
    *x += ex;
    *y += ey;
}

/* Erases about `share` of the ellipse's area: half in round gaps, half in thin creases, the
 * ridge signal set to valley (+1) there. */
static void draw_breaks(float *sig, int w, int h, synth_rng *r, double share, double ex, double ey,
                        double ax, double ay) {
    double area = PI * ax * ay * share;
    int gaps = (int)(area * 0.5 / (PI * 5.0 * 5.0));
    for (int i = 0; i < gaps; i++) {
        double x, y, rad = 3.0 + uniform(r) * 4.0;
        point_inside(r, ex, ey, ax, ay, &x, &y);
        for (int yy = (int)(y - rad); yy <= (int)(y + rad) + 1; yy++)
            for (int xx = (int)(x - rad); xx <= (int)(x + rad) + 1; xx++)
                if (xx >= 0 && yy >= 0 && xx < w && yy < h &&
                    (xx - x) * (xx - x) + (yy - y) * (yy - y) <= rad * rad)
                    sig[(size_t)yy * w + xx] = 1.0f;
    }
    int creases = (int)(area * 0.5 / (110.0 * 3.0));
    for (int i = 0; i < creases; i++) {
        double x, y, len = 60.0 + uniform(r) * 100.0, ang = uniform(r) * PI, hw = 1.5;
        point_inside(r, ex, ey, ax, ay, &x, &y);
        double ux = cos(ang), uy = sin(ang);
        double x0 = x - ux * len / 2, y0 = y - uy * len / 2;
        int xa = (int)fmin(x0, x0 + ux * len) - 2, xb = (int)fmax(x0, x0 + ux * len) + 2;
        int ya = (int)fmin(y0, y0 + uy * len) - 2, yb = (int)fmax(y0, y0 + uy * len) + 2;
        for (int yy = ya < 0 ? 0 : ya; yy <= yb && yy < h; yy++)
            for (int xx = xa < 0 ? 0 : xa; xx <= xb && xx < w; xx++) {
                double px = xx - x0, py = yy - y0, t = px * ux + py * uy;
                if (t < 0 || t > len)
                    continue;
                if (fabs(px * uy - py * ux) <= hw)
                    sig[(size_t)yy * w + xx] = 1.0f;
            }
    }
}

cccd_errc cccd_synth_finger_draw(const cccd_synth_finger *p, uint8_t *pixels, cccd_err *err) {
    if (p == NULL || pixels == NULL || p->width < 64 || p->height < 64 || p->width > 4000 ||
        p->height > 4000)
        return cccd_err_set(err, CCCD_E_ARG, "size",
                            "a synthetic fingerprint is 64 to 4000 pixels a side");
    if (!(p->contrast >= 0 && p->contrast <= 1) || !(p->breaks >= 0 && p->breaks <= 0.6) ||
        p->smudge < 0 || p->smudge > 20)
        return cccd_err_set(err, CCCD_E_ARG, NULL,
                            "synthetic fingerprint: contrast 0..1, breaks 0..0.6, smudge 0..20");
    const int w = p->width, h = p->height;
    synth_rng r;
    synth_rng_seed(&r, p->seed ^ 0x66696e6765727072ull); /* "fingerpr" */
    if (p->noise) {
        for (size_t i = 0; i < (size_t)w * h; i++)
            pixels[i] = (uint8_t)(synth_rng_next(&r) >> 56);
        return CCCD_OK;
    }
    float *sig = malloc((size_t)w * h * sizeof *sig);
    float *tmp = p->smudge > 0 ? malloc((size_t)w * h * sizeof *tmp) : NULL;
    if (sig == NULL || (p->smudge > 0 && tmp == NULL)) {
        free(sig);
        free(tmp);
        return cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory drawing a fingerprint");
    }
    ridge_field f;
    f.pattern = (int)synth_rng_below(&r, PATTERN__COUNT);
    f.cx = w * (0.44 + 0.12 * uniform(&r));
    f.cy = h * (0.38 + 0.12 * uniform(&r));
    double rot = (uniform(&r) - 0.5) * 0.5;
    f.cosr = cos(rot);
    f.sinr = sin(rot);
    f.period = 9.0 + uniform(&r);
    f.phase = uniform(&r) * 2 * PI;
    f.bend = (f.pattern == PATTERN_LOOP_LEFT ? -0.7 : 0.7) / h;
    f.arch_a = h * (0.08 + 0.06 * uniform(&r));
    f.arch_s = w * (0.15 + 0.08 * uniform(&r));
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            sig[(size_t)y * w + x] = (float)ridge_at(&f, x, y);

    /* the fingertip: an ellipse, its edge faded over about 8 pixels */
    const double ex = w * 0.5, ey = h * 0.5, ax = w * 0.42, ay = h * 0.46;
    if (p->breaks > 0)
        draw_breaks(sig, w, h, &r, p->breaks, ex, ey, ax, ay);
    if (p->smudge > 0) {
        box_blur(sig, tmp, w, h, p->smudge);
        for (size_t i = 0; i < (size_t)w * h; i++) /* wet ridges spread into the valleys */
            sig[i] = sig[i] - 0.4f < -1.0f ? -1.0f : sig[i] - 0.4f;
    }
    const double fade = 8.0 / fmin(ax, ay);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            double nx = (x - ex) / ax, ny = (y - ey) / ay;
            double rho = sqrt(nx * nx + ny * ny);
            double alpha = p->blank ? 0.0 : (1.0 - rho) / fade;
            alpha = alpha < 0 ? 0 : alpha > 1 ? 1 : alpha;
            double v = BACKGROUND;
            if (alpha > 0) {
                double pressure = 1.0 - 0.3 * rho * rho;
                double skin = BASE + AMPLITUDE * p->contrast * pressure * sig[(size_t)y * w + x] +
                              gauss(&r, SKIN_SIGMA);
                v = BACKGROUND * (1 - alpha) + skin * alpha;
            }
            v += gauss(&r, SENSOR_SIGMA);
            pixels[(size_t)y * w + x] = (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : lround(v));
        }
    free(sig);
    free(tmp);
    return CCCD_OK;
}

static uint64_t mix64(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

uint64_t cccd_synth_bio_seed(uint64_t seed, const char *personal_id, int item) {
    uint64_t h = 0xcbf29ce484222325ull; /* FNV-1a of the personal ID */
    for (const char *s = personal_id ? personal_id : ""; *s; s++)
        h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
    return mix64(mix64(seed + 0x9E3779B97F4A7C15ull) ^ h ^ mix64((uint64_t)item + 1));
}

void cccd_synth_worn_fingers(uint64_t seed, const char *personal_id, int n, bool worn[11]) {
    int order[10];
    for (int i = 0; i < 10; i++)
        order[i] = i + 1;
    synth_rng r;
    synth_rng_seed(&r, cccd_synth_bio_seed(seed, personal_id, 99));
    for (int i = 9; i > 0; i--) { /* Fisher-Yates */
        int j = (int)synth_rng_below(&r, (uint32_t)i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    n = n < 0 ? 0 : n > 10 ? 10 : n;
    memset(worn, 0, 11 * sizeof worn[0]);
    for (int i = 0; i < n; i++)
        worn[order[i]] = true;
}
