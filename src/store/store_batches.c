/*
 * store_batches.c: production batches, their cards and manifests in the database (see
 * store_batches.h); the only SQL of card production.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_batches.h"
#include "store/store_internal.h"

enum {
    SLOT_BATCH_ADD = STORE_BATCHES_SLOT0,
    SLOT_BATCH_GET,
    SLOT_BATCH_DISPATCHED,
    SLOT_CARD_ADD,
    SLOT_CARDS,
    SLOT_CARDS_PENDING,
    SLOT_CARD_GET,
    SLOT_CARD_PRODUCED,
    SLOT_MANIFEST_ADD,
    SLOT_MANIFEST_FILL,
    SLOT_MANIFEST_COUNT,
    SLOT_MANIFEST_GET,
    SLOT_MANIFEST_RECEIVED,
    SLOT_MANIFESTS,
    SLOT_BATCH_UNITS,
    SLOT_MANIFEST_CARDS,
    SLOT_UNIT_MANIFESTS,
    SLOT__END
};
_Static_assert((int)SLOT__END <= (int)STORE_CAMPAIGNS_SLOT0, "store_batches.c: too many slots");

static void copy_col(cccd_store *st, store_stmt *s, int col, char *buf, size_t size) {
    const char *v = st->drv->col_null(s, col) ? NULL : st->drv->col_text(s, col);
    snprintf(buf, size, "%s", v ? v : "");
}

static int64_t int_col(cccd_store *st, store_stmt *s, int col) {
    return st->drv->col_null(s, col) ? 0 : st->drv->col_int64(s, col);
}

/* ---- batches ---- */

cccd_errc cccd_store_batch_add(cccd_store *st, cccd_batch *b, cccd_err *err) {
    store_stmt *s = NULL;
    bool row = false;
    cccd_errc rc = store_stmt_get(st, SLOT_BATCH_ADD,
                                  "INSERT INTO batches (unit_key, unit_code, state, created_at,"
                                  " created_by) VALUES ($1, $2, 'open', $3, $4) RETURNING id",
                                  &s, err);
    if (rc == CCCD_OK &&
        (rc = store_bindf(st, s, err, "ttit", b->unit_key, b->unit_code, b->created_at,
                          b->created_by)) == CCCD_OK &&
        (rc = st->drv->step(s, &row, err)) == CCCD_OK && row)
        b->id = st->drv->col_int64(s, 0);
    st->drv->reset(s);
    b->dispatched = false;
    return rc;
}

cccd_errc cccd_store_batch_get(cccd_store *st, int64_t id, cccd_batch *out, bool *found,
                               cccd_err *err) {
    store_stmt *s = NULL;
    *found = false;
    cccd_errc rc = store_stmt_get(
        st, SLOT_BATCH_GET,
        "SELECT id, unit_key, unit_code, state, created_at, created_by,"
        " (SELECT COUNT(*) FROM batch_cards c WHERE c.batch_id = b.id),"
        " (SELECT COUNT(*) FROM batch_cards c WHERE c.batch_id = b.id AND c.produced_at IS NOT"
        " NULL) FROM batches b WHERE id = $1",
        &s, err);
    if (rc == CCCD_OK && (rc = store_bindf(st, s, err, "i", id)) == CCCD_OK &&
        (rc = st->drv->step(s, found, err)) == CCCD_OK && *found) {
        memset(out, 0, sizeof *out);
        out->id = st->drv->col_int64(s, 0);
        copy_col(st, s, 1, out->unit_key, sizeof out->unit_key);
        copy_col(st, s, 2, out->unit_code, sizeof out->unit_code);
        out->dispatched = strcmp(st->drv->col_text(s, 3), "dispatched") == 0;
        out->created_at = st->drv->col_int64(s, 4);
        copy_col(st, s, 5, out->created_by, sizeof out->created_by);
        out->cards = st->drv->col_int64(s, 6);
        out->produced = st->drv->col_int64(s, 7);
    }
    st->drv->reset(s);
    return rc;
}

cccd_errc cccd_store_batch_dispatched(cccd_store *st, int64_t id, cccd_err *err) {
    store_stmt *s = NULL;
    bool row = false;
    cccd_errc rc = store_stmt_get(st, SLOT_BATCH_DISPATCHED,
                                  "UPDATE batches SET state = 'dispatched' WHERE id = $1", &s, err);
    if (rc == CCCD_OK && (rc = store_bindf(st, s, err, "i", id)) == CCCD_OK)
        rc = st->drv->step(s, &row, err);
    st->drv->reset(s);
    return rc;
}

/* ---- cards ---- */

cccd_errc cccd_store_batch_card_add(cccd_store *st, int64_t batch_id, int64_t application_id,
                                    const char *card_number, cccd_err *err) {
    store_stmt *s = NULL;
    bool row = false;
    cccd_errc rc = store_stmt_get(st, SLOT_CARD_ADD,
                                  "INSERT INTO batch_cards (application_id, batch_id, card_number)"
                                  " VALUES ($1, $2, $3)",
                                  &s, err);
    if (rc == CCCD_OK &&
        (rc = store_bindf(st, s, err, "iit", application_id, batch_id, card_number)) == CCCD_OK)
        rc = st->drv->step(s, &row, err);
    st->drv->reset(s);
    return rc;
}

#define CARD_COLS                                                                                  \
    "c.application_id, c.batch_id, c.card_number, c.issued, c.expiry, c.produced_at,"              \
    " c.sod_sha256, c.manifest_id, a.personal_id, a.unit_key"
#define CARD_FROM " FROM batch_cards c JOIN applications a ON a.id = c.application_id"

static void read_card(cccd_store *st, store_stmt *s, cccd_batch_card *c) {
    memset(c, 0, sizeof *c);
    c->application_id = st->drv->col_int64(s, 0);
    c->batch_id = st->drv->col_int64(s, 1);
    copy_col(st, s, 2, c->card_number, sizeof c->card_number);
    c->issued = int_col(st, s, 3);
    c->produced_at = int_col(st, s, 5);
    c->expiry = st->drv->col_null(s, 4) ? (c->produced_at ? INT64_MAX : 0) : int_col(st, s, 4);
    copy_col(st, s, 6, c->sod_sha256, sizeof c->sod_sha256);
    c->manifest_id = int_col(st, s, 7);
    snprintf(c->personal_id, sizeof c->personal_id, "%012lld", (long long)int_col(st, s, 8));
    copy_col(st, s, 9, c->unit_key, sizeof c->unit_key);
}

static cccd_errc each_card(cccd_store *st, store_stmt *s, cccd_batch_card_cb cb, void *ctx,
                           cccd_err *err) {
    bool row = false;
    cccd_errc rc;
    while ((rc = st->drv->step(s, &row, err)) == CCCD_OK && row) {
        cccd_batch_card c;
        read_card(st, s, &c);
        if (!cb(ctx, &c))
            break;
    }
    st->drv->reset(s);
    return rc;
}

cccd_errc cccd_store_batch_cards(cccd_store *st, int64_t batch_id, bool pending_only,
                                 int64_t after_app, int limit, cccd_batch_card_cb cb, void *ctx,
                                 cccd_err *err) {
    store_stmt *s = NULL;
    cccd_errc rc = pending_only
                       ? store_stmt_get(st, SLOT_CARDS_PENDING,
                                        "SELECT " CARD_COLS CARD_FROM " WHERE c.batch_id = $1 AND"
                                        " c.application_id > $2 AND c.produced_at IS NULL"
                                        " ORDER BY c.application_id LIMIT $3",
                                        &s, err)
                       : store_stmt_get(st, SLOT_CARDS,
                                        "SELECT " CARD_COLS CARD_FROM " WHERE c.batch_id = $1 AND"
                                        " c.application_id > $2 ORDER BY c.application_id LIMIT $3",
                                        &s, err);
    if (rc == CCCD_OK &&
        (rc = store_bindf(st, s, err, "iii", batch_id, after_app, (int64_t)limit)) == CCCD_OK)
        return each_card(st, s, cb, ctx, err);
    st->drv->reset(s);
    return rc;
}

static bool take_one(void *ctx, const cccd_batch_card *c) {
    *(cccd_batch_card *)ctx = *c;
    return false;
}

cccd_errc cccd_store_batch_card_get(cccd_store *st, int64_t application_id, cccd_batch_card *out,
                                    bool *found, cccd_err *err) {
    store_stmt *s = NULL;
    memset(out, 0, sizeof *out);
    cccd_errc rc = store_stmt_get(
        st, SLOT_CARD_GET, "SELECT " CARD_COLS CARD_FROM " WHERE c.application_id = $1", &s, err);
    if (rc == CCCD_OK && (rc = store_bindf(st, s, err, "i", application_id)) == CCCD_OK)
        rc = each_card(st, s, take_one, out, err);
    else
        st->drv->reset(s);
    *found = rc == CCCD_OK && out->application_id == application_id;
    return rc;
}

cccd_errc cccd_store_batch_card_produced(cccd_store *st, int64_t application_id, int64_t issued,
                                         int64_t expiry, int64_t at, const char *sod_sha256,
                                         bool *changed, cccd_err *err) {
    store_stmt *s = NULL;
    *changed = false;
    cccd_errc rc = store_stmt_get(st, SLOT_CARD_PRODUCED,
                                  "UPDATE batch_cards SET issued = $2, expiry = $3, produced_at ="
                                  " $4, sod_sha256 = $5 WHERE application_id = $1 AND produced_at"
                                  " IS NULL RETURNING application_id",
                                  &s, err);
    if (rc == CCCD_OK &&
        (rc = store_bindf(st, s, err, "iiiit", application_id, issued,
                          expiry == INT64_MAX ? (int64_t)0 : expiry, at, sod_sha256)) == CCCD_OK &&
        expiry == INT64_MAX)
        rc = st->drv->bind_null(s, 3, err);
    if (rc == CCCD_OK)
        rc = st->drv->step(s, changed, err);
    st->drv->reset(s);
    return rc;
}

/* ---- manifests ---- */

cccd_errc cccd_store_manifest_add(cccd_store *st, cccd_manifest *m, cccd_err *err) {
    store_stmt *s = NULL;
    bool row = false;
    cccd_errc rc = store_stmt_get(st, SLOT_MANIFEST_ADD,
                                  "INSERT INTO manifests (batch_id, unit_key, cards, created_at)"
                                  " VALUES ($1, $2, 0, $3) RETURNING id",
                                  &s, err);
    if (rc == CCCD_OK &&
        (rc = store_bindf(st, s, err, "iti", m->batch_id, m->unit_key, m->created_at)) == CCCD_OK &&
        (rc = st->drv->step(s, &row, err)) == CCCD_OK && row)
        m->id = st->drv->col_int64(s, 0);
    st->drv->reset(s);
    if (rc != CCCD_OK)
        return rc;
    /* its cards, then their count */
    m->cards = 0;
    rc = store_stmt_get(st, SLOT_MANIFEST_FILL,
                        "UPDATE batch_cards SET manifest_id = $1 WHERE batch_id = $2 AND"
                        " manifest_id IS NULL AND application_id IN (SELECT id FROM applications"
                        " WHERE unit_key = $3) RETURNING application_id",
                        &s, err);
    if (rc == CCCD_OK &&
        (rc = store_bindf(st, s, err, "iit", m->id, m->batch_id, m->unit_key)) == CCCD_OK)
        while ((rc = st->drv->step(s, &row, err)) == CCCD_OK && row)
            m->cards++;
    st->drv->reset(s);
    if (rc != CCCD_OK)
        return rc;
    rc = store_stmt_get(st, SLOT_MANIFEST_COUNT, "UPDATE manifests SET cards = $2 WHERE id = $1",
                        &s, err);
    if (rc == CCCD_OK && (rc = store_bindf(st, s, err, "ii", m->id, m->cards)) == CCCD_OK)
        rc = st->drv->step(s, &row, err);
    st->drv->reset(s);
    return rc;
}

#define MANIFEST_COLS "id, batch_id, unit_key, cards, created_at, received_at, received_by"

static void read_manifest(cccd_store *st, store_stmt *s, cccd_manifest *m) {
    memset(m, 0, sizeof *m);
    m->id = st->drv->col_int64(s, 0);
    m->batch_id = st->drv->col_int64(s, 1);
    copy_col(st, s, 2, m->unit_key, sizeof m->unit_key);
    m->cards = st->drv->col_int64(s, 3);
    m->created_at = st->drv->col_int64(s, 4);
    m->received_at = int_col(st, s, 5);
    copy_col(st, s, 6, m->received_by, sizeof m->received_by);
}

static cccd_errc each_manifest(cccd_store *st, store_stmt *s, cccd_manifest_cb cb, void *ctx,
                               cccd_err *err) {
    bool row = false;
    cccd_errc rc;
    while ((rc = st->drv->step(s, &row, err)) == CCCD_OK && row) {
        cccd_manifest m;
        read_manifest(st, s, &m);
        cb(ctx, &m);
    }
    st->drv->reset(s);
    return rc;
}

cccd_errc cccd_store_manifest_get(cccd_store *st, int64_t id, cccd_manifest *out, bool *found,
                                  cccd_err *err) {
    store_stmt *s = NULL;
    *found = false;
    cccd_errc rc = store_stmt_get(st, SLOT_MANIFEST_GET,
                                  "SELECT " MANIFEST_COLS " FROM manifests WHERE id = $1", &s, err);
    if (rc == CCCD_OK && (rc = store_bindf(st, s, err, "i", id)) == CCCD_OK &&
        (rc = st->drv->step(s, found, err)) == CCCD_OK && *found)
        read_manifest(st, s, out);
    st->drv->reset(s);
    return rc;
}

cccd_errc cccd_store_manifest_received(cccd_store *st, int64_t id, int64_t at, const char *by,
                                       bool *changed, cccd_err *err) {
    store_stmt *s = NULL;
    *changed = false;
    cccd_errc rc = store_stmt_get(st, SLOT_MANIFEST_RECEIVED,
                                  "UPDATE manifests SET received_at = $2, received_by = $3 WHERE"
                                  " id = $1 AND received_at IS NULL RETURNING id",
                                  &s, err);
    if (rc == CCCD_OK && (rc = store_bindf(st, s, err, "iit", id, at, by)) == CCCD_OK)
        rc = st->drv->step(s, changed, err);
    st->drv->reset(s);
    return rc;
}

cccd_errc cccd_store_batch_manifests(cccd_store *st, int64_t batch_id, cccd_manifest_cb cb,
                                     void *ctx, cccd_err *err) {
    store_stmt *s = NULL;
    cccd_errc rc = store_stmt_get(
        st, SLOT_MANIFESTS,
        "SELECT " MANIFEST_COLS " FROM manifests WHERE batch_id = $1 ORDER BY id", &s, err);
    if (rc == CCCD_OK && (rc = store_bindf(st, s, err, "i", batch_id)) == CCCD_OK)
        return each_manifest(st, s, cb, ctx, err);
    st->drv->reset(s);
    return rc;
}

cccd_errc cccd_store_unit_manifests(cccd_store *st, const char *unit_key, int64_t before_id,
                                    int limit, cccd_manifest_cb cb, void *ctx, cccd_err *err) {
    store_stmt *s = NULL;
    cccd_errc rc = store_stmt_get(st, SLOT_UNIT_MANIFESTS,
                                  "SELECT " MANIFEST_COLS " FROM manifests WHERE unit_key = $1 AND"
                                  " id < $2 ORDER BY id DESC LIMIT $3",
                                  &s, err);
    if (rc == CCCD_OK &&
        (rc = store_bindf(st, s, err, "tii", unit_key, before_id > 0 ? before_id : INT64_MAX,
                          (int64_t)limit)) == CCCD_OK)
        return each_manifest(st, s, cb, ctx, err);
    st->drv->reset(s);
    return rc;
}

cccd_errc cccd_store_batch_units(cccd_store *st, int64_t batch_id, cccd_unit_key_cb cb, void *ctx,
                                 cccd_err *err) {
    store_stmt *s = NULL;
    bool row = false;
    cccd_errc rc = store_stmt_get(st, SLOT_BATCH_UNITS,
                                  "SELECT DISTINCT a.unit_key" CARD_FROM " WHERE c.batch_id = $1"
                                  " ORDER BY a.unit_key",
                                  &s, err);
    if (rc == CCCD_OK && (rc = store_bindf(st, s, err, "i", batch_id)) == CCCD_OK)
        while ((rc = st->drv->step(s, &row, err)) == CCCD_OK && row)
            cb(ctx, st->drv->col_text(s, 0));
    st->drv->reset(s);
    return rc;
}

cccd_errc cccd_store_manifest_cards(cccd_store *st, int64_t manifest_id, cccd_batch_card_cb cb,
                                    void *ctx, cccd_err *err) {
    store_stmt *s = NULL;
    cccd_errc rc = store_stmt_get(st, SLOT_MANIFEST_CARDS,
                                  "SELECT " CARD_COLS CARD_FROM " WHERE c.manifest_id = $1"
                                  " ORDER BY c.application_id",
                                  &s, err);
    if (rc == CCCD_OK && (rc = store_bindf(st, s, err, "i", manifest_id)) == CCCD_OK)
        return each_card(st, s, cb, ctx, err);
    st->drv->reset(s);
    return rc;
}
