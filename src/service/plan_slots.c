/*
 * plan_slots.c: the shifts a plan can fill and how many people each can take (see
 * plan_internal.h). Capacity comes from the kits working at a point on each day, read from the
 * kits' dated history (core/kit.h): a kit that broke, or left for another unit, counts from
 * that day on.
 */
#include <stdlib.h>
#include <string.h>

#include "service/jurisdiction.h"
#include "service/plan_internal.h"

const cccd_unit *plan_unit_at(const cccd_units *u, const char *key, cccd_date at) {
    const cccd_unit *v = cccd_units_by_key(u, key);
    if (v == NULL || cccd_unit_in_force(v, at))
        return v;
    cccd_unit_resolution r;
    cccd_err err;
    cccd_date rec = v->valid_from;
    if (cccd_units_resolve(u, v->code, v->level, rec.prec != CCCD_DATE_NONE ? &rec : NULL, at, &r,
                           &err) != CCCD_OK)
        return NULL;
    const cccd_unit *h = r.n ? r.units[0] : NULL;
    cccd_unit_resolution_free(&r);
    return h;
}

bool plan_under(const cccd_unit *v, const cccd_unit *top) {
    for (; v; v = v->parent)
        if (v == top)
            return true;
    return false;
}

cccd_errc plan_points(cccd_store *st, const cccd_units *u, const cccd_unit *unit, cccd_date at,
                      cccd_plan *p, cccd_err *err) {
    cccd_point *all = NULL;
    size_t n = 0, k = 0;
    cccd_errc rc = cccd_store_points_list(st, &all, &n, err);
    if (rc != CCCD_OK)
        return rc;
    for (size_t i = 0; i < n; i++) {
        const cccd_unit *v = plan_unit_at(u, all[i].unit_key, at);
        if (v && plan_under(v, unit))
            all[k++] = all[i];
    }
    p->points = all;
    p->npoints = k;
    return CCCD_OK;
}

/* The index of a point by id (points are sorted by id), or -1. */
static long point_index(const cccd_plan *p, int64_t id) {
    size_t lo = 0, hi = p->npoints;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (p->points[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < p->npoints && p->points[lo].id == id ? (long)lo : -1;
}

/* Working kits per point and day, from the kits' events. */
typedef struct kit_count {
    const cccd_plan *p;
    int ndays;
    int *kits; /* [point][day] */
    char serial[CCCD_KIT_SERIAL_MAX + 1];
    cccd_kit_event *ev;
    size_t nev, cap;
    bool nomem;
} kit_count;

static void kit_flush(kit_count *k) {
    for (int d = 0; d < k->ndays && k->nev; d++) {
        cccd_kit_state s;
        int64_t pt;
        cccd_kit_on_day(k->ev, k->nev, k->p->from + d, &s, &pt);
        long pi = s == CCCD_KIT_WORKING && pt > 0 ? point_index(k->p, pt) : -1;
        if (pi >= 0)
            k->kits[(size_t)pi * (size_t)k->ndays + (size_t)d]++;
    }
    k->nev = 0;
}

static void on_kit_event(void *ctx, const cccd_kit_history_row *r) {
    kit_count *k = ctx;
    if (strcmp(k->serial, r->serial) != 0) {
        kit_flush(k);
        snprintf(k->serial, sizeof k->serial, "%s", r->serial);
    }
    if (k->nev == k->cap) {
        size_t cap = k->cap ? 2 * k->cap : 16;
        cccd_kit_event *ne = realloc(k->ev, cap * sizeof *ne);
        if (ne == NULL) {
            k->nomem = true;
            return;
        }
        k->ev = ne;
        k->cap = cap;
    }
    k->ev[k->nev++] = r->ev;
}

typedef struct day_override {
    int64_t day;
    cccd_shift_override o;
} day_override;

typedef struct override_list {
    day_override *v;
    size_t n, cap;
    bool nomem;
} override_list;

static void on_override(void *ctx, int64_t day, const cccd_shift_override *o) {
    override_list *l = ctx;
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 16;
        day_override *nv = realloc(l->v, cap * sizeof *nv);
        if (nv == NULL) {
            l->nomem = true;
            return;
        }
        l->v = nv;
        l->cap = cap;
    }
    l->v[l->n++] = (day_override){day, *o};
}

static int by_time(const void *a, const void *b) {
    const cccd_plan_slot *x = a, *y = b;
    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    if (x->shift.start_min != y->shift.start_min)
        return x->shift.start_min < y->shift.start_min ? -1 : 1;
    if (x->point_id != y->point_id)
        return x->point_id < y->point_id ? -1 : 1;
    return (x->shift.no > y->shift.no) - (x->shift.no < y->shift.no);
}

/* Appends a slot and its windows. */
static cccd_errc add_slot(cccd_plan *p, size_t *cap_s, size_t *cap_w, size_t point, int64_t day,
                          const cccd_shift *sh, int kits, cccd_err *err) {
    cccd_window w[CCCD_WINDOWS_MAX];
    size_t nw = cccd_shift_windows(sh, kits, p->points[point].people_per_kit_hour, w);
    if (p->nslots == *cap_s) {
        *cap_s = *cap_s ? 2 * *cap_s : 64;
        cccd_plan_slot *ns = realloc(p->slots, *cap_s * sizeof *ns);
        if (ns == NULL)
            return cccd_err_set(err, CCCD_E_NOMEM, "plan", "out of memory");
        p->slots = ns;
    }
    if (p->nwindows + nw > *cap_w) {
        *cap_w = (*cap_w + nw) * 2;
        cccd_plan_window *nwv = realloc(p->windows, *cap_w * sizeof *nwv);
        if (nwv == NULL)
            return cccd_err_set(err, CCCD_E_NOMEM, "plan", "out of memory");
        p->windows = nwv;
    }
    cccd_plan_slot *s = &p->slots[p->nslots++];
    *s = (cccd_plan_slot){point, p->points[point].id, day, *sh, kits, 0, 0, p->nwindows, nw};
    for (size_t i = 0; i < nw; i++) {
        p->windows[p->nwindows++] = (cccd_plan_window){w[i], 0};
        s->capacity += w[i].capacity;
    }
    return CCCD_OK;
}

cccd_errc plan_slots(cccd_store *st, cccd_plan *p, cccd_err *err) {
    int ndays = (int)(p->to - p->from + 1);
    kit_count k = {p, ndays, calloc(p->npoints * (size_t)ndays + 1, sizeof(int)), "", NULL, 0,
                   0, false};
    override_list ov = {NULL, 0, 0, false};
    if (k.kits == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, "plan", "out of memory");
    cccd_errc rc = cccd_store_kit_events(st, p->to, on_kit_event, &k, err);
    kit_flush(&k);
    if (rc == CCCD_OK && k.nomem)
        rc = cccd_err_set(err, CCCD_E_NOMEM, "plan", "out of memory");
    size_t cap_s = 0, cap_w = 0;
    for (size_t pi = 0; pi < p->npoints && rc == CCCD_OK; pi++) {
        const cccd_point *pt = &p->points[pi];
        if (pt->kind == CCCD_POINT_HOME)
            continue;
        cccd_shift tmpl[CCCD_SHIFT_MAX];
        size_t nt = 0;
        ov.n = 0;
        rc = cccd_store_shift_templates(st, pt->id, tmpl, &nt, err);
        if (rc == CCCD_OK)
            rc = cccd_store_shift_overrides(st, pt->id, p->from, p->to, on_override, &ov, err);
        if (rc == CCCD_OK && ov.nomem)
            rc = cccd_err_set(err, CCCD_E_NOMEM, "plan", "out of memory");
        size_t oi = 0;
        for (int d = 0; d < ndays && rc == CCCD_OK; d++) {
            int64_t day = p->from + d;
            size_t o0 = oi;
            while (oi < ov.n && ov.v[oi].day == day)
                oi++;
            if (day < pt->open_from || day > pt->open_to)
                continue;
            cccd_shift_override dov[CCCD_SHIFT_MAX + 1];
            size_t nd = 0;
            for (size_t j = o0; j < oi && nd <= CCCD_SHIFT_MAX; j++)
                dov[nd++] = ov.v[j].o;
            cccd_shift day_shifts[CCCD_SHIFT_MAX];
            size_t ns = cccd_shifts_of_day(tmpl, nt, dov, nd, day_shifts);
            int kits = k.kits[pi * (size_t)ndays + (size_t)d];
            for (size_t j = 0; j < ns && rc == CCCD_OK; j++)
                rc = add_slot(p, &cap_s, &cap_w, pi, day, &day_shifts[j], kits, err);
        }
    }
    if (rc == CCCD_OK && p->nslots)
        qsort(p->slots, p->nslots, sizeof *p->slots, by_time);
    free(k.kits);
    free(k.ev);
    free(ov.v);
    return rc;
}

typedef struct slot_key {
    int64_t point_id, day;
    int no;
    size_t i;
} slot_key;

static int by_key(const void *a, const void *b) {
    const slot_key *x = a, *y = b;
    if (x->point_id != y->point_id)
        return x->point_id < y->point_id ? -1 : 1;
    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    return (x->no > y->no) - (x->no < y->no);
}

size_t *plan_slot_index(const cccd_plan *p) {
    slot_key *k = malloc((p->nslots + 1) * sizeof *k);
    size_t *idx = malloc((p->nslots + 1) * sizeof *idx);
    if (k == NULL || idx == NULL) {
        free(k);
        free(idx);
        return NULL;
    }
    for (size_t i = 0; i < p->nslots; i++)
        k[i] = (slot_key){p->slots[i].point_id, p->slots[i].day, p->slots[i].shift.no, i};
    if (p->nslots)
        qsort(k, p->nslots, sizeof *k, by_key);
    for (size_t i = 0; i < p->nslots; i++)
        idx[i] = k[i].i;
    free(k);
    return idx;
}

long plan_slot_find(const cccd_plan *p, const size_t *idx, int64_t point_id, int64_t day,
                    int shift_no) {
    slot_key want = {point_id, day, shift_no, 0};
    size_t lo = 0, hi = p->nslots;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const cccd_plan_slot *s = &p->slots[idx[mid]];
        slot_key have = {s->point_id, s->day, s->shift.no, 0};
        int c = by_key(&have, &want);
        if (c < 0)
            lo = mid + 1;
        else if (c > 0)
            hi = mid;
        else
            return (long)idx[mid];
    }
    return -1;
}

cccd_errc cccd_points_of_unit(cccd_store *st, const cccd_units *u, const char *code, cccd_date at,
                              cccd_point **out, size_t *n, cccd_err *err) {
    *out = NULL;
    *n = 0;
    const cccd_unit *unit = cccd_units_lookup(u, code, CCCD_UNIT_ANY, at, err);
    if (unit == NULL)
        return err->code;
    cccd_plan p = {0};
    cccd_errc rc = plan_points(st, u, unit, at, &p, err);
    if (rc == CCCD_OK) {
        *out = p.points;
        *n = p.npoints;
    }
    return rc;
}

cccd_errc cccd_point_schedule(cccd_store *st, int64_t point_id, int64_t from, int64_t to,
                              cccd_plan *out, cccd_err *err) {
    memset(out, 0, sizeof *out);
    if (to < from || to - from + 1 > CCCD_PLAN_MAX_DAYS)
        return cccd_err_set(err, CCCD_E_DATE_RANGE, "to",
                            "to: from 1 to %d days, not ending before the first",
                            CCCD_PLAN_MAX_DAYS);
    out->from = from;
    out->to = to;
    if ((out->points = malloc(sizeof *out->points)) == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, "point", "out of memory");
    cccd_errc rc = cccd_store_point_get(st, point_id, out->points, err);
    if (rc != CCCD_OK)
        return rc;
    out->npoints = 1;
    return plan_slots(st, out, err);
}
