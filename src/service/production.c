/*
 * production.c: batches, produced cards, manifests and receipt (see production.h).
 */
#include "service/production.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/role.h"
#include "core/validity.h"
#include "service/audit_log.h"
#include "service/enrollment.h"
#include "service/residents.h"

/* ---- a batch ---- */

typedef struct app_ids {
    int64_t *v; /* owned */
    size_t n, cap, limit;
    char (*pid)[13]; /* owned, beside v */
} app_ids;

static void take_app(void *ctx, const cccd_application *a) {
    app_ids *l = ctx;
    if (l->n == l->limit)
        return;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 256;
        int64_t *v = realloc(l->v, cap * sizeof *v);
        char(*p)[13] = v ? realloc(l->pid, cap * sizeof *p) : NULL;
        if (v)
            l->v = v;
        if (p == NULL)
            return; /* short of memory: the list stops here (the batch takes fewer; the rest
                     * wait for the next one, dispatch and receipt check their counts) */
        l->pid = p;
        l->cap = cap;
    }
    l->v[l->n] = a->id;
    snprintf(l->pid[l->n], sizeof l->pid[l->n], "%s", a->personal_id);
    l->n++;
}

typedef struct create_ctx {
    const cccd_unit_keys *keys;
    const char *code;
    int64_t now;
    const cccd_actor *by;
    int limit;
    cccd_batch *out;
} create_ctx;

static cccd_errc create_txn(cccd_store *st, void *ctx, cccd_err *err) {
    create_ctx *c = ctx;
    app_ids ids = {NULL, 0, 0, c->limit > 0 ? (size_t)c->limit : SIZE_MAX, NULL};
    cccd_errc rc = CCCD_OK;
    for (size_t k = 0; rc == CCCD_OK && k < c->keys->n && ids.n < ids.limit; k++) {
        int64_t after = 0;
        for (;;) {
            size_t before = ids.n;
            rc = cccd_store_app_list(st, c->keys->v[k], CCCD_APP_APPROVED, after, 1000, take_app,
                                     &ids, err);
            if (rc != CCCD_OK || ids.n - before < 1000 || ids.n == ids.limit)
                break;
            after = ids.v[ids.n - 1];
        }
    }
    if (rc == CCCD_OK && ids.n == 0)
        rc = cccd_err_set(err, CCCD_E_BATCH_STATE, "unit",
                          "no approved application waits for production in %s", c->code);
    cccd_batch batch, *b = &batch; /* *c->out only on success */
    memset(b, 0, sizeof *b);
    cccd_store_unit_key(c->keys->unit, b->unit_key);
    snprintf(b->unit_code, sizeof b->unit_code, "%s", c->code);
    b->created_at = c->now;
    snprintf(b->created_by, sizeof b->created_by, "%s", cccd_actor_name(c->by));
    if (rc == CCCD_OK)
        rc = cccd_store_batch_add(st, b, err);
    for (size_t i = 0; rc == CCCD_OK && i < ids.n; i++) {
        rc = cccd_enroll_move(st, ids.v[i], CCCD_APP_IN_PRODUCTION, NULL, c->now, c->by, NULL, err);
        if (rc == CCCD_OK)
            rc = cccd_store_batch_card_add(st, b->id, ids.v[i], ids.pid[i], err);
    }
    b->cards = (int64_t)ids.n;
    if (rc == CCCD_OK) {
        char target[32], detail[128];
        snprintf(target, sizeof target, "batch:%lld", (long long)b->id);
        snprintf(detail, sizeof detail, "unit=%s cards=%zu", c->code, ids.n);
        rc = cccd_audit_change(st, c->by, "batch.create", target, detail, err);
    }
    if (rc == CCCD_OK)
        *c->out = batch;
    free(ids.v);
    free(ids.pid);
    return rc;
}

cccd_errc cccd_batch_create(cccd_store *st, const cccd_units *u, const char *code, cccd_date today,
                            int64_t now, const cccd_actor *by, int limit, cccd_batch *out,
                            cccd_err *err) {
    cccd_errc rc = cccd_actor_may(by, CCCD_PERM_PRODUCTION_RUN, "make a production batch", err);
    if (rc != CCCD_OK)
        return rc;
    cccd_unit_keys keys;
    rc = cccd_unit_keys_get(u, code, today, &keys, err);
    if (rc == CCCD_OK) {
        create_ctx c = {&keys, code, now, by, limit, out};
        rc = cccd_store_transaction(st, create_txn, &c, err);
    }
    cccd_unit_keys_free(&keys);
    return rc;
}

/* ---- a card ---- */

cccd_errc cccd_card_dates(cccd_date dob, int64_t now, cccd_date *issued, cccd_date *expiry,
                          cccd_err *err) {
    *issued = cccd_date_vn_from_unix(now);
    cccd_expiry ex;
    cccd_errc rc = cccd_card_expiry(dob, *issued, &ex, err);
    if (rc != CCCD_OK)
        return rc;
    if (ex.none) {
        memset(expiry, 0, sizeof *expiry);
        expiry->prec = CCCD_DATE_NONE;
    } else {
        *expiry = ex.date;
    }
    return CCCD_OK;
}

typedef struct done_ctx {
    int64_t app_id;
    cccd_date issued, expiry;
    const char *sod_sha256;
    int64_t now;
    const cccd_actor *by;
    bool *changed;
} done_ctx;

static cccd_errc done_txn(cccd_store *st, void *ctx, cccd_err *err) {
    done_ctx *c = ctx;
    cccd_batch_card card;
    bool found = false;
    cccd_errc rc = cccd_store_batch_card_get(st, c->app_id, &card, &found, err);
    if (rc == CCCD_OK && !found)
        rc = cccd_err_set(err, CCCD_E_BATCH_UNKNOWN, "application",
                          "application %lld is in no production batch", (long long)c->app_id);
    int64_t expiry = c->expiry.prec == CCCD_DATE_NONE ? INT64_MAX : cccd_date_to_days(c->expiry);
    if (rc == CCCD_OK)
        rc = cccd_store_batch_card_produced(st, c->app_id, cccd_date_to_days(c->issued), expiry,
                                            c->now, c->sod_sha256, c->changed, err);
    if (rc == CCCD_OK && *c->changed)
        rc = cccd_enroll_move(st, c->app_id, CCCD_APP_PRODUCED, NULL, c->now, c->by, NULL, err);
    return rc;
}

cccd_errc cccd_batch_card_done(cccd_store *st, int64_t app_id, cccd_date issued, cccd_date expiry,
                               const char *sod_sha256, int64_t now, const cccd_actor *by,
                               bool *changed, cccd_err *err) {
    bool ignore;
    if (changed == NULL)
        changed = &ignore;
    *changed = false;
    cccd_errc rc = cccd_actor_may(by, CCCD_PERM_PRODUCTION_RUN, "record a produced card", err);
    if (rc != CCCD_OK)
        return rc;
    done_ctx c = {app_id, issued, expiry, sod_sha256 ? sod_sha256 : "", now, by, changed};
    return cccd_store_transaction(st, done_txn, &c, err);
}

/* ---- dispatch and receipt ---- */

typedef struct unit_list {
    char (*v)[CCCD_UNIT_KEY_LEN]; /* owned */
    size_t n, cap;
    bool failed;
} unit_list;

static void take_unit(void *ctx, const char *key) {
    unit_list *l = ctx;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        char(*v)[CCCD_UNIT_KEY_LEN] = realloc(l->v, cap * sizeof *v);
        if (v == NULL) {
            l->failed = true;
            return;
        }
        l->v = v;
        l->cap = cap;
    }
    snprintf(l->v[l->n++], CCCD_UNIT_KEY_LEN, "%s", key);
}

static bool take_card_id(void *ctx, const cccd_batch_card *c) {
    app_ids *l = ctx;
    take_app(l, &(cccd_application){.id = c->application_id});
    return true;
}

/* Moves every application of ids to `to`. */
static cccd_errc move_all(cccd_store *st, const app_ids *ids, cccd_app_state to, int64_t now,
                          const cccd_actor *by, cccd_err *err) {
    cccd_errc rc = CCCD_OK;
    for (size_t i = 0; rc == CCCD_OK && i < ids->n; i++)
        rc = cccd_enroll_move(st, ids->v[i], to, NULL, now, by, NULL, err);
    return rc;
}

typedef struct dispatch_ctx {
    int64_t batch_id, now;
    const cccd_actor *by;
    cccd_manifest_cb cb;
    void *cb_ctx;
} dispatch_ctx;

static cccd_errc dispatch_txn(cccd_store *st, void *ctx, cccd_err *err) {
    dispatch_ctx *c = ctx;
    cccd_batch b;
    bool found = false;
    cccd_errc rc = cccd_store_batch_get(st, c->batch_id, &b, &found, err);
    if (rc != CCCD_OK)
        return rc;
    if (!found)
        return cccd_err_set(err, CCCD_E_BATCH_UNKNOWN, "batch", "no production batch %lld",
                            (long long)c->batch_id);
    if (b.dispatched)
        return cccd_err_set(err, CCCD_E_BATCH_STATE, "batch", "batch %lld was dispatched already",
                            (long long)b.id);
    if (b.produced < b.cards)
        return cccd_err_set(err, CCCD_E_BATCH_STATE, "batch",
                            "batch %lld: %lld of its %lld cards are still to be produced (run "
                            "cccd batch run %lld)",
                            (long long)b.id, (long long)(b.cards - b.produced), (long long)b.cards,
                            (long long)b.id);
    unit_list units = {NULL, 0, 0, false};
    app_ids ids = {NULL, 0, 0, SIZE_MAX, NULL};
    rc = cccd_store_batch_units(st, b.id, take_unit, &units, err);
    if (rc == CCCD_OK)
        rc = cccd_store_batch_cards(st, b.id, false, 0, 1 << 30, take_card_id, &ids, err);
    if (rc == CCCD_OK && (units.failed || ids.n < (size_t)b.cards))
        rc = cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory");
    for (size_t i = 0; rc == CCCD_OK && i < units.n; i++) {
        cccd_manifest m = {.batch_id = b.id, .created_at = c->now};
        snprintf(m.unit_key, sizeof m.unit_key, "%s", units.v[i]);
        rc = cccd_store_manifest_add(st, &m, err);
        if (rc == CCCD_OK && c->cb)
            c->cb(c->cb_ctx, &m);
    }
    if (rc == CCCD_OK)
        rc = move_all(st, &ids, CCCD_APP_DISPATCHED, c->now, c->by, err);
    if (rc == CCCD_OK)
        rc = cccd_store_batch_dispatched(st, b.id, err);
    if (rc == CCCD_OK) {
        char target[32], detail[96];
        snprintf(target, sizeof target, "batch:%lld", (long long)b.id);
        snprintf(detail, sizeof detail, "cards=%zu manifests=%zu", ids.n, units.n);
        rc = cccd_audit_change(st, c->by, "batch.dispatch", target, detail, err);
    }
    free(units.v);
    free(ids.v);
    free(ids.pid);
    return rc;
}

cccd_errc cccd_batch_dispatch(cccd_store *st, int64_t batch_id, int64_t now, const cccd_actor *by,
                              cccd_manifest_cb cb, void *ctx, cccd_err *err) {
    cccd_errc rc = cccd_actor_may(by, CCCD_PERM_PRODUCTION_RUN, "dispatch a production batch", err);
    if (rc != CCCD_OK)
        return rc;
    dispatch_ctx c = {batch_id, now, by, cb, ctx};
    return cccd_store_transaction(st, dispatch_txn, &c, err);
}

typedef struct receive_ctx {
    int64_t id, now;
    const cccd_actor *by;
    cccd_manifest *out;
} receive_ctx;

static cccd_errc receive_txn(cccd_store *st, void *ctx, cccd_err *err) {
    receive_ctx *c = ctx;
    bool found = false, changed = false;
    cccd_errc rc = cccd_store_manifest_get(st, c->id, c->out, &found, err);
    if (rc != CCCD_OK)
        return rc;
    if (!found)
        return cccd_err_set(err, CCCD_E_MANIFEST_UNKNOWN, "manifest", "no manifest %lld",
                            (long long)c->id);
    if ((rc = cccd_store_manifest_received(st, c->id, c->now, cccd_actor_name(c->by), &changed,
                                           err)) != CCCD_OK)
        return rc;
    if (!changed) {
        char day[16];
        return cccd_err_set(err, CCCD_E_BATCH_STATE, "manifest",
                            "manifest %lld was received on %s by %s", (long long)c->id,
                            cccd_date_iso(cccd_date_vn_from_unix(c->out->received_at), day),
                            c->out->received_by);
    }
    c->out->received_at = c->now;
    snprintf(c->out->received_by, sizeof c->out->received_by, "%s", cccd_actor_name(c->by));
    app_ids ids = {NULL, 0, 0, SIZE_MAX, NULL};
    rc = cccd_store_manifest_cards(st, c->id, take_card_id, &ids, err);
    if (rc == CCCD_OK && ids.n < (size_t)c->out->cards)
        rc = cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory");
    if (rc == CCCD_OK)
        rc = move_all(st, &ids, CCCD_APP_RECEIVED, c->now, c->by, err);
    if (rc == CCCD_OK) {
        char target[32], detail[96];
        snprintf(target, sizeof target, "manifest:%lld", (long long)c->id);
        snprintf(detail, sizeof detail, "batch=%lld unit=%s cards=%zu", (long long)c->out->batch_id,
                 c->out->unit_key, ids.n);
        rc = cccd_audit_change(st, c->by, "manifest.receive", target, detail, err);
    }
    free(ids.v);
    free(ids.pid);
    return rc;
}

cccd_errc cccd_manifest_receive(cccd_store *st, int64_t manifest_id, int64_t now,
                                const cccd_actor *by, cccd_manifest *out, cccd_err *err) {
    cccd_errc rc =
        cccd_actor_may(by, CCCD_PERM_APPLICATION_WRITE, "confirm receipt of a manifest", err);
    if (rc != CCCD_OK)
        return rc;
    cccd_manifest local;
    receive_ctx c = {manifest_id, now, by, out ? out : &local};
    return cccd_store_transaction(st, receive_txn, &c, err);
}
