/*
 * fuzz_finger_png.c: libFuzzer target for the fingerprint PNG reader (service/fingerprint_png.h),
 * which reads what a capture device uploads. Properties checked: no crash or leak on any bytes;
 * an image that decodes is 8-bit gray within the size limits, scores within 0..100, and
 * survives an encode/decode round trip unchanged (the stored form is lossless).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/fingerprint.h"
#include "service/fingerprint_png.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    cccd_gray_image img, again;
    cccd_err err;
    if (cccd_finger_png_decode(data, size, &img, &err) != CCCD_OK)
        return 0;
    if (img.width < CCCD_FINGER_MIN_SIDE || img.height < CCCD_FINGER_MIN_SIDE ||
        img.width > CCCD_FINGER_MAX_SIDE || img.height > CCCD_FINGER_MAX_SIDE)
        abort();
    cccd_finger_quality q;
    if (cccd_finger_score(img.pixels, img.width, img.height, img.stride, NULL, &q, &err) !=
            CCCD_OK ||
        q.score < 0 || q.score > 100)
        abort();
    unsigned char *png;
    size_t len;
    if (cccd_finger_png_encode(img.pixels, img.width, img.height, img.stride, &png, &len, &err) !=
        CCCD_OK)
        abort();
    if (cccd_finger_png_decode(png, len, &again, &err) != CCCD_OK || again.width != img.width ||
        again.height != img.height ||
        memcmp(again.pixels, img.pixels, (size_t)img.width * img.height) != 0)
        abort();
    free(png);
    cccd_gray_image_free(&again);
    cccd_gray_image_free(&img);
    return 0;
}
