/*
 * lds_com.c: EF.COM, the chip's table of contents (lds.h): the LDS and Unicode versions and the
 * tags of the data groups present, which a reader consults before selecting any file.
 */
#include <openssl/asn1.h>
#include <string.h>

#include "chip/lds.h"
#include "chip/lds_internal.h"

#define FILE_NAME "EF.COM"

cccd_errc cccd_lds_com_encode(const int *dg, size_t n, unsigned char **out, size_t *len,
                              cccd_err *err) {
    *out = NULL;
    *len = 0;
    if (n == 0 || n > CCCD_LDS_MAX_DGS)
        return cccd_err_set(err, CCCD_E_ARG, FILE_NAME, "%s: list 1 to %d data groups", FILE_NAME,
                            CCCD_LDS_MAX_DGS);
    unsigned char tags[CCCD_LDS_MAX_DGS];
    for (size_t i = 0; i < n; i++) {
        int t = cccd_lds_dg_tag(dg[i]);
        if (t < 0)
            return cccd_err_set(err, CCCD_E_ARG, FILE_NAME, "%s: no data group %d", FILE_NAME,
                                dg[i]);
        for (size_t j = 0; j < i; j++)
            if (dg[j] == dg[i])
                return cccd_err_set(err, CCCD_E_ARG, FILE_NAME, "%s: data group %d listed twice",
                                    FILE_NAME, dg[i]);
        tags[i] = (unsigned char)t;
    }
    lds_buf b = {0};
    static const unsigned char tag_5f01[2] = {0x5F, 0x01};
    lds_buf_tlv_tagbytes(&b, tag_5f01, 2, CCCD_LDS_VERSION, 4);                    /* 5F01 */
    lds_buf_tlv(&b, false, 0x36, V_ASN1_APPLICATION, CCCD_LDS_UNICODE_VERSION, 6); /* 5F36 */
    lds_buf_tlv(&b, false, 0x1C, V_ASN1_APPLICATION, tags, n);                     /* 5C */
    lds_buf_wrap(&b, 0x00, V_ASN1_APPLICATION);                                    /* 60 */
    return lds_buf_finish(&b, out, len, FILE_NAME, err);
}

static bool digits(const unsigned char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

cccd_errc cccd_lds_com_parse(const unsigned char *file, size_t len, cccd_lds_com *out,
                             cccd_err *err) {
    memset(out, 0, sizeof *out);
    const unsigned char *c, *v;
    size_t clen, vlen;
    cccd_errc rc = lds_file_open(file, len, CCCD_LDS_TAG_COM, FILE_NAME, &c, &clen, err);
    if (rc != CCCD_OK)
        return rc;
    const unsigned char *p = c, *end = c + clen;
    if ((rc = lds_tlv_read(&p, end, file, 0x01, V_ASN1_APPLICATION, false, FILE_NAME,
                           "the LDS version (5F01)", &v, &vlen, err)) != CCCD_OK)
        return rc;
    if (vlen != 4 || !digits(v, 4))
        return cccd_err_set(err, CCCD_E_LDS_FORMAT, FILE_NAME,
                            "%s: the LDS version is not 4 digits", FILE_NAME);
    memcpy(out->lds_version, v, 4);
    if ((rc = lds_tlv_read(&p, end, file, 0x36, V_ASN1_APPLICATION, false, FILE_NAME,
                           "the Unicode version (5F36)", &v, &vlen, err)) != CCCD_OK)
        return rc;
    if (vlen != 6 || !digits(v, 6))
        return cccd_err_set(err, CCCD_E_LDS_FORMAT, FILE_NAME,
                            "%s: the Unicode version is not 6 digits", FILE_NAME);
    memcpy(out->unicode_version, v, 6);
    if ((rc = lds_tlv_read(&p, end, file, 0x1C, V_ASN1_APPLICATION, false, FILE_NAME,
                           "the tag list (5C)", &v, &vlen, err)) != CCCD_OK)
        return rc;
    if (p != end)
        return cccd_err_set(err, CCCD_E_LDS_FORMAT, FILE_NAME,
                            "%s: %zu unexpected bytes after the tag list", FILE_NAME,
                            (size_t)(end - p));
    if (vlen == 0 || vlen > CCCD_LDS_MAX_DGS)
        return cccd_err_set(err, CCCD_E_LDS_FORMAT, FILE_NAME,
                            "%s: the tag list has %zu entries (1 to %d)", FILE_NAME, vlen,
                            CCCD_LDS_MAX_DGS);
    for (size_t i = 0; i < vlen; i++) {
        int dg = cccd_lds_tag_dg(v[i]);
        if (dg < 0)
            return cccd_err_set(err, CCCD_E_LDS_FORMAT, FILE_NAME,
                                "%s: tag %02X in the list is not a data group", FILE_NAME, v[i]);
        for (size_t j = 0; j < i; j++)
            if (out->dg[j] == dg)
                return cccd_err_set(err, CCCD_E_LDS_FORMAT, FILE_NAME,
                                    "%s: data group %d listed twice", FILE_NAME, dg);
        out->dg[i] = dg;
    }
    out->n_dg = vlen;
    return CCCD_OK;
}
