/*
 * synth.c: the synthetic population generator's main loop: households, the persons in them,
 * their papers, and the rows handed to the caller's sink (see synth.h).
 *
 * Why it is shaped like this: rows are produced household by household with everything a
 * household needs held in one fixed struct, so memory does not grow with the population and
 * the only per-row work is drawing numbers and copying text into a row arena. One PRNG stream
 * drives every choice in a fixed order, which is what makes the output depend on nothing but
 * the configuration and the seed.
 *
 * The shape of the population (docs/synth.md): household sizes 1-8 (mean ~3.5), a head chosen
 * from an age distribution of heads, then a spouse, children born to the mother at 20-38, the
 * head's parents in some young households, married sons with their wives and grandchildren in
 * some older ones, siblings in some very young ones. The resulting ages follow Vietnam's 2019
 * pyramid in broad bands. Cards: most adults hold a chip card issued 2021-2024 (exchanged when
 * it has expired since), others a barcode card (2016-2021) or only a 9-digit CMND.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "core/citizen.h"
#include "core/province.h"
#include "core/validity.h"
#include "service/synth_internal.h"

/* The columns are the registry's (citizen.h), in the same order: one list of names. */
_Static_assert((int)CCCD_SYNTH_NCOLS == (int)CCCD_CF__COUNT, "synth and registry columns");
_Static_assert((int)CCCD_SYNTH_SPOUSE_NAME == (int)CCCD_CF_SPOUSE_NAME, "synth column order");
_Static_assert((int)CCCD_SYNTH_PERMANENT_COMMUNE == (int)CCCD_CF_PERMANENT_COMMUNE,
               "synth column order");

const char *cccd_synth_column_name(cccd_synth_col col) {
    return cccd_cf_name((cccd_cf)col);
}

#define MAX_HH 8
#define NAME_MAX_LEN 96

typedef struct person {
    char name[NAME_MAX_LEN];
    const synth_word *family; /* the family name (children take their father's) */
    cccd_sex sex;
    cccd_date dob;  /* full date */
    bool year_only; /* the record carries the year of birth only */
    int age;        /* completed years at cfg->at */
    const char *relation;
    int father, mother, spouse; /* indexes in the household, -1 when not in it */
    char father_name[NAME_MAX_LEN], mother_name[NAME_MAX_LEN], spouse_name[NAME_MAX_LEN];
    const char *ethnicity, *religion;
} person;

typedef struct household {
    person p[MAX_HH];
    int n;
    synth_commune *commune;
    char id[16];
    char group[32];
    size_t group_len;
    char address[192];
    size_t address_len;
    const char *origin;
} household;

typedef struct gen {
    const cccd_synth_config *cfg;
    const cccd_synth_sink *sink;
    synth_rng rng;
    synth_pick family, middle_m, middle_f, given_m, given_f, ethnicity, religion, street;
    synth_pick head_age, hh_size;
    synth_place home, away;
    synth_ids *ids;
    synth_fault_ctx fc;
    cccd_date at;
    int64_t at_days;
    uint64_t emitted;
    uint32_t dirty_ppm;
    uint64_t cmnd_counter, cmnd_offset;
    synth_rowbuf row, extra;
    household hh;
} gen;

/* ---- the distributions that are not word tables ---- */

/* Household heads by 5-year age band starting at 18 (text unused). */
static const synth_word head_age_bands[] = {
    {"18", 30},  {"25", 70}, {"30", 100}, {"35", 110}, {"40", 110}, {"45", 110}, {"50", 110},
    {"55", 100}, {"60", 90}, {"65", 70},  {"70", 50},  {"75", 30},  {"80", 20},  {"85", 10},
};
static const int head_age_lo[] = {18, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85};
static const int head_age_hi[] = {24, 29, 34, 39, 44, 49, 54, 59, 64, 69, 74, 79, 84, 96};

/* Household sizes 1..8. */
static const synth_word hh_sizes[] = {{"1", 11}, {"2", 19}, {"3", 22}, {"4", 25},
                                      {"5", 12}, {"6", 6},  {"7", 3},  {"8", 2}};

static void pick_init_static(synth_pick *p, const synth_word *w, size_t n) {
    p->w = w;
    p->n = n;
    uint32_t sum = 0;
    for (size_t i = 0; i < n; i++) {
        sum += w[i].weight;
        p->cum[i] = sum;
    }
}

/* ---- names ---- */

static size_t append(char *dst, size_t at, const char *s) {
    size_t l = strlen(s);
    if (at + l + 1 >= NAME_MAX_LEN)
        l = NAME_MAX_LEN - 1 - at;
    memcpy(dst + at, s, l);
    dst[at + l] = '\0';
    return at + l;
}

/* "Family Middle [Middle2] Given" for a person of that sex born in birth_year. */
static void make_name(gen *g, const synth_word *family, cccd_sex sex, int birth_year,
                      char out[NAME_MAX_LEN]) {
    const synth_pick *mid = sex == CCCD_SEX_MALE ? &g->middle_m : &g->middle_f;
    const synth_pick *giv = sex == CCCD_SEX_MALE ? &g->given_m : &g->given_f;
    size_t m = synth_pick_index(mid, &g->rng);
    if (m == 0 && birth_year >= 1995 && synth_rng_below(&g->rng, 2) == 0)
        m = synth_pick_index(mid, &g->rng); /* Văn and Thị are rarer among the young */
    size_t at = append(out, 0, family->text);
    at = append(out, at, " ");
    at = append(out, at, mid->w[m].text);
    if (sex == CCCD_SEX_FEMALE && synth_rng_below(&g->rng, 100) < 8) {
        size_t m2 = synth_pick_index(mid, &g->rng);
        if (m2 != m && m2 != 0) {
            at = append(out, at, " ");
            at = append(out, at, mid->w[m2].text);
        }
    }
    at = append(out, at, " ");
    append(out, at, synth_pick_text(giv, &g->rng));
}

static const synth_word *pick_family(gen *g) {
    return &g->family.w[synth_pick_index(&g->family, &g->rng)];
}

/* ---- persons ---- */

static cccd_date dob_for_age(gen *g, int age) {
    /* born between the day after the birthday `age + 1` years ago and the birthday `age` years
     * ago: the person is `age` on cfg->at */
    cccd_date back = cccd_date_add_years(g->at, -age);
    cccd_date dob = cccd_date_add_days(back, -(int64_t)synth_rng_below(&g->rng, 365));
    if (dob.y < 1900)
        dob = (cccd_date){1900, 1, 1 + (int)synth_rng_below(&g->rng, 28), CCCD_DATE_DAY};
    return dob;
}

static int clamp_age(int a) {
    return a < 0 ? 0 : a > 100 ? 100 : a;
}

/* Adds a person to the household; returns its index. */
static int add_person(gen *g, const synth_word *family, cccd_sex sex, int age,
                      const char *relation) {
    household *h = &g->hh;
    person *p = &h->p[h->n];
    memset(p, 0, offsetof(person, father_name));
    p->father_name[0] = p->mother_name[0] = p->spouse_name[0] = '\0';
    p->family = family;
    p->sex = sex;
    p->age = clamp_age(age);
    p->dob = dob_for_age(g, p->age);
    p->age = cccd_age_on(p->dob, g->at);
    p->relation = relation;
    p->father = p->mother = p->spouse = -1;
    make_name(g, family, sex, p->dob.y, p->name);
    return h->n++;
}

static void marry(household *h, int a, int b) {
    h->p[a].spouse = b;
    h->p[b].spouse = a;
}

/* Children of mother (index or -1) and father (index or -1), filling the household up to
 * `size`. Their ages make the mother 20-38 at their birth. */
static void add_children(gen *g, int size, int father, int mother, int mother_age,
                         const synth_word *family, const char *relation) {
    household *h = &g->hh;
    while (h->n < size) {
        if (mother_age < 20)
            return;
        int hi = mother_age - 20, lo = mother_age - 38 < 0 ? 0 : mother_age - 38;
        int age = synth_rng_range(&g->rng, lo, hi);
        cccd_sex sex = synth_rng_below(&g->rng, 1000) < 512 ? CCCD_SEX_MALE : CCCD_SEX_FEMALE;
        int c = add_person(g, family, sex, age, relation);
        h->p[c].father = father;
        h->p[c].mother = mother;
    }
}

static cccd_sex other_sex(cccd_sex s) {
    return s == CCCD_SEX_MALE ? CCCD_SEX_FEMALE : CCCD_SEX_MALE;
}

/* Builds the members of one household of `size` persons (head first). */
static void make_members(gen *g, int size) {
    household *h = &g->hh;
    h->n = 0;
    size_t band = synth_pick_index(&g->head_age, &g->rng);
    int age = synth_rng_range(&g->rng, head_age_lo[band], head_age_hi[band]);
    cccd_sex hsex =
        synth_rng_below(&g->rng, 100) < (size == 1 ? 50u : 72u) ? CCCD_SEX_MALE : CCCD_SEX_FEMALE;
    const synth_word *hfam = pick_family(g);
    int head = add_person(g, hfam, hsex, age, "Chủ hộ");
    if (size == 1)
        return;
    uint32_t u = synth_rng_below(&g->rng, 100);
    if (age < 28 && u < 35) {
        /* siblings living together */
        while (h->n < size) {
            int sage = clamp_age(age + synth_rng_range(&g->rng, -10, 8));
            cccd_sex s = synth_rng_below(&g->rng, 2) ? CCCD_SEX_MALE : CCCD_SEX_FEMALE;
            const char *rel = sage < h->p[head].age ? "Em" : s == CCCD_SEX_MALE ? "Anh" : "Chị";
            add_person(g, hfam, s, sage, rel);
        }
        return;
    }
    /* a spouse, most of the time */
    int spouse = -1;
    if (synth_rng_below(&g->rng, 100) < (size == 2 ? 70u : 88u)) {
        int sage = hsex == CCCD_SEX_MALE ? age - synth_rng_range(&g->rng, 0, 6)
                                         : age + synth_rng_range(&g->rng, 0, 6);
        if (sage < 18)
            sage = 18;
        spouse = add_person(g, pick_family(g), other_sex(hsex), sage,
                            hsex == CCCD_SEX_MALE ? "Vợ" : "Chồng");
        marry(h, head, spouse);
    }
    int husband = hsex == CCCD_SEX_MALE ? head : spouse;
    int wife = hsex == CCCD_SEX_FEMALE ? head : spouse;
    int mother_age = wife >= 0 ? h->p[wife].age : age - 3;
    const synth_word *kfam = husband >= 0 ? h->p[husband].family : pick_family(g);
    if (age >= 55 && size - h->n >= 3 && u < 55) {
        /* three generations: a married son, his wife and their children */
        int sage = mother_age - synth_rng_range(&g->rng, 20, 32);
        if (sage >= 20) {
            int son = add_person(g, kfam, CCCD_SEX_MALE, sage, "Con");
            h->p[son].father = husband;
            h->p[son].mother = wife;
            int dil = add_person(g, pick_family(g), CCCD_SEX_FEMALE,
                                 sage - synth_rng_range(&g->rng, 0, 4), "Khác");
            marry(h, son, dil);
            add_children(g, size, son, dil, h->p[dil].age, kfam, "Cháu");
            return;
        }
    }
    if (age >= 25 && age <= 55 && size - h->n >= 2 && u >= 80) {
        /* the head's parents live with them */
        int fage = age + synth_rng_range(&g->rng, 22, 35);
        const synth_word *pfam = hfam;
        int nparents = size - h->n >= 3 && synth_rng_below(&g->rng, 2) ? 2 : 1;
        int father = -1, mother = -1;
        if (nparents == 2 || synth_rng_below(&g->rng, 3) == 0) {
            father = add_person(g, pfam, CCCD_SEX_MALE, fage, "Bố");
            h->p[head].father = father;
        }
        if (father < 0 || nparents == 2) {
            mother = add_person(g, pick_family(g), CCCD_SEX_FEMALE,
                                fage - synth_rng_range(&g->rng, 0, 6), "Mẹ");
            h->p[head].mother = mother;
        }
        if (father >= 0 && mother >= 0)
            marry(h, father, mother);
    }
    add_children(g, size, husband, wife, mother_age, kfam, "Con");
    while (h->n < size) /* nobody left who could be a child: a relative */
        add_person(g, pick_family(g), synth_rng_below(&g->rng, 2) ? CCCD_SEX_MALE : CCCD_SEX_FEMALE,
                   synth_rng_range(&g->rng, 15, 70), "Khác");
}

/* Fills parents' and spouses' names, ethnicity, religion and the year-only births. */
static void complete_members(gen *g, const char *ethnicity, const char *religion) {
    household *h = &g->hh;
    for (int i = 0; i < h->n; i++) {
        person *p = &h->p[i];
        if (p->spouse >= 0)
            memcpy(p->spouse_name, h->p[p->spouse].name, NAME_MAX_LEN);
        /* parents outside the household; not recorded for a quarter of the elderly */
        bool unknown = p->age >= 70 && synth_rng_below(&g->rng, 4) == 0;
        if (p->father >= 0)
            memcpy(p->father_name, h->p[p->father].name, NAME_MAX_LEN);
        else if (!unknown)
            make_name(g, p->family, CCCD_SEX_MALE, p->dob.y - 28, p->father_name);
        if (p->mother >= 0)
            memcpy(p->mother_name, h->p[p->mother].name, NAME_MAX_LEN);
        else if (!unknown)
            make_name(g, pick_family(g), CCCD_SEX_FEMALE, p->dob.y - 25, p->mother_name);
        /* a spouse from elsewhere keeps their own ethnicity and religion sometimes */
        bool own = p->spouse >= 0 && i != 0 && synth_rng_below(&g->rng, 100) < 8;
        p->ethnicity = own ? synth_pick_text(&g->ethnicity, &g->rng) : ethnicity;
        p->religion = own ? synth_pick_text(&g->religion, &g->rng) : religion;
        p->year_only = p->age >= 60 && synth_rng_below(&g->rng, 1000) < 5;
    }
}

/* ---- the household's place ---- */

static size_t fmt_group(synth_group_style style, uint32_t n, char *buf) {
    const char *word = style == SYNTH_GROUP_TO_DAN_PHO ? "Tổ dân phố "
                       : style == SYNTH_GROUP_XOM      ? "Xóm "
                                                       : "Thôn ";
    size_t l = strlen(word);
    memcpy(buf, word, l);
    return l + synth_fmt_uint(n, buf + l);
}

static size_t put(char *buf, size_t n, const char *s) {
    size_t l = strlen(s);
    memcpy(buf + n, s, l);
    return n + l;
}

/* An address inside a commune: house number and street in towns, the group alone in villages.
 * buf holds at least 160 bytes. */
static size_t fmt_address(gen *g, synth_group_style style, const char *group, size_t glen,
                          char *buf) {
    size_t n = 0;
    if (style == SYNTH_GROUP_TO_DAN_PHO) {
        n = put(buf, n, "Số ");
        n += synth_fmt_uint(1 + synth_rng_below(&g->rng, 250), buf + n);
        if (synth_rng_below(&g->rng, 3) == 0) {
            n = put(buf, n, " ngõ ");
            n += synth_fmt_uint(1 + synth_rng_below(&g->rng, 120), buf + n);
        }
        n = put(buf, n, ", đường ");
        n = put(buf, n, synth_pick_text(&g->street, &g->rng));
        n = put(buf, n, ", ");
    }
    memcpy(buf + n, group, glen);
    return n + glen;
}

static cccd_errc place_household(gen *g, cccd_err *err) {
    household *h = &g->hh;
    synth_commune *c = synth_place_pick(&g->home, &g->rng);
    h->commune = c;
    if (c->next_household >= 999999)
        return cccd_err_set(err, CCCD_E_ARG, "population",
                            "commune %s has more than 999999 households", c->unit->code);
    c->next_household++;
    char num[12];
    size_t nl = synth_fmt_uint(c->next_household, num);
    memcpy(h->id, "HK", 2);
    memcpy(h->id + 2, c->unit->code, 5);
    memset(h->id + 7, '0', 6 - nl);
    memcpy(h->id + 13 - nl, num, nl + 1);
    h->group_len = fmt_group(c->style, 1 + synth_rng_below(&g->rng, c->groups), h->group);
    h->address_len = fmt_address(g, c->style, h->group, h->group_len, h->address);
    /* place of origin: mostly the province, sometimes elsewhere */
    if (g->away.n > 0 && synth_rng_below(&g->rng, 100) < 12)
        h->origin = synth_place_pick(&g->away, &g->rng)->origin;
    else
        h->origin = synth_place_pick(&g->home, &g->rng)->origin;
    return CCCD_OK;
}

/* ---- papers ---- */

static cccd_date max_date(cccd_date a, cccd_date b) {
    return cccd_date_cmp(a, b) >= 0 ? a : b;
}

static cccd_date min_date(cccd_date a, cccd_date b) {
    return cccd_date_cmp(a, b) <= 0 ? a : b;
}

/* A day in [lo, hi] (lo <= hi). */
static cccd_date day_between(gen *g, cccd_date lo, cccd_date hi) {
    int64_t a = cccd_date_to_days(lo), b = cccd_date_to_days(hi);
    return cccd_date_from_days(a + (int64_t)synth_rng_below(&g->rng, (uint32_t)(b - a + 1)));
}

typedef enum card_kind { CARD_NONE, CARD_CHIP, CARD_BARCODE } card_kind;

typedef struct papers {
    card_kind card;
    cccd_date issued;
    cccd_expiry expiry;
    bool cmnd;
} papers;

static void draw_papers(gen *g, const person *p, cccd_date dob, papers *out) {
    memset(out, 0, sizeof *out);
    if (p->age < 14)
        return;
    static const cccd_date chip_from = {2021, 3, 1, CCCD_DATE_DAY};
    static const cccd_date chip_to = {2024, 12, 31, CCCD_DATE_DAY};
    static const cccd_date bar_from = {2016, 1, 1, CCCD_DATE_DAY};
    static const cccd_date bar_to = {2021, 6, 30, CCCD_DATE_DAY};
    cccd_date d14 = cccd_date_add_years(cccd_date_latest(dob), 14);
    cccd_date chip_lo = max_date(chip_from, d14), chip_hi = min_date(g->at, chip_to);
    if (cccd_date_cmp(d14, chip_to) > 0) /* turned 14 after 2024: cards go on being issued */
        chip_hi = g->at;
    cccd_date bar_lo = max_date(bar_from, d14), bar_hi = min_date(g->at, bar_to);
    bool chip_ok = cccd_date_cmp(chip_lo, chip_hi) <= 0;
    bool bar_ok = cccd_date_cmp(bar_lo, bar_hi) <= 0;
    bool cmnd_ok = cccd_date_cmp(d14, bar_hi) <= 0;
    uint32_t u = synth_rng_below(&g->rng, 1000);
    if (u < 690)
        out->card = chip_ok ? CARD_CHIP : bar_ok ? CARD_BARCODE : CARD_NONE;
    else if (u < 790)
        out->card = bar_ok ? CARD_BARCODE : chip_ok ? CARD_CHIP : CARD_NONE;
    else if (u < 900)
        out->cmnd = cmnd_ok;
    if (out->card == CARD_NONE)
        return;
    cccd_date lo = out->card == CARD_CHIP ? chip_lo : bar_lo;
    cccd_date hi = out->card == CARD_CHIP ? chip_hi : bar_hi;
    cccd_err err;
    out->issued = day_between(g, lo, hi);
    if (cccd_card_expiry(dob, out->issued, &out->expiry, &err) != CCCD_OK) {
        out->card = CARD_NONE;
        return;
    }
    /* a chip card that has expired since was mostly exchanged, when there was time to */
    if (out->card == CARD_CHIP && !out->expiry.none && cccd_date_cmp(out->expiry.date, g->at) < 0 &&
        synth_rng_below(&g->rng, 100) < 80) {
        cccd_date relo = cccd_date_add_days(out->expiry.date, 1);
        cccd_expiry e2;
        if (cccd_date_cmp(relo, g->at) <= 0) {
            cccd_date again = day_between(g, relo, g->at);
            if (cccd_card_expiry(dob, again, &e2, &err) == CCCD_OK) {
                out->issued = again;
                out->expiry = e2;
            }
        }
    }
    /* most who turned 14 before 2016 had a CMND first */
    if (cccd_date_cmp(d14, bar_from) < 0 && synth_rng_below(&g->rng, 100) < 80)
        out->cmnd = true;
}

/* A 9-digit CMND number: the two province digits of the ID prefix, then seven digits that
 * are distinct for the first 10^7 numbers of a run. */
static size_t cmnd_number(gen *g, const char prefix[4], char *buf) {
    uint64_t v = (g->cmnd_counter++ * 1234567u + g->cmnd_offset) % 10000000u;
    buf[0] = prefix[1];
    buf[1] = prefix[2];
    for (int i = 8; i >= 2; i--) {
        buf[i] = (char)('0' + v % 10);
        v /= 10;
    }
    return 9;
}

/* ---- rows ---- */

static cccd_errc emit(gen *g, synth_rowbuf *b, cccd_err *err) {
    cccd_errc rc = g->sink->row(g->sink->ctx, &b->row, err);
    if (rc != CCCD_OK)
        return rc;
    g->emitted++;
    if (g->sink->progress && (g->emitted % 65536 == 0 || g->emitted == g->cfg->population))
        g->sink->progress(g->sink->ctx, g->emitted, g->cfg->population);
    return CCCD_OK;
}

static cccd_errc report(gen *g, const cccd_synth_fault *f, cccd_err *err) {
    if (g->sink->fault == NULL)
        return CCCD_OK;
    return g->sink->fault(g->sink->ctx, f, err);
}

/* Whereabouts unknown (mobility `unknown`): a few per thousand, mostly young adults gone to
 * work without declaring a temporary residence. Drawn from a hash of the seed and the personal
 * ID, not from the generator's stream, so every other value of every row stays what it was. */
static bool whereabouts_unknown(const gen *g, const char id[12], int age) {
    uint32_t ppm = age >= 18 && age <= 35 ? 12000 : age >= 14 && age <= 60 ? 1000 : 0;
    if (ppm == 0)
        return false;
    uint64_t x = g->cfg->seed ^ 0x9e3779b97f4a7c15ull;
    for (int i = 0; i < 12; i++)
        x = (x ^ (unsigned char)id[i]) * 0x100000001b3ull;
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ull;
    x ^= x >> 33;
    return x % 1000000u < ppm;
}

/* Builds the clean row of person i and its facts. */
static cccd_errc build_row(gen *g, int i, synth_rowbuf *b, synth_facts *f, cccd_err *err) {
    household *h = &g->hh;
    person *p = &h->p[i];
    synth_row_reset(b);
    b->row.number = g->emitted + 1;
    cccd_date dob = p->dob;
    if (p->year_only)
        dob = (cccd_date){p->dob.y, 0, 0, CCCD_DATE_YEAR};
    /* birth registered in the commune's province, or for a few elsewhere */
    const char *prefix = h->commune->prefix;
    if (g->away.n > 0 && synth_rng_below(&g->rng, 100) < 4)
        prefix = synth_place_pick(&g->away, &g->rng)->prefix;
    char id[13];
    cccd_errc rc = synth_ids_allocate(g->ids, prefix, p->sex, dob, &g->rng, id, err);
    if (rc != CCCD_OK)
        return rc;
    f->sex = p->sex;
    f->dob = dob;
    memcpy(f->prefix, prefix, 4);
    char buf[256];
    synth_row_set(b, CCCD_SYNTH_PERSONAL_ID, id, 12);
    synth_row_sets(b, CCCD_SYNTH_FULL_NAME, p->name);
    if (p->year_only)
        synth_row_set(b, CCCD_SYNTH_DATE_OF_BIRTH, buf, synth_fmt_uint((uint64_t)dob.y, buf));
    else
        synth_row_set(b, CCCD_SYNTH_DATE_OF_BIRTH, buf, synth_fmt_date(dob, buf));
    synth_row_sets(b, CCCD_SYNTH_SEX, p->sex == CCCD_SEX_MALE ? "M" : "F");
    synth_row_sets(b, CCCD_SYNTH_ETHNICITY, p->ethnicity);
    synth_row_sets(b, CCCD_SYNTH_RELIGION, p->religion);
    synth_row_sets(b, CCCD_SYNTH_NATIONALITY, "Việt Nam");
    synth_row_sets(b, CCCD_SYNTH_PLACE_OF_ORIGIN, h->origin);
    synth_row_set(b, CCCD_SYNTH_PERMANENT_COMMUNE, h->commune->unit->code, 5);
    synth_row_set(b, CCCD_SYNTH_PERMANENT_ADDRESS, h->address, h->address_len);
    synth_row_set(b, CCCD_SYNTH_HOUSEHOLD_ID, h->id, 13);
    synth_row_sets(b, CCCD_SYNTH_RELATION_TO_HEAD, p->relation);
    synth_row_set(b, CCCD_SYNTH_RESIDENTIAL_GROUP, h->group, h->group_len);
    /* status and mobility: deaths and immobility rise with age */
    uint32_t dead_ppm = p->age >= 75 ? 80000 : p->age >= 60 ? 15000 : 1000;
    bool dead = synth_rng_ppm(&g->rng, dead_ppm);
    uint32_t immobile_ppm = p->age >= 75 ? 350000 : 2000;
    bool immobile = synth_rng_ppm(&g->rng, immobile_ppm);
    /* temporary residence: working-age people living elsewhere */
    bool declared = false;
    if (!dead && !immobile && p->age >= 18 && p->age <= 45 && synth_rng_below(&g->rng, 100) < 9) {
        bool away = g->away.n > 0 && synth_rng_below(&g->rng, 100) < 40;
        synth_commune *t = synth_place_pick(away ? &g->away : &g->home, &g->rng);
        if (t == h->commune && g->home.n > 1)
            t = &g->home.c[(size_t)(t - g->home.c + 1) % g->home.n];
        if (t != h->commune) {
            char grp[32];
            size_t gl = fmt_group(t->style, 1 + synth_rng_below(&g->rng, t->groups), grp);
            declared = true;
            synth_row_set(b, CCCD_SYNTH_TEMPORARY_COMMUNE, t->unit->code, 5);
            synth_row_set(b, CCCD_SYNTH_TEMPORARY_ADDRESS, buf,
                          fmt_address(g, t->style, grp, gl, buf));
        }
    }
    synth_row_sets(b, CCCD_SYNTH_STATUS, dead ? "deceased" : "alive");
    bool unknown = !dead && !immobile && !declared && whereabouts_unknown(g, id, p->age);
    synth_row_sets(b, CCCD_SYNTH_MOBILITY, immobile ? "immobile" : unknown ? "unknown" : "normal");
    papers pp;
    draw_papers(g, p, dob, &pp);
    if (pp.cmnd)
        synth_row_set(b, CCCD_SYNTH_OLD_ID_NUMBER, buf, cmnd_number(g, prefix, buf));
    f->has_card_number = pp.card != CARD_NONE;
    if (pp.card != CARD_NONE) {
        synth_row_sets(b, CCCD_SYNTH_CARD_TYPE, pp.card == CARD_CHIP ? "chip" : "barcode");
        synth_row_set(b, CCCD_SYNTH_CARD_NUMBER, id, 12);
        synth_row_set(b, CCCD_SYNTH_CARD_ISSUED, buf, synth_fmt_date(pp.issued, buf));
        if (!pp.expiry.none)
            synth_row_set(b, CCCD_SYNTH_CARD_EXPIRY, buf, synth_fmt_date(pp.expiry.date, buf));
    }
    synth_row_sets(b, CCCD_SYNTH_FATHER_NAME, p->father_name);
    synth_row_sets(b, CCCD_SYNTH_MOTHER_NAME, p->mother_name);
    synth_row_sets(b, CCCD_SYNTH_SPOUSE_NAME, p->spouse_name);
    return CCCD_OK;
}

/* Emits person i's row, dirtied now and then. */
static cccd_errc person_rows(gen *g, int i, cccd_err *err) {
    synth_facts facts;
    cccd_errc rc = build_row(g, i, &g->row, &facts, err);
    if (rc != CCCD_OK)
        return rc;
    if (g->dirty_ppm == 0 || !synth_rng_ppm(&g->rng, g->dirty_ppm))
        return emit(g, &g->row, err);
    synth_fault_kind kind = (synth_fault_kind)synth_rng_below(&g->rng, SYNTH_F__COUNT);
    bool add = synth_fault_adds_row(kind) && g->emitted + 2 <= g->cfg->population;
    cccd_synth_fault f = {0, NULL, NULL};
    if (add) {
        if ((rc = emit(g, &g->row, err)) != CCCD_OK)
            return rc;
        synth_row_copy(&g->extra, &g->row);
        g->extra.row.number = g->emitted + 1;
        if (!synth_fault_apply(&g->fc, kind, true, &g->extra, &facts, &g->rng, &f))
            return CCCD_OK;
        f.row = g->extra.row.number;
        if ((rc = report(g, &f, err)) != CCCD_OK)
            return rc;
        return emit(g, &g->extra, err);
    }
    if (synth_fault_apply(&g->fc, kind, false, &g->row, &facts, &g->rng, &f)) {
        f.row = g->row.row.number;
        if ((rc = report(g, &f, err)) != CCCD_OK)
            return rc;
    }
    return emit(g, &g->row, err);
}

/* ---- set-up ---- */

static cccd_errc load_places(gen *g, const cccd_unit *prov, cccd_err *err) {
    const cccd_synth_config *cfg = g->cfg;
    cccd_errc rc = synth_place_add_province(cfg->units, prov, g->at, &g->rng, &g->home, err);
    if (rc != CCCD_OK)
        return rc;
    char fallback[8] = "0";
    memcpy(fallback + 1, prov->code, 3);
    if (strlen(fallback) != 3 || cccd_province_by_prefix(fallback) == NULL)
        memcpy(fallback, "001", 4);
    uint64_t households = cfg->population * 2 / 7 + 1;
    if ((rc = synth_place_finish(cfg->units, &g->home, households, fallback, err)) != CCCD_OK)
        return rc;
    /* elsewhere: the two big cities and one more province in force at the date */
    const cccd_unit *others[64];
    size_t nothers = 0;
    for (int code = 1; code <= 99 && nothers < 64; code++) {
        char cs[3] = {(char)('0' + code / 10), (char)('0' + code % 10), '\0'};
        cccd_err ignored;
        const cccd_unit *o = cccd_units_lookup(cfg->units, cs, CCCD_UNIT_PROVINCE, g->at, &ignored);
        if (o != NULL && o != prov)
            others[nothers++] = o;
    }
    const cccd_unit *chosen[3];
    size_t nchosen = 0;
    for (size_t i = 0; i < nothers; i++)
        if (strcmp(others[i]->code, "01") == 0 || strcmp(others[i]->code, "79") == 0)
            chosen[nchosen++] = others[i];
    if (nothers > nchosen) {
        const cccd_unit *extra = others[synth_rng_below(&g->rng, (uint32_t)nothers)];
        bool dup = false;
        for (size_t i = 0; i < nchosen; i++)
            dup = dup || chosen[i] == extra;
        if (!dup)
            chosen[nchosen++] = extra;
    }
    for (size_t i = 0; i < nchosen; i++)
        if ((rc = synth_place_add_province(cfg->units, chosen[i], g->at, &g->rng, &g->away, err)) !=
            CCCD_OK)
            return rc;
    if (g->away.n > 0)
        rc = synth_place_finish(cfg->units, &g->away, households / 4 + 1, fallback, err);
    return rc;
}

static cccd_errc check_config(const cccd_synth_config *cfg, const cccd_synth_sink *sink,
                              cccd_err *err) {
    if (cfg->units == NULL || sink == NULL || sink->row == NULL)
        return cccd_err_set(err, CCCD_E_ARG, NULL, "synth: units and a row sink are needed");
    if (cfg->population == 0 || cfg->population > CCCD_SYNTH_MAX_POPULATION)
        return cccd_err_set(err, CCCD_E_ARG, "population", "population: must be from 1 to %llu",
                            (unsigned long long)CCCD_SYNTH_MAX_POPULATION);
    if (!(cfg->dirty_percent >= 0.0 && cfg->dirty_percent <= 100.0))
        return cccd_err_set(err, CCCD_E_ARG, "dirty", "dirty: a percentage from 0 to 100");
    if (cfg->at.prec != CCCD_DATE_DAY || cfg->at.y < 2000 || cfg->at.y > 2199)
        return cccd_err_set(err, CCCD_E_DATE_RANGE, "at",
                            "at: a full date from 2000-01-01 to 2199-12-31 is needed");
    if (cfg->province == NULL || strlen(cfg->province) != 2 || cfg->province[0] < '0' ||
        cfg->province[0] > '9' || cfg->province[1] < '0' || cfg->province[1] > '9')
        return cccd_err_set(err, CCCD_E_ARG, "province",
                            "province: '%.8s' is not a 2-digit province code",
                            cfg->province ? cfg->province : "");
    return CCCD_OK;
}

cccd_errc cccd_synth_run(const cccd_synth_config *cfg, const cccd_synth_sink *sink, cccd_err *err) {
    cccd_errc rc = check_config(cfg, sink, err);
    if (rc != CCCD_OK)
        return rc;
    cccd_err lerr;
    const cccd_unit *prov =
        cccd_units_lookup(cfg->units, cfg->province, CCCD_UNIT_PROVINCE, cfg->at, &lerr);
    if (prov == NULL) {
        char d[11];
        return cccd_err_set(err,
                            lerr.code == CCCD_E_UNIT_NOT_IN_FORCE ? lerr.code : CCCD_E_UNIT_UNKNOWN,
                            "province", "province: no province with code %s in force on %s",
                            cfg->province, cccd_date_iso(cfg->at, d));
    }
    gen *g = calloc(1, sizeof *g);
    if (g == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory");
    g->cfg = cfg;
    g->sink = sink;
    g->at = cfg->at;
    g->at_days = cccd_date_to_days(cfg->at);
    g->dirty_ppm = (uint32_t)(cfg->dirty_percent * 10000.0 + 0.5);
    synth_rng_seed(&g->rng, cfg->seed);
    g->cmnd_offset = synth_rng_next(&g->rng) % 10000000u;
    synth_pick_init(&g->family, SYNTH_FAMILY);
    synth_pick_init(&g->middle_m, SYNTH_MIDDLE_M);
    synth_pick_init(&g->middle_f, SYNTH_MIDDLE_F);
    synth_pick_init(&g->given_m, SYNTH_GIVEN_M);
    synth_pick_init(&g->given_f, SYNTH_GIVEN_F);
    synth_pick_init(&g->ethnicity, SYNTH_ETHNICITY);
    synth_pick_init(&g->religion, SYNTH_RELIGION);
    synth_pick_init(&g->street, SYNTH_STREET);
    pick_init_static(&g->head_age, head_age_bands, sizeof head_age_bands / sizeof *head_age_bands);
    pick_init_static(&g->hh_size, hh_sizes, sizeof hh_sizes / sizeof *hh_sizes);
    g->ids = synth_ids_new();
    if (g->ids == NULL)
        rc = cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory");
    if (rc == CCCD_OK && (rc = load_places(g, prov, err)) != CCCD_OK) {
        char d[11];
        if (rc == CCCD_E_UNITS_FORMAT)
            rc = cccd_err_set(err, rc, "province", "province %s has no commune in force on %s",
                              cfg->province, cccd_date_iso(cfg->at, d));
    }
    g->fc.ids = g->ids;
    if (rc == CCCD_OK)
        synth_faults_init(&g->fc, cfg->units);
    while (rc == CCCD_OK && g->emitted < cfg->population) {
        int size = (int)synth_pick_index(&g->hh_size, &g->rng) + 1;
        make_members(g, size);
        const char *eth = synth_pick_text(&g->ethnicity, &g->rng);
        const char *rel = synth_pick_text(&g->religion, &g->rng);
        complete_members(g, eth, rel);
        rc = place_household(g, err);
        for (int i = 0; rc == CCCD_OK && i < g->hh.n && g->emitted < cfg->population; i++)
            rc = person_rows(g, i, err);
    }
    synth_place_free(&g->home);
    synth_place_free(&g->away);
    synth_ids_free(g->ids);
    free(g);
    return rc;
}
