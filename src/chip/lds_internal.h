/*
 * lds_internal.h: the BER-TLV helpers the chip files share (lds_tlv.c), so that every tag and
 * length is written and read by OpenSSL's ASN1_put_object / ASN1_object_size /
 * ASN1_get_object and no file hand-rolls a length. Not part of the library's interface.
 */
#ifndef CCCD_CHIP_LDS_INTERNAL_H
#define CCCD_CHIP_LDS_INTERNAL_H

#include <openssl/asn1.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

/* The largest content we write (ASN1_put_object takes an int length). */
#define LDS_MAX_CONTENT (16 * 1024 * 1024)

/* A growing byte buffer; data owned (free()). nomem is sticky: appends after a failure do
 * nothing, so a builder checks once at the end. */
typedef struct lds_buf {
    unsigned char *data;
    size_t len, cap;
    bool nomem;
} lds_buf;

void lds_buf_put(lds_buf *b, const void *p, size_t n);
/* Appends a header (tag, class V_ASN1_APPLICATION / V_ASN1_CONTEXT_SPECIFIC / V_ASN1_UNIVERSAL,
 * constructed or not) for content_len bytes of content, then the content. */
void lds_buf_tlv(lds_buf *b, bool constructed, int tag, int xclass, const void *content,
                 size_t content_len);
/* Appends an element whose tag is given as bytes (tag, ntag of them): for ICAO's 5F01, which
 * writes application tag 1 in the two-byte form that ASN1_put_object never produces (it
 * writes 41). The length is still written by ASN1_put_object. */
void lds_buf_tlv_tagbytes(lds_buf *b, const unsigned char *tag, size_t ntag, const void *content,
                          size_t content_len);
/* Wraps everything in b in one constructed element: b becomes header + old content. */
void lds_buf_wrap(lds_buf *b, int tag, int xclass);
/* Hands the buffer to the caller (*out, *len) or reports CCCD_E_NOMEM; b is emptied. */
cccd_errc lds_buf_finish(lds_buf *b, unsigned char **out, size_t *len, const char *file,
                         cccd_err *err);

/* Reads the element at *p (not past end): it must have this tag, class and constructed bit and
 * a definite length that fits; *content and *content_len give its content and *p moves past
 * it. Otherwise CCCD_E_LDS_FORMAT: "FILE: WHAT: ..." with the offset from base. */
cccd_errc lds_tlv_read(const unsigned char **p, const unsigned char *end, const unsigned char *base,
                       int tag, int xclass, bool constructed, const char *file, const char *what,
                       const unsigned char **content, size_t *content_len, cccd_err *err);

/* Reads the outer element of a whole file: tag (application, constructed) covering exactly
 * len bytes (nothing after it). */
cccd_errc lds_file_open(const unsigned char *file, size_t len, int tag, const char *name,
                        const unsigned char **content, size_t *content_len, cccd_err *err);

#endif
