/*
 * lds_dg1.c: EF.DG1, the MRZ as the chip holds it (lds.h): the 90 characters of the card's
 * TD1 zone built by core/mrz.c, so the printed back and the chip cannot disagree; and reading
 * it back through the same MRZ parser, every check digit verified.
 */
#include <openssl/asn1.h>
#include <string.h>

#include "chip/lds.h"
#include "chip/lds_internal.h"

#define FILE_NAME "EF.DG1"
#define MRZ_CHARS (CCCD_MRZ_LINES * CCCD_MRZ_LINE_LEN)

cccd_errc cccd_lds_dg1_encode(const cccd_card_data *card, unsigned char **out, size_t *len,
                              cccd_err *err) {
    *out = NULL;
    *len = 0;
    cccd_mrz mrz;
    cccd_errc rc = cccd_card_mrz(card, &mrz, err);
    if (rc != CCCD_OK)
        return rc;
    char text[MRZ_CHARS];
    for (int i = 0; i < CCCD_MRZ_LINES; i++)
        memcpy(text + i * CCCD_MRZ_LINE_LEN, mrz.line[i], CCCD_MRZ_LINE_LEN);
    lds_buf b = {0};
    lds_buf_tlv(&b, false, 0x1F, V_ASN1_APPLICATION, text, MRZ_CHARS); /* 5F1F */
    lds_buf_wrap(&b, 0x01, V_ASN1_APPLICATION);                        /* 61 */
    return lds_buf_finish(&b, out, len, FILE_NAME, err);
}

cccd_errc cccd_lds_dg1_parse(const unsigned char *file, size_t len, const cccd_date *today,
                             cccd_mrz_fields *out, cccd_err *err) {
    memset(out, 0, sizeof *out);
    const unsigned char *c, *v;
    size_t clen, vlen;
    cccd_errc rc = lds_file_open(file, len, CCCD_LDS_TAG_DG1, FILE_NAME, &c, &clen, err);
    if (rc != CCCD_OK)
        return rc;
    const unsigned char *p = c, *end = c + clen;
    if ((rc = lds_tlv_read(&p, end, file, 0x1F, V_ASN1_APPLICATION, false, FILE_NAME,
                           "the MRZ (5F1F)", &v, &vlen, err)) != CCCD_OK)
        return rc;
    if (p != end)
        return cccd_err_set(err, CCCD_E_LDS_FORMAT, FILE_NAME,
                            "%s: %zu unexpected bytes after the MRZ", FILE_NAME, (size_t)(end - p));
    if (vlen != MRZ_CHARS)
        return cccd_err_set(err, CCCD_E_LDS_FORMAT, FILE_NAME,
                            "%s: the MRZ has %zu characters, a TD1 card has %d", FILE_NAME, vlen,
                            MRZ_CHARS);
    cccd_err merr;
    rc = cccd_mrz_parse_dg1((const char *)v, vlen, today, out, &merr);
    if (rc != CCCD_OK) {
        cccd_err_set_pos(err, rc, FILE_NAME, merr.pos, "%s: %s", FILE_NAME, merr.msg);
        if (rc == CCCD_E_MRZ_SHAPE)
            memset(out, 0, sizeof *out);
    }
    return rc;
}
