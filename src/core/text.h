/*
 * text.h: Vietnamese text as the registry receives it, made comparable.
 *
 * Old records mix NFC and NFD, put tone marks before the vowel's shape mark (a Windows-1258
 * keyboard habit: a + acute + circumflex instead of ấ), and carry stray spaces (the official
 * unit list has double spaces). These functions validate UTF-8, put the marks in order, compose
 * to NFC, clean white space, fold case, and derive a diacritic-free key in which
 * "Nguyễn Văn Thân" and "NGUYEN  VAN THAN" are equal. All Unicode work goes through utf8proc.
 *
 * Every function takes a byte string (not necessarily NUL-terminated: in/len) and returns a
 * newly allocated NUL-terminated string in *out, owned by the caller (release with free()).
 * On failure *out is NULL and err says why (invalid UTF-8 names the byte position).
 */
#ifndef CCCD_CORE_TEXT_H
#define CCCD_CORE_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

/* Validates UTF-8 and returns the text in NFC with Vietnamese mark order repaired. */
cccd_errc cccd_text_nfc(const char *in, size_t len, const char *field, char **out, cccd_err *err);

/* NFC, then white space cleaned: runs of spaces, tabs, newlines, no-break and other Unicode
 * spaces become one space; leading and trailing space removed; zero-width characters dropped. */
cccd_errc cccd_text_clean(const char *in, size_t len, const char *field, char **out, cccd_err *err);

/* Cleaned and case-folded ("NGUYỄN" -> "nguyễn"). */
cccd_errc cccd_text_fold(const char *in, size_t len, const char *field, char **out, cccd_err *err);

/* Cleaned, with each word's first letter upper case and the rest lower case ("NGUYỄN văn a" ->
 * "Nguyễn Văn A"): how names are stored. */
cccd_errc cccd_text_title(const char *in, size_t len, const char *field, char **out, cccd_err *err);

/* The search and duplicate-detection key: diacritics removed, Đ/đ -> d, lower case, every run
 * of characters that are not letters or digits turned into one space, trimmed.
 * "Văn Miếu - Quốc Tử Giám" -> "van mieu quoc tu giam". */
cccd_errc cccd_text_key(const char *in, size_t len, const char *field, char **out, cccd_err *err);

/* Latin letters without diacritics in upper case, Đ -> D (the first step of the MRZ
 * transliteration); every other character is kept as it is, after NFC. */
cccd_errc cccd_text_unaccent_upper(const char *in, size_t len, const char *field, char **out,
                                   cccd_err *err);

/* Whether in[0..len) is valid UTF-8 with no NUL. */
bool cccd_text_utf8_valid(const char *in, size_t len);

/* A copy of in[0..len) with every byte that is not part of valid UTF-8 (and every NUL) replaced
 * by U+FFFD, for echoing untrusted input in messages. New string owned by the caller (free());
 * NULL when out of memory. */
char *cccd_text_utf8_lossy(const char *in, size_t len);

#endif
