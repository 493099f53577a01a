/*
 * bench_text.c: how long the text functions take on what the registry import feeds them.
 *
 * The import cleans, title-cases and keys about ten name and address fields a row and has a
 * budget of 2-3 µs a row for all its text. This times 1,000,000 calls of each operation on
 * realistic Vietnamese names and addresses, through the public functions (fast path) and through
 * the reference implementation in the same run, and prints the cost of a call and the gain.
 * Checks first that both give the same output on every sample.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/text.h"
#include "core/text_internal.h"

#define CALLS 1000000

typedef cccd_errc (*text_fn)(const char *, size_t, const char *, char **, cccd_err *);

static const struct {
    const char *name;
    cccd_text_op op;
    text_fn fn;
} ops[] = {
    {"clean", CCCD_TEXT_CLEAN, cccd_text_clean},
    {"title", CCCD_TEXT_TITLE, cccd_text_title},
    {"key", CCCD_TEXT_KEY, cccd_text_key},
    {"fold", CCCD_TEXT_FOLD, cccd_text_fold},
    {"unaccent_upper", CCCD_TEXT_UNACCENT_UPPER, cccd_text_unaccent_upper},
    {"nfc", CCCD_TEXT_NFC, cccd_text_nfc},
};

/* Names and addresses as registry rows carry them: NFC, mostly single-spaced, some upper case. */
static const char *const samples[] = {
    "Nguyễn Văn Thân",
    "Trần Thị Bích Ngọc",
    "LÊ HOÀNG PHƯƠNG",
    "Phạm Đức Anh",
    "Hoàng Thị Thu Hương",
    "Đặng Quốc Việt",
    "Võ Thị Mỹ Duyên",
    "Bùi Xuân Trường",
    "Số 12, ngõ 34 phố Hoàng Hoa Thám",
    "Phường Văn Miếu - Quốc Tử Giám",
    "Xã Cò  Nòi, huyện Mai Sơn, tỉnh Sơn La",
    "Thôn Đông Hưng, xã Quảng Phú",
    "Thành phố Hồ Chí Minh",
    "Tổ dân phố 5, thị trấn Đồng Văn",
    "ấp Tân Hòa, xã Long Hựu Đông",
    "Khu phố 3, phường Bình Trưng Tây",
};
#define N_SAMPLES (sizeof samples / sizeof samples[0])

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Seconds for CALLS calls of fn (or of the reference for op when fn is NULL); -1 on failure. */
static double time_calls(text_fn fn, cccd_text_op op) {
    size_t lens[N_SAMPLES];
    for (size_t i = 0; i < N_SAMPLES; i++)
        lens[i] = strlen(samples[i]);
    cccd_err err;
    size_t sink = 0;
    double t0 = now();
    for (long i = 0; i < CALLS; i++) {
        size_t k = (size_t)i % N_SAMPLES;
        char *out = NULL;
        cccd_errc rc = fn ? fn(samples[k], lens[k], "f", &out, &err)
                          : cccd_text_reference(op, samples[k], lens[k], "f", &out, &err);
        if (rc != CCCD_OK)
            return -1;
        sink += (unsigned char)out[0];
        free(out);
    }
    double t = now() - t0;
    return sink == (size_t)-1 ? -1 : t; /* keeps the results alive */
}

int main(void) {
    for (size_t o = 0; o < sizeof ops / sizeof ops[0]; o++) {
        for (size_t k = 0; k < N_SAMPLES; k++) {
            char *a = NULL, *b = NULL;
            cccd_err err;
            size_t len = strlen(samples[k]);
            if (ops[o].fn(samples[k], len, "f", &a, &err) != CCCD_OK ||
                cccd_text_reference(ops[o].op, samples[k], len, "f", &b, &err) != CCCD_OK ||
                strcmp(a, b) != 0) {
                fprintf(stderr, "text %s: fast and reference differ on \"%s\"\n", ops[o].name,
                        samples[k]);
                return 1;
            }
            free(a);
            free(b);
        }
        double fast = time_calls(ops[o].fn, ops[o].op);
        double ref = time_calls(NULL, ops[o].op);
        if (fast < 0 || ref < 0) {
            fprintf(stderr, "text %s: a call failed\n", ops[o].name);
            return 1;
        }
        printf("text %s: %.3f \xc2\xb5s/call (reference %.3f \xc2\xb5s/call, %.1fx)\n", ops[o].name,
               fast * 1e6 / CALLS, ref * 1e6 / CALLS, ref / fast);
    }
    return 0;
}
