/*
 * registry_import.h: loading an extract of the national population database (a CSV file;
 * docs/registry-csv.md) into the registry, under the "đúng, đủ, sạch, sống" rule.
 *
 * Nothing is dropped silently: every rejected row and every warning goes to the caller's
 * report callback (row number, ID, field, rule, reason) and into the summary. The whole file is
 * one transaction: a file that cannot be read to its end (a broken CSV quote, a header without
 * the mandatory columns, an I/O error) changes nothing. Re-importing the same file changes
 * nothing; a newer extract updates the people whose data changed. Coverage counters move in the
 * same transaction.
 */
#ifndef CCCD_SERVICE_REGISTRY_IMPORT_H
#define CCCD_SERVICE_REGISTRY_IMPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/citizen.h"
#include "core/units.h"
#include "store/store.h"

typedef struct cccd_import_opts {
    cccd_date as_of;  /* the extract's date: unit codes must be in force then */
    cccd_date today;  /* the day coverage counters are kept for */
    bool lenient_ids; /* an unknown ID province prefix is a warning, not an error */
} cccd_import_opts;

typedef struct cccd_import_summary {
    uint64_t rows; /* data rows read */
    uint64_t inserted, updated, unchanged;
    uint64_t rejected;             /* rows not loaded */
    uint64_t with_warnings;        /* rows loaded with at least one warning */
    uint64_t duplicates;           /* rows rejected because their ID appeared earlier in the file */
    uint64_t probable_duplicates;  /* same name, birth date and commune under another ID */
    uint64_t households;           /* distinct households among the loaded rows */
    uint64_t households_no_head;   /* ... with no "Chủ hộ" (warned on their first row) */
    uint64_t households_two_heads; /* ... with more than one (warned on the second) */
    uint64_t by_rule_errors[4], by_rule_warnings[4]; /* indexed by cccd_rule */
} cccd_import_summary;

/* One line of the report: a rejected row (error) or a kept row's warning. Strings borrowed. */
typedef struct cccd_import_issue {
    uint64_t row;            /* 1-based data row (the header is row 0) */
    const char *personal_id; /* as read (may be "") */
    const char *field;       /* column name */
    bool error;
    const char *rule; /* "đúng", "đủ", "sạch", "sống" */
    const char *reason;
} cccd_import_issue;

typedef void (*cccd_import_report_fn)(void *ctx, const cccd_import_issue *issue);
typedef void (*cccd_import_progress_fn)(void *ctx, uint64_t bytes, uint64_t rows);

/* Reads the CSV from `in` (borrowed; the caller opens and closes it) and loads it into st
 * using the unit set u (borrowed, as loaded from the same store). report and progress may be
 * NULL. On success the summary is filled; on failure nothing was changed and err says why. */
cccd_errc cccd_registry_import(cccd_store *st, const cccd_units *u, FILE *in,
                               const cccd_import_opts *opts, cccd_import_report_fn report,
                               cccd_import_progress_fn progress, void *ctx,
                               cccd_import_summary *summary, cccd_err *err);

#endif
