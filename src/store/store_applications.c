/*
 * store_applications.c: applications, their events, biometric blobs, corrections and daily
 * figures in the database (see store_applications.h); the only SQL of enrollment.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_applications.h"
#include "store/store_internal.h"

enum {
    SLOT_INSERT = STORE_APPLICATIONS_SLOT0,
    SLOT_GET,
    SLOT_BY_REQUEST,
    SLOT_OPEN_FOR,
    SLOT_MOVE,
    SLOT_EVENT_ADD,
    SLOT_EVENTS,
    SLOT_PROGRESS,
    SLOT_LIST,
    SLOT_FIGURE_ADD,
    SLOT_FIGURES,
    SLOT_BIO_ADD,
    SLOT_BIO_LIST,
    SLOT_BIO_LIST_BYTES,
    SLOT_BIO_CONFIRM,
    SLOT_CORR_ADD,
    SLOT_CORR_GET,
    SLOT_CORRS,
    SLOT_CORR_DECIDE,
    SLOT_CITIZEN_FACTS,
    SLOT_CITIZEN_AMEND,
    SLOT_CITIZEN_AMEND_APPS,
    SLOT_CITIZEN_REVOKE,
    SLOT_CITIZEN_CARD,
    SLOT__END
};
_Static_assert((int)SLOT__END <= (int)STORE_BATCHES_SLOT0,
               "store_applications.c: its statements overflow into store_batches.c's slots");

static void copy_col(cccd_store *st, store_stmt *s, int col, char *buf, size_t size) {
    const char *v = st->drv->col_null(s, col) ? NULL : st->drv->col_text(s, col);
    snprintf(buf, size, "%s", v ? v : "");
}

static int64_t int_col(cccd_store *st, store_stmt *s, int col) {
    return st->drv->col_null(s, col) ? 0 : st->drv->col_int64(s, col);
}

/* ---- applications ---- */

#define APP_COLS                                                                                   \
    "id, request_id, personal_id, province, type, type_reason, state, unit_key, point_id,"         \
    " queue_entry, officer, created_at, updated_at, rejection_reason, revoked_card, card_number,"  \
    " progress_unit"

static void read_app(cccd_store *st, store_stmt *s, cccd_application *a) {
    memset(a, 0, sizeof *a);
    a->id = st->drv->col_int64(s, 0);
    copy_col(st, s, 1, a->request_id, sizeof a->request_id);
    snprintf(a->personal_id, sizeof a->personal_id, "%012lld", (long long)st->drv->col_int64(s, 2));
    copy_col(st, s, 3, a->province, sizeof a->province);
    int t = cccd_app_type_parse(st->drv->col_text(s, 4));
    a->type = t < 0 ? CCCD_APP_FIRST_ISSUE : (cccd_app_type)t;
    copy_col(st, s, 5, a->type_reason, sizeof a->type_reason);
    int state = cccd_app_state_parse(st->drv->col_text(s, 6));
    a->state = state < 0 ? CCCD_APP_DRAFT : (cccd_app_state)state;
    copy_col(st, s, 7, a->unit_key, sizeof a->unit_key);
    a->point_id = int_col(st, s, 8);
    a->queue_entry = int_col(st, s, 9);
    copy_col(st, s, 10, a->officer, sizeof a->officer);
    a->created_at = int_col(st, s, 11);
    a->updated_at = int_col(st, s, 12);
    copy_col(st, s, 13, a->rejection_reason, sizeof a->rejection_reason);
    copy_col(st, s, 14, a->revoked_card, sizeof a->revoked_card);
    copy_col(st, s, 15, a->card_number, sizeof a->card_number);
    copy_col(st, s, 16, a->progress_unit, sizeof a->progress_unit);
}

/* Runs s (bound) and reads at most one application. */
static cccd_errc one_app(cccd_store *st, store_stmt *s, cccd_application *out, bool *found,
                         cccd_err *err) {
    bool row = false;
    cccd_errc rc = st->drv->step(s, &row, err);
    if (rc == CCCD_OK && row)
        read_app(st, s, out);
    *found = rc == CCCD_OK && row;
    st->drv->reset(s);
    return rc;
}

cccd_errc cccd_store_app_insert(cccd_store *st, cccd_application *a, bool *created, cccd_err *err) {
    store_stmt *s = NULL;
    bool row = false;
    *created = false;
    cccd_errc rc = store_stmt_get(
        st, SLOT_INSERT,
        "INSERT INTO applications (request_id, personal_id, province, type, type_reason, state,"
        " unit_key, point_id, queue_entry, officer, created_at, updated_at, revoked_card)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12)"
        " ON CONFLICT (request_id) DO NOTHING RETURNING id",
        &s, err);
    if (rc == CCCD_OK &&
        (rc = store_bindf(st, s, err, "titttttzztit", a->request_id,
                          (int64_t)strtoll(a->personal_id, NULL, 10), a->province,
                          cccd_app_type_name(a->type), a->type_reason,
                          cccd_app_state_name(a->state), a->unit_key, a->point_id, a->queue_entry,
                          a->officer, a->created_at, a->revoked_card)) == CCCD_OK &&
        (rc = st->drv->step(s, &row, err)) == CCCD_OK && row) {
        a->id = st->drv->col_int64(s, 0);
        a->updated_at = a->created_at;
        *created = true;
    }
    st->drv->reset(s);
    return rc;
}

cccd_errc cccd_store_app_get(cccd_store *st, int64_t id, cccd_application *out, bool *found,
                             cccd_err *err) {
    store_stmt *s = NULL;
    *found = false;
    cccd_errc rc = store_stmt_get(st, SLOT_GET,
                                  "SELECT " APP_COLS " FROM applications WHERE id = $1", &s, err);
    if (rc == CCCD_OK && (rc = store_bindf(st, s, err, "i", id)) == CCCD_OK)
        return one_app(st, s, out, found, err);
    st->drv->reset(s);
    return rc;
}

cccd_errc cccd_store_app_by_request(cccd_store *st, const char *request_id, cccd_application *out,
                                    bool *found, cccd_err *err) {
    store_stmt *s = NULL;
    *found = false;
    cccd_errc rc =
        store_stmt_get(st, SLOT_BY_REQUEST,
                       "SELECT " APP_COLS " FROM applications WHERE request_id = $1", &s, err);
    if (rc == CCCD_OK && (rc = store_bindf(st, s, err, "t", request_id)) == CCCD_OK)
        return one_app(st, s, out, found, err);
    st->drv->reset(s);
    return rc;
}

cccd_errc cccd_store_app_open_for(cccd_store *st, const char *personal_id, cccd_application *out,
                                  bool *found, cccd_err *err) {
    store_stmt *s = NULL;
    *found = false;
    cccd_errc rc = store_stmt_get(st, SLOT_OPEN_FOR,
                                  "SELECT " APP_COLS " FROM applications WHERE personal_id = $1"
                                  " AND state NOT IN ('rejected', 'delivered', 'returned')",
                                  &s, err);
    if (rc == CCCD_OK &&
        (rc = store_bindf(st, s, err, "i", (int64_t)strtoll(personal_id, NULL, 10))) == CCCD_OK)
        return one_app(st, s, out, found, err);
    st->drv->reset(s);
    return rc;
}

cccd_errc cccd_store_app_move(cccd_store *st, int64_t id, cccd_app_state from, cccd_app_state to,
                              int64_t at, const char *rejection_reason, const char *card_number,
                              bool *changed, cccd_err *err) {
    store_stmt *s = NULL;
    bool row = false;
    *changed = false;
    cccd_errc rc =
        store_stmt_get(st, SLOT_MOVE,
                       "UPDATE applications SET state = $3, updated_at = $4,"
                       " rejection_reason = COALESCE($5, rejection_reason),"
                       " card_number = COALESCE($6, card_number) WHERE id = $1 AND state = $2",
                       &s, err);
    if (rc == CCCD_OK &&
        (rc = store_bindf(st, s, err, "ittitt", id, cccd_app_state_name(from),
                          cccd_app_state_name(to), at, rejection_reason, card_number)) == CCCD_OK &&
        (rc = st->drv->step(s, &row, err)) == CCCD_OK)
        *changed = st->drv->changes(s) > 0;
    st->drv->reset(s);
    return rc;
}

cccd_errc cccd_store_app_event_add(cccd_store *st, const cccd_app_event *e, cccd_err *err) {
    store_stmt *s = NULL;
    bool row = false;
    cccd_errc rc = store_stmt_get(st, SLOT_EVENT_ADD,
                                  "INSERT INTO application_events (application_id, from_state,"
                                  " to_state, actor, at, reason) VALUES ($1, $2, $3, $4, $5, $6)",
                                  &s, err);
    if (rc == CCCD_OK &&
        (rc = store_bindf(st, s, err, "itttit", e->application_id,
                          e->from < 0 ? NULL : cccd_app_state_name((cccd_app_state)e->from),
                          cccd_app_state_name(e->to), e->actor, e->at, e->reason)) == CCCD_OK)
        rc = st->drv->step(s, &row, err);
    st->drv->reset(s);
    return rc;
}

cccd_errc cccd_store_app_events(cccd_store *st, int64_t application_id, cccd_app_event_cb cb,
                                void *ctx, cccd_err *err) {
    store_stmt *s = NULL;
    bool row = false;
    cccd_errc rc = store_stmt_get(st, SLOT_EVENTS,
                                  "SELECT id, application_id, from_state, to_state, actor, at,"
                                  " reason FROM application_events WHERE application_id = $1"
                                  " ORDER BY id",
                                  &s, err);
    if (rc == CCCD_OK)
        rc = store_bindf(st, s, err, "i", application_id);
    while (rc == CCCD_OK && (rc = st->drv->step(s, &row, err)) == CCCD_OK && row) {
        cccd_app_event e;
        memset(&e, 0, sizeof e);
        e.id = st->drv->col_int64(s, 0);
        e.application_id = st->drv->col_int64(s, 1);
        e.from = st->drv->col_null(s, 2) ? -1 : cccd_app_state_parse(st->drv->col_text(s, 2));
        int to = cccd_app_state_parse(st->drv->col_text(s, 3));
        e.to = to < 0 ? CCCD_APP_DRAFT : (cccd_app_state)to;
        copy_col(st, s, 4, e.actor, sizeof e.actor);
        e.at = st->drv->col_int64(s, 5);
        copy_col(st, s, 6, e.reason, sizeof e.reason);
        cb(ctx, &e);
    }
    st->drv->reset(s);
    return rc;
}

typedef struct entered_ctx {
    cccd_app_state state;
    int64_t at;
} entered_ctx;

static void on_entered(void *ctx, const cccd_app_event *e) {
    entered_ctx *c = ctx;
    if (e->to == c->state && e->at > c->at)
        c->at = e->at;
}

cccd_errc cccd_store_app_entered(cccd_store *st, int64_t application_id, cccd_app_state state,
                                 int64_t *at, cccd_err *err) {
    entered_ctx c = {state, 0};
    cccd_errc rc = cccd_store_app_events(st, application_id, on_entered, &c, err);
    *at = c.at;
    return rc;
}

cccd_errc cccd_store_app_list(cccd_store *st, const char *unit_key, cccd_app_state state,
                              int64_t after_id, int limit, cccd_app_cb cb, void *ctx,
                              cccd_err *err) {
    store_stmt *s = NULL;
    bool row = false;
    cccd_errc rc = store_stmt_get(st, SLOT_LIST,
                                  "SELECT " APP_COLS " FROM applications WHERE unit_key = $1"
                                  " AND state = $2 AND id > $3 ORDER BY id LIMIT $4",
                                  &s, err);
    if (rc == CCCD_OK)
        rc = store_bindf(st, s, err, "ttii", unit_key, cccd_app_state_name(state), after_id,
                         (int64_t)limit);
    while (rc == CCCD_OK && (rc = st->drv->step(s, &row, err)) == CCCD_OK && row) {
        cccd_application a;
        read_app(st, s, &a);
        cb(ctx, &a);
    }
    st->drv->reset(s);
    return rc;
}

/* ---- figures ---- */

cccd_errc cccd_store_app_figure_add(cccd_store *st, const char *unit_key, int64_t day,
                                    const char *measure, const char *key, int64_t delta,
                                    cccd_err *err) {
    store_stmt *s = NULL;
    bool row = false;
    cccd_errc rc = store_stmt_get(
        st, SLOT_FIGURE_ADD,
        "INSERT INTO application_figures (unit_key, day, measure, key, n) VALUES ($1, $2, $3, $4,"
        " $5) ON CONFLICT (unit_key, day, measure, key) DO UPDATE SET n = application_figures.n"
        " + excluded.n",
        &s, err);
    if (rc == CCCD_OK &&
        (rc = store_bindf(st, s, err, "titti", unit_key, day, measure, key, delta)) == CCCD_OK)
        rc = st->drv->step(s, &row, err);
    st->drv->reset(s);
    /* and its province's sum, for the country's roll-up */
    if (rc == CCCD_OK)
        rc = store_figure_province_add(st, unit_key, day, measure, key, delta, err);
    return rc;
}

cccd_errc cccd_store_app_figures(cccd_store *st, const char *unit_key, int64_t day,
                                 cccd_app_figure_cb cb, void *ctx, cccd_err *err) {
    store_stmt *s = NULL;
    bool row = false;
    cccd_errc rc = store_stmt_get(st, SLOT_FIGURES,
                                  "SELECT measure, key, n FROM application_figures"
                                  " WHERE unit_key = $1 AND day = $2 ORDER BY measure, key",
                                  &s, err);
    if (rc == CCCD_OK)
        rc = store_bindf(st, s, err, "ti", unit_key, day);
    while (rc == CCCD_OK && (rc = st->drv->step(s, &row, err)) == CCCD_OK && row)
        cb(ctx, st->drv->col_text(s, 0), st->drv->col_text(s, 1), st->drv->col_int64(s, 2));
    st->drv->reset(s);
    return rc;
}

/* ---- biometrics ---- */

cccd_errc cccd_store_bio_add(cccd_store *st, const cccd_bio *b, int64_t *id, cccd_err *err) {
    store_stmt *s = NULL;
    bool row = false;
    cccd_errc rc = store_stmt_get(
        st, SLOT_BIO_ADD,
        "INSERT INTO biometrics (application_id, kind, finger, attempt, sealed, quality,"
        " exception, exception_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
        " RETURNING id",
        &s, err);
    if (rc == CCCD_OK &&
        (rc =
             store_bindf(st, s, err, "itii", b->application_id, b->portrait ? "portrait" : "finger",
                         (int64_t)(b->portrait ? 0 : b->finger), (int64_t)b->attempt)) == CCCD_OK)
        rc = b->sealed ? st->drv->bind_blob(s, 5, b->sealed, b->len, err)
                       : st->drv->bind_null(s, 5, err);
    if (rc == CCCD_OK)
        rc = b->quality >= 0 ? st->drv->bind_int64(s, 6, b->quality, err)
                             : st->drv->bind_null(s, 6, err);
    if (rc == CCCD_OK && (rc = st->drv->bind_text(s, 7, b->exception, err)) == CCCD_OK &&
        (rc = st->drv->bind_text(s, 8, b->exception_by, err)) == CCCD_OK &&
        (rc = st->drv->bind_int64(s, 9, b->created_at, err)) == CCCD_OK &&
        (rc = st->drv->step(s, &row, err)) == CCCD_OK && row && id)
        *id = st->drv->col_int64(s, 0);
    st->drv->reset(s);
    return rc;
}

cccd_errc cccd_store_bio_list(cccd_store *st, int64_t application_id, bool with_bytes,
                              cccd_bio_cb cb, void *ctx, cccd_err *err) {
    store_stmt *s = NULL;
    bool row = false;
    cccd_errc rc =
        with_bytes
            ? store_stmt_get(st, SLOT_BIO_LIST_BYTES,
                             "SELECT id, kind, finger, attempt, quality, exception, exception_by,"
                             " confirmed_by, created_at, sealed FROM biometrics"
                             " WHERE application_id = $1 ORDER BY kind DESC, finger, attempt",
                             &s, err)
            : store_stmt_get(st, SLOT_BIO_LIST,
                             "SELECT id, kind, finger, attempt, quality, exception, exception_by,"
                             " confirmed_by, created_at, LENGTH(sealed) FROM biometrics"
                             " WHERE application_id = $1 ORDER BY kind DESC, finger, attempt",
                             &s, err);
    if (rc == CCCD_OK)
        rc = store_bindf(st, s, err, "i", application_id);
    while (rc == CCCD_OK && (rc = st->drv->step(s, &row, err)) == CCCD_OK && row) {
        cccd_bio b;
        memset(&b, 0, sizeof b);
        b.id = st->drv->col_int64(s, 0);
        b.application_id = application_id;
        b.portrait = strcmp(st->drv->col_text(s, 1), "portrait") == 0;
        b.finger = (int)st->drv->col_int64(s, 2);
        b.attempt = (int)st->drv->col_int64(s, 3);
        b.quality = st->drv->col_null(s, 4) ? -1 : (int)st->drv->col_int64(s, 4);
        copy_col(st, s, 5, b.exception, sizeof b.exception);
        copy_col(st, s, 6, b.exception_by, sizeof b.exception_by);
        copy_col(st, s, 7, b.confirmed_by, sizeof b.confirmed_by);
        b.created_at = st->drv->col_int64(s, 8);
        unsigned char *bytes = NULL;
        if (with_bytes) {
            rc = st->drv->col_blob(s, 9, &bytes, &b.len, err);
            b.sealed = bytes;
        } else {
            b.len = (size_t)int_col(st, s, 9);
        }
        if (rc == CCCD_OK)
            cb(ctx, &b);
        free(bytes);
    }
    st->drv->reset(s);
    return rc;
}

cccd_errc cccd_store_bio_confirm(cccd_store *st, int64_t application_id, int finger, const char *by,
                                 bool *changed, cccd_err *err) {
    store_stmt *s = NULL;
    bool row = false;
    *changed = false;
    cccd_errc rc = store_stmt_get(
        st, SLOT_BIO_CONFIRM,
        "UPDATE biometrics SET confirmed_by = $3 WHERE application_id = $1 AND kind = 'finger'"
        " AND finger = $2 AND exception <> '' AND confirmed_by = '' AND attempt = (SELECT"
        " MAX(attempt) FROM biometrics WHERE application_id = $1 AND kind = 'finger' AND"
        " finger = $2)",
        &s, err);
    if (rc == CCCD_OK &&
        (rc = store_bindf(st, s, err, "iit", application_id, (int64_t)finger, by)) == CCCD_OK &&
        (rc = st->drv->step(s, &row, err)) == CCCD_OK)
        *changed = st->drv->changes(s) > 0;
    st->drv->reset(s);
    return rc;
}

/* ---- corrections ---- */

static const char *const corr_names[] = {"proposed", "approved", "rejected"};

const char *cccd_corr_state_name(cccd_corr_state s) {
    return (unsigned)s < 3 ? corr_names[s] : "?";
}

#define CORR_COLS                                                                                  \
    "id, application_id, field, old_value, new_value, reason, evidence, state, proposed_by,"       \
    " proposed_at, decided_by, decided_at"

static void read_corr(cccd_store *st, store_stmt *s, cccd_correction *c) {
    memset(c, 0, sizeof *c);
    c->id = st->drv->col_int64(s, 0);
    c->application_id = st->drv->col_int64(s, 1);
    copy_col(st, s, 2, c->field, sizeof c->field);
    copy_col(st, s, 3, c->old_value, sizeof c->old_value);
    copy_col(st, s, 4, c->new_value, sizeof c->new_value);
    copy_col(st, s, 5, c->reason, sizeof c->reason);
    copy_col(st, s, 6, c->evidence, sizeof c->evidence);
    const char *state = st->drv->col_text(s, 7);
    c->state = strcmp(state, "approved") == 0   ? CCCD_CORR_APPROVED
               : strcmp(state, "rejected") == 0 ? CCCD_CORR_REJECTED
                                                : CCCD_CORR_PROPOSED;
    copy_col(st, s, 8, c->proposed_by, sizeof c->proposed_by);
    c->proposed_at = st->drv->col_int64(s, 9);
    copy_col(st, s, 10, c->decided_by, sizeof c->decided_by);
    c->decided_at = int_col(st, s, 11);
}

cccd_errc cccd_store_correction_add(cccd_store *st, cccd_correction *c, cccd_err *err) {
    store_stmt *s = NULL;
    bool row = false;
    cccd_errc rc = store_stmt_get(
        st, SLOT_CORR_ADD,
        "INSERT INTO corrections (application_id, field, old_value, new_value, reason, evidence,"
        " state, proposed_by, proposed_at) VALUES ($1, $2, $3, $4, $5, $6, 'proposed', $7, $8)"
        " RETURNING id",
        &s, err);
    if (rc == CCCD_OK &&
        (rc = store_bindf(st, s, err, "itttttti", c->application_id, c->field, c->old_value,
                          c->new_value, c->reason, c->evidence, c->proposed_by, c->proposed_at)) ==
            CCCD_OK &&
        (rc = st->drv->step(s, &row, err)) == CCCD_OK && row)
        c->id = st->drv->col_int64(s, 0);
    c->state = CCCD_CORR_PROPOSED;
    st->drv->reset(s);
    return rc;
}

cccd_errc cccd_store_correction_get(cccd_store *st, int64_t id, cccd_correction *out, bool *found,
                                    cccd_err *err) {
    store_stmt *s = NULL;
    bool row = false;
    *found = false;
    cccd_errc rc = store_stmt_get(st, SLOT_CORR_GET,
                                  "SELECT " CORR_COLS " FROM corrections WHERE id = $1", &s, err);
    if (rc == CCCD_OK && (rc = store_bindf(st, s, err, "i", id)) == CCCD_OK &&
        (rc = st->drv->step(s, &row, err)) == CCCD_OK && row) {
        read_corr(st, s, out);
        *found = true;
    }
    st->drv->reset(s);
    return rc;
}

cccd_errc cccd_store_corrections(cccd_store *st, int64_t application_id, cccd_correction_cb cb,
                                 void *ctx, cccd_err *err) {
    store_stmt *s = NULL;
    bool row = false;
    cccd_errc rc = store_stmt_get(st, SLOT_CORRS,
                                  "SELECT " CORR_COLS " FROM corrections"
                                  " WHERE application_id = $1 ORDER BY id",
                                  &s, err);
    if (rc == CCCD_OK)
        rc = store_bindf(st, s, err, "i", application_id);
    while (rc == CCCD_OK && (rc = st->drv->step(s, &row, err)) == CCCD_OK && row) {
        cccd_correction c;
        read_corr(st, s, &c);
        cb(ctx, &c);
    }
    st->drv->reset(s);
    return rc;
}

cccd_errc cccd_store_correction_decide(cccd_store *st, int64_t id, cccd_corr_state to,
                                       const char *by, int64_t at, bool *changed, cccd_err *err) {
    store_stmt *s = NULL;
    bool row = false;
    *changed = false;
    cccd_errc rc = store_stmt_get(st, SLOT_CORR_DECIDE,
                                  "UPDATE corrections SET state = $2, decided_by = $3,"
                                  " decided_at = $4 WHERE id = $1 AND state = 'proposed'",
                                  &s, err);
    if (rc == CCCD_OK &&
        (rc = store_bindf(st, s, err, "itti", id, cccd_corr_state_name(to), by, at)) == CCCD_OK &&
        (rc = st->drv->step(s, &row, err)) == CCCD_OK)
        *changed = st->drv->changes(s) > 0;
    st->drv->reset(s);
    return rc;
}

/* ---- the registry record ---- */

typedef struct facts {
    char unit_key[CCCD_UNIT_KEY_LEN];
    bool deceased, chip;
    int64_t eligible_from, issued, expiry;
} facts;

static cccd_errc read_facts(cccd_store *st, int64_t pid, facts *f, bool *found, cccd_err *err) {
    store_stmt *s = NULL;
    bool row = false;
    *found = false;
    cccd_errc rc = store_stmt_get(st, SLOT_CITIZEN_FACTS,
                                  "SELECT permanent_unit, deceased, eligible_from, card_type,"
                                  " card_issued, card_expiry FROM citizens WHERE personal_id = $1",
                                  &s, err);
    if (rc == CCCD_OK && (rc = store_bindf(st, s, err, "i", pid)) == CCCD_OK &&
        (rc = st->drv->step(s, &row, err)) == CCCD_OK && row) {
        copy_col(st, s, 0, f->unit_key, sizeof f->unit_key);
        f->deceased = st->drv->col_int64(s, 1) != 0;
        f->eligible_from = st->drv->col_int64(s, 2);
        f->chip = strcmp(st->drv->col_text(s, 3), "chip") == 0;
        f->issued = st->drv->col_null(s, 4) ? INT64_MIN : st->drv->col_int64(s, 4);
        f->expiry = st->drv->col_null(s, 5) ? INT64_MAX : st->drv->col_int64(s, 5);
        *found = true;
    }
    st->drv->reset(s);
    return rc;
}

/* Moves the counters of f's unit by the change of status from `before` to `after`. */
static cccd_errc recount(cccd_store *st, const facts *before, const facts *after, cccd_err *err) {
    int64_t ref;
    cccd_errc rc = store_reference_day(st, &ref, err);
    if (rc != CCCD_OK || ref == INT64_MIN)
        return rc;
    cccd_citizen_status b = cccd_citizen_status_on(ref, before->deceased, before->eligible_from,
                                                   before->chip, before->issued, before->expiry);
    cccd_citizen_status a = cccd_citizen_status_on(ref, after->deceased, after->eligible_from,
                                                   after->chip, after->issued, after->expiry);
    cccd_counts d = {(int64_t)a.resident - b.resident, (int64_t)a.eligible - b.eligible,
                     (int64_t)a.valid_card - b.valid_card, 0};
    if (d.residents == 0 && d.eligible == 0 && d.valid_card == 0)
        return CCCD_OK;
    return store_counts_add(st, before->unit_key, &d, err);
}

static cccd_errc no_citizen(cccd_err *err, const char *pid) {
    return cccd_err_set(err, CCCD_E_CITIZEN_UNKNOWN, "personal_id", "%s is not in the registry",
                        pid);
}

cccd_errc cccd_store_citizen_amend(cccd_store *st, const char *personal_id, const char *field,
                                   const char *value, const char *name_key, int64_t eligible_from,
                                   cccd_err *err) {
    if (!st->in_txn)
        return cccd_err_set(err, CCCD_E_INTERNAL, "citizen", "amend outside a transaction");
    int64_t pid = strtoll(personal_id, NULL, 10);
    facts before, after;
    bool found = false, row = false;
    cccd_errc rc = read_facts(st, pid, &before, &found, err);
    if (rc != CCCD_OK)
        return rc;
    if (!found)
        return no_citizen(err, personal_id);
    bool is_id = strcmp(field, "personal_id") == 0;
    int64_t new_pid = is_id ? strtoll(value, NULL, 10) : pid;
    store_stmt *s = NULL;
    /* noted with the extract's value, so a later import does not undo it (a new ID is noted
     * under the old one here and moved with the person's other notes below) */
    if ((rc = store_local_note(st, pid, field, value, name_key, err)) != CCCD_OK)
        return rc;
    if (is_id)
        st->id_notes = 1;
    rc = store_stmt_get(
        st, SLOT_CITIZEN_AMEND,
        "UPDATE citizens SET"
        " full_name = CASE WHEN $2 = 'full_name' THEN $3 ELSE full_name END,"
        " name_key = CASE WHEN $2 = 'full_name' THEN $4 ELSE name_key END,"
        " date_of_birth = CASE WHEN $2 = 'date_of_birth' THEN $3 ELSE date_of_birth END,"
        " eligible_from = CASE WHEN $2 = 'date_of_birth' THEN $5 ELSE eligible_from END,"
        " sex = CASE WHEN $2 = 'sex' THEN $3 ELSE sex END,"
        " personal_id = $6,"
        " ethnicity = CASE WHEN $2 = 'ethnicity' THEN $3 ELSE ethnicity END,"
        " religion = CASE WHEN $2 = 'religion' THEN $3 ELSE religion END,"
        " place_of_origin = CASE WHEN $2 = 'place_of_origin' THEN $3 ELSE place_of_origin END,"
        " permanent_address = CASE WHEN $2 = 'permanent_address' THEN $3"
        " ELSE permanent_address END,"
        " temporary_address = CASE WHEN $2 = 'temporary_address' THEN $3"
        " ELSE temporary_address END,"
        " father_name = CASE WHEN $2 = 'father_name' THEN $3 ELSE father_name END,"
        " mother_name = CASE WHEN $2 = 'mother_name' THEN $3 ELSE mother_name END,"
        " spouse_name = CASE WHEN $2 = 'spouse_name' THEN $3 ELSE spouse_name END,"
        " updated_at = $7 WHERE personal_id = $1",
        &s, err);
    if (rc == CCCD_OK &&
        (rc = store_bindf(st, s, err, "itttiit", pid, field, value, name_key ? name_key : "",
                          eligible_from, new_pid, st->txn_now)) == CCCD_OK)
        rc = st->drv->step(s, &row, err);
    st->drv->reset(s);
    if (rc == CCCD_OK && is_id)
        rc = store_local_move(st, pid, new_pid, err);
    if (rc == CCCD_OK && is_id) {
        rc = store_stmt_get(st, SLOT_CITIZEN_AMEND_APPS,
                            "UPDATE applications SET personal_id = $2 WHERE personal_id = $1", &s,
                            err);
        if (rc == CCCD_OK && (rc = store_bindf(st, s, err, "ii", pid, new_pid)) == CCCD_OK)
            rc = st->drv->step(s, &row, err);
        st->drv->reset(s);
    }
    if (rc == CCCD_OK && (rc = read_facts(st, new_pid, &after, &found, err)) == CCCD_OK)
        rc = recount(st, &before, &after, err);
    return rc;
}

cccd_errc cccd_store_citizen_revoke_card(cccd_store *st, const char *personal_id, int64_t day,
                                         bool *revoked, cccd_err *err) {
    *revoked = false;
    if (!st->in_txn)
        return cccd_err_set(err, CCCD_E_INTERNAL, "citizen", "revoke outside a transaction");
    int64_t pid = strtoll(personal_id, NULL, 10);
    facts before, after;
    bool found = false, row = false;
    cccd_errc rc = read_facts(st, pid, &before, &found, err);
    if (rc != CCCD_OK)
        return rc;
    if (!found)
        return no_citizen(err, personal_id);
    if (before.issued == INT64_MIN)
        return CCCD_OK;
    if ((rc = store_local_note_card(st, pid, NULL, 0, day - 1, err)) != CCCD_OK)
        return rc;
    store_stmt *s = NULL;
    rc = store_stmt_get(st, SLOT_CITIZEN_REVOKE,
                        "UPDATE citizens SET card_expiry = $2, updated_at = $3"
                        " WHERE personal_id = $1",
                        &s, err);
    if (rc == CCCD_OK &&
        (rc = store_bindf(st, s, err, "iit", pid, day - 1, st->txn_now)) == CCCD_OK &&
        (rc = st->drv->step(s, &row, err)) == CCCD_OK)
        *revoked = st->drv->changes(s) > 0;
    st->drv->reset(s);
    if (rc == CCCD_OK && (rc = read_facts(st, pid, &after, &found, err)) == CCCD_OK)
        rc = recount(st, &before, &after, err);
    return rc;
}

cccd_errc cccd_store_citizen_new_card(cccd_store *st, const char *personal_id, const char *number,
                                      int64_t issued, int64_t expiry, cccd_err *err) {
    if (!st->in_txn)
        return cccd_err_set(err, CCCD_E_INTERNAL, "citizen", "new card outside a transaction");
    int64_t pid = strtoll(personal_id, NULL, 10);
    facts before, after;
    bool found = false, row = false;
    cccd_errc rc = read_facts(st, pid, &before, &found, err);
    if (rc != CCCD_OK)
        return rc;
    if (!found)
        return no_citizen(err, personal_id);
    if ((rc = store_local_note_card(st, pid, number, issued, expiry, err)) != CCCD_OK)
        return rc;
    store_stmt *s = NULL;
    rc =
        store_stmt_get(st, SLOT_CITIZEN_CARD,
                       "UPDATE citizens SET card_type = 'chip', card_number = $2, card_issued = $3,"
                       " card_expiry = $4, updated_at = $5 WHERE personal_id = $1",
                       &s, err);
    if (rc == CCCD_OK && (rc = store_bindf(st, s, err, "itiit", pid, number, issued, expiry,
                                           st->txn_now)) == CCCD_OK) {
        if (expiry == INT64_MAX)
            rc = st->drv->bind_null(s, 4, err);
        if (rc == CCCD_OK)
            rc = st->drv->step(s, &row, err);
    }
    st->drv->reset(s);
    if (rc == CCCD_OK && (rc = read_facts(st, pid, &after, &found, err)) == CCCD_OK)
        rc = recount(st, &before, &after, err);
    return rc;
}

cccd_errc cccd_store_app_progress(cccd_store *st, cccd_application *a, bool on, cccd_err *err) {
    if (!st->in_txn)
        return cccd_err_set(err, CCCD_E_INTERNAL, "application", "progress outside a transaction");
    char unit[CCCD_UNIT_KEY_LEN] = "";
    cccd_errc rc = CCCD_OK;
    if (on && a->progress_unit[0] == '\0') {
        facts f;
        bool found = false;
        int64_t ref;
        if ((rc = read_facts(st, strtoll(a->personal_id, NULL, 10), &f, &found, err)) != CCCD_OK ||
            (rc = store_reference_day(st, &ref, err)) != CCCD_OK || !found || ref == INT64_MIN)
            return rc;
        cccd_citizen_status now =
            cccd_citizen_status_on(ref, f.deceased, f.eligible_from, f.chip, f.issued, f.expiry);
        if (!now.eligible || now.valid_card)
            return CCCD_OK; /* not among those who still need a card: nothing to count */
        snprintf(unit, sizeof unit, "%s", f.unit_key);
    } else if (on || a->progress_unit[0] == '\0') {
        return CCCD_OK;
    }
    store_stmt *s = NULL;
    bool row = false;
    rc = store_stmt_get(st, SLOT_PROGRESS,
                        "UPDATE applications SET progress_unit = $2 WHERE id = $1", &s, err);
    if (rc == CCCD_OK && (rc = store_bindf(st, s, err, "it", a->id, on ? unit : NULL)) == CCCD_OK)
        rc = st->drv->step(s, &row, err);
    st->drv->reset(s);
    cccd_counts d = {0, 0, 0, on ? 1 : -1};
    if (rc == CCCD_OK)
        rc = store_counts_add(st, on ? unit : a->progress_unit, &d, err);
    if (rc == CCCD_OK)
        snprintf(a->progress_unit, sizeof a->progress_unit, "%s", unit);
    return rc;
}
