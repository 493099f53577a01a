/*
 * card_face.c: drawing the card's front and back with cairo (see card_face.h; the layout is in
 * docs/chip.md, "The printed faces").
 *
 * The surface is 1012 x 638 pixels (ID-1 at 300 dpi) and user space is pixels. Text goes
 * through cairo's toy text API in DejaVu Sans (every precomposed Vietnamese letter; strings
 * are NFC), labels in Vietnamese with their English wording as on the real card. A value that
 * does not fit its width is wrapped at spaces and shrunk down to a floor size; nothing is cut.
 * The QR code's modules are whole pixels drawn without antialiasing so that scanners (and the
 * tests' zbarimg) read it. The portrait is decoded with TurboJPEG straight into cairo's pixel
 * layout and scaled to cover a 3:4 box.
 */
#include "service/card_face.h"
#include "service/png_fast.h"

#include <cairo.h>
#include <errno.h>
#include <fcntl.h>
#include <fontconfig/fontconfig.h>
#include <qrencode.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <turbojpeg.h>
#include <unistd.h>

#include "core/mrz.h"

#define W CCCD_CARD_FACE_W
#define H CCCD_CARD_FACE_H
#define FONT "DejaVu Sans"
#define MONO "DejaVu Sans Mono"
#define MAX_PORTRAIT_SIDE 4000 /* pixels: a larger JPEG is not a card portrait */

static const char *nz(const char *s) {
    return s ? s : "";
}

/* ---- the QR text ---- */

/* dd, mm, yyyy run together, as far as the date is known. */
static void digits_date(cccd_date d, char buf[9]) {
    if (d.prec == CCCD_DATE_DAY)
        snprintf(buf, 9, "%02d%02d%04d", d.d, d.m, d.y);
    else if (d.prec == CCCD_DATE_MONTH)
        snprintf(buf, 9, "%02d%04d", d.m, d.y);
    else if (d.prec == CCCD_DATE_YEAR)
        snprintf(buf, 9, "%04d", d.y);
    else
        buf[0] = '\0';
}

cccd_errc cccd_card_qr_text(const cccd_card_data *card, char **out, cccd_err *err) {
    *out = NULL;
    cccd_errc rc = cccd_card_data_check(card, err);
    if (rc != CCCD_OK)
        return rc;
    char dob[9], issued[9];
    digits_date(card->birth, dob);
    digits_date(card->issued, issued);
    const char *parts[] = {
        card->personal_id,           nz(card->old_id),         card->full_name, dob,
        cccd_card_sex_vi(card->sex), card->place_of_residence, issued};
    size_t n = 0;
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        if (strchr(parts[i], '|') != NULL)
            return cccd_err_set(err, CCCD_E_CARD_FIELD, "qr",
                                "a field of the QR code contains '|', its separator: '%.60s'",
                                parts[i]);
        n += strlen(parts[i]) + 1;
    }
    char *s = malloc(n);
    if (s == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, "qr", "out of memory");
    s[0] = '\0';
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        if (i > 0)
            strcat(s, "|");
        strcat(s, parts[i]);
    }
    *out = s;
    return CCCD_OK;
}

/* ---- text ---- */

static void font(cairo_t *cr, const char *face, bool bold, double size) {
    cairo_select_font_face(cr, face, CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
}

static double advance(cairo_t *cr, const char *s) {
    cairo_text_extents_t e;
    cairo_text_extents(cr, s, &e);
    return e.x_advance;
}

/* Draws s with its baseline at y: from x (align 0), centred on x (align 1). */
static void text_at(cairo_t *cr, double x, double y, const char *s, int align) {
    if (align == 1)
        x -= advance(cr, s) / 2;
    cairo_move_to(cr, x, y);
    cairo_show_text(cr, s);
}

/* Greedy wrap of s at spaces to max_w in the current font: the number of lines, and (when
 * draw) draws them from baseline y, line_h apart. scratch holds strlen(s) + 1 bytes. */
static int wrap(cairo_t *cr, const char *s, double x, double y, double max_w, double line_h,
                bool draw, char *scratch) {
    size_t len = strlen(s), i = 0;
    int lines = 0;
    while (i < len) {
        while (i < len && s[i] == ' ')
            i++;
        if (i == len)
            break;
        size_t fit = i, end = i;
        while (end < len) {
            size_t next = end;
            while (next < len && s[next] == ' ')
                next++;
            while (next < len && s[next] != ' ')
                next++;
            memcpy(scratch, s + i, next - i);
            scratch[next - i] = '\0';
            if (advance(cr, scratch) > max_w && fit > i)
                break;
            fit = end = next;
            if (advance(cr, scratch) > max_w)
                break; /* one word wider than the line: it stands alone */
        }
        if (draw) {
            memcpy(scratch, s + i, fit - i);
            scratch[fit - i] = '\0';
            cairo_move_to(cr, x, y + lines * line_h);
            cairo_show_text(cr, scratch);
        }
        lines++;
        i = fit;
    }
    return lines;
}

/* Draws a value in at most max_lines lines of width max_w, shrinking from size towards
 * min_size until it fits (at min_size it takes the lines it needs). Returns the height used.
 * false when out of memory. */
static bool value_at(cairo_t *cr, double x, double y, const char *s, double max_w, int max_lines,
                     double size, double min_size, bool bold, double *height) {
    char *scratch = malloc(strlen(s) + 1);
    if (scratch == NULL)
        return false;
    for (;;) {
        font(cr, FONT, bold, size);
        int n = wrap(cr, s, x, y, max_w, size * 1.2, false, scratch);
        if (n <= max_lines || size <= min_size) {
            wrap(cr, s, x, y, max_w, size * 1.2, true, scratch);
            *height = (n > 0 ? n : 1) * size * 1.2;
            break;
        }
        size = size * 0.93 < min_size ? min_size : size * 0.93;
    }
    free(scratch);
    return true;
}

/* A label in two languages: "Vietnamese / English:" in the label colour. */
static void label_at(cairo_t *cr, double x, double y, const char *vi, const char *en, double size) {
    char buf[160];
    snprintf(buf, sizeof buf, "%s / %s:", vi, en);
    font(cr, FONT, false, size);
    cairo_set_source_rgb(cr, 0.25, 0.25, 0.3);
    text_at(cr, x, y, buf, 0);
}

/* ---- pieces ---- */

static void background(cairo_t *cr) {
    cairo_pattern_t *g = cairo_pattern_create_linear(0, 0, W, H);
    cairo_pattern_add_color_stop_rgb(g, 0, 0.93, 0.97, 0.99);
    cairo_pattern_add_color_stop_rgb(g, 0.5, 0.99, 0.98, 0.93);
    cairo_pattern_add_color_stop_rgb(g, 1, 0.92, 0.96, 0.93);
    cairo_set_source(cr, g);
    cairo_paint(cr);
    cairo_pattern_destroy(g);
    /* a fine guilloche-like pattern of circles: decoration, not security printing */
    cairo_set_line_width(cr, 0.6);
    cairo_set_source_rgba(cr, 0.55, 0.7, 0.8, 0.25);
    for (int r = 40; r < 700; r += 22) {
        cairo_arc(cr, W * 0.62, H * 0.55, r, 0, 6.2832);
        cairo_stroke(cr);
    }
    /* the card's edge */
    cairo_set_source_rgb(cr, 0.6, 0.65, 0.7);
    cairo_set_line_width(cr, 2);
    double r = 36, x0 = 1, y0 = 1, x1 = W - 1, y1 = H - 1;
    cairo_new_sub_path(cr);
    cairo_arc(cr, x1 - r, y0 + r, r, -1.5708, 0);
    cairo_arc(cr, x1 - r, y1 - r, r, 0, 1.5708);
    cairo_arc(cr, x0 + r, y1 - r, r, 1.5708, 3.1416);
    cairo_arc(cr, x0 + r, y0 + r, r, 3.1416, 4.7124);
    cairo_close_path(cr);
    cairo_stroke(cr);
}

/* "MẪU / SPECIMEN" across the bottom-right corner. */
static void specimen(cairo_t *cr) {
    cairo_save(cr);
    cairo_translate(cr, 850, 596);
    cairo_rotate(cr, -0.12);
    font(cr, FONT, true, 30);
    cairo_set_source_rgba(cr, 0.85, 0.1, 0.1, 0.75);
    text_at(cr, 0, 0, "MẪU / SPECIMEN", 1);
    cairo_restore(cr);
}

/* The QR code of text in a box of side `size` at (x, y), modules of whole pixels. */
static cccd_errc draw_qr(cairo_t *cr, const char *text, double x, double y, double size,
                         cccd_err *err) {
    errno = 0;
    QRcode *q = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_L);
    if (q == NULL)
        return errno == ENOMEM
                   ? cccd_err_set(err, CCCD_E_NOMEM, "qr", "out of memory")
                   : cccd_err_set(err, CCCD_E_CARD_FIELD, "qr",
                                  "the QR code's text (%zu bytes) cannot be encoded", strlen(text));
    int quiet = 4, modules = q->width + 2 * quiet;
    int m = (int)(size / modules);
    if (m < 2)
        m = 2;
    double side = (double)m * modules;
    x = (double)(long)(x + (size - side) / 2);
    y = (double)(long)(y + (size - side) / 2);
    cairo_save(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_rectangle(cr, x, y, side, side);
    cairo_fill(cr);
    cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
    cairo_set_source_rgb(cr, 0, 0, 0);
    for (int r = 0; r < q->width; r++)
        for (int c = 0; c < q->width; c++)
            if (q->data[r * q->width + c] & 1)
                cairo_rectangle(cr, x + (c + quiet) * m, y + (r + quiet) * m, m, m);
    cairo_fill(cr);
    cairo_restore(cr);
    QRcode_free(q);
    return CCCD_OK;
}

/* The portrait decoded into a new cairo surface (caller destroys it). */
static cccd_errc decode_portrait(const unsigned char *jpeg, size_t len, cairo_surface_t **out,
                                 cccd_err *err) {
    *out = NULL;
    if (jpeg == NULL || len < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
        return cccd_err_set(err, CCCD_E_PHOTO_FORMAT, "portrait",
                            "the portrait is missing or not a JPEG file: give the card's "
                            "portrait as a JPEG");
    tjhandle tj = tjInitDecompress();
    if (tj == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, "portrait", "cannot start the JPEG decoder");
    int w, h, subsamp, cs;
    cccd_errc rc = CCCD_OK;
    if (tjDecompressHeader3(tj, jpeg, (unsigned long)len, &w, &h, &subsamp, &cs) != 0)
        rc = cccd_err_set(err, CCCD_E_PHOTO_FORMAT, "portrait",
                          "the portrait is not a readable JPEG (%s)", tjGetErrorStr2(tj));
    else if (w < 1 || h < 1 || w > MAX_PORTRAIT_SIDE || h > MAX_PORTRAIT_SIDE)
        rc = cccd_err_set(err, CCCD_E_PHOTO_FORMAT, "portrait",
                          "the portrait is %dx%d pixels: at most %d on a side", w, h,
                          MAX_PORTRAIT_SIDE);
    cairo_surface_t *s = NULL;
    if (rc == CCCD_OK) {
        s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
        if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
            rc = cccd_err_set(err, CCCD_E_NOMEM, "portrait", "out of memory");
    }
    if (rc == CCCD_OK) {
        /* cairo's RGB24 is a native-endian 32-bit 0x00RRGGBB */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        int pf = TJPF_BGRX;
#else
        int pf = TJPF_XRGB;
#endif
        cairo_surface_flush(s);
        if (tjDecompress2(tj, jpeg, (unsigned long)len, cairo_image_surface_get_data(s), w,
                          cairo_image_surface_get_stride(s), h, pf, 0) != 0)
            rc = cccd_err_set(err, CCCD_E_PHOTO_FORMAT, "portrait",
                              "the portrait is damaged or cut short (%s)", tjGetErrorStr2(tj));
        cairo_surface_mark_dirty(s);
    }
    tjDestroy(tj);
    if (rc != CCCD_OK) {
        if (s)
            cairo_surface_destroy(s);
        return rc;
    }
    *out = s;
    return CCCD_OK;
}

/* The portrait scaled to cover the box (x, y, w, h), centred, cropped at the edges. */
static void draw_portrait(cairo_t *cr, cairo_surface_t *img, double x, double y, double w,
                          double h) {
    double iw = cairo_image_surface_get_width(img), ih = cairo_image_surface_get_height(img);
    double k = w / iw > h / ih ? w / iw : h / ih;
    cairo_save(cr);
    cairo_rectangle(cr, x, y, w, h);
    cairo_clip(cr);
    cairo_translate(cr, x + (w - iw * k) / 2, y + (h - ih * k) / 2);
    cairo_scale(cr, k, k);
    cairo_set_source_surface(cr, img, 0, 0);
    cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
    cairo_paint(cr);
    cairo_restore(cr);
    cairo_set_source_rgb(cr, 0.45, 0.5, 0.55);
    cairo_set_line_width(cr, 1.5);
    cairo_rectangle(cr, x, y, w, h);
    cairo_stroke(cr);
}

/* ---- the two sides ---- */

#define INK cairo_set_source_rgb(cr, 0.08, 0.08, 0.12)
#define RED cairo_set_source_rgb(cr, 0.78, 0.06, 0.06)

static cccd_errc draw_front(cairo_t *cr, const cccd_card_data *card, cccd_err *err) {
    cairo_surface_t *img;
    cccd_errc rc = decode_portrait(card->portrait, card->portrait_len, &img, err);
    if (rc != CCCD_OK)
        return rc;
    char *qr;
    if ((rc = cccd_card_qr_text(card, &qr, err)) != CCCD_OK) {
        cairo_surface_destroy(img);
        return rc;
    }
    background(cr);
    const double cx = 470; /* the centre of the heading, left of the QR code */
    INK;
    font(cr, FONT, true, 25);
    text_at(cr, cx, 50,
            "CỘNG HÒA XÃ HỘI CHỦ "
            "NGHĨA VIỆT NAM",
            1);
    font(cr, FONT, false, 16);
    text_at(cr, cx, 74, "SOCIALIST REPUBLIC OF VIET NAM", 1);
    font(cr, FONT, true, 21);
    text_at(cr, cx, 104,
            "Độc lập - Tự do - "
            "Hạnh phúc",
            1);
    font(cr, FONT, false, 15);
    text_at(cr, cx, 126, "Independence - Freedom - Happiness", 1);
    RED;
    font(cr, FONT, true, 34);
    text_at(cr, cx, 176, "CĂN CƯỚC CÔNG DÂN", 1);
    font(cr, FONT, false, 17);
    text_at(cr, cx, 202, "Citizen Identity Card", 1);
    specimen(cr);
    rc = draw_qr(cr, qr, W - 222, 22, 200, err);
    free(qr);

    /* the portrait and, under it, the expiry */
    draw_portrait(cr, img, 36, 236, 204, 272);
    cairo_surface_destroy(img);
    char date[16];
    font(cr, FONT, false, 15);
    INK;
    text_at(cr, 138, 540, "Có giá trị đến", 1);
    text_at(cr, 138, 560, "Date of expiry", 1);
    font(cr, FONT, true, 20);
    if (card->expiry.prec == CCCD_DATE_NONE)
        text_at(cr, 138, 590, CCCD_CARD_NO_EXPIRY, 1);
    else
        text_at(cr, 138, 590, cccd_date_vn(card->expiry, date), 1);

    /* the fields */
    const double x = 268, vw = W - x - 36;
    double y = 254, hgt;
    bool ok = true;
    label_at(cr, x, y, "Số", "No.", 18);
    RED;
    font(cr, FONT, true, 32);
    text_at(cr, x + 118, y + 4, card->personal_id, 0);
    y += 44;
    label_at(cr, x, y, "Họ và tên", "Full name", 16);
    INK;
    ok = ok && value_at(cr, x, y + 32, card->full_name, vw, 1, 28, 16, true, &hgt);
    y += 28 + hgt;
    label_at(cr, x, y, "Ngày sinh", "Date of birth", 16);
    INK;
    font(cr, FONT, true, 19);
    text_at(cr, x + 262, y, cccd_date_vn(card->birth, date), 0);
    y += 34;
    label_at(cr, x, y, "Giới tính", "Sex", 16);
    INK;
    font(cr, FONT, true, 19);
    text_at(cr, x + 158, y, cccd_card_sex_vi(card->sex), 0);
    label_at(cr, x + 270, y, "Quốc tịch", "Nationality", 16);
    INK;
    font(cr, FONT, true, 19);
    text_at(cr, x + 270 + 228, y, cccd_card_nationality(card), 0);
    y += 34;
    label_at(cr, x, y, "Quê quán", "Place of origin", 16);
    INK;
    ok = ok && value_at(cr, x, y + 26, card->place_of_origin, vw, 1, 19, 12, true, &hgt);
    y += 34 + hgt;
    label_at(cr, x, y, "Nơi thường trú", "Place of residence", 16);
    INK;
    ok = ok && value_at(cr, x, y + 26, card->place_of_residence, vw, 2, 19, 11, true, &hgt);
    if (!ok && rc == CCCD_OK)
        rc = cccd_err_set(err, CCCD_E_NOMEM, "card", "out of memory");
    return rc;
}

static cccd_errc draw_back(cairo_t *cr, const cccd_card_data *card, cccd_err *err) {
    cccd_errc rc = cccd_card_data_check(card, err);
    if (rc != CCCD_OK)
        return rc;
    cccd_mrz mrz;
    if ((rc = cccd_card_mrz(card, &mrz, err)) != CCCD_OK)
        return rc;
    background(cr);
    double hgt;
    bool ok = true;
    label_at(cr, 40, 60, "Đặc điểm nhân dạng", "Personal identification", 16);
    INK;
    const char *marks = nz(card->identifying_marks)[0] ? card->identifying_marks : "-";
    ok = ok && value_at(cr, 40, 92, marks, 540, 2, 19, 12, false, &hgt);
    char date[16];
    label_at(cr, 40, 180, "Ngày, tháng, năm", "Date, month, year", 16);
    INK;
    font(cr, FONT, true, 20);
    text_at(cr, 40 + 372, 180, cccd_date_vn(card->issued, date), 0);
    /* no signature and no authority's seal: a specimen */
    RED;
    font(cr, FONT, true, 22);
    text_at(cr, 300, 250, "MẪU / SPECIMEN", 1);
    font(cr, FONT, false, 14);
    text_at(cr, 300, 274,
            "Không có giá trị sử "
            "dụng / Not valid for identification",
            1);
    text_at(cr, 300, 294,
            "Phần mềm mã nguồn mở "
            "cccd / cccd open-source software",
            1);
    /* two boxes where the index fingerprints go */
    const char *fingers[2][2] = {{"Ngón trỏ trái", "Left index finger"},
                                 {"Ngón trỏ phải", "Right index finger"}};
    for (int i = 0; i < 2; i++) {
        double bx = 640 + i * 182;
        cairo_set_source_rgb(cr, 0.45, 0.5, 0.55);
        cairo_set_line_width(cr, 1.5);
        cairo_rectangle(cr, bx, 40, 160, 200);
        cairo_stroke(cr);
        font(cr, FONT, false, 13);
        INK;
        text_at(cr, bx + 80, 262, fingers[i][0], 1);
        text_at(cr, bx + 80, 280, fingers[i][1], 1);
    }
    /* the MRZ in a white band, monospace, three lines */
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_rectangle(cr, 2, 400, W - 4, 200);
    cairo_fill(cr);
    INK;
    font(cr, MONO, false, 46);
    double mw = advance(cr, mrz.line[0]);
    for (int i = 0; i < CCCD_MRZ_LINES; i++)
        text_at(cr, (W - mw) / 2, 458 + i * 58, mrz.line[i], 0);
    if (!ok)
        rc = cccd_err_set(err, CCCD_E_NOMEM, "card", "out of memory");
    return rc;
}

/* ---- output ---- */

cccd_errc cccd_card_face_png(const cccd_card_data *card, cccd_card_side side, unsigned char **out,
                             size_t *len, cccd_err *err) {
    *out = NULL;
    *len = 0;
    if (card == NULL)
        return cccd_err_set(err, CCCD_E_ARG, "card", "no card data");
    cccd_errc rc = cccd_card_data_check(card, err);
    if (rc != CCCD_OK)
        return rc;
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, W, H);
    cairo_t *cr = cairo_create(s);
    rc = side == CCCD_CARD_FRONT ? draw_front(cr, card, err) : draw_back(cr, card, err);
    cairo_status_t cs = cairo_status(cr);
    cairo_destroy(cr);
    if (rc == CCCD_OK && cs != CAIRO_STATUS_SUCCESS)
        rc = cs == CAIRO_STATUS_NO_MEMORY
                 ? cccd_err_set(err, CCCD_E_NOMEM, "card", "out of memory")
                 : cccd_err_set(err, CCCD_E_INTERNAL, "card", "cannot draw the card: %s",
                                cairo_status_to_string(cs));
    if (rc == CCCD_OK)
        rc = cccd_png_from_cairo(s, 300, out, len, err);
    cairo_surface_destroy(s);
    return rc;
}

cccd_errc cccd_card_face_write(const cccd_card_data *card, cccd_card_side side, const char *path,
                               cccd_err *err) {
    unsigned char *png;
    size_t len;
    cccd_errc rc = cccd_card_face_png(card, side, &png, &len, err);
    if (rc != CCCD_OK)
        return rc;
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd < 0) {
        rc = cccd_err_set(err, CCCD_E_IO, "path", "cannot write %s: %s", path,
                          errno == EEXIST ? "it exists already" : strerror(errno));
        free(png);
        return rc;
    }
    size_t done = 0;
    while (done < len) {
        ssize_t n = write(fd, png + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        done += (size_t)n;
    }
    int saved = errno;
    free(png);
    if (close(fd) != 0 && done == len)
        saved = errno, done = 0;
    if (done != len) {
        unlink(path);
        return cccd_err_set(err, CCCD_E_IO, "path", "cannot write %s: %s", path, strerror(saved));
    }
    return CCCD_OK;
}

void cccd_card_face_release_caches(void) {
    cairo_debug_reset_static_data();
    FcFini();
}
