/*
 * test_text.c: Vietnamese text normalisation: NFC from NFD and from Windows-1258 mark order,
 * white space clean-up, case folding, title case, the search key, and invalid UTF-8.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"

typedef cccd_errc (*text_fn)(const char *, size_t, const char *, char **, cccd_err *);

static void expect(text_fn fn, const char *in, const char *want) {
    char *out = NULL;
    cccd_err err;
    cccd_errc rc = fn(in, strlen(in), "name", &out, &err);
    if (rc != CCCD_OK)
        fail_msg("'%s': %s", in, err.msg);
    assert_non_null(out);
    assert_string_equal(out, want);
    free(out);
}

static void test_nfc_from_nfd(void **state) {
    (void)state;
    /* "Nguyễn" written as NFD: e + circumflex + tilde */
    expect(cccd_text_nfc, "Nguye\xcc\x82\xcc\x83n", "Nguy\xe1\xbb\x85n");
    /* already NFC stays byte-identical */
    expect(cccd_text_nfc, "Nguy\xe1\xbb\x85n V\xc4\x83n Th\xc3\xa2n", "Nguyễn Văn Thân");
}

static void test_windows1258_mark_order(void **state) {
    (void)state;
    /* a + acute + circumflex (tone typed before shape) must become ấ like a + circumflex +
     * acute */
    expect(cccd_text_nfc, "Ta\xcc\x81\xcc\x82n", "T\xe1\xba\xa5n");
    expect(cccd_text_nfc, "Ta\xcc\x82\xcc\x81n", "T\xe1\xba\xa5n");
    /* ă with hook above typed as a + hook + breve */
    expect(cccd_text_nfc, "a\xcc\x89\xcc\x86", "\xe1\xba\xb3");
    /* dot below first or last composes to ậ either way */
    expect(cccd_text_nfc, "a\xcc\xa3\xcc\x82", "\xe1\xba\xad");
    expect(cccd_text_nfc, "a\xcc\x82\xcc\xa3", "\xe1\xba\xad");
    /* a precomposed base with a trailing tone mark: ê + acute -> ế */
    expect(cccd_text_nfc, "\xc3\xaa\xcc\x81", "\xe1\xba\xbf");
}

static void test_every_tone_mark(void **state) {
    (void)state;
    /* the six tones on a, and on the shaped vowels, all fold to the same key */
    const char *words[] = {"a", "à", "á", "ả", "ã", "ạ", "ă", "ằ", "ắ", "ẳ", "ẵ", "ặ",
                           "â", "ầ", "ấ", "ẩ", "ẫ", "ậ", "A", "À", "Á", "Ả", "Ã", "Ạ",
                           "Ă", "Ằ", "Ắ", "Ẳ", "Ẵ", "Ặ", "Â", "Ầ", "Ấ", "Ẩ", "Ẫ", "Ậ"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        expect(cccd_text_key, words[i], "a");
    const char *o[] = {"ò", "ó", "ỏ", "õ", "ọ", "ô", "ồ", "ố", "ổ", "ỗ", "ộ", "ơ",
                       "ờ", "ớ", "ở", "ỡ", "ợ", "Ơ", "Ờ", "Ớ", "Ở", "Ỡ", "Ợ"};
    for (size_t i = 0; i < sizeof o / sizeof o[0]; i++)
        expect(cccd_text_key, o[i], "o");
    const char *u[] = {"ư", "ừ", "ứ", "ử", "ữ", "ự", "ù", "ú", "ủ", "ũ", "ụ", "Ư", "Ự"};
    for (size_t i = 0; i < sizeof u / sizeof u[0]; i++)
        expect(cccd_text_key, u[i], "u");
    const char *e[] = {"è", "é", "ẻ", "ẽ", "ẹ", "ê", "ề", "ế", "ể", "ễ", "ệ", "Ê", "Ệ"};
    for (size_t i = 0; i < sizeof e / sizeof e[0]; i++)
        expect(cccd_text_key, e[i], "e");
    const char *iy[] = {"ì", "í", "ỉ", "ĩ", "ị", "ỳ", "ý", "ỷ", "ỹ", "ỵ"};
    for (size_t i = 0; i < sizeof iy / sizeof iy[0]; i++) {
        char *out = NULL;
        cccd_err err;
        assert_int_equal(cccd_text_key(iy[i], strlen(iy[i]), "x", &out, &err), CCCD_OK);
        assert_true(strcmp(out, "i") == 0 || strcmp(out, "y") == 0);
        free(out);
    }
}

static void test_key(void **state) {
    (void)state;
    expect(cccd_text_key, "Nguyễn Văn Thân", "nguyen van than");
    expect(cccd_text_key, "NGUYEN  VAN THAN", "nguyen van than");
    expect(cccd_text_key, "  nguyễn\tvăn\u00a0thân ", "nguyen van than");
    expect(cccd_text_key, "Đặng Đình Đức", "dang dinh duc");
    expect(cccd_text_key, "đ", "d");
    expect(cccd_text_key, "Phường Văn Miếu - Quốc Tử Giám", "phuong van mieu quoc tu giam");
    expect(cccd_text_key, "Xã Cò  Nòi", "xa co noi");
    expect(cccd_text_key, "Thị trấn 19/5", "thi tran 19 5");
    expect(cccd_text_key, "", "");
    expect(cccd_text_key, " - ", "");
    /* NFD and Windows-1258 order give the same key */
    expect(cccd_text_key, "Nguye\xcc\x82\xcc\x83n", "nguyen");
}

static void test_clean_and_fold(void **state) {
    (void)state;
    expect(cccd_text_clean, "  Xã  Hoàng Văn Thụ ", "Xã Hoàng Văn Thụ");
    expect(cccd_text_clean, "Huyện\u200b  Vũng Liêm", "Huyện Vũng Liêm");
    expect(cccd_text_clean, "\r\n\t", "");
    expect(cccd_text_fold, "NGUYỄN VĂN ĐỨC", "nguyễn văn đức");
    expect(cccd_text_title, "NGUYỄN văn  ĐỨC", "Nguyễn Văn Đức");
    expect(cccd_text_title, "trần thị-bích", "Trần Thị-Bích");
    expect(cccd_text_unaccent_upper, "Nguyễn Đức Ưng", "NGUYEN DUC UNG");
}

static void test_invalid_utf8(void **state) {
    (void)state;
    const char *bad[] = {"Nguy\xe1\xbb", "\xff", "ab\xc3\x28", "\xed\xa0\x80" /* surrogate */,
                         "\xc0\xaf" /* overlong */};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char *out = (char *)1;
        cccd_err err;
        assert_int_equal(cccd_text_key(bad[i], strlen(bad[i]), "full_name", &out, &err),
                         CCCD_E_UTF8);
        assert_null(out);
        assert_string_equal(err.field, "full_name");
        assert_true(err.pos >= 1);
    }
    /* an embedded NUL is refused too, at its position */
    char *out = NULL;
    cccd_err err;
    assert_int_equal(cccd_text_clean("ab\0c", 4, "x", &out, &err), CCCD_E_UTF8);
    assert_int_equal(err.pos, 3);
}

static void test_long_text(void **state) {
    (void)state;
    size_t n = 100000;
    char *in = malloc(n * 3 + 1);
    assert_non_null(in);
    for (size_t i = 0; i < n; i++)
        memcpy(in + 3 * i, "ễ", 3);
    in[3 * n] = '\0';
    char *out = NULL;
    cccd_err err;
    assert_int_equal(cccd_text_key(in, 3 * n, "x", &out, &err), CCCD_OK);
    assert_int_equal(strlen(out), n);
    assert_int_equal(strspn(out, "e"), n);
    free(out);
    free(in);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nfc_from_nfd),    cmocka_unit_test(test_windows1258_mark_order),
        cmocka_unit_test(test_every_tone_mark), cmocka_unit_test(test_key),
        cmocka_unit_test(test_clean_and_fold),  cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_long_text),
    };
    return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
