/*
 * card_personalize.h: one approved application made into a card's files: the chip's EF.COM,
 * EF.DG1, EF.DG2, EF.DG13 and EF.SOD (signed through the document signer) and the printed
 * front and back, in a directory of their own (docs/production.md).
 *
 * Why this exists: the card's content must come from the registry record and the portrait the
 * desk took, never be typed again, and the chip, the faces and the MRZ must say the same
 * thing; the signing key stays in the signer process. The batch tool (`cccd batch run`) calls
 * this for each card and then records it produced (service/production.h); `cccd card
 * personalize` calls it for one.
 */
#ifndef CCCD_SERVICE_CARD_PERSONALIZE_H
#define CCCD_SERVICE_CARD_PERSONALIZE_H

#include <stdint.h>

#include "core/date.h"
#include "core/units.h"
#include "service/seal.h"
#include "service/signer_client.h"
#include "store/store.h"

/* What making cards needs (all borrowed). */
typedef struct cccd_card_maker {
    const cccd_units *units;    /* to write the place of residence with today's names */
    const cccd_seal_key *bio;   /* unseals the portrait */
    cccd_signer_client *signer; /* signs the EF.SOD */
} cccd_card_maker;

/* What a made card is recorded with. */
typedef struct cccd_card_made {
    char card_number[16];
    cccd_date issued, expiry; /* expiry precision NONE: no expiry */
    char sod_sha256[65];      /* hex of the EF.SOD written */
} cccd_card_made;

/* The files of the card of application app_id (approved or in production), produced at `now`:
 * the registry record's data, the last portrait taken (unsealed), issued the day of `now` with
 * its expiry by rule. They are written into dir (created; a directory already there, from a run
 * stopped before the card was recorded, is replaced) through a temporary directory that is
 * synced and then renamed, so dir never holds half a card. Errors: CCCD_E_APP_UNKNOWN,
 * CCCD_E_APP_STATE, CCCD_E_CITIZEN_UNKNOWN, CCCD_E_PHOTO_FORMAT (no portrait),
 * CCCD_E_SEAL_* (the wrong key), CCCD_E_CARD_FIELD (the record lacks what a card prints),
 * CCCD_E_SIGNER_* (the signer: nothing is written then), CCCD_E_IO. */
cccd_errc cccd_card_personalize(cccd_store *st, const cccd_card_maker *m, int64_t app_id,
                                int64_t now, const char *dir, cccd_card_made *out, cccd_err *err);

#endif
