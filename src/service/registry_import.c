/*
 * registry_import.c: the registry import (see registry_import.h): the importing half of the
 * pipeline (registry_pipeline.h). Rows arrive validated and in file order from the reader
 * thread; here duplicates are caught across the file and good rows are upserted into the
 * store inside one transaction, every issue going to the report.
 */
#include "service/registry_import.h"

#include "service/registry_pipeline.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

/* A set of personal IDs seen in the file (as numbers), with the row that had each first. */
typedef struct id_slot {
    uint64_t id1; /* the ID as a number, plus 1 (0 = empty) */
    uint64_t row;
} id_slot;

/* Probable duplicates: a hash of (name key, birth date, commune) and who had it first. */
typedef struct dup_slot {
    uint64_t h; /* 0 = empty */
    uint64_t id1;
    uint64_t row;
} dup_slot;

/* Households seen among the loaded rows: a hash of the household ID, its first row and its
 * head's row (0: none yet). */
typedef struct household_slot {
    uint64_t h; /* 0 = empty */
    uint64_t first_row;
    uint64_t head_row;
    char first_id[13];
} household_slot;

typedef struct importer {
    cccd_store *st;
    const cccd_import_opts *opts;
    cccd_import_report_fn report;
    cccd_import_progress_fn progress;
    void *ctx;
    cccd_import_summary *sum;
    cccd_err *err;
    cccd_errc rc; /* the first fatal error */
    uint64_t row; /* the row being handled */
    size_t ncols; /* columns of the header */
    id_slot *ids;
    size_t nids, idcap;
    dup_slot *dups;
    size_t ndups, dupcap;
    household_slot *hh;
    size_t nhh, hhcap;
    /* the batch's good rows, written together (cccd_store_citizens_upsert_batch) */
    const cccd_citizen *to_write[ROW_BATCH];
    uint64_t to_write_row[ROW_BATCH];
    bool to_write_warned[ROW_BATCH];
    size_t nto_write;
} importer;

static void emit(importer *im, const char *pid, const char *field, bool error, const char *rule,
                 const char *reason) {
    if (im->report == NULL)
        return;
    cccd_import_issue is = {im->row, pid, field, error, rule, reason};
    im->report(im->ctx, &is);
}

/* Looks up or inserts id; returns the first row that had it (0 if new). */
static uint64_t ids_check(importer *im, uint64_t id1, bool *oom) {
    if (im->nids * 2 >= im->idcap) {
        size_t nc = im->idcap ? im->idcap * 2 : 1 << 16;
        id_slot *nt = calloc(nc, sizeof *nt);
        if (nt == NULL) {
            *oom = true;
            return 0;
        }
        for (size_t i = 0; i < im->idcap; i++)
            if (im->ids[i].id1) {
                size_t j = XXH3_64bits(&im->ids[i].id1, 8) & (nc - 1);
                while (nt[j].id1)
                    j = (j + 1) & (nc - 1);
                nt[j] = im->ids[i];
            }
        free(im->ids);
        im->ids = nt;
        im->idcap = nc;
    }
    size_t j = XXH3_64bits(&id1, 8) & (im->idcap - 1);
    while (im->ids[j].id1 && im->ids[j].id1 != id1)
        j = (j + 1) & (im->idcap - 1);
    if (im->ids[j].id1)
        return im->ids[j].row;
    im->ids[j].id1 = id1;
    im->ids[j].row = im->row;
    im->nids++;
    return 0;
}

/* Looks up or inserts the probable-duplicate key (its hash h, row_slot.dup_key); returns the
 * slot that had it first with another ID, or NULL. */
static const dup_slot *dups_check(importer *im, uint64_t h, uint64_t id1, bool *oom) {
    if (im->ndups * 2 >= im->dupcap) {
        size_t nc = im->dupcap ? im->dupcap * 2 : 1 << 16;
        dup_slot *nt = calloc(nc, sizeof *nt);
        if (nt == NULL) {
            *oom = true;
            return NULL;
        }
        for (size_t i = 0; i < im->dupcap; i++)
            if (im->dups[i].h) {
                size_t j = im->dups[i].h & (nc - 1);
                while (nt[j].h)
                    j = (j + 1) & (nc - 1);
                nt[j] = im->dups[i];
            }
        free(im->dups);
        im->dups = nt;
        im->dupcap = nc;
    }
    size_t j = h & (im->dupcap - 1);
    while (im->dups[j].h && im->dups[j].h != h)
        j = (j + 1) & (im->dupcap - 1);
    if (im->dups[j].h)
        return im->dups[j].id1 != id1 ? &im->dups[j] : NULL;
    im->dups[j] = (dup_slot){h, id1, im->row};
    im->ndups++;
    return NULL;
}

/* The household's slot, inserted when new; NULL when memory runs out. */
static household_slot *household_of(importer *im, uint64_t h) {
    if (im->nhh * 2 >= im->hhcap) {
        size_t nc = im->hhcap ? im->hhcap * 2 : 1 << 16;
        household_slot *nt = calloc(nc, sizeof *nt);
        if (nt == NULL)
            return NULL;
        for (size_t i = 0; i < im->hhcap; i++)
            if (im->hh[i].h) {
                size_t j = im->hh[i].h & (nc - 1);
                while (nt[j].h)
                    j = (j + 1) & (nc - 1);
                nt[j] = im->hh[i];
            }
        free(im->hh);
        im->hh = nt;
        im->hhcap = nc;
    }
    size_t j = h & (im->hhcap - 1);
    while (im->hh[j].h && im->hh[j].h != h)
        j = (j + 1) & (im->hhcap - 1);
    if (!im->hh[j].h) {
        im->hh[j].h = h;
        im->nhh++;
    }
    return &im->hh[j];
}

/* A household has exactly one head ("Chủ hộ"): a second one is reported on its row. */
static bool check_household(importer *im, const row_slot *slot, bool *warned) {
    const cccd_citizen *c = &slot->c;
    const char *pid_text = slot->pid_text;
    household_slot *x = household_of(im, slot->household_key);
    if (x == NULL)
        return false;
    if (x->first_row == 0) {
        x->first_row = im->row;
        snprintf(x->first_id, sizeof x->first_id, "%s", c->personal_id);
    }
    if (strcmp(c->relation_to_head, "Chủ hộ") != 0)
        return true;
    if (x->head_row == 0) {
        x->head_row = im->row;
        return true;
    }
    char why[160];
    snprintf(why, sizeof why,
             "relation_to_head: household %.40s already has a head (row %llu); review",
             c->household_id, (unsigned long long)x->head_row);
    emit(im, pid_text, "relation_to_head", false, cccd_rule_name(CCCD_RULE_DUNG), why);
    im->sum->by_rule_warnings[CCCD_RULE_DUNG]++;
    im->sum->households_two_heads++;
    *warned = true;
    return true;
}

/* After the last row: the households with no head, each reported on its first row. */
static void report_headless(importer *im) {
    im->sum->households = im->nhh;
    for (size_t i = 0; i < im->hhcap; i++) {
        household_slot *x = &im->hh[i];
        if (!x->h || x->head_row)
            continue;
        im->row = x->first_row;
        emit(im, x->first_id, "relation_to_head", false, cccd_rule_name(CCCD_RULE_DUNG),
             "relation_to_head: the household has no head (Chủ hộ); review");
        im->sum->by_rule_warnings[CCCD_RULE_DUNG]++;
        im->sum->households_no_head++;
    }
}

static void process_row(importer *im, row_slot *slot) {
    im->row = slot->row;
    cccd_import_summary *sum = im->sum;
    sum->rows++;
    const char *pid_text = slot->pid_text;
    if (slot->nfields != im->ncols) {
        char why[96];
        snprintf(why, sizeof why, "row has %zu fields, the header %zu", slot->nfields, im->ncols);
        emit(im, pid_text, "row", true, cccd_rule_name(CCCD_RULE_DU), why);
        sum->rejected++;
        sum->by_rule_errors[CCCD_RULE_DU]++;
        return;
    }
    const cccd_issues *issues = &slot->issues;
    for (size_t i = 0; i < issues->n; i++) {
        const cccd_issue *x = &issues->v[i];
        emit(im, pid_text, cccd_cf_name(x->field), x->error, cccd_rule_name(x->rule), x->reason);
        if (x->error)
            sum->by_rule_errors[x->rule]++;
        else
            sum->by_rule_warnings[x->rule]++;
    }
    size_t more = issues->errors + issues->warnings - issues->n;
    if (more > 0) {
        char why[96];
        snprintf(why, sizeof why, "and %zu more problems on this row, not listed", more);
        emit(im, pid_text, "row", issues->errors > 0, cccd_rule_name(CCCD_RULE_DUNG), why);
    }
    if (!slot->valid) {
        sum->rejected++;
        return;
    }
    cccd_citizen *c = &slot->c;
    bool oom = false;
    uint64_t id1 = slot->id1;
    uint64_t first = ids_check(im, id1, &oom);
    if (!oom && first) {
        char why[96];
        snprintf(why, sizeof why, "personal_id: also on row %llu: this row is not loaded",
                 (unsigned long long)first);
        emit(im, pid_text, "personal_id", true, cccd_rule_name(CCCD_RULE_SACH), why);
        sum->by_rule_errors[CCCD_RULE_SACH]++;
        sum->duplicates++;
        sum->rejected++;
        return;
    }
    bool warned = issues->warnings > 0;
    const dup_slot *d = oom ? NULL : dups_check(im, slot->dup_key, id1, &oom);
    if (d) {
        char why[160];
        snprintf(why, sizeof why,
                 "probable duplicate of row %llu (ID %012llu): same name, date of birth and "
                 "commune; review",
                 (unsigned long long)d->row, (unsigned long long)(d->id1 - 1));
        emit(im, pid_text, "personal_id", false, cccd_rule_name(CCCD_RULE_SACH), why);
        sum->by_rule_warnings[CCCD_RULE_SACH]++;
        sum->probable_duplicates++;
        warned = true;
    }
    if (!oom && !check_household(im, slot, &warned))
        oom = true;
    if (oom) {
        im->rc = cccd_err_set(im->err, CCCD_E_NOMEM, "file", "out of memory at row %llu",
                              (unsigned long long)im->row);
        return;
    }
    im->to_write[im->nto_write] = c;
    im->to_write_row[im->nto_write] = im->row;
    im->to_write_warned[im->nto_write] = warned;
    im->nto_write++;
}

/* Writes the batch's good rows (still owned by the batch) and counts what happened. */
static void write_rows(importer *im) {
    cccd_upsert res[ROW_BATCH];
    size_t failed = 0;
    cccd_errc rc = cccd_store_citizens_upsert_batch(im->st, im->to_write, im->nto_write, res,
                                                    &failed, im->err);
    if (rc != CCCD_OK) {
        char msg[sizeof im->err->msg];
        snprintf(msg, sizeof msg, "row %llu: %.200s",
                 (unsigned long long)(failed < im->nto_write ? im->to_write_row[failed] : im->row),
                 im->err->msg);
        snprintf(im->err->msg, sizeof im->err->msg, "%s", msg);
        im->rc = rc;
        im->nto_write = 0;
        return;
    }
    cccd_import_summary *sum = im->sum;
    for (size_t i = 0; i < im->nto_write; i++) {
        if (im->to_write_warned[i])
            sum->with_warnings++;
        if (res[i] == CCCD_UPSERT_INSERTED)
            sum->inserted++;
        else if (res[i] == CCCD_UPSERT_UPDATED)
            sum->updated++;
        else
            sum->unchanged++;
    }
    im->nto_write = 0;
}

/* Takes the reader's batches in order until the last one or a fatal error. */
static cccd_errc consume(importer *im, row_reader *r) {
    for (;;) {
        row_batch *b = row_reader_next(r);
        if (b == NULL) {
            *im->err = r->fail_err;
            return im->rc = im->err->code;
        }
        im->ncols = r->ncols;
        for (size_t i = 0; i < b->n && im->rc == CCCD_OK; i++)
            process_row(im, &b->v[i]);
        if (im->rc == CCCD_OK && im->nto_write)
            write_rows(im); /* before the batch, which owns the records, goes back */
        im->nto_write = 0;
        bool last = b->last;
        if (im->rc == CCCD_OK && b->fatal != CCCD_OK) {
            *im->err = b->err;
            im->rc = b->fatal;
        }
        if (im->progress)
            im->progress(im->ctx, b->bytes, im->sum->rows);
        row_reader_release(r, b);
        if (last && im->rc == CCCD_OK)
            report_headless(im);
        if (last || im->rc != CCCD_OK)
            return im->rc;
    }
}

cccd_errc cccd_registry_import(cccd_store *st, const cccd_units *u, FILE *in,
                               const cccd_import_opts *opts, cccd_import_report_fn report,
                               cccd_import_progress_fn progress, void *ctx,
                               cccd_import_summary *summary, cccd_err *err) {
    memset(summary, 0, sizeof *summary);
    importer im = {.st = st,
                   .opts = opts,
                   .report = report,
                   .progress = progress,
                   .ctx = ctx,
                   .sum = summary,
                   .err = err};
    cccd_errc rc = cccd_store_bulk_mode(st, err);
    if (rc == CCCD_OK)
        rc = cccd_store_begin(st, err);
    if (rc == CCCD_OK)
        rc = cccd_store_coverage_begin(st, cccd_date_to_days(opts->today), err);
    bool bulk = false;
    if (rc == CCCD_OK)
        rc = cccd_store_citizens_bulk_begin(st, &bulk, err);
    row_reader r;
    bool started = false;
    if (rc == CCCD_OK) {
        rc = row_reader_start(&r, in, u, opts->as_of, opts->lenient_ids, err);
        started = rc == CCCD_OK;
    }
    if (rc == CCCD_OK)
        rc = consume(&im, &r);
    if (started)
        row_reader_finish(&r);
    if (rc == CCCD_OK && bulk)
        rc = cccd_store_citizens_bulk_end(st, err);
    if (rc == CCCD_OK)
        rc = cccd_store_commit(st, err);
    else if (st != NULL)
        cccd_store_rollback(st);
    if (st != NULL)
        cccd_store_bulk_mode_end(st);
    free(im.ids);
    free(im.dups);
    free(im.hh);
    if (rc != CCCD_OK) {
        cccd_import_summary keep_rows = {.rows = summary->rows};
        *summary = keep_rows;
    }
    return rc;
}
