/*
 * lds_tlv.c: writing and reading BER-TLV elements of the chip's files through OpenSSL (see
 * lds_internal.h), and the data group <-> tag table (lds.h). One place for the length rules:
 * definite lengths only, nothing past the end, the exact tag, class and form asked for.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "chip/lds.h"
#include "chip/lds_internal.h"

/* ICAO 9303 part 10: the outer tags of EF.DG1..EF.DG16. */
static const int dg_tags[17] = {0,    0x61, 0x75, 0x63, 0x76, 0x65, 0x66, 0x67, 0x68,
                                0x69, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F, 0x70};

int cccd_lds_dg_tag(int dg) {
    return dg >= 1 && dg <= 16 ? dg_tags[dg] : -1;
}

int cccd_lds_tag_dg(int tag) {
    for (int dg = 1; dg <= 16; dg++)
        if (dg_tags[dg] == tag)
            return dg;
    return -1;
}

void lds_buf_put(lds_buf *b, const void *p, size_t n) {
    if (b->nomem || n == 0)
        return;
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n)
            cap *= 2;
        unsigned char *d = realloc(b->data, cap);
        if (d == NULL) {
            b->nomem = true;
            return;
        }
        b->data = d;
        b->cap = cap;
    }
    memcpy(b->data + b->len, p, n);
    b->len += n;
}

void lds_buf_tlv(lds_buf *b, bool constructed, int tag, int xclass, const void *content,
                 size_t content_len) {
    if (b->nomem)
        return;
    if (content_len > LDS_MAX_CONTENT) {
        b->nomem = true; /* reported as out of memory: nothing on a card is this large */
        return;
    }
    unsigned char hdr[16];
    int total = ASN1_object_size(constructed, (int)content_len, tag);
    if (total < 0 || (size_t)total - content_len > sizeof hdr) {
        b->nomem = true;
        return;
    }
    unsigned char *p = hdr;
    ASN1_put_object(&p, constructed, (int)content_len, tag, xclass);
    lds_buf_put(b, hdr, (size_t)(p - hdr));
    lds_buf_put(b, content, content_len);
}

void lds_buf_tlv_tagbytes(lds_buf *b, const unsigned char *tag, size_t ntag, const void *content,
                          size_t content_len) {
    if (b->nomem)
        return;
    /* a header with a one-byte tag (OCTET STRING, primitive); its length bytes follow the tag */
    lds_buf h = {0};
    lds_buf_tlv(&h, false, V_ASN1_OCTET_STRING, V_ASN1_UNIVERSAL, content, content_len);
    if (h.nomem) {
        b->nomem = true;
        return;
    }
    lds_buf_put(b, tag, ntag);
    lds_buf_put(b, h.data + 1, h.len - 1);
    free(h.data);
}

void lds_buf_wrap(lds_buf *b, int tag, int xclass) {
    if (b->nomem)
        return;
    lds_buf w = {0};
    lds_buf_tlv(&w, true, tag, xclass, b->data, b->len);
    free(b->data);
    *b = w;
}

cccd_errc lds_buf_finish(lds_buf *b, unsigned char **out, size_t *len, const char *file,
                         cccd_err *err) {
    if (b->nomem) {
        free(b->data);
        memset(b, 0, sizeof *b);
        return cccd_err_set(err, CCCD_E_NOMEM, file, "%s: out of memory", file);
    }
    *out = b->data;
    *len = b->len;
    memset(b, 0, sizeof *b);
    return CCCD_OK;
}

static const char *class_name(int xclass) {
    switch (xclass) {
        case V_ASN1_UNIVERSAL:
            return "universal";
        case V_ASN1_APPLICATION:
            return "application";
        case V_ASN1_CONTEXT_SPECIFIC:
            return "context";
        default:
            return "private";
    }
}

cccd_errc lds_tlv_read(const unsigned char **p, const unsigned char *end, const unsigned char *base,
                       int tag, int xclass, bool constructed, const char *file, const char *what,
                       const unsigned char **content, size_t *content_len, cccd_err *err) {
    size_t off = (size_t)(*p - base);
    if (*p >= end)
        return cccd_err_set_pos(err, CCCD_E_LDS_FORMAT, file, off + 1,
                                "%s: %s missing at byte %zu (the file ends there)", file, what,
                                off);
    const unsigned char *q = *p;
    long clen = 0;
    int t = 0, cls = 0;
    long avail = end - q > LONG_MAX ? LONG_MAX : (long)(end - q);
    int ret = ASN1_get_object(&q, &clen, &t, &cls, avail);
    if (ret & 0x80)
        return cccd_err_set_pos(err, CCCD_E_LDS_FORMAT, file, off + 1,
                                "%s: %s at byte %zu: the tag or length is malformed or runs "
                                "past the end of the file (cut short?)",
                                file, what, off);
    if (ret == 0x21)
        return cccd_err_set_pos(err, CCCD_E_LDS_FORMAT, file, off + 1,
                                "%s: %s at byte %zu: indefinite length is not allowed", file, what,
                                off);
    if (t != tag || cls != xclass || ((ret & V_ASN1_CONSTRUCTED) != 0) != constructed)
        return cccd_err_set_pos(err, CCCD_E_LDS_FORMAT, file, off + 1,
                                "%s: %s expected at byte %zu (%s tag %d%s), found %s tag %d%s",
                                file, what, off, class_name(xclass), tag,
                                constructed ? ", constructed" : "", class_name(cls), t,
                                (ret & V_ASN1_CONSTRUCTED) ? ", constructed" : "");
    *content = q;
    *content_len = (size_t)clen;
    *p = q + clen;
    return CCCD_OK;
}

cccd_errc lds_file_open(const unsigned char *file, size_t len, int tag, const char *name,
                        const unsigned char **content, size_t *content_len, cccd_err *err) {
    if (file == NULL || len == 0)
        return cccd_err_set(err, CCCD_E_LDS_FORMAT, name, "%s: the file is empty", name);
    if (file[0] != tag)
        return cccd_err_set_pos(err, CCCD_E_LDS_FORMAT, name, 1,
                                "%s: starts with tag %02X, expected %02X: not this file", name,
                                file[0], tag);
    const unsigned char *p = file, *end = file + len;
    cccd_errc rc = lds_tlv_read(&p, end, file, tag & 0x1F, V_ASN1_APPLICATION, true, name,
                                "the outer element", content, content_len, err);
    if (rc != CCCD_OK)
        return rc;
    if (p != end)
        return cccd_err_set_pos(err, CCCD_E_LDS_FORMAT, name, (size_t)(p - file) + 1,
                                "%s: %zu bytes after the end of the outer element", name,
                                (size_t)(end - p));
    return CCCD_OK;
}
