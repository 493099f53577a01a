/*
 * registry_import.c: the registry import (see registry_import.h): CSV rows through libcsv,
 * each validated by cccd_citizen_validate, duplicates caught across the file, good rows
 * upserted into the store inside one transaction.
 */
#include "service/registry_import.h"

#include <csv.h>
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

typedef struct importer {
    cccd_store *st;
    const cccd_units *u;
    const cccd_import_opts *opts;
    cccd_import_report_fn report;
    cccd_import_progress_fn progress;
    void *ctx;
    cccd_import_summary *sum;
    cccd_err *err;
    cccd_errc rc; /* the first fatal error; rows are no longer processed after it */

    /* the row being assembled */
    char *buf;
    size_t blen, bcap;
    size_t *off, *len;
    size_t nf, fcap;
    bool header_done;
    int col_of[256]; /* file column -> cccd_cf, -1 ignored */
    size_t ncols;
    uint64_t row; /* data rows so far */

    id_slot *ids;
    size_t nids, idcap;
    dup_slot *dups;
    size_t ndups, dupcap;
} importer;

static void emit(importer *im, const char *pid, const char *field, bool error, const char *rule,
                 const char *reason) {
    if (im->report == NULL)
        return;
    cccd_import_issue is = {im->row, pid, field, error, rule, reason};
    im->report(im->ctx, &is);
}

static void field_cb(void *s, size_t len, void *data) {
    importer *im = data;
    if (im->rc != CCCD_OK)
        return;
    if (im->nf == im->fcap) {
        size_t nc = im->fcap ? im->fcap * 2 : 64;
        size_t *no = realloc(im->off, nc * sizeof *no), *nl;
        if (no)
            im->off = no;
        nl = no ? realloc(im->len, nc * sizeof *nl) : NULL;
        if (!no || !nl) {
            im->rc = cccd_err_set(im->err, CCCD_E_NOMEM, "file", "out of memory");
            return;
        }
        im->len = nl;
        im->fcap = nc;
    }
    if (im->blen + len + 1 > im->bcap) {
        size_t nc = im->bcap ? im->bcap : 4096;
        while (nc < im->blen + len + 1)
            nc *= 2;
        char *nb = realloc(im->buf, nc);
        if (nb == NULL) {
            im->rc = cccd_err_set(im->err, CCCD_E_NOMEM, "file", "out of memory");
            return;
        }
        im->buf = nb;
        im->bcap = nc;
    }
    memcpy(im->buf + im->blen, s ? s : "", len);
    im->buf[im->blen + len] = '\0';
    im->off[im->nf] = im->blen;
    im->len[im->nf] = len;
    im->nf++;
    im->blen += len + 1;
}

static cccd_errc read_header(importer *im) {
    if (im->nf > 256)
        return cccd_err_set(im->err, CCCD_E_ARG, "header", "header: more than 256 columns");
    bool seen[CCCD_CF__COUNT] = {0};
    for (size_t i = 0; i < im->nf; i++) {
        const char *name = im->buf + im->off[i];
        size_t n = im->len[i];
        if (i == 0 && n >= 3 && memcmp(name, "\xef\xbb\xbf", 3) == 0) /* a UTF-8 BOM */
            name += 3, n -= 3;
        int f = cccd_cf_by_name(name, n);
        if (f >= 0 && seen[f])
            return cccd_err_set(im->err, CCCD_E_ARG, "header", "header: column %.40s is twice",
                                name);
        im->col_of[i] = f;
        if (f >= 0)
            seen[f] = true;
    }
    for (int f = 0; f < CCCD_CF__COUNT; f++)
        if (cccd_cf_required(f) && !seen[f])
            return cccd_err_set(im->err, CCCD_E_ARG, "header",
                                "header: the mandatory column %s is missing", cccd_cf_name(f));
    im->ncols = im->nf;
    return CCCD_OK;
}

static uint64_t id_number(const char *pid) {
    return strtoull(pid, NULL, 10) + 1;
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

/* Looks up or inserts the probable-duplicate key; returns the slot that had it first with
 * another ID, or NULL. */
static const dup_slot *dups_check(importer *im, const cccd_citizen *c, uint64_t id1, bool *oom) {
    char dob[11], keybuf[512];
    int n = snprintf(keybuf, sizeof keybuf, "%s|%s|%s", c->name_key, cccd_date_iso(c->dob, dob),
                     c->permanent_unit->code);
    uint64_t h = XXH3_64bits(keybuf, (size_t)(n < (int)sizeof keybuf ? n : (int)sizeof keybuf - 1));
    if (h == 0)
        h = 1;
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

static void process_row(importer *im) {
    im->row++;
    cccd_import_summary *sum = im->sum;
    sum->rows++;
    cccd_citizen_raw raw = {0};
    for (size_t i = 0; i < im->nf && i < im->ncols; i++) {
        int f = im->col_of[i];
        if (f < 0)
            continue;
        raw.f[f] = im->buf + im->off[i];
        raw.len[f] = im->len[i];
    }
    char pid_text[40];
    snprintf(pid_text, sizeof pid_text, "%.*s",
             (int)(raw.len[CCCD_CF_PERSONAL_ID] < 39 ? raw.len[CCCD_CF_PERSONAL_ID] : 39),
             raw.f[CCCD_CF_PERSONAL_ID] ? raw.f[CCCD_CF_PERSONAL_ID] : "");
    if (im->nf != im->ncols) {
        char why[96];
        snprintf(why, sizeof why, "row has %zu fields, the header %zu", im->nf, im->ncols);
        emit(im, pid_text, "row", true, cccd_rule_name(CCCD_RULE_DU), why);
        sum->rejected++;
        sum->by_rule_errors[CCCD_RULE_DU]++;
        return;
    }
    cccd_citizen c;
    cccd_issues issues;
    cccd_err verr;
    cccd_errc rc = cccd_citizen_validate(&raw, im->u, im->opts->as_of, im->opts->lenient_ids, &c,
                                         &issues, &verr);
    if (rc == CCCD_E_NOMEM) {
        im->rc = cccd_err_set(im->err, CCCD_E_NOMEM, "file", "out of memory at row %llu",
                              (unsigned long long)im->row);
        return;
    }
    for (size_t i = 0; i < issues.n; i++) {
        const cccd_issue *x = &issues.v[i];
        emit(im, pid_text, cccd_cf_name(x->field), x->error, cccd_rule_name(x->rule), x->reason);
        if (x->error)
            sum->by_rule_errors[x->rule]++;
        else
            sum->by_rule_warnings[x->rule]++;
    }
    if (rc != CCCD_OK) {
        sum->rejected++;
        return;
    }
    bool oom = false;
    uint64_t id1 = id_number(c.personal_id);
    uint64_t first = ids_check(im, id1, &oom);
    if (!oom && first) {
        char why[96];
        snprintf(why, sizeof why, "personal_id: also on row %llu: this row is not loaded",
                 (unsigned long long)first);
        emit(im, pid_text, "personal_id", true, cccd_rule_name(CCCD_RULE_SACH), why);
        sum->by_rule_errors[CCCD_RULE_SACH]++;
        sum->duplicates++;
        sum->rejected++;
        cccd_citizen_clear(&c);
        return;
    }
    bool warned = issues.warnings > 0;
    const dup_slot *d = oom ? NULL : dups_check(im, &c, id1, &oom);
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
    if (oom) {
        im->rc = cccd_err_set(im->err, CCCD_E_NOMEM, "file", "out of memory at row %llu",
                              (unsigned long long)im->row);
        cccd_citizen_clear(&c);
        return;
    }
    cccd_upsert res;
    rc = cccd_store_citizen_upsert(im->st, &c, &res, im->err);
    cccd_citizen_clear(&c);
    if (rc != CCCD_OK) {
        char msg[sizeof im->err->msg];
        snprintf(msg, sizeof msg, "row %llu: %.200s", (unsigned long long)im->row, im->err->msg);
        snprintf(im->err->msg, sizeof im->err->msg, "%s", msg);
        im->rc = rc;
        return;
    }
    if (warned)
        sum->with_warnings++;
    if (res == CCCD_UPSERT_INSERTED)
        sum->inserted++;
    else if (res == CCCD_UPSERT_UPDATED)
        sum->updated++;
    else
        sum->unchanged++;
}

static void row_cb(int term, void *data) {
    (void)term;
    importer *im = data;
    if (im->rc == CCCD_OK) {
        if (!im->header_done) {
            im->rc = read_header(im);
            im->header_done = true;
        } else if (!(im->nf == 1 && im->len[0] == 0)) { /* skip blank lines */
            process_row(im);
        }
    }
    im->nf = 0;
    im->blen = 0;
}

static cccd_errc import_file(importer *im, FILE *in) {
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
        return cccd_err_set(im->err, CCCD_E_NOMEM, "file", "out of memory");
    const size_t chunk_size = 1 << 20;
    char *chunk = malloc(chunk_size);
    if (chunk == NULL) {
        csv_free(&p);
        return cccd_err_set(im->err, CCCD_E_NOMEM, "file", "out of memory");
    }
    uint64_t bytes = 0;
    size_t n;
    cccd_errc rc = CCCD_OK;
    while (im->rc == CCCD_OK && (n = fread(chunk, 1, chunk_size, in)) > 0) {
        if (csv_parse(&p, chunk, n, field_cb, row_cb, im) != n) {
            rc = cccd_err_set(im->err, CCCD_E_ARG, "file",
                              "row %llu: the CSV is malformed (%s): nothing was imported",
                              (unsigned long long)im->row + 1, csv_strerror(csv_error(&p)));
            break;
        }
        bytes += n;
        if (im->progress)
            im->progress(im->ctx, bytes, im->row);
    }
    if (rc == CCCD_OK && im->rc == CCCD_OK && ferror(in))
        rc = cccd_err_set(im->err, CCCD_E_IO, "file",
                          "cannot read the file: nothing was "
                          "imported");
    if (rc == CCCD_OK && im->rc == CCCD_OK && csv_fini(&p, field_cb, row_cb, im) != 0)
        rc = cccd_err_set(im->err, CCCD_E_ARG, "file",
                          "the file ends inside a quoted field: nothing was imported");
    csv_free(&p);
    free(chunk);
    if (rc == CCCD_OK)
        rc = im->rc;
    if (rc == CCCD_OK && !im->header_done)
        rc = cccd_err_set(im->err, CCCD_E_ARG, "file", "the file is empty (no header row)");
    return rc;
}

cccd_errc cccd_registry_import(cccd_store *st, const cccd_units *u, FILE *in,
                               const cccd_import_opts *opts, cccd_import_report_fn report,
                               cccd_import_progress_fn progress, void *ctx,
                               cccd_import_summary *summary, cccd_err *err) {
    memset(summary, 0, sizeof *summary);
    importer im = {.st = st,
                   .u = u,
                   .opts = opts,
                   .report = report,
                   .progress = progress,
                   .ctx = ctx,
                   .sum = summary,
                   .err = err};
    cccd_errc rc = cccd_store_begin(st, err);
    if (rc == CCCD_OK)
        rc = cccd_store_coverage_begin(st, cccd_date_to_days(opts->today), err);
    if (rc == CCCD_OK)
        rc = import_file(&im, in);
    if (rc == CCCD_OK)
        rc = cccd_store_commit(st, err);
    else
        cccd_store_rollback(st);
    free(im.buf);
    free(im.off);
    free(im.len);
    free(im.ids);
    free(im.dups);
    if (rc != CCCD_OK) {
        cccd_import_summary keep_rows = {.rows = summary->rows};
        *summary = keep_rows;
    }
    return rc;
}
