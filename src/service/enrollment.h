/*
 * enrollment.h: the application for a card (hồ sơ) from the desk to the citizen's hand
 * (docs/enrollment.md).
 *
 * Why this exists: an application is opened from the registry record (never typed anew) with
 * its type decided by rule (core/application.h), corrected only through proposed changes
 * (identity fields need a supervisor), and moved through its states by the roles allowed to;
 * every step is checked, written, audited and counted in the unit's daily figures in one
 * transaction (retried on a busy database). Opening is idempotent on the desk's request id.
 * The command line and the HTTP API share these functions.
 *
 * Actors: by->role "" is the machine (the command line, audited as cli:USER) and may take any
 * step; otherwise the role must hold the step's permission (CCCD_E_FORBIDDEN). Jurisdiction
 * is the caller's (the API checks the application's unit against the account's scope).
 */
#ifndef CCCD_SERVICE_ENROLLMENT_H
#define CCCD_SERVICE_ENROLLMENT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/application.h"
#include "core/audit.h"
#include "core/units.h"
#include "store/store.h"
#include "store/store_applications.h"

/* Days after the card reached the unit from which an undelivered card may be returned. */
#define CCCD_APP_RETURN_DAYS 60

typedef struct cccd_enroll_open_req {
    const char *personal_id; /* 12 digits */
    const char *request_id;  /* the desk's idempotency key: 1..64 printable ASCII bytes */
    int64_t point_id;        /* 0: none (the application goes to the person's unit) */
    bool lost, damaged;      /* what the citizen declares */
    const char *changed;     /* other data changed, declared ("" or NULL: none) */
    int window_days;         /* 0: CCCD_APP_EXCHANGE_WINDOW_DAYS */
} cccd_enroll_open_req;

/* Opens an application in state draft, or finds the one opened with the same request id
 * (*created false; nothing written, whatever the rest of the request says, unless it names
 * another person: CCCD_E_APP_REQUEST). Refusals: CCCD_E_CITIZEN_UNKNOWN, CCCD_E_APP_REFUSED
 * (under 14, deceased, valid card with nothing to change), CCCD_E_APP_OPEN (naming the open
 * one), CCCD_E_POINT_UNKNOWN. With u, a commune of permanent residence no longer in force
 * today counts as changed data (its successor goes on the new card). A re-issue revokes the
 * old card in the registry. The person's queue entry called at the point today is linked.
 * Audited as "application.open". */
cccd_errc cccd_enroll_open(cccd_store *st, const cccd_units *u, cccd_date today, int64_t now,
                           const cccd_actor *by, const cccd_enroll_open_req *r,
                           cccd_application *out, bool *created, cccd_err *err);

typedef struct cccd_enroll_step {
    const char *reason;     /* rejected: required; others: optional note */
    bool citizen_confirmed; /* delivered: the citizen confirmed receipt (required) */
    int return_after_days;  /* returned: 0 means CCCD_APP_RETURN_DAYS */
} cccd_enroll_step;

/* Moves application id to `to`. CCCD_E_APP_UNKNOWN; CCCD_E_APP_STATE naming the current state
 * and the steps allowed from it; CCCD_E_FORBIDDEN for a role without the step's permission;
 * approval needs every correction decided and every finger exception confirmed; produced sets
 * the card number (the personal ID); delivered records the new card in the registry (issued
 * the day it was produced, expiry by the 25/40/60 rule). Audited as "application.<to>", and
 * the unit's figures of the day move. */
cccd_errc cccd_enroll_move(cccd_store *st, int64_t id, cccd_app_state to,
                           const cccd_enroll_step *opt, int64_t now, const cccd_actor *by,
                           cccd_application *out, cccd_err *err);

/* Proposes a correction of the person's registry record: field (core/application.h:
 * cccd_app_correctable), new value (checked and normalised), reason (required), evidence.
 * Only while the application is draft or submitted. An identity field waits for a
 * supervisor (state proposed); any other is applied at once (approved by the proposer).
 * Audited as "correction.propose" (and "correction.approve"). */
cccd_errc cccd_enroll_correct(cccd_store *st, int64_t app_id, const char *field, const char *value,
                              const char *reason, const char *evidence, int64_t now,
                              const cccd_actor *by, cccd_correction *out, cccd_err *err);

/* A supervisor approves (applied to the registry record in the same transaction) or rejects a
 * proposed correction. CCCD_E_CORRECTION when it is decided already or its application is past
 * approval. Audited as "correction.approve" / "correction.reject". */
cccd_errc cccd_enroll_correction_decide(cccd_store *st, int64_t correction_id, bool approve,
                                        int64_t now, const cccd_actor *by, cccd_correction *out,
                                        cccd_err *err);

/* Stores a biometric capture the caller has checked and sealed (b->application_id; the
 * application must be a draft), audited as "biometric.add"; *id the new row. */
cccd_errc cccd_enroll_bio_add(cccd_store *st, const cccd_bio *b, int64_t now, const cccd_actor *by,
                              int64_t *id, cccd_err *err);

/* A supervisor confirms a finger's exception (1..10). Audited as "biometric.confirm". */
cccd_errc cccd_enroll_bio_confirm(cccd_store *st, int64_t app_id, int finger, int64_t now,
                                  const cccd_actor *by, cccd_err *err);

/* The application with that id (CCCD_E_APP_UNKNOWN). */
cccd_errc cccd_enroll_get(cccd_store *st, int64_t id, cccd_application *out, cccd_err *err);

/* The application as JSON (new): its fields, and with `full` its events, corrections and
 * biometric captures (without bytes). NULL on failure (err filled). */
json_t *cccd_enroll_json(cccd_store *st, const cccd_application *a, bool full, cccd_err *err);

/* A correction as JSON (new). */
json_t *cccd_correction_json(const cccd_correction *c);

/* The unit's figures on a day as JSON (new): {"received": {"first_issue": 3, ...}, ...}. */
json_t *cccd_enroll_figures_json(cccd_store *st, const char *unit_key, int64_t day, cccd_err *err);

#endif
