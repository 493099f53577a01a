/*
 * ticket_print.c: drawing the printed appointment ticket with cairo and libqrencode (see
 * ticket_print.h; the layout is described in docs/planning.md, "Printed tickets").
 *
 * The page is A6 portrait (105 x 148 mm): a quarter of an A4 sheet, so an office printer
 * prints four to a sheet ("pages per sheet") and one cut gives four tickets, or feeds A6
 * cards directly; it is the size of a postcard, which fits the hand and the household's
 * papers, and is still large enough for the name, the time and place in type an elderly
 * reader can read and a QR code a phone or a desk scanner reads at arm's length.
 *
 * Text goes through cairo's toy text API in DejaVu Sans (fonts-dejavu-core): it has every
 * precomposed Vietnamese letter, and the strings are NFC in the database, so no shaping is
 * needed. Every block of text is wrapped at word boundaries to the page's width and shrunk
 * when it needs more lines than its share; if the whole still does not fit above the QR code,
 * every text is shrunk together. A word wider than the page (no space to break at) is broken
 * between letters. Nothing is ever cut off.
 */
#include "service/ticket_print.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <errno.h>
#include <fontconfig/fontconfig.h>
#include <qrencode.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/shift.h"
#include "core/text.h"

#define PT_PER_MM (72.0 / 25.4)
#define PAGE_W (105.0 * PT_PER_MM) /* A6 portrait: see the top of the file */
#define PAGE_H (148.0 * PT_PER_MM)
#define MARGIN (7.0 * PT_PER_MM)
#define CONTENT_W (PAGE_W - 2 * MARGIN)
#define QR_SIZE (32.0 * PT_PER_MM) /* with its quiet zone: 4 modules each side */
#define QR_QUIET 4
#define GAP (2.2 * PT_PER_MM)
#define LINE 1.22 /* line height, in font sizes */
#define FONT "DejaVu Sans"
#define PNG_SCALE 2.0 /* 144 dpi: 595 x 839 pixels, modules of several pixels */
#define MIN_SIZE 5.0  /* below this the ticket cannot be read: the whole is shrunk instead */

/* What to bring and what the QR code is for: short, for the citizen. */
static const char *const TITLE = "GIẤY HẸN LÀM CĂN CƯỚC";
static const char *const BRING =
    "Mang theo: giấy hẹn này và chứng minh nhân dân hoặc thẻ căn cước cũ (nếu có).";
static const char *const QR_NOTE = "Đưa mã QR này cho cán bộ quét khi đến làm thủ tục.";

char *cccd_ticket_day_vi(int64_t day, char *buf) {
    static const char *const weekday[7] = {"Thứ Hai", "Thứ Ba",  "Thứ Tư",  "Thứ Năm",
                                           "Thứ Sáu", "Thứ Bảy", "Chủ nhật"};
    cccd_date d = cccd_date_from_days(day);
    snprintf(buf, 32, "%s, %d/%d/%d", weekday[cccd_date_weekday(day)], d.d, d.m, d.y);
    return buf;
}

char *cccd_ticket_window_vi(int64_t shift_day, int window_start, int window_end, int64_t *day,
                            char *buf) {
    char a[6], b[6];
    *day = shift_day + window_start / 1440;
    cccd_minutes_format(window_start, a);
    cccd_minutes_format(window_end, b);
    snprintf(buf, 16, "%s\u2013%s", a, b);
    return buf;
}

/* ---- wrapping ---- */

/* The lines of one block of text at one font size. */
typedef struct wrapped {
    char **line; /* owned */
    size_t n, cap;
    bool nomem;
    bool broke_word; /* a word had to be broken between letters */
} wrapped;

static void wrapped_free(wrapped *w) {
    for (size_t i = 0; i < w->n; i++)
        free(w->line[i]);
    free(w->line);
    memset(w, 0, sizeof *w);
}

static void push_line(wrapped *w, const char *s, size_t len) {
    if (w->nomem)
        return;
    if (w->n == w->cap) {
        size_t cap = w->cap ? 2 * w->cap : 8;
        char **nl = realloc(w->line, cap * sizeof *nl);
        if (nl == NULL) {
            w->nomem = true;
            return;
        }
        w->line = nl;
        w->cap = cap;
    }
    char *c = malloc(len + 1);
    if (c == NULL) {
        w->nomem = true;
        return;
    }
    memcpy(c, s, len);
    c[len] = '\0';
    w->line[w->n++] = c;
}

/* Advance width of s[0..len) in the current font. */
static double width_of(cairo_t *cr, const char *s, size_t len, char *scratch) {
    memcpy(scratch, s, len);
    scratch[len] = '\0';
    cairo_text_extents_t e;
    cairo_text_extents(cr, scratch, &e);
    return e.x_advance;
}

static size_t utf8_next(const char *s, size_t i, size_t len) {
    i++;
    while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
        i++;
    return i;
}

/* Greedy wrap of text (words separated by spaces) to max_w in the current font. */
static void wrap(cairo_t *cr, const char *text, double max_w, wrapped *w, char *scratch) {
    size_t len = strlen(text), i = 0;
    memset(w, 0, sizeof *w);
    while (i < len && !w->nomem) {
        while (i < len && text[i] == ' ')
            i++;
        if (i == len)
            break;
        /* the longest run of whole words from i that fits */
        size_t end = i, fit = i;
        while (end < len) {
            size_t next = end;
            while (next < len && text[next] == ' ')
                next++;
            while (next < len && text[next] != ' ')
                next++;
            if (width_of(cr, text + i, next - i, scratch) > max_w)
                break;
            fit = end = next;
        }
        if (fit == i) {
            /* the first word alone is too wide: as many letters as fit (at least one) */
            w->broke_word = true;
            size_t k = utf8_next(text, i, len);
            fit = k;
            while (k < len && text[k] != ' ') {
                k = utf8_next(text, k, len);
                if (width_of(cr, text + i, k - i, scratch) > max_w)
                    break;
                fit = k;
            }
        }
        push_line(w, text + i, fit - i);
        i = fit;
    }
}

/* ---- layout ---- */

enum { B_TITLE, B_LABEL, B_VALUE, B_TEXT, B_SMALL };

/* One block of text: wrapped at its chosen size. */
typedef struct block {
    const char *text;
    double size;   /* wanted size (pt) */
    int max_lines; /* lines it may take before it shrinks */
    bool bold, center, gray;
    double space_before; /* pt */
    double width;        /* pt */
    /* chosen */
    double used_size;
    wrapped w;
} block;

static void set_font(cairo_t *cr, const block *b, double size) {
    cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL,
                           b->bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
}

/* Wraps b at the largest size from its wanted size (times scale) down to MIN_SIZE (in steps)
 * at which it takes at most max_lines and breaks no word; failing that, at MIN_SIZE with as
 * many lines as needed. */
static void fit_block(cairo_t *cr, block *b, double scale, char *scratch) {
    double size = b->size * scale;
    for (;;) {
        set_font(cr, b, size);
        wrap(cr, b->text, b->width, &b->w, scratch);
        b->used_size = size;
        if (b->w.nomem || ((int)b->w.n <= b->max_lines && !b->w.broke_word) || size <= MIN_SIZE)
            return;
        wrapped_free(&b->w);
        size = size * 0.92 < MIN_SIZE ? MIN_SIZE : size * 0.92;
    }
}

static double block_height(const block *b) {
    return b->space_before + (double)b->w.n * b->used_size * LINE;
}

static void draw_block(cairo_t *cr, const block *b, double x, double *y) {
    *y += b->space_before;
    set_font(cr, b, b->used_size);
    double gray = b->gray ? 0.33 : 0.0;
    cairo_set_source_rgb(cr, gray, gray, gray);
    for (size_t i = 0; i < b->w.n; i++) {
        double lx = x;
        if (b->center) {
            cairo_text_extents_t e;
            cairo_text_extents(cr, b->w.line[i], &e);
            lx = x + (b->width - e.x_advance) / 2;
        }
        /* DejaVu's ascent is about 0.93 of the size; the line's extra goes below */
        cairo_move_to(cr, lx, *y + b->used_size * 0.95);
        cairo_show_text(cr, b->w.line[i]);
        *y += b->used_size * LINE;
    }
}

static void rule(cairo_t *cr, double y) {
    cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
    cairo_set_line_width(cr, 0.6);
    cairo_move_to(cr, MARGIN, y);
    cairo_line_to(cr, PAGE_W - MARGIN, y);
    cairo_stroke(cr);
}

/* The QR code of the ticket number, its top-left corner at (x, y), QR_SIZE wide with a quiet
 * zone of QR_QUIET modules. device_scale > 0 (an image): modules are whole pixels, drawn
 * without antialiasing, so a scanner sees clean edges. */
static cccd_errc draw_qr(cairo_t *cr, const char *payload, double x, double y, double device_scale,
                         cccd_err *err) {
    errno = 0;
    QRcode *q = QRcode_encodeString(payload, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (q == NULL) {
        if (errno == ENOMEM)
            return cccd_err_set(err, CCCD_E_NOMEM, "ticket", "out of memory");
        return cccd_err_set(err, CCCD_E_ARG, "ticket",
                            "ticket number '%s' cannot be encoded as a QR code", payload);
    }
    int modules = q->width + 2 * QR_QUIET;
    double m = QR_SIZE / modules;
    if (device_scale > 0) {
        m = (double)(long)(QR_SIZE * device_scale / modules) / device_scale; /* whole pixels */
        x = (double)(long)(x * device_scale + 0.5) / device_scale;
        y = (double)(long)(y * device_scale + 0.5) / device_scale;
    }
    cairo_save(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_rectangle(cr, x, y, m * modules, m * modules);
    cairo_fill(cr);
    if (device_scale > 0)
        cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
    cairo_set_source_rgb(cr, 0, 0, 0);
    for (int r = 0; r < q->width; r++)
        for (int c = 0; c < q->width; c++)
            if (q->data[r * q->width + c] & 1)
                cairo_rectangle(cr, x + (c + QR_QUIET) * m, y + (r + QR_QUIET) * m, m, m);
    cairo_fill(cr);
    cairo_restore(cr);
    QRcode_free(q);
    return CCCD_OK;
}

static const char *nz(const char *s) {
    return s ? s : "";
}

static cccd_errc check_text(const cccd_ticket_print *t, cccd_err *err) {
    const char *const fields[] = {t->full_name, t->ticket, t->point_name, t->address, t->place};
    static const char *const names[] = {"full_name", "ticket", "point_name", "address", "place"};
    if (t->ticket == NULL || t->ticket[0] == '\0')
        return cccd_err_set(err, CCCD_E_ARG, "ticket", "a ticket to print needs its number");
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (!cccd_text_utf8_valid(nz(fields[i]), strlen(nz(fields[i]))))
            return cccd_err_set(err, CCCD_E_UTF8, names[i], "ticket %s: %s is not valid UTF-8",
                                t->ticket, names[i]);
    return CCCD_OK;
}

static cccd_errc cairo_failed(cairo_status_t s, const char *what, cccd_err *err) {
    if (s == CAIRO_STATUS_NO_MEMORY)
        return cccd_err_set(err, CCCD_E_NOMEM, "ticket", "out of memory");
    return cccd_err_set(err, CCCD_E_INTERNAL, "ticket", "cannot draw %s: %s", what,
                        cairo_status_to_string(s));
}

/* Draws one ticket on the page cr is on (user space in points, the page PAGE_W x PAGE_H). */
static cccd_errc draw_ticket(cairo_t *cr, const cccd_ticket_print *t, double device_scale,
                             cccd_err *err) {
    cccd_errc rc = check_text(t, err);
    if (rc != CCCD_OK)
        return rc;
    char date[32], window[16];
    int64_t day;
    cccd_ticket_window_vi(t->day, t->window_start, t->window_end, &day, window);
    cccd_ticket_day_vi(day, date);
    bool mobile = t->place && t->place[0];
    char *place = NULL;
    if (mobile) {
        size_t len = strlen(t->place) + 16;
        if ((place = malloc(len)) == NULL)
            return cccd_err_set(err, CCCD_E_NOMEM, "ticket", "out of memory");
        snprintf(place, len, "Tại: %s", t->place);
    }
    const double note_w = CONTENT_W - QR_SIZE - GAP;
    block b[] = {
        {TITLE, 14.5, 1, true, true, false, 0, CONTENT_W, 0, {0}},
        {"Họ và tên", 8, 1, false, false, true, 9, CONTENT_W, 0, {0}},
        {nz(t->full_name), 15, 2, true, false, false, 0, CONTENT_W, 0, {0}},
        {"Số phiếu", 8, 1, false, false, true, 5, CONTENT_W, 0, {0}},
        {t->ticket, 14, 1, true, false, false, 0, CONTENT_W, 0, {0}},
        {"Ngày và giờ hẹn", 8, 1, false, false, true, 5, CONTENT_W, 0, {0}},
        {date, 14, 1, true, false, false, 0, CONTENT_W, 0, {0}},
        {window, 20, 1, true, false, false, 0, CONTENT_W, 0, {0}},
        {"Nơi làm thủ tục", 8, 1, false, false, true, 5, CONTENT_W, 0, {0}},
        {nz(t->point_name), 11.5, 2, true, false, false, 0, CONTENT_W, 0, {0}},
        {nz(t->address), 10, 3, false, false, false, 0, CONTENT_W, 0, {0}},
        {place ? place : "", 10, 2, false, false, false, 1, CONTENT_W, 0, {0}},
    };
    enum { NB = sizeof b / sizeof b[0] };
    block notes[] = {
        {BRING, 8.5, 5, false, false, false, 0, note_w, 0, {0}},
        {QR_NOTE, 8, 4, false, false, true, 5, note_w, 0, {0}},
    };
    size_t nblocks = mobile ? NB : NB - 1;
    size_t longest = 0;
    for (size_t i = 0; i < nblocks; i++)
        if (strlen(b[i].text) > longest)
            longest = strlen(b[i].text);
    for (size_t i = 0; i < 2; i++)
        if (strlen(notes[i].text) > longest)
            longest = strlen(notes[i].text);
    char *scratch = malloc(longest + 1);
    if (scratch == NULL) {
        free(place);
        return cccd_err_set(err, CCCD_E_NOMEM, "ticket", "out of memory");
    }
    /* the text above the QR code must end above it: shrink everything together until it does */
    const double top = MARGIN, qr_top = PAGE_H - MARGIN - QR_SIZE;
    double scale = 1.0, height = 0;
    bool nomem = false;
    for (int attempt = 0; attempt < 24; attempt++) {
        height = 0;
        for (size_t i = 0; i < nblocks; i++) {
            wrapped_free(&b[i].w);
            fit_block(cr, &b[i], scale, scratch);
            nomem |= b[i].w.nomem;
            height += block_height(&b[i]);
        }
        if (nomem || height <= qr_top - GAP - top)
            break;
        scale *= 0.94;
    }
    double notes_h = 0;
    for (size_t i = 0; i < 2; i++) {
        fit_block(cr, &notes[i], 1.0, scratch);
        nomem |= notes[i].w.nomem;
        notes_h += block_height(&notes[i]);
    }
    if (nomem)
        rc = cccd_err_set(err, CCCD_E_NOMEM, "ticket", "out of memory");
    if (rc == CCCD_OK) {
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_paint(cr);
        /* a thin border: where to cut when printed four to a sheet */
        cairo_set_source_rgb(cr, 0.7, 0.7, 0.7);
        cairo_set_line_width(cr, 0.5);
        cairo_rectangle(cr, MARGIN / 2, MARGIN / 2, PAGE_W - MARGIN, PAGE_H - MARGIN);
        cairo_stroke(cr);
        double y = top;
        for (size_t i = 0; i < nblocks; i++) {
            draw_block(cr, &b[i], MARGIN, &y);
            if (i == 0)
                rule(cr, y + 3);
        }
        rule(cr, qr_top - GAP / 2);
        rc = draw_qr(cr, t->ticket, MARGIN, qr_top, device_scale, err);
        double ny = qr_top + (QR_SIZE - notes_h) / 2;
        if (ny < qr_top)
            ny = qr_top;
        for (size_t i = 0; i < 2 && rc == CCCD_OK; i++)
            draw_block(cr, &notes[i], MARGIN + QR_SIZE + GAP, &ny);
    }
    for (size_t i = 0; i < NB; i++)
        wrapped_free(&b[i].w);
    for (size_t i = 0; i < 2; i++)
        wrapped_free(&notes[i].w);
    free(scratch);
    free(place);
    if (rc == CCCD_OK && cairo_status(cr) != CAIRO_STATUS_SUCCESS)
        rc = cairo_failed(cairo_status(cr), "the ticket", err);
    return rc;
}

void cccd_ticket_print_release_caches(void) {
    cairo_debug_reset_static_data();
    FcFini();
}

/* ---- output to memory ---- */

typedef struct membuf {
    char *data;
    size_t len, cap;
} membuf;

static cairo_status_t mem_write(void *closure, const unsigned char *data, unsigned int length) {
    membuf *m = closure;
    if (m->len + length > m->cap) {
        size_t cap = m->cap ? m->cap : 16384;
        while (cap < m->len + length)
            cap *= 2;
        char *nd = realloc(m->data, cap);
        if (nd == NULL)
            return CAIRO_STATUS_NO_MEMORY;
        m->data = nd;
        m->cap = cap;
    }
    memcpy(m->data + m->len, data, length);
    m->len += length;
    return CAIRO_STATUS_SUCCESS;
}

cccd_errc cccd_tickets_pdf(const cccd_ticket_print *t, size_t n, char **out, size_t *len,
                           cccd_err *err) {
    *out = NULL;
    *len = 0;
    if (n == 0)
        return cccd_err_set(err, CCCD_E_ARG, "tickets", "no tickets to print");
    membuf m = {NULL, 0, 0};
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(mem_write, &m, PAGE_W, PAGE_H);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, "Giấy hẹn làm căn cước");
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "cccd");
    cairo_t *cr = cairo_create(s);
    cccd_errc rc = CCCD_OK;
    for (size_t i = 0; i < n && rc == CCCD_OK; i++) {
        rc = draw_ticket(cr, &t[i], 0, err);
        if (rc == CCCD_OK)
            cairo_show_page(cr);
    }
    cairo_status_t cs = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(s);
    if (rc == CCCD_OK && cs == CAIRO_STATUS_SUCCESS)
        cs = cairo_surface_status(s);
    cairo_surface_destroy(s);
    if (rc == CCCD_OK && cs != CAIRO_STATUS_SUCCESS)
        rc = cairo_failed(cs, "the PDF", err);
    if (rc != CCCD_OK) {
        free(m.data);
        return rc;
    }
    *out = m.data;
    *len = m.len;
    return CCCD_OK;
}

cccd_errc cccd_ticket_png(const cccd_ticket_print *t, char **out, size_t *len, cccd_err *err) {
    *out = NULL;
    *len = 0;
    if (t == NULL)
        return cccd_err_set(err, CCCD_E_ARG, "tickets", "no ticket to print");
    cairo_surface_t *s = cairo_image_surface_create(
        CAIRO_FORMAT_RGB24, (int)(PAGE_W * PNG_SCALE + 0.999), (int)(PAGE_H * PNG_SCALE + 0.999));
    cairo_t *cr = cairo_create(s);
    cairo_scale(cr, PNG_SCALE, PNG_SCALE);
    cccd_errc rc = draw_ticket(cr, t, PNG_SCALE, err);
    cairo_status_t cs = cairo_status(cr);
    cairo_destroy(cr);
    membuf m = {NULL, 0, 0};
    if (rc == CCCD_OK && cs == CAIRO_STATUS_SUCCESS) {
        cairo_surface_flush(s);
        cs = cairo_surface_write_to_png_stream(s, mem_write, &m);
    }
    cairo_surface_destroy(s);
    if (rc == CCCD_OK && cs != CAIRO_STATUS_SUCCESS)
        rc = cairo_failed(cs, "the PNG", err);
    if (rc != CCCD_OK) {
        free(m.data);
        return rc;
    }
    *out = m.data;
    *len = m.len;
    return CCCD_OK;
}
