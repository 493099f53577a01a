/*
 * fuzz_photo.c: libFuzzer target for the portrait check (service/photo.h), which decodes
 * whatever JPEG a desk uploads with libjpeg-turbo. Properties checked: no crash or leak on any
 * bytes; a photo that decodes has measurements in range and a verdict that agrees with the
 * return code.
 */
#include <stdint.h>
#include <stdlib.h>

#include "service/photo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    cccd_photo_result r;
    cccd_err err;
    cccd_errc rc = cccd_photo_check(data, size, NULL, &r, &err);
    if (rc == CCCD_OK && r.verdict != CCCD_PHOTO_ACCEPTED)
        abort();
    if (rc == CCCD_E_PHOTO_REFUSED && r.verdict == CCCD_PHOTO_ACCEPTED)
        abort();
    if (rc == CCCD_OK && (r.mean < 0 || r.mean > 255 || r.stddev < 0 || r.p5 > r.p95 ||
                          r.dark_clipped < 0 || r.bright_clipped > 1 || r.width < 240))
        abort();
    return 0;
}
