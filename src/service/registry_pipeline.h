/*
 * registry_pipeline.h: the two halves of the registry import, joined by a bounded queue
 * (internal to src/service). A reader thread parses the CSV (libcsv) and validates each row
 * (cccd_citizen_validate), the costly pure part; the importing thread takes the rows in file
 * order, catches duplicates, writes to the store and reports. On two cores the two halves run
 * side by side.
 */
#ifndef CCCD_SERVICE_REGISTRY_PIPELINE_H
#define CCCD_SERVICE_REGISTRY_PIPELINE_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/citizen.h"
#include "core/units.h"

/* One data row as the reader leaves it. */
typedef struct row_slot {
    uint64_t row;       /* 1-based data row number */
    char pid_text[40];  /* the personal_id field as read, cut to fit */
    size_t nfields;     /* fields on the row */
    bool valid;         /* c holds the record */
    cccd_citizen c;     /* owned when valid */
    cccd_issues issues; /* errors and warnings of the row */
    /* when valid, worked out here for the importer's checks across the file (which keep only
     * these): the personal ID as a number plus 1, and non-zero hashes of the probable-duplicate
     * key (name key, date of birth, commune code) and of the household ID */
    uint64_t id1, dup_key, household_key;
} row_slot;

#define ROW_BATCH 512

typedef struct row_batch {
    row_slot v[ROW_BATCH];
    size_t n;
    uint64_t bytes;  /* bytes of the file read when the batch was handed over */
    bool last;       /* no batch follows */
    cccd_errc fatal; /* the reader stopped: the file cannot be imported */
    cccd_err err;    /* why, when fatal */
} row_batch;

#define QUEUE_BATCHES 4

/* The reader and its queue. */
typedef struct row_reader {
    FILE *in;            /* borrowed */
    const cccd_units *u; /* borrowed, read-only */
    cccd_date as_of;
    bool lenient_ids;
    size_t ncols; /* columns of the header */

    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t ready, space;
    row_batch *full[QUEUE_BATCHES]; /* handed over, in order */
    size_t head, count;
    row_batch *spare[QUEUE_BATCHES + 2]; /* batches to reuse */
    size_t nspare;
    bool stop;         /* the importer gave up: the reader ends at the next batch */
    bool failed;       /* the reader ended without a last batch (out of memory) */
    cccd_err fail_err; /* why, when failed */
} row_reader;

/* Starts the reader thread. On failure nothing runs and err says why. */
cccd_errc row_reader_start(row_reader *r, FILE *in, const cccd_units *u, cccd_date as_of,
                           bool lenient_ids, cccd_err *err);

/* The next batch in file order (blocks until one is ready); hand it back with
 * row_reader_release when done (its records are freed later, by the reader thread). NULL when
 * the reader failed without a batch to say so in: fail_err says why. */
row_batch *row_reader_next(row_reader *r);
void row_reader_release(row_reader *r, row_batch *b);

/* Stops (if still running) and joins the reader, releasing everything it holds. */
void row_reader_finish(row_reader *r);

/* Empties a slot's record (after use). */
void row_slot_clear(row_slot *s);

#endif
