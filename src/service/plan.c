/*
 * plan.c: planning a unit's appointments (see plan.h; the rules are in docs/planning.md).
 *
 * One pass reads the remaining list (by registered commune, residential group, household and
 * ID) and classifies each person: whereabouts unknown → untraced; temporary residence in a
 * commune outside the unit → referral out; immobile → home visit; otherwise a ticket, with an
 * ease class (core/ease.h). A second pass reads the people living in the unit's communes under
 * a temporary residence and registered outside it (referred in): they are planned here like
 * residents, and with the unit's own residents living in another of its communes they form
 * one batch group per commune they live in (ID order), after the residential groups. Tickets handed
 * out before are kept when their window still has room; everyone else is placed by batches of one
 * ease class and one residential group, easiest class first, in reading order, into the first
 * shift (by day, time and point) with room for the whole batch, or split over consecutive
 * shifts when no shift has room for it. A group is first placed at its own commune's points,
 * when it has any, then anywhere in the unit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/ease.h"
#include "service/audit_log.h"
#include "service/plan_internal.h"
#include "service/residents.h"

enum { K_TICKET, K_HOME, K_REFER, K_UNTRACED };
enum { S_PENDING, S_KEPT, S_ELSEWHERE, S_PLACED, S_UNPLANNED };

/* The group of a person living here under a temporary residence, until here_groups makes it. */
#define NO_GROUP UINT32_MAX

typedef struct person {
    int64_t id;
    uint32_t group; /* into run.gv */
    uint32_t hkey;  /* the unit key registered under (home_key) */
    uint8_t ease, kind, state;
    bool moved;     /* had a ticket that could not stay */
    int32_t old;    /* index into run.old, -1: none */
    int32_t slot;   /* placed or kept: the slot, else -1; a referral: its index in referrals */
    int32_t window; /* and the window (index into plan.windows) */
    int64_t seq;    /* a new ticket's number */
} person;

typedef struct group {
    uint32_t key;             /* index into keys; UINT32_MAX: people living here elsewhere */
    const cccd_unit *commune; /* whose points it goes to first */
    char *name;               /* the residential group; "" for people living here elsewhere */
} group;

/* A person to ticket who lives in commune `commune` of the unit under a temporary residence. */
typedef struct here {
    int64_t id;
    uint32_t person;
    const cccd_unit *commune;
} here;

typedef struct temp_entry {
    char key[CCCD_UNIT_KEY_LEN];
    const cccd_unit *unit;
} temp_entry;

typedef struct run {
    cccd_plan *p;
    const cccd_units *u;
    const cccd_unit_keys *keys;
    cccd_date from;
    const cccd_unit **key_commune; /* per key: the commune serving it on `from` */
    size_t cur_key;
    char **own;        /* keys->v sorted, for lookups */
    char **xkeys;      /* the keys of the people referred in, as met (hkey - keys->n) */
    uint32_t *xsorted; /* indexes into xkeys, by key */
    size_t nx, xcap, xscap;
    here *hv;
    size_t nh, hvcap;
    size_t ng_own;          /* groups before here_groups */
    cccd_plan_person *htmp; /* home visits under a temporary residence, appended at the end */
    size_t nhtmp, htcap;
    person *pv;
    size_t np, pcap;
    group *gv;
    size_t ng, gcap;
    temp_entry *temp;
    size_t ntemp, tcap;
    cccd_ticket *old;
    size_t nold, oldcap;
    int64_t *ids; /* every person's ID, sorted */
    size_t *slot_idx;
    int64_t *room; /* per slot: free places left */
    size_t hcap, rcap, ucap;
    bool nomem;
} run;

static bool grow(void **v, size_t *cap, size_t n, size_t size) {
    if (n < *cap)
        return true;
    size_t c = *cap ? *cap * 2 : 64;
    void *nv = realloc(*v, c * size);
    if (nv == NULL)
        return false;
    *v = nv;
    *cap = c;
    return true;
}

/* The commune of temporary residence `key` stands for on the plan's first day (cached). */
static const cccd_unit *temp_unit(run *r, const char *key) {
    size_t lo = 0, hi = r->ntemp;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(r->temp[mid].key, key);
        if (c == 0)
            return r->temp[mid].unit;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    const cccd_unit *t = plan_unit_at(r->u, key, r->from);
    if (!grow((void **)&r->temp, &r->tcap, r->ntemp, sizeof *r->temp)) {
        r->nomem = true;
        return t;
    }
    memmove(&r->temp[lo + 1], &r->temp[lo], (r->ntemp - lo) * sizeof *r->temp);
    snprintf(r->temp[lo].key, sizeof r->temp[lo].key, "%s", key);
    r->temp[lo].unit = t;
    r->ntemp++;
    return t;
}

static bool add_listed(cccd_plan_person **v, size_t *n, size_t *cap, const cccd_store_brief *b,
                       const char *address, const cccd_unit *unit, const cccd_unit *registered,
                       bool temporary) {
    if (!grow((void **)v, cap, *n, sizeof **v))
        return false;
    cccd_plan_person *x = &(*v)[*n];
    memset(x, 0, sizeof *x);
    snprintf(x->personal_id, sizeof x->personal_id, "%012lld", (long long)b->personal_id);
    x->full_name = strdup(b->full_name);
    x->residential_group = strdup(b->residential_group);
    x->household_id = strdup(b->household_id);
    x->address = strdup(address);
    x->unit = unit;
    x->registered = registered;
    x->temporary = temporary;
    (*n)++;
    return x->full_name && x->residential_group && x->household_id && x->address;
}

static person *new_person(run *r, const cccd_store_brief *b, uint32_t g, uint32_t hkey) {
    if (!grow((void **)&r->pv, &r->pcap, r->np, sizeof *r->pv)) {
        r->nomem = true;
        return NULL;
    }
    person *x = &r->pv[r->np++];
    *x = (person){b->personal_id, g, hkey, 0, K_TICKET, S_PENDING, false, -1, -1, -1, 0};
    return x;
}

/* A person to ticket living in commune t of the unit under a temporary residence. */
static void add_here(run *r, person *x, const cccd_unit *t) {
    x->group = NO_GROUP;
    if (!grow((void **)&r->hv, &r->hvcap, r->nh, sizeof *r->hv)) {
        r->nomem = true;
        return;
    }
    r->hv[r->nh++] = (here){x->id, (uint32_t)(x - r->pv), t};
}

/* One person of key r->cur_key, in the remaining list's order. */
static bool on_person(void *ctx, const cccd_store_brief *b) {
    run *r = ctx;
    const char *gname = b->residential_group;
    const cccd_unit *home = r->key_commune[r->cur_key];
    if (r->ng == 0 || r->gv[r->ng - 1].key != r->cur_key || strcmp(r->gv[r->ng - 1].name, gname)) {
        if (!grow((void **)&r->gv, &r->gcap, r->ng, sizeof *r->gv) ||
            (r->gv[r->ng].name = strdup(gname)) == NULL) {
            r->nomem = true;
            return false;
        }
        r->gv[r->ng].key = (uint32_t)r->cur_key;
        r->gv[r->ng++].commune = home;
    }
    person *x = new_person(r, b, (uint32_t)(r->ng - 1), (uint32_t)r->cur_key);
    if (x == NULL)
        return false;
    cccd_plan *p = r->p;
    const cccd_unit *t = b->temporary_unit[0] ? temp_unit(r, b->temporary_unit) : NULL;
    bool away = t != NULL && t != home, inside = away && plan_under(t, p->unit);
    bool ok = true;
    if (b->mobility == CCCD_MOBILITY_UNKNOWN && t == NULL) {
        x->kind = K_UNTRACED;
        ok = add_listed(&p->untraced_list, &p->nuntraced, &r->ucap, b, b->permanent_address, home,
                        home, false);
    } else if (away && !inside) {
        x->kind = K_REFER;
        x->slot = (int32_t)p->nreferrals;
        ok = add_listed(&p->referrals, &p->nreferrals, &r->rcap, b, b->temporary_address, t, home,
                        false);
        if (ok && b->mobility == CCCD_MOBILITY_IMMOBILE)
            p->referrals[p->nreferrals - 1].state = CCCD_REFERRAL_HOME_VISIT;
    } else if (b->mobility == CCCD_MOBILITY_IMMOBILE) {
        x->kind = K_HOME;
        if (inside)
            ok = add_listed(&r->htmp, &r->nhtmp, &r->htcap, b, b->temporary_address, t, home, true);
        else
            ok = add_listed(&p->home, &p->nhome, &r->hcap, b, b->permanent_address, home, home,
                            false);
    } else {
        x->ease = (uint8_t)cccd_ease_of(b->card_type, b->old_id_number, b->date_of_birth, gname,
                                        b->household_id);
        if (inside)
            add_here(r, x, t);
    }
    if (!ok)
        r->nomem = true;
    return ok && !r->nomem;
}

static int by_str(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The hkey of a key registered outside the unit (added when new), or UINT32_MAX. */
static uint32_t extra_key(run *r, const char *key) {
    size_t lo = 0, hi = r->nx;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(r->xkeys[r->xsorted[mid]], key);
        if (c == 0)
            return (uint32_t)(r->keys->n + r->xsorted[mid]);
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    char *k = strdup(key);
    if (k == NULL || !grow((void **)&r->xkeys, &r->xcap, r->nx, sizeof *r->xkeys) ||
        !grow((void **)&r->xsorted, &r->xscap, r->nx, sizeof *r->xsorted)) {
        free(k);
        r->nomem = true;
        return UINT32_MAX;
    }
    r->xkeys[r->nx] = k;
    memmove(&r->xsorted[lo + 1], &r->xsorted[lo], (r->nx - lo) * sizeof *r->xsorted);
    r->xsorted[lo] = (uint32_t)r->nx;
    r->nx++;
    return (uint32_t)(r->keys->n + r->nx - 1);
}

static const char *home_key(const run *r, uint32_t hkey) {
    return hkey < r->keys->n ? r->keys->v[hkey] : r->xkeys[hkey - r->keys->n];
}

/* One person living under a temporary residence in a commune of the unit (any registration):
 * those registered outside it are referred in. */
static bool on_in(void *ctx, const cccd_store_brief *b) {
    run *r = ctx;
    const char *pk = b->permanent_unit;
    if (r->keys->n && bsearch(&pk, r->own, r->keys->n, sizeof *r->own, by_str))
        return true; /* a resident: read already */
    const cccd_unit *t = temp_unit(r, b->temporary_unit);
    if (t == NULL || !plan_under(t, r->p->unit))
        return !r->nomem;
    uint32_t k = extra_key(r, pk);
    person *x = k == UINT32_MAX ? NULL : new_person(r, b, NO_GROUP, k);
    if (x == NULL)
        return false;
    r->p->referred_in++;
    if (b->mobility == CCCD_MOBILITY_IMMOBILE) {
        x->kind = K_HOME;
        if (!add_listed(&r->htmp, &r->nhtmp, &r->htcap, b, b->temporary_address, t,
                        plan_unit_at(r->u, pk, r->from), true))
            r->nomem = true;
    } else {
        x->ease = (uint8_t)cccd_ease_of(b->card_type, b->old_id_number, b->date_of_birth,
                                        b->residential_group, b->household_id);
        add_here(r, x, t);
    }
    return !r->nomem;
}

static int here_order(const void *a, const void *b) {
    const here *x = a, *y = b;
    int c = strcmp(x->commune->code, y->commune->code);
    if (c)
        return c;
    return (x->id > y->id) - (x->id < y->id);
}

static int listed_order(const void *a, const void *b) {
    const cccd_plan_person *x = a, *y = b;
    int c = strcmp(x->unit->code, y->unit->code);
    return c ? c : strcmp(x->personal_id, y->personal_id);
}

/* The groups of the people living here under a temporary residence: one per commune they live
 * in, after the residential groups; and their home visits after the residents'. */
static cccd_errc here_groups(run *r, cccd_err *err) {
    cccd_plan *p = r->p;
    r->ng_own = r->ng;
    if (r->nh)
        qsort(r->hv, r->nh, sizeof *r->hv, here_order);
    for (size_t i = 0; i < r->nh; i++) {
        if (i == 0 || r->hv[i].commune != r->hv[i - 1].commune) {
            if (!grow((void **)&r->gv, &r->gcap, r->ng, sizeof *r->gv) ||
                (r->gv[r->ng].name = strdup("")) == NULL)
                return cccd_err_set(err, CCCD_E_NOMEM, "plan", "out of memory");
            r->gv[r->ng].key = UINT32_MAX;
            r->gv[r->ng++].commune = r->hv[i].commune;
        }
        r->pv[r->hv[i].person].group = (uint32_t)(r->ng - 1);
    }
    if (r->nhtmp) {
        qsort(r->htmp, r->nhtmp, sizeof *r->htmp, listed_order);
        cccd_plan_person *nv = realloc(p->home, (p->nhome + r->nhtmp) * sizeof *nv);
        if (nv == NULL)
            return cccd_err_set(err, CCCD_E_NOMEM, "plan", "out of memory");
        memcpy(nv + p->nhome, r->htmp, r->nhtmp * sizeof *nv);
        p->home = nv;
        p->nhome += r->nhtmp;
        r->hcap = p->nhome;
        free(r->htmp);
        r->htmp = NULL;
        r->nhtmp = 0;
    }
    return CCCD_OK;
}

static void on_old(void *ctx, const cccd_ticket *t) {
    run *r = ctx;
    const char *hk = t->home_key;
    if (r->nomem)
        return;
    if (r->cur_key == SIZE_MAX && r->keys->n &&
        bsearch(&hk, r->own, r->keys->n, sizeof *r->own, by_str))
        return; /* a resident's ticket living here: read with the residents' */
    if (!grow((void **)&r->old, &r->oldcap, r->nold, sizeof *r->old)) {
        r->nomem = true;
        return;
    }
    r->old[r->nold] = *t;
    r->old[r->nold++].residential_group = NULL;
}

static int by_pid(const void *a, const void *b) {
    int64_t x = ((const cccd_ticket *)a)->personal_id, y = ((const cccd_ticket *)b)->personal_id;
    return (x > y) - (x < y);
}

static int by_int64(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static long old_of(const run *r, int64_t id) {
    size_t lo = 0, hi = r->nold;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (r->old[mid].personal_id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < r->nold && r->old[lo].personal_id == id ? (long)lo : -1;
}

/* The window of slot si starting at `start`, or -1. */
static long window_at(const cccd_plan *p, size_t si, int start) {
    const cccd_plan_slot *s = &p->slots[si];
    for (size_t w = s->window0; w < s->window0 + s->nwindows; w++)
        if (p->windows[w].w.start_min == start)
            return (long)w;
    return -1;
}

static void take(run *r, size_t si, size_t w) {
    r->p->windows[w].used++;
    r->p->slots[si].used++;
    if (r->p->windows[w].used <= r->p->windows[w].w.capacity)
        r->room[si]--;
}

/* Tickets of people outside this plan at its points hold their places. */
static void on_other(void *ctx, const cccd_ticket *t) {
    run *r = ctx;
    if (r->np && bsearch(&t->personal_id, r->ids, r->np, sizeof *r->ids, by_int64))
        return;
    long si = plan_slot_find(r->p, r->slot_idx, t->point_id, t->day, t->shift_no);
    long w = si >= 0 ? window_at(r->p, (size_t)si, t->window_start) : -1;
    if (w >= 0)
        take(r, (size_t)si, (size_t)w);
}

typedef struct keep {
    size_t person, slot;
    const cccd_ticket *t;
} keep;

static int keep_order(const void *a, const void *b) {
    const keep *x = a, *y = b;
    if (x->slot != y->slot)
        return x->slot < y->slot ? -1 : 1;
    if (x->t->window_start != y->t->window_start)
        return x->t->window_start < y->t->window_start ? -1 : 1;
    int c = strcmp(x->t->plan_unit, y->t->plan_unit);
    if (c)
        return c;
    return (x->t->seq > y->t->seq) - (x->t->seq < y->t->seq);
}

static long point_index(const cccd_plan *p, int64_t id) {
    for (size_t i = 0; i < p->npoints; i++)
        if (p->points[i].id == id)
            return (long)i;
    return -1;
}

/* Old tickets: kept where their window has room, else to be placed again. */
static cccd_errc keep_tickets(run *r, cccd_err *err) {
    cccd_plan *p = r->p;
    keep *kv = malloc((r->np + 1) * sizeof *kv);
    if (kv == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, "plan", "out of memory");
    size_t nk = 0;
    for (size_t i = 0; i < r->np; i++) {
        person *x = &r->pv[i];
        if (x->old < 0 || x->kind != K_TICKET)
            continue;
        const cccd_ticket *t = &r->old[x->old];
        long si = plan_slot_find(p, r->slot_idx, t->point_id, t->day, t->shift_no);
        if (si >= 0)
            kv[nk++] = (keep){i, (size_t)si, t};
        else if (t->day >= p->from && t->day <= p->to && point_index(p, t->point_id) >= 0)
            x->moved = true; /* its shift no longer runs */
        else
            x->state = S_ELSEWHERE;
    }
    if (nk)
        qsort(kv, nk, sizeof *kv, keep_order);
    for (size_t i = 0; i < nk; i++) {
        person *x = &r->pv[kv[i].person];
        long w = window_at(p, kv[i].slot, kv[i].t->window_start);
        if (w >= 0 && p->windows[w].used < p->windows[w].w.capacity) {
            take(r, kv[i].slot, (size_t)w);
            x->state = S_KEPT;
            x->slot = (int32_t)kv[i].slot;
            x->window = (int32_t)w;
        } else {
            x->moved = true;
        }
    }
    free(kv);
    return CCCD_OK;
}

/* Puts n people of batch b into slot si, window by window. */
static void fill(run *r, size_t si, const uint32_t *b, size_t n, int64_t *next_seq) {
    cccd_plan *p = r->p;
    const cccd_plan_slot *s = &p->slots[si];
    size_t w = s->window0, done = 0;
    while (done < n && w < s->window0 + s->nwindows) {
        if (p->windows[w].used >= p->windows[w].w.capacity) {
            w++;
            continue;
        }
        person *x = &r->pv[b[done++]];
        take(r, si, w);
        x->state = S_PLACED;
        x->slot = (int32_t)si;
        x->window = (int32_t)w;
        if (x->old < 0)
            x->seq = ++*next_seq;
    }
}

/* Places batch b[0..n) in the slots of a lane (slot indexes in time order) from *first on:
 * whole into the first slot with room for it, else split over the slots in order. Returns how
 * many were placed. */
static size_t place(run *r, const size_t *lane, size_t nl, size_t *first, const uint32_t *b,
                    size_t n, int64_t *next_seq) {
    while (*first < nl && r->room[lane[*first]] <= 0)
        (*first)++;
    for (size_t i = *first; i < nl; i++)
        if (r->room[lane[i]] >= (int64_t)n) {
            fill(r, lane[i], b, n, next_seq);
            return n;
        }
    size_t done = 0;
    for (size_t i = *first; i < nl && done < n; i++) {
        int64_t room = r->room[lane[i]];
        if (room <= 0)
            continue;
        size_t k = (size_t)room < n - done ? (size_t)room : n - done;
        fill(r, lane[i], b + done, k, next_seq);
        done += k;
    }
    return done;
}

typedef struct lane {
    const cccd_unit *commune; /* NULL: every slot of the plan */
    size_t *slots;
    size_t n, first;
} lane;

static cccd_errc place_all(run *r, int64_t *next_seq, cccd_err *err) {
    cccd_plan *p = r->p;
    cccd_errc rc = CCCD_OK;
    /* lanes: every slot, then one per commune that has points */
    size_t nlanes = 1;
    lane *lanes = calloc(p->npoints + 1, sizeof *lanes);
    const cccd_unit **pc = calloc(p->npoints + 1, sizeof *pc);
    size_t nb = (size_t)CCCD_EASE__COUNT * r->ng;
    size_t *start = calloc(nb + 1, sizeof *start);
    uint32_t *order = malloc((r->np + 1) * sizeof *order);
    if (lanes == NULL || pc == NULL || start == NULL || order == NULL) {
        rc = cccd_err_set(err, CCCD_E_NOMEM, "plan", "out of memory");
        goto done;
    }
    for (size_t i = 0; i < p->npoints; i++) {
        const cccd_unit *c = plan_unit_at(r->u, p->points[i].unit_key, r->from);
        pc[i] = c && c->level == CCCD_UNIT_COMMUNE ? c : NULL;
        size_t l = 1;
        while (pc[i] && l < nlanes && lanes[l].commune != pc[i])
            l++;
        if (pc[i] && l == nlanes)
            lanes[nlanes++].commune = pc[i];
    }
    for (size_t l = 0; l < nlanes && rc == CCCD_OK; l++)
        if ((lanes[l].slots = malloc((p->nslots + 1) * sizeof(size_t))) == NULL)
            rc = cccd_err_set(err, CCCD_E_NOMEM, "plan", "out of memory");
    for (size_t si = 0; si < p->nslots && rc == CCCD_OK; si++) {
        lanes[0].slots[lanes[0].n++] = si;
        const cccd_unit *c = pc[p->slots[si].point];
        for (size_t l = 1; c && l < nlanes; l++)
            if (lanes[l].commune == c)
                lanes[l].slots[lanes[l].n++] = si;
    }
    /* batches: (ease, group), people in reading order (a counting sort) */
    for (size_t i = 0; i < r->np; i++)
        if (r->pv[i].kind == K_TICKET && r->pv[i].state == S_PENDING)
            start[(size_t)r->pv[i].ease * r->ng + r->pv[i].group + 1]++;
    for (size_t b = 1; b <= nb; b++)
        start[b] += start[b - 1];
    size_t *fillp = malloc((nb + 1) * sizeof *fillp);
    if (fillp == NULL && rc == CCCD_OK)
        rc = cccd_err_set(err, CCCD_E_NOMEM, "plan", "out of memory");
    if (rc == CCCD_OK) {
        /* residents in reading order, then those living here elsewhere in here_groups' order */
        memcpy(fillp, start, (nb + 1) * sizeof *fillp);
        for (size_t i = 0; i < r->np; i++)
            if (r->pv[i].kind == K_TICKET && r->pv[i].state == S_PENDING &&
                r->pv[i].group < r->ng_own)
                order[fillp[(size_t)r->pv[i].ease * r->ng + r->pv[i].group]++] = (uint32_t)i;
        for (size_t h = 0; h < r->nh; h++) {
            size_t i = r->hv[h].person;
            if (r->pv[i].state == S_PENDING)
                order[fillp[(size_t)r->pv[i].ease * r->ng + r->pv[i].group]++] = (uint32_t)i;
        }
    }
    free(fillp);
    for (size_t b = 0; b < nb && rc == CCCD_OK; b++) {
        size_t n = start[b + 1] - start[b];
        if (n == 0)
            continue;
        const uint32_t *batch = order + start[b];
        const cccd_unit *c = r->gv[b % r->ng].commune;
        size_t done = 0;
        for (size_t l = 1; c && l < nlanes; l++)
            if (lanes[l].commune == c)
                done = place(r, lanes[l].slots, lanes[l].n, &lanes[l].first, batch, n, next_seq);
        if (done < n)
            done += place(r, lanes[0].slots, lanes[0].n, &lanes[0].first, batch + done, n - done,
                          next_seq);
        for (size_t i = done; i < n; i++)
            r->pv[batch[i]].state = S_UNPLANNED;
    }
done:
    for (size_t l = 0; lanes && l < nlanes; l++)
        free(lanes[l].slots);
    free(lanes);
    free(pc);
    free(start);
    free(order);
    return rc;
}

/* The ticket text of seq under a unit key: "CODE-0000123", or "CODE.YYYYMMDD-0000123" for a
 * unit version with a start date (codes are reused after the 2025 reform). */
static void ticket_name(const char *key, int64_t seq, char out[CCCD_TICKET_LEN]) {
    size_t c = strcspn(key, "@");
    char date[12] = "";
    if (key[c] == '@' && key[c + 1]) {
        size_t k = 1;
        date[0] = '.';
        for (const char *q = key + c + 1; *q && k < sizeof date - 1; q++)
            if (*q != '-')
                date[k++] = *q;
        date[k] = '\0';
    }
    snprintf(out, CCCD_TICKET_LEN, "%.*s%s-%07lld", (int)c, key, date, (long long)seq);
}

/* Tickets go to the store in batches (one pipeline each on PostgreSQL). */
#define WRITE_BATCH 2000

/* Whether a person's ticket is taken back: they are unplanned, a home visit or untraced; or
 * referred out and the ticket is at this unit's points (a ticket the receiving end handed out
 * stays). */
static bool withdraws(const run *r, const person *x) {
    if (x->old < 0)
        return false;
    if (x->kind == K_TICKET)
        return x->state == S_UNPLANNED;
    if (x->kind != K_REFER)
        return true;
    return point_index(r->p, r->old[x->old].point_id) >= 0;
}

static cccd_errc write_tickets(cccd_store *st, run *r, const char *plan_key, cccd_err *err) {
    cccd_plan *p = r->p;
    cccd_errc rc = CCCD_OK;
    cccd_ticket *batch = malloc(WRITE_BATCH * sizeof *batch);
    size_t nb = 0;
    if (batch == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, "plan", "out of memory");
    for (size_t i = 0; i < r->np && rc == CCCD_OK; i++) {
        person *x = &r->pv[i];
        const cccd_ticket *o = x->old >= 0 ? &r->old[x->old] : NULL;
        if (x->state == S_PLACED) {
            const cccd_plan_slot *s = &p->slots[x->slot];
            const cccd_plan_window *w = &p->windows[x->window];
            cccd_ticket *t = &batch[nb++];
            memset(t, 0, sizeof *t);
            if (o) {
                snprintf(t->ticket, sizeof t->ticket, "%s", o->ticket);
                snprintf(t->plan_unit, sizeof t->plan_unit, "%s", o->plan_unit);
                t->seq = o->seq;
            } else {
                ticket_name(plan_key, x->seq, t->ticket);
                snprintf(t->plan_unit, sizeof t->plan_unit, "%s", plan_key);
                t->seq = x->seq;
            }
            t->personal_id = x->id;
            snprintf(t->home_key, sizeof t->home_key, "%s", home_key(r, x->hkey));
            t->point_id = s->point_id;
            t->day = s->day;
            t->shift_no = s->shift.no;
            t->window_start = w->w.start_min;
            t->window_end = w->w.end_min;
            t->ease = x->ease;
            t->residential_group = r->gv[x->group].name;
        } else if (withdraws(r, x)) {
            rc = cccd_store_ticket_delete(st, x->id, err);
        }
        if (rc == CCCD_OK && (nb == WRITE_BATCH || (i + 1 == r->np && nb > 0))) {
            rc = cccd_store_tickets_put(st, batch, nb, err);
            nb = 0;
        }
    }
    free(batch);
    return rc;
}

static int move_order(const void *a, const void *b) {
    return strcmp(((const cccd_plan_move *)a)->ticket, ((const cccd_plan_move *)b)->ticket);
}

/* The counts, the moves and the unplanned list. */
static cccd_errc summarise(run *r, cccd_err *err) {
    cccd_plan *p = r->p;
    p->remaining = (int64_t)r->np - p->referred_in;
    p->moves = calloc(r->np + 1, sizeof *p->moves);
    p->unplanned_ids = calloc(r->np + 1, sizeof *p->unplanned_ids);
    if (p->moves == NULL || p->unplanned_ids == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, "plan", "out of memory");
    for (size_t i = 0; i < r->np; i++) {
        person *x = &r->pv[i];
        const cccd_ticket *o = x->old >= 0 ? &r->old[x->old] : NULL;
        if (x->kind == K_HOME)
            p->home_visits++;
        else if (x->kind == K_REFER)
            p->referred++;
        else if (x->kind == K_UNTRACED)
            p->untraced++;
        bool back = withdraws(r, x);
        if (back && x->kind != K_TICKET)
            p->withdrawn++;
        if (x->kind == K_REFER && o && !back) {
            /* ticketed at the receiving end (or anywhere outside this unit) */
            cccd_plan_person *e = &p->referrals[x->slot];
            e->state = CCCD_REFERRAL_TICKETED;
            snprintf(e->ticket, sizeof e->ticket, "%s", o->ticket);
            e->ticket_point = o->point_id;
            e->ticket_day = o->day;
            e->ticket_start = o->window_start;
            e->ticket_end = o->window_end;
        }
        if (x->kind != K_TICKET)
            continue;
        switch (x->state) {
            case S_KEPT:
                p->kept++;
                break;
            case S_ELSEWHERE:
                p->elsewhere++;
                break;
            case S_PLACED:
                if (o)
                    p->moved++;
                else
                    p->created++;
                break;
            case S_UNPLANNED:
                snprintf(p->unplanned_ids[p->unplanned++], 13, "%012lld", (long long)x->id);
                break;
        }
        if (x->state == S_KEPT || x->state == S_PLACED)
            p->by_ease[x->ease]++;
        if (o && x->moved) {
            cccd_plan_move *m = &p->moves[p->nmoves++];
            snprintf(m->ticket, sizeof m->ticket, "%s", o->ticket);
            snprintf(m->personal_id, sizeof m->personal_id, "%012lld", (long long)x->id);
            m->from_point = o->point_id;
            m->from_day = o->day;
            m->from_start = o->window_start;
            if (x->state == S_PLACED) {
                m->to_point = p->slots[x->slot].point_id;
                m->to_day = p->slots[x->slot].day;
                m->to_start = p->windows[x->window].w.start_min;
            }
        }
    }
    p->ticketed = p->kept + p->moved + p->created;
    if (p->nmoves)
        qsort(p->moves, p->nmoves, sizeof *p->moves, move_order);
    return CCCD_OK;
}

static void persons_free(cccd_plan_person *v, size_t n);

static void run_free(run *r) {
    for (size_t i = 0; i < r->ng; i++)
        free(r->gv[i].name);
    for (size_t i = 0; i < r->nx; i++)
        free(r->xkeys[i]);
    free(r->xkeys);
    free(r->xsorted);
    free(r->own);
    free(r->hv);
    persons_free(r->htmp, r->nhtmp);
    free(r->gv);
    free(r->pv);
    free(r->temp);
    free(r->old);
    free(r->ids);
    free(r->slot_idx);
    free(r->room);
    free(r->key_commune);
}

typedef struct plan_job {
    cccd_plan *p;
    const cccd_units *u;
    const cccd_unit_keys *keys;
    cccd_date from;
    bool dry_run;
    const cccd_actor *by; /* NULL: no audit entry (tests and benchmarks) */
} plan_job;

/* The plan's audit entry, in its transaction: who planned which unit over which days, and
 * what it did to the tickets (each ticket row names the plan's unit). */
static cccd_errc plan_audit(cccd_store *st, const cccd_actor *by, const cccd_plan *p,
                            cccd_err *err) {
    char a[11], b[11], detail[256];
    snprintf(detail, sizeof detail,
             "%s to %s: %lld remaining, %lld referred in, %lld new tickets, %lld kept, %lld moved,"
             " %lld withdrawn, %lld home visits, %lld referred out, %lld untraced, %lld unplanned",
             cccd_date_iso(cccd_date_from_days(p->from), a),
             cccd_date_iso(cccd_date_from_days(p->to), b), (long long)p->remaining,
             (long long)p->referred_in, (long long)p->created, (long long)p->kept,
             (long long)p->moved, (long long)p->withdrawn, (long long)p->home_visits,
             (long long)p->referred, (long long)p->untraced, (long long)p->unplanned);
    return cccd_audit_change(st, by, "plan.make", p->unit->code, detail, err);
}

static void plan_reset(cccd_plan *p) {
    const cccd_unit *unit = p->unit;
    int64_t from = p->from, to = p->to;
    cccd_plan_free(p);
    p->unit = unit;
    p->from = from;
    p->to = to;
}

static cccd_errc plan_txn(cccd_store *st, void *ctx, cccd_err *err) {
    plan_job *j = ctx;
    cccd_plan *p = j->p;
    plan_reset(p);
    run r = {0};
    r.p = p;
    r.u = j->u;
    r.keys = j->keys;
    r.from = j->from;
    cccd_errc rc = CCCD_OK;
    if ((r.key_commune = calloc(j->keys->n + 1, sizeof *r.key_commune)) == NULL)
        rc = cccd_err_set(err, CCCD_E_NOMEM, "plan", "out of memory");
    if (rc == CCCD_OK && (r.own = malloc((j->keys->n + 1) * sizeof *r.own)) == NULL)
        rc = cccd_err_set(err, CCCD_E_NOMEM, "plan", "out of memory");
    for (size_t i = 0; i < j->keys->n && rc == CCCD_OK; i++) {
        r.key_commune[i] = plan_unit_at(j->u, j->keys->v[i], j->from);
        r.own[i] = j->keys->v[i];
    }
    if (rc == CCCD_OK && j->keys->n)
        qsort(r.own, j->keys->n, sizeof *r.own, by_str);
    /* 1. who: the remaining list of each registered commune version, in order; then the people
     * registered elsewhere living in the unit's communes (referred in) */
    for (size_t i = 0; i < j->keys->n && rc == CCCD_OK; i++) {
        r.cur_key = i;
        rc = cccd_store_remaining_brief(st, j->keys->v[i], p->from, on_person, &r, err);
        if (rc == CCCD_OK && r.nomem)
            rc = cccd_err_set(err, CCCD_E_NOMEM, "plan", "out of memory");
    }
    for (size_t i = 0; i < j->keys->n && rc == CCCD_OK; i++) {
        rc = cccd_store_remaining_brief_temporary(st, j->keys->v[i], p->from, on_in, &r, err);
        if (rc == CCCD_OK && r.nomem)
            rc = cccd_err_set(err, CCCD_E_NOMEM, "plan", "out of memory");
    }
    if (rc == CCCD_OK)
        rc = here_groups(&r, err);
    /* 2. the tickets they hold */
    for (size_t i = 0; i < j->keys->n && rc == CCCD_OK; i++) {
        r.cur_key = i;
        rc = cccd_store_tickets_of_key(st, j->keys->v[i], on_old, &r, err);
    }
    for (size_t i = 0; i < j->keys->n && rc == CCCD_OK && r.nx; i++) {
        r.cur_key = SIZE_MAX;
        rc = cccd_store_tickets_of_temporary(st, j->keys->v[i], on_old, &r, err);
    }
    if (rc == CCCD_OK && r.nomem)
        rc = cccd_err_set(err, CCCD_E_NOMEM, "plan", "out of memory");
    if (rc == CCCD_OK) {
        if (r.nold)
            qsort(r.old, r.nold, sizeof *r.old, by_pid);
        r.ids = malloc((r.np + 1) * sizeof *r.ids);
        if (r.ids == NULL)
            rc = cccd_err_set(err, CCCD_E_NOMEM, "plan", "out of memory");
    }
    for (size_t i = 0; i < r.np && rc == CCCD_OK; i++) {
        r.ids[i] = r.pv[i].id;
        r.pv[i].old = (int32_t)old_of(&r, r.pv[i].id);
    }
    if (rc == CCCD_OK && r.np)
        qsort(r.ids, r.np, sizeof *r.ids, by_int64);
    /* 3. where and when: the shifts and their capacity */
    if (rc == CCCD_OK)
        rc = plan_points(st, j->u, p->unit, j->from, p, err);
    if (rc == CCCD_OK)
        rc = plan_slots(st, p, err);
    if (rc == CCCD_OK && ((r.slot_idx = plan_slot_index(p)) == NULL ||
                          (r.room = malloc((p->nslots + 1) * sizeof *r.room)) == NULL))
        rc = cccd_err_set(err, CCCD_E_NOMEM, "plan", "out of memory");
    for (size_t i = 0; i < p->nslots && rc == CCCD_OK; i++)
        r.room[i] = p->slots[i].capacity;
    for (size_t i = 0; i < p->npoints && rc == CCCD_OK; i++)
        if (p->points[i].kind != CCCD_POINT_HOME)
            rc = cccd_store_tickets_at(st, p->points[i].id, p->from, p->to, on_other, &r, err);
    /* 4. keep what still fits, place the rest */
    char plan_key[CCCD_UNIT_KEY_LEN];
    cccd_store_unit_key(p->unit, plan_key);
    int64_t seq = 0;
    if (rc == CCCD_OK)
        rc = keep_tickets(&r, err);
    if (rc == CCCD_OK)
        rc = cccd_store_tickets_max_seq(st, plan_key, &seq, err);
    if (rc == CCCD_OK)
        rc = place_all(&r, &seq, err);
    if (rc == CCCD_OK)
        rc = summarise(&r, err);
    if (rc == CCCD_OK && !j->dry_run)
        rc = write_tickets(st, &r, plan_key, err);
    if (rc == CCCD_OK && !j->dry_run && j->by)
        rc = plan_audit(st, j->by, p, err);
    run_free(&r);
    return rc;
}

cccd_errc cccd_plan_make(cccd_store *st, const cccd_units *u, const char *code, cccd_date from,
                         cccd_date to, bool dry_run, cccd_plan *out, cccd_err *err) {
    return cccd_plan_make_by(st, u, code, from, to, dry_run, NULL, out, err);
}

cccd_errc cccd_plan_make_by(cccd_store *st, const cccd_units *u, const char *code, cccd_date from,
                            cccd_date to, bool dry_run, const cccd_actor *by, cccd_plan *out,
                            cccd_err *err) {
    memset(out, 0, sizeof *out);
    if (from.prec != CCCD_DATE_DAY || to.prec != CCCD_DATE_DAY)
        return cccd_err_set(err, CCCD_E_ARG, "from", "from, to: full dates (YYYY-MM-DD)");
    out->from = cccd_date_to_days(from);
    out->to = cccd_date_to_days(to);
    if (out->to < out->from)
        return cccd_err_set(err, CCCD_E_DATE_RANGE, "to", "to: %04d-%02d-%02d is before from", to.y,
                            to.m, to.d);
    if (out->to - out->from + 1 > CCCD_PLAN_MAX_DAYS)
        return cccd_err_set(err, CCCD_E_DATE_RANGE, "to",
                            "to: a plan covers at most %d days; plan a long campaign in parts",
                            CCCD_PLAN_MAX_DAYS);
    cccd_unit_keys keys;
    cccd_errc rc = cccd_unit_keys_get(u, code, from, &keys, err);
    if (rc == CCCD_OK) {
        out->unit = keys.unit;
        plan_job j = {out, u, &keys, from, dry_run, by};
        if (dry_run) {
            rc = cccd_store_begin_read(st, err);
            if (rc == CCCD_OK) {
                rc = plan_txn(st, &j, err);
                cccd_store_rollback(st);
            }
        } else {
            rc = cccd_store_transaction(st, plan_txn, &j, err);
        }
    }
    cccd_unit_keys_free(&keys);
    return rc;
}

static void persons_free(cccd_plan_person *v, size_t n) {
    for (size_t i = 0; i < n; i++) {
        free(v[i].full_name);
        free(v[i].residential_group);
        free(v[i].household_id);
        free(v[i].address);
    }
    free(v);
}

void cccd_plan_free(cccd_plan *p) {
    free(p->points);
    free(p->slots);
    free(p->windows);
    persons_free(p->home, p->nhome);
    persons_free(p->referrals, p->nreferrals);
    persons_free(p->untraced_list, p->nuntraced);
    free(p->moves);
    free(p->unplanned_ids);
    memset(p, 0, sizeof *p);
}
