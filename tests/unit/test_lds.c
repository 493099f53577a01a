/*
 * test_lds.c: the chip's files (chip/lds.h): EF.COM and a small EF.DG1 against bytes written
 * out by hand from ICAO 9303; EF.DG2 and EF.DG13 encoded, parsed back and their fixed parts
 * checked byte by byte; every truncated or altered file refused with a message naming the
 * file; SHA-256 against the FIPS 180-2 vector; DG1/DG13 cross-checks that pass for consistent
 * cards (full, partial birth date, no expiry) and catch each kind of disagreement.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chip/card_data.h"
#include "chip/lds.h"
#include "service/synth_portrait.h"

/* The example card of docs/mrz.md and docs/chip.md (synthetic). */
static cccd_card_data example(void) {
    cccd_card_data c = {
        .personal_id = "001090012345",
        .full_name = "Nguy\xe1\xbb\x85n V\xc4\x83n A",
        .birth = {1990, 1, 15, CCCD_DATE_DAY},
        .sex = 'M',
        .ethnicity = "Kinh",
        .religion = "Kh\xc3\xb4ng",
        .place_of_origin = "X\xc3\xa3 \xc4\x90\xc3\xb4ng La, Huy\xe1\xbb\x87n Ho\xc3\xa0i "
                           "\xc4\x90\xe1\xbb\xa9\x63, H\xc3\xa0 N\xe1\xbb\x99i",
        .place_of_residence = "S\xe1\xbb\x91 1 Tr\xc3\xa0ng Ti\xe1\xbb\x81n, Ph\xc6\xb0\xe1\xbb"
                              "\x9dng Tr\xc3\xa0ng Ti\xe1\xbb\x81n, Ho\xc3\xa0n Ki\xe1\xbb\x83m, "
                              "H\xc3\xa0 N\xe1\xbb\x99i",
        .identifying_marks = "N\xe1\xbb\x91t ru\xe1\xbb\x93i C:1cm tr\xc3\xaan tr\xc6\xb0\xe1"
                             "\xbb\x9b\x63 m\xc3\xa1 tr\xc3\xa1i",
        .issued = {2021, 3, 10, CCCD_DATE_DAY},
        .expiry = {2030, 1, 15, CCCD_DATE_DAY},
        .father_name = "Nguy\xe1\xbb\x85n V\xc4\x83n B",
        .mother_name = "Tr\xe1\xba\xa7n Th\xe1\xbb\x8b C",
        .spouse_name = "",
        .old_id = "012345678",
    };
    return c;
}

static const char MRZ90[] = "IDVNM0900123450001090012345<<1"
                            "9001158M3001156VNM<<<<<<<<<<<8"
                            "NGUYEN<<VAN<A<<<<<<<<<<<<<<<<<";

static bool contains(const unsigned char *hay, size_t n, const void *needle, size_t m) {
    for (size_t i = 0; i + m <= n; i++)
        if (memcmp(hay + i, needle, m) == 0)
            return true;
    return false;
}

static void test_com_bytes(void **state) {
    (void)state;
    const int dgs[] = {1, 2, 13};
    unsigned char *f;
    size_t len;
    cccd_err err;
    assert_int_equal(cccd_lds_com_encode(dgs, 3, &f, &len, &err), CCCD_OK);
    /* 60 L { 5F01 04 "0107", 5F36 06 "040000", 5C 03 61 75 6D }: L = 7 + 9 + 5 = 21 */
    static const unsigned char want[] = {0x60, 0x15, 0x5F, 0x01, 0x04, '0',  '1', '0',
                                         '7',  0x5F, 0x36, 0x06, '0',  '4',  '0', '0',
                                         '0',  '0',  0x5C, 0x03, 0x61, 0x75, 0x6D};
    assert_int_equal(len, sizeof want);
    assert_memory_equal(f, want, sizeof want);
    cccd_lds_com com;
    assert_int_equal(cccd_lds_com_parse(f, len, &com, &err), CCCD_OK);
    assert_string_equal(com.lds_version, "0107");
    assert_string_equal(com.unicode_version, "040000");
    assert_int_equal(com.n_dg, 3);
    assert_int_equal(com.dg[0], 1);
    assert_int_equal(com.dg[1], 2);
    assert_int_equal(com.dg[2], 13);
    /* every cut is refused */
    for (size_t n = 0; n < len; n++)
        assert_int_equal(cccd_lds_com_parse(f, n, &com, &err), CCCD_E_LDS_FORMAT);
    /* an unknown tag in the list, a repeat, a wrong outer tag */
    unsigned char bad[sizeof want];
    memcpy(bad, want, sizeof want);
    bad[22] = 0x7A;
    assert_int_equal(cccd_lds_com_parse(bad, len, &com, &err), CCCD_E_LDS_FORMAT);
    assert_non_null(strstr(err.msg, "EF.COM: tag 7A"));
    bad[22] = 0x75;
    assert_int_equal(cccd_lds_com_parse(bad, len, &com, &err), CCCD_E_LDS_FORMAT);
    assert_non_null(strstr(err.msg, "listed twice"));
    memcpy(bad, want, sizeof want);
    bad[0] = 0x61;
    assert_int_equal(cccd_lds_com_parse(bad, len, &com, &err), CCCD_E_LDS_FORMAT);
    assert_non_null(strstr(err.msg, "EF.COM: starts with tag 61"));
    const int twice[] = {1, 1};
    unsigned char *g;
    assert_int_equal(cccd_lds_com_encode(twice, 2, &g, &len, &err), CCCD_E_ARG);
    free(f);
}

static void test_dg1_bytes(void **state) {
    (void)state;
    cccd_card_data c = example();
    unsigned char *f;
    size_t len;
    cccd_err err;
    assert_int_equal(cccd_lds_dg1_encode(&c, &f, &len, &err), CCCD_OK);
    /* 61 5D { 5F1F 5A <90 characters> }: 0x5A = 90, 0x5D = 3 + 90 */
    assert_int_equal(len, 95);
    static const unsigned char head[] = {0x61, 0x5D, 0x5F, 0x1F, 0x5A};
    assert_memory_equal(f, head, sizeof head);
    assert_memory_equal(f + 5, MRZ90, 90);
    cccd_mrz_fields m;
    cccd_date today = {2025, 6, 1, CCCD_DATE_DAY};
    assert_int_equal(cccd_lds_dg1_parse(f, len, &today, &m, &err), CCCD_OK);
    assert_true(m.valid);
    assert_string_equal(m.personal_id, "001090012345");
    assert_string_equal(m.document_number, "090012345");
    assert_int_equal(m.birth.y, 1990);
    assert_string_equal(m.surname, "NGUYEN");
    /* cut short anywhere, or one byte too many */
    for (size_t n = 0; n < len; n++) {
        assert_int_equal(cccd_lds_dg1_parse(f, n, &today, &m, &err), CCCD_E_LDS_FORMAT);
        assert_memory_equal(err.msg, "EF.DG1: ", 8);
    }
    unsigned char longer[96];
    memcpy(longer, f, 95);
    longer[95] = 0;
    assert_int_equal(cccd_lds_dg1_parse(longer, 96, &today, &m, &err), CCCD_E_LDS_FORMAT);
    assert_non_null(strstr(err.msg, "after the end"));
    /* a changed birth day: the MRZ's check digit catches it, and the fields are still there */
    f[5 + 30 + 5] = '6';
    assert_int_equal(cccd_lds_dg1_parse(f, len, &today, &m, &err), CCCD_E_MRZ_CHECK);
    assert_non_null(strstr(err.msg, "EF.DG1: line 2, column 7"));
    assert_false(m.valid);
    assert_string_equal(m.personal_id, "001090012345");
    /* an MRZ of 89 characters inside a consistent wrapping */
    unsigned char short_mrz[94] = {0x61, 0x5C, 0x5F, 0x1F, 0x59};
    memcpy(short_mrz + 5, MRZ90, 89);
    assert_int_equal(cccd_lds_dg1_parse(short_mrz, 94, &today, &m, &err), CCCD_E_LDS_FORMAT);
    assert_non_null(strstr(err.msg, "89 characters"));
    free(f);
}

static unsigned char *portrait(size_t *len) {
    unsigned char *jpeg;
    cccd_err err;
    assert_int_equal(cccd_synth_portrait_jpeg(7, &jpeg, len, &err), CCCD_OK);
    return jpeg;
}

static void test_dg2_round_trip(void **state) {
    (void)state;
    cccd_card_data c = example();
    size_t jlen;
    unsigned char *jpeg = portrait(&jlen);
    c.portrait = jpeg;
    c.portrait_len = jlen;
    unsigned char *f;
    size_t len;
    cccd_err err;
    assert_int_equal(cccd_lds_dg2_encode(&c, &f, &len, &err), CCCD_OK);
    /* the record: 14 + 20 + 12 bytes then the JPEG; 5F2E's content. Offsets: 75 82 L L (0),
     * 7F61 82 L L (4), 02 01 01 (9), 7F60 82 L L (12), A1 (17), 5F2E 82 L L (27), record (32) */
    size_t rec = 46 + jlen;
    /* 75 82 L1 L2 7F61 82 .. 02 01 01 7F60 82 .. A1 08 87 02 01 01 88 02 00 08 5F2E 82 .. */
    assert_int_equal(f[0], 0x75);
    assert_int_equal(f[1], 0x82);
    assert_int_equal((size_t)(f[2] << 8 | f[3]), len - 4);
    static const unsigned char mid[] = {0x02, 0x01, 0x01, 0x7F, 0x60};
    assert_memory_equal(f + 4, "\x7F\x61\x82", 3);
    assert_memory_equal(f + 9, mid, sizeof mid);
    static const unsigned char bhdr[] = {0xA1, 0x08, 0x87, 0x02, 0x01, 0x01, 0x88,
                                         0x02, 0x00, 0x08, 0x5F, 0x2E, 0x82};
    assert_memory_equal(f + 17, bhdr, sizeof bhdr);
    assert_int_equal((size_t)(f[30] << 8 | f[31]), rec);
    const unsigned char *r = f + 32;
    assert_memory_equal(r,
                        "FAC\0"
                        "010\0",
                        8);
    assert_int_equal((size_t)r[8] << 24 | (size_t)r[9] << 16 | (size_t)r[10] << 8 | r[11], rec);
    assert_int_equal(r[12] << 8 | r[13], 1);                     /* one face */
    assert_int_equal((size_t)(r[16] << 8 | r[17]), 32 + jlen);   /* block len */
    assert_int_equal(r[20], CCCD_FACE_GENDER_MALE);              /* gender */
    assert_int_equal(r[34], CCCD_FACE_TYPE_FULL_FRONTAL);        /* type */
    assert_int_equal(r[35], CCCD_FACE_DATA_JPEG);                /* JPEG */
    assert_int_equal(r[36] << 8 | r[37], CCCD_SYNTH_PORTRAIT_W); /* width */
    assert_int_equal(r[38] << 8 | r[39], CCCD_SYNTH_PORTRAIT_H); /* height */
    assert_memory_equal(r + 46, jpeg, jlen);
    assert_int_equal(len, 32 + rec);

    cccd_lds_face face;
    assert_int_equal(cccd_lds_dg2_parse(f, len, &face, &err), CCCD_OK);
    assert_int_equal(face.width, CCCD_SYNTH_PORTRAIT_W);
    assert_int_equal(face.height, CCCD_SYNTH_PORTRAIT_H);
    assert_int_equal(face.jpeg_len, jlen);
    assert_memory_equal(face.jpeg, jpeg, jlen);
    assert_int_equal(face.gender, CCCD_FACE_GENDER_MALE);
    assert_int_equal(face.color_space, CCCD_FACE_COLOR_RGB24);

    /* cut short: every length up to the JPEG, then a sample of the rest */
    for (size_t n = 0; n < len; n += n < 80 ? 1 : 997) {
        assert_int_equal(cccd_lds_dg2_parse(f, n, &face, &err), CCCD_E_LDS_FORMAT);
        assert_memory_equal(err.msg, "EF.DG2: ", 8);
    }
    /* altered: the record's length, the face block's length, the width, the format type, the
     * face count; each alone */
    struct {
        size_t at;
        unsigned char to;
        const char *says;
    } alter[] = {
        {32 + 11, (unsigned char)(r[11] + 1), "the face record says it is"},
        {32 + 17, (unsigned char)(r[17] - 1), "the face block says"},
        {32 + 37, (unsigned char)(r[37] + 2), "the JPEG is 480x640"},
        {26, 0x01, "format type 0008"},
        {32 + 13, 2, "2 faces"},
        {32 + 35, 1, "image data type 1"},
        {32 + 46 + 1, 0x00, "EF.DG2: the image"},
    };
    for (size_t i = 0; i < sizeof alter / sizeof alter[0]; i++) {
        unsigned char keep = f[alter[i].at];
        f[alter[i].at] = alter[i].to;
        assert_int_equal(cccd_lds_dg2_parse(f, len, &face, &err), CCCD_E_LDS_FORMAT);
        if (strstr(err.msg, alter[i].says) == NULL)
            fail_msg("alteration %zu: '%s' lacks '%s'", i, err.msg, alter[i].says);
        f[alter[i].at] = keep;
    }
    assert_int_equal(cccd_lds_dg2_parse(f, len, &face, &err), CCCD_OK);
    free(f);

    /* no portrait, or not a JPEG */
    c.portrait = NULL;
    c.portrait_len = 0;
    assert_int_equal(cccd_lds_dg2_encode(&c, &f, &len, &err), CCCD_E_PHOTO_FORMAT);
    assert_null(f);
    c.portrait = (const unsigned char *)"\x89PNG\r\n\x1a\n....";
    c.portrait_len = 12;
    assert_int_equal(cccd_lds_dg2_encode(&c, &f, &len, &err), CCCD_E_PHOTO_FORMAT);
    c.portrait = jpeg;
    c.portrait_len = 10; /* cut inside the JPEG's header */
    assert_int_equal(cccd_lds_dg2_encode(&c, &f, &len, &err), CCCD_E_PHOTO_FORMAT);
    free(jpeg);
}

static unsigned char *dg13_of(const cccd_card_data *c, size_t *len) {
    unsigned char *f;
    cccd_err err;
    cccd_errc rc = cccd_lds_dg13_encode(c, &f, len, &err);
    if (rc != CCCD_OK)
        fail_msg("dg13: %s", err.msg);
    return f;
}

static void test_dg13_round_trip(void **state) {
    (void)state;
    cccd_card_data c = example();
    size_t len;
    unsigned char *f = dg13_of(&c, &len);
    cccd_err err;
    assert_int_equal(f[0], 0x6D);
    /* version and OID: 02 01 01, 06 06 28 D3 16 01 00 08 (1.0 -> 40*1+0; 10646 -> D3 16),
     * then the SET (31) */
    static const unsigned char head[] = {0x02, 0x01, 0x01, 0x06, 0x06, 0x28,
                                         0xD3, 0x16, 0x01, 0x00, 0x08, 0x31};
    assert_true(contains(f, len, head, sizeof head));
    /* field 1: 30 11 { 02 01 01, 13 0C "001090012345" } */
    static const unsigned char f1[] = "\x30\x11\x02\x01\x01\x13\x0C"
                                      "001090012345";
    assert_true(contains(f, len, f1, sizeof f1 - 1));
    /* field 4: 30 08 { 02 01 04, 0C 03 "Nam" } */
    assert_true(contains(f, len, "\x30\x08\x02\x01\x04\x0C\x03Nam", 10));
    /* field 3 and 12 as dd/mm/yyyy */
    assert_true(contains(f, len,
                         "\x02\x01\x03\x0C\x0A"
                         "15/01/1990",
                         15));
    assert_true(contains(f, len,
                         "\x02\x01\x0C\x0C\x0A"
                         "15/01/2030",
                         15));
    /* field 13: 30 L { 02 01 0D, 30 L { 0C father, 0C mother } } */
    size_t fl = strlen(c.father_name), ml = strlen(c.mother_name);
    unsigned char f13[64] = {0x30,
                             (unsigned char)(3 + 2 + 2 + fl + 2 + ml),
                             0x02,
                             0x01,
                             0x0D,
                             0x30,
                             (unsigned char)(2 + fl + 2 + ml),
                             0x0C,
                             (unsigned char)fl};
    memcpy(f13 + 9, c.father_name, fl);
    f13[9 + fl] = 0x0C;
    f13[10 + fl] = (unsigned char)ml;
    memcpy(f13 + 11 + fl, c.mother_name, ml);
    assert_true(contains(f, len, f13, 11 + fl + ml));
    /* field 15: 30 0E { 02 01 0F, 13 09 "012345678" } */
    assert_true(contains(f, len,
                         "\x30\x0E\x02\x01\x0F\x13\x09"
                         "012345678",
                         16));

    cccd_dg13 *d;
    assert_int_equal(cccd_lds_dg13_parse(f, len, &d, &err), CCCD_OK);
    assert_string_equal(d->personal_id, c.personal_id);
    assert_string_equal(d->full_name, c.full_name);
    assert_string_equal(d->date_of_birth, "15/01/1990");
    assert_string_equal(d->sex, "Nam");
    assert_string_equal(d->nationality, CCCD_CARD_NATIONALITY_VN);
    assert_string_equal(d->ethnicity, "Kinh");
    assert_string_equal(d->religion, c.religion);
    assert_string_equal(d->place_of_origin, c.place_of_origin);
    assert_string_equal(d->place_of_residence, c.place_of_residence);
    assert_string_equal(d->identifying_marks, c.identifying_marks);
    assert_string_equal(d->issue_date, "10/03/2021");
    assert_string_equal(d->expiry, "15/01/2030");
    assert_string_equal(d->father_name, c.father_name);
    assert_string_equal(d->mother_name, c.mother_name);
    assert_string_equal(d->spouse_name, "");
    assert_string_equal(d->old_id, "012345678");
    assert_int_equal(d->sex_code, 'M');
    assert_int_equal(d->birth.prec, CCCD_DATE_DAY);
    assert_int_equal(d->issued.y, 2021);
    assert_false(d->no_expiry);
    assert_int_equal(d->expiry_date.y, 2030);
    cccd_dg13_free(d);

    /* cut short anywhere */
    for (size_t n = 0; n < len; n++) {
        assert_int_equal(cccd_lds_dg13_parse(f, n, &d, &err), CCCD_E_LDS_FORMAT);
        assert_null(d);
        assert_memory_equal(err.msg, "EF.DG13: ", 9);
    }
    /* altered in place: the version, a sex that is neither, a date that is not one */
    unsigned char *p = f;
    size_t at = 0;
    for (size_t i = 0; i + sizeof head <= len; i++)
        if (memcmp(f + i, head, sizeof head) == 0)
            at = i;
    p[at + 2] = 2;
    assert_int_equal(cccd_lds_dg13_parse(f, len, &d, &err), CCCD_E_LDS_FORMAT);
    assert_non_null(strstr(err.msg, "version is not 1"));
    p[at + 2] = 1;
    p[at + 10] = 9;
    assert_int_equal(cccd_lds_dg13_parse(f, len, &d, &err), CCCD_E_LDS_FORMAT);
    assert_non_null(strstr(err.msg, "1.0.10646.1.0.9"));
    p[at + 10] = 8;
    for (size_t i = 0; i + 3 <= len; i++)
        if (memcmp(f + i, "Nam", 3) == 0)
            p[i + 2] = 'x';
    assert_int_equal(cccd_lds_dg13_parse(f, len, &d, &err), CCCD_E_LDS_FORMAT);
    assert_non_null(strstr(err.msg, "field 4 (sex) 'Nax'"));
    free(f);

    /* a woman, no expiry, a partial birth date, no old ID, a spouse */
    c.personal_id = "001160012345";
    c.sex = 'F';
    c.birth = (cccd_date){1960, 5, 0, CCCD_DATE_MONTH};
    c.issued = (cccd_date){2021, 3, 10, CCCD_DATE_DAY};
    c.expiry = (cccd_date){0, 0, 0, CCCD_DATE_NONE};
    c.old_id = "";
    c.spouse_name = "L\xc3\xaa V\xc4\x83n \xc4\x90\xe1\xbb\xa9\x63";
    f = dg13_of(&c, &len);
    assert_int_equal(cccd_lds_dg13_parse(f, len, &d, &err), CCCD_OK);
    assert_string_equal(d->sex, "N\xe1\xbb\xaf");
    assert_int_equal(d->sex_code, 'F');
    assert_string_equal(d->date_of_birth, "05/1960");
    assert_int_equal(d->birth.prec, CCCD_DATE_MONTH);
    assert_string_equal(d->expiry, CCCD_CARD_NO_EXPIRY);
    assert_true(d->no_expiry);
    assert_string_equal(d->old_id, "");
    assert_string_equal(d->spouse_name, c.spouse_name);
    cccd_dg13_free(d);
    free(f);

    /* what the encoder refuses */
    c = example();
    c.old_id = "12345";
    assert_int_equal(cccd_lds_dg13_encode(&c, &f, &len, &err), CCCD_E_CARD_FIELD);
    assert_string_equal(err.field, "old_id");
    c = example();
    c.full_name = "";
    assert_int_equal(cccd_lds_dg13_encode(&c, &f, &len, &err), CCCD_E_CARD_FIELD);
    assert_string_equal(err.field, "full_name");
    c = example();
    c.place_of_origin = "H\xe0 N\xf4i"; /* Latin-1, not UTF-8 */
    assert_int_equal(cccd_lds_dg13_encode(&c, &f, &len, &err), CCCD_E_UTF8);
    c = example();
    c.sex = 'F'; /* the ID's century digit 0 says male */
    assert_int_equal(cccd_lds_dg13_encode(&c, &f, &len, &err), CCCD_E_ID_SEX);
}

static void test_sha256(void **state) {
    (void)state;
    unsigned char h[32];
    assert_int_equal(cccd_lds_sha256((const unsigned char *)"abc", 3, h), CCCD_OK);
    static const unsigned char want[32] = {0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea,
                                           0x41, 0x41, 0x40, 0xde, 0x5d, 0xae, 0x22, 0x23,
                                           0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c,
                                           0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad};
    assert_memory_equal(h, want, 32);
    /* a DG1 file: the hash covers the tag and length too */
    cccd_card_data c = example();
    unsigned char *f, h2[32];
    size_t len;
    cccd_err err;
    assert_int_equal(cccd_lds_dg1_encode(&c, &f, &len, &err), CCCD_OK);
    assert_int_equal(cccd_lds_sha256(f, len, h), CCCD_OK);
    assert_int_equal(cccd_lds_sha256(f + 5, len - 5, h2), CCCD_OK);
    assert_memory_not_equal(h, h2, 32);
    free(f);
}

/* DG1 of one card against DG13 of another: the verdict. */
static cccd_errc cross(const cccd_card_data *a, const cccd_card_data *b, cccd_err *err) {
    unsigned char *f1, *f13;
    size_t l1, l13;
    cccd_err e;
    assert_int_equal(cccd_lds_dg1_encode(a, &f1, &l1, &e), CCCD_OK);
    f13 = dg13_of(b, &l13);
    cccd_mrz_fields m;
    cccd_dg13 *d;
    cccd_date today = {2025, 6, 1, CCCD_DATE_DAY};
    assert_int_equal(cccd_lds_dg1_parse(f1, l1, &today, &m, &e), CCCD_OK);
    assert_int_equal(cccd_lds_dg13_parse(f13, l13, &d, &e), CCCD_OK);
    cccd_errc rc = cccd_lds_cross_check(&m, d, err);
    cccd_dg13_free(d);
    free(f1);
    free(f13);
    return rc;
}

static void test_cross_check(void **state) {
    (void)state;
    cccd_err err;
    cccd_card_data a = example(), b = example();
    assert_int_equal(cross(&a, &b, &err), CCCD_OK);
    /* a partial birth date and no expiry agree too */
    a.personal_id = b.personal_id = "001060012345";
    a.birth = b.birth = (cccd_date){1960, 0, 0, CCCD_DATE_YEAR};
    a.expiry = b.expiry = (cccd_date){0, 0, 0, CCCD_DATE_NONE};
    assert_int_equal(cross(&a, &b, &err), CCCD_OK);
    /* each disagreement is caught and named */
    a = example();
    b = example();
    b.birth = (cccd_date){1990, 1, 16, CCCD_DATE_DAY};
    assert_int_equal(cross(&a, &b, &err), CCCD_E_LDS_MISMATCH);
    assert_string_equal(err.field, "EF.DG13");
    assert_string_equal(err.msg,
                        "EF.DG13 date of birth '16/01/1990' disagrees with EF.DG1's MRZ '900115'");
    b = example();
    b.full_name = "Nguy\xe1\xbb\x85n V\xc4\x83n \xc4\x90";
    assert_int_equal(cross(&a, &b, &err), CCCD_E_LDS_MISMATCH);
    assert_non_null(strstr(err.msg, "EF.DG13 full name"));
    assert_non_null(strstr(err.msg, "NGUYEN<<VAN<A<"));
    b = example();
    b.personal_id = "001090012346";
    assert_int_equal(cross(&a, &b, &err), CCCD_E_LDS_MISMATCH);
    assert_non_null(strstr(err.msg, "EF.DG13 ID number '001090012346'"));
    b = example();
    b.expiry = (cccd_date){2030, 1, 14, CCCD_DATE_DAY};
    assert_int_equal(cross(&a, &b, &err), CCCD_E_LDS_MISMATCH);
    assert_non_null(strstr(err.msg, "EF.DG13 expiry '14/01/2030'"));
    b = example();
    b.expiry = (cccd_date){0, 0, 0, CCCD_DATE_NONE};
    assert_int_equal(cross(&a, &b, &err), CCCD_E_LDS_MISMATCH);
    assert_non_null(strstr(err.msg, "expiry 'Kh\xc3\xb4ng th\xe1\xbb\x9di h\xe1\xba\xa1n'"));
    b = example();
    a.sex = 'F'; /* the MRZ builder writes what it is given */
    assert_int_equal(cross(&a, &b, &err), CCCD_E_LDS_MISMATCH);
    assert_string_equal(err.msg, "EF.DG13 sex 'Nam' disagrees with EF.DG1's MRZ 'F'");

    /* a wrong check digit in DG1 makes the verdict fail on DG1, whatever DG13 says */
    unsigned char *f1, *f13;
    size_t l1, l13;
    a = example();
    assert_int_equal(cccd_lds_dg1_encode(&a, &f1, &l1, &err), CCCD_OK);
    f1[5 + 29] = '2'; /* line 1's optional-data check digit */
    cccd_mrz_fields m;
    assert_int_equal(cccd_lds_dg1_parse(f1, l1, NULL, &m, &err), CCCD_E_MRZ_CHECK);
    f13 = dg13_of(&a, &l13);
    cccd_dg13 *d;
    assert_int_equal(cccd_lds_dg13_parse(f13, l13, &d, &err), CCCD_OK);
    assert_int_equal(cccd_lds_cross_check(&m, d, &err), CCCD_E_MRZ_CHECK);
    assert_string_equal(err.field, "EF.DG1");
    assert_non_null(strstr(err.msg, "(line 1, column 30) is '2', computed '1'"));
    cccd_dg13_free(d);
    free(f1);
    free(f13);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_com_bytes),      cmocka_unit_test(test_dg1_bytes),
        cmocka_unit_test(test_dg2_round_trip), cmocka_unit_test(test_dg13_round_trip),
        cmocka_unit_test(test_sha256),         cmocka_unit_test(test_cross_check),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
