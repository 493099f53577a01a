/*
 * store_coverage.c: the coverage counters (see store.h): per registered unit version, how many
 * people are alive, eligible, hold a valid chip card, have an application in progress, on the
 * counters' reference day. Changes to citizens add to pending deltas that are written in the
 * same transaction (store_counts_flush, called by cccd_store_commit), so a roll-up of the whole
 * country reads one row per unit, never the citizens. Another day's figures are the counters
 * plus the few people whose status changes in between (turning 14, a card issued or expiring),
 * found through indexes.
 */
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "store/store_internal.h"

enum {
    SLOT_COUNTS_UPSERT = STORE_COVERAGE_SLOT0,
    SLOT_REF_GET,
    SLOT_REF_SET,
    SLOT_COUNTERS_ALL,
    SLOT_CHANGES,
    SLOT_REMAINING,
};
_Static_assert((int)SLOT_REMAINING < (int)STORE_BULK_SLOT0,
               "store_coverage.c has more statements than its slots");

static uint64_t key_hash(const char *s) {
    return XXH3_64bits(s, strlen(s));
}

cccd_errc store_counts_add(cccd_store *st, const char *unit_key, const cccd_counts *d,
                           cccd_err *err) {
    if (st->npending * 2 >= st->pending_cap) {
        size_t ncap = st->pending_cap ? st->pending_cap * 2 : 1024;
        counter_delta *nt = calloc(ncap, sizeof *nt);
        if (nt == NULL)
            return cccd_err_set(err, CCCD_E_NOMEM, "coverage", "out of memory");
        for (size_t i = 0; i < st->pending_cap; i++) {
            if (!st->pending[i].unit_key[0])
                continue;
            size_t j = key_hash(st->pending[i].unit_key) & (ncap - 1);
            while (nt[j].unit_key[0])
                j = (j + 1) & (ncap - 1);
            nt[j] = st->pending[i];
        }
        free(st->pending);
        st->pending = nt;
        st->pending_cap = ncap;
    }
    size_t j = key_hash(unit_key) & (st->pending_cap - 1);
    while (st->pending[j].unit_key[0] && strcmp(st->pending[j].unit_key, unit_key) != 0)
        j = (j + 1) & (st->pending_cap - 1);
    counter_delta *x = &st->pending[j];
    if (!x->unit_key[0]) {
        strncpy(x->unit_key, unit_key, CCCD_UNIT_KEY_LEN - 1);
        st->npending++;
    }
    x->d.residents += d->residents;
    x->d.eligible += d->eligible;
    x->d.valid_card += d->valid_card;
    x->d.in_progress += d->in_progress;
    return CCCD_OK;
}

void store_counts_discard(cccd_store *st) {
    if (st->pending)
        memset(st->pending, 0, st->pending_cap * sizeof *st->pending);
    st->npending = 0;
}

cccd_errc store_counts_flush(cccd_store *st, cccd_err *err) {
    cccd_errc rc = CCCD_OK;
    for (size_t i = 0; i < st->pending_cap && rc == CCCD_OK; i++) {
        counter_delta *x = &st->pending[i];
        if (!x->unit_key[0] ||
            (!x->d.residents && !x->d.eligible && !x->d.valid_card && !x->d.in_progress))
            continue;
        store_stmt *s = NULL;
        bool row;
        rc = store_stmt_get(
            st, SLOT_COUNTS_UPSERT,
            "INSERT INTO coverage_counters (unit_key, residents, eligible, valid_card,"
            " in_progress) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (unit_key) DO UPDATE SET"
            " residents = coverage_counters.residents + excluded.residents,"
            " eligible = coverage_counters.eligible + excluded.eligible,"
            " valid_card = coverage_counters.valid_card + excluded.valid_card,"
            " in_progress = coverage_counters.in_progress + excluded.in_progress",
            &s, err);
        if (rc == CCCD_OK && (rc = st->drv->bind_text(s, 1, x->unit_key, err)) == CCCD_OK &&
            (rc = st->drv->bind_int64(s, 2, x->d.residents, err)) == CCCD_OK &&
            (rc = st->drv->bind_int64(s, 3, x->d.eligible, err)) == CCCD_OK &&
            (rc = st->drv->bind_int64(s, 4, x->d.valid_card, err)) == CCCD_OK &&
            (rc = st->drv->bind_int64(s, 5, x->d.in_progress, err)) == CCCD_OK)
            rc = st->drv->step(s, &row, err);
    }
    if (rc == CCCD_OK)
        store_counts_discard(st);
    return rc;
}

cccd_errc store_reference_day(cccd_store *st, int64_t *day, cccd_err *err) {
    if (st->in_txn && st->reference_day != INT64_MIN) {
        *day = st->reference_day;
        return CCCD_OK;
    }
    store_stmt *s = NULL;
    bool row;
    cccd_errc rc = store_stmt_get(st, SLOT_REF_GET,
                                  "SELECT reference_day FROM coverage_meta WHERE id = 1", &s, err);
    if (rc == CCCD_OK)
        rc = st->drv->step(s, &row, err);
    *day = rc == CCCD_OK && row ? st->drv->col_int64(s, 0) : INT64_MIN;
    st->drv->reset(s);
    if (rc == CCCD_OK && st->in_txn)
        st->reference_day = *day;
    return rc;
}

/* Adds the changes between two days to the pending counters. */
static void add_change(void *ctx, const char *unit_key, const cccd_counts *c) {
    void **pair = ctx;
    cccd_store *st = pair[0];
    cccd_err *err = pair[1];
    cccd_errc *rc = pair[2];
    if (*rc == CCCD_OK)
        *rc = store_counts_add(st, unit_key, c, err);
}

cccd_errc cccd_store_coverage_begin(cccd_store *st, int64_t today, cccd_err *err) {
    if (!st->in_txn)
        return cccd_err_set(err, CCCD_E_INTERNAL, "coverage",
                            "coverage_begin outside a "
                            "transaction");
    int64_t ref;
    cccd_errc rc = store_reference_day(st, &ref, err);
    if (rc != CCCD_OK || ref == today)
        return rc;
    if (ref != INT64_MIN) {
        /* roll the counters forward (or back) to today: only the people whose status changes
         * in between are read */
        cccd_errc add_rc = CCCD_OK;
        void *pair[3] = {st, err, &add_rc};
        rc = cccd_store_coverage_changes(st, ref, today, add_change, pair, err);
        if (rc == CCCD_OK)
            rc = add_rc;
        if (rc != CCCD_OK)
            return rc;
    }
    store_stmt *s = NULL;
    bool row;
    rc = store_stmt_get(st, SLOT_REF_SET,
                        "INSERT INTO coverage_meta (id, reference_day) VALUES (1, $1)"
                        " ON CONFLICT (id) DO UPDATE SET reference_day = excluded.reference_day",
                        &s, err);
    if (rc == CCCD_OK && (rc = st->drv->bind_int64(s, 1, today, err)) == CCCD_OK)
        rc = st->drv->step(s, &row, err);
    if (rc == CCCD_OK)
        st->reference_day = today;
    return rc;
}

cccd_errc cccd_store_coverage_day(cccd_store *st, int64_t *day, cccd_err *err) {
    return store_reference_day(st, day, err);
}

cccd_errc cccd_store_coverage_counters(cccd_store *st, int64_t *reference_day,
                                       cccd_store_counts_cb cb, void *ctx, cccd_err *err) {
    cccd_errc rc = store_reference_day(st, reference_day, err);
    store_stmt *s = NULL;
    bool row;
    if (rc == CCCD_OK)
        rc = store_stmt_get(st, SLOT_COUNTERS_ALL,
                            "SELECT unit_key, residents, eligible, valid_card, in_progress"
                            " FROM coverage_counters",
                            &s, err);
    while (rc == CCCD_OK && (rc = st->drv->step(s, &row, err)) == CCCD_OK && row) {
        cccd_counts c = {st->drv->col_int64(s, 1), st->drv->col_int64(s, 2),
                         st->drv->col_int64(s, 3), st->drv->col_int64(s, 4)};
        cb(ctx, st->drv->col_text(s, 0), &c);
    }
    if (rc == CCCD_OK)
        st->drv->reset(s);
    return rc;
}

cccd_errc cccd_store_coverage_changes(cccd_store *st, int64_t from, int64_t to,
                                      cccd_store_counts_cb cb, void *ctx, cccd_err *err) {
    if (from == to)
        return CCCD_OK;
    int64_t lo = from < to ? from : to, hi = from < to ? to : from;
    /* a status can only change on a day in (lo, hi]: turning 14, a card's first day, the day
     * after its last (IS NOT NULL: the card indexes are partial, and the planner takes them only
     * when the query says so) */
    store_stmt *s = NULL;
    bool row;
    cccd_errc rc = store_stmt_get(
        st, SLOT_CHANGES,
        "SELECT permanent_unit, deceased, eligible_from, card_type, card_issued, card_expiry"
        " FROM citizens WHERE (eligible_from > $1 AND eligible_from <= $2)"
        " OR (card_issued IS NOT NULL AND card_issued > $1 AND card_issued <= $2)"
        " OR (card_expiry IS NOT NULL AND card_expiry >= $1 AND card_expiry < $2)",
        &s, err);
    if (rc == CCCD_OK && (rc = st->drv->bind_int64(s, 1, lo, err)) == CCCD_OK)
        rc = st->drv->bind_int64(s, 2, hi, err);
    while (rc == CCCD_OK && (rc = st->drv->step(s, &row, err)) == CCCD_OK && row) {
        bool deceased = st->drv->col_int64(s, 1) != 0;
        int64_t elig = st->drv->col_int64(s, 2);
        bool chip = strcmp(st->drv->col_text(s, 3), "chip") == 0;
        int64_t issued = st->drv->col_null(s, 4) ? INT64_MIN : st->drv->col_int64(s, 4);
        int64_t expiry = st->drv->col_null(s, 5) ? INT64_MAX : st->drv->col_int64(s, 5);
        cccd_citizen_status a = cccd_citizen_status_on(from, deceased, elig, chip, issued, expiry);
        cccd_citizen_status b = cccd_citizen_status_on(to, deceased, elig, chip, issued, expiry);
        cccd_counts d = {b.resident - a.resident, b.eligible - a.eligible,
                         b.valid_card - a.valid_card, 0};
        if (d.residents || d.eligible || d.valid_card)
            cb(ctx, st->drv->col_text(s, 0), &d);
    }
    if (rc == CCCD_OK)
        st->drv->reset(s);
    return rc;
}
