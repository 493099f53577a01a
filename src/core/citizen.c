/*
 * citizen.c: validating and normalising a registry record (see citizen.h).
 */
#include "core/citizen.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#define XXH_STATIC_LINKING_ONLY /* XXH3_state_t on the stack */
#include <xxhash.h>

#include "core/text.h"
#include "core/text_internal.h"
#include "core/validity.h"

static const char *const cf_names[CCCD_CF__COUNT] = {
    "personal_id",       "full_name",         "date_of_birth",     "sex",
    "ethnicity",         "religion",          "nationality",       "place_of_origin",
    "permanent_commune", "permanent_address", "household_id",      "relation_to_head",
    "residential_group", "temporary_commune", "temporary_address", "status",
    "mobility",          "old_id_number",     "card_type",         "card_number",
    "card_issued",       "card_expiry",       "father_name",       "mother_name",
    "spouse_name",
};

const char *cccd_cf_name(cccd_cf f) {
    return (int)f >= 0 && f < CCCD_CF__COUNT ? cf_names[f] : NULL;
}

int cccd_cf_by_name(const char *name, size_t len) {
    for (int i = 0; i < CCCD_CF__COUNT; i++)
        if (strlen(cf_names[i]) == len && memcmp(cf_names[i], name, len) == 0)
            return i;
    return -1;
}

bool cccd_cf_required(cccd_cf f) {
    /* docs/registry-csv.md, the "mandatory" column */
    switch (f) {
        case CCCD_CF_PERSONAL_ID:
        case CCCD_CF_FULL_NAME:
        case CCCD_CF_DATE_OF_BIRTH:
        case CCCD_CF_SEX:
        case CCCD_CF_ETHNICITY:
        case CCCD_CF_RELIGION:
        case CCCD_CF_NATIONALITY:
        case CCCD_CF_PLACE_OF_ORIGIN:
        case CCCD_CF_PERMANENT_COMMUNE:
        case CCCD_CF_PERMANENT_ADDRESS:
        case CCCD_CF_HOUSEHOLD_ID:
        case CCCD_CF_RELATION_TO_HEAD:
        case CCCD_CF_RESIDENTIAL_GROUP:
        case CCCD_CF_STATUS:
        case CCCD_CF_MOBILITY:
            return true;
        default:
            return false;
    }
}

const char *cccd_rule_name(cccd_rule r) {
    switch (r) {
        case CCCD_RULE_DUNG:
            return "đúng";
        case CCCD_RULE_DU:
            return "đủ";
        case CCCD_RULE_SACH:
            return "sạch";
        default:
            return "sống";
    }
}

void cccd_citizen_clear(cccd_citizen *c) {
    if (c->strings != NULL) { /* every string is in the one block */
        free(c->strings);
        memset(c, 0, sizeof *c);
        return;
    }
    char **strs[] = {&c->full_name,         &c->name_key,          &c->ethnicity,
                     &c->religion,          &c->nationality,       &c->place_of_origin,
                     &c->permanent_address, &c->household_id,      &c->relation_to_head,
                     &c->residential_group, &c->temporary_address, &c->father_name,
                     &c->mother_name,       &c->spouse_name};
    for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++)
        free(*strs[i]);
    memset(c, 0, sizeof *c);
}

static void issue(cccd_issues *is, cccd_cf f, cccd_rule rule, bool error, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void issue(cccd_issues *is, cccd_cf f, cccd_rule rule, bool error, const char *fmt, ...) {
    if (error)
        is->errors++;
    else
        is->warnings++;
    if (is->n >= CCCD_MAX_ISSUES)
        return;
    cccd_issue *x = &is->v[is->n++];
    x->field = f;
    x->rule = rule;
    x->error = error;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(x->reason, sizeof x->reason, fmt, ap);
    va_end(ap);
}

/* A field as a NUL-terminated copy on the stack (fields longer than the buffer are cut and
 * flagged by the caller through `too_long`). */
#define FIELD_MAX 1024

static bool field_copy(const cccd_citizen_raw *raw, cccd_cf f, char buf[FIELD_MAX]) {
    size_t n = raw->len[f];
    bool fits = n < FIELD_MAX;
    if (!fits)
        n = FIELD_MAX - 1;
    if (n)
        memcpy(buf, raw->f[f], n);
    buf[n] = '\0';
    return fits;
}

/* True when the field has something other than white space. */
static bool present(const cccd_citizen_raw *raw, cccd_cf f) {
    for (size_t i = 0; i < raw->len[f]; i++) {
        char ch = raw->f[f][i];
        if (ch != ' ' && ch != '\t' && ch != '\r' && ch != '\n')
            return true;
    }
    return false;
}

/* Cleans a text field into *out (owned); a value that changed in cleaning is a "sạch" warning,
 * invalid UTF-8 an error. Returns false when memory runs out. */
/* True when cleaning cannot change the text: valid UTF-8 made only of printable ASCII, single
 * inner spaces, and precomposed Latin letters (U+00C0-U+024F, the Vietnamese block
 * U+1E00-U+1EFF), which NFC leaves as they are. Most registry fields pass, and then skip the
 * normaliser entirely (the import handles millions of rows). */
static bool already_clean(const unsigned char *s, size_t n) {
    if (n == 0)
        return true;
    if (s[0] == ' ' || s[n - 1] == ' ')
        return false;
    for (size_t i = 0; i < n;) {
        unsigned char c = s[i];
        if (c >= 0x21 && c <= 0x7e) {
            i++;
        } else if (c == ' ') {
            if (s[i + 1] == ' ')
                return false;
            i++;
        } else if (c >= 0xc3 && c <= 0xc9) { /* U+00C0..U+027F */
            if (i + 1 >= n || (s[i + 1] & 0xc0) != 0x80 || (c == 0xc9 && s[i + 1] > 0x8f))
                return false;
            i += 2;
        } else if (c == 0xe1) { /* U+1E00..U+1EFF */
            if (i + 2 >= n || s[i + 1] < 0xb8 || s[i + 1] > 0xbb || (s[i + 2] & 0xc0) != 0x80)
                return false;
            i += 3;
        } else {
            return false;
        }
    }
    return true;
}

/* A record's strings, written one after another into one block (one allocation a record instead
 * of one a string): offsets while it is written, as the block may move when it grows. */
typedef struct str_block {
    char *buf;
    size_t n, cap;
} str_block;

#define NO_STRING SIZE_MAX

static bool block_reserve(str_block *b, size_t more) {
    if (b->cap - b->n >= more)
        return true;
    size_t nc = b->cap ? b->cap : 256;
    while (nc - b->n < more)
        nc *= 2;
    char *nb = realloc(b->buf, nc);
    if (nb == NULL)
        return false;
    b->buf = nb;
    b->cap = nc;
    return true;
}

/* Appends s[0..n) and a NUL; its offset, or NO_STRING when memory runs out. */
static size_t block_add(str_block *b, const char *s, size_t n) {
    if (!block_reserve(b, n + 1))
        return NO_STRING;
    size_t off = b->n;
    if (n)
        memcpy(b->buf + off, s, n);
    b->buf[off + n] = '\0';
    b->n += n + 1;
    return off;
}

/* Appends the result of op on in[0..len): the fast path writes it in place; otherwise the text.h
 * function (*slow) computes it and it is copied. Its offset in *off; CCCD_E_NOMEM or the text
 * function's error. */
static cccd_errc
block_text(str_block *b, cccd_text_op op,
           cccd_errc (*slow)(const char *, size_t, const char *, char **, cccd_err *),
           const char *in, size_t len, const char *field, size_t *off, cccd_err *e) {
    size_t cap = len + len / 2 + 5, n;
    if (!block_reserve(b, cap))
        return cccd_err_set(e, CCCD_E_NOMEM, field, "out of memory");
    if (cccd_text_fast(op, in, len, b->buf + b->n, cap, &n)) {
        *off = b->n;
        b->n += n + 1;
        return CCCD_OK;
    }
    char *t = NULL;
    cccd_errc rc = slow(in, len, field, &t, e);
    if (rc == CCCD_OK && (*off = block_add(b, t, strlen(t))) == NO_STRING)
        rc = cccd_err_set(e, CCCD_E_NOMEM, field, "out of memory");
    free(t);
    return rc;
}

/* Cleans a text field into the block (its offset in *off, NO_STRING when the field is refused);
 * a value that changed in cleaning is a "sạch" warning, invalid UTF-8 an error. Names also get
 * their name form (title case). Returns false when memory runs out. */
static bool clean_text(const cccd_citizen_raw *raw, cccd_cf f, bool name_form, str_block *b,
                       size_t *off, cccd_issues *is, cccd_err *err) {
    const char *in = raw->f[f] ? raw->f[f] : "";
    size_t len = raw->len[f];
    cccd_err e;
    cccd_errc rc = CCCD_OK;
    *off = NO_STRING;
    if (already_clean((const unsigned char *)in, len)) {
        if (name_form)
            rc = block_text(b, CCCD_TEXT_TITLE, cccd_text_title, in, len, cf_names[f], off, &e);
        else if ((*off = block_add(b, in, len)) == NO_STRING)
            rc = CCCD_E_NOMEM;
    } else {
        char *clean = NULL;
        rc = cccd_text_clean(in, len, cf_names[f], &clean, &e);
        if (rc == CCCD_OK && (strlen(clean) != len || memcmp(clean, in, len) != 0))
            issue(is, f, CCCD_RULE_SACH, false, "%s: normalised (spaces or Unicode form)",
                  cf_names[f]);
        if (rc == CCCD_OK && name_form)
            rc = block_text(b, CCCD_TEXT_TITLE, cccd_text_title, clean, strlen(clean), cf_names[f],
                            off, &e);
        else if (rc == CCCD_OK && (*off = block_add(b, clean, strlen(clean))) == NO_STRING)
            rc = CCCD_E_NOMEM;
        free(clean);
    }
    if (rc == CCCD_E_NOMEM) {
        cccd_err_set(err, CCCD_E_NOMEM, cf_names[f], "out of memory");
        return false;
    }
    if (rc != CCCD_OK) {
        issue(is, f, CCCD_RULE_DUNG, true, "%s", e.msg);
        *off = NO_STRING;
        return true;
    }
    if (len >= FIELD_MAX)
        issue(is, f, CCCD_RULE_SACH, true, "%s: longer than %d bytes", cf_names[f], FIELD_MAX - 1);
    return true;
}

static const cccd_unit *commune_at(const cccd_units *units, const cccd_citizen_raw *raw, cccd_cf f,
                                   cccd_date as_of, cccd_issues *is) {
    char code[FIELD_MAX];
    field_copy(raw, f, code);
    size_t n = strlen(code);
    bool digits = n == 5;
    for (size_t i = 0; i < n && digits; i++)
        digits = code[i] >= '0' && code[i] <= '9';
    if (!digits) {
        issue(is, f, CCCD_RULE_DUNG, true, "%s: '%.20s' is not a 5-digit commune code", cf_names[f],
              code);
        return NULL;
    }
    cccd_err e;
    const cccd_unit *u = cccd_units_lookup(units, code, CCCD_UNIT_COMMUNE, as_of, &e);
    if (u == NULL)
        issue(is, f, CCCD_RULE_DUNG, true, "%s: %s", cf_names[f], e.msg);
    return u;
}

static bool all_digits(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

static void hash_str(XXH3_state_t *h, const char *s) {
    if (s)
        XXH3_64bits_update(h, s, strlen(s) + 1);
    else
        XXH3_64bits_update(h, "", 1);
}

static void hash_i64(XXH3_state_t *h, int64_t v) {
    XXH3_64bits_update(h, &v, sizeof v);
}

static int64_t date_days_or(cccd_date d, int64_t none) {
    return d.prec == CCCD_DATE_DAY ? cccd_date_to_days(d) : none;
}

static uint64_t content_hash(const cccd_citizen *c) {
    XXH3_state_t h;
    XXH3_64bits_reset(&h);
    hash_str(&h, c->personal_id);
    hash_str(&h, c->full_name);
    hash_i64(&h, ((int64_t)c->dob.y * 100 + c->dob.m) * 100 + c->dob.d);
    hash_i64(&h, c->dob.prec);
    hash_i64(&h, c->sex);
    hash_str(&h, c->ethnicity);
    hash_str(&h, c->religion);
    hash_str(&h, c->nationality);
    hash_str(&h, c->place_of_origin);
    hash_str(&h, c->permanent_unit ? c->permanent_unit->code : "");
    hash_i64(&h, c->permanent_unit ? date_days_or(c->permanent_unit->valid_from, 0) : 0);
    hash_str(&h, c->permanent_address);
    hash_str(&h, c->household_id);
    hash_str(&h, c->relation_to_head);
    hash_str(&h, c->residential_group);
    hash_str(&h, c->temporary_unit ? c->temporary_unit->code : "");
    hash_i64(&h, c->temporary_unit ? date_days_or(c->temporary_unit->valid_from, 0) : 0);
    hash_str(&h, c->temporary_address);
    /* normal and immobile hash as they did before `unknown` existed (stored hashes stay valid) */
    hash_i64(&h, c->deceased * 2 + (c->mobility == CCCD_MOBILITY_IMMOBILE) +
                     4 * (c->mobility == CCCD_MOBILITY_UNKNOWN));
    hash_str(&h, c->old_id_number);
    hash_i64(&h, c->card_type);
    hash_str(&h, c->card_number);
    hash_i64(&h, date_days_or(c->card_issued, INT64_MIN));
    hash_i64(&h, date_days_or(c->card_expiry, INT64_MAX));
    hash_str(&h, c->father_name);
    hash_str(&h, c->mother_name);
    hash_str(&h, c->spouse_name);
    return XXH3_64bits_digest(&h);
}

static void validate_card(const cccd_citizen_raw *raw, cccd_citizen *c, cccd_date as_of,
                          cccd_issues *is) {
    char buf[FIELD_MAX];
    bool has_number = present(raw, CCCD_CF_CARD_NUMBER);
    bool has_type = present(raw, CCCD_CF_CARD_TYPE);
    bool has_issued = present(raw, CCCD_CF_CARD_ISSUED);
    if (!has_number && !has_type && !has_issued) {
        if (present(raw, CCCD_CF_CARD_EXPIRY))
            issue(is, CCCD_CF_CARD_EXPIRY, CCCD_RULE_DUNG, false,
                  "card_expiry: given without a card: ignored");
        return;
    }
    /* a card: number and issue date are needed; a broken card is dropped with a warning so the
     * person is still loaded (and counted as needing a card) */
    const char *why = NULL;
    cccd_cf where = CCCD_CF_CARD_NUMBER;
    field_copy(raw, CCCD_CF_CARD_NUMBER, buf);
    size_t n = strlen(buf);
    if (!has_number)
        why = "card_number: missing for the card";
    else if (n != 12 || !all_digits(buf, n))
        why = "card_number: not 12 digits";
    else
        memcpy(c->card_number, buf, 13);
    cccd_date issued = {0};
    if (!why) {
        where = CCCD_CF_CARD_ISSUED;
        field_copy(raw, CCCD_CF_CARD_ISSUED, buf);
        cccd_err e;
        if (!has_issued)
            why = "card_issued: missing for the card";
        else if (cccd_date_parse_full(buf, "card_issued", &issued, &e) != CCCD_OK) {
            issue(is, CCCD_CF_CARD_ISSUED, CCCD_RULE_DUNG, false, "%s: card ignored", e.msg);
            c->card_number[0] = '\0';
            return;
        } else if (cccd_date_cmp(issued, as_of) > 0)
            why = "card_issued: after the extract's date";
    }
    cccd_card_type type = CCCD_CARD_NONE;
    if (!why) {
        where = CCCD_CF_CARD_TYPE;
        field_copy(raw, CCCD_CF_CARD_TYPE, buf);
        if (!has_type) /* the chip card replaced the barcode card in 2021 */
            type = issued.y >= 2021 ? CCCD_CARD_CHIP : CCCD_CARD_BARCODE;
        else if (strcasecmp(buf, "chip") == 0)
            type = CCCD_CARD_CHIP;
        else if (strcasecmp(buf, "barcode") == 0)
            type = CCCD_CARD_BARCODE;
        else
            why = "card_type: not chip or barcode";
    }
    cccd_expiry rule;
    cccd_err e;
    if (!why && cccd_card_expiry(c->dob, issued, &rule, &e) != CCCD_OK) {
        where = CCCD_CF_CARD_ISSUED;
        issue(is, where, CCCD_RULE_DUNG, false, "%s: card ignored", e.msg);
        c->card_number[0] = '\0';
        return;
    }
    if (why) {
        issue(is, where, CCCD_RULE_DUNG, false, "%s: card ignored", why);
        c->card_number[0] = '\0';
        return;
    }
    c->card_type = type;
    c->card_issued = issued;
    if (strcmp(c->card_number, c->personal_id) != 0 && type == CCCD_CARD_CHIP)
        issue(is, CCCD_CF_CARD_NUMBER, CCCD_RULE_DUNG, false,
              "card_number: %s differs from the personal ID", c->card_number);
    field_copy(raw, CCCD_CF_CARD_EXPIRY, buf);
    char want[11] = "none", got[11];
    if (!rule.none)
        cccd_date_iso(rule.date, want);
    if (!present(raw, CCCD_CF_CARD_EXPIRY)) {
        c->card_expiry = (cccd_date){0};
        if (!rule.none)
            issue(is, CCCD_CF_CARD_EXPIRY, CCCD_RULE_DUNG, false,
                  "card_expiry: empty (no expiry) but the rule gives %s", want);
        return;
    }
    cccd_date exp;
    if (cccd_date_parse_full(buf, "card_expiry", &exp, &e) != CCCD_OK) {
        issue(is, CCCD_CF_CARD_EXPIRY, CCCD_RULE_DUNG, false, "%s: the rule's %s is used", e.msg,
              want);
        c->card_expiry = rule.none ? (cccd_date){0} : rule.date;
        return;
    }
    c->card_expiry = exp;
    if (rule.none || cccd_date_cmp(exp, rule.date) != 0)
        issue(is, CCCD_CF_CARD_EXPIRY, CCCD_RULE_DUNG, false,
              "card_expiry: %s differs from the rule's %s (kept as printed)",
              cccd_date_iso(exp, got), want);
}

cccd_errc cccd_citizen_validate(const cccd_citizen_raw *raw, const cccd_units *units,
                                cccd_date as_of, bool lenient_ids, cccd_citizen *out,
                                cccd_issues *is, cccd_err *err) {
    memset(out, 0, sizeof *out);
    is->n = is->errors = is->warnings = 0; /* the kept issues are v[0..n): no need to clear v */
    char buf[FIELD_MAX];
    cccd_err e;

    /* đủ: mandatory fields */
    for (int f = 0; f < CCCD_CF__COUNT; f++)
        if (cccd_cf_required(f) && !present(raw, f))
            issue(is, f, CCCD_RULE_DU, true, "%s: missing", cf_names[f]);

    /* đúng: date of birth, sex, then the ID against them */
    if (present(raw, CCCD_CF_DATE_OF_BIRTH)) {
        field_copy(raw, CCCD_CF_DATE_OF_BIRTH, buf);
        if (cccd_date_parse(buf, "date_of_birth", &out->dob, &e) != CCCD_OK)
            issue(is, CCCD_CF_DATE_OF_BIRTH, CCCD_RULE_DUNG, true, "%s", e.msg);
        else if (cccd_date_cmp(cccd_date_earliest(out->dob), as_of) > 0)
            issue(is, CCCD_CF_DATE_OF_BIRTH, CCCD_RULE_DUNG, true,
                  "date_of_birth: after the extract's date");
        else if (out->dob.y < 1900)
            issue(is, CCCD_CF_DATE_OF_BIRTH, CCCD_RULE_DUNG, true, "date_of_birth: before 1900");
    }
    if (present(raw, CCCD_CF_SEX)) {
        field_copy(raw, CCCD_CF_SEX, buf);
        if (cccd_sex_parse(buf, "sex", &out->sex, &e) != CCCD_OK)
            issue(is, CCCD_CF_SEX, CCCD_RULE_DUNG, true, "%s", e.msg);
    }
    if (present(raw, CCCD_CF_PERSONAL_ID)) {
        cccd_pid_facts facts = {.sex = out->sex, .today = as_of, .lenient = lenient_ids};
        facts.dob = out->dob;
        cccd_pid pid;
        if (cccd_pid_parse(raw->f[CCCD_CF_PERSONAL_ID], raw->len[CCCD_CF_PERSONAL_ID], &facts, &pid,
                           &e) != CCCD_OK)
            issue(is, CCCD_CF_PERSONAL_ID, CCCD_RULE_DUNG, true, "%s", e.msg);
        else {
            memcpy(out->personal_id, pid.digits, 13);
            if (pid.warning[0])
                issue(is, CCCD_CF_PERSONAL_ID, CCCD_RULE_DUNG, false, "personal_id: %s",
                      pid.warning);
        }
    }

    /* units at the extract's date */
    if (present(raw, CCCD_CF_PERMANENT_COMMUNE)) {
        out->permanent_unit = commune_at(units, raw, CCCD_CF_PERMANENT_COMMUNE, as_of, is);
        const cccd_unit *p = out->permanent_unit;
        while (p && p->parent)
            p = p->parent;
        if (p)
            memcpy(out->province, p->code, 3);
    }
    if (present(raw, CCCD_CF_TEMPORARY_COMMUNE)) {
        out->temporary_unit = commune_at(units, raw, CCCD_CF_TEMPORARY_COMMUNE, as_of, is);
        if (out->temporary_unit && out->temporary_unit == out->permanent_unit)
            issue(is, CCCD_CF_TEMPORARY_COMMUNE, CCCD_RULE_DUNG, false,
                  "temporary_commune: the same as the permanent commune");
        if (!present(raw, CCCD_CF_TEMPORARY_ADDRESS))
            issue(is, CCCD_CF_TEMPORARY_ADDRESS, CCCD_RULE_DU, false,
                  "temporary_address: missing for a temporary residence");
    } else if (present(raw, CCCD_CF_TEMPORARY_ADDRESS)) {
        issue(is, CCCD_CF_TEMPORARY_COMMUNE, CCCD_RULE_DU, true,
              "temporary_commune: missing for the temporary address");
    }

    /* status and mobility (sống) */
    if (present(raw, CCCD_CF_STATUS)) {
        field_copy(raw, CCCD_CF_STATUS, buf);
        if (strcasecmp(buf, "alive") == 0)
            out->deceased = false;
        else if (strcasecmp(buf, "deceased") == 0)
            out->deceased = true;
        else
            issue(is, CCCD_CF_STATUS, CCCD_RULE_SONG, true,
                  "status: '%.20s' is not alive or deceased", buf);
    }
    if (present(raw, CCCD_CF_MOBILITY)) {
        field_copy(raw, CCCD_CF_MOBILITY, buf);
        if (strcasecmp(buf, "immobile") == 0)
            out->mobility = CCCD_MOBILITY_IMMOBILE;
        else if (strcasecmp(buf, "unknown") == 0)
            out->mobility = CCCD_MOBILITY_UNKNOWN;
        else if (strcasecmp(buf, "normal") != 0)
            issue(is, CCCD_CF_MOBILITY, CCCD_RULE_DUNG, true,
                  "mobility: '%.20s' is not normal, immobile or unknown", buf);
        /* unknown whereabouts contradicts a declared temporary residence: that says where */
        if (out->mobility == CCCD_MOBILITY_UNKNOWN && present(raw, CCCD_CF_TEMPORARY_COMMUNE)) {
            out->mobility = CCCD_MOBILITY_NORMAL;
            issue(is, CCCD_CF_MOBILITY, CCCD_RULE_DUNG, false,
                  "mobility: unknown with a temporary residence declared; read as normal");
        }
    }
    if (present(raw, CCCD_CF_OLD_ID_NUMBER)) {
        field_copy(raw, CCCD_CF_OLD_ID_NUMBER, buf);
        if (strlen(buf) == 9 && all_digits(buf, 9))
            memcpy(out->old_id_number, buf, 10);
        else
            issue(is, CCCD_CF_OLD_ID_NUMBER, CCCD_RULE_DUNG, false,
                  "old_id_number: '%.20s' is not 9 digits: dropped", buf);
    }

    /* sạch: text */
    static const struct {
        cccd_cf f;
        bool name;
        size_t off;
    } texts[] = {
        {CCCD_CF_FULL_NAME, true, offsetof(cccd_citizen, full_name)},
        {CCCD_CF_ETHNICITY, false, offsetof(cccd_citizen, ethnicity)},
        {CCCD_CF_RELIGION, false, offsetof(cccd_citizen, religion)},
        {CCCD_CF_NATIONALITY, false, offsetof(cccd_citizen, nationality)},
        {CCCD_CF_PLACE_OF_ORIGIN, false, offsetof(cccd_citizen, place_of_origin)},
        {CCCD_CF_PERMANENT_ADDRESS, false, offsetof(cccd_citizen, permanent_address)},
        {CCCD_CF_HOUSEHOLD_ID, false, offsetof(cccd_citizen, household_id)},
        {CCCD_CF_RELATION_TO_HEAD, false, offsetof(cccd_citizen, relation_to_head)},
        {CCCD_CF_RESIDENTIAL_GROUP, false, offsetof(cccd_citizen, residential_group)},
        {CCCD_CF_TEMPORARY_ADDRESS, false, offsetof(cccd_citizen, temporary_address)},
        {CCCD_CF_FATHER_NAME, true, offsetof(cccd_citizen, father_name)},
        {CCCD_CF_MOTHER_NAME, true, offsetof(cccd_citizen, mother_name)},
        {CCCD_CF_SPOUSE_NAME, true, offsetof(cccd_citizen, spouse_name)},
    };
    enum { NTEXTS = sizeof texts / sizeof texts[0] };
    size_t off[NTEXTS], key_off = NO_STRING, need = 0;
    for (size_t i = 0; i < NTEXTS; i++)
        need += raw->len[texts[i].f] + raw->len[texts[i].f] / 2 + 5;
    str_block b = {0};
    bool ok = block_reserve(&b, need + raw->len[CCCD_CF_FULL_NAME] * 2 + 8);
    if (!ok)
        cccd_err_set(err, CCCD_E_NOMEM, "file", "out of memory");
    for (size_t i = 0; i < NTEXTS && ok; i++)
        ok = clean_text(raw, texts[i].f, texts[i].name, &b, &off[i], is, err);
    if (!ok) {
        free(b.buf);
        cccd_citizen_clear(out);
        return CCCD_E_NOMEM;
    }
    if (off[0] != NO_STRING) { /* the search key of the full name */
        /* the name is copied first: the block may move while the key is written */
        size_t name_len = strlen(b.buf + off[0]);
        char small[256], *name = name_len < sizeof small ? small : malloc(name_len + 1);
        cccd_errc krc =
            name ? CCCD_OK : cccd_err_set(&e, CCCD_E_NOMEM, "full_name", "out of memory");
        if (name) {
            memcpy(name, b.buf + off[0], name_len + 1);
            krc = block_text(&b, CCCD_TEXT_KEY, cccd_text_key, name, name_len, "full_name",
                             &key_off, &e);
            if (name != small)
                free(name);
        }
        if (krc != CCCD_OK) {
            free(b.buf);
            cccd_citizen_clear(out);
            return cccd_err_set(err, e.code, "full_name", "%s", e.msg);
        }
    }
    out->strings = b.buf;
    for (size_t i = 0; i < NTEXTS; i++)
        *(char **)((char *)out + texts[i].off) = off[i] == NO_STRING ? NULL : b.buf + off[i];
    out->name_key = key_off == NO_STRING ? NULL : b.buf + key_off;
    if (is->errors == 0 && out->dob.prec != CCCD_DATE_NONE)
        validate_card(raw, out, as_of, is);

    if (is->errors > 0) {
        cccd_citizen_clear(out);
        return cccd_err_set(err, CCCD_E_ARG,
                            is->v[0].field < CCCD_CF__COUNT ? cf_names[is->v[0].field] : "", "%s",
                            is->v[0].reason);
    }
    out->content_hash = content_hash(out);
    return CCCD_OK;
}

int64_t cccd_citizen_eligible_from(cccd_date dob) {
    return cccd_date_to_days(cccd_date_add_years(cccd_date_latest(dob), 14));
}

cccd_citizen_status cccd_citizen_status_on(int64_t day, bool deceased, int64_t eligible_from,
                                           bool chip, int64_t card_issued, int64_t card_expiry) {
    cccd_citizen_status s = {0};
    s.resident = !deceased;
    s.eligible = s.resident && day >= eligible_from;
    s.valid_card = s.eligible && chip && day >= card_issued && day <= card_expiry;
    return s;
}
