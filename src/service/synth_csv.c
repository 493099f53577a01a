/*
 * synth_csv.c: the synthetic population as a CSV file (docs/registry-csv.md), and the faults
 * sidecar, on streams the caller opened.
 *
 * Why here and not in the CLI: the layout of the file is part of the format the importer is
 * written against, so the one place that writes it sits next to the generator. A field that
 * holds a comma, a double quote, CR or LF is quoted by libcsv (csv_write); every other field is
 * written as it is, so the common row has no quotes at all. Each row is assembled in a buffer
 * and written with one fwrite.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "service/synth_internal.h"

/* A row of at most CCCD_SYNTH_NCOLS fields of at most SYNTH_ROW_ARENA bytes in all; quoting
 * at most doubles a field and adds two quotes. */
#define LINE_CAP (2 * SYNTH_ROW_ARENA + 4 * CCCD_SYNTH_NCOLS + 16)

typedef struct csv_ctx {
    FILE *out, *faults;
    cccd_synth_progress_fn progress;
    void *progress_ctx;
    char line[LINE_CAP];
} csv_ctx;

/* The bytes that make a field need quotes: comma, double quote, CR, LF. */
static const unsigned char special[256] = {['\r'] = 1, ['\n'] = 1, [','] = 1, ['"'] = 1};

static bool needs_quotes(const char *s, size_t len) {
    const unsigned char *p = (const unsigned char *)s;
    unsigned char any = 0;
    for (size_t i = 0; i < len; i++)
        any |= special[p[i]];
    return any != 0;
}

/* Appends one field to line at n; returns the new length. */
static size_t put_field(char *line, size_t n, const char *s, size_t len) {
    if (!needs_quotes(s, len)) {
        memcpy(line + n, s, len);
        return n + len;
    }
    return n + csv_write(line + n, LINE_CAP - n, s, len);
}

static cccd_errc write_line(FILE *f, const char *const *field, const size_t *len, size_t nf,
                            char *line, cccd_err *err) {
    size_t n = 0;
    for (size_t i = 0; i < nf; i++) {
        if (i > 0)
            line[n++] = ',';
        n = put_field(line, n, field[i], len[i]);
    }
    line[n++] = '\n';
    if (fwrite(line, 1, n, f) != n)
        return cccd_err_set(err, CCCD_E_IO, "out", "cannot write: %s", strerror(errno));
    return CCCD_OK;
}

static cccd_errc on_row(void *ctx, const cccd_synth_row *row, cccd_err *err) {
    csv_ctx *c = ctx;
    return write_line(c->out, row->field, row->len, CCCD_SYNTH_NCOLS, c->line, err);
}

static cccd_errc on_fault(void *ctx, const cccd_synth_fault *f, cccd_err *err) {
    csv_ctx *c = ctx;
    if (c->faults == NULL)
        return CCCD_OK;
    char num[24];
    size_t nl = synth_fmt_uint(f->row, num);
    const char *field[3] = {num, f->field, f->fault};
    size_t len[3] = {nl, strlen(f->field), strlen(f->fault)};
    return write_line(c->faults, field, len, 3, c->line, err);
}

static void on_progress(void *ctx, uint64_t done, uint64_t total) {
    csv_ctx *c = ctx;
    if (c->progress)
        c->progress(c->progress_ctx, done, total);
}

static cccd_errc finish(FILE *f, cccd_err *err) {
    if (f != NULL && (fflush(f) != 0 || ferror(f)))
        return cccd_err_set(err, CCCD_E_IO, "out", "cannot write: %s", strerror(errno));
    return CCCD_OK;
}

cccd_errc cccd_synth_write_csv(const cccd_synth_config *cfg, FILE *out, FILE *faults,
                               cccd_synth_progress_fn progress, void *progress_ctx, cccd_err *err) {
    csv_ctx *c = malloc(sizeof *c);
    if (c == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory");
    c->out = out;
    c->faults = faults;
    c->progress = progress;
    c->progress_ctx = progress_ctx;
    const char *hdr[CCCD_SYNTH_NCOLS];
    size_t hlen[CCCD_SYNTH_NCOLS];
    for (int i = 0; i < CCCD_SYNTH_NCOLS; i++) {
        hdr[i] = cccd_synth_column_name((cccd_synth_col)i);
        hlen[i] = strlen(hdr[i]);
    }
    cccd_errc rc = write_line(out, hdr, hlen, CCCD_SYNTH_NCOLS, c->line, err);
    if (rc == CCCD_OK && faults != NULL) {
        const char *fh[3] = {"row_number", "field", "fault"};
        const size_t fl[3] = {10, 5, 5};
        rc = write_line(faults, fh, fl, 3, c->line, err);
    }
    if (rc == CCCD_OK) {
        cccd_synth_sink sink = {on_row, on_fault, on_progress, c};
        rc = cccd_synth_run(cfg, &sink, err);
    }
    if (rc == CCCD_OK)
        rc = finish(out, err);
    if (rc == CCCD_OK)
        rc = finish(faults, err);
    free(c);
    return rc;
}
