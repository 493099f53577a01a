/*
 * lds_dg2.c: EF.DG2, the portrait on the chip (lds.h): the JPEG inside an ISO/IEC 19794-5
 * face record inside the ICAO biometric information template. Border-control readers
 * display this image next to the traveller, so its record must say exactly how long it is and
 * how large the image is; the parser refuses any length that does not match the bytes.
 *
 * The face record (big-endian):
 *   header   "FAC\0" "010\0", record length (4), number of faces (2)            14 bytes
 *   facial information: block length (4), feature points (2), gender (1), eye colour (1),
 *            hair colour (1), feature mask (3), expression (2), pose angles (3),
 *            pose angle uncertainty (3)                                         20 bytes
 *   image information: face image type (1), image data type (1), width (2), height (2),
 *            colour space (1), source type (1), device type (2), quality (2)    12 bytes
 *   the JPEG
 */
#include <openssl/asn1.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <turbojpeg.h>

#include "chip/lds.h"
#include "chip/lds_internal.h"

#define FILE_NAME "EF.DG2"
#define HEADER_LEN 14
#define FACIAL_LEN 20
#define IMAGE_LEN 12
#define RECORD_FIXED (HEADER_LEN + FACIAL_LEN + IMAGE_LEN)

static void put16(unsigned char *p, unsigned v) {
    p[0] = (unsigned char)(v >> 8);
    p[1] = (unsigned char)v;
}

static void put32(unsigned char *p, uint32_t v) {
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

static unsigned get16(const unsigned char *p) {
    return (unsigned)p[0] << 8 | p[1];
}

static uint32_t get32(const unsigned char *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The JPEG's size and whether it is grayscale, from its header. */
static cccd_errc jpeg_header(const unsigned char *jpeg, size_t len, int *w, int *h, bool *gray,
                             cccd_err *err) {
    if (jpeg == NULL || len < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
        return cccd_err_set(err, CCCD_E_PHOTO_FORMAT, "portrait",
                            "the portrait is missing or not a JPEG file");
    tjhandle tj = tjInitDecompress();
    if (tj == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, "portrait", "cannot start the JPEG decoder");
    int subsamp, cs;
    cccd_errc rc = CCCD_OK;
    if (tjDecompressHeader3(tj, jpeg, (unsigned long)len, w, h, &subsamp, &cs) != 0)
        rc = cccd_err_set(err, CCCD_E_PHOTO_FORMAT, "portrait",
                          "the portrait is not a readable JPEG (%s)", tjGetErrorStr2(tj));
    else if (*w < 1 || *h < 1 || *w > 0xFFFF || *h > 0xFFFF)
        rc = cccd_err_set(err, CCCD_E_PHOTO_FORMAT, "portrait",
                          "the portrait's size %dx%d cannot be recorded", *w, *h);
    else
        *gray = cs == TJCS_GRAY;
    tjDestroy(tj);
    return rc;
}

cccd_errc cccd_lds_dg2_encode(const cccd_card_data *card, unsigned char **out, size_t *len,
                              cccd_err *err) {
    *out = NULL;
    *len = 0;
    int w = 0, h = 0;
    bool gray = false;
    cccd_errc rc = jpeg_header(card->portrait, card->portrait_len, &w, &h, &gray, err);
    if (rc != CCCD_OK)
        return rc;
    if (card->portrait_len > LDS_MAX_CONTENT)
        return cccd_err_set(err, CCCD_E_TOO_LONG, "portrait",
                            "the portrait (%zu bytes) is too large for the chip",
                            card->portrait_len);
    unsigned char fixed[RECORD_FIXED] = {0};
    unsigned char *q = fixed;
    memcpy(q,
           "FAC\0"
           "010\0",
           8);
    put32(q + 8, (uint32_t)(RECORD_FIXED + card->portrait_len));
    put16(q + 12, 1);
    q += HEADER_LEN;
    put32(q, (uint32_t)(FACIAL_LEN + IMAGE_LEN + card->portrait_len));
    /* feature points 0; eye and hair colour, feature mask, expression, pose: 0 = unspecified */
    q[6] = card->sex == 'M'   ? CCCD_FACE_GENDER_MALE
           : card->sex == 'F' ? CCCD_FACE_GENDER_FEMALE
                              : CCCD_FACE_GENDER_UNSPECIFIED;
    q += FACIAL_LEN;
    q[0] = CCCD_FACE_TYPE_FULL_FRONTAL;
    q[1] = CCCD_FACE_DATA_JPEG;
    put16(q + 2, (unsigned)w);
    put16(q + 4, (unsigned)h);
    q[6] = gray ? CCCD_FACE_COLOR_GRAY8 : CCCD_FACE_COLOR_RGB24;
    q[7] = CCCD_FACE_SOURCE_DIGITAL_CAMERA;
    /* device type 0 (unspecified), quality 0 (unspecified) */

    static const unsigned char owner[2] = {0x01, 0x01}, type[2] = {0x00, 0x08}, count = 1;
    lds_buf hdr = {0}, rec = {0}, b = {0};
    lds_buf_tlv(&hdr, false, 7, V_ASN1_CONTEXT_SPECIFIC, owner, 2); /* 87 format owner */
    lds_buf_tlv(&hdr, false, 8, V_ASN1_CONTEXT_SPECIFIC, type, 2);  /* 88 format type */
    lds_buf_wrap(&hdr, 1, V_ASN1_CONTEXT_SPECIFIC);                 /* A1 */
    lds_buf_put(&rec, fixed, RECORD_FIXED);
    lds_buf_put(&rec, card->portrait, card->portrait_len);
    lds_buf_tlv(&hdr, false, 0x2E, V_ASN1_APPLICATION, rec.data, rec.len); /* 5F2E */
    lds_buf_wrap(&hdr, 0x60, V_ASN1_APPLICATION);                          /* 7F60 */
    lds_buf_tlv(&b, false, V_ASN1_INTEGER, V_ASN1_UNIVERSAL, &count, 1);   /* 02 01 01 */
    lds_buf_put(&b, hdr.data, hdr.len);
    b.nomem |= hdr.nomem || rec.nomem;
    free(hdr.data);
    free(rec.data);
    lds_buf_wrap(&b, 0x61, V_ASN1_APPLICATION); /* 7F61 */
    lds_buf_wrap(&b, 0x15, V_ASN1_APPLICATION); /* 75 */
    return lds_buf_finish(&b, out, len, FILE_NAME, err);
}

static cccd_errc bad(cccd_err *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* CCCD_E_LDS_FORMAT with "EF.DG2: " before the message. */
static cccd_errc bad(cccd_err *err, const char *fmt, ...) {
    char msg[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return cccd_err_set(err, CCCD_E_LDS_FORMAT, FILE_NAME, "%s: %s", FILE_NAME, msg);
}

cccd_errc cccd_lds_dg2_parse(const unsigned char *file, size_t len, cccd_lds_face *out,
                             cccd_err *err) {
    memset(out, 0, sizeof *out);
    const unsigned char *c, *v, *t, *hdr, *rec;
    size_t clen, vlen, tlen, hlen, rlen;
    cccd_errc rc = lds_file_open(file, len, CCCD_LDS_TAG_DG2, FILE_NAME, &c, &clen, err);
    if (rc != CCCD_OK)
        return rc;
    const unsigned char *p = c, *end = c + clen;
    if ((rc = lds_tlv_read(&p, end, file, 0x61, V_ASN1_APPLICATION, true, FILE_NAME,
                           "the biometric information group template (7F61)", &t, &tlen, err)) !=
        CCCD_OK)
        return rc;
    if (p != end)
        return bad(err, "%zu unexpected bytes after the template group", (size_t)(end - p));
    p = t;
    end = t + tlen;
    if ((rc = lds_tlv_read(&p, end, file, V_ASN1_INTEGER, V_ASN1_UNIVERSAL, false, FILE_NAME,
                           "the number of templates (02)", &v, &vlen, err)) != CCCD_OK)
        return rc;
    if (vlen != 1 || v[0] != 1)
        return bad(err, "%d biometric templates: exactly one face is expected",
                   vlen == 1 ? v[0] : -1);
    if ((rc = lds_tlv_read(&p, end, file, 0x60, V_ASN1_APPLICATION, true, FILE_NAME,
                           "the biometric information template (7F60)", &t, &tlen, err)) != CCCD_OK)
        return rc;
    if (p != end)
        return bad(err, "%zu unexpected bytes after the template", (size_t)(end - p));
    p = t;
    end = t + tlen;
    if ((rc = lds_tlv_read(&p, end, file, 1, V_ASN1_CONTEXT_SPECIFIC, true, FILE_NAME,
                           "the biometric header template (A1)", &hdr, &hlen, err)) != CCCD_OK)
        return rc;
    if ((rc = lds_tlv_read(&p, end, file, 0x2E, V_ASN1_APPLICATION, false, FILE_NAME,
                           "the biometric data block (5F2E)", &rec, &rlen, err)) != CCCD_OK)
        return rc;
    if (p != end)
        return bad(err, "%zu unexpected bytes after the biometric data block", (size_t)(end - p));
    /* the header template: format owner 0101 and format type 0008 must be there */
    bool owner = false, type = false;
    const unsigned char *hp = hdr, *hend = hdr + hlen;
    while (hp < hend) {
        const unsigned char *q = hp;
        long l;
        int tg, cls;
        int ret = ASN1_get_object(&q, &l, &tg, &cls, hend - hp);
        if ((ret & 0x80) || ret == 0x21 || cls != V_ASN1_CONTEXT_SPECIFIC)
            return bad(err, "the biometric header template is malformed at byte %zu",
                       (size_t)(hp - file));
        if (tg == 7)
            owner = l == 2 && q[0] == 0x01 && q[1] == 0x01;
        if (tg == 8)
            type = l == 2 && q[0] == 0x00 && q[1] == 0x08;
        hp = q + l;
    }
    if (!owner || !type)
        return bad(err, "the header must give format owner 0101 (87) and format type 0008 (88)");
    /* the face record */
    if (rlen < RECORD_FIXED)
        return bad(err, "the face record has %zu bytes, at least %d are needed", rlen,
                   RECORD_FIXED);
    if (memcmp(rec,
               "FAC\0"
               "010\0",
               8) != 0)
        return bad(err, "the face record does not start with \"FAC\\0\" \"010\\0\"");
    uint32_t rec_len = get32(rec + 8);
    if (rec_len != rlen)
        return bad(err, "the face record says it is %lu bytes long, the data block holds %zu",
                   (unsigned long)rec_len, rlen);
    if (get16(rec + 12) != 1)
        return bad(err, "the face record holds %u faces, exactly one is expected", get16(rec + 12));
    const unsigned char *f = rec + HEADER_LEN;
    uint32_t block_len = get32(f);
    if (block_len != rlen - HEADER_LEN)
        return bad(err, "the face block says it is %lu bytes long, %zu follow the header",
                   (unsigned long)block_len, rlen - HEADER_LEN);
    size_t points = get16(f + 4); /* 8 bytes each, between the two blocks */
    if (rlen - RECORD_FIXED < 8 * points)
        return bad(err, "%zu feature points do not fit in the face record", points);
    out->gender = f[6];
    const unsigned char *im = f + FACIAL_LEN + 8 * points;
    out->face_type = im[0];
    out->data_type = im[1];
    out->width = (int)get16(im + 2);
    out->height = (int)get16(im + 4);
    out->color_space = im[6];
    out->source_type = im[7];
    out->device_type = (int)get16(im + 8);
    out->quality = (int)get16(im + 10);
    if (out->data_type != CCCD_FACE_DATA_JPEG)
        return bad(err, "image data type %d: only JPEG (0) is expected", out->data_type);
    const unsigned char *jpeg = im + IMAGE_LEN;
    size_t jlen = rlen - RECORD_FIXED - 8 * points;
    int w, h;
    bool gray;
    cccd_err jerr;
    if (jpeg_header(jpeg, jlen, &w, &h, &gray, &jerr) != CCCD_OK)
        return cccd_err_set(err, CCCD_E_LDS_FORMAT, FILE_NAME, "%s: the image: %s", FILE_NAME,
                            jerr.msg);
    if (w != out->width || h != out->height) {
        char msg[160];
        snprintf(msg, sizeof msg, "the record says %dx%d, the JPEG is %dx%d", out->width,
                 out->height, w, h);
        memset(out, 0, sizeof *out);
        return cccd_err_set(err, CCCD_E_LDS_FORMAT, FILE_NAME, "%s: %s", FILE_NAME, msg);
    }
    out->jpeg = jpeg;
    out->jpeg_len = jlen;
    return CCCD_OK;
}
