/*
 * synth_place.c: where a synthetic population lives: the communes of a province in force at a
 * date, how their residential groups are called, how many households each gets, which ID
 * prefix its births are registered under, and the place-of-origin text it gives.
 *
 * Why this is separate: it is the only part of the generator that walks the unit tree, and the
 * only one that knows the 2025 reform. After 2025-07-01 a commune belongs to one of 34
 * provinces, but a birth was registered under the 63-province code of its area, so the prefix
 * (and the origin text, written as the old records have it) come from the commune's
 * predecessor, found through the reform events.
 */
#include <stdlib.h>
#include <string.h>

#include "core/province.h"
#include "service/synth_internal.h"

static cccd_errc push(synth_place *p, const cccd_unit *unit, synth_rng *rng, cccd_err *err) {
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 256;
        synth_commune *nc = realloc(p->c, cap * sizeof *nc);
        if (nc == NULL)
            return cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory listing communes");
        p->c = nc;
        p->cap = cap;
    }
    synth_commune *c = &p->c[p->n++];
    memset(c, 0, sizeof *c);
    c->unit = unit;
    const char *type = unit->type ? unit->type : "";
    uint32_t base;
    if (strcmp(type, "Phường") == 0) {
        c->style = SYNTH_GROUP_TO_DAN_PHO;
        base = 300;
    } else if (strcmp(type, "Thị trấn") == 0) {
        c->style = SYNTH_GROUP_TO_DAN_PHO;
        base = 200;
    } else {
        /* xã, đặc khu: villages are thôn in most provinces, xóm in some */
        c->style = synth_rng_below(rng, 10) < 6 ? SYNTH_GROUP_THON : SYNTH_GROUP_XOM;
        base = 150;
    }
    c->weight = base * (uint32_t)synth_rng_range(rng, 50, 150);
    return CCCD_OK;
}

cccd_errc synth_place_add_province(const cccd_units *u, const cccd_unit *prov, cccd_date at,
                                   synth_rng *rng, synth_place *p, cccd_err *err) {
    const cccd_unit **kids;
    size_t nkids;
    cccd_errc rc = cccd_units_children(u, prov, &at, &kids, &nkids, err);
    if (rc != CCCD_OK)
        return rc;
    for (size_t i = 0; i < nkids && rc == CCCD_OK; i++) {
        if (kids[i]->level == CCCD_UNIT_COMMUNE) {
            rc = push(p, kids[i], rng, err);
        } else if (kids[i]->level == CCCD_UNIT_DISTRICT) {
            const cccd_unit **comm;
            size_t ncomm;
            rc = cccd_units_children(u, kids[i], &at, &comm, &ncomm, err);
            for (size_t j = 0; j < ncomm && rc == CCCD_OK; j++)
                if (comm[j]->level == CCCD_UNIT_COMMUNE)
                    rc = push(p, comm[j], rng, err);
            free(comm);
        }
    }
    free(kids);
    return rc;
}

/* ---- predecessors through the reform events ---- */

typedef struct ptr_idx {
    const cccd_unit *unit;
    size_t idx;
} ptr_idx;

static int cmp_ptr(const void *a, const void *b) {
    uintptr_t x = (uintptr_t)((const ptr_idx *)a)->unit, y = (uintptr_t)((const ptr_idx *)b)->unit;
    return x < y ? -1 : x > y;
}

static const ptr_idx *find_ptr(const ptr_idx *v, size_t n, const cccd_unit *unit) {
    ptr_idx key = {unit, 0};
    return bsearch(&key, v, n, sizeof *v, cmp_ptr);
}

/* The oldest unit the commune descends from: itself when it has always been in force. */
static const cccd_unit *old_unit(const cccd_unit *c, const cccd_unit *pred) {
    return pred != NULL ? pred : c;
}

static const cccd_unit *province_of(const cccd_unit *unit) {
    while (unit->parent != NULL)
        unit = unit->parent;
    return unit;
}

static char *origin_text(const cccd_unit *old) {
    const char *parts[3];
    size_t n = 0;
    for (const cccd_unit *x = old; x != NULL && n < 3; x = x->parent)
        parts[n++] = x->name;
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        len += strlen(parts[i]) + 2;
    char *s = malloc(len + 1), *w = s;
    if (s == NULL)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        if (i > 0) {
            memcpy(w, ", ", 2);
            w += 2;
        }
        size_t l = strlen(parts[i]);
        memcpy(w, parts[i], l);
        w += l;
    }
    *w = '\0';
    return s;
}

cccd_errc synth_place_finish(const cccd_units *u, synth_place *p, uint64_t expected_households,
                             const char *fallback, cccd_err *err) {
    if (p->n == 0)
        return cccd_err_set(err, CCCD_E_UNITS_FORMAT, "province", "no commune in force");
    p->cum = malloc(p->n * sizeof *p->cum);
    ptr_idx *idx = malloc(p->n * sizeof *idx);
    const cccd_unit **pred = calloc(p->n, sizeof *pred);
    if (p->cum == NULL || idx == NULL || pred == NULL) {
        free(idx);
        free(pred);
        return cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory listing communes");
    }
    uint64_t sum = 0;
    for (size_t i = 0; i < p->n; i++) {
        sum += p->c[i].weight;
        p->cum[i] = sum;
        idx[i] = (ptr_idx){p->c[i].unit, i};
    }
    qsort(idx, p->n, sizeof *idx, cmp_ptr);
    /* the first unit each commune was made from, in event order */
    size_t nev = cccd_units_event_count(u);
    for (size_t e = 0; e < nev; e++) {
        const cccd_unit_event *ev = cccd_units_event_at(u, e);
        const cccd_unit *from = NULL; /* a commune it was made from (not a dissolved district) */
        for (size_t f = 0; f < ev->nfrom && from == NULL; f++)
            if (ev->from[f]->level == CCCD_UNIT_COMMUNE)
                from = ev->from[f];
        if (from == NULL)
            continue;
        for (size_t t = 0; t < ev->nto; t++) {
            const ptr_idx *hit = find_ptr(idx, p->n, ev->to[t]);
            if (hit != NULL && pred[hit->idx] == NULL)
                pred[hit->idx] = from;
        }
    }
    cccd_errc rc = CCCD_OK;
    for (size_t i = 0; i < p->n && rc == CCCD_OK; i++) {
        synth_commune *c = &p->c[i];
        const cccd_unit *old = old_unit(c->unit, pred[i]);
        char prefix[8];
        prefix[0] = '0';
        memcpy(prefix + 1, province_of(old)->code, 3);
        if (strlen(prefix) != 3 || cccd_province_by_prefix(prefix) == NULL)
            memcpy(prefix, fallback, 4);
        memcpy(c->prefix, prefix, 4);
        c->prefix[3] = '\0';
        if ((c->origin = origin_text(old)) == NULL)
            rc = cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory listing communes");
        uint64_t hh = sum ? expected_households * c->weight / sum : 0;
        uint64_t g = hh / 80;
        c->groups = (uint32_t)(g < 3 ? 3 : g > 40 ? 40 : g);
    }
    free(idx);
    free(pred);
    return rc;
}

void synth_place_free(synth_place *p) {
    for (size_t i = 0; i < p->n; i++)
        free(p->c[i].origin);
    free(p->c);
    free(p->cum);
    memset(p, 0, sizeof *p);
}

synth_commune *synth_place_pick(const synth_place *p, synth_rng *r) {
    uint64_t x = synth_rng_next(r) % p->cum[p->n - 1];
    size_t lo = 0, hi = p->n - 1;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (p->cum[mid] > x)
            hi = mid;
        else
            lo = mid + 1;
    }
    return &p->c[lo];
}
