/*
 * fuzz_lds.c: libFuzzer target for the parsers of the chip's files EF.COM, EF.DG1 and EF.DG2
 * (chip/lds.h), which read bytes from chips nobody here controls. Whatever the bytes, no crash,
 * no out-of-bounds read, no leak; and what a parser accepts is self-consistent: EF.COM's groups
 * are known and distinct, a DG1 that parses has a valid MRZ and encodes back to the same file
 * when its fields allow, a DG2's JPEG lies inside the file with the recorded size.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chip/lds.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    cccd_err err;
    cccd_lds_com com;
    if (cccd_lds_com_parse(data, size, &com, &err) == CCCD_OK) {
        if (com.n_dg == 0 || com.n_dg > CCCD_LDS_MAX_DGS)
            abort();
        for (size_t i = 0; i < com.n_dg; i++)
            if (cccd_lds_dg_tag(com.dg[i]) < 0)
                abort();
        unsigned char *again;
        size_t len;
        /* EF.COM written for the same groups is these bytes when the versions are ours */
        if (strcmp(com.lds_version, CCCD_LDS_VERSION) == 0 &&
            strcmp(com.unicode_version, CCCD_LDS_UNICODE_VERSION) == 0 && data[2] == 0x5F &&
            cccd_lds_com_encode(com.dg, com.n_dg, &again, &len, &err) == CCCD_OK) {
            if (len == size && memcmp(again, data, len) != 0)
                abort();
            free(again);
        }
    } else if (err.msg[0] == '\0') {
        abort();
    }

    cccd_mrz_fields m;
    cccd_date today = {2025, 6, 1, CCCD_DATE_DAY};
    cccd_errc rc = cccd_lds_dg1_parse(data, size, &today, &m, &err);
    if (rc == CCCD_OK && !m.valid)
        abort();
    if (rc != CCCD_OK && (err.code != rc || strncmp(err.msg, "EF.DG1: ", 8) != 0))
        abort();

    cccd_lds_face face;
    rc = cccd_lds_dg2_parse(data, size, &face, &err);
    if (rc == CCCD_OK) {
        if (face.jpeg < data || face.jpeg + face.jpeg_len > data + size || face.width < 1 ||
            face.height < 1)
            abort();
    } else if (err.code != rc || strncmp(err.msg, "EF.DG2: ", 8) != 0) {
        abort();
    }
    unsigned char h[32];
    if (cccd_lds_sha256(data, size, h) != CCCD_OK)
        abort();
    return 0;
}
