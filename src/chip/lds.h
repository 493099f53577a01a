/*
 * lds.h: the files of the card's chip (ICAO 9303 logical data structure): EF.COM, EF.DG1 (the
 * MRZ), EF.DG2 (the portrait as an ISO/IEC 19794-5 face record), EF.DG13 (the Vietnamese
 * details), the SHA-256 of a file for the SOD, and the cross-checks a verifier makes between
 * DG1 and DG13.
 *
 * Why this exists: the chip is written once at personalisation and read for years by readers
 * nobody here controls; its bytes must follow the standard (and the layout Vietnamese readers
 * expect for DG13) exactly, and what we read back must be refused loudly when it is cut short
 * or inconsistent. docs/chip.md gives every layout with a hex example.
 *
 * Pure, in memory: no I/O, no clock. TLV and ASN.1 go through OpenSSL 3 (ASN1_put_object,
 * ASN1_object_size, ASN1_get_object; ASN.1 templates for DG13). Encoders return a new buffer
 * owned by the caller (free()); parsers borrow the file for the duration of the call unless
 * stated otherwise. Errors fill a caller-owned cccd_err whose message starts with the file's
 * name ("EF.DG2: ...").
 */
#ifndef CCCD_CHIP_LDS_H
#define CCCD_CHIP_LDS_H

#include <stdbool.h>
#include <stddef.h>

#include "chip/card_data.h"
#include "core/date.h"
#include "core/error.h"
#include "core/mrz.h"

/* Outer tags (one byte, application class, constructed). */
#define CCCD_LDS_TAG_COM 0x60
#define CCCD_LDS_TAG_DG1 0x61
#define CCCD_LDS_TAG_DG2 0x75
#define CCCD_LDS_TAG_DG13 0x6D
#define CCCD_LDS_TAG_SOD 0x77

/* The outer tag of data group dg (1..16), or -1. */
int cccd_lds_dg_tag(int dg);
/* The data group an outer tag stands for (1..16), or -1. */
int cccd_lds_tag_dg(int tag);

/* ---- EF.COM: 60 { 5F01 LDS version, 5F36 Unicode version, 5C tag list } ---- */

#define CCCD_LDS_VERSION "0107"
#define CCCD_LDS_UNICODE_VERSION "040000"
#define CCCD_LDS_MAX_DGS 16

typedef struct cccd_lds_com {
    char lds_version[5];      /* "0107" */
    char unicode_version[7];  /* "040000" */
    int dg[CCCD_LDS_MAX_DGS]; /* the data groups listed, in order */
    size_t n_dg;              /* how many */
} cccd_lds_com;

/* EF.COM listing data groups dg[0..n) (each 1..16, no repeats, n >= 1). */
cccd_errc cccd_lds_com_encode(const int *dg, size_t n, unsigned char **out, size_t *len,
                              cccd_err *err);
/* Parses EF.COM: both versions 4 and 6 digits, every listed tag a known data group, no
 * repeats. CCCD_E_LDS_FORMAT otherwise. */
cccd_errc cccd_lds_com_parse(const unsigned char *file, size_t len, cccd_lds_com *out,
                             cccd_err *err);

/* ---- EF.DG1: 61 { 5F1F the 90 MRZ characters } ---- */

/* EF.DG1 of a card (its MRZ from cccd_card_mrz). */
cccd_errc cccd_lds_dg1_encode(const cccd_card_data *card, unsigned char **out, size_t *len,
                              cccd_err *err);
/* Parses EF.DG1 and the MRZ inside with core/mrz.h (today may be NULL: see cccd_mrz_parse).
 * CCCD_E_LDS_FORMAT when the wrapping is wrong (out zeroed); an MRZ error code
 * (CCCD_E_MRZ_*) when the 90 characters are wrong: then out holds what was decoded, with every
 * check digit's verdict, as cccd_mrz_parse_dg1 leaves it. */
cccd_errc cccd_lds_dg1_parse(const unsigned char *file, size_t len, const cccd_date *today,
                             cccd_mrz_fields *out, cccd_err *err);

/* ---- EF.DG2: 75 { 7F61 { 02 count, 7F60 { A1 {87 owner, 88 type}, 5F2E face record } } } ---- */

/* ISO/IEC 19794-5 codes we write. */
enum {
    CCCD_FACE_GENDER_UNSPECIFIED = 0,
    CCCD_FACE_GENDER_MALE = 1,
    CCCD_FACE_GENDER_FEMALE = 2,
    CCCD_FACE_TYPE_FULL_FRONTAL = 1,
    CCCD_FACE_DATA_JPEG = 0,
    CCCD_FACE_COLOR_RGB24 = 1,
    CCCD_FACE_COLOR_GRAY8 = 3,
    CCCD_FACE_SOURCE_DIGITAL_CAMERA = 2,
};

typedef struct cccd_lds_face {
    const unsigned char *jpeg; /* the JPEG: points INTO the parsed file (borrowed from it) */
    size_t jpeg_len;
    int width, height; /* from the image information block (equal to the JPEG's own) */
    int gender;        /* CCCD_FACE_GENDER_* */
    int face_type, data_type, color_space, source_type, device_type, quality;
} cccd_lds_face;

/* EF.DG2 with the card's portrait (card->portrait): width and height read from the JPEG header
 * with libjpeg-turbo. CCCD_E_PHOTO_FORMAT when the portrait is missing or not a JPEG. */
cccd_errc cccd_lds_dg2_encode(const cccd_card_data *card, unsigned char **out, size_t *len,
                              cccd_err *err);
/* Parses EF.DG2: one biometric template, format owner 0101 and type 0008, a face record with
 * header "FAC\0" "010\0", one face, every length consistent with the bytes present, image data
 * type JPEG, and a JPEG whose header gives the recorded width and height. */
cccd_errc cccd_lds_dg2_parse(const unsigned char *file, size_t len, cccd_lds_face *out,
                             cccd_err *err);

/* ---- EF.DG13: 6D { SEQUENCE { INTEGER 1, OID 1.0.10646.1.0.8, SET { SEQUENCE {n, value} } } } */

#define CCCD_DG13_OID "1.0.10646.1.0.8"

/* EF.DG13 as parsed: every string owned by the struct (NUL-terminated UTF-8, "" when the field
 * is empty or absent). Release with cccd_dg13_free. */
typedef struct cccd_dg13 {
    char *personal_id;        /* 1 */
    char *full_name;          /* 2 */
    char *date_of_birth;      /* 3, as written: dd/mm/yyyy (mm/yyyy, yyyy when partial) */
    char *sex;                /* 4: "Nam" or "Nữ" */
    char *nationality;        /* 5 */
    char *ethnicity;          /* 6 */
    char *religion;           /* 7 */
    char *place_of_origin;    /* 8 */
    char *place_of_residence; /* 9 */
    char *identifying_marks;  /* 10 */
    char *issue_date;         /* 11: dd/mm/yyyy */
    char *expiry;             /* 12: dd/mm/yyyy or "Không thời hạn" */
    char *father_name;        /* 13, first element */
    char *mother_name;        /* 13, second element */
    char *spouse_name;        /* 14 */
    char *old_id;             /* 15 */
    /* decoded */
    cccd_date birth, issued, expiry_date; /* expiry_date NONE when no_expiry */
    bool no_expiry;
    char sex_code; /* 'M' or 'F' */
} cccd_dg13;

/* EF.DG13 of a card (docs/chip.md, "EF.DG13"). */
cccd_errc cccd_lds_dg13_encode(const cccd_card_data *card, unsigned char **out, size_t *len,
                               cccd_err *err);
/* Parses EF.DG13 into *out (a new cccd_dg13 owned by the caller; NULL on failure). Fields 1-12
 * are required, 13-15 optional, numbers above 15 ignored, a number given twice refused; dates,
 * sex and expiry must read as the card writes them. */
cccd_errc cccd_lds_dg13_parse(const unsigned char *file, size_t len, cccd_dg13 **out,
                              cccd_err *err);
void cccd_dg13_free(cccd_dg13 *d);

/* ---- for the SOD ---- */

/* SHA-256 of a whole data group file (outer tag and length included), through OpenSSL EVP.
 * CCCD_OK, or CCCD_E_INTERNAL when the digest cannot be computed. */
cccd_errc cccd_lds_sha256(const unsigned char *file, size_t len, unsigned char out[32]);

/* ---- the verifier's cross-checks ---- */

/* Whether DG1 and DG13 are a consistent pair: every MRZ check digit of DG1 valid, and DG13
 * agreeing with it on the ID number (DG1's personal ID and its document number = the last 9
 * digits), date of birth, sex, expiry (or "no expiry") and the name (DG13's full name
 * transliterated as the MRZ writes it). Returns CCCD_OK, or the first failure as the verdict
 * in *err: CCCD_E_MRZ_CHECK / CCCD_E_MRZ_FIELD (field "EF.DG1") or CCCD_E_LDS_MISMATCH (field
 * "EF.DG13"), the message naming the file, the item and both values. */
cccd_errc cccd_lds_cross_check(const cccd_mrz_fields *dg1, const cccd_dg13 *dg13, cccd_err *err);

#endif
