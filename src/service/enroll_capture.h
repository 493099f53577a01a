/*
 * enroll_capture.h: the portrait and the ten fingerprints taken at the desk, checked, sealed
 * and stored with their application (docs/enrollment.md, docs/biometrics.md).
 *
 * Why this exists: the desk sends what the camera and the scanner produced; the officer must
 * hear at once whether to retake a photo or recapture a finger, and what is stored must be
 * encrypted with a key that is never in the database. This joins the checks (service/photo.h,
 * core/fingerprint.h), the sealing (service/seal.h) and the application's storage
 * (service/enrollment.h: audited, only while the application is a draft).
 */
#ifndef CCCD_SERVICE_ENROLL_CAPTURE_H
#define CCCD_SERVICE_ENROLL_CAPTURE_H

#include <stddef.h>
#include <stdint.h>

#include "core/audit.h"
#include "core/fingerprint.h"
#include "service/photo.h"
#include "service/seal.h"
#include "store/store.h"

/* The portrait: checked (a refused photo returns CCCD_E_PHOTO_REFUSED with what to do, and
 * nothing is stored), sealed to "application-ID/portrait" and stored as the next attempt.
 * jpeg is borrowed. *out receives the measurements; *attempt the attempt number stored. */
cccd_errc cccd_enroll_portrait(cccd_store *st, const cccd_seal_key *key, int64_t app_id,
                               const unsigned char *jpeg, size_t len, int64_t now,
                               const cccd_actor *by, cccd_photo_result *out, int *attempt,
                               cccd_err *err);

/* What became of one capture of a finger. */
typedef struct cccd_finger_capture {
    cccd_finger_quality quality;
    cccd_finger_decision decision; /* accept; recapture (attempts remain); exception: the
                                      attempts are spent, an exception "quality" is recorded for
                                      a supervisor to confirm */
    int attempt;                   /* the capture's attempt number (an exception "quality"
                                      follows it as the next) */
} cccd_finger_capture;

/* Finger 1..10 (1 right thumb ... 10 left little): the PNG is decoded and scored (a PNG that
 * is not 8-bit grayscale at 500 ppi: CCCD_E_FINGER_FORMAT, nothing stored); the capture is
 * sealed to "application-ID/finger-N" and stored with its score whatever it is (the record of
 * the attempts); when the attempts are spent below the threshold, an exception "quality"
 * follows. rules NULL: the defaults. */
cccd_errc cccd_enroll_finger(cccd_store *st, const cccd_seal_key *key, int64_t app_id, int finger,
                             const unsigned char *png, size_t len, const cccd_finger_rules *rules,
                             int64_t now, const cccd_actor *by, cccd_finger_capture *out,
                             cccd_err *err);

/* A finger that cannot be captured: an exception with its reason code ("missing", "amputated",
 * "bandaged"; cccd_finger_exception_parse), for a supervisor to confirm. */
cccd_errc cccd_enroll_finger_exception(cccd_store *st, int64_t app_id, int finger, const char *code,
                                       int64_t now, const cccd_actor *by, int *attempt,
                                       cccd_err *err);

#endif
