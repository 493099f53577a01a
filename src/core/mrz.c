/*
 * mrz.c: the TD1 machine-readable zone of the Vietnamese card (see mrz.h and docs/mrz.md).
 *
 * It exists so that one piece of code owns every MRZ rule: the card printer, the chip's DG1
 * and BAC key, and the checks done on a card that comes back all go through here.
 * Building: validate the card data, transliterate and fit the name, write the three lines.
 * Parsing: split the text into lines, then walk every field in reading order, remembering the
 * first problem (by line, then column) while still decoding everything it can.
 * No I/O, no printing; the only allocations are temporary buffers for name transliteration,
 * released before returning.
 */
#include "core/mrz.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/text.h"

#define LINE_LEN CCCD_MRZ_LINE_LEN

/* ------------------------------------------------------------------------------------------ */
/* Check digits                                                                                 */

int cccd_mrz_char_value(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    if (c == '<')
        return 0;
    return -1;
}

int cccd_mrz_check_digit(const char *s, size_t len) {
    static const int weights[3] = {7, 3, 1};
    int sum = 0;
    for (size_t i = 0; i < len; i++) {
        int v = cccd_mrz_char_value(s[i]);
        if (v < 0)
            return -1;
        sum = (sum + v * weights[i % 3]) % 10;
    }
    return sum;
}

static bool all_filler(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (s[i] != '<')
            return false;
    return true;
}

static bool all_digits(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

static int two_digits(const char *s) {
    return (s[0] - '0') * 10 + (s[1] - '0');
}

/* The check digit character written after a field: '<' after an all-filler field. */
static char check_char(const char *s, size_t n) {
    if (all_filler(s, n))
        return '<';
    return (char)('0' + cccd_mrz_check_digit(s, n));
}

/* ------------------------------------------------------------------------------------------ */
/* Names: transliteration and truncation                                                        */

/* Characters dropped from names although Unicode does not call them punctuation: apostrophe
 * look-alikes (modifier letter apostrophe and turned comma, grave and acute accents typed as
 * apostrophes). */
static bool is_apostrophe_like(utf8proc_int32_t cp) {
    return cp == 0x02BC || cp == 0x02BB || cp == 0x0060 || cp == 0x00B4;
}

/* Transliterates one name (UTF-8) into MRZ letters with single '<' between components and none
 * at either end. pos_base is added to the character positions reported in errors.
 * *out is allocated (caller frees); "" when nothing is left. */
static cccd_errc translit(const char *in, const char *field, size_t pos_base, char **out,
                          cccd_err *err) {
    *out = NULL;
    char *clean = NULL, *up = NULL;
    cccd_errc rc = cccd_text_clean(in, strlen(in), field, &clean, err);
    if (rc != CCCD_OK)
        return rc;
    rc = cccd_text_unaccent_upper(clean, strlen(clean), field, &up, err);
    free(clean);
    if (rc != CCCD_OK)
        return rc;
    size_t n = strlen(up);
    char *res = malloc(n + 1);
    if (res == NULL) {
        free(up);
        return cccd_err_set(err, CCCD_E_NOMEM, field, "out of memory");
    }
    size_t o = 0, i = 0, chars = 0;
    bool pending_sep = false;
    while (i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k =
            utf8proc_iterate((const utf8proc_uint8_t *)up + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0) { /* cannot happen: the text was validated */
            rc = cccd_err_set(err, CCCD_E_UTF8, field, "%s: invalid UTF-8", field);
            break;
        }
        chars++;
        utf8proc_category_t cat = utf8proc_category(cp);
        if (cp >= 'A' && cp <= 'Z') {
            if (pending_sep)
                res[o++] = '<';
            pending_sep = false;
            res[o++] = (char)cp;
        } else if (cp == ' ' || cat == UTF8PROC_CATEGORY_PD) {
            /* spaces and hyphens (any dash) separate components */
            pending_sep = o > 0;
        } else if ((cat >= UTF8PROC_CATEGORY_PC && cat <= UTF8PROC_CATEGORY_PO) ||
                   is_apostrophe_like(cp)) {
            /* apostrophes and other punctuation are dropped */
        } else {
            if (cp >= 0x20 && cp != 0x7F && cat != UTF8PROC_CATEGORY_MN)
                rc = cccd_err_set_pos(err, CCCD_E_MRZ_NAME, field, pos_base + chars,
                                      "%s: '%.*s' (U+%04X, character %zu) cannot be written in "
                                      "the MRZ",
                                      field, (int)k, up + i, (unsigned)cp, pos_base + chars);
            else
                rc = cccd_err_set_pos(err, CCCD_E_MRZ_NAME, field, pos_base + chars,
                                      "%s: U+%04X (character %zu) cannot be written in the MRZ",
                                      field, (unsigned)cp, pos_base + chars);
            break;
        }
        i += (size_t)k;
    }
    free(up);
    if (rc != CCCD_OK) {
        free(res);
        return rc;
    }
    res[o] = '\0';
    *out = res;
    return CCCD_OK;
}

/* Writes surname "<<" given names into dst, the given-name components from index `full` on
 * reduced to their initial. Returns the length. dst holds strlen(sur) + strlen(giv) + 3. */
static size_t render_name(const char *sur, const char *giv, size_t full, char *dst) {
    size_t o = strlen(sur);
    memcpy(dst, sur, o);
    if (giv[0] != '\0') {
        dst[o++] = '<';
        dst[o++] = '<';
        size_t comp = 0;
        bool start = true;
        for (const char *p = giv; *p; p++) {
            if (*p == '<') {
                dst[o++] = '<';
                comp++;
                start = true;
                continue;
            }
            if (comp < full || start)
                dst[o++] = *p;
            start = false;
        }
    }
    dst[o] = '\0';
    return o;
}

/* Fits transliterated surname and given names into line 3 (docs/mrz.md, "Truncation"). */
static cccd_errc fit_name(const char *sur, const char *giv, char out[LINE_LEN + 1], bool *truncated,
                          cccd_err *err) {
    size_t ncomp = 0;
    if (giv[0] != '\0') {
        ncomp = 1;
        for (const char *p = giv; *p; p++)
            ncomp += *p == '<';
    }
    /* reduce given-name components to initials from the last backwards until it fits
     * (lengths computed, not rendered: a name can be very long) */
    size_t glen = strlen(giv);
    size_t len = strlen(sur) + (ncomp ? 2 + glen : 0), full = ncomp;
    const char *end = giv + glen;
    while (len > LINE_LEN && full > 0) {
        const char *start = end;
        while (start > giv && start[-1] != '<')
            start--;
        len -= (size_t)(end - start) - 1;
        full--;
        end = start > giv ? start - 1 : giv;
    }
    char *buf = malloc(strlen(sur) + glen + 3);
    if (buf == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, "name", "out of memory");
    len = render_name(sur, giv, full, buf);
    bool cut = full < ncomp;
    if (len > LINE_LEN) {
        /* even with initials only it does not fit: cut, never ending on a filler */
        len = LINE_LEN;
        while (len > 0 && buf[len - 1] == '<')
            len--;
        cut = true;
    }
    memcpy(out, buf, len);
    memset(out + len, '<', LINE_LEN - len);
    out[LINE_LEN] = '\0';
    free(buf);
    if (truncated)
        *truncated = cut;
    return CCCD_OK;
}

static size_t utf8_chars(const char *s, size_t n) {
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

static cccd_errc name_line(const char *surname, const char *sfield, size_t sbase, const char *given,
                           const char *gfield, size_t gbase, char out[LINE_LEN + 1],
                           bool *truncated, cccd_err *err) {
    char *sur = NULL, *giv = NULL;
    cccd_errc rc = translit(surname ? surname : "", sfield, sbase, &sur, err);
    if (rc == CCCD_OK)
        rc = translit(given ? given : "", gfield, gbase, &giv, err);
    if (rc == CCCD_OK && sur[0] == '\0')
        rc = cccd_err_set(err, CCCD_E_MRZ_NAME, sfield, "%s: no letter left to write in the MRZ",
                          sfield);
    if (rc == CCCD_OK)
        rc = fit_name(sur, giv, out, truncated, err);
    free(sur);
    free(giv);
    return rc;
}

cccd_errc cccd_mrz_name_line(const char *surname, const char *given_names,
                             char out[CCCD_MRZ_LINE_LEN + 1], bool *truncated, cccd_err *err) {
    return name_line(surname, "surname", 0, given_names, "given_names", 0, out, truncated, err);
}

cccd_errc cccd_mrz_name_line_full(const char *full_name, const char *field,
                                  char out[CCCD_MRZ_LINE_LEN + 1], bool *truncated, cccd_err *err) {
    if (field == NULL)
        field = "full_name";
    char *clean = NULL;
    cccd_errc rc = cccd_text_clean(full_name ? full_name : "", full_name ? strlen(full_name) : 0,
                                   field, &clean, err);
    if (rc != CCCD_OK)
        return rc;
    /* cleaned text has single spaces: the first one ends the surname */
    char *sp = strchr(clean, ' ');
    const char *given = "";
    size_t gbase = 0;
    if (sp != NULL) {
        *sp = '\0';
        given = sp + 1;
        gbase = utf8_chars(clean, strlen(clean)) + 1;
    }
    rc = name_line(clean, field, 0, given, field, gbase, out, truncated, err);
    free(clean);
    return rc;
}

/* ------------------------------------------------------------------------------------------ */
/* Building                                                                                     */

/* Writes 0..99 as two digits. */
static void put2(char *out, int v) {
    out[0] = (char)('0' + v / 10);
    out[1] = (char)('0' + v % 10);
}

static cccd_errc put_birth(cccd_date d, char out[6], cccd_err *err) {
    const char *f = "date_of_birth";
    if (d.prec == CCCD_DATE_NONE) {
        memset(out, '<', 6);
        return CCCD_OK;
    }
    if (d.y < 1900 || d.y > 2099)
        return cccd_err_set(err, CCCD_E_DATE_RANGE, f,
                            "%s: year %d cannot be written with two digits (1900-2099 only)", f,
                            d.y);
    if (d.prec >= CCCD_DATE_MONTH && (d.m < 1 || d.m > 12))
        return cccd_err_set(err, CCCD_E_DATE_INVALID, f, "%s: month %d does not exist", f, d.m);
    if (d.prec == CCCD_DATE_DAY && (d.d < 1 || d.d > cccd_days_in_month(d.y, d.m)))
        return cccd_err_set(err, CCCD_E_DATE_INVALID, f, "%s: %04d-%02d has no day %d", f, d.y, d.m,
                            d.d);
    put2(out, d.y % 100);
    if (d.prec >= CCCD_DATE_MONTH)
        put2(out + 2, d.m);
    else
        memcpy(out + 2, "<<", 2);
    if (d.prec == CCCD_DATE_DAY)
        put2(out + 4, d.d);
    else
        memcpy(out + 4, "<<", 2);
    return CCCD_OK;
}

static cccd_errc put_expiry(cccd_date d, char out[6], cccd_err *err) {
    const char *f = "expiry";
    if (d.prec == CCCD_DATE_NONE) {
        memset(out, '<', 6);
        return CCCD_OK;
    }
    if (d.prec != CCCD_DATE_DAY)
        return cccd_err_set(err, CCCD_E_DATE_FORMAT, f, "%s: a full date is needed (or none)", f);
    if (d.y < 2000 || d.y > 2099)
        return cccd_err_set(err, CCCD_E_DATE_RANGE, f,
                            "%s: year %d is outside 2000-2099, what the MRZ can write", f, d.y);
    if (d.m < 1 || d.m > 12 || d.d < 1 || d.d > cccd_days_in_month(d.y, d.m))
        return cccd_err_set(err, CCCD_E_DATE_INVALID, f, "%s: %04d-%02d-%02d is not a real day", f,
                            d.y, d.m, d.d);
    put2(out, d.y % 100);
    put2(out + 2, d.m);
    put2(out + 4, d.d);
    return CCCD_OK;
}

static bool nonempty(const char *s) {
    return s != NULL && s[0] != '\0';
}

cccd_errc cccd_mrz_build(const cccd_mrz_card *card, cccd_mrz *out, bool *truncated, cccd_err *err) {
    memset(out, 0, sizeof *out);
    if (truncated)
        *truncated = false;
    /* personal ID */
    const char *pid = card->personal_id;
    if (!nonempty(pid))
        return cccd_err_set(err, CCCD_E_ID_LENGTH, "personal_id", "personal_id: missing");
    size_t plen = strlen(pid);
    for (size_t i = 0; i < plen && i < 12; i++)
        if (pid[i] < '0' || pid[i] > '9')
            return cccd_err_set_pos(err, CCCD_E_ID_NONDIGIT, "personal_id", i + 1,
                                    "personal_id: character %zu is not a digit", i + 1);
    if (plen != 12)
        return cccd_err_set(err, CCCD_E_ID_LENGTH, "personal_id",
                            "personal_id: %zu characters, expected 12 digits", plen);
    /* document number */
    char docnum[10];
    if (nonempty(card->document_number)) {
        size_t n = strlen(card->document_number);
        if (n > 9)
            return cccd_err_set(err, CCCD_E_MRZ_FIELD, "document_number",
                                "document_number: %zu characters, at most 9", n);
        for (size_t i = 0; i < n; i++) {
            char c = card->document_number[i];
            if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')))
                return cccd_err_set_pos(err, CCCD_E_MRZ_FIELD, "document_number", i + 1,
                                        "document_number: character %zu is not A-Z or 0-9", i + 1);
        }
        memcpy(docnum, card->document_number, n);
        memset(docnum + n, '<', 9 - n);
    } else {
        memcpy(docnum, pid + 3, 9);
    }
    docnum[9] = '\0';
    /* nationality */
    char nat[4] = "VNM";
    if (nonempty(card->nationality)) {
        size_t n = strlen(card->nationality);
        bool ok = n <= 3;
        for (size_t i = 0; ok && i < n; i++)
            ok = card->nationality[i] >= 'A' && card->nationality[i] <= 'Z';
        if (!ok)
            return cccd_err_set(err, CCCD_E_MRZ_FIELD, "nationality",
                                "nationality: expected a code of 1 to 3 letters A-Z, like VNM");
        memcpy(nat, card->nationality, n);
        memset(nat + n, '<', 3 - n);
    }
    /* sex */
    char sex = card->sex;
    if (sex != 'M' && sex != 'F' && sex != '<')
        return cccd_err_set(err, CCCD_E_SEX, "sex", "sex: expected M, F or unspecified");
    /* dates */
    char birth[6], expiry[6];
    cccd_errc rc = put_birth(card->birth, birth, err);
    if (rc == CCCD_OK)
        rc = put_expiry(card->expiry, expiry, err);
    if (rc != CCCD_OK)
        return rc;
    /* name */
    bool cut = false;
    if (nonempty(card->full_name)) {
        if (nonempty(card->surname) || nonempty(card->given_names))
            return cccd_err_set(err, CCCD_E_ARG, "full_name",
                                "full_name: give either full_name or surname and given_names, "
                                "not both");
        rc = cccd_mrz_name_line_full(card->full_name, "full_name", out->line[2], &cut, err);
    } else if (nonempty(card->surname)) {
        rc = cccd_mrz_name_line(card->surname, card->given_names, out->line[2], &cut, err);
    } else {
        rc = cccd_err_set(err, CCCD_E_MRZ_NAME, "full_name",
                          "full_name: no name given (full_name, or surname and given_names)");
    }
    if (rc != CCCD_OK) {
        memset(out, 0, sizeof *out);
        return rc;
    }
    /* line 1: ID VNM docnum(9) check personal_id(12) << check(16-29) */
    char *l1 = out->line[0];
    memcpy(l1, "IDVNM", 5);
    memcpy(l1 + 5, docnum, 9);
    l1[14] = check_char(l1 + 5, 9);
    memcpy(l1 + 15, pid, 12);
    memcpy(l1 + 27, "<<", 2);
    l1[29] = check_char(l1 + 15, 14);
    l1[30] = '\0';
    /* line 2: birth check sex expiry check nat optional(11) composite */
    char *l2 = out->line[1];
    memcpy(l2, birth, 6);
    l2[6] = check_char(birth, 6);
    l2[7] = sex;
    memcpy(l2 + 8, expiry, 6);
    l2[14] = check_char(expiry, 6);
    memcpy(l2 + 15, nat, 3);
    memset(l2 + 18, '<', 11);
    char comp[50];
    memcpy(comp, l1 + 5, 25);
    memcpy(comp + 25, l2, 7);
    memcpy(comp + 32, l2 + 8, 7);
    memcpy(comp + 39, l2 + 18, 11);
    l2[29] = (char)('0' + cccd_mrz_check_digit(comp, sizeof comp));
    l2[30] = '\0';
    if (truncated)
        *truncated = cut;
    return CCCD_OK;
}

/* ------------------------------------------------------------------------------------------ */
/* Parsing                                                                                      */

static const struct {
    const char *name, *label;
} check_names[CCCD_MRZ_CHECK__COUNT] = {
    [CCCD_MRZ_CHECK_DOCUMENT_NUMBER] = {"document_number", "document number"},
    [CCCD_MRZ_CHECK_OPTIONAL_DATA] = {"optional_data", "optional data"},
    [CCCD_MRZ_CHECK_BIRTH_DATE] = {"date_of_birth", "birth date"},
    [CCCD_MRZ_CHECK_EXPIRY_DATE] = {"expiry", "expiry date"},
    [CCCD_MRZ_CHECK_COMPOSITE] = {"composite", "composite"},
};

const char *cccd_mrz_check_name(cccd_mrz_check_kind k) {
    return (unsigned)k < CCCD_MRZ_CHECK__COUNT ? check_names[k].name : "unknown";
}

const char *cccd_mrz_check_label(cccd_mrz_check_kind k) {
    return (unsigned)k < CCCD_MRZ_CHECK__COUNT ? check_names[k].label : "unknown";
}

/* The first problem in reading order. */
typedef struct problem {
    cccd_errc code;
    int line, col;
    char msg[200];
} problem;

static void note(problem *p, cccd_errc code, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void note(problem *p, cccd_errc code, int line, int col, const char *fmt, ...) {
    /* keep the earliest; on a tie the one noted first (bad characters are noted first) */
    if (p->code != CCCD_OK && (p->line < line || (p->line == line && p->col <= col)))
        return;
    p->code = code;
    p->line = line;
    p->col = col;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->msg, sizeof p->msg, fmt, ap);
    va_end(ap);
}

/* Copies n characters and removes trailing fillers. */
static void copy_trim(char *dst, const char *src, size_t n) {
    memcpy(dst, src, n);
    while (n > 0 && dst[n - 1] == '<')
        n--;
    dst[n] = '\0';
}

static void verify(cccd_mrz_fields *f, problem *p, cccd_mrz_check_kind k, int line, int col,
                   const char *data, size_t n, bool filler_ok) {
    cccd_mrz_verdict *v = &f->checks[k];
    v->line = line;
    v->column = col;
    v->present = true;
    v->found = f->mrz.line[line - 1][col - 1];
    int cd = cccd_mrz_check_digit(data, n);
    v->computed = cd < 0 ? '?' : (char)('0' + cd);
    v->ok = cd >= 0 &&
            (v->found == v->computed || (filler_ok && v->found == '<' && all_filler(data, n)));
    if (!v->ok && cd >= 0)
        note(p, CCCD_E_MRZ_CHECK, line, col, "%s check digit is %c, computed %c",
             cccd_mrz_check_label(k), v->found, v->computed);
}

/* Reports the first non-digit among n characters of a date field starting at col. */
static bool date_digits(problem *p, const char *s, size_t n, int col, const char *what) {
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') {
            note(p, CCCD_E_MRZ_FIELD, 2, col + (int)i, "%s: '%c' where a digit is expected", what,
                 s[i]);
            return false;
        }
    return true;
}

static void parse_birth(cccd_mrz_fields *f, problem *p, const cccd_date *today) {
    const char *s = f->mrz.line[1];
    const char *what = "birth date";
    f->birth = (cccd_date){0, 0, 0, CCCD_DATE_NONE};
    if (all_filler(s, 6))
        return; /* unknown */
    if (!date_digits(p, s, 2, 1, what))
        return;
    int yy = two_digits(s), m = 0, d = 0;
    cccd_date_prec prec = CCCD_DATE_YEAR;
    if (s[2] == '<' && s[3] == '<') {
        if (s[4] != '<' || s[5] != '<') {
            note(p, CCCD_E_MRZ_FIELD, 2, 5, "%s: a day is given without a month", what);
            return;
        }
    } else {
        if (!date_digits(p, s + 2, 2, 3, what))
            return;
        m = two_digits(s + 2);
        if (m < 1 || m > 12) {
            note(p, CCCD_E_MRZ_FIELD, 2, 3, "%s: month %02d does not exist", what, m);
            return;
        }
        prec = CCCD_DATE_MONTH;
        if (s[4] != '<' || s[5] != '<') {
            if (!date_digits(p, s + 4, 2, 5, what))
                return;
            d = two_digits(s + 4);
            prec = CCCD_DATE_DAY;
        }
    }
    /* the century: 19YY or 20YY (docs/mrz.md, "Two-digit years") */
    cccd_date cand[2];
    int ncand = 0;
    for (int c = 1900; c <= 2000; c += 100) {
        cccd_date x = {c + yy, m, d, prec};
        if (prec == CCCD_DATE_DAY && (d < 1 || d > cccd_days_in_month(c + yy, m)))
            continue;
        if (today != NULL && today->prec == CCCD_DATE_DAY &&
            cccd_date_cmp(cccd_date_earliest(x), *today) > 0)
            continue;
        cand[ncand++] = x;
    }
    if (ncand == 0) {
        if (prec == CCCD_DATE_DAY && (d < 1 || d > cccd_days_in_month(2000 + yy, m)) &&
            (d < 1 || d > cccd_days_in_month(1900 + yy, m)))
            note(p, CCCD_E_MRZ_FIELD, 2, 5, "%s: %02d/%02d is not a real day", what, d, m);
        else
            note(p, CCCD_E_MRZ_FIELD, 2, 1, "%s: %.6s is after today", what, s);
        return;
    }
    int pick = ncand - 1; /* with "today": the latest that is not in the future */
    if (ncand == 2) {
        const char *pid = f->personal_id;
        int century = -1;
        if (pid[0] != '\0' && two_digits(pid + 4) == yy) {
            if (pid[3] == '0' || pid[3] == '1')
                century = 0;
            else if (pid[3] == '2' || pid[3] == '3')
                century = 1;
        }
        if (century >= 0)
            pick = century;
        else if (today == NULL || today->prec != CCCD_DATE_DAY)
            pick = yy <= CCCD_MRZ_CENTURY_PIVOT ? 1 : 0;
    }
    f->birth = cand[pick];
}

static void parse_expiry(cccd_mrz_fields *f, problem *p) {
    const char *s = f->mrz.line[1] + 8;
    const char *what = "expiry date";
    f->expiry = (cccd_date){0, 0, 0, CCCD_DATE_NONE};
    f->no_expiry = all_filler(s, 6);
    if (f->no_expiry)
        return;
    if (!date_digits(p, s, 6, 9, what))
        return;
    int y = 2000 + two_digits(s), m = two_digits(s + 2), d = two_digits(s + 4);
    if (m < 1 || m > 12) {
        note(p, CCCD_E_MRZ_FIELD, 2, 11, "%s: month %02d does not exist", what, m);
        return;
    }
    if (d < 1 || d > cccd_days_in_month(y, m)) {
        note(p, CCCD_E_MRZ_FIELD, 2, 13, "%s: %04d-%02d has no day %02d", what, y, m, d);
        return;
    }
    f->expiry = (cccd_date){y, m, d, CCCD_DATE_DAY};
}

/* Surname and given names from line 3: '<' runs become single spaces. */
static void decode_name(const char *s, size_t n, char *out) {
    size_t o = 0;
    bool sep = false;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '<') {
            sep = o > 0;
            continue;
        }
        if (sep)
            out[o++] = ' ';
        sep = false;
        out[o++] = s[i];
    }
    out[o] = '\0';
}

static cccd_errc decode(cccd_mrz_fields *f, const cccd_date *today, cccd_err *err) {
    problem p = {CCCD_OK, 0, 0, ""};
    const char *l1 = f->mrz.line[0], *l2 = f->mrz.line[1], *l3 = f->mrz.line[2];

    /* characters outside A-Z 0-9 < */
    for (int ln = 0; ln < CCCD_MRZ_LINES; ln++)
        for (int c = 0; c < LINE_LEN; c++) {
            unsigned char ch = (unsigned char)f->mrz.line[ln][c];
            if (cccd_mrz_char_value((char)ch) >= 0)
                continue;
            if (ch >= 0x20 && ch < 0x7F)
                note(&p, CCCD_E_MRZ_CHAR, ln + 1, c + 1,
                     "character '%c' is not allowed (only A-Z, 0-9 and <)", ch);
            else
                note(&p, CCCD_E_MRZ_CHAR, ln + 1, c + 1,
                     "byte 0x%02X is not allowed (only A-Z, 0-9 and <)", ch);
            break;
        }

    /* line 1 */
    memcpy(f->document_code, l1, 2);
    f->document_code[2] = '\0';
    for (int i = 0; i < 2; i++)
        if (l1[i] != "ID"[i]) {
            note(&p, CCCD_E_MRZ_FIELD, 1, i + 1, "document code is '%.2s', expected 'ID'", l1);
            break;
        }
    copy_trim(f->issuing_state, l1 + 2, 3);
    for (int i = 0; i < 3; i++)
        if (l1[2 + i] != "VNM"[i]) {
            note(&p, CCCD_E_MRZ_FIELD, 1, 3 + i, "issuing state is '%.3s', expected 'VNM'", l1 + 2);
            break;
        }
    copy_trim(f->document_number, l1 + 5, 9);
    if (f->document_number[0] == '\0')
        note(&p, CCCD_E_MRZ_FIELD, 1, 6, "document number is empty");
    verify(f, &p, CCCD_MRZ_CHECK_DOCUMENT_NUMBER, 1, 15, l1 + 5, 9, false);
    memcpy(f->optional_data1, l1 + 15, 15);
    f->optional_data1[15] = '\0';
    if (all_digits(l1 + 15, 12) && l1[27] == '<' && l1[28] == '<') {
        memcpy(f->personal_id, l1 + 15, 12);
        f->personal_id[12] = '\0';
    }
    if (all_filler(l1 + 15, 15)) {
        cccd_mrz_verdict *v = &f->checks[CCCD_MRZ_CHECK_OPTIONAL_DATA];
        *v = (cccd_mrz_verdict){1, 30, false, '<', '<', true};
    } else {
        verify(f, &p, CCCD_MRZ_CHECK_OPTIONAL_DATA, 1, 30, l1 + 15, 14, false);
    }

    /* line 2 */
    parse_birth(f, &p, today);
    verify(f, &p, CCCD_MRZ_CHECK_BIRTH_DATE, 2, 7, l2, 6, true);
    f->sex = l2[7];
    if (f->sex != 'M' && f->sex != 'F' && f->sex != '<') {
        if (cccd_mrz_char_value(f->sex) >= 0)
            note(&p, CCCD_E_MRZ_FIELD, 2, 8, "sex is '%c', expected M, F or <", f->sex);
        f->sex = '?';
    }
    parse_expiry(f, &p);
    verify(f, &p, CCCD_MRZ_CHECK_EXPIRY_DATE, 2, 15, l2 + 8, 6, true);
    copy_trim(f->nationality, l2 + 15, 3);
    for (int i = 0; i < 3; i++) {
        char c = l2[15 + i];
        bool letter = c >= 'A' && c <= 'Z';
        bool ok = i == 0 ? letter : (letter && l2[14 + i] != '<') || c == '<';
        if (!ok) {
            note(&p, CCCD_E_MRZ_FIELD, 2, 16 + i,
                 "nationality is '%.3s', expected a code of letters like VNM", l2 + 15);
            break;
        }
    }
    memcpy(f->optional_data2, l2 + 18, 11);
    f->optional_data2[11] = '\0';
    char comp[50];
    memcpy(comp, l1 + 5, 25);
    memcpy(comp + 25, l2, 7);
    memcpy(comp + 32, l2 + 8, 7);
    memcpy(comp + 39, l2 + 18, 11);
    verify(f, &p, CCCD_MRZ_CHECK_COMPOSITE, 2, 30, comp, sizeof comp, false);

    /* line 3 */
    if (l3[0] == '<')
        note(&p, CCCD_E_MRZ_FIELD, 3, 1, "the name does not start with a letter");
    for (int i = 0; i < LINE_LEN; i++)
        if (l3[i] >= '0' && l3[i] <= '9') {
            note(&p, CCCD_E_MRZ_FIELD, 3, i + 1, "digit '%c' in the name", l3[i]);
            break;
        }
    const char *sep = strstr(l3, "<<");
    size_t slen = sep ? (size_t)(sep - l3) : LINE_LEN;
    decode_name(l3, slen, f->surname);
    if (sep)
        decode_name(sep + 2, (size_t)(l3 + LINE_LEN - (sep + 2)), f->given_names);
    else
        f->given_names[0] = '\0';

    f->valid = p.code == CCCD_OK;
    if (p.code == CCCD_OK)
        return CCCD_OK;
    char field[24];
    snprintf(field, sizeof field, "line %d", p.line);
    return cccd_err_set_pos(err, p.code, field, (size_t)p.col, "line %d, column %d: %s", p.line,
                            p.col, p.msg);
}

cccd_errc cccd_mrz_parse(const char *text, size_t len, const cccd_date *today, cccd_mrz_fields *out,
                         cccd_err *err) {
    memset(out, 0, sizeof *out);
    size_t i = 0;
    for (int ln = 1; ln <= CCCD_MRZ_LINES; ln++) {
        char field[24];
        snprintf(field, sizeof field, "line %d", ln);
        if (i >= len)
            return cccd_err_set(err, CCCD_E_MRZ_SHAPE, field,
                                "line %d is missing: the MRZ has 3 lines of 30 characters", ln);
        size_t j = i;
        while (j < len && text[j] != '\n')
            j++;
        size_t end = j;
        if (j < len && end > i && text[end - 1] == '\r')
            end--;
        if (end - i != LINE_LEN)
            return cccd_err_set(err, CCCD_E_MRZ_SHAPE, field,
                                "line %d has %zu characters, expected 30", ln, end - i);
        memcpy(out->mrz.line[ln - 1], text + i, LINE_LEN);
        out->mrz.line[ln - 1][LINE_LEN] = '\0';
        i = j < len ? j + 1 : len;
    }
    if (i < len) {
        memset(out, 0, sizeof *out);
        return cccd_err_set(err, CCCD_E_MRZ_SHAPE, "line 4",
                            "line 4: unexpected text after the third line");
    }
    return decode(out, today, err);
}

cccd_errc cccd_mrz_parse_dg1(const char *s, size_t len, const cccd_date *today,
                             cccd_mrz_fields *out, cccd_err *err) {
    memset(out, 0, sizeof *out);
    if (len != CCCD_MRZ_LINES * LINE_LEN)
        return cccd_err_set(err, CCCD_E_MRZ_SHAPE, "dg1",
                            "the DG1 MRZ has %zu characters, expected 90", len);
    for (int ln = 0; ln < CCCD_MRZ_LINES; ln++) {
        memcpy(out->mrz.line[ln], s + (size_t)ln * LINE_LEN, LINE_LEN);
        out->mrz.line[ln][LINE_LEN] = '\0';
    }
    return decode(out, today, err);
}

void cccd_mrz_bac_seed(const cccd_mrz *mrz, char out[CCCD_MRZ_BAC_SEED_LEN + 1]) {
    memcpy(out, mrz->line[0] + 5, 10);
    memcpy(out + 10, mrz->line[1], 7);
    memcpy(out + 17, mrz->line[1] + 8, 7);
    out[CCCD_MRZ_BAC_SEED_LEN] = '\0';
}
