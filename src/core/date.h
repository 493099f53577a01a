/*
 * date.h: civil dates as the registry knows them, including partial ones.
 *
 * Old records carry a year only, or a year and month; such a date keeps its precision and every
 * rule that needs a day says which end of the range it takes (cccd_date_earliest/latest).
 * Dates are proleptic Gregorian, years 1000..9999. Vietnam keeps UTC+7 all year (no daylight
 * saving), so an instant maps to a local date with a fixed offset.
 */
#ifndef CCCD_CORE_DATE_H
#define CCCD_CORE_DATE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/error.h"

typedef enum cccd_date_prec {
    CCCD_DATE_NONE = 0, /* no date (unset) */
    CCCD_DATE_YEAR,     /* y only */
    CCCD_DATE_MONTH,    /* y and m */
    CCCD_DATE_DAY,      /* a full date */
} cccd_date_prec;

typedef struct cccd_date {
    int y, m, d; /* m and d are 0 when not known */
    cccd_date_prec prec;
} cccd_date;

/* Vietnam's offset from UTC, in seconds. */
#define CCCD_VN_UTC_OFFSET (7 * 3600)

/* Parses YYYY-MM-DD, YYYY-MM, YYYY, DD/MM/YYYY, MM/YYYY (surrounding spaces allowed).
 * field names the input in the error. */
cccd_errc cccd_date_parse(const char *s, const char *field, cccd_date *out, cccd_err *err);

/* A stored date (as cccd_date_parse reads it) or, when s is NULL, empty or not a date,
 * precision CCCD_DATE_NONE: for the registry's optional dates. */
cccd_date cccd_date_or_none(const char *s);

/* Parses only a full date (YYYY-MM-DD or DD/MM/YYYY). */
cccd_errc cccd_date_parse_full(const char *s, const char *field, cccd_date *out, cccd_err *err);

/* A full date from its parts; false when it is not a real day. */
bool cccd_date_make(int y, int m, int d, cccd_date *out);

bool cccd_is_leap_year(int y);
int cccd_days_in_month(int y, int m);

/* Days since 1970-01-01 of a full date, and back. */
int64_t cccd_date_to_days(cccd_date d);
cccd_date cccd_date_from_days(int64_t days);

/* The weekday of a day (days since 1970-01-01): Monday 0 ... Sunday 6. */
int cccd_date_weekday(int64_t days);

/* First and last day a partial date can stand for (a full date maps to itself). */
cccd_date cccd_date_earliest(cccd_date d);
cccd_date cccd_date_latest(cccd_date d);

/* The same day n years later (n may be negative); 29 February becomes 28 February in a common
 * year. A partial date stays partial. */
cccd_date cccd_date_add_years(cccd_date d, int n);

/* The date n days later (full dates only). */
cccd_date cccd_date_add_days(cccd_date d, int64_t n);

/* Compares two full dates: <0, 0, >0. */
int cccd_date_cmp(cccd_date a, cccd_date b);

/* Writes the date as ISO 8601 at its precision (YYYY-MM-DD, YYYY-MM or YYYY) into buf
 * (at least 11 bytes); "" for CCCD_DATE_NONE. Returns buf. */
char *cccd_date_iso(cccd_date d, char *buf);

/* Writes the date the Vietnamese way (DD/MM/YYYY, MM/YYYY or YYYY) into buf (>= 11 bytes). */
char *cccd_date_vn(cccd_date d, char *buf);

/* The local date in Vietnam at a Unix time (seconds since the epoch, UTC). */
cccd_date cccd_date_vn_from_unix(int64_t unix_seconds);

/* Completed years of age on date `on` for a person born on full date `dob`. */
int cccd_age_on(cccd_date dob, cccd_date on);

#endif
