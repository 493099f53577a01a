/*
 * report.c: the daily and weekly reports (see report.h): coverage per child unit from
 * service/coverage.c, the applications summed from the daily figures of every unit version
 * a row's unit serves (one read of the whole subtree's figures, service/rollup.h), and the two ways
 * of writing them down: CSV for programs and XLSX (libxlsxwriter) for the office's spreadsheet. The
 * columns are one table, shared by both.
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "service/coverage.h"
#include "service/report.h"
#include "service/rollup.h"

const char *cccd_report_kind_name(cccd_report_kind k) {
    return k == CCCD_REPORT_WEEKLY ? "weekly" : "daily";
}

/* ---- the columns ---- */

typedef struct report_col {
    const char *vi, *en; /* heading in Vietnamese; column name in English */
    size_t off;          /* offset of the int64_t in cccd_report_row */
    double width;        /* in the workbook, characters */
} report_col;

#define COL(vi, en, member)                                                                        \
    { vi, en, offsetof(cccd_report_row, member), 13 }

/* The columns after the unit's code and name, in order. */
static const report_col cols[] = {
    COL("Dân số", "residents", residents),
    COL("Đủ tuổi cấp (từ 14)", "eligible", eligible),
    COL("Có thẻ gắn chip còn hạn", "valid_card", valid_card),
    COL("Đang xử lý", "in_progress", in_progress),
    COL("Còn phải cấp", "remaining", remaining),
    COL("Tiếp nhận", "received", received),
    COL("Cấp mới", "received_first_issue", by_type[CCCD_APP_FIRST_ISSUE]),
    COL("Đổi", "received_exchange", by_type[CCCD_APP_EXCHANGE]),
    COL("Cấp lại", "received_reissue", by_type[CCCD_APP_REISSUE]),
    COL("Tại điểm cố định", "received_fixed", by_point[CCCD_POINT_FIXED]),
    COL("Lưu động", "received_mobile", by_point[CCCD_POINT_MOBILE]),
    COL("Tại nhà", "received_home", by_point[CCCD_POINT_HOME]),
    COL("Không qua điểm", "received_no_point", by_point[CCCD_REPORT_NO_POINT]),
    COL("Đã duyệt", "approved", approved),
    COL("Đã sản xuất", "produced", produced),
    COL("Đã trả thẻ", "delivered", delivered),
    COL("Lũy kế tiếp nhận", "received_cumulative", cumulative),
};
#define NCOLS (sizeof cols / sizeof cols[0])

static int64_t col_value(const cccd_report_row *row, size_t i) {
    int64_t v;
    memcpy(&v, (const char *)row + cols[i].off, sizeof v);
    return v;
}

static void col_add(cccd_report_row *to, const cccd_report_row *from) {
    for (size_t i = 0; i < NCOLS; i++) {
        int64_t a, b;
        memcpy(&a, (const char *)to + cols[i].off, sizeof a);
        memcpy(&b, (const char *)from + cols[i].off, sizeof b);
        a += b;
        memcpy((char *)to + cols[i].off, &a, sizeof a);
    }
}

/* ---- building ---- */

static void add_figure(void *ctx, const char *measure, const char *key, int64_t n) {
    cccd_report_row *row = ctx;
    /* "received" with a type as key counts applications; with key "" it is the state of that
     * name (the card reached the commune), not counted here */
    int t = strcmp(measure, "received") == 0 ? cccd_app_type_parse(key) : -1;
    if (t >= 0) {
        row->received += n;
        row->by_type[t] += n;
    } else if (strcmp(measure, "received") == 0) {
        /* cards that reached the unit: not a column (yet) */
    } else if (strcmp(measure, "received_point") == 0) {
        int k = cccd_point_kind_parse(key);
        row->by_point[k >= 0 ? k : CCCD_REPORT_NO_POINT] += n;
    } else if (strcmp(measure, "approved") == 0)
        row->approved += n;
    else if (strcmp(measure, "produced") == 0)
        row->produced += n;
    else if (strcmp(measure, "delivered") == 0)
        row->delivered += n;
}

static void add_cumulative(void *ctx, const char *measure, const char *key, int64_t n) {
    cccd_report_row *row = ctx;
    if (strcmp(measure, "received") == 0 && cccd_app_type_parse(key) >= 0)
        row->cumulative += n;
}

/* One read of the subtree's figures (service/rollup.h), each counted in its row: from first to
 * last in the report's columns, from `since` (or from the first day any was recorded) to last
 * in the cumulative column. The keys of a row are the commune versions it serves on the last
 * day and, above communes, its own and its descendants' versions in force (a point of service
 * may belong to a district). */
typedef struct fig_ctx {
    cccd_report_row *rows;
    size_t nchildren; /* 0: the one row is the unit itself */
    int64_t first, last, since;
    bool has_since;
    int64_t min_day; /* the first day seen, INT64_MAX: none */
} fig_ctx;

static void on_figure(void *ctx, int row, int64_t day, const char *measure, const char *key,
                      int64_t n) {
    fig_ctx *c = ctx;
    if (row < 0 && c->nchildren > 0)
        return; /* the unit's own version: in none of its children's rows */
    cccd_report_row *r = &c->rows[row < 0 ? 0 : row];
    if (day < c->min_day)
        c->min_day = day;
    if (day >= c->first && day <= c->last)
        add_figure(r, measure, key, n);
    if (day <= c->last && (!c->has_since || day >= c->since))
        add_cumulative(r, measure, key, n);
}

static void row_coverage(cccd_report_row *row, const cccd_coverage_line *l) {
    row->residents = l->c.residents;
    row->eligible = l->c.eligible;
    row->valid_card = l->c.valid_card;
    row->in_progress = l->c.in_progress;
    row->remaining = l->remaining;
}

void cccd_report_free(cccd_report *r) {
    free(r->rows);
    r->rows = NULL;
    r->nrows = 0;
}

cccd_errc cccd_report_build(cccd_store *st, const cccd_units *u, const char *code,
                            cccd_report_kind kind, cccd_date on, cccd_date since, cccd_report *out,
                            cccd_err *err) {
    memset(out, 0, sizeof *out);
    out->kind = kind;
    if (on.prec != CCCD_DATE_DAY)
        return cccd_err_set(err, CCCD_E_ARG, kind == CCCD_REPORT_WEEKLY ? "week_of" : "date",
                            "the report's date must be a full date (YYYY-MM-DD)");
    int64_t day = cccd_date_to_days(on);
    int64_t first = day, last = day;
    if (kind == CCCD_REPORT_WEEKLY) {
        first = day - cccd_date_weekday(day); /* the Monday */
        last = first + 6;
    }
    out->from = cccd_date_from_days(first);
    out->to = cccd_date_from_days(last);
    if (since.prec != CCCD_DATE_NONE && since.prec != CCCD_DATE_DAY)
        return cccd_err_set(err, CCCD_E_ARG, "since", "the start date must be a full date");
    if (since.prec == CCCD_DATE_DAY && cccd_date_to_days(since) > last) {
        char a[11], b[11];
        return cccd_err_set(err, CCCD_E_ARG, "since",
                            "the start date %s is after the report's last day %s: give an "
                            "earlier one",
                            cccd_report_date(since, a), cccd_report_date(out->to, b));
    }
    cccd_coverage cov;
    cccd_errc rc = cccd_coverage_get(st, u, code, out->to, &cov, err);
    if (rc != CCCD_OK)
        return rc;
    bool nation = cccd_code_is_nation(code);
    out->unit = nation ? NULL : cov.total.unit;
    size_t n = cov.nchildren ? cov.nchildren : 1;
    const cccd_unit **units = calloc(n, sizeof *units);
    cccd_rollup *map = NULL;
    out->rows = calloc(n, sizeof *out->rows);
    if (units == NULL || out->rows == NULL) {
        rc = cccd_err_set(err, CCCD_E_NOMEM, "unit", "out of memory");
        goto done;
    }
    out->nrows = n;
    for (size_t i = 0; i < n; i++) {
        const cccd_coverage_line *l = cov.nchildren ? &cov.children[i] : &cov.total;
        out->rows[i].unit = units[i] = l->unit;
        row_coverage(&out->rows[i], l);
    }
    bool has_since = since.prec == CCCD_DATE_DAY;
    fig_ctx fc = {out->rows, cov.nchildren, first, last, has_since ? cccd_date_to_days(since) : 0,
                  has_since, INT64_MAX};
    rc = cccd_rollup_new(u, nation ? NULL : cov.total.unit, units, cov.nchildren, out->to, true,
                         &map, err);
    if (rc == CCCD_OK)
        rc = cccd_rollup_figures(st, map,
                                 !has_since         ? 0
                                 : fc.since < first ? fc.since
                                                    : first,
                                 last, on_figure, &fc, err);
    int64_t start = has_since ? fc.since : fc.min_day < first ? fc.min_day : first;
    out->since = cccd_date_from_days(start);
    if (rc == CCCD_OK) {
        out->total.unit = out->unit;
        for (size_t i = 0; i < n; i++)
            col_add(&out->total, &out->rows[i]);
        row_coverage(&out->total, &cov.total); /* the unit's own coverage line */
    }
done:
    cccd_rollup_free(map);
    free(units);
    cccd_coverage_free(&cov);
    return rc;
}

/* ---- text ---- */

char *cccd_report_date(cccd_date d, char *buf) {
    snprintf(buf, 11, "%u/%u/%u", (unsigned)d.d % 32u, (unsigned)d.m % 13u, (unsigned)d.y % 10000u);
    return buf;
}

static const char *unit_name(const cccd_report *r) {
    return r->unit ? r->unit->name : "Toàn quốc";
}

char *cccd_report_title(const cccd_report *r, char *buf, size_t size) {
    char a[11], b[11];
    if (r->kind == CCCD_REPORT_WEEKLY)
        snprintf(buf, size, "BÁO CÁO TUẦN %s – %s — %s", cccd_report_date(r->from, a),
                 cccd_report_date(r->to, b), unit_name(r));
    else
        snprintf(buf, size, "BÁO CÁO NGÀY %s — %s", cccd_report_date(r->to, a), unit_name(r));
    return buf;
}

char *cccd_report_filename(const cccd_report *r, const char *ext, char *buf, size_t size) {
    char iso[11];
    snprintf(buf, size, "bao-cao-%s-%s-%s.%s", r->kind == CCCD_REPORT_WEEKLY ? "tuan" : "ngay",
             r->unit ? r->unit->code : "VN", cccd_date_iso(r->from, iso), ext);
    return buf;
}

/* ---- CSV ---- */

static void csv_field(FILE *f, const char *s) {
    if (strpbrk(s, ",\"\r\n") == NULL) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static void csv_row(FILE *f, const char *code, const char *name, const cccd_report_row *row) {
    csv_field(f, code);
    fputc(',', f);
    csv_field(f, name);
    for (size_t i = 0; i < NCOLS; i++)
        fprintf(f, ",%lld", (long long)col_value(row, i));
    fputs("\r\n", f);
}

cccd_errc cccd_report_csv(const cccd_report *r, FILE *f, cccd_err *err) {
    fputs("\xEF\xBB\xBF", f);
    fputs("Mã đơn vị,Tên đơn vị", f);
    for (size_t i = 0; i < NCOLS; i++) {
        fputc(',', f);
        csv_field(f, cols[i].vi);
    }
    fputs("\r\nunit_code,unit_name", f);
    for (size_t i = 0; i < NCOLS; i++)
        fprintf(f, ",%s", cols[i].en);
    fputs("\r\n", f);
    for (size_t i = 0; i < r->nrows; i++)
        csv_row(f, r->rows[i].unit->code, r->rows[i].unit->name, &r->rows[i]);
    csv_row(f, r->unit ? r->unit->code : "VN", "Tổng cộng", &r->total);
    if (fflush(f) != 0 || ferror(f))
        return cccd_err_set(err, CCCD_E_IO, "csv", "could not write the report: %s",
                            strerror(errno));
    return CCCD_OK;
}

/* ---- XLSX ---- */

cccd_errc cccd_report_xlsx_file(const cccd_report *r, const char *path, cccd_err *err) {
    /* libxlsxwriter reports a file it cannot create on stderr: find out first, and say so in
     * the caller's error instead */
    FILE *probe = fopen(path, "wb");
    if (probe == NULL)
        return cccd_err_set(err, CCCD_E_IO, "path", "%s: cannot write the workbook there: %s", path,
                            strerror(errno));
    fclose(probe);
    lxw_workbook *wb = workbook_new(path);
    if (wb == NULL)
        return cccd_err_set(err, CCCD_E_IO, "path", "%s: could not start the workbook", path);
    lxw_worksheet *ws =
        workbook_add_worksheet(wb, r->kind == CCCD_REPORT_WEEKLY ? "Báo cáo tuần" : "Báo cáo ngày");
    lxw_format *title = workbook_add_format(wb);
    format_set_bold(title);
    format_set_font_size(title, 14);
    lxw_format *head = workbook_add_format(wb);
    format_set_bold(head);
    format_set_text_wrap(head);
    format_set_align(head, LXW_ALIGN_CENTER);
    format_set_align(head, LXW_ALIGN_VERTICAL_CENTER);
    format_set_border(head, LXW_BORDER_THIN);
    lxw_format *en = workbook_add_format(wb);
    format_set_italic(en);
    format_set_font_color(en, LXW_COLOR_GRAY);
    format_set_align(en, LXW_ALIGN_CENTER);
    lxw_format *num = workbook_add_format(wb);
    format_set_num_format(num, "#,##0");
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    format_set_top(bold, LXW_BORDER_THIN);
    lxw_format *boldnum = workbook_add_format(wb);
    format_set_bold(boldnum);
    format_set_num_format(boldnum, "#,##0");
    format_set_top(boldnum, LXW_BORDER_THIN);

    char buf[512], a[11], b[11];
    worksheet_write_string(ws, 0, 0, cccd_report_title(r, buf, sizeof buf), title);
    snprintf(buf, sizeof buf,
             "Dân số và thẻ tính đến ngày %s; lũy kế tiếp nhận từ ngày %s (figures of "
             "residents and cards at %s; received cumulated since %s)",
             cccd_report_date(r->to, a), cccd_report_date(r->since, b), a, b);
    worksheet_write_string(ws, 1, 0, buf, NULL);
    worksheet_write_string(ws, 2, 0, "Mã đơn vị", head);
    worksheet_write_string(ws, 2, 1, "Tên đơn vị", head);
    worksheet_write_string(ws, 3, 0, "unit_code", en);
    worksheet_write_string(ws, 3, 1, "unit_name", en);
    worksheet_set_row(ws, 2, 45, NULL);
    worksheet_set_column(ws, 0, 0, 11, NULL);
    worksheet_set_column(ws, 1, 1, 34, NULL);
    for (size_t i = 0; i < NCOLS; i++) {
        lxw_col_t c = (lxw_col_t)(i + 2);
        worksheet_write_string(ws, 2, c, cols[i].vi, head);
        worksheet_write_string(ws, 3, c, cols[i].en, en);
        worksheet_set_column(ws, c, c, cols[i].width, NULL);
    }
    lxw_row_t row = 4;
    for (size_t i = 0; i < r->nrows; i++, row++) {
        worksheet_write_string(ws, row, 0, r->rows[i].unit->code, NULL);
        worksheet_write_string(ws, row, 1, r->rows[i].unit->name, NULL);
        for (size_t j = 0; j < NCOLS; j++)
            worksheet_write_number(ws, row, (lxw_col_t)(j + 2), (double)col_value(&r->rows[i], j),
                                   num);
    }
    worksheet_write_string(ws, row, 0, r->unit ? r->unit->code : "VN", bold);
    worksheet_write_string(ws, row, 1, "Tổng cộng", bold);
    for (size_t j = 0; j < NCOLS; j++)
        worksheet_write_number(ws, row, (lxw_col_t)(j + 2), (double)col_value(&r->total, j),
                               boldnum);
    worksheet_freeze_panes(ws, 4, 2);
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    lxw_error e = workbook_close(wb);
    if (e != LXW_NO_ERROR)
        return cccd_err_set(err, CCCD_E_IO, "path", "%s: could not write the workbook: %s", path,
                            lxw_strerror(e));
    return CCCD_OK;
}

cccd_errc cccd_report_xlsx_mem(const cccd_report *r, char **buf, size_t *len, cccd_err *err) {
    *buf = NULL;
    *len = 0;
    const char *dir = getenv("TMPDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/cccd-report-XXXXXX.xlsx", dir && *dir ? dir : "/tmp");
    int fd = mkstemps(path, 5);
    if (fd < 0)
        return cccd_err_set(err, CCCD_E_IO, "path", "%s: could not make a temporary file: %s", path,
                            strerror(errno));
    close(fd);
    cccd_errc rc = cccd_report_xlsx_file(r, path, err);
    FILE *f = rc == CCCD_OK ? fopen(path, "rb") : NULL;
    if (rc == CCCD_OK && f == NULL)
        rc = cccd_err_set(err, CCCD_E_IO, "path", "%s: could not read the workbook back: %s", path,
                          strerror(errno));
    if (f) {
        long size = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
        char *data = size > 0 ? malloc((size_t)size) : NULL;
        if (size <= 0 || fseek(f, 0, SEEK_SET) != 0)
            rc = cccd_err_set(err, CCCD_E_IO, "path", "%s: the workbook is empty", path);
        else if (data == NULL)
            rc = cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory");
        else if (fread(data, 1, (size_t)size, f) != (size_t)size)
            rc = cccd_err_set(err, CCCD_E_IO, "path", "%s: could not read the workbook back", path);
        if (rc == CCCD_OK) {
            *buf = data;
            *len = (size_t)size;
        } else
            free(data);
        fclose(f);
    }
    unlink(path);
    return rc;
}
