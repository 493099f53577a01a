/*
 * enroll_capture.c: the desk's captures, checked, sealed and stored (see enroll_capture.h).
 * Every attempt is kept (sealed, with its score), so the record shows how a worn print was
 * recaptured; the checks run before anything is stored, so a refused photo or an unreadable
 * PNG changes nothing.
 */
#include "service/enroll_capture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "service/enrollment.h"
#include "service/fingerprint_png.h"
#include "store/store_applications.h"

typedef struct last_attempt {
    bool portrait;
    int finger, attempt;
} last_attempt;

static void on_bio(void *ctx, const cccd_bio *b) {
    last_attempt *l = ctx;
    if (b->portrait == l->portrait && b->finger == l->finger && b->attempt > l->attempt)
        l->attempt = b->attempt;
}

/* The next attempt number of the portrait (finger 0) or a finger. */
static cccd_errc next_attempt(cccd_store *st, int64_t app_id, int finger, int *out, cccd_err *err) {
    last_attempt l = {finger == 0, finger, 0};
    cccd_errc rc = cccd_store_bio_list(st, app_id, false, on_bio, &l, err);
    *out = l.attempt + 1;
    return rc;
}

/* Seals bytes to "application-ID/WHAT" and stores them as attempt `attempt`. */
static cccd_errc seal_and_store(cccd_store *st, const cccd_seal_key *key, int64_t app_id,
                                int finger, int attempt, int quality, const unsigned char *bytes,
                                size_t len, int64_t now, const cccd_actor *by, cccd_err *err) {
    char aad[64];
    if (finger == 0)
        snprintf(aad, sizeof aad, "application-%lld/portrait", (long long)app_id);
    else
        snprintf(aad, sizeof aad, "application-%lld/finger-%d", (long long)app_id, finger);
    unsigned char *sealed = NULL;
    size_t slen = 0;
    cccd_errc rc = cccd_seal(key, aad, bytes, len, &sealed, &slen, err);
    if (rc == CCCD_OK) {
        cccd_bio b = {.application_id = app_id,
                      .portrait = finger == 0,
                      .finger = finger,
                      .attempt = attempt,
                      .sealed = sealed,
                      .len = slen,
                      .quality = quality};
        int64_t id;
        rc = cccd_enroll_bio_add(st, &b, now, by, &id, err);
    }
    free(sealed);
    return rc;
}

cccd_errc cccd_enroll_portrait(cccd_store *st, const cccd_seal_key *key, int64_t app_id,
                               const unsigned char *jpeg, size_t len, int64_t now,
                               const cccd_actor *by, cccd_photo_result *out, int *attempt,
                               cccd_err *err) {
    cccd_errc rc = cccd_photo_check(jpeg, len, NULL, out, err);
    if (rc == CCCD_OK)
        rc = next_attempt(st, app_id, 0, attempt, err);
    if (rc == CCCD_OK)
        rc = seal_and_store(st, key, app_id, 0, *attempt, -1, jpeg, len, now, by, err);
    return rc;
}

static cccd_errc finger_arg(int finger, cccd_err *err) {
    if (finger < 1 || finger > 10)
        return cccd_err_set(err, CCCD_E_ARG, "finger",
                            "finger: 1 (right thumb) to 10 (left little finger)");
    return CCCD_OK;
}

static cccd_errc store_exception(cccd_store *st, int64_t app_id, int finger, int attempt,
                                 cccd_finger_exception code, int64_t now, const cccd_actor *by,
                                 cccd_err *err) {
    cccd_bio b = {.application_id = app_id, .finger = finger, .attempt = attempt, .quality = -1};
    snprintf(b.exception, sizeof b.exception, "%s", cccd_finger_exception_name(code));
    snprintf(b.exception_by, sizeof b.exception_by, "%s", by && by->name ? by->name : "");
    int64_t id;
    return cccd_enroll_bio_add(st, &b, now, by, &id, err);
}

cccd_errc cccd_enroll_finger(cccd_store *st, const cccd_seal_key *key, int64_t app_id, int finger,
                             const unsigned char *png, size_t len, const cccd_finger_rules *rules,
                             int64_t now, const cccd_actor *by, cccd_finger_capture *out,
                             cccd_err *err) {
    memset(out, 0, sizeof *out);
    cccd_finger_rules def = cccd_finger_rules_default();
    if (rules == NULL)
        rules = &def;
    cccd_errc rc = finger_arg(finger, err);
    if (rc == CCCD_OK)
        rc = cccd_finger_png_score(png, len, rules, &out->quality, err);
    if (rc == CCCD_OK)
        rc = next_attempt(st, app_id, finger, &out->attempt, err);
    if (rc != CCCD_OK)
        return rc;
    out->decision = cccd_finger_decide(rules, out->quality.score, out->attempt);
    rc = seal_and_store(st, key, app_id, finger, out->attempt, out->quality.score, png, len, now,
                        by, err);
    if (rc == CCCD_OK && out->decision == CCCD_FINGER_EXCEPTION)
        rc = store_exception(st, app_id, finger, out->attempt + 1, CCCD_FINGER_EXC_QUALITY, now, by,
                             err);
    return rc;
}

cccd_errc cccd_enroll_finger_exception(cccd_store *st, int64_t app_id, int finger, const char *code,
                                       int64_t now, const cccd_actor *by, int *attempt,
                                       cccd_err *err) {
    cccd_finger_exception e;
    cccd_errc rc = finger_arg(finger, err);
    if (rc == CCCD_OK)
        rc = cccd_finger_exception_parse(code, &e, err);
    if (rc == CCCD_OK)
        rc = next_attempt(st, app_id, finger, attempt, err);
    if (rc == CCCD_OK)
        rc = store_exception(st, app_id, finger, *attempt, e, now, by, err);
    return rc;
}
