/*
 * fuzz_mrz.c: libFuzzer target for the MRZ parser (core/mrz.c). It exists because the parser
 * reads text from scanners and chips that nobody controls: whatever the bytes, it must not
 * crash, read out of bounds or leak, and what it reports must be self-consistent.
 * The input goes to cccd_mrz_parse (with and without "today") and cccd_mrz_parse_dg1; a valid
 * parse must be rebuilt into the same lines; the same bytes are also tried as a name.
 * All memory is owned here and released before returning.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/mrz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_result(cccd_errc rc, const cccd_mrz_fields *f, const cccd_err *err) {
    if (rc == CCCD_OK) {
        if (!f->valid)
            abort();
        char seed[CCCD_MRZ_BAC_SEED_LEN + 1];
        cccd_mrz_bac_seed(&f->mrz, seed);
        if (strlen(seed) != CCCD_MRZ_BAC_SEED_LEN)
            abort();
        for (int k = 0; k < CCCD_MRZ_CHECK__COUNT; k++)
            if (!f->checks[k].ok)
                abort();
    } else {
        if (f->valid || err->code != rc || err->msg[0] == '\0')
            abort();
        if (rc != CCCD_E_MRZ_SHAPE && (err->pos < 1 || err->pos > CCCD_MRZ_LINE_LEN))
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *text = (const char *)data;
    cccd_mrz_fields f;
    cccd_err err;
    cccd_errc rc = cccd_mrz_parse(text, size, NULL, &f, &err);
    check_result(rc, &f, &err);

    if (rc == CCCD_OK && f.personal_id[0] != '\0' && f.birth.prec != CCCD_DATE_NONE &&
        strlen(f.document_number) == 9 && strcmp(f.optional_data2, "<<<<<<<<<<<") == 0 &&
        !(f.no_expiry && f.mrz.line[1][14] == '0')) {
        /* a valid MRZ in the layout the builder writes: lines 1 and 2 are rebuilt identically
         * from the decoded fields (line 3 depends on the name, rebuilt separately) */
        cccd_mrz_card card = {.personal_id = f.personal_id,
                              .document_number = f.document_number,
                              .birth = f.birth,
                              .sex = f.sex,
                              .expiry = f.expiry,
                              .nationality = f.nationality,
                              .surname = f.surname,
                              .given_names = f.given_names};
        cccd_mrz m;
        if (cccd_mrz_build(&card, &m, NULL, &err) == CCCD_OK &&
            (strcmp(m.line[0], f.mrz.line[0]) != 0 || strcmp(m.line[1], f.mrz.line[1]) != 0))
            abort();
    }

    cccd_date today = {2025, 6, 1, CCCD_DATE_DAY};
    check_result(cccd_mrz_parse(text, size, &today, &f, &err), &f, &err);
    check_result(cccd_mrz_parse_dg1(text, size, &today, &f, &err), &f, &err);

    /* the bytes as a (possibly invalid UTF-8) full name */
    char *name = malloc(size + 1);
    if (name == NULL)
        return 0;
    memcpy(name, data, size);
    name[size] = '\0';
    char line[CCCD_MRZ_LINE_LEN + 1];
    bool truncated;
    if (cccd_mrz_name_line_full(name, "full_name", line, &truncated, &err) == CCCD_OK) {
        if (strlen(line) != CCCD_MRZ_LINE_LEN || line[0] < 'A' || line[0] > 'Z')
            abort();
        for (int i = 0; i < CCCD_MRZ_LINE_LEN; i++)
            if (cccd_mrz_char_value(line[i]) < 0 || (line[i] >= '0' && line[i] <= '9'))
                abort();
    }
    free(name);
    return 0;
}
