/*
 * production.h: the card centre's side of an application (docs/production.md): approved
 * applications taken into a batch, each card marked produced once its files exist (exactly
 * once, so an interrupted batch resumes without making a card twice or skipping one), the
 * produced cards sent in one manifest per receiving unit, and the unit confirming receipt.
 *
 * Why this exists: the steps approved → in production → produced → dispatched → received
 * concern many applications at once, and each batch operation must move all of them or none.
 * Every function runs in one transaction (joining the caller's if one is open), moves the
 * applications through service/enrollment.h (so each step is checked, audited and counted as
 * at the desk) and appends its own audit entry. Making the card's files is
 * service/card_personalize.h's; this file only records that it happened.
 *
 * Actors as in enrollment.h: role "" is the machine (the batch tool); otherwise batches need
 * production.run and receipt application.write. Jurisdiction is the caller's.
 */
#ifndef CCCD_SERVICE_PRODUCTION_H
#define CCCD_SERVICE_PRODUCTION_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/audit.h"
#include "core/date.h"
#include "core/units.h"
#include "store/store.h"
#include "store/store_batches.h"

/* Takes the approved applications of the communes unit `code` serves on `today` (at most
 * limit; 0: all), oldest first, into a new batch: each moves to in_production and gets its card
 * row (number: the personal ID). *out receives the batch. CCCD_E_UNIT_UNKNOWN;
 * CCCD_E_BATCH_STATE when no approved application waits there. Audited "batch.create". */
cccd_errc cccd_batch_create(cccd_store *st, const cccd_units *u, const char *code, cccd_date today,
                            int64_t now, const cccd_actor *by, int limit, cccd_batch *out,
                            cccd_err *err);

/* The dates a card produced at `now` carries for a person born on dob: issued that day
 * (Vietnam's calendar), expiry by the 25/40/60 rule (*expiry precision NONE: no expiry). */
cccd_errc cccd_card_dates(cccd_date dob, int64_t now, cccd_date *issued, cccd_date *expiry,
                          cccd_err *err);

/* Records that the card of application app_id was made at `now` with these dates and the
 * SHA-256 (hex) of its EF.SOD, and moves the application to produced. *changed false (nothing
 * written) when it was recorded before: a resumed batch never produces a card twice.
 * CCCD_E_BATCH_UNKNOWN when the application is in no batch. */
cccd_errc cccd_batch_card_done(cccd_store *st, int64_t app_id, cccd_date issued, cccd_date expiry,
                               const char *sod_sha256, int64_t now, const cccd_actor *by,
                               bool *changed, cccd_err *err);

/* Sends a batch whose cards are all produced: one manifest per receiving unit (the unit of
 * each application), every application to dispatched. cb (may be NULL) gets each manifest.
 * CCCD_E_BATCH_UNKNOWN; CCCD_E_BATCH_STATE when cards are still to be produced or the batch
 * left already. Audited "batch.dispatch". */
cccd_errc cccd_batch_dispatch(cccd_store *st, int64_t batch_id, int64_t now, const cccd_actor *by,
                              cccd_manifest_cb cb, void *ctx, cccd_err *err);

/* The receiving unit confirms a manifest: each of its applications moves to received (the card
 * is at the unit, ready to hand over). CCCD_E_MANIFEST_UNKNOWN; CCCD_E_BATCH_STATE when it was
 * received already. *out (may be NULL) receives the manifest. Audited "manifest.receive". */
cccd_errc cccd_manifest_receive(cccd_store *st, int64_t manifest_id, int64_t now,
                                const cccd_actor *by, cccd_manifest *out, cccd_err *err);

/* A batch and a manifest as JSON objects (new references; production_json.c): what the API
 * answers and `--json` prints. */
json_t *cccd_batch_json(const cccd_batch *b);
json_t *cccd_manifest_json(const cccd_manifest *m);

#endif
