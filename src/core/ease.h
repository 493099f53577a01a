/*
 * ease.h: the order in which people are called: easy cases first, hard ones later (the field
 * practice of door-to-door campaigns). The rule reads only registry fields, so a plan is the
 * same whoever runs it; docs/planning.md states it. Pure.
 */
#ifndef CCCD_CORE_EASE_H
#define CCCD_CORE_EASE_H

typedef enum cccd_ease {
    CCCD_EASE_FIRST_ISSUE = 0, /* no card and no old 9-digit ID: a first issue, nothing to check */
    CCCD_EASE_OLD_ID = 1,      /* an old 9-digit CMND to exchange: the old number is checked */
    CCCD_EASE_EXCHANGE = 2,    /* a card to exchange: a barcode card, or a chip card expired */
    CCCD_EASE_HARD = 3,        /* a correction first: a date of birth that is not a full date,
                                  or no residential group or household recorded */
    CCCD_EASE__COUNT
} cccd_ease;

/* The class of a person from the stored fields (text as the registry returns it: card_type
 * "", "chip" or "barcode"; old_id "" or 9 digits; dob "YYYY", "YYYY-MM" or "YYYY-MM-DD"). */
cccd_ease cccd_ease_of(const char *card_type, const char *old_id, const char *dob,
                       const char *residential_group, const char *household_id);

/* "first_issue", "old_id", "exchange", "hard". */
const char *cccd_ease_name(cccd_ease e);

#endif
