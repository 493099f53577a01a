/*
 * registry_reader.c: the reading half of the registry import (see registry_pipeline.h): a
 * thread that parses the CSV with libcsv, maps the header to the registry's fields, validates
 * each row and hands the rows over in batches, in file order.
 */
#include <csv.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "service/registry_pipeline.h"

typedef struct reader_state {
    row_reader *r;
    row_batch *b; /* the batch being filled */
    cccd_errc rc; /* a fatal problem: stop */
    cccd_err err;
    /* the row being assembled: fields in one buffer */
    char *buf;
    size_t blen, bcap;
    size_t *off, *len;
    size_t nf, fcap;
    bool header_done;
    int col_of[256]; /* file column -> cccd_cf, -1 ignored */
    uint64_t row;
    uint64_t bytes;
} reader_state;

static row_batch *take_spare(row_reader *r) {
    pthread_mutex_lock(&r->mu);
    row_batch *b = r->nspare ? r->spare[--r->nspare] : NULL;
    pthread_mutex_unlock(&r->mu);
    if (b == NULL)
        b = calloc(1, sizeof *b);
    if (b) {
        /* the records are freed here, on the thread that allocated them: a free from the
         * importing thread would contend for this thread's malloc arena */
        for (size_t i = 0; i < b->n; i++)
            row_slot_clear(&b->v[i]);
        b->n = 0;
        b->last = false;
        b->fatal = CCCD_OK;
    }
    return b;
}

/* Hands the batch over; false when the importer asked to stop. */
static bool hand_over(row_reader *r, row_batch *b) {
    pthread_mutex_lock(&r->mu);
    while (r->count == QUEUE_BATCHES && !r->stop)
        pthread_cond_wait(&r->space, &r->mu);
    bool stop = r->stop;
    if (!stop) {
        r->full[(r->head + r->count) % QUEUE_BATCHES] = b;
        r->count++;
        pthread_cond_signal(&r->ready);
    }
    pthread_mutex_unlock(&r->mu);
    if (stop) {
        for (size_t i = 0; i < b->n; i++)
            row_slot_clear(&b->v[i]);
        free(b);
    }
    return !stop;
}

static void field_cb(void *s, size_t len, void *data) {
    reader_state *st = data;
    if (st->rc != CCCD_OK)
        return;
    if (st->nf == st->fcap) {
        size_t nc = st->fcap ? st->fcap * 2 : 64;
        size_t *no = realloc(st->off, nc * sizeof *no);
        if (no)
            st->off = no;
        size_t *nl = no ? realloc(st->len, nc * sizeof *nl) : NULL;
        if (!no || !nl) {
            st->rc = cccd_err_set(&st->err, CCCD_E_NOMEM, "file", "out of memory");
            return;
        }
        st->len = nl;
        st->fcap = nc;
    }
    if (st->blen + len + 1 > st->bcap) {
        size_t nc = st->bcap ? st->bcap : 4096;
        while (nc < st->blen + len + 1)
            nc *= 2;
        char *nb = realloc(st->buf, nc);
        if (nb == NULL) {
            st->rc = cccd_err_set(&st->err, CCCD_E_NOMEM, "file", "out of memory");
            return;
        }
        st->buf = nb;
        st->bcap = nc;
    }
    if (len)
        memcpy(st->buf + st->blen, s, len);
    st->buf[st->blen + len] = '\0';
    st->off[st->nf] = st->blen;
    st->len[st->nf] = len;
    st->nf++;
    st->blen += len + 1;
}

static cccd_errc read_header(reader_state *st) {
    if (st->nf > 256)
        return cccd_err_set(&st->err, CCCD_E_ARG, "header", "header: more than 256 columns");
    bool seen[CCCD_CF__COUNT] = {0};
    for (size_t i = 0; i < st->nf; i++) {
        const char *name = st->buf + st->off[i];
        size_t n = st->len[i];
        if (i == 0 && n >= 3 && memcmp(name, "\xef\xbb\xbf", 3) == 0) /* a UTF-8 BOM */
            name += 3, n -= 3;
        int f = cccd_cf_by_name(name, n);
        if (f >= 0 && seen[f])
            return cccd_err_set(&st->err, CCCD_E_ARG, "header", "header: column %.40s is twice",
                                name);
        st->col_of[i] = f;
        if (f >= 0)
            seen[f] = true;
    }
    for (int f = 0; f < CCCD_CF__COUNT; f++)
        if (cccd_cf_required(f) && !seen[f])
            return cccd_err_set(&st->err, CCCD_E_ARG, "header",
                                "header: the mandatory column %s is missing", cccd_cf_name(f));
    st->r->ncols = st->nf;
    return CCCD_OK;
}

/* The slot's keys for the importer's checks across the file (row_slot). */
static void slot_keys(row_slot *s) {
    const cccd_citizen *c = &s->c;
    s->id1 = strtoull(c->personal_id, NULL, 10) + 1;
    /* "name_key|date of birth|commune code" */
    char keybuf[512], dob[11];
    size_t n = 0;
    const char *parts[3] = {c->name_key, cccd_date_iso(c->dob, dob), c->permanent_unit->code};
    for (int p = 0; p < 3; p++) {
        size_t k = strlen(parts[p]);
        if (k > sizeof keybuf - 1 - n)
            k = sizeof keybuf - 1 - n;
        memcpy(keybuf + n, parts[p], k);
        n += k;
        if (p < 2 && n < sizeof keybuf - 1)
            keybuf[n++] = '|';
    }
    s->dup_key = XXH3_64bits(keybuf, n);
    s->household_key = XXH3_64bits(c->household_id, strlen(c->household_id));
    if (s->dup_key == 0)
        s->dup_key = 1;
    if (s->household_key == 0)
        s->household_key = 1;
}

static void validate_row(reader_state *st) {
    row_reader *r = st->r;
    row_slot *s = &st->b->v[st->b->n++];
    memset(s, 0, offsetof(row_slot, issues));
    s->issues.n = s->issues.errors = s->issues.warnings = 0;
    s->row = ++st->row;
    s->nfields = st->nf;
    cccd_citizen_raw raw = {0};
    for (size_t i = 0; i < st->nf && i < r->ncols; i++) {
        int f = st->col_of[i];
        if (f < 0)
            continue;
        raw.f[f] = st->buf + st->off[i];
        raw.len[f] = st->len[i];
    }
    size_t pl = raw.len[CCCD_CF_PERSONAL_ID] < 39 ? raw.len[CCCD_CF_PERSONAL_ID] : 39;
    if (pl)
        memcpy(s->pid_text, raw.f[CCCD_CF_PERSONAL_ID], pl);
    s->pid_text[pl] = '\0';
    if (st->nf != r->ncols)
        return; /* the importer reports the field count */
    cccd_err verr;
    cccd_errc rc =
        cccd_citizen_validate(&raw, r->u, r->as_of, r->lenient_ids, &s->c, &s->issues, &verr);
    if (rc == CCCD_E_NOMEM) {
        st->rc = cccd_err_set(&st->err, CCCD_E_NOMEM, "file", "out of memory at row %llu",
                              (unsigned long long)s->row);
        st->b->n--;
        return;
    }
    s->valid = rc == CCCD_OK;
    if (s->valid)
        slot_keys(s);
}

static void row_cb(int term, void *data) {
    (void)term;
    reader_state *st = data;
    if (st->rc == CCCD_OK) {
        if (!st->header_done) {
            st->rc = read_header(st);
            st->header_done = true;
        } else if (!(st->nf == 1 && st->len[0] == 0)) { /* skip blank lines */
            validate_row(st);
            if (st->rc == CCCD_OK && st->b->n == ROW_BATCH) {
                st->b->bytes = st->bytes;
                if (!hand_over(st->r, st->b)) {
                    st->b = NULL;
                    st->rc = CCCD_E_INTERNAL; /* stopped by the importer */
                } else if ((st->b = take_spare(st->r)) == NULL) {
                    st->rc = cccd_err_set(&st->err, CCCD_E_NOMEM, "file", "out of memory");
                }
            }
        }
    }
    st->nf = 0;
    st->blen = 0;
}

/* libcsv trims spaces around unquoted fields unless told that nothing is a space: the
 * validation must see them, to clean and report them ("sạch"), not lose them silently. */
static int no_space(unsigned char c) {
    (void)c;
    return 0;
}

static void *reader_main(void *arg) {
    row_reader *r = arg;
    reader_state st = {.r = r};
    struct csv_parser p;
    const size_t chunk_size = 1 << 20;
    char *chunk = malloc(chunk_size);
    st.b = take_spare(r);
    if (chunk == NULL || st.b == NULL || csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        st.rc = cccd_err_set(&st.err, CCCD_E_NOMEM, "file", "out of memory");
    } else {
        csv_set_space_func(&p, no_space);
        size_t n;
        bool first = true;
        while (st.rc == CCCD_OK && (n = fread(chunk, 1, chunk_size, r->in)) > 0) {
            st.bytes += n;
            size_t skip = 0;
            /* a UTF-8 byte-order mark: strict libcsv would refuse a quoted header behind it */
            if (first && n >= 3 && memcmp(chunk, "\xef\xbb\xbf", 3) == 0)
                skip = 3;
            first = false;
            if (csv_parse(&p, chunk + skip, n - skip, field_cb, row_cb, &st) != n - skip &&
                st.rc == CCCD_OK)
                st.rc = cccd_err_set(&st.err, CCCD_E_ARG, "file",
                                     "row %llu: the CSV is malformed (%s): nothing was imported",
                                     (unsigned long long)st.row + 1, csv_strerror(csv_error(&p)));
        }
        if (st.rc == CCCD_OK && ferror(r->in))
            st.rc = cccd_err_set(&st.err, CCCD_E_IO, "file",
                                 "cannot read the file: nothing was imported");
        if (st.rc == CCCD_OK && csv_fini(&p, field_cb, row_cb, &st) != 0)
            st.rc = cccd_err_set(&st.err, CCCD_E_ARG, "file",
                                 "the file ends inside a quoted field: nothing was imported");
        if (st.rc == CCCD_OK && !st.header_done)
            st.rc = cccd_err_set(&st.err, CCCD_E_ARG, "file", "the file is empty (no header row)");
        csv_free(&p);
    }
    free(chunk);
    free(st.buf);
    free(st.off);
    free(st.len);
    if (st.b == NULL) /* stopped by the importer, or out of memory for a batch */
        st.b = calloc(1, sizeof *st.b);
    if (st.b != NULL) {
        st.b->last = true;
        st.b->bytes = st.bytes;
        st.b->fatal = st.rc;
        if (st.rc != CCCD_OK)
            st.b->err = st.err;
        hand_over(r, st.b);
    } else {
        /* no memory even for the last batch: say so without one, or the importer waits */
        pthread_mutex_lock(&r->mu);
        r->failed = true;
        cccd_err_set(&r->fail_err, CCCD_E_NOMEM, "file", "out of memory reading the file");
        pthread_cond_signal(&r->ready);
        pthread_mutex_unlock(&r->mu);
    }
    return NULL;
}

cccd_errc row_reader_start(row_reader *r, FILE *in, const cccd_units *u, cccd_date as_of,
                           bool lenient_ids, cccd_err *err) {
    memset(r, 0, sizeof *r);
    r->in = in;
    r->u = u;
    r->as_of = as_of;
    r->lenient_ids = lenient_ids;
    pthread_mutex_init(&r->mu, NULL);
    pthread_cond_init(&r->ready, NULL);
    pthread_cond_init(&r->space, NULL);
    if (pthread_create(&r->thread, NULL, reader_main, r) != 0) {
        pthread_mutex_destroy(&r->mu);
        pthread_cond_destroy(&r->ready);
        pthread_cond_destroy(&r->space);
        return cccd_err_set(err, CCCD_E_INTERNAL, "file", "cannot start the reader thread");
    }
    return CCCD_OK;
}

row_batch *row_reader_next(row_reader *r) {
    pthread_mutex_lock(&r->mu);
    while (r->count == 0 && !r->failed)
        pthread_cond_wait(&r->ready, &r->mu);
    if (r->count == 0) {
        pthread_mutex_unlock(&r->mu);
        return NULL;
    }
    row_batch *b = r->full[r->head];
    r->head = (r->head + 1) % QUEUE_BATCHES;
    r->count--;
    pthread_cond_signal(&r->space);
    pthread_mutex_unlock(&r->mu);
    return b;
}

void row_slot_clear(row_slot *s) {
    if (s->valid)
        cccd_citizen_clear(&s->c);
    s->valid = false;
}

void row_reader_release(row_reader *r, row_batch *b) {
    pthread_mutex_lock(&r->mu);
    if (r->nspare < QUEUE_BATCHES + 2) {
        r->spare[r->nspare++] = b; /* the reader clears it when it takes it again */
        b = NULL;
    }
    pthread_mutex_unlock(&r->mu);
    if (b != NULL) {
        for (size_t i = 0; i < b->n; i++)
            row_slot_clear(&b->v[i]);
        free(b);
    }
}

void row_reader_finish(row_reader *r) {
    pthread_mutex_lock(&r->mu);
    r->stop = true;
    pthread_cond_broadcast(&r->space);
    pthread_mutex_unlock(&r->mu);
    pthread_join(r->thread, NULL);
    for (size_t i = 0; i < r->count; i++) {
        row_batch *b = r->full[(r->head + i) % QUEUE_BATCHES];
        for (size_t j = 0; j < b->n; j++)
            row_slot_clear(&b->v[j]);
        free(b);
    }
    for (size_t i = 0; i < r->nspare; i++) {
        for (size_t j = 0; j < r->spare[i]->n; j++)
            row_slot_clear(&r->spare[i]->v[j]);
        free(r->spare[i]);
    }
    pthread_mutex_destroy(&r->mu);
    pthread_cond_destroy(&r->ready);
    pthread_cond_destroy(&r->space);
}
