/*
 * synth.h: a deterministic synthetic population of one province, for demos, tests and
 * benchmarks (`cccd synth`).
 *
 * Why this exists: planning, appointment and import code needs realistic registry data in
 * volume (up to ten million people) without touching real people's records. The generator
 * makes households of 1-8 persons spread over the province's communes in force at a date,
 * with Vietnamese names, an age pyramid like the country's, valid and unique personal ID
 * numbers, card holdings consistent with the validity rules, temporary residence, deceased and
 * immobile people, and a requested share of deliberately dirty rows (each reported as a fault)
 * that an importer must catch. docs/registry-csv.md describes the columns and their values;
 * docs/synth.md the content.
 *
 * Same configuration and seed, same rows, byte for byte: the generator has its own PRNG and
 * never reads the clock. It is pure: it reads the unit set it is given and hands each row to
 * the caller's sink; it opens no file and prints nothing. Memory is constant in the number of
 * rows apart from per-commune state and the bitmaps of personal ID numbers taken (one bit per
 * possible number of each prefix in use, allocated in pages as numbers are taken).
 */
#ifndef CCCD_SERVICE_SYNTH_H
#define CCCD_SERVICE_SYNTH_H

#include <stdint.h>
#include <stdio.h>

#include "core/date.h"
#include "core/error.h"
#include "core/units.h"

/* The columns, in file order. */
typedef enum cccd_synth_col {
    CCCD_SYNTH_PERSONAL_ID = 0,
    CCCD_SYNTH_FULL_NAME,
    CCCD_SYNTH_DATE_OF_BIRTH,
    CCCD_SYNTH_SEX,
    CCCD_SYNTH_ETHNICITY,
    CCCD_SYNTH_RELIGION,
    CCCD_SYNTH_NATIONALITY,
    CCCD_SYNTH_PLACE_OF_ORIGIN,
    CCCD_SYNTH_PERMANENT_COMMUNE,
    CCCD_SYNTH_PERMANENT_ADDRESS,
    CCCD_SYNTH_HOUSEHOLD_ID,
    CCCD_SYNTH_RELATION_TO_HEAD,
    CCCD_SYNTH_RESIDENTIAL_GROUP,
    CCCD_SYNTH_TEMPORARY_COMMUNE,
    CCCD_SYNTH_TEMPORARY_ADDRESS,
    CCCD_SYNTH_STATUS,
    CCCD_SYNTH_MOBILITY,
    CCCD_SYNTH_OLD_ID_NUMBER,
    CCCD_SYNTH_CARD_TYPE,
    CCCD_SYNTH_CARD_NUMBER,
    CCCD_SYNTH_CARD_ISSUED,
    CCCD_SYNTH_CARD_EXPIRY,
    CCCD_SYNTH_FATHER_NAME,
    CCCD_SYNTH_MOTHER_NAME,
    CCCD_SYNTH_SPOUSE_NAME,
    CCCD_SYNTH_NCOLS
} cccd_synth_col;

/* The column's name in the header row ("personal_id"), or NULL when out of range. */
const char *cccd_synth_column_name(cccd_synth_col col);

/* What to generate. Zero-initialise, then fill every field. */
typedef struct cccd_synth_config {
    const cccd_units *units; /* borrowed: the unit list (and reform) the communes come from */
    const char *province;    /* 2-digit code of a province in force at `at` */
    uint64_t population;     /* exact number of data rows, 1..CCCD_SYNTH_MAX_POPULATION */
    uint64_t seed;           /* same seed, same rows */
    cccd_date at;            /* full date the population is "as of": ages, cards, communes */
    double dirty_percent;    /* share of deliberately faulty rows, 0..100 (CLI default 1) */
} cccd_synth_config;

#define CCCD_SYNTH_MAX_POPULATION 100000000ull

/* One row. The strings are borrowed and valid only during the callback; they are not
 * NUL-terminated in general: use len. An empty field has len 0. */
typedef struct cccd_synth_row {
    uint64_t number; /* 1-based data row number (the header is not counted) */
    const char *field[CCCD_SYNTH_NCOLS];
    size_t len[CCCD_SYNTH_NCOLS];
} cccd_synth_row;

/* One injected fault: row `row` (1-based data row) is wrong in column `field` in the way named
 * by `fault` (a stable code listed in docs/registry-csv.md, e.g. "pid_sex_century").
 * Strings are static. Faults are reported before the row they concern. */
typedef struct cccd_synth_fault {
    uint64_t row;
    const char *field;
    const char *fault;
} cccd_synth_fault;

/* Where the rows go. row is required; fault and progress may be NULL. A callback that returns
 * an error stops the run, and that error (with the callback's err) is returned. */
typedef struct cccd_synth_sink {
    cccd_errc (*row)(void *ctx, const cccd_synth_row *row, cccd_err *err);
    cccd_errc (*fault)(void *ctx, const cccd_synth_fault *fault, cccd_err *err);
    void (*progress)(void *ctx, uint64_t done, uint64_t total); /* every 65536 rows and at end */
    void *ctx;                                                  /* the caller's, passed back */
} cccd_synth_sink;

/* Generates cfg->population rows into sink. Errors: CCCD_E_ARG for a bad configuration
 * (population 0 or too large, partial `at`, dirty_percent outside 0..100), CCCD_E_UNIT_UNKNOWN
 * / CCCD_E_UNIT_NOT_IN_FORCE for a province code with no province in force at `at`,
 * CCCD_E_UNITS_FORMAT when the province has no commune then, CCCD_E_NOMEM, or the sink's. */
cccd_errc cccd_synth_run(const cccd_synth_config *cfg, const cccd_synth_sink *sink, cccd_err *err);

/* Progress callback of cccd_synth_write_csv (may be NULL). */
typedef void (*cccd_synth_progress_fn)(void *ctx, uint64_t done, uint64_t total);

/* Generates the population as CSV (header row, RFC 4180 quoting through libcsv, LF line ends)
 * into the caller's open stream `out`; when `faults` is not NULL, writes there the sidecar CSV
 * "row_number,field,fault" listing every injected fault. Neither stream is closed; both are
 * flushed, and a write error is CCCD_E_IO. */
cccd_errc cccd_synth_write_csv(const cccd_synth_config *cfg, FILE *out, FILE *faults,
                               cccd_synth_progress_fn progress, void *progress_ctx, cccd_err *err);

#endif
