/*
 * lds_check.c: what a verifier computes over the chip's files besides parsing them (lds.h):
 * the SHA-256 of a data group for the SOD, and the agreement of DG1's MRZ with DG13's details.
 * Kept apart from the encoders because the verifier's side is written against what was read,
 * never against the card data that produced it.
 */
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>

#include "chip/lds.h"

cccd_errc cccd_lds_sha256(const unsigned char *file, size_t len, unsigned char out[32]) {
    unsigned int n = 0;
    if ((file == NULL && len > 0) || EVP_Digest(file, len, out, &n, EVP_sha256(), NULL) != 1 ||
        n != 32)
        return CCCD_E_INTERNAL;
    return CCCD_OK;
}

/* The YYMMDD the MRZ writes for a date ('<' for unknown parts), into buf[7]. */
static void mrz_date(cccd_date d, char buf[7]) {
    if (d.prec == CCCD_DATE_NONE) {
        memcpy(buf, "<<<<<<", 7);
        return;
    }
    snprintf(buf, 7, "%02d", d.y % 100);
    if (d.prec >= CCCD_DATE_MONTH)
        snprintf(buf + 2, 5, "%02d", d.m);
    else
        memcpy(buf + 2, "<<", 3);
    if (d.prec == CCCD_DATE_DAY)
        snprintf(buf + 4, 3, "%02d", d.d);
    else
        memcpy(buf + 4, "<<", 3);
}

static cccd_errc mismatch(cccd_err *err, const char *what, const char *dg13, const char *dg1) {
    return cccd_err_set(err, CCCD_E_LDS_MISMATCH, "EF.DG13",
                        "EF.DG13 %s '%.60s' disagrees with EF.DG1's MRZ '%.40s'", what, dg13, dg1);
}

cccd_errc cccd_lds_cross_check(const cccd_mrz_fields *dg1, const cccd_dg13 *dg13, cccd_err *err) {
    /* 1. every check digit of the MRZ */
    for (int k = 0; k < CCCD_MRZ_CHECK__COUNT; k++) {
        const cccd_mrz_verdict *v = &dg1->checks[k];
        if (!v->ok)
            return cccd_err_set_pos(err, CCCD_E_MRZ_CHECK, "EF.DG1", (size_t)v->column,
                                    "EF.DG1: the %s check digit (line %d, column %d) is '%c', "
                                    "computed '%c'",
                                    cccd_mrz_check_label(k), v->line, v->column, v->found,
                                    v->computed);
    }
    if (!dg1->valid)
        return cccd_err_set(err, CCCD_E_MRZ_FIELD, "EF.DG1", "EF.DG1: the MRZ is not valid");
    /* 2. the ID number: DG1 carries all 12 digits and its last 9 as the document number */
    const char *id = dg13->personal_id;
    if (strcmp(dg1->personal_id, id) != 0)
        return mismatch(err, "ID number", id, dg1->personal_id);
    size_t idlen = strlen(id);
    if (idlen < 9 || strcmp(dg1->document_number, id + idlen - 9) != 0)
        return mismatch(err, "ID number (last 9 digits = document number)", id,
                        dg1->document_number);
    /* 3. date of birth, as written in the MRZ (two-digit year, '<' for unknown parts) */
    char want[7], got[7];
    mrz_date(dg13->birth, want);
    memcpy(got, dg1->mrz.line[1], 6);
    got[6] = '\0';
    if (strcmp(want, got) != 0)
        return mismatch(err, "date of birth", dg13->date_of_birth, got);
    if (dg1->birth.prec != CCCD_DATE_NONE && dg1->birth.y != dg13->birth.y)
        return mismatch(err, "year of birth", dg13->date_of_birth, got);
    /* 4. sex */
    if (dg1->sex != dg13->sex_code) {
        char s[2] = {dg1->sex, '\0'};
        return mismatch(err, "sex", dg13->sex, s);
    }
    /* 5. expiry, or no expiry */
    memcpy(got, dg1->mrz.line[1] + 8, 6);
    got[6] = '\0';
    if (dg13->no_expiry != dg1->no_expiry)
        return mismatch(err, "expiry", dg13->expiry, got);
    if (!dg13->no_expiry) {
        mrz_date(dg13->expiry_date, want);
        if (strcmp(want, got) != 0)
            return mismatch(err, "expiry", dg13->expiry, got);
    }
    /* 6. the name, transliterated and truncated as the MRZ writes it */
    char line3[CCCD_MRZ_LINE_LEN + 1];
    cccd_err nerr;
    if (cccd_mrz_name_line_full(dg13->full_name, "full_name", line3, NULL, &nerr) != CCCD_OK)
        return cccd_err_set(err, CCCD_E_LDS_MISMATCH, "EF.DG13",
                            "EF.DG13 full name cannot be written in an MRZ: %s", nerr.msg);
    if (strcmp(line3, dg1->mrz.line[2]) != 0)
        return mismatch(err, "full name", dg13->full_name, dg1->mrz.line[2]);
    return CCCD_OK;
}
