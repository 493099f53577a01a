/*
 * test_text.c: Vietnamese text normalisation: NFC from NFD and from Windows-1258 mark order,
 * white space clean-up, case folding, title case, the search key, and invalid UTF-8; then the
 * equivalence of the fast path with the reference implementation on a large generated corpus:
 * every code point up to U+2FFF alone and among neighbours, NFC and NFD Vietnamese, invalid
 * bytes, random mixtures and long strings must give the same bytes, error code and position.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "core/text_internal.h"

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

static void test_clean_idempotent_across_soft_hyphen(void **state) {
    (void)state;
    /* a tone mark, a soft hyphen, then a shape mark: the soft hyphen goes first, so the marks
     * are ordered together and a second clean changes nothing (found by fuzz_text) */
    const char *in = "a\xcc\x81\xc2\xad\xcc\x82n";
    char *once = NULL, *twice = NULL;
    cccd_err err;
    assert_int_equal(cccd_text_clean(in, strlen(in), "x", &once, &err), CCCD_OK);
    assert_string_equal(once, "\xe1\xba\xa5n"); /* ấn */
    assert_int_equal(cccd_text_clean(once, strlen(once), "x", &twice, &err), CCCD_OK);
    assert_string_equal(once, twice);
    free(once);
    free(twice);
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

/* ---- fast path == reference ---- */

static const text_fn public_fn[] = {
    [CCCD_TEXT_NFC] = cccd_text_nfc,   [CCCD_TEXT_CLEAN] = cccd_text_clean,
    [CCCD_TEXT_FOLD] = cccd_text_fold, [CCCD_TEXT_TITLE] = cccd_text_title,
    [CCCD_TEXT_KEY] = cccd_text_key,   [CCCD_TEXT_UNACCENT_UPPER] = cccd_text_unaccent_upper,
};
#define N_OPS (sizeof public_fn / sizeof public_fn[0])

static void fail_hex(const char *what, size_t op, const char *in, size_t len) {
    char hex[3 * 64 + 4] = "";
    size_t n = len < 64 ? len : 64;
    for (size_t i = 0; i < n; i++)
        snprintf(hex + 3 * i, 4, "%02x ", (unsigned char)in[i]);
    fail_msg("op %zu, %zu bytes [%s%s]: %s", op, len, hex, len > n ? "..." : "", what);
}

/* Every public function against the reference on one input: the same result code, the same bytes
 * or the same error (field, position, message). */
static void same(const char *in, size_t len) {
    for (size_t op = 0; op < N_OPS; op++) {
        char *got = (char *)1, *want = (char *)1;
        cccd_err eg, ew;
        memset(&eg, 0x5a, sizeof eg);
        memset(&ew, 0x5a, sizeof ew);
        cccd_errc rg = public_fn[op](in, len, "f", &got, &eg);
        cccd_errc rw = cccd_text_reference((cccd_text_op)op, in, len, "f", &want, &ew);
        if (rg != rw)
            fail_hex("result codes differ", op, in, len);
        if (rg == CCCD_OK) {
            if (got == NULL || want == NULL || strcmp(got, want) != 0)
                fail_hex("outputs differ", op, in, len);
        } else if (got != NULL || want != NULL || eg.code != ew.code || eg.pos != ew.pos ||
                   strcmp(eg.field, ew.field) != 0 || strcmp(eg.msg, ew.msg) != 0) {
            fail_hex("errors differ", op, in, len);
        }
        free(got);
        free(want);
    }
}

/* Writes cp as UTF-8 (or, for a surrogate, the bytes UTF-8 would give it) and returns the count. */
static size_t put_cp(char *b, uint32_t cp) {
    if (cp < 0x80) {
        b[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        b[0] = (char)(0xC0 | cp >> 6);
        b[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    b[0] = (char)(0xE0 | cp >> 12);
    b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    b[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
}

/* Expands a template: each '@' becomes cp. */
static size_t expand(char *b, const char *tpl, uint32_t cp) {
    size_t n = 0;
    for (const char *t = tpl; *t; t++) {
        if (*t == '@')
            n += put_cp(b + n, cp);
        else
            b[n++] = *t;
    }
    return n;
}

/* Neighbourhoods for every code point: alone, between letters, among spaces, before combining
 * marks (which may compose with it, in Windows-1258 order too), next to NFC and NFD Vietnamese,
 * apostrophes and hyphens (title case), and next to itself. */
static const char *const templates[] = {
    "@",
    "x@y",
    " \t@  @\n",
    "\xc4\x90@\xe1\xbb\x85",                     /* Đ @ ễ */
    "@\xcc\x81",                                 /* @ + acute */
    "@\xcc\x81\xcc\x82",                         /* @ + acute + circumflex */
    "@\xcc\xa3\xcc\x86",                         /* @ + dot below + breve */
    "a\xcc\x81@\xcc\x82",                        /* NFD before, a mark after */
    "Nguye\xcc\x82\xcc\x83n '@-@' Tha\xcc\x82n", /* NFD name */
    "@@",
    "\xc3\x8b@\xe2\x80\x8b@\xc2\xa0\xc2\xad", /* Ë, zero-width space, no-break, soft hyphen */
    "\xe1\xbb\xb3@ \xc4\xb0@\xc7\xb0",        /* ỳ, İ, ǰ */
};

static void test_equivalence_every_code_point(void **state) {
    (void)state;
    char buf[256];
    for (uint32_t cp = 0; cp <= 0x2FFF; cp++)
        for (size_t t = 0; t < sizeof templates / sizeof templates[0]; t++)
            same(buf, expand(buf, templates[t], cp));
}

/* Every code point the fast path may read, next to each of a set of neighbours, both ways. */
static void test_equivalence_pairs(void **state) {
    (void)state;
    static const uint32_t neighbours[] = {
        0x01,   '\t',   ' ',    '\'',   '-',    '0',    'A',    'I',    'Z',    'a',
        'i',    'j',    'z',    0x7F,   0x85,   0xA0,   0xAD,   0xC0,   0xDF,   0xFF,
        0x110,  0x111,  0x130,  0x131,  0x17F,  0x1C5,  0x1F0,  0x24F,  0x250,  0x300,
        0x301,  0x302,  0x306,  0x309,  0x323,  0x345,  0x1100, 0x1161, 0x1DFF, 0x1E00,
        0x1E96, 0x1E9E, 0x1EA4, 0x1EC5, 0x1EFF, 0x1F00, 0x2019, 0x200B, 0x2028, 0x3000,
    };
    char buf[16];
    for (uint32_t cp = 1; cp < 0x1F00; cp++) {
        if (cp == 0x250)
            cp = 0x1E00;
        for (size_t k = 0; k < sizeof neighbours / sizeof neighbours[0]; k++) {
            size_t n = put_cp(buf, cp);
            n += put_cp(buf + n, neighbours[k]);
            same(buf, n);
            n = put_cp(buf, neighbours[k]);
            n += put_cp(buf + n, cp);
            same(buf, n);
        }
    }
}

/* Random mixtures of fragments: names, marks in every order, spaces, and broken UTF-8. */
static void test_equivalence_random(void **state) {
    (void)state;
    static const char *const frags[] = {
        "Nguy\xe1\xbb\x85n",
        "Nguye\xcc\x82\xcc\x83n",
        "V\xc4\x83n",
        "Th\xe1\xbb\x8b",
        "a",
        "B",
        "\xc4\x90",
        "\xc4\x91",
        " ",
        "  ",
        "\t",
        "\n",
        "\xc2\xa0",
        "\xe2\x80\x8b",
        "\xc2\xad",
        "'",
        "\xe2\x80\x99",
        "-",
        "/",
        "19",
        "\xcc\x81",
        "\xcc\x82",
        "\xcc\x86",
        "\xcc\x89",
        "\xcc\xa3",
        "\xcc\x83",
        "\xc3\xaa",
        "\xe1\xba\xa5",
        "\xc4\xb0",
        "\xc7\xb0",
        "\xe1\xba\x96",
        "\xe1\xba\x9e",
        "\xc3\x9f",
        "\xc8\xba",
        "\xc9\x80",
        "\xc9\x90",
        "\xe1\xb7\xbf",
        "\xe1\xbc\x80",
        "\xea\xb0\x80",
        "\xe1\x84\x80",
        "\xe1\x85\xa1",
        "\xf0\x9f\x98\x80",
        "\xe3\x80\x80",
        "\xef\xbb\xbf",
        "\xe1\xbb",
        "\xe1",
        "\xc3",
        "\xff",
        "\xfe",
        "\x80",
        "\xbf",
        "\xc0\xaf",
        "\xc1\xbf",
        "\xe0\x80\xaf",
        "\xed\xa0\x80",
        "\xf4\x90\x80\x80",
        "\xf8\x88\x80\x80\x80",
        "\0",
        "\x01",
        "\x7f",
        "\xc2\x85",
    };
    const size_t nfrags = sizeof frags / sizeof frags[0];
    uint64_t x = 0x9E3779B97F4A7C15u; /* xorshift64: the same corpus every run */
    char buf[256];
    for (int round = 0; round < 100000; round++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        size_t n = 0, parts = 1 + (size_t)(x % 12);
        uint64_t y = x;
        for (size_t p = 0; p < parts; p++) {
            y = y * 6364136223846793005u + 1442695040888963407u;
            size_t f = (size_t)(y >> 33) % nfrags;
            /* "\0" is one NUL byte, not an empty string */
            size_t flen = frags[f][0] == '\0' ? 1 : strlen(frags[f]);
            memcpy(buf + n, frags[f], flen);
            n += flen;
        }
        same(buf, n);
    }
    same(NULL, 0);
    same(NULL, 5);
    same("", 0);
}

/* Long text: all on the fast path, then spoilt at the very end (an NFD mark, a letter whose case
 * does not map alone, a broken byte) so that the whole of it goes to the reference. */
static void test_equivalence_long(void **state) {
    (void)state;
    static const char *const unit = "  Nguy\xe1\xbb\x85n  V\xc4\x83n \xc4\x90\xe1\xbb\xa9"
                                    "c\t- Ph\xc6\xb0\xe1\xbb\x9dng V\xc4\x83n Mi\xe1\xba\xbfu,"
                                    " QU\xe1\xbb\x90"
                                    "C T\xe1\xbb\xac GI\xc3\x81M 19/5 ";
    static const char *const tails[] = {"", "e\xcc\x82", "\xc4\xb0", "\xe1\xbb", "\0"};
    size_t ulen = strlen(unit), reps = 2000;
    char *buf = malloc(ulen * reps + 8);
    assert_non_null(buf);
    for (size_t r = 0; r < reps; r++)
        memcpy(buf + r * ulen, unit, ulen);
    for (size_t t = 0; t < sizeof tails / sizeof tails[0]; t++) {
        size_t tl = t == 4 ? 1 : strlen(tails[t]);
        memcpy(buf + ulen * reps, tails[t], tl);
        same(buf, ulen * reps + tl);
    }
    free(buf);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nfc_from_nfd),
        cmocka_unit_test(test_windows1258_mark_order),
        cmocka_unit_test(test_every_tone_mark),
        cmocka_unit_test(test_key),
        cmocka_unit_test(test_clean_and_fold),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_clean_idempotent_across_soft_hyphen),
        cmocka_unit_test(test_long_text),
        cmocka_unit_test(test_equivalence_every_code_point),
        cmocka_unit_test(test_equivalence_pairs),
        cmocka_unit_test(test_equivalence_random),
        cmocka_unit_test(test_equivalence_long),
    };
    return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
