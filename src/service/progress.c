/*
 * progress.c: a unit's progress on a day, computed from the daily figures, the quotas and
 * the campaigns (see progress.h, docs/progress.md).
 */
#include "service/progress.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "core/application.h"
#include "service/jurisdiction.h"
#include "service/rollup.h"

#define HORIZON 3650       /* days a forecast may reach ahead */
#define PROJECTION_MAX 366 /* days of projection a row's JSON carries at most */

/* The recent rate (mean of the last 7 of the 28 days) and each weekday's factor (its mean
 * over the 28 days / the mean of all 28; 1 when they are all zero). */
static double pattern(const int64_t daily[28], int64_t day, double factor[7]) {
    double last7 = 0, all = 0, by_wd[7] = {0};
    int n_wd[7] = {0};
    for (int i = 0; i < 28; i++) {
        int64_t d = day - 27 + i;
        all += (double)daily[i];
        by_wd[cccd_date_weekday(d)] += (double)daily[i];
        n_wd[cccd_date_weekday(d)]++;
        if (i >= 21)
            last7 += (double)daily[i];
    }
    double mean = all / 28.0;
    for (int w = 0; w < 7; w++)
        factor[w] = mean > 0 ? by_wd[w] / n_wd[w] / mean : 1.0;
    return last7 / 7.0;
}

bool cccd_progress_forecast(const int64_t daily[28], int64_t day, int64_t remaining,
                            int64_t *finish, double *rate7) {
    double factor[7], rate = pattern(daily, day, factor);
    if (rate7)
        *rate7 = rate;
    if (remaining <= 0) {
        *finish = day;
        return true;
    }
    if (rate <= 0)
        return false;
    double got = 0;
    for (int64_t d = day + 1; d <= day + HORIZON; d++) {
        got += rate * factor[cccd_date_weekday(d)];
        if (got + 1e-9 >= (double)remaining) {
            *finish = d;
            return true;
        }
    }
    return false;
}

void cccd_progress_projection(const int64_t daily[28], int64_t day, double *out, size_t n) {
    double factor[7], rate = pattern(daily, day, factor);
    for (size_t i = 0; i < n; i++)
        out[i] = rate * factor[cccd_date_weekday(day + 1 + (int64_t)i)];
}

/* ---- counting the figures ---- */

/* Where each key of a count list sits (an index into v, plus 1; 0: free): the country's list of
 * officers holds thousands of names, found by hash rather than by walking the list. */
typedef struct count_index {
    uint32_t *slot; /* owned; cap a power of 2, at most half full */
    size_t cap, vcap;
} count_index;

static uint32_t *index_find(const cccd_progress_counts *c, const count_index *ix, const char *key) {
    size_t i = (size_t)XXH3_64bits(key, strlen(key)) & (ix->cap - 1);
    while (ix->slot[i] != 0 && strcmp(c->v[ix->slot[i] - 1].key, key) != 0)
        i = (i + 1) & (ix->cap - 1);
    return &ix->slot[i];
}

static cccd_errc count_add(cccd_progress_counts *c, count_index *ix, const char *key_in, int64_t n,
                           bool on_day) {
    char key[sizeof c->v[0].key];
    snprintf(key, sizeof key, "%s", key_in);
    if (2 * (c->n + 1) > ix->cap) {
        size_t cap = ix->cap ? 2 * ix->cap : 16;
        uint32_t *ns = calloc(cap, sizeof *ns);
        if (ns == NULL)
            return CCCD_E_NOMEM;
        free(ix->slot);
        ix->slot = ns;
        ix->cap = cap;
        for (size_t i = 0; i < c->n; i++)
            *index_find(c, ix, c->v[i].key) = (uint32_t)i + 1;
    }
    uint32_t *at = index_find(c, ix, key);
    if (*at == 0) {
        if (c->n == ix->vcap) {
            size_t vcap = ix->vcap ? 2 * ix->vcap : 8;
            cccd_progress_count *nv = realloc(c->v, vcap * sizeof *nv);
            if (nv == NULL)
                return CCCD_E_NOMEM;
            c->v = nv;
            ix->vcap = vcap;
        }
        memset(&c->v[c->n], 0, sizeof c->v[c->n]);
        memcpy(c->v[c->n].key, key, sizeof key);
        *at = (uint32_t)++c->n;
    }
    cccd_progress_count *v = &c->v[*at - 1];
    v->total += n;
    if (on_day)
        v->day += n;
    return CCCD_OK;
}

/* the four count lists of a row */
typedef struct row_index {
    count_index type, point, shift, officer;
} row_index;

typedef struct fig_ctx {
    cccd_progress_row *rows; /* the unit's, then its children's */
    row_index *ix;           /* one per row */
    int64_t day;
    bool nomem;
} fig_ctx;

static void add_figure(fig_ctx *c, size_t ri, int64_t d, const char *measure, const char *key,
                       int64_t n) {
    cccd_progress_row *r = &c->rows[ri];
    row_index *ix = &c->ix[ri];
    bool on_day = d == c->day;
    cccd_errc rc = CCCD_OK;
    if (strcmp(measure, "received") == 0 && cccd_app_type_parse(key) < 0) {
        /* key "": the state of that name (a card reached the commune), not an application
         * received at a desk */
    } else if (strcmp(measure, "received") == 0) {
        r->received_total += n;
        r->received_day += on_day ? n : 0;
        if (c->day - d < 28)
            r->daily[27 - (c->day - d)] += n;
        if (r->campaign_id && d >= r->campaign_from)
            r->campaign_received += n;
        rc = count_add(&r->by_type, &ix->type, key, n, on_day);
    } else if (strcmp(measure, "received_point") == 0) {
        rc = count_add(&r->by_point, &ix->point, key, n, on_day);
    } else if (strcmp(measure, "received_shift") == 0) {
        rc = count_add(&r->by_shift, &ix->shift, key, n, on_day);
    } else if (strcmp(measure, "received_by") == 0) {
        rc = count_add(&r->by_officer, &ix->officer, key, n, on_day);
    } else if (strcmp(measure, "approved") == 0) {
        r->approved_total += n;
        r->approved_day += on_day ? n : 0;
    } else if (strcmp(measure, "produced") == 0) {
        r->produced_total += n;
        r->produced_day += on_day ? n : 0;
    } else if (strcmp(measure, "delivered") == 0) {
        r->delivered_total += n;
        r->delivered_day += on_day ? n : 0;
    }
    if (rc != CCCD_OK)
        c->nomem = true;
}

/* a figure of the subtree: the unit's row, and the row of the child it lies in */
static void on_figure(void *ctx, int row, int64_t d, const char *measure, const char *key,
                      int64_t n) {
    fig_ctx *c = ctx;
    add_figure(c, 0, d, measure, key, n);
    if (row >= 0)
        add_figure(c, (size_t)row + 1, d, measure, key, n);
}

typedef struct camp_ctx {
    const cccd_units *u;
    cccd_date day;
    cccd_progress_row *rows; /* total first, then children */
    size_t n;
} camp_ctx;

static void on_campaign(void *ctx, const cccd_campaign *cp) {
    camp_ctx *c = ctx;
    int64_t d = cccd_date_to_days(c->day);
    if (d < cp->from_day || d > cp->to_day)
        return;
    const cccd_unit *cu = cccd_unit_now(c->u, cp->unit_key, c->day);
    /* the country's row has no parent chain: no campaign is over it */
    for (size_t i = 0; cu != NULL && i < c->n; i++) {
        cccd_progress_row *r = &c->rows[i];
        if (!cccd_unit_within(r->unit, cu) || cp->id < r->campaign_id)
            continue;
        r->campaign_id = cp->id;
        snprintf(r->campaign_name, sizeof r->campaign_name, "%s", cp->name);
        r->campaign_from = cp->from_day;
        r->campaign_to = cp->to_day;
        r->campaign_target = cp->target;
    }
}

static int by_key(const void *a, const void *b) {
    return strcmp(((const cccd_progress_count *)a)->key, ((const cccd_progress_count *)b)->key);
}

/* what follows from the counts: percentages, the forecast; the count lists in key order */
static void finish_row(cccd_progress_row *r, int64_t d) {
    cccd_progress_counts *lists[] = {&r->by_type, &r->by_point, &r->by_shift, &r->by_officer};
    for (size_t i = 0; i < 4; i++)
        if (lists[i]->n > 1)
            qsort(lists[i]->v, lists[i]->n, sizeof *lists[i]->v, by_key);
    if (r->quota.set && r->quota.target > 0)
        r->quota_percent = 100.0 * (double)r->received_total / (double)r->quota.target;
    r->over_quota = r->quota.set && r->received_total >= r->quota.target;
    if (r->campaign_id && r->campaign_target > 0)
        r->campaign_percent = 100.0 * (double)r->campaign_received / (double)r->campaign_target;
    int64_t remaining = r->quota.set ? r->quota.target - r->received_total : 0;
    r->forecast = cccd_progress_forecast(r->daily, d, remaining, &r->finish, &r->rate7);
    if (!r->quota.set)
        r->forecast = false;
    r->at_risk = r->quota.set && remaining > 0 && (!r->forecast || r->finish > r->quota.deadline);
}

static void counts_free(cccd_progress_row *r) {
    free(r->by_type.v);
    free(r->by_point.v);
    free(r->by_shift.v);
    free(r->by_officer.v);
}

void cccd_progress_free(cccd_progress *p) {
    counts_free(&p->total);
    for (size_t i = 0; i < p->nchildren; i++)
        counts_free(&p->children[i]);
    free(p->children);
    free(p->over_quota);
    memset(p, 0, sizeof *p);
}

static int by_percent(const void *a, const void *b) {
    const cccd_progress_row *x = *(const cccd_progress_row *const *)a;
    const cccd_progress_row *y = *(const cccd_progress_row *const *)b;
    if (x->quota.set != y->quota.set)
        return x->quota.set ? -1 : 1;
    if (x->quota_percent != y->quota_percent)
        return x->quota_percent > y->quota_percent ? -1 : 1;
    return strcmp(x->unit->code, y->unit->code);
}

static int by_received(const void *a, const void *b) {
    const cccd_progress_count *x = a, *y = b;
    if (x->total != y->total)
        return x->total > y->total ? -1 : 1;
    return strcmp(x->key, y->key);
}

/* ranks, units over quota, top officers */
static cccd_errc standings(cccd_progress *p, cccd_err *err) {
    cccd_progress_row **order = calloc(p->nchildren ? p->nchildren : 1, sizeof *order);
    p->over_quota = calloc(p->nchildren ? p->nchildren : 1, sizeof *p->over_quota);
    if (order == NULL || p->over_quota == NULL) {
        free(order);
        return cccd_err_set(err, CCCD_E_NOMEM, "unit", "out of memory ranking units");
    }
    for (size_t i = 0; i < p->nchildren; i++)
        order[i] = &p->children[i];
    qsort(order, p->nchildren, sizeof *order, by_percent);
    for (size_t i = 0; i < p->nchildren; i++) {
        if (order[i]->quota.set)
            order[i]->rank = (int)i + 1;
        if (order[i]->over_quota)
            p->over_quota[p->nover++] = order[i]->unit;
    }
    free(order);
    const cccd_progress_counts *o = &p->total.by_officer;
    cccd_progress_count *sorted = malloc((o->n ? o->n : 1) * sizeof *sorted);
    if (sorted == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, "unit", "out of memory ranking officers");
    if (o->n)
        memcpy(sorted, o->v, o->n * sizeof *sorted);
    qsort(sorted, o->n, sizeof *sorted, by_received);
    for (size_t i = 0; i < o->n && p->ntop < 5; i++)
        if (sorted[i].key[0] != '\0' && sorted[i].total > 0)
            p->top_officers[p->ntop++] = sorted[i];
    free(sorted);
    return CCCD_OK;
}

/* The country's quota: the provinces' added up, with the latest of their deadlines (none when
 * no province has one); quotas are given by the unit above, and the country has none. */
static cccd_quota_view nation_quota(const cccd_quota_view *qv, size_t n) {
    cccd_quota_view q = {0};
    for (size_t i = 0; i < n; i++) {
        if (!qv[i].set)
            continue;
        if (!q.set || qv[i].deadline > q.deadline)
            q.deadline = qv[i].deadline;
        q.set = true;
        q.target += qv[i].target;
        q.nsources += qv[i].nsources;
    }
    return q;
}

/* Fills rows[0..n] (the unit, then its children) from the coverage, the quotas, the campaigns
 * and one read of the subtree's figures. */
static cccd_errc fill_rows(cccd_store *st, const cccd_units *u, bool nation, cccd_date day,
                           cccd_progress_row *rows, size_t nk, cccd_err *err) {
    int64_t d = cccd_date_to_days(day);
    const cccd_unit **units = calloc(nk + 1, sizeof *units);
    cccd_quota_view *qv = calloc(nk + 1, sizeof *qv);
    row_index *ix = calloc(nk + 1, sizeof *ix);
    cccd_rollup *map = NULL;
    cccd_errc rc = CCCD_OK;
    if (units == NULL || qv == NULL || ix == NULL)
        rc = cccd_err_set(err, CCCD_E_NOMEM, "unit", "out of memory");
    for (size_t i = 0; rc == CCCD_OK && i <= nk; i++)
        units[i] = rows[i].unit;
    /* quotas: one read; the country's row is the sum of its provinces' */
    if (rc == CCCD_OK)
        rc = nation ? cccd_quota_of_many(st, u, units + 1, nk, day, qv + 1, err)
                    : cccd_quota_of_many(st, u, units, nk + 1, day, qv, err);
    if (rc == CCCD_OK && nation)
        qv[0] = nation_quota(qv + 1, nk);
    for (size_t i = 0; rc == CCCD_OK && i <= nk; i++)
        rows[i].quota = qv[i];
    camp_ctx cc = {u, day, rows, nk + 1};
    if (rc == CCCD_OK)
        rc = cccd_store_campaigns(st, on_campaign, &cc, err);
    /* the figures of the whole subtree, one read, each row counted once under its child */
    if (rc == CCCD_OK)
        rc = cccd_rollup_new(u, nation ? NULL : rows[0].unit, units + 1, nk, day, false, &map, err);
    fig_ctx fc = {rows, ix, d, false};
    if (rc == CCCD_OK)
        rc = cccd_rollup_figures(st, map, 0, d, on_figure, &fc, err);
    if (rc == CCCD_OK && fc.nomem)
        rc = cccd_err_set(err, CCCD_E_NOMEM, "unit", "out of memory counting %s",
                          rows[0].unit->code);
    for (size_t i = 0; rc == CCCD_OK && i <= nk; i++)
        finish_row(&rows[i], d);
    for (size_t i = 0; ix != NULL && i <= nk; i++) {
        free(ix[i].type.slot);
        free(ix[i].point.slot);
        free(ix[i].shift.slot);
        free(ix[i].officer.slot);
    }
    cccd_rollup_free(map);
    free(ix);
    free(units);
    free(qv);
    return rc;
}

cccd_errc cccd_progress_get(cccd_store *st, const cccd_units *u, const char *code, cccd_date day,
                            cccd_progress *out, cccd_err *err) {
    memset(out, 0, sizeof *out);
    out->day = day;
    bool nation = cccd_code_is_nation(code);
    /* the coverage gives the unit, its children in force on the day (for the country, the
     * provinces), in code order, and their coverage lines: one pass over the counters */
    cccd_coverage cov;
    cccd_errc rc = cccd_coverage_get(st, u, code, day, &cov, err);
    if (rc != CCCD_OK)
        return rc;
    if (nation) {
        out->nation = cov.nation;
        cov.total.unit = &out->nation;
    }
    size_t nk = cov.nchildren;
    /* rows[0] is the unit, then its children; copied into *out at the end */
    cccd_progress_row *rows = calloc(nk + 1, sizeof *rows);
    if (rows == NULL) {
        cccd_coverage_free(&cov);
        return cccd_err_set(err, CCCD_E_NOMEM, "unit", "out of memory");
    }
    for (size_t i = 0; i <= nk; i++) {
        rows[i].coverage = i == 0 ? cov.total : cov.children[i - 1];
        rows[i].unit = rows[i].coverage.unit;
    }
    cccd_coverage_free(&cov);
    rc = fill_rows(st, u, nation, day, rows, nk, err);
    out->total = rows[0];
    out->nchildren = nk;
    out->children = nk ? malloc(nk * sizeof *out->children) : NULL;
    if (nk && out->children == NULL) {
        for (size_t i = 1; i <= nk; i++)
            counts_free(&rows[i]);
        out->nchildren = 0;
        if (rc == CCCD_OK)
            rc = cccd_err_set(err, CCCD_E_NOMEM, "unit", "out of memory");
    } else if (nk) {
        memcpy(out->children, rows + 1, nk * sizeof *out->children);
    }
    free(rows);
    if (rc == CCCD_OK)
        rc = standings(out, err);
    return rc;
}

/* ---- JSON ---- */

static json_t *counts_json(const cccd_progress_counts *c) {
    json_t *o = json_object();
    for (size_t i = 0; i < c->n; i++)
        json_object_set_new(o, c->v[i].key,
                            json_pack("{s:I,s:I}", "day", (json_int_t)c->v[i].day, "total",
                                      (json_int_t)c->v[i].total));
    return o;
}

static json_t *day_total(int64_t day, int64_t total) {
    return json_pack("{s:I,s:I}", "day", (json_int_t)day, "total", (json_int_t)total);
}

static json_t *date_json(int64_t days) {
    char iso[16];
    return json_string(cccd_date_iso(cccd_date_from_days(days), iso));
}

static double round1(double x) {
    return (double)(int64_t)(x * 10.0 + 0.5) / 10.0;
}

static json_t *row_json(const cccd_progress_row *r, int64_t day) {
    json_t *o = json_object();
    json_object_set_new(o, "code", json_string(r->unit->code));
    json_object_set_new(o, "name", json_string(r->unit->name));
    json_t *rec = day_total(r->received_day, r->received_total);
    json_object_set_new(rec, "by_type", counts_json(&r->by_type));
    json_object_set_new(rec, "by_point", counts_json(&r->by_point));
    json_object_set_new(rec, "by_shift", counts_json(&r->by_shift));
    json_object_set_new(o, "received", rec);
    json_object_set_new(o, "approved", day_total(r->approved_day, r->approved_total));
    json_object_set_new(o, "produced", day_total(r->produced_day, r->produced_total));
    json_object_set_new(o, "delivered", day_total(r->delivered_day, r->delivered_total));
    if (r->quota.set) {
        json_t *q = json_pack("{s:I,s:o,s:f}", "target", (json_int_t)r->quota.target, "deadline",
                              date_json(r->quota.deadline), "percent", round1(r->quota_percent));
        json_object_set_new(o, "quota", q);
    } else {
        json_object_set_new(o, "quota", json_null());
    }
    if (r->campaign_id) {
        json_object_set_new(o, "campaign",
                            json_pack("{s:I,s:s,s:o,s:o,s:I,s:I,s:f}", "id",
                                      (json_int_t)r->campaign_id, "name", r->campaign_name, "from",
                                      date_json(r->campaign_from), "to", date_json(r->campaign_to),
                                      "target", (json_int_t)r->campaign_target, "received",
                                      (json_int_t)r->campaign_received, "percent",
                                      round1(r->campaign_percent)));
    } else {
        json_object_set_new(o, "campaign", json_null());
    }
    json_object_set_new(o, "rank", json_integer(r->rank));
    json_object_set_new(o, "over_quota", json_boolean(r->over_quota));
    json_t *fc = json_pack("{s:f,s:o,s:b}", "rate7", round1(r->rate7), "finish",
                           r->forecast ? date_json(r->finish) : json_null(), "at_risk", r->at_risk);
    json_t *daily = json_array();
    for (int i = 0; i < 28; i++)
        json_array_append_new(daily, json_integer(r->daily[i]));
    json_object_set_new(o, "daily", daily);
    /* the days ahead the forecast runs over: to the later of the deadline and the finish */
    int64_t until = r->quota.set ? r->quota.deadline : day;
    if (r->forecast && r->finish > until)
        until = r->finish;
    size_t n = until > day ? (size_t)(until - day) : 0;
    if (n > PROJECTION_MAX)
        n = PROJECTION_MAX;
    double proj[PROJECTION_MAX];
    cccd_progress_projection(r->daily, day, proj, n);
    json_t *pa = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(pa, json_real(round1(proj[i])));
    json_object_set_new(fc, "projection", pa);
    json_object_set_new(o, "forecast", fc);
    const cccd_coverage_line *c = &r->coverage;
    json_object_set_new(o, "coverage",
                        json_pack("{s:I,s:I,s:I,s:I,s:I,s:I}", "residents",
                                  (json_int_t)c->c.residents, "eligible", (json_int_t)c->c.eligible,
                                  "valid_card", (json_int_t)c->c.valid_card, "in_progress",
                                  (json_int_t)c->c.in_progress, "remaining",
                                  (json_int_t)c->remaining, "split", (json_int_t)c->split));
    return o;
}

json_t *cccd_progress_json(const cccd_progress *p) {
    char iso[16];
    json_t *o = json_object();
    json_object_set_new(o, "date", json_string(cccd_date_iso(p->day, iso)));
    int64_t day = cccd_date_to_days(p->day);
    json_object_set_new(o, "unit", row_json(&p->total, day));
    json_t *kids = json_array();
    for (size_t i = 0; i < p->nchildren; i++)
        json_array_append_new(kids, row_json(&p->children[i], day));
    json_object_set_new(o, "children", kids);
    json_t *units = json_array(), *officers = json_array();
    for (size_t i = 0; i < p->nover; i++)
        json_array_append_new(units, json_string(p->over_quota[i]->code));
    for (size_t i = 0; i < p->ntop; i++)
        json_array_append_new(officers,
                              json_pack("{s:s,s:I}", "name", p->top_officers[i].key, "received",
                                        (json_int_t)p->top_officers[i].total));
    json_object_set_new(o, "commendations",
                        json_pack("{s:o,s:o}", "units", units, "officers", officers));
    return o;
}
