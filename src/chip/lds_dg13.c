/*
 * lds_dg13.c: EF.DG13, the Vietnamese card's details (lds.h), in the layout open-source
 * Vietnamese readers parse: the fields the law prints on the card plus the parents, spouse and
 * old ID number, which the MRZ does not carry. docs/chip.md gives the layout and the choices.
 *
 *   6D L  SEQUENCE {
 *           INTEGER 1,
 *           OBJECT IDENTIFIER 1.0.10646.1.0.8,
 *           SET { SEQUENCE { INTEGER n, value } ... }     -- n = 1..15
 *         }
 *
 * value is a PrintableString for 1 (ID) and 15 (old ID), a SEQUENCE { UTF8String father,
 * UTF8String mother } for 13, a UTF8String for every other field. Everything goes through
 * OpenSSL ASN.1 templates, so the SET is DER: its elements are sorted by their encoding (the
 * shortest first), not by n. Readers look a field up by its n, and the parser accepts any
 * order.
 */
#include <openssl/asn1.h>
#include <openssl/asn1t.h>
#include <openssl/objects.h>
#include <stdlib.h>
#include <string.h>

#include "chip/lds.h"
#include "chip/lds_internal.h"
#include "core/text.h"

#define FILE_NAME "EF.DG13"
#define N_FIELDS 15

typedef struct dg13_field_st {
    ASN1_INTEGER *n;
    ASN1_TYPE *value;
} DG13_FIELD;

DEFINE_STACK_OF(DG13_FIELD)

typedef struct dg13_st {
    ASN1_INTEGER *version;
    ASN1_OBJECT *oid;
    STACK_OF(DG13_FIELD) * fields;
} DG13;

typedef struct dg13_parents_st {
    ASN1_UTF8STRING *father;
    ASN1_UTF8STRING *mother;
} DG13_PARENTS;

ASN1_SEQUENCE(DG13_FIELD) =
    {
        ASN1_SIMPLE(DG13_FIELD, n, ASN1_INTEGER),
        ASN1_SIMPLE(DG13_FIELD, value, ASN1_ANY),
} static_ASN1_SEQUENCE_END(DG13_FIELD)

        ASN1_SEQUENCE(DG13) =
            {
                ASN1_SIMPLE(DG13, version, ASN1_INTEGER),
                ASN1_SIMPLE(DG13, oid, ASN1_OBJECT),
                ASN1_SET_OF(DG13, fields, DG13_FIELD),
} static_ASN1_SEQUENCE_END(DG13)

                ASN1_SEQUENCE(DG13_PARENTS) =
                    {
                        ASN1_SIMPLE(DG13_PARENTS, father, ASN1_UTF8STRING),
                        ASN1_SIMPLE(DG13_PARENTS, mother, ASN1_UTF8STRING),
} static_ASN1_SEQUENCE_END(DG13_PARENTS)

                        static const char *
                    nz(const char *s) {
    return s ? s : "";
}

/* ---- encoding ---- */

/* A new ASN1_TYPE holding a string of the given type (V_ASN1_UTF8STRING, V_ASN1_PRINTABLESTRING).
 */
static ASN1_TYPE *string_value(int type, const char *s) {
    ASN1_STRING *str = ASN1_STRING_type_new(type);
    if (str == NULL || !ASN1_STRING_set(str, s, (int)strlen(s))) {
        ASN1_STRING_free(str);
        return NULL;
    }
    ASN1_TYPE *t = ASN1_TYPE_new();
    if (t == NULL) {
        ASN1_STRING_free(str);
        return NULL;
    }
    ASN1_TYPE_set(t, type, str);
    return t;
}

/* The value of field 13: SEQUENCE { UTF8String father, UTF8String mother } as an ANY. */
static ASN1_TYPE *parents_value(const char *father, const char *mother) {
    DG13_PARENTS *pp = (DG13_PARENTS *)ASN1_item_new(ASN1_ITEM_rptr(DG13_PARENTS));
    if (pp == NULL)
        return NULL;
    ASN1_TYPE *t = NULL;
    unsigned char *der = NULL;
    int n = -1;
    if (ASN1_STRING_set(pp->father, father, (int)strlen(father)) &&
        ASN1_STRING_set(pp->mother, mother, (int)strlen(mother)))
        n = ASN1_item_i2d((ASN1_VALUE *)pp, &der, ASN1_ITEM_rptr(DG13_PARENTS));
    ASN1_item_free((ASN1_VALUE *)pp, ASN1_ITEM_rptr(DG13_PARENTS));
    if (n <= 0)
        return NULL;
    ASN1_STRING *seq = ASN1_STRING_new();
    if (seq != NULL && ASN1_STRING_set(seq, der, n) && (t = ASN1_TYPE_new()) != NULL)
        ASN1_TYPE_set(t, V_ASN1_SEQUENCE, seq);
    else
        ASN1_STRING_free(seq);
    OPENSSL_free(der);
    return t;
}

static bool add_field(DG13 *d, long n, ASN1_TYPE *value) {
    if (value == NULL)
        return false;
    DG13_FIELD *f = (DG13_FIELD *)ASN1_item_new(ASN1_ITEM_rptr(DG13_FIELD));
    if (f == NULL || !ASN1_INTEGER_set(f->n, n)) {
        ASN1_item_free((ASN1_VALUE *)f, ASN1_ITEM_rptr(DG13_FIELD));
        ASN1_TYPE_free(value);
        return false;
    }
    ASN1_TYPE_free(f->value);
    f->value = value;
    if (!sk_DG13_FIELD_push(d->fields, f)) {
        ASN1_item_free((ASN1_VALUE *)f, ASN1_ITEM_rptr(DG13_FIELD));
        return false;
    }
    return true;
}

cccd_errc cccd_lds_dg13_encode(const cccd_card_data *card, unsigned char **out, size_t *len,
                               cccd_err *err) {
    *out = NULL;
    *len = 0;
    cccd_errc rc = cccd_card_data_check(card, err);
    if (rc != CCCD_OK)
        return rc;
    char dob[11], issued[11], expiry[11];
    cccd_date_vn(card->birth, dob);
    cccd_date_vn(card->issued, issued);
    cccd_date_vn(card->expiry, expiry);
    DG13 *d = (DG13 *)ASN1_item_new(ASN1_ITEM_rptr(DG13));
    if (d == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, FILE_NAME, "%s: out of memory", FILE_NAME);
    bool ok = ASN1_INTEGER_set(d->version, 1);
    ASN1_OBJECT_free(d->oid);
    d->oid = OBJ_txt2obj(CCCD_DG13_OID, 1);
    ok = ok && d->oid != NULL;
    const int U = V_ASN1_UTF8STRING;
    ok = ok && add_field(d, 1, string_value(V_ASN1_PRINTABLESTRING, card->personal_id));
    ok = ok && add_field(d, 2, string_value(U, card->full_name));
    ok = ok && add_field(d, 3, string_value(U, dob));
    ok = ok && add_field(d, 4, string_value(U, cccd_card_sex_vi(card->sex)));
    ok = ok && add_field(d, 5, string_value(U, cccd_card_nationality(card)));
    ok = ok && add_field(d, 6, string_value(U, card->ethnicity));
    ok = ok && add_field(d, 7, string_value(U, card->religion));
    ok = ok && add_field(d, 8, string_value(U, card->place_of_origin));
    ok = ok && add_field(d, 9, string_value(U, card->place_of_residence));
    ok = ok && add_field(d, 10, string_value(U, nz(card->identifying_marks)));
    ok = ok && add_field(d, 11, string_value(U, issued));
    ok = ok && add_field(d, 12,
                         string_value(U, card->expiry.prec == CCCD_DATE_NONE ? CCCD_CARD_NO_EXPIRY
                                                                             : expiry));
    ok = ok && add_field(d, 13, parents_value(nz(card->father_name), nz(card->mother_name)));
    ok = ok && add_field(d, 14, string_value(U, nz(card->spouse_name)));
    ok = ok && add_field(d, 15, string_value(V_ASN1_PRINTABLESTRING, nz(card->old_id)));
    unsigned char *der = NULL;
    int n = ok ? ASN1_item_i2d((ASN1_VALUE *)d, &der, ASN1_ITEM_rptr(DG13)) : -1;
    ASN1_item_free((ASN1_VALUE *)d, ASN1_ITEM_rptr(DG13));
    if (n <= 0)
        return cccd_err_set(err, CCCD_E_NOMEM, FILE_NAME, "%s: cannot encode (out of memory)",
                            FILE_NAME);
    lds_buf b = {0};
    lds_buf_tlv(&b, true, 0x0D, V_ASN1_APPLICATION, der, (size_t)n); /* 6D */
    OPENSSL_free(der);
    return lds_buf_finish(&b, out, len, FILE_NAME, err);
}

/* ---- parsing ---- */

void cccd_dg13_free(cccd_dg13 *d) {
    if (d == NULL)
        return;
    char **s[] = {
        &d->personal_id,        &d->full_name,         &d->date_of_birth, &d->sex,
        &d->nationality,        &d->ethnicity,         &d->religion,      &d->place_of_origin,
        &d->place_of_residence, &d->identifying_marks, &d->issue_date,    &d->expiry,
        &d->father_name,        &d->mother_name,       &d->spouse_name,   &d->old_id};
    for (size_t i = 0; i < sizeof s / sizeof s[0]; i++)
        free(*s[i]);
    free(d);
}

static const char *const field_names[N_FIELDS + 1] = {"",
                                                      "ID number",
                                                      "full name",
                                                      "date of birth",
                                                      "sex",
                                                      "nationality",
                                                      "ethnicity",
                                                      "religion",
                                                      "place of origin",
                                                      "place of residence",
                                                      "identifying marks",
                                                      "issue date",
                                                      "expiry",
                                                      "parents",
                                                      "spouse",
                                                      "old ID number"};

/* A copy of a string value (UTF8String or PrintableString), checked to be UTF-8 without NUL. */
static cccd_errc copy_string(const ASN1_STRING *s, long n, char **out, cccd_err *err) {
    int type = ASN1_STRING_type(s);
    if (type != V_ASN1_UTF8STRING && type != V_ASN1_PRINTABLESTRING)
        return cccd_err_set(err, CCCD_E_LDS_FORMAT, FILE_NAME,
                            "%s: field %ld (%s) is not a UTF8String or PrintableString", FILE_NAME,
                            n, field_names[n]);
    const char *data = (const char *)ASN1_STRING_get0_data(s);
    size_t len = (size_t)ASN1_STRING_length(s);
    if (!cccd_text_utf8_valid(data, len))
        return cccd_err_set(err, CCCD_E_LDS_FORMAT, FILE_NAME,
                            "%s: field %ld (%s) is not valid UTF-8", FILE_NAME, n, field_names[n]);
    char *c = malloc(len + 1);
    if (c == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, FILE_NAME, "%s: out of memory", FILE_NAME);
    memcpy(c, data, len);
    c[len] = '\0';
    *out = c;
    return CCCD_OK;
}

static cccd_errc parse_parents(const ASN1_TYPE *v, cccd_dg13 *d, cccd_err *err) {
    if (ASN1_TYPE_get(v) != V_ASN1_SEQUENCE)
        return cccd_err_set(err, CCCD_E_LDS_FORMAT, FILE_NAME,
                            "%s: field 13 (parents) is not a SEQUENCE of father and mother",
                            FILE_NAME);
    const ASN1_STRING *seq = v->value.sequence;
    const unsigned char *p = ASN1_STRING_get0_data(seq);
    long len = ASN1_STRING_length(seq);
    DG13_PARENTS *pp = (DG13_PARENTS *)ASN1_item_d2i(NULL, &p, len, ASN1_ITEM_rptr(DG13_PARENTS));
    if (pp == NULL || p != ASN1_STRING_get0_data(seq) + len) {
        ASN1_item_free((ASN1_VALUE *)pp, ASN1_ITEM_rptr(DG13_PARENTS));
        return cccd_err_set(err, CCCD_E_LDS_FORMAT, FILE_NAME,
                            "%s: field 13 (parents) is not SEQUENCE { UTF8String father, "
                            "UTF8String mother }",
                            FILE_NAME);
    }
    cccd_errc rc = copy_string(pp->father, 13, &d->father_name, err);
    if (rc == CCCD_OK)
        rc = copy_string(pp->mother, 13, &d->mother_name, err);
    ASN1_item_free((ASN1_VALUE *)pp, ASN1_ITEM_rptr(DG13_PARENTS));
    return rc;
}

static cccd_errc date_field(const char *text, long n, cccd_date *out, cccd_err *err) {
    /* dd/mm/yyyy (mm/yyyy or yyyy for a partial date of birth) */
    size_t len = strlen(text);
    bool shape =
        (len == 10 && text[2] == '/' && text[5] == '/') || (len == 7 && text[2] == '/') || len == 4;
    cccd_err derr;
    if (!shape || cccd_date_parse(text, field_names[n], out, &derr) != CCCD_OK ||
        (n != 3 && out->prec != CCCD_DATE_DAY))
        return cccd_err_set(err, CCCD_E_LDS_FORMAT, FILE_NAME,
                            "%s: field %ld (%s) '%.40s' is not a date dd/mm/yyyy", FILE_NAME, n,
                            field_names[n], text);
    return CCCD_OK;
}

/* The decoded values, once every field is read. */
static cccd_errc decode(cccd_dg13 *d, cccd_err *err) {
    cccd_errc rc;
    if ((rc = date_field(d->date_of_birth, 3, &d->birth, err)) != CCCD_OK ||
        (rc = date_field(d->issue_date, 11, &d->issued, err)) != CCCD_OK)
        return rc;
    if (strcmp(d->sex, "Nam") == 0)
        d->sex_code = 'M';
    else if (strcmp(d->sex, "Nữ") == 0)
        d->sex_code = 'F';
    else
        return cccd_err_set(err, CCCD_E_LDS_FORMAT, FILE_NAME,
                            "%s: field 4 (sex) '%.20s' is not Nam or Nữ", FILE_NAME, d->sex);
    if (strcmp(d->expiry, CCCD_CARD_NO_EXPIRY) == 0) {
        d->no_expiry = true;
        d->expiry_date = (cccd_date){0, 0, 0, CCCD_DATE_NONE};
    } else if ((rc = date_field(d->expiry, 12, &d->expiry_date, err)) != CCCD_OK) {
        return rc;
    }
    size_t idlen = strlen(d->personal_id);
    if (idlen != 12 || strspn(d->personal_id, "0123456789") != 12)
        return cccd_err_set(err, CCCD_E_LDS_FORMAT, FILE_NAME,
                            "%s: field 1 (ID number) '%.20s' is not 12 digits", FILE_NAME,
                            d->personal_id);
    return CCCD_OK;
}

cccd_errc cccd_lds_dg13_parse(const unsigned char *file, size_t len, cccd_dg13 **out,
                              cccd_err *err) {
    *out = NULL;
    const unsigned char *c;
    size_t clen;
    cccd_errc rc = lds_file_open(file, len, CCCD_LDS_TAG_DG13, FILE_NAME, &c, &clen, err);
    if (rc != CCCD_OK)
        return rc;
    const unsigned char *p = c;
    DG13 *asn = (DG13 *)ASN1_item_d2i(NULL, &p, (long)clen, ASN1_ITEM_rptr(DG13));
    if (asn == NULL)
        return cccd_err_set(err, CCCD_E_LDS_FORMAT, FILE_NAME,
                            "%s: not SEQUENCE { INTEGER, OBJECT IDENTIFIER, SET OF SEQUENCE { "
                            "INTEGER, value } } (cut short or altered?)",
                            FILE_NAME);
    if (p != c + clen) {
        ASN1_item_free((ASN1_VALUE *)asn, ASN1_ITEM_rptr(DG13));
        return cccd_err_set(err, CCCD_E_LDS_FORMAT, FILE_NAME,
                            "%s: %zu unexpected bytes after the details", FILE_NAME,
                            (size_t)(c + clen - p));
    }
    cccd_dg13 *d = calloc(1, sizeof *d);
    if (d == NULL) {
        ASN1_item_free((ASN1_VALUE *)asn, ASN1_ITEM_rptr(DG13));
        return cccd_err_set(err, CCCD_E_NOMEM, FILE_NAME, "%s: out of memory", FILE_NAME);
    }
    char **slot[N_FIELDS + 1] = {NULL,
                                 &d->personal_id,
                                 &d->full_name,
                                 &d->date_of_birth,
                                 &d->sex,
                                 &d->nationality,
                                 &d->ethnicity,
                                 &d->religion,
                                 &d->place_of_origin,
                                 &d->place_of_residence,
                                 &d->identifying_marks,
                                 &d->issue_date,
                                 &d->expiry,
                                 NULL,
                                 &d->spouse_name,
                                 &d->old_id};
    bool seen[N_FIELDS + 1] = {false};
    char oid[64];
    int64_t version = 0;
    if (!ASN1_INTEGER_get_int64(&version, asn->version) || version != 1)
        rc = cccd_err_set(err, CCCD_E_LDS_FORMAT, FILE_NAME, "%s: version is not 1", FILE_NAME);
    else if (OBJ_obj2txt(oid, sizeof oid, asn->oid, 1) <= 0 || strcmp(oid, CCCD_DG13_OID) != 0)
        rc =
            cccd_err_set(err, CCCD_E_LDS_FORMAT, FILE_NAME,
                         "%s: object identifier %.40s, expected %s", FILE_NAME, oid, CCCD_DG13_OID);
    for (int i = 0; rc == CCCD_OK && i < sk_DG13_FIELD_num(asn->fields); i++) {
        const DG13_FIELD *f = sk_DG13_FIELD_value(asn->fields, i);
        int64_t n = 0;
        if (!ASN1_INTEGER_get_int64(&n, f->n) || n < 1) {
            rc = cccd_err_set(err, CCCD_E_LDS_FORMAT, FILE_NAME,
                              "%s: a field number is not a positive integer", FILE_NAME);
            break;
        }
        if (n > N_FIELDS)
            continue; /* 16 (a card serial, uncertain) and later: not ours to read */
        if (seen[n]) {
            rc = cccd_err_set(err, CCCD_E_LDS_FORMAT, FILE_NAME, "%s: field %ld (%s) appears twice",
                              FILE_NAME, (long)n, field_names[n]);
            break;
        }
        seen[n] = true;
        if (n == 13) {
            rc = parse_parents(f->value, d, err);
            continue;
        }
        int t = ASN1_TYPE_get(f->value);
        if (t != V_ASN1_UTF8STRING && t != V_ASN1_PRINTABLESTRING) {
            rc = cccd_err_set(err, CCCD_E_LDS_FORMAT, FILE_NAME,
                              "%s: field %ld (%s) is not a UTF8String or PrintableString",
                              FILE_NAME, (long)n, field_names[n]);
            break;
        }
        rc = copy_string(f->value->value.asn1_string, (long)n, slot[n], err);
    }
    ASN1_item_free((ASN1_VALUE *)asn, ASN1_ITEM_rptr(DG13));
    for (int n = 1; rc == CCCD_OK && n <= 12; n++)
        if (!seen[n])
            rc = cccd_err_set(err, CCCD_E_LDS_FORMAT, FILE_NAME, "%s: field %d (%s) is missing",
                              FILE_NAME, n, field_names[n]);
    /* absent optional fields read as "" */
    char **opt[] = {&d->father_name, &d->mother_name, &d->spouse_name, &d->old_id};
    for (size_t i = 0; rc == CCCD_OK && i < sizeof opt / sizeof opt[0]; i++)
        if (*opt[i] == NULL && (*opt[i] = calloc(1, 1)) == NULL)
            rc = cccd_err_set(err, CCCD_E_NOMEM, FILE_NAME, "%s: out of memory", FILE_NAME);
    if (rc == CCCD_OK)
        rc = decode(d, err);
    if (rc != CCCD_OK) {
        cccd_dg13_free(d);
        return rc;
    }
    *out = d;
    return CCCD_OK;
}
