/*
 * validity.h: when a citizen must have a card, and until when a card is valid.
 *
 * Two rule sets, chosen by the card's date of issue:
 *  - 2014 Law on Citizen Identification (cards issued before 2024-07-01): cards from age 14;
 *    exchange at 25, 40 and 60.
 *  - 2023 Identity Law 26/2023/QH15 (issued from 2024-07-01): cards mandatory from 14 and issued
 *    under 14 on request; exchange at 14, 25, 40 and 60.
 * Under both, a card issued, exchanged or re-issued within two years before an exchange age
 * stays valid until the next one; no age follows 60, so a card issued from 58 on never expires.
 *
 * Conventions (docs/rules.md explains them):
 *  - An age is reached on the birthday; 29 February counts as 28 February in a common year.
 *  - "Within two years before age A" is the period from the birthday at A-2 (inclusive) to the
 *    birthday at A (exclusive). A card issued on the birthday at A is past A.
 *  - A partial date of birth (year, or year and month): expiry uses the earliest day it can
 *    stand for, so a card never outlives the law; eligibility uses the latest day, so nobody is
 *    called before they are surely 14. Both answers are flagged approximate.
 *  - Days are Vietnamese local days (UTC+7): see cccd_date_vn_from_unix.
 */
#ifndef CCCD_CORE_VALIDITY_H
#define CCCD_CORE_VALIDITY_H

#include <stdbool.h>

#include "core/date.h"
#include "core/error.h"

typedef enum cccd_ruleset {
    CCCD_RULES_2014 = 2014,
    CCCD_RULES_2023 = 2023,
} cccd_ruleset;

/* The day the 2023 Identity Law took effect. */
cccd_date cccd_rules_2023_start(void);

/* The rule set that governs a card issued on `issued`. */
cccd_ruleset cccd_rules_for_issue(cccd_date issued);

typedef struct cccd_expiry {
    cccd_ruleset rules;
    bool none;        /* true: the card does not expire ("Không thời hạn") */
    cccd_date date;   /* printed on the card as "valid until" (có giá trị đến): the birthday
                         at exchange_age, the last day the card is valid; unset when none */
    int exchange_age; /* the age at which it must be exchanged (14, 25, 40 or 60); 0 when none */
    int skipped_age;  /* an exchange age passed over by the two-year rule, or 0 */
    bool approximate; /* the date of birth was partial */
} cccd_expiry;

/* The expiry of a card issued on full date `issued` to a person born on `dob` (full or partial).
 * Refuses an issue date before birth, and under the 2014 rules an issue before age 14. */
cccd_errc cccd_card_expiry(cccd_date dob, cccd_date issued, cccd_expiry *out, cccd_err *err);

/* Whether a card is valid on day `on`: issued on or before it, and `on` not after the expiry
 * date (valid until, inclusive). */
bool cccd_card_valid_on(const cccd_expiry *e, cccd_date issued, cccd_date on);

typedef struct cccd_eligibility {
    bool mandatory;          /* 14 or over on that day: must hold a card */
    bool on_request;         /* under 14, but the 2023 law lets them have one on request */
    cccd_date eligible_from; /* the day the person surely turns 14 */
    int age;                 /* completed years on that day (certain, for partial dates) */
    bool approximate;        /* the date of birth was partial */
} cccd_eligibility;

/* Eligibility on full date `on` of a person born on `dob` (full or partial). Refuses a day
 * before birth. */
cccd_errc cccd_eligibility_on(cccd_date dob, cccd_date on, cccd_eligibility *out, cccd_err *err);

#endif
