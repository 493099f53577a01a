/*
 * text.c: Vietnamese text normalisation over utf8proc (see text.h).
 *
 * The work happens on an array of code points: decode (validating), decompose, repair the
 * order of Vietnamese marks, transform, recompose, encode. One pass of each; no locale.
 */
#include "core/text.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* A growable array of code points. */
typedef struct cps {
    utf8proc_int32_t *v;
    size_t n, cap;
} cps;

static bool cps_push(cps *c, utf8proc_int32_t cp) {
    if (c->n == c->cap) {
        size_t ncap = c->cap ? c->cap * 2 : 64;
        utf8proc_int32_t *nv = realloc(c->v, ncap * sizeof *nv);
        if (nv == NULL)
            return false;
        c->v = nv;
        c->cap = ncap;
    }
    c->v[c->n++] = cp;
    return true;
}

/* Decodes UTF-8 into fully decomposed code points (NFD). */
static cccd_errc decode_nfd(const char *in, size_t len, const char *field, cps *out,
                            cccd_err *err) {
    const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)in;
    size_t i = 0;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (k < 0 || cp == 0)
            return cccd_err_set_pos(err, CCCD_E_UTF8, field, i + 1, "%s: invalid UTF-8 at byte %zu",
                                    field ? field : "text", i + 1);
        utf8proc_int32_t dec[8];
        int last = 0;
        utf8proc_ssize_t nd = utf8proc_decompose_char(cp, dec, 8, UTF8PROC_DECOMPOSE, &last);
        if (nd < 0 || nd > 8)
            return cccd_err_set(err, CCCD_E_INTERNAL, field, "decomposition failed");
        for (utf8proc_ssize_t j = 0; j < nd; j++)
            if (!cps_push(out, dec[j]))
                return cccd_err_set(err, CCCD_E_NOMEM, field, "out of memory");
        i += (size_t)k;
    }
    return CCCD_OK;
}

static bool is_tone_mark(utf8proc_int32_t cp) {
    /* grave, acute, tilde, hook above (dot below has its own combining class and sorts first) */
    return cp == 0x0300 || cp == 0x0301 || cp == 0x0303 || cp == 0x0309;
}

static bool is_shape_mark(utf8proc_int32_t cp) {
    return cp == 0x0302 || cp == 0x0306; /* circumflex, breve */
}

/* Canonical ordering then the Vietnamese repair: within a run of combining marks, a shape mark
 * that comes after a tone mark moves before it, so a+acute+circumflex composes to ấ. */
static void order_marks(cps *c) {
    /* canonical ordering (stable insertion sort by combining class inside each mark run) */
    for (size_t i = 1; i < c->n; i++) {
        int cc = utf8proc_get_property(c->v[i])->combining_class;
        if (cc == 0)
            continue;
        size_t j = i;
        while (j > 0) {
            int pc = utf8proc_get_property(c->v[j - 1])->combining_class;
            if (pc <= cc)
                break;
            utf8proc_int32_t t = c->v[j];
            c->v[j] = c->v[j - 1];
            c->v[j - 1] = t;
            j--;
        }
    }
    for (size_t i = 1; i < c->n; i++) {
        if (!is_shape_mark(c->v[i]))
            continue;
        size_t j = i;
        while (j > 0 && is_tone_mark(c->v[j - 1])) {
            utf8proc_int32_t t = c->v[j];
            c->v[j] = c->v[j - 1];
            c->v[j - 1] = t;
            j--;
        }
    }
}

/* Composes (NFC) and encodes the code points as a new UTF-8 string. */
static cccd_errc encode_nfc(cps *c, const char *field, char **out, cccd_err *err) {
    /* utf8proc_reencode writes UTF-8 over the buffer, which needs room for 4 bytes a point */
    size_t need = c->n + 1;
    if (c->cap < need) {
        utf8proc_int32_t *nv = realloc(c->v, need * sizeof *nv);
        if (nv == NULL)
            return cccd_err_set(err, CCCD_E_NOMEM, field, "out of memory");
        c->v = nv;
        c->cap = need;
    }
    utf8proc_ssize_t r =
        utf8proc_reencode(c->v, (utf8proc_ssize_t)c->n, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (r < 0)
        return cccd_err_set(err, CCCD_E_INTERNAL, field, "normalisation failed: %s",
                            utf8proc_errmsg(r));
    char *s = malloc((size_t)r + 1);
    if (s == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, field, "out of memory");
    memcpy(s, c->v, (size_t)r);
    s[r] = '\0';
    *out = s;
    return CCCD_OK;
}

static bool is_space_cp(utf8proc_int32_t cp) {
    if (cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f')
        return true;
    utf8proc_category_t cat = utf8proc_category(cp);
    return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
           cat == UTF8PROC_CATEGORY_ZP;
}

static bool is_zero_width(utf8proc_int32_t cp) {
    return cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF ||
           cp == 0x00AD;
}

/* Collapses white space in place and drops zero-width characters. */
static void clean_space(cps *c) {
    size_t w = 0;
    bool pending = false;
    for (size_t i = 0; i < c->n; i++) {
        utf8proc_int32_t cp = c->v[i];
        if (is_zero_width(cp))
            continue;
        if (is_space_cp(cp)) {
            pending = w > 0;
            continue;
        }
        if (pending)
            c->v[w++] = ' ';
        pending = false;
        c->v[w++] = cp;
    }
    c->n = w;
}

typedef enum text_op { OP_NFC, OP_CLEAN, OP_FOLD, OP_TITLE, OP_KEY, OP_UNACCENT_UPPER } text_op;

static bool is_mark(utf8proc_int32_t cp) {
    utf8proc_category_t cat = utf8proc_category(cp);
    return cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC ||
           cat == UTF8PROC_CATEGORY_ME;
}

static bool is_alnum_cp(utf8proc_int32_t cp) {
    utf8proc_category_t cat = utf8proc_category(cp);
    return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
           (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
}

/* Removes marks, maps Đ/đ to D/d; other letters stay. */
static void strip_marks(cps *c) {
    size_t w = 0;
    for (size_t i = 0; i < c->n; i++) {
        utf8proc_int32_t cp = c->v[i];
        if (is_mark(cp))
            continue;
        if (cp == 0x0110)
            cp = 'D';
        else if (cp == 0x0111)
            cp = 'd';
        c->v[w++] = cp;
    }
    c->n = w;
}

static cccd_errc text_run(const char *in, size_t len, const char *field, text_op op, char **out,
                          cccd_err *err) {
    *out = NULL;
    if (in == NULL) {
        in = "";
        len = 0;
    }
    cps c = {0};
    cccd_errc rc = decode_nfd(in, len, field, &c, err);
    if (rc != CCCD_OK)
        goto done;
    order_marks(&c);
    if (op != OP_NFC)
        clean_space(&c);
    switch (op) {
        case OP_FOLD:
            for (size_t i = 0; i < c.n; i++)
                c.v[i] = utf8proc_tolower(c.v[i]);
            break;
        case OP_TITLE: {
            bool word_start = true;
            for (size_t i = 0; i < c.n; i++) {
                utf8proc_int32_t cp = c.v[i];
                if (is_mark(cp))
                    continue;
                if (is_alnum_cp(cp)) {
                    c.v[i] = word_start ? utf8proc_toupper(cp) : utf8proc_tolower(cp);
                    word_start = false;
                } else {
                    /* a new word after a space or a hyphen, not after an apostrophe */
                    word_start = cp != '\'' && cp != 0x2019;
                }
            }
            break;
        }
        case OP_KEY: {
            strip_marks(&c);
            size_t w = 0;
            bool pending = false;
            for (size_t i = 0; i < c.n; i++) {
                utf8proc_int32_t cp = c.v[i];
                if (!is_alnum_cp(cp)) {
                    pending = w > 0;
                    continue;
                }
                if (pending)
                    c.v[w++] = ' ';
                pending = false;
                c.v[w++] = utf8proc_tolower(cp);
            }
            c.n = w;
            break;
        }
        case OP_UNACCENT_UPPER:
            strip_marks(&c);
            for (size_t i = 0; i < c.n; i++)
                c.v[i] = utf8proc_toupper(c.v[i]);
            break;
        default:
            break;
    }
    rc = encode_nfc(&c, field, out, err);
done:
    free(c.v);
    return rc;
}

cccd_errc cccd_text_nfc(const char *in, size_t len, const char *field, char **out, cccd_err *err) {
    return text_run(in, len, field, OP_NFC, out, err);
}

cccd_errc cccd_text_clean(const char *in, size_t len, const char *field, char **out,
                          cccd_err *err) {
    return text_run(in, len, field, OP_CLEAN, out, err);
}

cccd_errc cccd_text_fold(const char *in, size_t len, const char *field, char **out, cccd_err *err) {
    return text_run(in, len, field, OP_FOLD, out, err);
}

cccd_errc cccd_text_title(const char *in, size_t len, const char *field, char **out,
                          cccd_err *err) {
    return text_run(in, len, field, OP_TITLE, out, err);
}

cccd_errc cccd_text_key(const char *in, size_t len, const char *field, char **out, cccd_err *err) {
    return text_run(in, len, field, OP_KEY, out, err);
}

cccd_errc cccd_text_unaccent_upper(const char *in, size_t len, const char *field, char **out,
                                   cccd_err *err) {
    return text_run(in, len, field, OP_UNACCENT_UPPER, out, err);
}
