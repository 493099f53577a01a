/*
 * store_applications.h: applications for a card as stored (migration 0009_applications): the
 * application rows, their events, the biometric blobs the desk captured (opaque, sealed by
 * the caller), the corrections proposed to the registry record, and each unit's daily figures.
 * The rules (types, steps, who may) are core/application.h's and the service's
 * (service/enrollment.h); this file keeps and reads rows. Every function runs in the caller's
 * transaction when one is open, else on its own.
 */
#ifndef CCCD_STORE_APPLICATIONS_H
#define CCCD_STORE_APPLICATIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/application.h"
#include "store/store.h"

#define CCCD_APP_REQUEST_MAX 64 /* bytes of a request id */
#define CCCD_APP_ACTOR_LEN 72
#define CCCD_APP_TEXT_LEN 256

typedef struct cccd_application {
    int64_t id;
    char request_id[CCCD_APP_REQUEST_MAX + 1];
    char personal_id[13];
    char province[4];
    cccd_app_type type;
    char type_reason[CCCD_APP_TEXT_LEN];
    cccd_app_state state;
    char unit_key[CCCD_UNIT_KEY_LEN]; /* the receiving unit (the point's, or the person's) */
    int64_t point_id;                 /* 0: none */
    int64_t queue_entry;              /* 0: none */
    char officer[CCCD_APP_ACTOR_LEN]; /* who opened it */
    int64_t created_at, updated_at;   /* Unix seconds */
    char rejection_reason[CCCD_APP_TEXT_LEN];
    char revoked_card[13];                 /* re-issue: the lost card's number */
    char card_number[13];                  /* the new card's, once produced ("" before) */
    char progress_unit[CCCD_UNIT_KEY_LEN]; /* counted "in progress" there; "" not counted */
} cccd_application;

/* Inserts a (id ignored) in state a->state unless an application with its request id exists:
 * then *created is false and nothing is written. Fills a->id when created. A second open
 * application of the person is refused by the schema: CCCD_E_STORE_CONSTRAINT. */
cccd_errc cccd_store_app_insert(cccd_store *st, cccd_application *a, bool *created, cccd_err *err);

/* By id, by request id, or the person's open one: *found false when there is none. */
cccd_errc cccd_store_app_get(cccd_store *st, int64_t id, cccd_application *out, bool *found,
                             cccd_err *err);
cccd_errc cccd_store_app_by_request(cccd_store *st, const char *request_id, cccd_application *out,
                                    bool *found, cccd_err *err);
cccd_errc cccd_store_app_open_for(cccd_store *st, const char *personal_id, cccd_application *out,
                                  bool *found, cccd_err *err);

/* Moves the application from `from` to `to` at `at` (rejection: the reason; produced: the
 * card number; NULL leaves them). *changed false when it was not in `from` (nothing written). */
cccd_errc cccd_store_app_move(cccd_store *st, int64_t id, cccd_app_state from, cccd_app_state to,
                              int64_t at, const char *rejection_reason, const char *card_number,
                              bool *changed, cccd_err *err);

/* One transition, as recorded. from -1: the opening. */
typedef struct cccd_app_event {
    int64_t id, application_id;
    int from; /* cccd_app_state or -1 */
    cccd_app_state to;
    char actor[CCCD_APP_ACTOR_LEN];
    int64_t at;
    char reason[CCCD_APP_TEXT_LEN];
} cccd_app_event;

cccd_errc cccd_store_app_event_add(cccd_store *st, const cccd_app_event *e, cccd_err *err);

typedef void (*cccd_app_event_cb)(void *ctx, const cccd_app_event *e);
/* The events of an application, oldest first. */
cccd_errc cccd_store_app_events(cccd_store *st, int64_t application_id, cccd_app_event_cb cb,
                                void *ctx, cccd_err *err);

/* The latest time the application entered `state` (0 when never). */
cccd_errc cccd_store_app_entered(cccd_store *st, int64_t application_id, cccd_app_state state,
                                 int64_t *at, cccd_err *err);

typedef void (*cccd_app_cb)(void *ctx, const cccd_application *a);
/* The applications of unit version unit_key in `state`, by id after after_id, at most limit. */
cccd_errc cccd_store_app_list(cccd_store *st, const char *unit_key, cccd_app_state state,
                              int64_t after_id, int limit, cccd_app_cb cb, void *ctx,
                              cccd_err *err);

/* Coverage "in progress" (inside the caller's transaction): on (submission) counts the
 * application under its person's registered unit when the person still needs a card on the
 * counters' reference day (alive, 14, no valid chip card); off (delivered, rejected, returned)
 * takes it out of the unit it was counted in. Updates a->progress_unit. */
cccd_errc cccd_store_app_progress(cccd_store *st, cccd_application *a, bool on, cccd_err *err);

/* ---- daily figures ---- */

/* Adds delta to the figure (unit_key, day, measure, key). */
cccd_errc cccd_store_app_figure_add(cccd_store *st, const char *unit_key, int64_t day,
                                    const char *measure, const char *key, int64_t delta,
                                    cccd_err *err);

typedef void (*cccd_app_figure_cb)(void *ctx, const char *measure, const char *key, int64_t n);
/* The figures of a unit version on a day, by measure and key. */
cccd_errc cccd_store_app_figures(cccd_store *st, const char *unit_key, int64_t day,
                                 cccd_app_figure_cb cb, void *ctx, cccd_err *err);

/* ---- biometric blobs ---- */

typedef struct cccd_bio {
    int64_t id, application_id;
    bool portrait;               /* kind 'portrait' (finger 0), else 'finger' */
    int finger;                  /* 1..10 for a finger, 0 for the portrait */
    int attempt;                 /* 1, 2, ... */
    const unsigned char *sealed; /* the caller's (checked, sealed) bytes; NULL: an exception */
    size_t len;
    int quality;        /* 0..100; -1: none */
    char exception[32]; /* a reason code ("" none): missing, bandaged, amputated, ... */
    char exception_by[CCCD_APP_ACTOR_LEN];
    char confirmed_by[CCCD_APP_ACTOR_LEN]; /* the supervisor who confirmed it ("" not yet) */
    int64_t created_at;
} cccd_bio;

/* Stores b (id ignored; *id receives the new one). A second row for the same application,
 * kind, finger and attempt: CCCD_E_STORE_CONSTRAINT. */
cccd_errc cccd_store_bio_add(cccd_store *st, const cccd_bio *b, int64_t *id, cccd_err *err);

/* Each blob of the application by kind, finger, attempt; with_bytes false reads no bytes. In
 * cb, b->sealed is borrowed for the call. */
typedef void (*cccd_bio_cb)(void *ctx, const cccd_bio *b);
cccd_errc cccd_store_bio_list(cccd_store *st, int64_t application_id, bool with_bytes,
                              cccd_bio_cb cb, void *ctx, cccd_err *err);

/* A supervisor confirms the exception of the finger's last attempt: *changed false when there
 * is no unconfirmed exception. */
cccd_errc cccd_store_bio_confirm(cccd_store *st, int64_t application_id, int finger, const char *by,
                                 bool *changed, cccd_err *err);

/* ---- corrections ---- */

typedef enum cccd_corr_state {
    CCCD_CORR_PROPOSED = 0,
    CCCD_CORR_APPROVED,
    CCCD_CORR_REJECTED,
} cccd_corr_state;

const char *cccd_corr_state_name(cccd_corr_state s);

typedef struct cccd_correction {
    int64_t id, application_id;
    char field[32];
    char old_value[CCCD_APP_TEXT_LEN], new_value[CCCD_APP_TEXT_LEN];
    char reason[CCCD_APP_TEXT_LEN], evidence[CCCD_APP_TEXT_LEN];
    cccd_corr_state state;
    char proposed_by[CCCD_APP_ACTOR_LEN];
    int64_t proposed_at;
    char decided_by[CCCD_APP_ACTOR_LEN];
    int64_t decided_at; /* 0: not yet */
} cccd_correction;

cccd_errc cccd_store_correction_add(cccd_store *st, cccd_correction *c, cccd_err *err);
cccd_errc cccd_store_correction_get(cccd_store *st, int64_t id, cccd_correction *out, bool *found,
                                    cccd_err *err);
typedef void (*cccd_correction_cb)(void *ctx, const cccd_correction *c);
cccd_errc cccd_store_corrections(cccd_store *st, int64_t application_id, cccd_correction_cb cb,
                                 void *ctx, cccd_err *err);
/* Decides a proposed correction: *changed false when it is no longer proposed. */
cccd_errc cccd_store_correction_decide(cccd_store *st, int64_t id, cccd_corr_state to,
                                       const char *by, int64_t at, bool *changed, cccd_err *err);

/* ---- the registry record (inside the caller's transaction) ---- */

/* Sets one correctable field of a citizen (core/application.h: cccd_app_correctable) to
 * value; name_key with full_name, eligible_from with date_of_birth, the new ID (12 digits)
 * with personal_id (the person's applications follow). The coverage counters move when the
 * person's status on their reference day changes; the content hash is cleared (a re-import
 * of an extract writes the extract's values again). */
cccd_errc cccd_store_citizen_amend(cccd_store *st, const char *personal_id, const char *field,
                                   const char *value, const char *name_key, int64_t eligible_from,
                                   cccd_err *err);

/* Revokes the citizen's card from `day` (it was valid until the day before), moving the
 * counters; *revoked false when the person has no card. */
cccd_errc cccd_store_citizen_revoke_card(cccd_store *st, const char *personal_id, int64_t day,
                                         bool *revoked, cccd_err *err);

/* Records a new chip card (number, issued on day `issued`, valid until `expiry`, INT64_MAX:
 * no expiry), moving the counters. */
cccd_errc cccd_store_citizen_new_card(cccd_store *st, const char *personal_id, const char *number,
                                      int64_t issued, int64_t expiry, cccd_err *err);

#endif
