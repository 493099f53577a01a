/*
 * text_internal.h: the reference implementation behind text.h, for text.c and its tests.
 *
 * text.c answers ordinary input (ASCII and precomposed Latin/Vietnamese letters) on a fast path
 * that works on code points directly, and hands everything else to the reference: the full
 * utf8proc pipeline (decode, decompose, repair the mark order, transform, recompose). The unit
 * test, the fuzzer and the benchmark call the reference directly to prove that both give the
 * same bytes and the same errors, and to measure the gain. Not part of the public API: the
 * registry record (citizen.c) also uses the fast path directly, to write a row's strings into
 * one block instead of a heap string each.
 */
#ifndef CCCD_CORE_TEXT_INTERNAL_H
#define CCCD_CORE_TEXT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

/* One operation per public function of text.h. */
typedef enum cccd_text_op {
    CCCD_TEXT_NFC,            /* cccd_text_nfc */
    CCCD_TEXT_CLEAN,          /* cccd_text_clean */
    CCCD_TEXT_FOLD,           /* cccd_text_fold */
    CCCD_TEXT_TITLE,          /* cccd_text_title */
    CCCD_TEXT_KEY,            /* cccd_text_key */
    CCCD_TEXT_UNACCENT_UPPER, /* cccd_text_unaccent_upper */
} cccd_text_op;

/* The reference (slow) implementation of op, with the contract of the text.h functions: the
 * public functions return exactly what this returns, byte for byte, error for error. */
cccd_errc cccd_text_reference(cccd_text_op op, const char *in, size_t len, const char *field,
                              char **out, cccd_err *err);

/* The fast path of op alone, into buf (cap bytes): true when it gives the result (exactly what
 * the public function returns), NUL-terminated, its length in *n; false (buf's content
 * undefined) when the input needs the reference or the result does not fit. A result always
 * fits in len + len / 2 + 5 bytes. */
bool cccd_text_fast(cccd_text_op op, const char *in, size_t len, char *buf, size_t cap, size_t *n);

#endif
