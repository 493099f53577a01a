/*
 * citizen.h: a person in the population registry, and the "đúng, đủ, sạch, sống" rule that a
 * record must pass before it enters the database.
 *
 * Records arrive as text fields (one CSV row of the national population database's extract;
 * docs/registry-csv.md). cccd_citizen_validate checks them and builds the normalised record:
 *   đúng (correct)   the ID agrees with date of birth and sex, dates are real, unit codes exist
 *                    at the extract's date;
 *   đủ (complete)    mandatory fields are present;
 *   sạch (clean)     text in NFC with single spaces, names in name form, a search key;
 *   sống (alive)     deceased people are kept, flagged, and never counted as needing a card.
 * Every problem is reported as an issue (field, rule, reason): an error rejects the row, a
 * warning keeps it (a cleaned value, an optional field that had to be dropped). Pure: the caller
 * gives the unit set and the extract's date.
 */
#ifndef CCCD_CORE_CITIZEN_H
#define CCCD_CORE_CITIZEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/error.h"
#include "core/pid.h"
#include "core/units.h"

/* The registry's fields, in the CSV's documented column order. */
typedef enum cccd_cf {
    CCCD_CF_PERSONAL_ID = 0,
    CCCD_CF_FULL_NAME,
    CCCD_CF_DATE_OF_BIRTH,
    CCCD_CF_SEX,
    CCCD_CF_ETHNICITY,
    CCCD_CF_RELIGION,
    CCCD_CF_NATIONALITY,
    CCCD_CF_PLACE_OF_ORIGIN,
    CCCD_CF_PERMANENT_COMMUNE,
    CCCD_CF_PERMANENT_ADDRESS,
    CCCD_CF_HOUSEHOLD_ID,
    CCCD_CF_RELATION_TO_HEAD,
    CCCD_CF_RESIDENTIAL_GROUP,
    CCCD_CF_TEMPORARY_COMMUNE,
    CCCD_CF_TEMPORARY_ADDRESS,
    CCCD_CF_STATUS,
    CCCD_CF_MOBILITY,
    CCCD_CF_OLD_ID_NUMBER,
    CCCD_CF_CARD_TYPE,
    CCCD_CF_CARD_NUMBER,
    CCCD_CF_CARD_ISSUED,
    CCCD_CF_CARD_EXPIRY,
    CCCD_CF_FATHER_NAME,
    CCCD_CF_MOTHER_NAME,
    CCCD_CF_SPOUSE_NAME,
    CCCD_CF__COUNT
} cccd_cf;

/* The column name ("personal_id"); NULL out of range. */
const char *cccd_cf_name(cccd_cf f);

/* The field with that column name, or -1. */
int cccd_cf_by_name(const char *name, size_t len);

/* Whether the field must be present (the "đủ" rule). */
bool cccd_cf_required(cccd_cf f);

/* A record as text: borrowed fields, each f[i][0..len[i]) (not necessarily NUL-terminated;
 * len 0 = empty). */
typedef struct cccd_citizen_raw {
    const char *f[CCCD_CF__COUNT];
    size_t len[CCCD_CF__COUNT];
} cccd_citizen_raw;

/* Where a person lives, as the registry's `mobility` column says (stored as this number in the
 * citizens table's `immobile` column). */
typedef enum cccd_mobility {
    CCCD_MOBILITY_NORMAL = 0,   /* at home and able (or at the declared temporary residence) */
    CCCD_MOBILITY_IMMOBILE = 1, /* elderly or sick: served at home */
    CCCD_MOBILITY_UNKNOWN = 2,  /* not living at the permanent address, no temporary residence
                                   declared: whereabouts unknown, to be traced */
} cccd_mobility;

typedef enum cccd_card_type {
    CCCD_CARD_NONE = 0,
    CCCD_CARD_CHIP,    /* the chip card (from 2021) */
    CCCD_CARD_BARCODE, /* the earlier 12-digit card with a barcode (2016-2021) */
} cccd_card_type;

/* The normalised record. Every string is NUL-terminated and owned by the record (released
 * by cccd_citizen_clear; cccd_citizen_validate puts them all in one block, `strings`); units
 * are borrowed from the unit set given to validate. Optional text that is absent is "". */
typedef struct cccd_citizen {
    char personal_id[13];
    char *full_name; /* name form: "Nguyễn Văn Thân" */
    char *name_key;  /* "nguyen van than" */
    cccd_date dob;   /* full or partial */
    cccd_sex sex;
    char *ethnicity, *religion, *nationality, *place_of_origin;
    const cccd_unit *permanent_unit; /* the commune version registered, at the extract date */
    char *permanent_address, *household_id, *relation_to_head, *residential_group;
    const cccd_unit *temporary_unit; /* NULL when living at home */
    char *temporary_address;
    bool deceased;
    cccd_mobility mobility;
    char old_id_number[10]; /* 9-digit CMND or "" */
    cccd_card_type card_type;
    char card_number[13];  /* "" without a card */
    cccd_date card_issued; /* prec NONE without a card */
    cccd_date card_expiry; /* prec NONE: no expiry (with a card) */
    char *father_name, *mother_name, *spouse_name;
    char province[3];      /* the province code of permanent_unit: the partition key */
    char *strings;         /* when not NULL, the one block every string above lives in */
    uint64_t content_hash; /* of every normalised value: tells a changed record from a repeat */
} cccd_citizen;

/* Releases the record's strings and zeroes it. */
void cccd_citizen_clear(cccd_citizen *c);

typedef enum cccd_rule {
    CCCD_RULE_DUNG = 0, /* correct */
    CCCD_RULE_DU,       /* complete */
    CCCD_RULE_SACH,     /* clean */
    CCCD_RULE_SONG,     /* alive */
} cccd_rule;

/* "đúng", "đủ", "sạch", "sống" */
const char *cccd_rule_name(cccd_rule r);

typedef struct cccd_issue {
    cccd_cf field;
    cccd_rule rule;
    bool error; /* true: the row is rejected; false: a warning, the row is kept */
    char reason[200];
} cccd_issue;

#define CCCD_MAX_ISSUES 16

typedef struct cccd_issues {
    cccd_issue v[CCCD_MAX_ISSUES];
    size_t n;      /* kept (at most CCCD_MAX_ISSUES) */
    size_t errors; /* counted, including those not kept */
    size_t warnings;
} cccd_issues;

/* Validates and normalises one record against the units in force on the extract's date
 * `as_of`. On CCCD_OK *out holds the record (warnings may be in *issues); on CCCD_E_ARG the row
 * is rejected and *issues says why (*out is cleared). CCCD_E_NOMEM when memory runs out.
 * `lenient_ids` turns an unknown ID province prefix into a warning. */
cccd_errc cccd_citizen_validate(const cccd_citizen_raw *raw, const cccd_units *units,
                                cccd_date as_of, bool lenient_ids, cccd_citizen *out,
                                cccd_issues *issues, cccd_err *err);

/* Where a person stands on a day, for coverage. */
typedef struct cccd_citizen_status {
    bool resident;   /* alive */
    bool eligible;   /* alive and surely 14 */
    bool valid_card; /* eligible and holding a chip card valid that day */
} cccd_citizen_status;

/* The status on `day` from the stored facts: days since 1970-01-01 of the day the person is
 * surely 14 (eligible_from), of the card's issue (card_issued, INT64_MIN: none) and expiry
 * (card_expiry, INT64_MAX: none or no expiry), whether the card is a chip card, and deceased. */
cccd_citizen_status cccd_citizen_status_on(int64_t day, bool deceased, int64_t eligible_from,
                                           bool chip, int64_t card_issued, int64_t card_expiry);

/* The day (since 1970-01-01) from which a person born on dob is surely 14. */
int64_t cccd_citizen_eligible_from(cccd_date dob);

#endif
