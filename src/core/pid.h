/*
 * pid.h: the 12-digit personal ID number (số định danh cá nhân).
 *
 * Layout: 3 digits province of birth registration (province.h) + 1 digit century and sex
 * (0/1 = 1900s male/female, 2/3 = 2000s, 4/5 = 2100s, 6/7 = 2200s, 8/9 = 2300s) + 2 digits of
 * the birth year + 6 digits. The number never changes across card exchanges, so parsing is
 * strict by default and every failure says exactly what is wrong; a lenient mode for data of
 * unknown origin turns an unknown province prefix into a warning.
 */
#ifndef CCCD_CORE_PID_H
#define CCCD_CORE_PID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/error.h"
#include "core/province.h"

typedef enum cccd_sex {
    CCCD_SEX_UNKNOWN = 0,
    CCCD_SEX_MALE = 'M',
    CCCD_SEX_FEMALE = 'F',
} cccd_sex;

/* Parses a sex: M, F (any case), Nam, Nữ, male, female. */
cccd_errc cccd_sex_parse(const char *s, const char *field, cccd_sex *out, cccd_err *err);

/* "M", "F" or "" */
const char *cccd_sex_code(cccd_sex sex);

/* What else the caller knows about the person; zero-initialise and fill what is known. */
typedef struct cccd_pid_facts {
    cccd_date dob;   /* prec CCCD_DATE_NONE when unknown; a partial date checks the year */
    cccd_sex sex;    /* CCCD_SEX_UNKNOWN when unknown */
    cccd_date today; /* when set, a birth year after today's year is refused */
    bool lenient;    /* an unknown province prefix is a warning, not an error */
} cccd_pid_facts;

/* A decoded personal ID number. */
typedef struct cccd_pid {
    char digits[13];               /* the 12 digits, NUL-terminated */
    const cccd_province *province; /* borrowed static entry; NULL only in lenient mode */
    cccd_sex sex;
    int birth_year;    /* full year, e.g. 1990 */
    char warning[160]; /* "" or, in lenient mode, why the number is suspicious */
} cccd_pid;

/* Parses and validates s[0..len). facts may be NULL. On failure err names the reason and, for a
 * bad character, its 1-based position; *out is left unspecified. */
cccd_errc cccd_pid_parse(const char *s, size_t len, const cccd_pid_facts *facts, cccd_pid *out,
                         cccd_err *err);

/* The century/sex digit for a birth year and sex (-1 when the year is outside 1900..2399 or
 * the sex is unknown). */
int cccd_pid_century_digit(int birth_year, cccd_sex sex);

/* Answers whether a candidate number is already held by the caller (ctx is the caller's). */
typedef bool (*cccd_pid_taken_fn)(void *ctx, const char digits[13]);

/* Allocates a new number for a province prefix ("001"), sex and date of birth (the year is
 * what counts, partial dates are fine). The last six digits are drawn from a permutation of
 * 000000..999999 chosen by seed, and a candidate for which taken() answers true is skipped, so a
 * number the caller already holds is never returned; when all 10^6 are taken the answer is
 * CCCD_E_ID_EXHAUSTED. taken may be NULL (nothing held). out receives 12 digits + NUL. */
cccd_errc cccd_pid_allocate(const char *prefix3, cccd_sex sex, cccd_date dob, uint64_t seed,
                            cccd_pid_taken_fn taken, void *ctx, char out[13], cccd_err *err);

#endif
