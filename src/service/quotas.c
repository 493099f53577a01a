/*
 * quotas.c: quotas and campaigns, checked, written and audited in one transaction each (see
 * quotas.h).
 */
#include "service/quotas.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "service/audit_log.h"
#include "service/coverage.h"
#include "service/jurisdiction.h"

bool cccd_unit_within(const cccd_unit *a, const cccd_unit *b) {
    for (const cccd_unit *p = a; p != NULL; p = p->parent)
        if (p == b)
            return true;
    return false;
}

cccd_errc cccd_actor_reaches(const cccd_units *u, const cccd_actor *by, const cccd_unit *unit,
                             cccd_date today, bool below_only, cccd_err *err) {
    if (by == NULL || by->role == NULL || by->role[0] == '\0')
        return CCCD_OK; /* the machine */
    cccd_scope sc;
    cccd_errc rc = cccd_scope_get(u, by->unit ? by->unit : "", today, &sc, err);
    if (rc != CCCD_OK)
        return rc;
    const cccd_unit *probe = below_only ? unit->parent : unit;
    bool in = sc.nation || (probe != NULL && cccd_scope_contains(&sc, probe));
    if (!in)
        return cccd_err_set(err, CCCD_E_FORBIDDEN, "unit",
                            "%s %s is outside the jurisdiction of %s (held at %s)%s", unit->code,
                            unit->name, cccd_actor_name(by), by->unit ? by->unit : "",
                            below_only ? ": a quota is given by a unit above" : "");
    return CCCD_OK;
}

/* ---- reading quotas ---- */

typedef struct many_ctx {
    const cccd_units *u;
    const cccd_unit *const *units;
    size_t n;
    cccd_date today;
    cccd_quota_view *out;
} many_ctx;

static void add_quota(void *ctx, const cccd_quota *q) {
    many_ctx *c = ctx;
    const cccd_unit *now = cccd_unit_now(c->u, q->unit_key, c->today);
    for (size_t i = 0; now != NULL && i < c->n; i++)
        if (c->units[i] == now) {
            cccd_quota_view *v = &c->out[i];
            v->target += q->target;
            if (!v->set || q->deadline > v->deadline)
                v->deadline = q->deadline;
            v->set = true;
            v->nsources++;
        }
}

cccd_errc cccd_quota_of_many(cccd_store *st, const cccd_units *u, const cccd_unit *const *units,
                             size_t n, cccd_date today, cccd_quota_view *out, cccd_err *err) {
    memset(out, 0, n * sizeof *out);
    many_ctx c = {u, units, n, today, out};
    return cccd_store_quotas_current(st, add_quota, &c, err);
}

cccd_errc cccd_quota_of(cccd_store *st, const cccd_units *u, const cccd_unit *unit, cccd_date today,
                        cccd_quota_view *out, cccd_err *err) {
    return cccd_quota_of_many(st, u, &unit, 1, today, out, err);
}

/* ---- setting one ---- */

typedef struct keys_ctx {
    const cccd_units *u;
    const cccd_unit *unit;
    cccd_date today;
    char (*keys)[CCCD_UNIT_KEY_LEN];
    size_t n, cap;
    bool nomem;
} keys_ctx;

/* the stored keys (other than the unit's own) whose current quota resolves into c->unit */
static void collect_old(void *ctx, const cccd_quota *q) {
    keys_ctx *c = ctx;
    if (cccd_unit_now(c->u, q->unit_key, c->today) != c->unit)
        return;
    if (c->n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 8;
        void *nk = realloc(c->keys, cap * sizeof *c->keys);
        if (nk == NULL) {
            c->nomem = true;
            return;
        }
        c->keys = nk;
        c->cap = cap;
    }
    snprintf(c->keys[c->n++], CCCD_UNIT_KEY_LEN, "%s", q->unit_key);
}

/* Replaces the quotas that reach unit (its own and its predecessors') by q, inside the
 * caller's transaction. */
static cccd_errc replace_quota(cccd_store *st, const cccd_units *u, const cccd_unit *unit,
                               cccd_date today, cccd_quota *q, cccd_err *err) {
    keys_ctx k = {u, unit, today, NULL, 0, 0, false};
    cccd_errc rc = cccd_store_quotas_current(st, collect_old, &k, err);
    if (rc == CCCD_OK && k.nomem)
        rc = cccd_err_set(err, CCCD_E_NOMEM, "unit", "out of memory reading the quotas");
    for (size_t i = 0; rc == CCCD_OK && i < k.n; i++)
        rc = cccd_store_quota_retire(st, k.keys[i], err);
    free(k.keys);
    cccd_store_unit_key(unit, q->unit_key);
    return rc == CCCD_OK ? cccd_store_quota_set(st, q, err) : rc;
}

typedef struct set_ctx {
    const cccd_units *u;
    const cccd_unit *unit;
    cccd_date today;
    const cccd_actor *by;
    cccd_quota q;
} set_ctx;

static cccd_errc set_txn(cccd_store *st, void *ctx, cccd_err *err) {
    set_ctx *c = ctx;
    cccd_errc rc = replace_quota(st, c->u, c->unit, c->today, &c->q, err);
    if (rc == CCCD_OK) {
        char target[32], detail[96];
        snprintf(target, sizeof target, "unit:%s", c->unit->code);
        cccd_date d = cccd_date_from_days(c->q.deadline);
        snprintf(detail, sizeof detail, "target=%lld deadline=%04d-%02d-%02d",
                 (long long)c->q.target, d.y, d.m, d.d);
        rc = cccd_audit_change(st, c->by, "quota.set", target, detail, err);
    }
    return rc;
}

static cccd_errc check_target(int64_t target, const char *field, cccd_err *err) {
    if (target < 0 || target > 1000000000)
        return cccd_err_set(err, CCCD_E_ARG, field, "%s %lld: give a count from 0 to 1000000000",
                            field, (long long)target);
    return CCCD_OK;
}

cccd_errc cccd_quota_set(cccd_store *st, const cccd_units *u, const char *code, int64_t target,
                         cccd_date deadline, cccd_date today, int64_t now, const cccd_actor *by,
                         cccd_quota *out, cccd_err *err) {
    cccd_errc rc = cccd_actor_may(by, CCCD_PERM_CAMPAIGN_MANAGE, "set a quota", err);
    if (rc != CCCD_OK || (rc = check_target(target, "target", err)) != CCCD_OK)
        return rc;
    if (cccd_date_to_days(deadline) < cccd_date_to_days(today))
        return cccd_err_set(err, CCCD_E_ARG, "deadline",
                            "deadline %04d-%02d-%02d is before today (%04d-%02d-%02d)", deadline.y,
                            deadline.m, deadline.d, today.y, today.m, today.d);
    const cccd_unit *unit = cccd_units_lookup(u, code, CCCD_UNIT_ANY, today, err);
    if (unit == NULL)
        return err->code;
    if ((rc = cccd_actor_reaches(u, by, unit, today, true, err)) != CCCD_OK)
        return rc;
    set_ctx c = {u, unit, today, by, {0}};
    c.q.target = target;
    c.q.deadline = cccd_date_to_days(deadline);
    c.q.set_at = now;
    snprintf(c.q.set_by, sizeof c.q.set_by, "%s", cccd_actor_name(by));
    rc = cccd_store_transaction(st, set_txn, &c, err);
    if (rc == CCCD_OK && out)
        *out = c.q;
    return rc;
}

/* ---- splitting ---- */

void cccd_split_free(cccd_split *s) {
    free(s->v);
    memset(s, 0, sizeof *s);
}

/* Targets in proportion to eligible: floors, then the remainders one each to the largest
 * fractions (ties: code order), so they sum to total. */
static void apportion(cccd_split *s, int64_t total) {
    int64_t all = 0, given = 0;
    for (size_t i = 0; i < s->n; i++)
        all += s->v[i].eligible;
    for (size_t i = 0; i < s->n; i++) {
        s->v[i].target = (int64_t)((__int128)total * s->v[i].eligible / all);
        given += s->v[i].target;
    }
    while (given < total) {
        size_t best = 0;
        __int128 best_frac = -1;
        for (size_t i = 0; i < s->n; i++) {
            /* the fraction left over, scaled by all: total*e - target*all */
            __int128 frac = (__int128)total * s->v[i].eligible - (__int128)s->v[i].target * all;
            if (frac > best_frac) {
                best_frac = frac;
                best = i;
            }
        }
        s->v[best].target++;
        given++;
    }
}

typedef struct split_ctx {
    const cccd_units *u;
    const cccd_unit *unit;
    cccd_date today;
    int64_t now;
    const cccd_actor *by;
    cccd_split *s;
    bool by_hand;
} split_ctx;

static cccd_errc split_txn(cccd_store *st, void *ctx, cccd_err *err) {
    split_ctx *c = ctx;
    cccd_errc rc = CCCD_OK;
    for (size_t i = 0; rc == CCCD_OK && i < c->s->n; i++) {
        cccd_quota q = {.target = c->s->v[i].target, .deadline = c->s->deadline, .set_at = c->now};
        snprintf(q.set_by, sizeof q.set_by, "%s", cccd_actor_name(c->by));
        rc = replace_quota(st, c->u, c->s->v[i].unit, c->today, &q, err);
    }
    if (rc == CCCD_OK) {
        char target[32], detail[160];
        snprintf(target, sizeof target, "unit:%s", c->unit->code);
        snprintf(detail, sizeof detail, "by=%s children=%zu sum=%lld of=%lld",
                 c->by_hand ? "hand" : "eligible", c->s->n, (long long)c->s->sum,
                 (long long)c->s->parent_target);
        rc = cccd_audit_change(st, c->by, "quota.split", target, detail, err);
    }
    return rc;
}

static cccd_errc split_lines(cccd_store *st, const cccd_units *u, const cccd_unit *unit,
                             const cccd_split_in *by_hand, size_t n, cccd_date today, cccd_split *s,
                             cccd_err *err) {
    if (by_hand == NULL) {
        cccd_coverage cov;
        cccd_errc rc = cccd_coverage_get(st, u, unit->code, today, &cov, err);
        if (rc != CCCD_OK)
            return rc;
        s->v = calloc(cov.nchildren ? cov.nchildren : 1, sizeof *s->v);
        if (s->v == NULL) {
            cccd_coverage_free(&cov);
            return cccd_err_set(err, CCCD_E_NOMEM, "by", "out of memory");
        }
        int64_t all = 0;
        for (size_t i = 0; i < cov.nchildren; i++) {
            s->v[i].unit = cov.children[i].unit;
            s->v[i].eligible = cov.children[i].c.eligible;
            all += s->v[i].eligible;
        }
        s->n = cov.nchildren;
        cccd_coverage_free(&cov);
        if (all <= 0)
            return cccd_err_set(err, CCCD_E_ARG, "by",
                                "no unit under %s has an eligible resident on this day: split "
                                "it by hand (--file)",
                                unit->code);
        apportion(s, s->parent_target);
        return CCCD_OK;
    }
    s->v = calloc(n ? n : 1, sizeof *s->v);
    if (s->v == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, "by", "out of memory");
    for (size_t i = 0; i < n; i++) {
        cccd_errc rc = check_target(by_hand[i].target, "target", err);
        if (rc != CCCD_OK)
            return cccd_err_set(err, rc, "target", "line %zu (%s): %s", i + 1, by_hand[i].code,
                                err->msg);
        cccd_err e2;
        const cccd_unit *child = cccd_units_lookup(u, by_hand[i].code, CCCD_UNIT_ANY, today, &e2);
        if (child == NULL || child->parent != unit)
            return cccd_err_set(err, CCCD_E_QUOTA_SCOPE, "code",
                                "line %zu: %s is not a unit in force under %s %s on this day",
                                i + 1, by_hand[i].code, unit->code, unit->name);
        for (size_t j = 0; j < s->n; j++)
            if (s->v[j].unit == child)
                return cccd_err_set(err, CCCD_E_QUOTA_SCOPE, "code", "line %zu: %s is listed twice",
                                    i + 1, by_hand[i].code);
        s->v[s->n].unit = child;
        s->v[s->n].target = by_hand[i].target;
        s->n++;
    }
    if (n == 0)
        return cccd_err_set(err, CCCD_E_ARG, "file", "no line to split %s's quota by", unit->code);
    return CCCD_OK;
}

cccd_errc cccd_quota_split(cccd_store *st, const cccd_units *u, const char *code,
                           const cccd_split_in *by_hand, size_t n, cccd_date today, int64_t now,
                           const cccd_actor *by, cccd_split *out, cccd_err *err) {
    memset(out, 0, sizeof *out);
    cccd_errc rc = cccd_actor_may(by, CCCD_PERM_CAMPAIGN_MANAGE, "split a quota", err);
    if (rc != CCCD_OK)
        return rc;
    const cccd_unit *unit = cccd_units_lookup(u, code, CCCD_UNIT_ANY, today, err);
    if (unit == NULL)
        return err->code;
    if ((rc = cccd_actor_reaches(u, by, unit, today, false, err)) != CCCD_OK)
        return rc;
    cccd_quota_view qv;
    if ((rc = cccd_quota_of(st, u, unit, today, &qv, err)) != CCCD_OK)
        return rc;
    if (!qv.set)
        return cccd_err_set(err, CCCD_E_QUOTA_UNKNOWN, "unit",
                            "%s %s has no quota to split: set one first (cccd quota set)",
                            unit->code, unit->name);
    out->parent_target = qv.target;
    out->deadline = qv.deadline;
    if ((rc = split_lines(st, u, unit, by_hand, n, today, out, err)) != CCCD_OK) {
        cccd_split_free(out);
        return rc;
    }
    for (size_t i = 0; i < out->n; i++)
        out->sum += out->v[i].target;
    if (out->sum < out->parent_target) {
        out->short_of_parent = true;
        snprintf(out->warning, sizeof out->warning,
                 "the children's quotas add up to %lld, %lld short of %s's %lld",
                 (long long)out->sum, (long long)(out->parent_target - out->sum), unit->code,
                 (long long)out->parent_target);
    }
    split_ctx c = {u, unit, today, now, by, out, by_hand != NULL};
    if ((rc = cccd_store_transaction(st, split_txn, &c, err)) != CCCD_OK)
        cccd_split_free(out);
    return rc;
}

/* ---- campaigns ---- */

typedef struct campaign_ctx {
    const cccd_actor *by;
    cccd_campaign *c;
} campaign_ctx;

static cccd_errc campaign_txn(cccd_store *st, void *ctx, cccd_err *err) {
    campaign_ctx *c = ctx;
    cccd_errc rc = cccd_store_campaign_add(st, c->c, err);
    if (rc == CCCD_OK) {
        char target[32], detail[CCCD_CAMPAIGN_NAME_LEN + 96];
        snprintf(target, sizeof target, "campaign:%lld", (long long)c->c->id);
        cccd_date f = cccd_date_from_days(c->c->from_day), t = cccd_date_from_days(c->c->to_day);
        snprintf(detail, sizeof detail, "unit=%s from=%04d-%02d-%02d to=%04d-%02d-%02d target=%lld",
                 c->c->unit_key, f.y, f.m, f.d, t.y, t.m, t.d, (long long)c->c->target);
        rc = cccd_audit_change(st, c->by, "campaign.add", target, detail, err);
    }
    return rc;
}

cccd_errc cccd_campaign_add(cccd_store *st, const cccd_units *u, const char *name, const char *code,
                            cccd_date from, cccd_date to, int64_t target, cccd_date today,
                            int64_t now, const cccd_actor *by, cccd_campaign *out, cccd_err *err) {
    cccd_errc rc = cccd_actor_may(by, CCCD_PERM_CAMPAIGN_MANAGE, "add a campaign", err);
    if (rc != CCCD_OK || (rc = check_target(target, "target", err)) != CCCD_OK)
        return rc;
    if (name == NULL || name[0] == '\0' || strlen(name) >= CCCD_CAMPAIGN_NAME_LEN)
        return cccd_err_set(err, CCCD_E_ARG, "name", "a campaign needs a name of 1 to %d bytes",
                            CCCD_CAMPAIGN_NAME_LEN - 1);
    if (cccd_date_to_days(to) < cccd_date_to_days(from))
        return cccd_err_set(err, CCCD_E_ARG, "to", "the campaign ends before it starts");
    const cccd_unit *unit = cccd_units_lookup(u, code, CCCD_UNIT_ANY, today, err);
    if (unit == NULL)
        return err->code;
    if ((rc = cccd_actor_reaches(u, by, unit, today, false, err)) != CCCD_OK)
        return rc;
    cccd_campaign c = {.from_day = cccd_date_to_days(from),
                       .to_day = cccd_date_to_days(to),
                       .target = target,
                       .created_at = now};
    snprintf(c.name, sizeof c.name, "%s", name);
    cccd_store_unit_key(unit, c.unit_key);
    snprintf(c.created_by, sizeof c.created_by, "%s", cccd_actor_name(by));
    campaign_ctx cc = {by, &c};
    rc = cccd_store_transaction(st, campaign_txn, &cc, err);
    if (rc == CCCD_OK && out)
        *out = c;
    return rc;
}

typedef struct list_ctx {
    const cccd_units *u;
    const cccd_unit *unit; /* NULL: all */
    cccd_date today;
    cccd_campaign_unit_cb cb;
    void *ctx;
} list_ctx;

static void each_campaign(void *ctx, const cccd_campaign *c) {
    list_ctx *l = ctx;
    const cccd_unit *now = cccd_unit_now(l->u, c->unit_key, l->today);
    if (l->unit == NULL ||
        (now != NULL && (cccd_unit_within(l->unit, now) || cccd_unit_within(now, l->unit))))
        l->cb(l->ctx, c, now);
}

cccd_errc cccd_campaigns_list(cccd_store *st, const cccd_units *u, const char *code,
                              cccd_date today, cccd_campaign_unit_cb cb, void *ctx, cccd_err *err) {
    list_ctx l = {u, NULL, today, cb, ctx};
    if (code != NULL && (l.unit = cccd_units_lookup(u, code, CCCD_UNIT_ANY, today, err)) == NULL)
        return err->code;
    return cccd_store_campaigns(st, each_campaign, &l, err);
}

json_t *cccd_campaign_json(const cccd_campaign *c, const cccd_unit *unit) {
    char f[11], t[11];
    return json_pack("{s:I, s:s, s:s, s:s, s:s, s:I, s:s}", "id", (json_int_t)c->id, "name",
                     c->name, "unit", unit ? unit->code : c->unit_key, "from",
                     cccd_date_iso(cccd_date_from_days(c->from_day), f), "to",
                     cccd_date_iso(cccd_date_from_days(c->to_day), t), "target",
                     (json_int_t)c->target, "created_by", c->created_by);
}
