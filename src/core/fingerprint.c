/*
 * fingerprint.c: the block-wise quality score of a fingerprint image (see fingerprint.h and
 * docs/biometrics.md for the formula).
 *
 * Why here and written out: the features are defined in NIST's NFIQ 2 report (orientation
 * certainty level, local clarity score) and need only arithmetic over one block at a time, so
 * the whole computation is a pure function of the pixels; no library carries it in C.
 *
 * Per whole 32x32 block (the grid is centred, the margin of less than a block ignored):
 *   foreground  gray-level standard deviation >= rules.fg_min_stddev;
 *   OCL         from the covariance of the gradients (central differences) a = mean(gx^2),
 *               b = mean(gy^2), c = mean(gx gy): eigenvalues l_max, l_min; OCL = 1 - l_min/l_max;
 *   LCS         a 32 (across the ridges) x 16 (along them) window centred on the block, turned
 *               to the block's ridge direction and sampled bilinearly; the column means give
 *               the profile across the ridges, a least-squares line through it the threshold;
 *               columns darker than the line are ridge, the others valley. When the mean ridge
 *               width is outside 3..10 px or the mean valley width outside 2..10 px (NFIQ 2's
 *               ranges at 500 ppi) LCS = 0; else LCS = 1 - (alpha + beta) / 2 with alpha the
 *               share of valley pixels darker than the threshold, beta the share of ridge pixels
 *               lighter than it.
 * score = round(100 * mean over foreground blocks of (OCL * LCS) * min(1, area / full_area)).
 */
#include "core/fingerprint.h"

#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

enum { V2_ACROSS = 32, V2_ALONG = 16 };

/* The side of a 500 ppi block in millimetres: 32 / 500 inch. */
#define BLOCK_MM (CCCD_FINGER_BLOCK * 25.4 / 500.0)

cccd_finger_rules cccd_finger_rules_default(void) {
    return (cccd_finger_rules){
        .recapture_below = 40, .max_attempts = 3, .fg_min_stddev = 8.0, .full_area_mm2 = 100.0};
}

typedef struct gray {
    const uint8_t *p;
    int w, h;
    size_t stride;
} gray;

static inline int px(const gray *g, int x, int y) {
    x = x < 0 ? 0 : x >= g->w ? g->w - 1 : x;
    y = y < 0 ? 0 : y >= g->h ? g->h - 1 : y;
    return g->p[(size_t)y * g->stride + (size_t)x];
}

/* Bilinear sample at (x, y), clamped to the image. */
static double sample(const gray *g, double x, double y) {
    double fx = floor(x), fy = floor(y);
    int x0 = (int)fx, y0 = (int)fy;
    double ax = x - fx, ay = y - fy;
    if (x0 >= 0 && y0 >= 0 && x0 + 1 < g->w && y0 + 1 < g->h) { /* inside: no clamping */
        const uint8_t *p = g->p + (size_t)y0 * g->stride + (size_t)x0;
        double t = p[0] + (p[1] - p[0]) * ax;
        double b = p[g->stride] + (p[g->stride + 1] - p[g->stride]) * ax;
        return t + (b - t) * ay;
    }
    double top = px(g, x0, y0) * (1 - ax) + px(g, x0 + 1, y0) * ax;
    double bot = px(g, x0, y0 + 1) * (1 - ax) + px(g, x0 + 1, y0 + 1) * ax;
    return top * (1 - ay) + bot * ay;
}

/* Mean and variance of the block at (x0, y0). */
static void block_stats(const gray *g, int x0, int y0, double *mean, double *var) {
    uint64_t s = 0, s2 = 0;
    for (int y = y0; y < y0 + CCCD_FINGER_BLOCK; y++) {
        const uint8_t *row = g->p + (size_t)y * g->stride + (size_t)x0;
        for (int x = 0; x < CCCD_FINGER_BLOCK; x++) {
            s += row[x];
            s2 += (uint64_t)row[x] * row[x];
        }
    }
    const double n = CCCD_FINGER_BLOCK * CCCD_FINGER_BLOCK;
    *mean = (double)s / n;
    *var = (double)s2 / n - *mean * *mean;
}

/* OCL of the block and the direction of its gradients (across the ridges), in radians. */
static double block_ocl(const gray *g, int x0, int y0, double *across) {
    int64_t a = 0, b = 0, c = 0;
    bool inside =
        x0 >= 1 && y0 >= 1 && x0 + CCCD_FINGER_BLOCK < g->w && y0 + CCCD_FINGER_BLOCK < g->h;
    for (int y = y0; y < y0 + CCCD_FINGER_BLOCK; y++) {
        const uint8_t *row = g->p + (size_t)y * g->stride;
        const uint8_t *up = inside ? row - g->stride : row, *down = inside ? row + g->stride : row;
        for (int x = x0; x < x0 + CCCD_FINGER_BLOCK; x++) {
            int gx, gy;
            if (inside) { /* the block and a one-pixel border lie in the image */
                gx = row[x + 1] - row[x - 1];
                gy = down[x] - up[x];
            } else {
                gx = px(g, x + 1, y) - px(g, x - 1, y);
                gy = px(g, x, y + 1) - px(g, x, y - 1);
            }
            a += gx * gx;
            b += gy * gy;
            c += gx * gy;
        }
    }
    double da = (double)a, db = (double)b, dc = (double)c;
    *across = 0.5 * atan2(2.0 * dc, da - db);
    double t = sqrt((da - db) * (da - db) + 4.0 * dc * dc);
    double lmax = (da + db + t) / 2.0, lmin = (da + db - t) / 2.0;
    if (!(lmax > 0))
        return 0.0;
    double ocl = 1.0 - lmin / lmax;
    return ocl < 0 ? 0 : ocl > 1 ? 1 : ocl;
}

/* LCS of the block whose gradients point along `across`. */
static double block_lcs(const gray *g, int x0, int y0, double across) {
    double v2[V2_ALONG][V2_ACROSS];
    double cx = x0 + (CCCD_FINGER_BLOCK - 1) / 2.0, cy = y0 + (CCCD_FINGER_BLOCK - 1) / 2.0;
    double ux = cos(across), uy = sin(across); /* across the ridges */
    double vx = -uy, vy = ux;                  /* along them */
    double profile[V2_ACROSS] = {0};
    for (int i = 0; i < V2_ALONG; i++) {
        double v = i - (V2_ALONG - 1) / 2.0;
        for (int j = 0; j < V2_ACROSS; j++) {
            double u = j - (V2_ACROSS - 1) / 2.0;
            v2[i][j] = sample(g, cx + u * ux + v * vx, cy + u * uy + v * vy);
            profile[j] += v2[i][j];
        }
    }
    /* the least-squares line through the profile is the ridge/valley threshold */
    double sj = 0, sp = 0, sjj = 0, sjp = 0;
    for (int j = 0; j < V2_ACROSS; j++) {
        profile[j] /= V2_ALONG;
        sj += j;
        sp += profile[j];
        sjj += (double)j * j;
        sjp += j * profile[j];
    }
    const double n = V2_ACROSS;
    double slope = (n * sjp - sj * sp) / (n * sjj - sj * sj);
    double icept = (sp - slope * sj) / n;
    bool ridge[V2_ACROSS];
    double thr[V2_ACROSS];
    for (int j = 0; j < V2_ACROSS; j++) {
        thr[j] = icept + slope * j;
        ridge[j] = profile[j] < thr[j];
    }
    /* mean widths of the ridge and valley runs across the window */
    int runs[2] = {0, 0}, cols[2] = {0, 0};
    for (int j = 0; j < V2_ACROSS; j++) {
        cols[ridge[j]]++;
        if (j == 0 || ridge[j] != ridge[j - 1])
            runs[ridge[j]]++;
    }
    if (runs[0] == 0 || runs[1] == 0)
        return 0.0;
    double wr = (double)cols[1] / runs[1], wv = (double)cols[0] / runs[0];
    if (wr < 3.0 || wr > 10.0 || wv < 2.0 || wv > 10.0)
        return 0.0;
    int ridge_bad = 0, valley_bad = 0;
    for (int i = 0; i < V2_ALONG; i++)
        for (int j = 0; j < V2_ACROSS; j++) {
            if (ridge[j] && v2[i][j] >= thr[j])
                ridge_bad++;
            else if (!ridge[j] && v2[i][j] < thr[j])
                valley_bad++;
        }
    double alpha = (double)valley_bad / (cols[0] * V2_ALONG);
    double beta = (double)ridge_bad / (cols[1] * V2_ALONG);
    return 1.0 - (alpha + beta) / 2.0;
}

cccd_errc cccd_finger_score(const uint8_t *pixels, int width, int height, size_t stride,
                            const cccd_finger_rules *rules, cccd_finger_quality *out,
                            cccd_err *err) {
    if (pixels == NULL || out == NULL || width <= 0 || stride < (size_t)width)
        return cccd_err_set(err, CCCD_E_ARG, "image", "no fingerprint image, or rows too short");
    if (width < CCCD_FINGER_MIN_SIDE || height < CCCD_FINGER_MIN_SIDE ||
        width > CCCD_FINGER_MAX_SIDE || height > CCCD_FINGER_MAX_SIDE)
        return cccd_err_set(err, CCCD_E_FINGER_FORMAT, "image",
                            "a fingerprint image of %dx%d pixels: each side must be %d to %d "
                            "pixels at 500 ppi",
                            width, height, CCCD_FINGER_MIN_SIDE, CCCD_FINGER_MAX_SIDE);
    cccd_finger_rules def = cccd_finger_rules_default();
    if (rules == NULL)
        rules = &def;
    gray g = {pixels, width, height, stride};
    int nbx = width / CCCD_FINGER_BLOCK, nby = height / CCCD_FINGER_BLOCK;
    int ox = (width - nbx * CCCD_FINGER_BLOCK) / 2, oy = (height - nby * CCCD_FINGER_BLOCK) / 2;
    double min_var = rules->fg_min_stddev * rules->fg_min_stddev;
    double sum_ocl = 0, sum_lcs = 0, sum_q = 0;
    int fg = 0;
    for (int by = 0; by < nby; by++)
        for (int bx = 0; bx < nbx; bx++) {
            int x0 = ox + bx * CCCD_FINGER_BLOCK, y0 = oy + by * CCCD_FINGER_BLOCK;
            double mean, var;
            block_stats(&g, x0, y0, &mean, &var);
            if (var < min_var)
                continue;
            double across;
            double ocl = block_ocl(&g, x0, y0, &across);
            double lcs = block_lcs(&g, x0, y0, across);
            sum_ocl += ocl;
            sum_lcs += lcs;
            sum_q += ocl * lcs;
            fg++;
        }
    memset(out, 0, sizeof *out);
    out->blocks = nbx * nby;
    out->foreground_blocks = fg;
    if (fg == 0)
        return CCCD_OK;
    out->ocl_mean = sum_ocl / fg;
    out->lcs_mean = sum_lcs / fg;
    out->block_quality = sum_q / fg;
    double area = fg * BLOCK_MM * BLOCK_MM;
    out->area_factor =
        rules->full_area_mm2 > 0 && area < rules->full_area_mm2 ? area / rules->full_area_mm2 : 1.0;
    long s = lround(100.0 * out->block_quality * out->area_factor);
    out->score = s < 0 ? 0 : s > 100 ? 100 : (int)s;
    return CCCD_OK;
}

cccd_finger_decision cccd_finger_decide(const cccd_finger_rules *rules, int score, int attempt) {
    cccd_finger_rules def = cccd_finger_rules_default();
    if (rules == NULL)
        rules = &def;
    if (score >= rules->recapture_below)
        return CCCD_FINGER_ACCEPT;
    return attempt < rules->max_attempts ? CCCD_FINGER_RECAPTURE : CCCD_FINGER_EXCEPTION;
}

const char *cccd_finger_decision_name(cccd_finger_decision d) {
    switch (d) {
        case CCCD_FINGER_ACCEPT:
            return "accept";
        case CCCD_FINGER_RECAPTURE:
            return "recapture";
        case CCCD_FINGER_EXCEPTION:
            return "exception";
    }
    return "unknown";
}

const char *cccd_finger_position_name(int position) {
    static const char *const names[] = {
        "right thumb", "right index", "right middle", "right ring", "right little",
        "left thumb",  "left index",  "left middle",  "left ring",  "left little",
    };
    if (position < 1 || position > 10)
        return NULL;
    return names[position - 1];
}

static const char *const exception_names[] = {
    [CCCD_FINGER_EXC_QUALITY] = "quality",
    [CCCD_FINGER_EXC_MISSING] = "missing",
    [CCCD_FINGER_EXC_AMPUTATED] = "amputated",
    [CCCD_FINGER_EXC_BANDAGED] = "bandaged",
};

const char *cccd_finger_exception_name(cccd_finger_exception e) {
    if ((int)e < CCCD_FINGER_EXC_QUALITY || (int)e > CCCD_FINGER_EXC_BANDAGED)
        return NULL;
    return exception_names[e];
}

cccd_errc cccd_finger_exception_parse(const char *name, cccd_finger_exception *out, cccd_err *err) {
    for (int e = CCCD_FINGER_EXC_QUALITY; e <= CCCD_FINGER_EXC_BANDAGED; e++)
        if (name && strcmp(name, exception_names[e]) == 0) {
            *out = (cccd_finger_exception)e;
            return CCCD_OK;
        }
    return cccd_err_set(err, CCCD_E_ARG, "reason",
                        "'%s' is not a finger exception reason: one of quality, missing, "
                        "amputated, bandaged",
                        name ? name : "");
}
