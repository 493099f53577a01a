/*
 * report.h: the daily and the weekly report a provincial office files: for a unit, one row
 * per child unit in force on the report date (a commune reports its own row) and a total:
 * coverage at the report date (residents, eligible, valid chip card, in progress, remaining)
 * and the applications of the day or week (received in total, by type and by point kind,
 * approved, produced, delivered) with the received ones cumulated since a start date. Written
 * as CSV (UTF-8 with a BOM, RFC 4180) or as an XLSX workbook (libxlsxwriter), to a file or to
 * memory. Counts only: no person is named, so a report is not audited per person.
 * docs/reports.md describes every column.
 */
#ifndef CCCD_SERVICE_REPORT_H
#define CCCD_SERVICE_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/application.h"
#include "core/date.h"
#include "core/units.h"
#include "store/store.h"
#include "store/store_points.h"

typedef enum cccd_report_kind {
    CCCD_REPORT_DAILY = 0, /* one day */
    CCCD_REPORT_WEEKLY,    /* Monday to Sunday */
} cccd_report_kind;

/* "daily", "weekly"; parse: the kind or -1. */
const char *cccd_report_kind_name(cccd_report_kind k);

/* by_point's last slot: received with no point of service (at the person's unit) */
#define CCCD_REPORT_NO_POINT CCCD_POINT__COUNT

/* One row of a report. New columns (the quotas to come) are added as fields here and as
 * entries of the column table in report.c; a row is zeroed before it is filled. */
typedef struct cccd_report_row {
    const cccd_unit *unit; /* borrowed from the unit set; NULL: the whole country */
    /* coverage at the report date */
    int64_t residents, eligible, valid_card, in_progress, remaining;
    /* applications in the period */
    int64_t received;
    int64_t by_type[CCCD_APP__TYPES];        /* first issue, exchange, re-issue */
    int64_t by_point[CCCD_POINT__COUNT + 1]; /* fixed, mobile, home visit, no point */
    int64_t approved, produced, delivered;
    int64_t cumulative; /* received from `since` to the period's last day */
} cccd_report_row;

typedef struct cccd_report {
    cccd_report_kind kind;
    const cccd_unit *unit; /* the unit asked for (borrowed); NULL: the whole country */
    cccd_date from, to;    /* the period, both included (daily: from == to) */
    cccd_date since;       /* the first day of the cumulative column */
    cccd_report_row *rows; /* owned: one per child unit in code order (or the unit itself) */
    size_t nrows;
    cccd_report_row total;
} cccd_report;

/* Builds the report of unit `code` ("VN": the whole country, its rows the provinces) for the
 * day `on` (daily) or the Monday-to-Sunday week that holds `on` (weekly). Coverage is taken at
 * the period's last day; the applications are the daily figures of every unit version a row's
 * unit serves on that day (a merged commune's old versions included). since: the first day
 * of the cumulative column; precision CCCD_DATE_NONE: the first day any figure of the report's
 * units was recorded (the period's first day when there is none). A since after the period's
 * last day is CCCD_E_ARG on field "since". *out is released with cccd_report_free (also after
 * a failure). */
cccd_errc cccd_report_build(cccd_store *st, const cccd_units *u, const char *code,
                            cccd_report_kind kind, cccd_date on, cccd_date since, cccd_report *out,
                            cccd_err *err);

void cccd_report_free(cccd_report *r);

/* The report's title, "BÁO CÁO NGÀY 24/3/2025 — Tỉnh Hưng Yên" or
 * "BÁO CÁO TUẦN 17/3/2025 – 23/3/2025 — Tỉnh Hưng Yên", into buf. Returns buf. */
char *cccd_report_title(const cccd_report *r, char *buf, size_t size);

/* A file name for the report: "bao-cao-ngay-33-2025-03-24.csv" (ext "csv" or "xlsx"). */
char *cccd_report_filename(const cccd_report *r, const char *ext, char *buf, size_t size);

/* A date the Vietnamese way without leading zeros: 24/3/2025. Returns buf (>= 11 bytes). */
char *cccd_report_date(cccd_date d, char *buf);

/* The report as CSV to f: a byte order mark, a line of Vietnamese headings, a line of English
 * column names, a row per unit, the total row; plain integers, RFC 4180 quoting, CRLF line
 * ends. CCCD_E_IO when the file cannot be written. */
cccd_errc cccd_report_csv(const cccd_report *r, FILE *f, cccd_err *err);

/* The report as an XLSX workbook at path (replaced): one sheet with the title, the headings
 * in Vietnamese and English, frozen under the headings, numbers formatted "#,##0", the total
 * row bold. CCCD_E_IO (field "path") when it cannot be written. */
cccd_errc cccd_report_xlsx_file(const cccd_report *r, const char *path, cccd_err *err);

/* The same workbook in memory: *buf (owned by the caller: free()) of *len bytes. Written to a
 * temporary file in $TMPDIR (or /tmp), read back and removed. */
cccd_errc cccd_report_xlsx_mem(const cccd_report *r, char **buf, size_t *len, cccd_err *err);

#endif
