/*
 * text.c: Vietnamese text normalisation over utf8proc (see text.h).
 *
 * The reference implementation works on an array of code points: decode (validating),
 * decompose, repair the order of Vietnamese marks, transform, recompose, encode. One pass of
 * each; no locale. It costs about a microsecond a call, too much for a registry import that
 * cleans ten fields a row, so ordinary input (ASCII and precomposed Latin and Vietnamese letters,
 * already NFC) takes a fast path that transforms the code points in one pass without decomposing
 * the string; anything the fast path cannot prove it handles the same way goes to the reference.
 */
#include "core/text.h"
#include "core/text_internal.h"

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

/* White space: the ASCII controls that move the cursor, and Unicode's separators (cat is cp's
 * category; the fast path looks it up once for several questions). */
static bool is_space_in(utf8proc_int32_t cp, utf8proc_category_t cat) {
    if (cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f')
        return true;
    return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
           cat == UTF8PROC_CATEGORY_ZP;
}

static bool is_space_cp(utf8proc_int32_t cp) {
    return is_space_in(cp, utf8proc_category(cp));
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

static bool is_mark(utf8proc_int32_t cp) {
    utf8proc_category_t cat = utf8proc_category(cp);
    return cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC ||
           cat == UTF8PROC_CATEGORY_ME;
}

static bool is_alnum_cat(utf8proc_category_t cat) {
    return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
           (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
}

static bool is_alnum_cp(utf8proc_int32_t cp) {
    return is_alnum_cat(utf8proc_category(cp));
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

cccd_errc cccd_text_reference(cccd_text_op op, const char *in, size_t len, const char *field,
                              char **out, cccd_err *err) {
    *out = NULL;
    if (in == NULL) {
        in = "";
        len = 0;
    }
    cps c = {0};
    cccd_errc rc = decode_nfd(in, len, field, &c, err);
    if (rc != CCCD_OK)
        goto done;
    /* zero-width characters go before the marks are ordered, so marks they separated are
     * ordered together and cleaning twice gives what cleaning once gave */
    if (op != CCCD_TEXT_NFC)
        clean_space(&c);
    order_marks(&c);
    switch (op) {
        case CCCD_TEXT_FOLD:
            for (size_t i = 0; i < c.n; i++)
                c.v[i] = utf8proc_tolower(c.v[i]);
            break;
        case CCCD_TEXT_TITLE: {
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
        case CCCD_TEXT_KEY: {
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
        case CCCD_TEXT_UNACCENT_UPPER:
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

/* ---- The fast path ---- */

/* The code points the fast path reads: ASCII without NUL, Latin-1 Supplement, Latin Extended-A
 * and -B, Latin Extended Additional (the precomposed Vietnamese letters). None is a combining
 * mark or combines with a neighbour, each is already NFC, and each decomposes to a letter
 * followed by marks, so the reference's decompose, reorder and recompose give back what went in
 * and its per-code-point steps see the same letter (the equivalence test proves it for every one
 * of them, alone and next to others). */
static bool fast_range(utf8proc_int32_t cp) {
    return (cp > 0 && cp < 0x250) || (cp >= 0x1E00 && cp <= 0x1EFF);
}

/* Decodes the UTF-8 at s (n > 0 bytes) when it is a fast-range code point: its length in bytes,
 * or 0 for anything else, invalid or overlong UTF-8 and NUL included. */
static size_t fast_decode(const unsigned char *s, size_t n, utf8proc_int32_t *cp) {
    size_t k;
    if (s[0] < 0x80) {
        *cp = s[0];
        k = 1;
    } else if ((s[0] & 0xE0) == 0xC0 && n >= 2 && (s[1] & 0xC0) == 0x80) {
        *cp = (s[0] & 0x1F) << 6 | (s[1] & 0x3F);
        k = *cp >= 0x80 ? 2 : 0; /* not overlong */
    } else if ((s[0] & 0xF0) == 0xE0 && n >= 3 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
        *cp = (s[0] & 0x0F) << 12 | (s[1] & 0x3F) << 6 | (s[2] & 0x3F);
        k = *cp >= 0x800 ? 3 : 0; /* not overlong */
    } else {
        return 0;
    }
    return fast_range(*cp) ? k : 0;
}

/* The canonical decomposition of a fast-range code point into d (at most 8), as the reference's
 * decode_nfd makes it: the count, or 0 when it is not a letter followed by marks. */
static utf8proc_ssize_t decompose(utf8proc_int32_t cp, utf8proc_int32_t d[8]) {
    if (cp < 0x80) { /* ASCII decomposes to itself; spare the call */
        d[0] = cp;
        return 1;
    }
    int last = 0;
    utf8proc_ssize_t nd = utf8proc_decompose_char(cp, d, 8, UTF8PROC_DECOMPOSE, &last);
    if (nd < 1 || nd > 8 || (nd == 1 && d[0] != cp))
        return 0;
    return nd;
}

/* utf8proc_toupper or utf8proc_tolower, with ASCII answered without the call; and the
 * reference's is_alnum_cp, likewise (the equivalence test checks every ASCII character). */
static utf8proc_int32_t to_case(utf8proc_int32_t cp, bool upper) {
    if (cp >= 0x80)
        return upper ? utf8proc_toupper(cp) : utf8proc_tolower(cp);
    if (upper)
        return cp >= 'a' && cp <= 'z' ? cp - 0x20 : cp;
    return cp >= 'A' && cp <= 'Z' ? cp + 0x20 : cp;
}

static bool fast_alnum(utf8proc_int32_t cp) {
    if (cp >= 0x80)
        return is_alnum_cp(cp);
    return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z');
}

/* Case-maps a fast-range code point into *res; false when the reference would not give *res.
 * The reference maps the decomposed letter and recomposes. For a letter with a partner in the
 * other case (ầ/Ầ: the mapping goes there and back, or the letter is already in the wanted case
 * and has a partner) Unicode gives both the same marks, and the result is the partner. Other
 * letters are decided on their decompositions: the reference's result is *res only when *res is
 * a fast-range letter that decomposes to the mapped base and the same marks, marks the mapping
 * leaves alone. That fails for a few letters whose mapped form has no precomposed character
 * (İ lower-cases to i + dot above, ǰ upper-cases to J + caron); the reference takes the text. */
static bool case_map(bool upper, utf8proc_int32_t cp, utf8proc_int32_t *res) {
    *res = to_case(cp, upper);
    if (cp < 0x80 || (*res != cp ? to_case(*res, !upper) == cp : to_case(cp, !upper) != cp))
        return true;
    utf8proc_int32_t d[8], buf[8];
    utf8proc_ssize_t nd = decompose(cp, d);
    if (nd <= 1) /* not decomposable: the reference maps cp itself */
        return nd == 1;
    const utf8proc_int32_t *md = d; /* the decomposition of *res */
    if (*res != cp) {
        if (!fast_range(*res) || decompose(*res, buf) != nd)
            return false;
        md = buf;
    }
    if (md[0] != to_case(d[0], upper))
        return false;
    for (utf8proc_ssize_t j = 1; j < nd; j++)
        if (md[j] != d[j] || to_case(d[j], upper) != d[j])
            return false;
    return true;
}

/* The output of the fast path: a buffer that never grows (see fast_run). */
typedef struct fast_out {
    char *s;
    size_t n, cap;
} fast_out;

static bool fast_put(fast_out *o, utf8proc_int32_t cp) {
    if (o->cap - o->n < 5) /* room for four bytes and the final NUL */
        return false;
    if (cp < 0x80)
        o->s[o->n++] = (char)cp;
    else
        o->n += (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)o->s + o->n);
    return true;
}

/* The state of the per-code-point step after white-space cleaning, as the reference keeps it. */
typedef struct fast_state {
    cccd_text_op op;
    bool word_start; /* title: the next letter starts a word */
    bool keyed;      /* key: something written already */
    bool gap;        /* key: letters and digits resume after a gap, which becomes one space */
    fast_out out;
} fast_state;

/* Applies the operation to one cleaned code point (alnum: whether it is a letter or digit) as
 * the reference's switch does to its decomposition; false when the result might differ. */
static bool fast_step(fast_state *st, utf8proc_int32_t cp, bool alnum) {
    utf8proc_int32_t res, d[8];
    switch (st->op) {
        case CCCD_TEXT_FOLD:
            return case_map(false, cp, &res) && fast_put(&st->out, res);
        case CCCD_TEXT_TITLE:
            if (!alnum) {
                /* a new word after a space or a hyphen, not after an apostrophe */
                st->word_start = cp != '\'' && cp != 0x2019;
                return fast_put(&st->out, cp);
            }
            if (!case_map(st->word_start, cp, &res))
                return false;
            st->word_start = false;
            return fast_put(&st->out, res);
        case CCCD_TEXT_KEY:
        case CCCD_TEXT_UNACCENT_UPPER: {
            if (decompose(cp, d) == 0)
                return false;
            /* the letter without its marks, as strip_marks leaves it */
            utf8proc_int32_t base = d[0] == 0x0110 ? 'D' : d[0] == 0x0111 ? 'd' : d[0];
            if (st->op == CCCD_TEXT_UNACCENT_UPPER)
                return fast_put(&st->out, to_case(base, true));
            if (!fast_alnum(base)) {
                st->gap = st->keyed;
                return true;
            }
            if (st->gap && !fast_put(&st->out, ' '))
                return false;
            st->gap = false;
            st->keyed = true;
            return fast_put(&st->out, to_case(base, false));
        }
        default: /* nfc, clean */
            return fast_put(&st->out, cp);
    }
}

/* Runs op over text made only of fast-range code points, cleaning white space as clean_space
 * does and transforming each code point as it goes. False, with nothing allocated, when the text
 * leaves the fast range (invalid UTF-8 and NUL included), a code point needs the reference, or
 * memory runs out: the reference then does the whole work and reports any error itself. */
bool cccd_text_fast(cccd_text_op op, const char *in, size_t len, char *buf, size_t cap, size_t *n) {
    if (cap < 5)
        return false;
    fast_state st = {.op = op, .word_start = true, .out = {buf, 0, cap}};
    const unsigned char *s = (const unsigned char *)in;
    bool cleaned = false, space = false; /* clean_space's w > 0 and pending */
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        size_t k = fast_decode(s + i, len - i, &cp);
        if (k == 0)
            goto slow;
        i += k;
        if (op == CCCD_TEXT_NFC) {
            if (!fast_put(&st.out, cp))
                goto slow;
            continue;
        }
        bool is_space, alnum;
        if (cp < 0x80) {
            is_space = cp == ' ' || (cp >= '\t' && cp <= '\r');
            alnum = fast_alnum(cp);
        } else {
            utf8proc_category_t cat = utf8proc_category(cp);
            is_space = is_space_in(cp, cat);
            alnum = is_alnum_cat(cat);
        }
        if (is_zero_width(cp))
            continue;
        if (is_space) {
            space = cleaned;
            continue;
        }
        if (space && !fast_step(&st, ' ', false))
            goto slow;
        space = false;
        cleaned = true;
        if (!fast_step(&st, cp, alnum))
            goto slow;
    }
    st.out.s[st.out.n] = '\0';
    *n = st.out.n;
    return true;
slow:
    return false;
}

static bool fast_run(cccd_text_op op, const char *in, size_t len, char **out) {
    /* an input code point of 1, 2 or 3 bytes gives at most 1, 3 or 3 bytes (spaces replace what
     * they stand for); fast_put refuses anything beyond, and the reference takes over */
    size_t cap = len + len / 2 + 5, n;
    char *buf = malloc(cap);
    if (buf == NULL)
        return false;
    if (!cccd_text_fast(op, in, len, buf, cap, &n)) {
        free(buf);
        return false;
    }
    *out = buf;
    return true;
}

static cccd_errc text_run(cccd_text_op op, const char *in, size_t len, const char *field,
                          char **out, cccd_err *err) {
    *out = NULL;
    if (in == NULL) {
        in = "";
        len = 0;
    }
    if (fast_run(op, in, len, out))
        return CCCD_OK;
    return cccd_text_reference(op, in, len, field, out, err);
}

cccd_errc cccd_text_nfc(const char *in, size_t len, const char *field, char **out, cccd_err *err) {
    return text_run(CCCD_TEXT_NFC, in, len, field, out, err);
}

cccd_errc cccd_text_clean(const char *in, size_t len, const char *field, char **out,
                          cccd_err *err) {
    return text_run(CCCD_TEXT_CLEAN, in, len, field, out, err);
}

cccd_errc cccd_text_fold(const char *in, size_t len, const char *field, char **out, cccd_err *err) {
    return text_run(CCCD_TEXT_FOLD, in, len, field, out, err);
}

cccd_errc cccd_text_title(const char *in, size_t len, const char *field, char **out,
                          cccd_err *err) {
    return text_run(CCCD_TEXT_TITLE, in, len, field, out, err);
}

cccd_errc cccd_text_key(const char *in, size_t len, const char *field, char **out, cccd_err *err) {
    return text_run(CCCD_TEXT_KEY, in, len, field, out, err);
}

cccd_errc cccd_text_unaccent_upper(const char *in, size_t len, const char *field, char **out,
                                   cccd_err *err) {
    return text_run(CCCD_TEXT_UNACCENT_UPPER, in, len, field, out, err);
}

bool cccd_text_utf8_valid(const char *in, size_t len) {
    const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)in;
    for (size_t i = 0; i < len;) {
        if (s[i] < 0x80) {
            if (s[i] == 0)
                return false;
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (k < 0)
            return false;
        i += (size_t)k;
    }
    return true;
}

char *cccd_text_utf8_lossy(const char *in, size_t len) {
    char *out = malloc(len * 3 + 1);
    if (out == NULL)
        return NULL;
    const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)in;
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (k < 0 || cp == 0) {
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i++;
        } else {
            memcpy(out + o, s + i, (size_t)k);
            o += (size_t)k;
            i += (size_t)k;
        }
    }
    out[o] = '\0';
    return out;
}
