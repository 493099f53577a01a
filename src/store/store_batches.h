/*
 * store_batches.h: the card centre's production batches, their cards and the manifests the
 * cards travel with, in the database (migration 0010). Rows only: the rules (what may be
 * batched, when a card counts as produced, who confirms a manifest) are in
 * service/production.h, which runs these inside its transactions.
 */
#ifndef CCCD_STORE_STORE_BATCHES_H
#define CCCD_STORE_STORE_BATCHES_H

#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"
#include "store/store_applications.h"

typedef struct cccd_batch {
    int64_t id;
    char unit_key[CCCD_UNIT_KEY_LEN]; /* the unit whose subtree it takes, as of its creation */
    char unit_code[16];
    bool dispatched;
    int64_t created_at;
    char created_by[CCCD_APP_ACTOR_LEN];
    int64_t cards, produced; /* counted on reading */
} cccd_batch;

typedef struct cccd_batch_card {
    int64_t application_id, batch_id;
    char card_number[16];
    int64_t issued;      /* days; 0 until produced */
    int64_t expiry;      /* days; INT64_MAX: no expiry; 0 until produced */
    int64_t produced_at; /* Unix seconds; 0: not yet */
    char sod_sha256[65]; /* hex of the EF.SOD written ("" until produced) */
    int64_t manifest_id; /* 0: not dispatched */
    char personal_id[13], unit_key[CCCD_UNIT_KEY_LEN]; /* of the application (read only) */
} cccd_batch_card;

typedef struct cccd_manifest {
    int64_t id, batch_id;
    char unit_key[CCCD_UNIT_KEY_LEN]; /* the receiving unit */
    int64_t cards, created_at;
    int64_t received_at; /* 0: not yet */
    char received_by[CCCD_APP_ACTOR_LEN];
} cccd_manifest;

/* Inserts b (its id is filled; dispatched false, counts ignored). */
cccd_errc cccd_store_batch_add(cccd_store *st, cccd_batch *b, cccd_err *err);

/* The batch with its card counts; *found false when there is none. */
cccd_errc cccd_store_batch_get(cccd_store *st, int64_t id, cccd_batch *out, bool *found,
                               cccd_err *err);

cccd_errc cccd_store_batch_dispatched(cccd_store *st, int64_t id, cccd_err *err);

/* Adds the card of an application to a batch (an application is in one batch at most:
 * CCCD_E_STORE_CONSTRAINT otherwise). */
cccd_errc cccd_store_batch_card_add(cccd_store *st, int64_t batch_id, int64_t application_id,
                                    const char *card_number, cccd_err *err);

typedef bool (*cccd_batch_card_cb)(void *ctx, const cccd_batch_card *c);
/* The cards of a batch by application id after after_app (all, or only those not produced
 * yet), at most limit; cb returns false to stop. */
cccd_errc cccd_store_batch_cards(cccd_store *st, int64_t batch_id, bool pending_only,
                                 int64_t after_app, int limit, cccd_batch_card_cb cb, void *ctx,
                                 cccd_err *err);

cccd_errc cccd_store_batch_card_get(cccd_store *st, int64_t application_id, cccd_batch_card *out,
                                    bool *found, cccd_err *err);

/* Marks the card produced at `at` with its dates and SOD hash, unless it already is (*changed
 * false then, nothing written). */
cccd_errc cccd_store_batch_card_produced(cccd_store *st, int64_t application_id, int64_t issued,
                                         int64_t expiry, int64_t at, const char *sod_sha256,
                                         bool *changed, cccd_err *err);

/* Inserts m (id filled) and puts into it every card of its batch whose application belongs to
 * m->unit_key (m->cards is set to how many). */
cccd_errc cccd_store_manifest_add(cccd_store *st, cccd_manifest *m, cccd_err *err);

cccd_errc cccd_store_manifest_get(cccd_store *st, int64_t id, cccd_manifest *out, bool *found,
                                  cccd_err *err);

/* Marks it received unless it already is (*changed false). */
cccd_errc cccd_store_manifest_received(cccd_store *st, int64_t id, int64_t at, const char *by,
                                       bool *changed, cccd_err *err);

typedef void (*cccd_manifest_cb)(void *ctx, const cccd_manifest *m);
/* The manifests of a batch, by id. */
cccd_errc cccd_store_batch_manifests(cccd_store *st, int64_t batch_id, cccd_manifest_cb cb,
                                     void *ctx, cccd_err *err);

/* The manifests sent to unit version unit_key, newest first, with id below before_id (0: from
 * the newest), at most limit. */
cccd_errc cccd_store_unit_manifests(cccd_store *st, const char *unit_key, int64_t before_id,
                                    int limit, cccd_manifest_cb cb, void *ctx, cccd_err *err);

/* The receiving units of a batch's cards (distinct application unit keys), in order. */
typedef void (*cccd_unit_key_cb)(void *ctx, const char *unit_key);
cccd_errc cccd_store_batch_units(cccd_store *st, int64_t batch_id, cccd_unit_key_cb cb, void *ctx,
                                 cccd_err *err);

/* The cards of a manifest, by application id. */
cccd_errc cccd_store_manifest_cards(cccd_store *st, int64_t manifest_id, cccd_batch_card_cb cb,
                                    void *ctx, cccd_err *err);

#endif
