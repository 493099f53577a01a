/*
 * application.h: the application for a card (hồ sơ) as rules: its types and how the type is
 * decided from the registry record, its states and which step from which state needs which
 * permission. Pure: the store keeps applications (store/store_applications.h), the service
 * runs the steps (service/enrollment.h); both read this one table, and so do the tests and
 * docs/enrollment.md.
 */
#ifndef CCCD_CORE_APPLICATION_H
#define CCCD_CORE_APPLICATION_H

#include <stdbool.h>
#include <stddef.h>

#include "core/citizen.h"
#include "core/date.h"
#include "core/error.h"
#include "core/role.h"

typedef enum cccd_app_type {
    CCCD_APP_FIRST_ISSUE = 0, /* cấp mới: no chip card */
    CCCD_APP_EXCHANGE,        /* đổi: expiring or expired, damaged, data changed */
    CCCD_APP_REISSUE,         /* cấp lại: lost; the old card is revoked */
    CCCD_APP__TYPES
} cccd_app_type;

typedef enum cccd_app_state {
    CCCD_APP_DRAFT = 0,
    CCCD_APP_SUBMITTED,
    CCCD_APP_APPROVED,
    CCCD_APP_REJECTED,
    CCCD_APP_IN_PRODUCTION,
    CCCD_APP_PRODUCED,
    CCCD_APP_DISPATCHED,
    CCCD_APP_RECEIVED,
    CCCD_APP_DELIVERED,
    CCCD_APP_RETURNED,
    CCCD_APP__STATES
} cccd_app_state;

/* "first_issue", "exchange", "reissue"; parse: the type or -1. */
const char *cccd_app_type_name(cccd_app_type t);
int cccd_app_type_parse(const char *s);

/* "draft", "submitted", ..., "returned"; parse: the state or -1. */
const char *cccd_app_state_name(cccd_app_state s);
int cccd_app_state_parse(const char *s);

/* Whether an application in state s is still open (not rejected, delivered or returned): a
 * person has at most one open application. */
bool cccd_app_state_open(cccd_app_state s);

/* Whether `to` is a step of the workflow from `from`, and the permission it needs (*perm may
 * be NULL): draft→submitted, received→delivered, received→returned (application.write);
 * submitted→approved, submitted→rejected (application.approve); approved→in_production,
 * in_production→produced, produced→dispatched (production.run); dispatched→received
 * (application.write). */
bool cccd_app_step(cccd_app_state from, cccd_app_state to, cccd_perm *perm);

/* The steps allowed from `from`, as "submitted" or "approved or rejected" ("none" at the end):
 * for error messages. Returns buf. */
char *cccd_app_next_names(cccd_app_state from, char *buf, size_t size);

/* Days before a card's expiry from which it may be exchanged (docs/enrollment.md). */
#define CCCD_APP_EXCHANGE_WINDOW_DAYS 90

/* What the type of an application is decided from: the registry record and what the citizen
 * says at the desk. */
typedef struct cccd_app_facts {
    cccd_date today;
    cccd_date dob; /* full or partial */
    bool deceased;
    cccd_card_type card_type;
    const char *card_number; /* "" none */
    cccd_date card_issued;   /* prec NONE without a card */
    cccd_date card_expiry;   /* prec NONE: none or no expiry */
    bool lost, damaged;      /* the citizen declares it */
    const char *changed;     /* data that changed ("" or NULL: none), e.g. the commune merged */
    int window_days;         /* CCCD_APP_EXCHANGE_WINDOW_DAYS, or another for tests */
} cccd_app_facts;

typedef struct cccd_app_decision {
    cccd_app_type type;
    char reason[200]; /* shown to the officer and stored: "no chip card", "lost: ..." */
    bool revoke;      /* re-issue: the old card is revoked */
} cccd_app_decision;

/* Decides the type, or refuses with CCCD_E_APP_REFUSED (field "personal_id") and the reason:
 * deceased, under 14, a valid chip card with nothing to change. Re-issue needs a chip card;
 * lost without one is a first issue. */
cccd_errc cccd_app_decide(const cccd_app_facts *f, cccd_app_decision *out, cccd_err *err);

/* The registry fields a correction may change, and whether a supervisor must approve it
 * (identity: full_name, date_of_birth, sex, personal_id). false: not correctable here. */
bool cccd_app_correctable(const char *field, bool *identity);

#endif
