/*
 * synth_row.c: one row of the synthetic population while it is built, and the small
 * formatters the generator uses for dates and numbers.
 *
 * Why: a row's fields are written once into a fixed arena (no allocation per row, which keeps
 * the generator fast and its memory constant), and a fault can re-point one field to new text
 * without touching the others. The formatters replace snprintf on the hot path.
 */
#include <string.h>

#include "service/synth_internal.h"

void synth_row_reset(synth_rowbuf *b) {
    b->used = 0;
    for (int i = 0; i < CCCD_SYNTH_NCOLS; i++) {
        b->row.field[i] = "";
        b->row.len[i] = 0;
    }
}

void synth_row_set(synth_rowbuf *b, cccd_synth_col col, const char *s, size_t len) {
    if (len > SYNTH_ROW_ARENA - b->used)
        len = SYNTH_ROW_ARENA - b->used;
    char *dst = b->arena + b->used;
    memcpy(dst, s, len);
    b->used += len;
    b->row.field[col] = dst;
    b->row.len[col] = len;
}

void synth_row_sets(synth_rowbuf *b, cccd_synth_col col, const char *s) {
    synth_row_set(b, col, s, strlen(s));
}

void synth_row_copy(synth_rowbuf *dst, const synth_rowbuf *src) {
    memcpy(dst->arena, src->arena, src->used);
    dst->used = src->used;
    dst->row.number = src->row.number;
    for (int i = 0; i < CCCD_SYNTH_NCOLS; i++) {
        const char *f = src->row.field[i];
        if (f >= src->arena && f < src->arena + SYNTH_ROW_ARENA)
            dst->row.field[i] = dst->arena + (f - src->arena);
        else
            dst->row.field[i] = f; /* static text */
        dst->row.len[i] = src->row.len[i];
    }
}

size_t synth_fmt_date(cccd_date d, char *buf) {
    int y = d.y;
    buf[0] = (char)('0' + y / 1000 % 10);
    buf[1] = (char)('0' + y / 100 % 10);
    buf[2] = (char)('0' + y / 10 % 10);
    buf[3] = (char)('0' + y % 10);
    buf[4] = '-';
    buf[5] = (char)('0' + d.m / 10);
    buf[6] = (char)('0' + d.m % 10);
    buf[7] = '-';
    buf[8] = (char)('0' + d.d / 10);
    buf[9] = (char)('0' + d.d % 10);
    buf[10] = '\0';
    return 10;
}

size_t synth_fmt_uint(uint64_t v, char *buf) {
    char tmp[24];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    for (size_t i = 0; i < n; i++)
        buf[i] = tmp[n - 1 - i];
    buf[n] = '\0';
    return n;
}
