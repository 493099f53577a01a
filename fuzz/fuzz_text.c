/*
 * fuzz_text.c: libFuzzer target for Vietnamese text normalisation. Any bytes: either a clear
 * UTF-8 error or a result; the key must be idempotent (key(key(x)) == key(x)) and clean(x)
 * must be a fixed point of clean; and every public function must give exactly what the reference
 * implementation gives (the same bytes, or the same error code and position), fast path or not.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "core/text_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef cccd_errc (*text_fn)(const char *, size_t, const char *, char **, cccd_err *);

static const text_fn public_fn[] = {
    [CCCD_TEXT_NFC] = cccd_text_nfc,   [CCCD_TEXT_CLEAN] = cccd_text_clean,
    [CCCD_TEXT_FOLD] = cccd_text_fold, [CCCD_TEXT_TITLE] = cccd_text_title,
    [CCCD_TEXT_KEY] = cccd_text_key,   [CCCD_TEXT_UNACCENT_UPPER] = cccd_text_unaccent_upper,
};

/* The public function for op and the reference agree on s. */
static void same_as_reference(cccd_text_op op, const char *s, size_t size) {
    char *got = NULL, *want = NULL;
    cccd_err eg, ew;
    cccd_errc rg = public_fn[op](s, size, "f", &got, &eg);
    cccd_errc rw = cccd_text_reference(op, s, size, "f", &want, &ew);
    if (rg != rw)
        abort();
    if (rg == CCCD_OK ? strcmp(got, want) != 0
                      : got != NULL || want != NULL || eg.code != ew.code || eg.pos != ew.pos ||
                            strcmp(eg.msg, ew.msg) != 0)
        abort();
    free(got);
    free(want);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *s = (const char *)data;
    for (size_t op = 0; op < sizeof public_fn / sizeof public_fn[0]; op++)
        same_as_reference((cccd_text_op)op, s, size);
    cccd_err err;
    char *key = NULL, *key2 = NULL, *clean = NULL, *clean2 = NULL, *title = NULL;
    if (cccd_text_key(s, size, "f", &key, &err) == CCCD_OK) {
        if (cccd_text_key(key, strlen(key), "f", &key2, &err) != CCCD_OK || strcmp(key, key2) != 0)
            abort();
        if (cccd_text_clean(s, size, "f", &clean, &err) != CCCD_OK ||
            cccd_text_clean(clean, strlen(clean), "f", &clean2, &err) != CCCD_OK ||
            strcmp(clean, clean2) != 0)
            abort();
        if (cccd_text_title(s, size, "f", &title, &err) != CCCD_OK)
            abort();
    } else if (err.code != CCCD_E_UTF8 || key != NULL) {
        abort();
    }
    free(key);
    free(key2);
    free(clean);
    free(clean2);
    free(title);
    return 0;
}
