/*
 * synth_internal.h: the pieces the synthetic population generator (synth.h) is built from,
 * shared between its files and not part of the library's interface.
 *
 *   synth_rng.c    the PRNG (xoshiro256**) and weighted choice
 *   synth_names.c  the word tables: names, ethnicities, religions, streets
 *   synth_place.c  the province's communes at a date, their ID prefixes, origin texts
 *   synth_ids.c    personal ID numbers taken, per prefix, as paged bitmaps
 *   synth_faults.c the deliberately dirty rows
 *   synth.c        households and persons, the main loop
 *   synth_csv.c    the CSV writer
 */
#ifndef CCCD_SERVICE_SYNTH_INTERNAL_H
#define CCCD_SERVICE_SYNTH_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/pid.h"
#include "core/units.h"
#include "service/synth.h"

/* ---- PRNG: xoshiro256**, seeded through splitmix64 ---- */

typedef struct synth_rng {
    uint64_t s[4];
} synth_rng;

void synth_rng_seed(synth_rng *r, uint64_t seed);
uint64_t synth_rng_next(synth_rng *r);
/* Uniform in 0..n-1 (n >= 1). */
uint32_t synth_rng_below(synth_rng *r, uint32_t n);
/* Uniform in lo..hi inclusive (lo <= hi). */
int synth_rng_range(synth_rng *r, int lo, int hi);
/* True with probability per_million / 10^6. */
bool synth_rng_ppm(synth_rng *r, uint32_t per_million);

/* ---- word tables (synth_names.c) ---- */

typedef struct synth_word {
    const char *text;
    uint32_t weight; /* relative */
} synth_word;

typedef enum synth_table_id {
    SYNTH_FAMILY = 0,
    SYNTH_MIDDLE_M,
    SYNTH_MIDDLE_F,
    SYNTH_GIVEN_M,
    SYNTH_GIVEN_F,
    SYNTH_ETHNICITY,
    SYNTH_RELIGION,
    SYNTH_STREET,
    SYNTH_TABLES
} synth_table_id;

/* A static table and its length. */
const synth_word *synth_table(synth_table_id id, size_t *n);

/* A table prepared for weighted choice (cumulative weights). Owned by the generator run. */
#define SYNTH_PICK_MAX 128
typedef struct synth_pick {
    const synth_word *w;
    size_t n;
    uint32_t cum[SYNTH_PICK_MAX];
} synth_pick;

void synth_pick_init(synth_pick *p, synth_table_id id);
/* The index of a weighted random entry. */
size_t synth_pick_index(const synth_pick *p, synth_rng *r);
const char *synth_pick_text(const synth_pick *p, synth_rng *r);

/* ---- communes (synth_place.c) ---- */

typedef enum synth_group_style {
    SYNTH_GROUP_TO_DAN_PHO = 0, /* phường, thị trấn */
    SYNTH_GROUP_THON,
    SYNTH_GROUP_XOM,
} synth_group_style;

/* One commune in force at the date, with what the generator keeps about it. */
typedef struct synth_commune {
    const cccd_unit *unit;   /* borrowed from the unit set */
    char prefix[4];          /* ID prefix of the old (63-province) province it lies in */
    char *origin;            /* "Xã A, Huyện B, Tỉnh C" (owned): place-of-origin text */
    synth_group_style style; /* how its residential groups are called */
    uint32_t groups;         /* residential groups 1..groups */
    uint32_t weight;         /* relative share of households */
    uint32_t next_household; /* households numbered so far (per-commune state) */
} synth_commune;

/* The communes of a set of provinces, with cumulative weights for choosing one. */
typedef struct synth_place {
    synth_commune *c; /* owned array */
    size_t n, cap;
    uint64_t *cum; /* owned, cumulative weights (after synth_place_finish) */
} synth_place;

/* Appends the communes of province `prov` in force at `at` (through its districts when it
 * has them); rng draws each commune's weight and group style. */
cccd_errc synth_place_add_province(const cccd_units *u, const cccd_unit *prov, cccd_date at,
                                   synth_rng *rng, synth_place *p, cccd_err *err);

/* Completes the communes once all are added: cumulative weights, residential groups sized for
 * expected_households, and each commune's prefix and origin text from the old (63-province
 * era) unit its area belonged to, found by following the reform events back (fallback, 3
 * digits, when that province has no ID prefix). */
cccd_errc synth_place_finish(const cccd_units *u, synth_place *p, uint64_t expected_households,
                             const char *fallback, cccd_err *err);

void synth_place_free(synth_place *p);

/* A commune chosen with its weight (p->n >= 1). */
synth_commune *synth_place_pick(const synth_place *p, synth_rng *r);

/* ---- personal ID numbers taken (synth_ids.c) ---- */

typedef struct synth_ids synth_ids;

synth_ids *synth_ids_new(void);
void synth_ids_free(synth_ids *ids);
bool synth_ids_taken(void *ids, const char digits[13]); /* a cccd_pid_taken_fn */
/* Marks a number taken; false when out of memory. */
bool synth_ids_add(synth_ids *ids, const char digits[13]);
/* Allocates a new number (cccd_pid_allocate, seeded from rng) and marks it taken. */
cccd_errc synth_ids_allocate(synth_ids *ids, const char prefix3[4], cccd_sex sex, cccd_date dob,
                             synth_rng *rng, char out[13], cccd_err *err);

/* ---- a row being built ---- */

#define SYNTH_ROW_ARENA 4096

typedef struct synth_rowbuf {
    cccd_synth_row row;
    char arena[SYNTH_ROW_ARENA];
    size_t used;
} synth_rowbuf;

void synth_row_reset(synth_rowbuf *b);
/* Copies s[len] into the row's arena as column col (truncated when the arena is full). */
void synth_row_set(synth_rowbuf *b, cccd_synth_col col, const char *s, size_t len);
void synth_row_sets(synth_rowbuf *b, cccd_synth_col col, const char *s);
/* A deep copy (field pointers re-pointed into dst's arena). */
void synth_row_copy(synth_rowbuf *dst, const synth_rowbuf *src);

/* What the fault injector may need to know of the person behind a clean row. */
typedef struct synth_facts {
    cccd_sex sex;
    cccd_date dob;
    char prefix[4];
    bool has_card_number; /* card_number holds the personal ID */
} synth_facts;

/* ---- faults (synth_faults.c) ---- */

typedef enum synth_fault_kind {
    SYNTH_F_PID_SEX_CENTURY = 0,
    SYNTH_F_BAD_DATE,
    SYNTH_F_NFD_NAME,
    SYNTH_F_SPACES,
    SYNTH_F_DUPLICATE_ROW,
    SYNTH_F_PROBABLE_DUPLICATE,
    SYNTH_F_MISSING,
    SYNTH_F_UNKNOWN_COMMUNE,
    SYNTH_F_BAD_SEX,
    SYNTH_F__COUNT
} synth_fault_kind;

/* True for the kinds that add a row after the clean one instead of changing it. */
bool synth_fault_adds_row(synth_fault_kind k);

typedef struct synth_fault_ctx {
    synth_ids *ids;
    const char *unknown_codes[8]; /* commune codes no unit ever had (static storage) */
    size_t nunknown;
} synth_fault_ctx;

/* Finds commune codes that no version in the unit set ever had. */
void synth_faults_init(synth_fault_ctx *fc, const cccd_units *u);

/* Applies fault kind k (or, when it does not fit this row, the next kind that does) to row b
 * of the person described by f; adding kinds turn b, a copy of the clean row, into the extra
 * row. Fills *out (field and fault code) and returns true, or false when none applies. */
bool synth_fault_apply(synth_fault_ctx *fc, synth_fault_kind k, bool may_add, synth_rowbuf *b,
                       const synth_facts *f, synth_rng *r, cccd_synth_fault *out);

/* ---- formatting helpers ---- */

/* Writes YYYY-MM-DD (11 bytes with NUL) and returns 10. */
size_t synth_fmt_date(cccd_date d, char *buf);
/* Writes an unsigned decimal number; returns its length. */
size_t synth_fmt_uint(uint64_t v, char *buf);

#endif
