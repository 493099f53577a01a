/*
 * advice.c: resource advice (advice.h, docs/advice.md): each child unit's need, kits, officers
 * and capacity on the day, the greedy that proposes moves, the reasons in numbers, and
 * accepting or dismissing a proposal.
 */
#include "service/advice.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/shift.h"
#include "service/audit_log.h"
#include "service/coverage.h"
#include "service/jurisdiction.h"
#include "service/outreach.h"
#include "service/progress.h"
#include "service/quotas.h"
#include "store/store_accounts.h"
#include "store/store_points.h"
#include "store/store_staff.h"

/* A kit or an officer that could move, and who holds it now (index into the pool). */
typedef struct res {
    char serial[CCCD_KIT_SERIAL_MAX + 1]; /* a kit: its serial; an officer: "" */
    char username[64];                    /* an officer */
    int64_t staff_id;
    size_t owner;
} res;

typedef struct pool {
    cccd_advice_unit *v; /* the units: the children, then the neighbours' units */
    size_t n, cap, nchildren;
    int64_t *point; /* per unit: its first point (lowest id), 0 when none */
    res *kits, *officers;
    size_t nkits, nofficers;
} pool;

static void *grow(void *p, size_t *cap, size_t need, size_t size) {
    if (need <= *cap)
        return p;
    size_t nc = *cap ? *cap * 2 : 16;
    while (nc < need)
        nc *= 2;
    void *np = realloc(p, nc * size);
    if (np)
        *cap = nc;
    return np;
}

char *cccd_advice_number(int64_t n, char *buf) {
    char digits[24];
    bool neg = n < 0;
    unsigned long long v = neg ? (unsigned long long)(-(n + 1)) + 1 : (unsigned long long)n;
    int len = snprintf(digits, sizeof digits, "%llu", v);
    size_t o = 0;
    if (neg)
        buf[o++] = '-';
    for (int i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            buf[o++] = '.';
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
    return buf;
}

/* d/m/yyyy */
static char *vn_date(int64_t days, char buf[16]) {
    cccd_date d = cccd_date_from_days(days);
    snprintf(buf, 16, "%d/%d/%d", d.d, d.m, d.y);
    return buf;
}

static int64_t capacity_of(const cccd_advice_unit *a, int kits, int officers) {
    int64_t staffed = kits < officers ? kits : officers;
    if (staffed < 0)
        staffed = 0;
    return staffed * a->minutes * a->people_per_kit_hour / 60;
}

static bool meets_with(const cccd_advice_unit *a, int64_t capacity) {
    if (!a->quota || a->remaining <= 0)
        return true;
    return capacity * a->days_left >= a->remaining;
}

/* ---- reading the pool ---- */

static cccd_errc pool_add(pool *p, const cccd_unit *unit, bool neighbour, cccd_err *err) {
    cccd_advice_unit *nv = grow(p->v, &p->cap, p->n + 1, sizeof *nv);
    if (nv == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory");
    p->v = nv;
    memset(&p->v[p->n], 0, sizeof p->v[p->n]);
    p->v[p->n].unit = unit;
    p->v[p->n].neighbour = neighbour;
    p->n++;
    return CCCD_OK;
}

/* The pool unit `unit` (a version in force on the day) lies in, or SIZE_MAX. */
static size_t pool_find(const pool *p, const cccd_unit *unit) {
    if (unit == NULL)
        return SIZE_MAX;
    for (size_t i = 0; i < p->n; i++)
        if (cccd_unit_within(unit, p->v[i].unit))
            return i;
    return SIZE_MAX;
}

/* The children of `parent` in force on day, added to the pool. */
static cccd_errc add_children(const cccd_units *u, const cccd_unit *parent, cccd_date day,
                              bool neighbour, pool *p, cccd_err *err) {
    const cccd_unit **kids = NULL;
    size_t nk = 0;
    cccd_errc rc = cccd_units_children(u, parent, &day, &kids, &nk, err);
    for (size_t i = 0; rc == CCCD_OK && i < nk; i++)
        rc = pool_add(p, kids[i], neighbour, err);
    free(kids);
    return rc;
}

/* Coverage remaining and the quota's received of the pool units that are children of parent
 * (code; "VN" for the provinces): one progress read, which carries each child's coverage. */
static cccd_errc read_figures(cccd_store *st, const cccd_units *u, const char *code, cccd_date day,
                              pool *p, size_t first, size_t last, cccd_err *err) {
    cccd_progress pr;
    cccd_errc rc = cccd_progress_get(st, u, code, day, &pr, err);
    for (size_t k = 0; rc == CCCD_OK && k < pr.nchildren; k++)
        for (size_t i = first; i < last; i++)
            if (p->v[i].unit == pr.children[k].unit) {
                p->v[i].coverage_remaining = pr.children[k].coverage.remaining;
                p->v[i].received = pr.children[k].received_total;
            }
    cccd_progress_free(&pr);
    return rc;
}

/* The latest state and place of each kit up to the day (events come by serial, day, id). */
typedef struct kit_scan {
    pool *p;
    const cccd_units *u;
    cccd_date day;
    char serial[CCCD_KIT_SERIAL_MAX + 1];
    char unit_key[CCCD_UNIT_KEY_LEN];
    bool working, placed, failed;
    size_t kcap;
} kit_scan;

static void kit_flush(kit_scan *k) {
    if (k->serial[0] == '\0' || !k->working || !k->placed)
        return;
    size_t at = pool_find(k->p, cccd_unit_now(k->u, k->unit_key, k->day));
    if (at == SIZE_MAX)
        return;
    res *nv = grow(k->p->kits, &k->kcap, k->p->nkits + 1, sizeof *nv);
    if (nv == NULL) {
        k->failed = true;
        return;
    }
    k->p->kits = nv;
    res *r = &k->p->kits[k->p->nkits++];
    memset(r, 0, sizeof *r);
    snprintf(r->serial, sizeof r->serial, "%s", k->serial);
    r->owner = at;
}

static void kit_cb(void *ctx, const cccd_kit_history_row *r) {
    kit_scan *k = ctx;
    if (strcmp(k->serial, r->serial) != 0) {
        kit_flush(k);
        snprintf(k->serial, sizeof k->serial, "%s", r->serial);
        k->working = true;
        k->placed = false;
    }
    if (r->ev.is_state) {
        k->working = r->ev.state == CCCD_KIT_WORKING;
    } else {
        snprintf(k->unit_key, sizeof k->unit_key, "%s", r->unit_key);
        k->placed = r->unit_key[0] != '\0';
    }
}

typedef struct staff_scan {
    pool *p;
    size_t owner, cap;
    bool failed;
} staff_scan;

static void staff_cb(void *ctx, const cccd_staff_row *r) {
    staff_scan *s = ctx;
    res *nv = grow(s->p->officers, &s->cap, s->p->nofficers + 1, sizeof *nv);
    if (nv == NULL) {
        s->failed = true;
        return;
    }
    s->p->officers = nv;
    res *o = &s->p->officers[s->p->nofficers++];
    memset(o, 0, sizeof *o);
    snprintf(o->username, sizeof o->username, "%s", r->username);
    o->staff_id = r->id;
    o->owner = s->owner;
}

typedef struct ovr_list {
    cccd_shift_override v[32];
    size_t n;
} ovr_list;

static void ovr_cb(void *ctx, int64_t day, const cccd_shift_override *o) {
    (void)day;
    ovr_list *l = ctx;
    if (l->n < sizeof l->v / sizeof l->v[0])
        l->v[l->n++] = *o;
}

/* Points: each pool unit's shift pattern, its first point and the officers assigned. */
static cccd_errc read_points(cccd_store *st, const cccd_units *u, cccd_date day, pool *p,
                             cccd_err *err) {
    cccd_point *pts = NULL;
    size_t np = 0;
    int64_t d = cccd_date_to_days(day);
    cccd_errc rc = cccd_store_points_list(st, &pts, &np, err);
    size_t ocap = 0;
    for (size_t i = 0; rc == CCCD_OK && i < np; i++) {
        size_t at = pool_find(p, cccd_unit_now(u, pts[i].unit_key, day));
        if (at == SIZE_MAX)
            continue;
        cccd_advice_unit *a = &p->v[at];
        if (p->point[at] == 0)
            p->point[at] = pts[i].id;
        if (a->people_per_kit_hour == 0)
            a->people_per_kit_hour = pts[i].people_per_kit_hour;
        staff_scan ss = {p, at, ocap, false};
        rc = cccd_store_staff_of_point(st, pts[i].id, d, d, staff_cb, &ss, err);
        ocap = ss.cap;
        if (rc == CCCD_OK && ss.failed)
            rc = cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory");
        if (rc != CCCD_OK || pts[i].open_from > d || pts[i].open_to < d)
            continue;
        cccd_shift tpl[CCCD_SHIFT_MAX], day_shifts[CCCD_SHIFT_MAX];
        size_t nt = 0;
        ovr_list ov = {.n = 0};
        if ((rc = cccd_store_shift_templates(st, pts[i].id, tpl, &nt, err)) != CCCD_OK ||
            (rc = cccd_store_shift_overrides(st, pts[i].id, d, d, ovr_cb, &ov, err)) != CCCD_OK)
            break;
        size_t ns = cccd_shifts_of_day(tpl, nt, ov.v, ov.n, day_shifts);
        int minutes = 0;
        for (size_t k = 0; k < ns; k++)
            minutes += cccd_shift_minutes(&day_shifts[k]);
        if (minutes > a->minutes) {
            a->minutes = minutes;
            a->people_per_kit_hour = pts[i].people_per_kit_hour;
        }
    }
    free(pts);
    return rc;
}

/* Everything of the pool on the day: quotas, figures, kits, points, officers, capacity. */
static cccd_errc pool_read(cccd_store *st, const cccd_units *u, cccd_date day, pool *p,
                           const char *const *parents, const size_t *bounds, size_t ngroups,
                           cccd_err *err) {
    int64_t d = cccd_date_to_days(day);
    if ((p->point = calloc(p->n + 1, sizeof *p->point)) == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory");
    const cccd_unit **units = malloc((p->n + 1) * sizeof *units);
    cccd_quota_view *qv = calloc(p->n + 1, sizeof *qv);
    cccd_errc rc = CCCD_OK;
    if (units == NULL || qv == NULL)
        rc = cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory");
    for (size_t i = 0; rc == CCCD_OK && i < p->n; i++)
        units[i] = p->v[i].unit;
    if (rc == CCCD_OK)
        rc = cccd_quota_of_many(st, u, units, p->n, day, qv, err);
    for (size_t i = 0; rc == CCCD_OK && i < p->n; i++) {
        p->v[i].quota = qv[i].set && !p->v[i].reserve; /* the reserve gives, never receives */
        p->v[i].target = qv[i].target;
        p->v[i].deadline = qv[i].deadline;
    }
    free(units);
    free(qv);
    for (size_t g = 0; rc == CCCD_OK && g < ngroups; g++)
        rc = read_figures(st, u, parents[g], day, p, bounds[g], bounds[g + 1], err);
    if (rc == CCCD_OK) {
        kit_scan k = {.p = p, .u = u, .day = day};
        rc = cccd_store_kit_events(st, d, kit_cb, &k, err);
        kit_flush(&k);
        if (rc == CCCD_OK && k.failed)
            rc = cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory");
    }
    if (rc == CCCD_OK)
        rc = read_points(st, u, day, p, err);
    for (size_t i = 0; rc == CCCD_OK && i < p->n; i++) {
        cccd_advice_unit *a = &p->v[i];
        if (a->minutes == 0) {
            a->minutes = CCCD_ADVICE_DEFAULT_MINUTES;
            a->default_minutes = true;
        }
        if (a->people_per_kit_hour == 0)
            a->people_per_kit_hour = CCCD_PEOPLE_PER_KIT_HOUR_DEFAULT;
        if (a->quota) {
            a->remaining = a->target - a->received;
            if (a->remaining < 0)
                a->remaining = 0;
            a->days_left = a->deadline >= d ? a->deadline - d + 1 : 0;
            if (a->days_left > 0)
                a->needed_per_day = (a->remaining + a->days_left - 1) / a->days_left;
        } else {
            a->remaining = a->coverage_remaining;
        }
    }
    for (size_t i = 0; i < p->nkits; i++)
        p->v[p->kits[i].owner].kits++;
    for (size_t i = 0; i < p->nofficers; i++)
        p->v[p->officers[i].owner].officers++;
    for (size_t i = 0; rc == CCCD_OK && i < p->n; i++) {
        cccd_advice_unit *a = &p->v[i];
        a->capacity = capacity_of(a, a->kits, a->officers);
        a->meets = meets_with(a, a->capacity);
        a->kits_after = a->kits;
        a->officers_after = a->officers;
    }
    return rc;
}

/* ---- the greedy ---- */

typedef enum { MOVE_KIT = 1, MOVE_OFFICER = 2, MOVE_BOTH = 3 } move_kind;

static const char *kind_name(move_kind k) {
    return k == MOVE_KIT ? "kit" : k == MOVE_OFFICER ? "officer" : "kit+officer";
}

typedef struct plan {
    cccd_advice_move *v;
    size_t n, cap;
} plan;

/* The first resource of the list held by `owner` (kits: idle ones, beyond the officers, are
 * no different in the model; the first by serial or name is taken). */
static res *first_of(res *list, size_t n, size_t owner) {
    res *best = NULL;
    for (size_t i = 0; i < n; i++) {
        if (list[i].owner != owner)
            continue;
        if (best == NULL || strcmp(list[i].serial[0] ? list[i].serial : list[i].username,
                                   best->serial[0] ? best->serial : best->username) < 0)
            best = &list[i];
    }
    return best;
}

/* Whether donor j may give `kind` to receiver r in this stage: a unit of the pool that is
 * allowed as a donor (stage 1: the children; stage 2: a neighbour's unit too; the country's
 * provinces: only the receiver's neighbours), holds what is given, and still meets its own
 * deadline without it. *loss the capacity it loses. */
static bool can_give(const pool *p, size_t j, size_t r, move_kind kind, bool stage2,
                     const bool *nb_of_r, int64_t *loss, int64_t *slack) {
    const cccd_advice_unit *d = &p->v[j];
    if (j == r)
        return false;
    if (nb_of_r) {
        if (!nb_of_r[j])
            return false;
    } else if (d->neighbour && !stage2) {
        return false;
    }
    int k = d->kits_after - ((kind & MOVE_KIT) ? 1 : 0);
    int o = d->officers_after - ((kind & MOVE_OFFICER) ? 1 : 0);
    if (k < 0 || o < 0)
        return false;
    int64_t after = capacity_of(d, k, o);
    if (!meets_with(d, after))
        return false;
    *loss = d->capacity_after - after;
    *slack = d->quota && d->remaining > 0 ? after * d->days_left - d->remaining : INT64_MAX;
    return true;
}

/* What the receiver needs next: an officer for an idle kit, a kit for an idle officer, or
 * both. */
static move_kind need_of(const cccd_advice_unit *a) {
    if (a->kits_after > a->officers_after)
        return MOVE_OFFICER;
    if (a->officers_after > a->kits_after)
        return MOVE_KIT;
    return MOVE_BOTH;
}

static void unit_numbers(json_t *o, const cccd_advice_unit *a, int64_t before, int64_t after,
                         int kb, int ka, int ob, int oa) {
    json_object_set_new(o, "code", json_string(a->unit->code));
    json_object_set_new(o, "name", json_string(a->unit->name));
    json_object_set_new(o, "reserve", json_boolean(a->reserve));
    json_object_set_new(o, "quota", json_boolean(a->quota));
    json_object_set_new(o, "remaining", json_integer(a->remaining));
    json_object_set_new(o, "days_left", a->quota ? json_integer(a->days_left) : json_null());
    json_object_set_new(o, "needed_per_day",
                        a->quota ? json_integer(a->needed_per_day) : json_null());
    json_object_set_new(o, "capacity_before", json_integer(before));
    json_object_set_new(o, "capacity_after", json_integer(after));
    json_object_set_new(o, "kits_before", json_integer(kb));
    json_object_set_new(o, "kits_after", json_integer(ka));
    json_object_set_new(o, "officers_before", json_integer(ob));
    json_object_set_new(o, "officers_after", json_integer(oa));
    json_object_set_new(o, "meets_after", json_boolean(meets_with(a, after)));
}

static const char *what_of(move_kind k) {
    return k == MOVE_KIT       ? "one kit"
           : k == MOVE_OFFICER ? "one officer"
                               : "one kit with its officer";
}

/* Makes one move of `kind` from j to r on the pool (the state after), with its row. */
static cccd_errc move_make(pool *p, plan *pl, size_t j, size_t r, move_kind kind, bool stage2,
                           int64_t day, cccd_err *err) {
    cccd_advice_unit *d = &p->v[j], *a = &p->v[r];
    cccd_advice_move *nv = grow(pl->v, &pl->cap, pl->n + 1, sizeof *nv);
    if (nv == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory");
    pl->v = nv;
    cccd_advice_move *m = &pl->v[pl->n++];
    memset(m, 0, sizeof *m);
    m->from = j;
    m->to = r;
    cccd_advice_row *row = &m->row;
    snprintf(row->kind, sizeof row->kind, "%s", kind_name(kind));
    cccd_store_unit_key(d->unit, row->from_key);
    cccd_store_unit_key(a->unit, row->to_key);
    row->made_day = day;
    row->to_point = p->point[r];
    if (kind & MOVE_KIT) {
        res *k = first_of(p->kits, p->nkits, j);
        snprintf(row->serial, sizeof row->serial, "%s", k->serial);
        k->owner = r;
    }
    if (kind & MOVE_OFFICER) {
        res *o = first_of(p->officers, p->nofficers, j);
        snprintf(row->username, sizeof row->username, "%s", o->username);
        row->staff_id = o->staff_id;
        o->owner = r;
    }
    int dk = (kind & MOVE_KIT) ? 1 : 0, dof = (kind & MOVE_OFFICER) ? 1 : 0;
    int64_t d_before = d->capacity_after, a_before = a->capacity_after;
    int dkb = d->kits_after, dob = d->officers_after, akb = a->kits_after, aob = a->officers_after;
    d->kits_after -= dk;
    d->officers_after -= dof;
    a->kits_after += dk;
    a->officers_after += dof;
    d->capacity_after = capacity_of(d, d->kits_after, d->officers_after);
    a->capacity_after = capacity_of(a, a->kits_after, a->officers_after);
    d->meets_after = meets_with(d, d->capacity_after);
    a->meets_after = meets_with(a, a->capacity_after);

    json_t *nums = json_object(), *from = json_object(), *to = json_object();
    unit_numbers(from, d, d_before, d->capacity_after, dkb, d->kits_after, dob, d->officers_after);
    unit_numbers(to, a, a_before, a->capacity_after, akb, a->kits_after, aob, a->officers_after);
    json_object_set_new(nums, "neighbour", json_boolean(stage2 || d->neighbour));
    json_object_set_new(nums, "from", from);
    json_object_set_new(nums, "to", to);
    char *txt = json_dumps(nums, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(nums);
    if (txt == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory");
    snprintf(row->numbers, sizeof row->numbers, "%s", txt);
    free(txt);

    char n1[28], n2[28], n3[28], n4[28], dl[16], spare[200], donor[200];
    if (d->reserve)
        snprintf(donor, sizeof donor, "the reserve of %s", d->unit->name);
    else
        snprintf(donor, sizeof donor, "%s%s", d->unit->name,
                 d->neighbour ? " in a neighbouring province" : "");
    if (d->reserve)
        snprintf(spare, sizeof spare, "held by it, not by a unit below: %d kit%s and %d officer%s",
                 dkb, dkb == 1 ? "" : "s", dob, dob == 1 ? "" : "s");
    else if (!d->quota || d->remaining <= 0)
        snprintf(spare, sizeof spare, "%s to reach%s: %s/day with %d kit%s and %d officer%s",
                 d->quota ? "no more" : "no quota", d->quota ? "" : " by a deadline",
                 cccd_advice_number(d_before, n1), dkb, dkb == 1 ? "" : "s", dob,
                 dob == 1 ? "" : "s");
    else
        snprintf(spare, sizeof spare, "spare %s/day: makes %s/day, needs %s/day",
                 cccd_advice_number(d_before - d->needed_per_day, n1),
                 cccd_advice_number(d_before, n2), cccd_advice_number(d->needed_per_day, n3));
    snprintf(row->reason, sizeof row->reason,
             "%s needs %s more by %s (%lld days, %s/day) and makes %s/day with %d kit%s and %d "
             "officer%s; %s from %s (%s) brings it to %s/day: %s",
             a->unit->name, cccd_advice_number(a->remaining, n1), vn_date(a->deadline, dl),
             (long long)a->days_left, cccd_advice_number(a->needed_per_day, n2),
             cccd_advice_number(a_before, n3), akb, akb == 1 ? "" : "s", aob, aob == 1 ? "" : "s",
             what_of(kind), donor, spare, cccd_advice_number(a->capacity_after, n4),
             a->meets_after ? "it meets the deadline" : "still short: the next move follows");
    return CCCD_OK;
}

/* Tries to make receiver r meet its deadline with donors of this stage; all or nothing. */
static cccd_errc save_one(pool *p, plan *pl, size_t r, bool stage2, const bool *nb_of_r,
                          int64_t day, bool *saved, cccd_err *err) {
    size_t n0 = pl->n;
    size_t *kown = malloc((p->nkits + 1) * sizeof *kown);
    size_t *oown = malloc((p->nofficers + 1) * sizeof *oown);
    cccd_advice_unit *snap = malloc(p->n * sizeof *snap);
    cccd_errc rc = CCCD_OK;
    *saved = false;
    if (kown == NULL || oown == NULL || snap == NULL) {
        rc = cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < p->nkits; i++)
        kown[i] = p->kits[i].owner;
    for (size_t i = 0; i < p->nofficers; i++)
        oown[i] = p->officers[i].owner;
    memcpy(snap, p->v, p->n * sizeof *snap);
    cccd_advice_unit *a = &p->v[r];
    while (rc == CCCD_OK && !a->meets_after) {
        move_kind want = need_of(a);
        /* an officer is assigned to a point: a receiver with none takes kits only */
        if (p->point[r] == 0 && (want & MOVE_OFFICER))
            break;
        size_t best = SIZE_MAX;
        int64_t best_loss = 0, best_slack = 0;
        for (size_t j = 0; j < p->n; j++) {
            int64_t loss, slack;
            if (!can_give(p, j, r, want, stage2, nb_of_r, &loss, &slack))
                continue;
            if (best == SIZE_MAX || loss < best_loss || (loss == best_loss && slack > best_slack)) {
                best = j;
                best_loss = loss;
                best_slack = slack;
            }
        }
        if (best == SIZE_MAX && want == MOVE_BOTH) {
            /* nobody gives a kit with its officer: a kit from one (the reserve, say) and an
             * officer from another, the next turn of the loop; both or nothing, as ever */
            for (size_t j = 0; j < p->n; j++) {
                int64_t loss, slack;
                if (!can_give(p, j, r, MOVE_KIT, stage2, nb_of_r, &loss, &slack))
                    continue;
                if (best == SIZE_MAX || loss < best_loss ||
                    (loss == best_loss && slack > best_slack)) {
                    best = j;
                    best_loss = loss;
                    best_slack = slack;
                }
            }
            want = MOVE_KIT;
        }
        if (best == SIZE_MAX)
            break;
        rc = move_make(p, pl, best, r, want, stage2, day, err);
    }
    if (rc == CCCD_OK && a->meets_after) {
        *saved = true;
    } else {
        pl->n = n0;
        for (size_t i = 0; i < p->nkits; i++)
            p->kits[i].owner = kown[i];
        for (size_t i = 0; i < p->nofficers; i++)
            p->officers[i].owner = oown[i];
        memcpy(p->v, snap, p->n * sizeof *snap);
    }
out:
    free(kown);
    free(oown);
    free(snap);
    return rc;
}

/* Receivers by deficit (people short by the deadline at today's capacity), smallest first,
 * then by code: an insertion sort, since qsort takes no context. */
static void order_receivers(const pool *p, size_t *idx, size_t n) {
    for (size_t i = 1; i < n; i++) {
        size_t v = idx[i], k = i;
        while (k > 0) {
            const cccd_advice_unit *a = &p->v[v], *b = &p->v[idx[k - 1]];
            int64_t da = a->remaining - a->capacity * a->days_left;
            int64_t db = b->remaining - b->capacity * b->days_left;
            if (db < da || (db == da && strcmp(b->unit->code, a->unit->code) <= 0))
                break;
            idx[k] = idx[k - 1];
            k--;
        }
        idx[k] = v;
    }
}

/* ---- making the advice ---- */

static void pool_free(pool *p) {
    free(p->v);
    free(p->point);
    free(p->kits);
    free(p->officers);
}

void cccd_advice_free(cccd_advice *a) {
    if (a == NULL)
        return;
    free(a->units);
    free(a->moves);
    memset(a, 0, sizeof *a);
}

cccd_errc cccd_advice_make(cccd_store *st, const cccd_units *u, const char *code, cccd_date day,
                           int64_t now, const cccd_actor *by, bool store, cccd_advice *out,
                           cccd_err *err) {
    memset(out, 0, sizeof *out);
    out->day = day;
    bool nation = code && strcmp(code, "VN") == 0;
    const cccd_unit *unit = NULL;
    if (!nation && (unit = cccd_units_lookup(u, code ? code : "", CCCD_UNIT_ANY, day, err)) == NULL)
        return err->code;
    if (nation && by && by->role && by->role[0]) {
        cccd_scope sc;
        cccd_errc rc = cccd_scope_get(u, by->unit ? by->unit : "", day, &sc, err);
        if (rc != CCCD_OK)
            return rc;
        if (!sc.nation)
            return cccd_err_set(err, CCCD_E_FORBIDDEN, "unit",
                                "VN: the whole country is outside the jurisdiction of %s",
                                cccd_actor_name(by));
    } else if (!nation) {
        cccd_errc rc = cccd_actor_reaches(u, by, unit, day, false, err);
        if (rc != CCCD_OK)
            return rc;
    }
    snprintf(out->code, sizeof out->code, "%s", nation ? "VN" : unit->code);
    out->unit = unit;
    int64_t d = cccd_date_to_days(day);

    pool p = {0};
    cccd_errc rc = CCCD_OK;
    const char *parents[64];
    size_t bounds[65], ngroups = 0;
    char(*nb)[6] = NULL;
    size_t nnb = 0;
    bounds[0] = 0;
    if (nation) {
        cccd_coverage c;
        rc = cccd_coverage_get(st, u, "VN", day, &c, err);
        for (size_t i = 0; rc == CCCD_OK && i < c.nchildren; i++)
            rc = pool_add(&p, c.children[i].unit, false, err);
        if (rc == CCCD_OK || c.children)
            cccd_coverage_free(&c);
    } else {
        rc = add_children(u, unit, day, false, &p, err);
    }
    parents[ngroups++] = out->code;
    bounds[ngroups] = p.n;
    p.nchildren = p.n;
    /* a province's neighbours lend their children's kits and officers */
    if (rc == CCCD_OK && !nation && unit->level == CCCD_UNIT_PROVINCE) {
        rc = cccd_store_neighbours_of(st, unit->code, &nb, &nnb, err);
        for (size_t i = 0; rc == CCCD_OK && i < nnb && ngroups < 63; i++) {
            cccd_err e2;
            const cccd_unit *pv = cccd_units_lookup(u, nb[i], CCCD_UNIT_PROVINCE, day, &e2);
            if (pv == NULL)
                continue; /* a pair naming a province not in force that day */
            rc = add_children(u, pv, day, true, &p, err);
            parents[ngroups++] = pv->code;
            bounds[ngroups] = p.n;
        }
    }
    /* the unit's own reserve (kits held by the unit itself, officers at a point of its own):
     * last, so that whatever lies in a child or a neighbour's unit is found there first */
    if (rc == CCCD_OK && !nation && (rc = pool_add(&p, unit, false, err)) == CCCD_OK)
        p.v[p.n - 1].reserve = true;
    if (rc == CCCD_OK)
        rc = pool_read(st, u, day, &p, parents, bounds, ngroups, err);

    /* the receivers: children with a quota, something left, days left, not meeting it */
    size_t *recv = calloc(p.nchildren + 1, sizeof *recv), nrecv = 0;
    bool *nbmask = calloc(p.n + 1, sizeof *nbmask);
    if (rc == CCCD_OK && (recv == NULL || nbmask == NULL))
        rc = cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory");
    for (size_t i = 0; rc == CCCD_OK && i < p.nchildren; i++) {
        cccd_advice_unit *a = &p.v[i];
        a->capacity_after = a->capacity;
        a->meets_after = a->meets;
    }
    for (size_t i = p.nchildren; rc == CCCD_OK && i < p.n; i++) {
        p.v[i].capacity_after = p.v[i].capacity;
        p.v[i].meets_after = p.v[i].meets;
    }
    for (size_t i = 0; rc == CCCD_OK && i < p.nchildren; i++) {
        cccd_advice_unit *a = &p.v[i];
        if (a->quota && a->remaining > 0 && a->days_left > 0 && !a->meets)
            recv[nrecv++] = i;
    }
    order_receivers(&p, recv, nrecv);
    plan pl = {0};
    for (size_t k = 0; rc == CCCD_OK && k < nrecv; k++) {
        size_t r = recv[k];
        bool saved = false;
        if (nation) {
            /* between provinces: only from a neighbour of the receiving province */
            char(*rn)[6] = NULL;
            size_t nrn = 0;
            rc = cccd_store_neighbours_of(st, p.v[r].unit->code, &rn, &nrn, err);
            for (size_t j = 0; j < p.n; j++) {
                nbmask[j] = false;
                for (size_t q = 0; q < nrn; q++)
                    if (strcmp(rn[q], p.v[j].unit->code) == 0)
                        nbmask[j] = true;
            }
            free(rn);
            if (rc == CCCD_OK)
                rc = save_one(&p, &pl, r, true, nbmask, d, &saved, err);
            continue;
        }
        rc = save_one(&p, &pl, r, false, NULL, d, &saved, err);
        if (rc == CCCD_OK && !saved && p.n > p.nchildren)
            rc = save_one(&p, &pl, r, true, NULL, d, &saved, err);
    }
    free(recv);
    free(nbmask);
    free(nb);

    /* the units shown: the children, then the neighbours' units that give */
    if (rc == CCCD_OK) {
        size_t *map = calloc(p.n + 1, sizeof *map);
        out->units = calloc(p.n + 1, sizeof *out->units);
        if (map == NULL || out->units == NULL) {
            free(map);
            rc = cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory");
        } else {
            for (size_t i = 0; i < p.n; i++) {
                bool gives = i < p.nchildren;
                for (size_t m = 0; !gives && m < pl.n; m++)
                    gives = pl.v[m].from == i;
                map[i] = SIZE_MAX;
                if (gives) {
                    map[i] = out->nunits;
                    out->units[out->nunits++] = p.v[i];
                }
            }
            out->nchildren = p.nchildren;
            for (size_t m = 0; m < pl.n; m++) {
                pl.v[m].from = map[pl.v[m].from];
                pl.v[m].to = map[pl.v[m].to];
                pl.v[m].row.made_at = now;
            }
            free(map);
        }
    }
    out->moves = pl.v;
    out->nmoves = pl.n;
    pool_free(&p);
    if (rc == CCCD_OK && store) {
        cccd_advice_row *rows = calloc(out->nmoves + 1, sizeof *rows);
        if (rows == NULL)
            return cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory");
        for (size_t m = 0; m < out->nmoves; m++)
            rows[m] = out->moves[m].row;
        char key[CCCD_UNIT_KEY_LEN];
        if (nation)
            snprintf(key, sizeof key, "VN");
        else
            cccd_store_unit_key(unit, key);
        rc = cccd_store_advice_replace(st, key, rows, out->nmoves, err);
        for (size_t m = 0; rc == CCCD_OK && m < out->nmoves; m++) {
            out->moves[m].row.id = rows[m].id;
            snprintf(out->moves[m].row.unit_key, sizeof out->moves[m].row.unit_key, "%s", key);
            snprintf(out->moves[m].row.state, sizeof out->moves[m].row.state, "proposed");
        }
        free(rows);
    }
    return rc;
}

/* ---- accepting and dismissing ---- */

typedef struct decide_ctx {
    const cccd_units *u;
    int64_t id;
    cccd_date day;
    int64_t now;
    const cccd_actor *by;
    bool accept;
    cccd_advice_row row;
} decide_ctx;

static const cccd_unit *unit_of_key(const cccd_units *u, const char *key, cccd_date day,
                                    cccd_err *err) {
    const cccd_unit *x = cccd_unit_now(u, key, day);
    if (x == NULL)
        cccd_err_set(err, CCCD_E_ADVICE_STALE, "id",
                     "id: unit %s of the proposal is no longer in force: advise again", key);
    return x;
}

static const cccd_unit *province_of(const cccd_unit *x) {
    while (x && x->parent)
        x = x->parent;
    return x;
}

typedef struct find_staff {
    int64_t id;
    bool open;
    int64_t from_day;
} find_staff;

static void find_staff_cb(void *ctx, const cccd_staff_row *r) {
    find_staff *f = ctx;
    if (r->id == f->id) {
        f->open = true;
        f->from_day = r->from_day;
    }
}

static cccd_errc decide_txn(cccd_store *st, void *ctx, cccd_err *err) {
    decide_ctx *c = ctx;
    cccd_advice_row *r = &c->row;
    cccd_errc rc = cccd_store_advice_get(st, c->id, r, err);
    if (rc != CCCD_OK)
        return rc;
    if (strcmp(r->state, "proposed") != 0)
        return cccd_err_set(err, CCCD_E_ADVICE_DECIDED, "id", "id: proposal %lld was %s already",
                            (long long)c->id, r->state);
    const cccd_unit *from = unit_of_key(c->u, r->from_key, c->day, err);
    const cccd_unit *to = from ? unit_of_key(c->u, r->to_key, c->day, err) : NULL;
    if (to == NULL)
        return err->code;
    /* who may: accepting needs the giving unit, and the receiving one too unless the move
     * comes from a neighbouring province (the giving province lends); dismissing needs either */
    cccd_err e_to;
    bool reach_to = cccd_actor_reaches(c->u, c->by, to, c->day, false, &e_to) == CCCD_OK;
    bool reach_from = cccd_actor_reaches(c->u, c->by, from, c->day, false, err) == CCCD_OK;
    bool cross = province_of(from) != province_of(to);
    if (!c->accept && !reach_to && !reach_from)
        return *err = e_to, e_to.code;
    if (c->accept && !reach_from)
        return err->code;
    if (c->accept && !cross && !reach_to)
        return *err = e_to, e_to.code;
    int64_t d = cccd_date_to_days(c->day);
    char note[64], detail[256];
    snprintf(note, sizeof note, "advice %lld", (long long)c->id);
    if (!c->accept) {
        if ((rc = cccd_store_advice_decide(st, c->id, "dismissed", cccd_actor_name(c->by), c->now,
                                           err)) != CCCD_OK)
            return rc;
        snprintf(detail, sizeof detail, "%s %s to %s dismissed", r->kind, r->from_key, r->to_key);
        char target[32];
        snprintf(target, sizeof target, "advice:%lld", (long long)c->id);
        return cccd_audit_change(st, c->by, "advice.dismiss", target, detail, err);
    }
    /* stale: the kit no longer working at the giving unit, the officer reassigned */
    if (r->serial[0]) {
        int64_t pt;
        char key[CCCD_UNIT_KEY_LEN];
        cccd_kit_state ks;
        if ((rc = cccd_store_kit_at(st, r->serial, d, &pt, key, &ks, err)) != CCCD_OK)
            return rc;
        const cccd_unit *held = key[0] ? cccd_unit_now(c->u, key, c->day) : NULL;
        /* from the reserve (the unit advised gives): still held by that unit itself */
        bool reserve = strcmp(r->from_key, r->unit_key) == 0;
        if (ks != CCCD_KIT_WORKING || held == NULL || !cccd_unit_within(held, from) ||
            (reserve && held != from))
            return cccd_err_set(err, CCCD_E_ADVICE_STALE, "id",
                                "id: kit %s is no longer working at %s (%s): advise again",
                                r->serial, from->name, cccd_kit_state_name(ks));
    }
    if (r->username[0]) {
        cccd_account acc;
        bool found = false;
        if ((rc = cccd_store_account_get(st, r->username, &acc, NULL, &found, err)) != CCCD_OK)
            return rc;
        find_staff f = {r->staff_id, false, 0};
        if (found &&
            (rc = cccd_store_staff_of_account(st, acc.id, d, d, find_staff_cb, &f, err)) != CCCD_OK)
            return rc;
        if (!f.open || f.from_day >= d)
            return cccd_err_set(err, CCCD_E_ADVICE_STALE, "id",
                                "id: officer %s is no longer in assignment %lld at %s: advise "
                                "again",
                                r->username, (long long)r->staff_id, from->name);
    }
    if (r->serial[0] && (rc = cccd_outreach_kit_move(st, c->by, r->serial, d, r->to_point,
                                                     r->to_key, note, err)) != CCCD_OK)
        return rc;
    if (r->username[0]) {
        if (r->to_point <= 0)
            return cccd_err_set(err, CCCD_E_ADVICE_STALE, "id",
                                "id: %s has no point to assign the officer to: advise again",
                                to->name);
        if ((rc = cccd_outreach_staff_end(st, c->by, 0, r->staff_id, d - 1, err)) != CCCD_OK ||
            (rc = cccd_outreach_staff_assign(st, c->by, r->to_point, r->username, d,
                                             CCCD_STAFF_OPEN, note, NULL, err)) != CCCD_OK)
            return rc;
    }
    if ((rc = cccd_store_advice_decide(st, c->id, "accepted", cccd_actor_name(c->by), c->now,
                                       err)) != CCCD_OK)
        return rc;
    char target[32];
    snprintf(target, sizeof target, "advice:%lld", (long long)c->id);
    snprintf(detail, sizeof detail, "%s%s%s%s%s from %s to %s", r->kind, r->serial[0] ? " " : "",
             r->serial, r->username[0] ? " " : "", r->username, r->from_key, r->to_key);
    return cccd_audit_change(st, c->by, "advice.accept", target, detail, err);
}

static cccd_errc decide(cccd_store *st, const cccd_units *u, int64_t id, cccd_date day, int64_t now,
                        const cccd_actor *by, bool accept, cccd_advice_row *out, cccd_err *err) {
    decide_ctx c = {u, id, day, now, by, accept, {0}};
    cccd_errc rc = cccd_store_transaction(st, decide_txn, &c, err);
    if (rc == CCCD_OK && out) {
        *out = c.row;
        snprintf(out->state, sizeof out->state, "%s", accept ? "accepted" : "dismissed");
        snprintf(out->decided_by, sizeof out->decided_by, "%s", cccd_actor_name(by));
        out->decided_at = now;
    }
    return rc;
}

cccd_errc cccd_advice_accept(cccd_store *st, const cccd_units *u, int64_t id, cccd_date day,
                             int64_t now, const cccd_actor *by, cccd_advice_row *out,
                             cccd_err *err) {
    return decide(st, u, id, day, now, by, true, out, err);
}

cccd_errc cccd_advice_dismiss(cccd_store *st, const cccd_units *u, int64_t id, cccd_date day,
                              int64_t now, const cccd_actor *by, cccd_advice_row *out,
                              cccd_err *err) {
    return decide(st, u, id, day, now, by, false, out, err);
}

/* ---- as JSON ---- */

json_t *cccd_advice_row_json(const cccd_advice_row *r) {
    json_error_t je;
    json_t *nums = json_loads(r->numbers, 0, &je);
    char iso[11], unit[CCCD_UNIT_KEY_LEN];
    /* the unit advised by its code ("34@" and "34@2025-07-01" both read "34") */
    snprintf(unit, sizeof unit, "%.*s", (int)strcspn(r->unit_key, "@"), r->unit_key);
    json_t *o =
        json_pack("{s:I, s:s, s:s, s:s, s:s, s:s?, s:s?, s:o, s:b, s:s, s:O?, s:O?}", "id",
                  (json_int_t)r->id, "state", r->state, "kind", r->kind, "unit", unit, "date",
                  cccd_date_iso(cccd_date_from_days(r->made_day), iso), "serial",
                  r->serial[0] ? r->serial : NULL, "username", r->username[0] ? r->username : NULL,
                  "point", r->to_point > 0 ? json_integer(r->to_point) : json_null(), "neighbour",
                  json_is_true(json_object_get(nums, "neighbour")), "reason", r->reason, "from",
                  json_object_get(nums, "from"), "to", json_object_get(nums, "to"));
    json_decref(nums);
    if (o && r->decided_by[0]) {
        json_object_set_new(o, "decided_by", json_string(r->decided_by));
        json_object_set_new(o, "decided_at", json_integer(r->decided_at));
    } else if (o) {
        json_object_set_new(o, "decided_by", json_null());
        json_object_set_new(o, "decided_at", json_null());
    }
    return o;
}

static json_t *unit_json(const cccd_advice_unit *a) {
    char iso[11];
    json_t *q = a->quota ? json_pack("{s:I, s:I, s:s}", "target", (json_int_t)a->target, "received",
                                     (json_int_t)a->received, "deadline",
                                     cccd_date_iso(cccd_date_from_days(a->deadline), iso))
                         : json_null();
    json_t *o = json_object();
    json_object_set_new(o, "code", json_string(a->unit->code));
    json_object_set_new(o, "name", json_string(a->unit->name));
    json_object_set_new(o, "neighbour", json_boolean(a->neighbour));
    json_object_set_new(o, "reserve", json_boolean(a->reserve));
    json_object_set_new(o, "quota", q);
    json_object_set_new(o, "coverage_remaining", json_integer(a->coverage_remaining));
    json_object_set_new(o, "remaining", json_integer(a->remaining));
    json_object_set_new(o, "days_left", a->quota ? json_integer(a->days_left) : json_null());
    json_object_set_new(o, "needed_per_day",
                        a->quota ? json_integer(a->needed_per_day) : json_null());
    json_object_set_new(o, "hours", json_real(a->minutes / 60.0));
    json_object_set_new(o, "default_hours", json_boolean(a->default_minutes));
    json_object_set_new(o, "people_per_kit_hour", json_integer(a->people_per_kit_hour));
    json_object_set_new(o, "kits", json_integer(a->kits));
    json_object_set_new(o, "officers", json_integer(a->officers));
    json_object_set_new(o, "capacity", json_integer(a->capacity));
    json_object_set_new(o, "meets", json_boolean(a->meets));
    json_object_set_new(o, "kits_after", json_integer(a->kits_after));
    json_object_set_new(o, "officers_after", json_integer(a->officers_after));
    json_object_set_new(o, "capacity_after", json_integer(a->capacity_after));
    json_object_set_new(o, "meets_after", json_boolean(a->meets_after));
    return o;
}

json_t *cccd_advice_json(const cccd_advice *a) {
    char iso[11];
    json_t *units = json_array(), *props = json_array(), *meeting = json_array(),
           *shortl = json_array();
    for (size_t i = 0; i < a->nunits; i++) {
        json_array_append_new(units, unit_json(&a->units[i]));
        if (i < a->nchildren && a->units[i].quota && a->units[i].remaining > 0)
            json_array_append_new(a->units[i].meets_after ? meeting : shortl,
                                  json_string(a->units[i].unit->code));
    }
    for (size_t m = 0; m < a->nmoves; m++)
        json_array_append_new(props, cccd_advice_row_json(&a->moves[m].row));
    return json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:o}", "unit", a->code, "name",
                     a->unit ? a->unit->name : "Việt Nam", "date", cccd_date_iso(a->day, iso),
                     "units", units, "proposals", props, "meeting", meeting, "short", shortl);
}
