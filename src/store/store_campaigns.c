/*
 * store_campaigns.c: quotas, campaigns, incidents and the daily figures over a range of days
 * in the database (see store_campaigns.h); the only SQL of issue 8's progress.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_campaigns.h"
#include "store/store_internal.h"

enum {
    SLOT_QUOTA_RETIRE = STORE_CAMPAIGNS_SLOT0,
    SLOT_QUOTA_ADD,
    SLOT_QUOTAS_CURRENT,
    SLOT_QUOTA_HISTORY,
    SLOT_CAMPAIGN_ADD,
    SLOT_CAMPAIGNS,
    SLOT_INCIDENT_ADD,
    SLOT_INCIDENT_GET,
    SLOT_INCIDENT_UPDATE,
    SLOT_INCIDENTS,
    SLOT_INCIDENTS_OPEN,
    SLOT__END
};
_Static_assert((int)SLOT__END <= (int)STORE_FREE_SLOT0,
               "store_campaigns.c: its statements overflow its slots (208..239)");

static void copy_col(cccd_store *st, store_stmt *s, int col, char *buf, size_t size) {
    const char *v = st->drv->col_null(s, col) ? NULL : st->drv->col_text(s, col);
    snprintf(buf, size, "%s", v ? v : "");
}

static int64_t int_col(cccd_store *st, store_stmt *s, int col) {
    return st->drv->col_null(s, col) ? 0 : st->drv->col_int64(s, col);
}

/* Runs s (bound) to the end for its effect. */
static cccd_errc exec(cccd_store *st, store_stmt *s, cccd_err *err) {
    bool row = false;
    cccd_errc rc;
    while ((rc = st->drv->step(s, &row, err)) == CCCD_OK && row)
        ;
    return rc;
}

/* ---- quotas ---- */

#define QUOTA_COLS "id, unit_key, target, deadline, set_by, set_at, current"

static void read_quota(cccd_store *st, store_stmt *s, cccd_quota *q) {
    memset(q, 0, sizeof *q);
    q->id = st->drv->col_int64(s, 0);
    copy_col(st, s, 1, q->unit_key, sizeof q->unit_key);
    q->target = st->drv->col_int64(s, 2);
    q->deadline = st->drv->col_int64(s, 3);
    copy_col(st, s, 4, q->set_by, sizeof q->set_by);
    q->set_at = st->drv->col_int64(s, 5);
    q->current = st->drv->col_int64(s, 6) != 0;
}

cccd_errc cccd_store_quota_retire(cccd_store *st, const char *unit_key, cccd_err *err) {
    store_stmt *s = NULL;
    cccd_errc rc = store_stmt_get(
        st, SLOT_QUOTA_RETIRE, "UPDATE quotas SET current = 0 WHERE unit_key = $1 AND current = 1",
        &s, err);
    if (rc == CCCD_OK && (rc = store_bindf(st, s, err, "t", unit_key)) == CCCD_OK)
        rc = exec(st, s, err);
    if (s)
        st->drv->reset(s);
    return rc;
}

cccd_errc cccd_store_quota_set(cccd_store *st, cccd_quota *q, cccd_err *err) {
    store_stmt *s = NULL;
    cccd_errc rc = cccd_store_quota_retire(st, q->unit_key, err);
    if (rc != CCCD_OK)
        return rc;
    bool row = false;
    rc = store_stmt_get(st, SLOT_QUOTA_ADD,
                        "INSERT INTO quotas (unit_key, target, deadline, set_by, set_at, current)"
                        " VALUES ($1, $2, $3, $4, $5, 1) RETURNING id",
                        &s, err);
    if (rc == CCCD_OK &&
        (rc = store_bindf(st, s, err, "tiiti", q->unit_key, q->target, q->deadline, q->set_by,
                          q->set_at)) == CCCD_OK &&
        (rc = st->drv->step(s, &row, err)) == CCCD_OK && row)
        q->id = st->drv->col_int64(s, 0);
    st->drv->reset(s);
    q->current = true;
    return rc;
}

static cccd_errc each_quota(cccd_store *st, store_stmt *s, cccd_quota_cb cb, void *ctx,
                            cccd_err *err) {
    bool row = false;
    cccd_errc rc;
    while ((rc = st->drv->step(s, &row, err)) == CCCD_OK && row) {
        cccd_quota q;
        read_quota(st, s, &q);
        cb(ctx, &q);
    }
    st->drv->reset(s);
    return rc;
}

cccd_errc cccd_store_quotas_current(cccd_store *st, cccd_quota_cb cb, void *ctx, cccd_err *err) {
    store_stmt *s = NULL;
    cccd_errc rc = store_stmt_get(st, SLOT_QUOTAS_CURRENT,
                                  "SELECT " QUOTA_COLS " FROM quotas WHERE current = 1"
                                  " ORDER BY unit_key",
                                  &s, err);
    return rc == CCCD_OK ? each_quota(st, s, cb, ctx, err) : rc;
}

cccd_errc cccd_store_quota_history(cccd_store *st, const char *unit_key, cccd_quota_cb cb,
                                   void *ctx, cccd_err *err) {
    store_stmt *s = NULL;
    cccd_errc rc = store_stmt_get(st, SLOT_QUOTA_HISTORY,
                                  "SELECT " QUOTA_COLS " FROM quotas WHERE unit_key = $1"
                                  " ORDER BY id",
                                  &s, err);
    if (rc == CCCD_OK && (rc = store_bindf(st, s, err, "t", unit_key)) != CCCD_OK)
        st->drv->reset(s);
    return rc == CCCD_OK ? each_quota(st, s, cb, ctx, err) : rc;
}

/* ---- campaigns ---- */

cccd_errc cccd_store_campaign_add(cccd_store *st, cccd_campaign *c, cccd_err *err) {
    store_stmt *s = NULL;
    bool row = false;
    cccd_errc rc = store_stmt_get(st, SLOT_CAMPAIGN_ADD,
                                  "INSERT INTO campaigns (name, unit_key, from_day, to_day, target,"
                                  " created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)"
                                  " RETURNING id",
                                  &s, err);
    if (rc == CCCD_OK &&
        (rc = store_bindf(st, s, err, "ttiiiti", c->name, c->unit_key, c->from_day, c->to_day,
                          c->target, c->created_by, c->created_at)) == CCCD_OK &&
        (rc = st->drv->step(s, &row, err)) == CCCD_OK && row)
        c->id = st->drv->col_int64(s, 0);
    st->drv->reset(s);
    return rc;
}

cccd_errc cccd_store_campaigns(cccd_store *st, cccd_campaign_cb cb, void *ctx, cccd_err *err) {
    store_stmt *s = NULL;
    bool row = false;
    cccd_errc rc = store_stmt_get(st, SLOT_CAMPAIGNS,
                                  "SELECT id, name, unit_key, from_day, to_day, target, created_by,"
                                  " created_at FROM campaigns ORDER BY id",
                                  &s, err);
    while (rc == CCCD_OK && (rc = st->drv->step(s, &row, err)) == CCCD_OK && row) {
        cccd_campaign c;
        memset(&c, 0, sizeof c);
        c.id = st->drv->col_int64(s, 0);
        copy_col(st, s, 1, c.name, sizeof c.name);
        copy_col(st, s, 2, c.unit_key, sizeof c.unit_key);
        c.from_day = st->drv->col_int64(s, 3);
        c.to_day = st->drv->col_int64(s, 4);
        c.target = st->drv->col_int64(s, 5);
        copy_col(st, s, 6, c.created_by, sizeof c.created_by);
        c.created_at = st->drv->col_int64(s, 7);
        cb(ctx, &c);
    }
    if (s)
        st->drv->reset(s);
    return rc;
}

/* ---- incidents ---- */

#define INCIDENT_COLS                                                                              \
    "id, unit_key, kind, state, place, note, reported_by, reported_at, assignee, answer,"          \
    " closed_at"

static void read_incident(cccd_store *st, store_stmt *s, cccd_incident *i) {
    memset(i, 0, sizeof *i);
    i->id = st->drv->col_int64(s, 0);
    copy_col(st, s, 1, i->unit_key, sizeof i->unit_key);
    copy_col(st, s, 2, i->kind, sizeof i->kind);
    copy_col(st, s, 3, i->state, sizeof i->state);
    copy_col(st, s, 4, i->place, sizeof i->place);
    copy_col(st, s, 5, i->note, sizeof i->note);
    copy_col(st, s, 6, i->reported_by, sizeof i->reported_by);
    i->reported_at = st->drv->col_int64(s, 7);
    copy_col(st, s, 8, i->assignee, sizeof i->assignee);
    copy_col(st, s, 9, i->answer, sizeof i->answer);
    i->closed_at = int_col(st, s, 10);
}

cccd_errc cccd_store_incident_add(cccd_store *st, cccd_incident *i, cccd_err *err) {
    store_stmt *s = NULL;
    bool row = false;
    cccd_errc rc = store_stmt_get(
        st, SLOT_INCIDENT_ADD,
        "INSERT INTO incidents (unit_key, kind, state, place, note, reported_by, reported_at,"
        " assignee, answer, closed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
        " RETURNING id",
        &s, err);
    if (rc == CCCD_OK &&
        (rc = store_bindf(st, s, err, "ttttttittz", i->unit_key, i->kind, i->state, i->place,
                          i->note, i->reported_by, i->reported_at, i->assignee, i->answer,
                          i->closed_at)) == CCCD_OK &&
        (rc = st->drv->step(s, &row, err)) == CCCD_OK && row)
        i->id = st->drv->col_int64(s, 0);
    st->drv->reset(s);
    return rc;
}

cccd_errc cccd_store_incident_get(cccd_store *st, int64_t id, cccd_incident *out, bool *found,
                                  cccd_err *err) {
    store_stmt *s = NULL;
    *found = false;
    cccd_errc rc = store_stmt_get(st, SLOT_INCIDENT_GET,
                                  "SELECT " INCIDENT_COLS " FROM incidents WHERE id = $1", &s, err);
    if (rc == CCCD_OK && (rc = store_bindf(st, s, err, "i", id)) == CCCD_OK &&
        (rc = st->drv->step(s, found, err)) == CCCD_OK && *found)
        read_incident(st, s, out);
    st->drv->reset(s);
    return rc;
}

cccd_errc cccd_store_incident_update(cccd_store *st, const cccd_incident *i, cccd_err *err) {
    store_stmt *s = NULL;
    cccd_errc rc = store_stmt_get(st, SLOT_INCIDENT_UPDATE,
                                  "UPDATE incidents SET state = $2, assignee = $3, answer = $4,"
                                  " closed_at = $5 WHERE id = $1",
                                  &s, err);
    if (rc == CCCD_OK && (rc = store_bindf(st, s, err, "itttz", i->id, i->state, i->assignee,
                                           i->answer, i->closed_at)) == CCCD_OK)
        rc = exec(st, s, err);
    if (s)
        st->drv->reset(s);
    return rc;
}

cccd_errc cccd_store_incidents(cccd_store *st, bool open_only, cccd_incident_cb cb, void *ctx,
                               cccd_err *err) {
    store_stmt *s = NULL;
    bool row = false;
    cccd_errc rc =
        open_only ? store_stmt_get(st, SLOT_INCIDENTS_OPEN,
                                   "SELECT " INCIDENT_COLS " FROM incidents"
                                   " WHERE state <> 'closed' ORDER BY id",
                                   &s, err)
                  : store_stmt_get(st, SLOT_INCIDENTS,
                                   "SELECT " INCIDENT_COLS " FROM incidents ORDER BY id", &s, err);
    while (rc == CCCD_OK && (rc = st->drv->step(s, &row, err)) == CCCD_OK && row) {
        cccd_incident i;
        read_incident(st, s, &i);
        cb(ctx, &i);
    }
    if (s)
        st->drv->reset(s);
    return rc;
}
