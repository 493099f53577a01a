/*
 * test_card_face.c: the printed faces (service/card_face.h): both sides are 1012 x 638 PNGs;
 * the front's QR code, read back with zbarimg, is exactly the documented text (Vietnamese
 * letters included); a missing, non-JPEG or damaged portrait is refused with a message saying
 * so; a file is never overwritten. Set CCCD_KEEP_FACES=DIR to keep the images for a look.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chip/card_data.h"
#include "service/card_face.h"
#include "service/synth_portrait.h"

static cccd_card_data example(const unsigned char *jpeg, size_t len) {
    cccd_card_data c = {
        .personal_id = "001090012345",
        .full_name = "Nguyễn Văn Đức",
        .birth = {1990, 1, 15, CCCD_DATE_DAY},
        .sex = 'M',
        .ethnicity = "Kinh",
        .religion = "Không",
        .place_of_origin = "Xã Đông La, Huyện Hoài Đức, Hà Nội",
        .place_of_residence = "Số 1 Tràng Tiền, Phường Tràng Tiền, Quận Hoàn Kiếm, Thành phố "
                              "Hà Nội",
        .identifying_marks = "Nốt ruồi C:1cm trên trước mép trái",
        .issued = {2021, 3, 10, CCCD_DATE_DAY},
        .expiry = {2030, 1, 15, CCCD_DATE_DAY},
        .father_name = "Nguyễn Văn B",
        .mother_name = "Trần Thị C",
        .spouse_name = "",
        .old_id = "012345678",
        .portrait = jpeg,
        .portrait_len = len,
    };
    return c;
}

static unsigned png_u32(const unsigned char *p) {
    return (unsigned)p[0] << 24 | (unsigned)p[1] << 16 | (unsigned)p[2] << 8 | p[3];
}

/* Writes the PNG to a temporary file and returns what zbarimg reads from it (new string). */
static char *zbar(const unsigned char *png, size_t len, const char *keep_as) {
    char path[] = "/tmp/cccd-face-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, png, len), (ssize_t)len);
    close(fd);
    char cmd[200];
    snprintf(cmd, sizeof cmd, "zbarimg --raw -q '%s' 2>/dev/null", path);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    char *out = calloc(1, 4096);
    size_t n = fread(out, 1, 4095, p);
    out[n] = '\0';
    pclose(p);
    const char *keep = getenv("CCCD_KEEP_FACES");
    if (keep && keep_as) {
        char dst[512];
        snprintf(dst, sizeof dst, "%s/%s", keep, keep_as);
        rename(path, dst);
    } else {
        unlink(path);
    }
    return out;
}

static void check_png(const unsigned char *png, size_t len) {
    assert_true(len > 33);
    assert_memory_equal(png, "\x89PNG\r\n\x1a\n", 8);
    assert_memory_equal(png + 12, "IHDR", 4);
    assert_int_equal(png_u32(png + 16), CCCD_CARD_FACE_W);
    assert_int_equal(png_u32(png + 20), CCCD_CARD_FACE_H);
}

static void test_front_qr(void **state) {
    (void)state;
    unsigned char *jpeg;
    size_t jlen;
    cccd_err err;
    assert_int_equal(cccd_synth_portrait_jpeg(3, &jpeg, &jlen, &err), CCCD_OK);
    cccd_card_data c = example(jpeg, jlen);
    char *qr;
    assert_int_equal(cccd_card_qr_text(&c, &qr, &err), CCCD_OK);
    assert_string_equal(qr, "001090012345|012345678|Nguyễn Văn Đức|15011990|Nam|Số 1 Tràng Tiền, "
                            "Phường Tràng Tiền, Quận Hoàn Kiếm, Thành phố Hà Nội|10032021");
    unsigned char *png;
    size_t len;
    assert_int_equal(cccd_card_face_png(&c, CCCD_CARD_FRONT, &png, &len, &err), CCCD_OK);
    check_png(png, len);
    char *read = zbar(png, len, "front.png");
    char want[600];
    snprintf(want, sizeof want, "%s\n", qr);
    assert_string_equal(read, want);
    free(read);
    free(png);
    free(qr);

    /* a woman with no old ID, a partial date of birth, a long address: still one QR code */
    c.personal_id = "079165012345";
    c.sex = 'F';
    c.full_name = "Tôn Nữ Hoàng Phương Thảo";
    c.birth = (cccd_date){1965, 0, 0, CCCD_DATE_YEAR};
    c.old_id = "";
    c.expiry = (cccd_date){0, 0, 0, CCCD_DATE_NONE};
    c.place_of_residence = "Tổ dân phố 12, Khu phố Bình Minh, Phường Bến Thành, Quận 1, Thành "
                           "phố Hồ Chí Minh, Việt Nam (địa chỉ rất dài để thử xuống dòng)";
    assert_int_equal(cccd_card_qr_text(&c, &qr, &err), CCCD_OK);
    assert_non_null(strstr(qr, "079165012345||Tôn Nữ Hoàng Phương Thảo|1965|Nữ|Tổ dân phố 12"));
    assert_int_equal(cccd_card_face_png(&c, CCCD_CARD_FRONT, &png, &len, &err), CCCD_OK);
    check_png(png, len);
    read = zbar(png, len, "front-2.png");
    snprintf(want, sizeof want, "%s\n", qr);
    assert_string_equal(read, want);
    free(read);
    free(png);
    free(qr);
    free(jpeg);
}

static void test_back(void **state) {
    (void)state;
    cccd_card_data c = example(NULL, 0);
    unsigned char *png;
    size_t len;
    cccd_err err;
    /* the back has no portrait and no QR code */
    assert_int_equal(cccd_card_face_png(&c, CCCD_CARD_BACK, &png, &len, &err), CCCD_OK);
    check_png(png, len);
    char *read = zbar(png, len, "back.png");
    assert_string_equal(read, "");
    free(read);
    free(png);
    /* a name the MRZ cannot write is refused for both */
    c.full_name = "Nguyễn Văn 3";
    assert_int_equal(cccd_card_face_png(&c, CCCD_CARD_BACK, &png, &len, &err), CCCD_E_MRZ_NAME);
    assert_null(png);
}

static void test_bad_portrait(void **state) {
    (void)state;
    unsigned char *png;
    size_t len;
    cccd_err err;
    cccd_card_data c = example(NULL, 0);
    assert_int_equal(cccd_card_face_png(&c, CCCD_CARD_FRONT, &png, &len, &err),
                     CCCD_E_PHOTO_FORMAT);
    assert_null(png);
    assert_string_equal(err.field, "portrait");
    assert_non_null(strstr(err.msg, "the portrait is missing or not a JPEG"));
    static const unsigned char png_bytes[] = "\x89PNG\r\n\x1a\n0000000000";
    c = example(png_bytes, sizeof png_bytes);
    assert_int_equal(cccd_card_face_png(&c, CCCD_CARD_FRONT, &png, &len, &err),
                     CCCD_E_PHOTO_FORMAT);
    unsigned char *jpeg;
    size_t jlen;
    assert_int_equal(cccd_synth_portrait_jpeg(3, &jpeg, &jlen, &err), CCCD_OK);
    c = example(jpeg, jlen / 2); /* cut in the middle of the image data */
    assert_int_equal(cccd_card_face_png(&c, CCCD_CARD_FRONT, &png, &len, &err),
                     CCCD_E_PHOTO_FORMAT);
    assert_non_null(strstr(err.msg, "damaged or cut short"));
    c = example(jpeg, 20); /* cut in the header */
    assert_int_equal(cccd_card_face_png(&c, CCCD_CARD_FRONT, &png, &len, &err),
                     CCCD_E_PHOTO_FORMAT);
    /* TurboJPEG reads the cut header as tables only: refused when the image is wanted */
    if (strstr(err.msg, "the portrait is") == NULL || strstr(err.msg, "JPEG") == NULL)
        fail_msg("%s", err.msg);
    free(jpeg);
}

static void test_write_never_overwrites(void **state) {
    (void)state;
    char dir[] = "/tmp/cccd-faces-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[64];
    snprintf(path, sizeof path, "%s/back.png", dir);
    cccd_card_data c = example(NULL, 0);
    cccd_err err;
    assert_int_equal(cccd_card_face_write(&c, CCCD_CARD_BACK, path, &err), CCCD_OK);
    assert_int_equal(cccd_card_face_write(&c, CCCD_CARD_BACK, path, &err), CCCD_E_IO);
    assert_non_null(strstr(err.msg, "exists already"));
    /* a failed front leaves no file */
    char front[64];
    snprintf(front, sizeof front, "%s/front.png", dir);
    assert_int_equal(cccd_card_face_write(&c, CCCD_CARD_FRONT, front, &err), CCCD_E_PHOTO_FORMAT);
    assert_int_equal(access(front, F_OK), -1);
    unlink(path);
    rmdir(dir);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_front_qr),
        cmocka_unit_test(test_back),
        cmocka_unit_test(test_bad_portrait),
        cmocka_unit_test(test_write_never_overwrites),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    cccd_card_face_release_caches(); /* so that LeakSanitizer sees only our memory */
    return failed;
}
