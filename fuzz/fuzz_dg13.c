/*
 * fuzz_dg13.c: libFuzzer target for the EF.DG13 parser (chip/lds.h), which decodes ASN.1 from
 * the chip with OpenSSL's templates. Whatever the bytes: no crash, no leak, an error message
 * naming the file; and a DG13 that parses and makes a valid card encodes to a DG13 that parses
 * to the same fields.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chip/lds.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    cccd_err err;
    cccd_dg13 *d;
    cccd_errc rc = cccd_lds_dg13_parse(data, size, &d, &err);
    if (rc != CCCD_OK) {
        if (d != NULL || err.code != rc || strncmp(err.msg, "EF.DG13: ", 9) != 0)
            abort();
        return 0;
    }
    if (d->sex_code != 'M' && d->sex_code != 'F')
        abort();
    cccd_card_data c = {.personal_id = d->personal_id,
                        .full_name = d->full_name,
                        .birth = d->birth,
                        .sex = d->sex_code,
                        .nationality = d->nationality,
                        .ethnicity = d->ethnicity,
                        .religion = d->religion,
                        .place_of_origin = d->place_of_origin,
                        .place_of_residence = d->place_of_residence,
                        .identifying_marks = d->identifying_marks,
                        .issued = d->issued,
                        .expiry = d->expiry_date,
                        .father_name = d->father_name,
                        .mother_name = d->mother_name,
                        .spouse_name = d->spouse_name,
                        .old_id = d->old_id};
    unsigned char *f;
    size_t len;
    if (cccd_lds_dg13_encode(&c, &f, &len, &err) == CCCD_OK) {
        cccd_dg13 *e;
        if (cccd_lds_dg13_parse(f, len, &e, &err) != CCCD_OK)
            abort();
        if (strcmp(e->full_name, d->full_name) != 0 ||
            strcmp(e->place_of_residence, d->place_of_residence) != 0 ||
            strcmp(e->mother_name, d->mother_name) != 0 || e->no_expiry != d->no_expiry ||
            cccd_date_cmp(cccd_date_earliest(e->birth), cccd_date_earliest(d->birth)) != 0)
            abort();
        cccd_dg13_free(e);
        free(f);
    }
    cccd_dg13_free(d);
    return 0;
}
