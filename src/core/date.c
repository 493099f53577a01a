/*
 * date.c: calendar arithmetic for full and partial dates (see date.h).
 *
 * Day counts use the days-from-civil algorithm (H. Hinnant's public-domain derivation), so there
 * is no dependence on the C library's time zone or on time_t's range.
 */
#include "core/date.h"

#include <stdio.h>
#include <string.h>

bool cccd_is_leap_year(int y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int cccd_days_in_month(int y, int m) {
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    return m == 2 && cccd_is_leap_year(y) ? 29 : mdays[m - 1];
}

bool cccd_date_make(int y, int m, int d, cccd_date *out) {
    if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > cccd_days_in_month(y, m))
        return false;
    out->y = y;
    out->m = m;
    out->d = d;
    out->prec = CCCD_DATE_DAY;
    return true;
}

/* Reads exactly n digits at s; returns -1 when any is not a digit. */
static int read_digits(const char *s, int n) {
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

static bool all_digits(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

cccd_errc cccd_date_parse(const char *s, const char *field, cccd_date *out, cccd_err *err) {
    if (s == NULL)
        return cccd_err_set(err, CCCD_E_DATE_FORMAT, field, "%s: no date given", field);
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        n--;
    int y = -1, m = 0, d = 0;
    cccd_date_prec prec = CCCD_DATE_NONE;
    if (n == 10 && s[4] == '-' && s[7] == '-' && all_digits(s, 4) && all_digits(s + 5, 2) &&
        all_digits(s + 8, 2)) {
        y = read_digits(s, 4), m = read_digits(s + 5, 2), d = read_digits(s + 8, 2);
        prec = CCCD_DATE_DAY;
    } else if (n == 10 && s[2] == '/' && s[5] == '/' && all_digits(s, 2) && all_digits(s + 3, 2) &&
               all_digits(s + 6, 4)) {
        d = read_digits(s, 2), m = read_digits(s + 3, 2), y = read_digits(s + 6, 4);
        prec = CCCD_DATE_DAY;
    } else if (n == 7 && s[4] == '-' && all_digits(s, 4) && all_digits(s + 5, 2)) {
        y = read_digits(s, 4), m = read_digits(s + 5, 2);
        prec = CCCD_DATE_MONTH;
    } else if (n == 7 && s[2] == '/' && all_digits(s, 2) && all_digits(s + 3, 4)) {
        m = read_digits(s, 2), y = read_digits(s + 3, 4);
        prec = CCCD_DATE_MONTH;
    } else if (n == 4 && all_digits(s, 4)) {
        y = read_digits(s, 4);
        prec = CCCD_DATE_YEAR;
    } else {
        return cccd_err_set(err, CCCD_E_DATE_FORMAT, field,
                            "%s: '%.*s' is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)", field,
                            (int)(n > 40 ? 40 : n), s);
    }
    if (y < 1000 || y > 9999)
        return cccd_err_set(err, CCCD_E_DATE_INVALID, field, "%s: year %d is out of range", field,
                            y);
    if (prec >= CCCD_DATE_MONTH && (m < 1 || m > 12))
        return cccd_err_set(err, CCCD_E_DATE_INVALID, field, "%s: month %02d does not exist", field,
                            m);
    if (prec == CCCD_DATE_DAY && (d < 1 || d > cccd_days_in_month(y, m)))
        return cccd_err_set(err, CCCD_E_DATE_INVALID, field, "%s: %04d-%02d has no day %02d", field,
                            y, m, d);
    out->y = y;
    out->m = prec >= CCCD_DATE_MONTH ? m : 0;
    out->d = prec == CCCD_DATE_DAY ? d : 0;
    out->prec = prec;
    return CCCD_OK;
}

cccd_errc cccd_date_parse_full(const char *s, const char *field, cccd_date *out, cccd_err *err) {
    cccd_date d;
    cccd_errc rc = cccd_date_parse(s, field, &d, err);
    if (rc != CCCD_OK)
        return rc;
    if (d.prec != CCCD_DATE_DAY)
        return cccd_err_set(err, CCCD_E_DATE_FORMAT, field,
                            "%s: a full date is needed here (YYYY-MM-DD)", field);
    *out = d;
    return CCCD_OK;
}

int64_t cccd_date_to_days(cccd_date dt) {
    int64_t y = dt.y, m = dt.m, d = dt.d;
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int cccd_date_weekday(int64_t days) {
    return (int)(((days + 3) % 7 + 7) % 7); /* 1970-01-01 was a Thursday */
}

cccd_date cccd_date_from_days(int64_t z) {
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1;
    int64_t m = mp < 10 ? mp + 3 : mp - 9;
    cccd_date out = {(int)(y + (m <= 2)), (int)m, (int)d, CCCD_DATE_DAY};
    return out;
}

cccd_date cccd_date_earliest(cccd_date d) {
    if (d.prec == CCCD_DATE_YEAR)
        d.m = 1, d.d = 1;
    else if (d.prec == CCCD_DATE_MONTH)
        d.d = 1;
    else
        return d;
    d.prec = CCCD_DATE_DAY;
    return d;
}

cccd_date cccd_date_latest(cccd_date d) {
    if (d.prec == CCCD_DATE_YEAR)
        d.m = 12, d.d = 31;
    else if (d.prec == CCCD_DATE_MONTH)
        d.d = cccd_days_in_month(d.y, d.m);
    else
        return d;
    d.prec = CCCD_DATE_DAY;
    return d;
}

cccd_date cccd_date_add_years(cccd_date d, int n) {
    d.y += n;
    if (d.prec == CCCD_DATE_DAY && d.m == 2 && d.d == 29 && !cccd_is_leap_year(d.y))
        d.d = 28;
    return d;
}

cccd_date cccd_date_add_days(cccd_date d, int64_t n) {
    return cccd_date_from_days(cccd_date_to_days(d) + n);
}

int cccd_date_cmp(cccd_date a, cccd_date b) {
    if (a.y != b.y)
        return a.y < b.y ? -1 : 1;
    if (a.m != b.m)
        return a.m < b.m ? -1 : 1;
    if (a.d != b.d)
        return a.d < b.d ? -1 : 1;
    return 0;
}

/* Writes n digits of v (0 <= v < 10^n) at p. */
static void put_digits(char *p, int v, int n) {
    for (int i = n - 1; i >= 0; i--, v /= 10)
        p[i] = (char)('0' + v % 10);
}

char *cccd_date_iso(cccd_date d, char *buf) {
    /* by hand, not snprintf: the registry import formats a few dates a row */
    bool plain = d.y >= 0 && d.y <= 9999 && d.m >= 0 && d.m <= 99 && d.d >= 0 && d.d <= 99;
    switch (d.prec) {
        case CCCD_DATE_DAY:
            if (!plain) {
                snprintf(buf, 11, "%04d-%02d-%02d", d.y, d.m, d.d);
                break;
            }
            put_digits(buf, d.y, 4);
            buf[4] = '-';
            put_digits(buf + 5, d.m, 2);
            buf[7] = '-';
            put_digits(buf + 8, d.d, 2);
            buf[10] = '\0';
            break;
        case CCCD_DATE_MONTH:
            if (!plain) {
                snprintf(buf, 11, "%04d-%02d", d.y, d.m);
                break;
            }
            put_digits(buf, d.y, 4);
            buf[4] = '-';
            put_digits(buf + 5, d.m, 2);
            buf[7] = '\0';
            break;
        case CCCD_DATE_YEAR:
            if (!plain) {
                snprintf(buf, 11, "%04d", d.y);
                break;
            }
            put_digits(buf, d.y, 4);
            buf[4] = '\0';
            break;
        default:
            buf[0] = '\0';
    }
    return buf;
}

char *cccd_date_vn(cccd_date d, char *buf) {
    switch (d.prec) {
        case CCCD_DATE_DAY:
            snprintf(buf, 11, "%02d/%02d/%04d", d.d, d.m, d.y);
            break;
        case CCCD_DATE_MONTH:
            snprintf(buf, 11, "%02d/%04d", d.m, d.y);
            break;
        case CCCD_DATE_YEAR:
            snprintf(buf, 11, "%04d", d.y);
            break;
        default:
            buf[0] = '\0';
    }
    return buf;
}

cccd_date cccd_date_vn_from_unix(int64_t t) {
    int64_t local = t + CCCD_VN_UTC_OFFSET;
    int64_t days = local / 86400;
    if (local % 86400 < 0)
        days--;
    return cccd_date_from_days(days);
}

int cccd_age_on(cccd_date dob, cccd_date on) {
    int age = on.y - dob.y;
    /* not yet had this year's birthday (29 Feb counts as 28 Feb in a common year) */
    cccd_date bday = cccd_date_add_years(dob, age);
    if (cccd_date_cmp(on, bday) < 0)
        age--;
    return age;
}

cccd_date cccd_date_or_none(const char *s) {
    cccd_date d = {0};
    cccd_err ignore;
    if (s == NULL || s[0] == '\0' || cccd_date_parse(s, "date", &d, &ignore) != CCCD_OK) {
        memset(&d, 0, sizeof d);
        d.prec = CCCD_DATE_NONE;
    }
    return d;
}
