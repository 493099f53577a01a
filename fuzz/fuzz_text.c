/*
 * fuzz_text.c: libFuzzer target for Vietnamese text normalisation. Any bytes: either a clear
 * UTF-8 error or a result; the key must be idempotent (key(key(x)) == key(x)) and clean(x)
 * must be a fixed point of clean.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *s = (const char *)data;
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
