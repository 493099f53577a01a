/*
 * mrz.h: the machine-readable zone (ICAO 9303 TD1, 3 lines of 30 characters) on the back of the
 * Vietnamese card: building it from card data, parsing it back with every check digit verified,
 * and the basic access control key seed the chip needs. docs/mrz.md describes the layout and
 * the rules chosen (transliteration, name truncation, two-digit years, "no expiry").
 *
 * Pure functions: no I/O, no printing, no clock ("today" is a parameter). Errors fill a
 * caller-owned cccd_err. Output structs are caller-owned, fixed size, and hold no pointers;
 * input strings are borrowed for the duration of the call only.
 */
#ifndef CCCD_CORE_MRZ_H
#define CCCD_CORE_MRZ_H

#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"
#include "core/error.h"

#define CCCD_MRZ_LINES 3
#define CCCD_MRZ_LINE_LEN 30
/* The BAC key seed: document number + check, birth date + check, expiry + check. */
#define CCCD_MRZ_BAC_SEED_LEN 24
/* Without "today" and without a personal ID to decide, a birth year YY <= this is 20YY,
 * otherwise 19YY. */
#define CCCD_MRZ_CENTURY_PIVOT 30

/* The three lines, each NUL-terminated. */
typedef struct cccd_mrz {
    char line[CCCD_MRZ_LINES][CCCD_MRZ_LINE_LEN + 1];
} cccd_mrz;

/* The value of an MRZ character for check digits: 0-9, A-Z = 10..35, '<' = 0; -1 for any other
 * character. */
int cccd_mrz_char_value(char c);

/* The ICAO check digit (0..9) of len characters (weights 7, 3, 1 repeating, sum mod 10);
 * -1 when one of them is not an MRZ character. */
int cccd_mrz_check_digit(const char *s, size_t len);

/* What the builder needs. Strings are borrowed UTF-8; NULL or "" means "not given". */
typedef struct cccd_mrz_card {
    const char *personal_id;     /* 12 digits, required: line 1 positions 16-27 */
    const char *document_number; /* up to 9 of A-Z 0-9; NULL = last 9 digits of personal_id */
    const char *full_name;       /* "Nguyễn Văn A": first word surname, the rest given names */
    const char *surname;         /* instead of full_name, with given_names */
    const char *given_names;
    cccd_date birth;         /* precision DAY, MONTH or YEAR (unknown parts written '<<'), or NONE
                                (unknown: '<<<<<<'); years 1900..2099 */
    char sex;                /* 'M', 'F' or '<' (unspecified) */
    cccd_date expiry;        /* a full date in 2000..2099, or precision NONE: no expiry */
    const char *nationality; /* 1-3 letters, NULL = "VNM" */
} cccd_mrz_card;

/* Builds the three lines. Errors name the cccd_mrz_card field (personal_id, full_name, ...):
 * CCCD_E_ID_LENGTH / CCCD_E_ID_NONDIGIT, CCCD_E_MRZ_FIELD, CCCD_E_MRZ_NAME, CCCD_E_DATE_*,
 * CCCD_E_SEX, CCCD_E_NOMEM. *truncated (may be NULL) tells whether the name had to be
 * shortened. */
cccd_errc cccd_mrz_build(const cccd_mrz_card *card, cccd_mrz *out, bool *truncated, cccd_err *err);

/* Writes line 3 (SURNAME<<GIVEN<NAMES, '<'-filled to 30) from a surname and given names in
 * UTF-8 (given_names may be NULL or ""): transliteration and truncation as in docs/mrz.md.
 * *truncated (may be NULL) is set when the name was shortened. */
cccd_errc cccd_mrz_name_line(const char *surname, const char *given_names,
                             char out[CCCD_MRZ_LINE_LEN + 1], bool *truncated, cccd_err *err);

/* The same from a full name (first word = surname). field names the input in errors. */
cccd_errc cccd_mrz_name_line_full(const char *full_name, const char *field,
                                  char out[CCCD_MRZ_LINE_LEN + 1], bool *truncated, cccd_err *err);

/* The check digits a TD1 carries, in the order they appear. */
typedef enum cccd_mrz_check_kind {
    CCCD_MRZ_CHECK_DOCUMENT_NUMBER, /* line 1 position 15, over 6-14 */
    CCCD_MRZ_CHECK_OPTIONAL_DATA,   /* line 1 position 30, over 16-29 (Vietnamese practice) */
    CCCD_MRZ_CHECK_BIRTH_DATE,      /* line 2 position 7, over 1-6 */
    CCCD_MRZ_CHECK_EXPIRY_DATE,     /* line 2 position 15, over 9-14 */
    CCCD_MRZ_CHECK_COMPOSITE,       /* line 2 position 30 */
    CCCD_MRZ_CHECK__COUNT
} cccd_mrz_check_kind;

/* A stable name for a check ("document_number", "optional_data", "date_of_birth", "expiry",
 * "composite"), and its wording for messages ("birth date"). */
const char *cccd_mrz_check_name(cccd_mrz_check_kind k);
const char *cccd_mrz_check_label(cccd_mrz_check_kind k);

/* One check digit's verdict. */
typedef struct cccd_mrz_verdict {
    int line, column; /* where the check digit is, 1-based */
    bool present;     /* false: the optional-data check when positions 16-30 are all '<' */
    char found;       /* the character at that position */
    char computed;    /* '0'..'9', or '?' when an input character is not an MRZ character */
    bool ok;          /* found == computed, or '<' for a field that is all '<' */
} cccd_mrz_verdict;

/* A parsed MRZ. Text fields have their trailing '<' removed. */
typedef struct cccd_mrz_fields {
    cccd_mrz mrz;          /* the three lines as read */
    char document_code[3]; /* "ID" */
    char issuing_state[4];
    char document_number[10];
    char optional_data1[16]; /* line 1 positions 16-30, as they are */
    char personal_id[13];    /* positions 16-27 when they are 12 digits followed by "<<"; or "" */
    cccd_date birth;         /* precision DAY, MONTH or YEAR; NONE when '<<<<<<' or unreadable */
    cccd_date expiry;        /* precision DAY; NONE when no_expiry or unreadable */
    bool no_expiry;          /* the expiry field is '<<<<<<' */
    char sex;                /* 'M', 'F', '<', or '?' when unreadable */
    char nationality[4];
    char optional_data2[12]; /* line 2 positions 19-29, as they are */
    char surname[31];        /* '<' between components turned into spaces */
    char given_names[31];
    cccd_mrz_verdict checks[CCCD_MRZ_CHECK__COUNT];
    bool valid; /* no problem found */
} cccd_mrz_fields;

/* Parses three lines of 30 characters separated by "\n" or "\r\n" (a final "\n" or "\r\n" is
 * allowed), len bytes of text (need not be NUL-terminated). today (may be NULL) decides the
 * century of the birth year (docs/mrz.md).
 * Returns CCCD_OK when everything is right. Otherwise returns the code of the FIRST problem
 * in reading order (line, then column) and fills err: field = "line N", pos = the column, and
 * a message "line 2, column 7: birth date check digit is 9, computed 8". Codes:
 * CCCD_E_MRZ_SHAPE (out holds nothing useful), CCCD_E_MRZ_CHAR, CCCD_E_MRZ_FIELD,
 * CCCD_E_MRZ_CHECK. After anything but a shape error, out holds everything that could be
 * decoded, with every verdict, and out->valid is false. */
cccd_errc cccd_mrz_parse(const char *text, size_t len, const cccd_date *today, cccd_mrz_fields *out,
                         cccd_err *err);

/* The same from the 90 characters of EF.DG1 (the three lines without separators). */
cccd_errc cccd_mrz_parse_dg1(const char *s, size_t len, const cccd_date *today,
                             cccd_mrz_fields *out, cccd_err *err);

/* The BAC key seed (ICAO 9303 part 11): line 1 positions 6-15 + line 2 positions 1-7 and
 * 9-15, into out (NUL-terminated). Meant for a parsed, valid MRZ. */
void cccd_mrz_bac_seed(const cccd_mrz *mrz, char out[CCCD_MRZ_BAC_SEED_LEN + 1]);

#endif
