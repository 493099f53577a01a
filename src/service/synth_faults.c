/*
 * synth_faults.c: the deliberately dirty rows of a synthetic population.
 *
 * Why: an importer has to catch what real registry extracts carry (data must be "đúng, đủ,
 * sạch, sống"), and its tests need rows known to be wrong in a known way. Each fault kind
 * below breaks exactly one field of one row, in a way a careful importer can detect without
 * guessing, and is reported with a stable code (docs/registry-csv.md lists them). Two kinds
 * add a row instead of changing one: an exact repeat of the row before, and a probable
 * duplicate (same name, date of birth and commune under a different valid ID).
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "service/synth_internal.h"

/* Codes tried for "unknown commune": the statistics office has never used 99xxx. */
static const char *const unknown_candidates[] = {"99999", "99997", "99995", "99993", "99991",
                                                 "99989", "99987", "99985", "99983", "99981"};

/* Sex values no reading of the column accepts (cccd_sex_parse refuses them all). */
static const char *const bad_sexes[] = {"X", "U", "0", "MF"};

void synth_faults_init(synth_fault_ctx *fc, const cccd_units *u) {
    fc->nunknown = 0;
    for (size_t i = 0; i < sizeof unknown_candidates / sizeof unknown_candidates[0] &&
                       fc->nunknown < sizeof fc->unknown_codes / sizeof fc->unknown_codes[0];
         i++) {
        const cccd_unit **v = NULL;
        size_t n = 0;
        cccd_err err;
        cccd_errc rc =
            cccd_units_versions(u, unknown_candidates[i], CCCD_UNIT_COMMUNE, &v, &n, &err);
        free(v);
        if (rc == CCCD_E_UNIT_UNKNOWN || (rc == CCCD_OK && n == 0))
            fc->unknown_codes[fc->nunknown++] = unknown_candidates[i];
    }
}

bool synth_fault_adds_row(synth_fault_kind k) {
    return k == SYNTH_F_DUPLICATE_ROW || k == SYNTH_F_PROBABLE_DUPLICATE;
}

static bool is_pid(const synth_rowbuf *b) {
    if (b->row.len[CCCD_SYNTH_PERSONAL_ID] != 12)
        return false;
    for (int i = 0; i < 12; i++)
        if (b->row.field[CCCD_SYNTH_PERSONAL_ID][i] < '0' ||
            b->row.field[CCCD_SYNTH_PERSONAL_ID][i] > '9')
            return false;
    return true;
}

static bool pid_sex_century(synth_fault_ctx *fc, synth_rowbuf *b, const synth_facts *f) {
    if (!is_pid(b))
        return false;
    char cand[13];
    memcpy(cand, b->row.field[CCCD_SYNTH_PERSONAL_ID], 12);
    cand[12] = '\0';
    int d = cand[3] - '0';
    /* the other sex first (same century), then the other century (same sex) */
    const int tries[2] = {d ^ 1, d ^ 2};
    for (int t = 0; t < 2; t++) {
        cand[3] = (char)('0' + tries[t]);
        if (synth_ids_taken(fc->ids, cand))
            continue;
        if (!synth_ids_add(fc->ids, cand))
            return false;
        synth_row_set(b, CCCD_SYNTH_PERSONAL_ID, cand, 12);
        if (f->has_card_number)
            synth_row_set(b, CCCD_SYNTH_CARD_NUMBER, cand, 12);
        return true;
    }
    return false;
}

static bool bad_date(synth_rowbuf *b, const synth_facts *f, synth_rng *r) {
    if (f->dob.prec != CCCD_DATE_DAY)
        return false;
    static const int md[][2] = {{2, 30}, {2, 31}, {4, 31}, {6, 31}, {9, 31}, {11, 31}, {2, 29}};
    size_t n = sizeof md / sizeof md[0];
    if (cccd_is_leap_year(f->dob.y))
        n--; /* 29 February is real in a leap year */
    size_t i = synth_rng_below(r, (uint32_t)n);
    cccd_date bad = {f->dob.y, md[i][0], md[i][1], CCCD_DATE_DAY};
    char buf[11];
    synth_row_set(b, CCCD_SYNTH_DATE_OF_BIRTH, buf, synth_fmt_date(bad, buf));
    return true;
}

static bool nfd_name(synth_rowbuf *b) {
    size_t len = b->row.len[CCCD_SYNTH_FULL_NAME];
    if (len == 0 || len >= 256)
        return false;
    char in[256];
    memcpy(in, b->row.field[CCCD_SYNTH_FULL_NAME], len);
    in[len] = '\0';
    char *nfd = (char *)utf8proc_NFD((const utf8proc_uint8_t *)in);
    if (nfd == NULL)
        return false;
    bool changed = strcmp(nfd, in) != 0;
    if (changed)
        synth_row_sets(b, CCCD_SYNTH_FULL_NAME, nfd);
    free(nfd);
    return changed;
}

static bool spaces(synth_rowbuf *b, synth_rng *r, cccd_synth_fault *out) {
    cccd_synth_col col = CCCD_SYNTH_FULL_NAME;
    if (synth_rng_below(r, 2) == 1 && b->row.len[CCCD_SYNTH_PERMANENT_ADDRESS] > 0)
        col = CCCD_SYNTH_PERMANENT_ADDRESS;
    size_t len = b->row.len[col];
    if (len == 0 || len > 250)
        return false;
    const char *s = b->row.field[col];
    char buf[256];
    const char *sp = memchr(s, ' ', len);
    uint32_t how = synth_rng_below(r, 3);
    if (how == 0 && sp != NULL) { /* a double space inside */
        size_t at = (size_t)(sp - s);
        memcpy(buf, s, at);
        buf[at] = ' ';
        memcpy(buf + at + 1, s + at, len - at);
    } else if (how == 1) { /* a leading space */
        buf[0] = ' ';
        memcpy(buf + 1, s, len);
    } else { /* a trailing space */
        memcpy(buf, s, len);
        buf[len] = ' ';
    }
    synth_row_set(b, col, buf, len + 1);
    out->field = cccd_synth_column_name(col);
    return true;
}

static bool probable_duplicate(synth_fault_ctx *fc, synth_rowbuf *b, const synth_facts *f,
                               synth_rng *r) {
    if (f->sex == CCCD_SEX_UNKNOWN || f->dob.prec == CCCD_DATE_NONE)
        return false;
    char id[13];
    cccd_err err;
    if (synth_ids_allocate(fc->ids, f->prefix, f->sex, f->dob, r, id, &err) != CCCD_OK)
        return false;
    synth_row_set(b, CCCD_SYNTH_PERSONAL_ID, id, 12);
    /* the same person registered again: no card or old number of its own, not a second head */
    synth_row_sets(b, CCCD_SYNTH_RELATION_TO_HEAD, "Khác");
    synth_row_set(b, CCCD_SYNTH_OLD_ID_NUMBER, "", 0);
    synth_row_set(b, CCCD_SYNTH_CARD_TYPE, "", 0);
    synth_row_set(b, CCCD_SYNTH_CARD_NUMBER, "", 0);
    synth_row_set(b, CCCD_SYNTH_CARD_ISSUED, "", 0);
    synth_row_set(b, CCCD_SYNTH_CARD_EXPIRY, "", 0);
    return true;
}

bool synth_fault_apply(synth_fault_ctx *fc, synth_fault_kind k, bool may_add, synth_rowbuf *b,
                       const synth_facts *f, synth_rng *r, cccd_synth_fault *out) {
    for (int attempt = 0; attempt < SYNTH_F__COUNT; attempt++) {
        synth_fault_kind kind = (synth_fault_kind)((k + attempt) % SYNTH_F__COUNT);
        if (synth_fault_adds_row(kind) != may_add)
            continue;
        out->field = cccd_synth_column_name(CCCD_SYNTH_PERSONAL_ID);
        switch (kind) {
            case SYNTH_F_PID_SEX_CENTURY:
                out->fault = "pid_sex_century";
                if (pid_sex_century(fc, b, f))
                    return true;
                break;
            case SYNTH_F_BAD_DATE:
                out->field = cccd_synth_column_name(CCCD_SYNTH_DATE_OF_BIRTH);
                out->fault = "impossible_date";
                if (bad_date(b, f, r))
                    return true;
                break;
            case SYNTH_F_NFD_NAME:
                out->field = cccd_synth_column_name(CCCD_SYNTH_FULL_NAME);
                out->fault = "nfd";
                if (nfd_name(b))
                    return true;
                break;
            case SYNTH_F_SPACES:
                out->fault = "spaces";
                if (spaces(b, r, out))
                    return true;
                break;
            case SYNTH_F_DUPLICATE_ROW:
                out->fault = "duplicate_row";
                return true;
            case SYNTH_F_PROBABLE_DUPLICATE:
                out->fault = "probable_duplicate";
                if (probable_duplicate(fc, b, f, r))
                    return true;
                break;
            case SYNTH_F_MISSING: {
                cccd_synth_col col =
                    synth_rng_below(r, 2) ? CCCD_SYNTH_FULL_NAME : CCCD_SYNTH_DATE_OF_BIRTH;
                out->field = cccd_synth_column_name(col);
                out->fault = "missing";
                synth_row_set(b, col, "", 0);
                return true;
            }
            case SYNTH_F_UNKNOWN_COMMUNE:
                out->field = cccd_synth_column_name(CCCD_SYNTH_PERMANENT_COMMUNE);
                out->fault = "unknown_commune";
                if (fc->nunknown > 0) {
                    synth_row_sets(b, CCCD_SYNTH_PERMANENT_COMMUNE,
                                   fc->unknown_codes[synth_rng_below(r, (uint32_t)fc->nunknown)]);
                    return true;
                }
                break;
            case SYNTH_F_BAD_SEX:
                out->field = cccd_synth_column_name(CCCD_SYNTH_SEX);
                out->fault = "bad_sex";
                synth_row_sets(b, CCCD_SYNTH_SEX, bad_sexes[synth_rng_below(r, 4)]);
                return true;
            case SYNTH_F__COUNT:
                break;
        }
    }
    return false;
}
