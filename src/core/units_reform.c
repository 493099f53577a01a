/*
 * units_reform.c: a reorganisation of units as dated events, applied to the set.
 *
 * Why this file: the reform file (dvhcvn/20250701 "splits" layout) only says, for each old
 * province and commune, which new unit(s) it went into. This file turns that into versions and
 * events: every unit in force the day before ends on the effective date; the new provinces and
 * communes begin then, communes directly under their province; each old unit is linked to its
 * successors, and each link is explained by an event (merge, split, rename, continue, dissolve;
 * see units.h). The file is checked and planned in full before the set is touched, so a bad
 * file changes nothing. Oddities in otherwise well-formed data become warnings.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "core/units_internal.h"

#define NONE ((size_t)-1)

/* A unit the reform creates. */
typedef struct newu {
    unit_rec *rec;      /* in the arena; joins the set on commit */
    size_t parent;      /* index of its new province in plan.nu, NONE for none */
    size_t nsrc;        /* old units linked to it (not counting dissolved districts) */
    bool parent_warned; /* reported once when reached from two new provinces */
    bool name_warned;   /* reported once when named differently */
} newu;

/* A successor link: old unit -> new unit. */
typedef struct link {
    unit_rec *from;
    size_t to;     /* index into plan.nu */
    bool dissolve; /* a district's link through its communes */
} link;

/* What the commit does to an old unit. */
typedef struct pending {
    unit_rec *old;
    const cccd_unit **succ;
    size_t nsucc;
    event_rec *out;
} pending;

typedef struct plan {
    cccd_units *u;
    int64_t E;           /* effective day */
    cccd_date eff;       /* effective date */
    char before_iso[11]; /* the day before, for messages */
    newu *nu;
    size_t nnu, capnu;
    size_t *slots; /* open addressing over nu by (level, code): index + 1, 0 = empty */
    size_t nslots;
    link *links;
    size_t nl, capl;
    unsigned char *seen; /* per old unit (u->v index): 1 listed, 2 listed district */
    pending *pend;
    size_t npend;
    event_rec **evs;
    size_t nev, capev;
    const char **warn; /* up to CCCD_UNITS_MAX_WARNINGS */
    size_t nwarn, nwarn_total;
} plan;

static void warnf(plan *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void warnf(plan *p, const char *fmt, ...) {
    p->nwarn_total++;
    if (p->u->nwarn + p->nwarn >= CCCD_UNITS_MAX_WARNINGS)
        return;
    char buf[320];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    const char *s = units_strdup(p->u, buf, strlen(buf));
    if (s != NULL) /* out of memory: the warning is counted, its text dropped */
        p->warn[p->nwarn++] = s;
}

static cccd_errc nomem(cccd_err *err) {
    return cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory");
}

/* ---- new units by (level, code) ---- */

static size_t slot_hash(cccd_unit_level level, const char *code) {
    size_t h = (size_t)level * 2654435761u;
    for (const char *c = code; *c; c++)
        h = h * 31 + (unsigned char)*c;
    return h * 2654435761u;
}

static size_t new_find(const plan *p, cccd_unit_level level, const char *code) {
    if (p->nslots == 0)
        return NONE;
    for (size_t h = slot_hash(level, code) & (p->nslots - 1);; h = (h + 1) & (p->nslots - 1)) {
        size_t s = p->slots[h];
        if (s == 0)
            return NONE;
        const unit_rec *r = p->nu[s - 1].rec;
        if (r->pub.level == level && strcmp(r->pub.code, code) == 0)
            return s - 1;
    }
}

static cccd_errc slots_grow(plan *p, cccd_err *err) {
    if (p->nslots > 0 && (p->nnu + 1) * 2 <= p->nslots)
        return CCCD_OK;
    size_t ns = p->nslots ? p->nslots * 2 : 1024;
    size_t *slots = calloc(ns, sizeof *slots);
    if (slots == NULL)
        return nomem(err);
    for (size_t i = 0; i < p->nnu; i++) {
        const unit_rec *r = p->nu[i].rec;
        size_t h = slot_hash(r->pub.level, r->pub.code) & (ns - 1);
        while (slots[h] != 0)
            h = (h + 1) & (ns - 1);
        slots[h] = i + 1;
    }
    free(p->slots);
    p->slots = slots;
    p->nslots = ns;
    return CCCD_OK;
}

/* The new unit (level, code) named `name` at `path`, created on first sight. */
static cccd_errc new_get(plan *p, cccd_unit_level level, const char *code, const char *clean,
                         size_t parent, const char *path, size_t *out, cccd_err *err) {
    const char *type;
    char *name = NULL;
    bool known;
    cccd_errc rc = units_canonical_name(level, clean, &type, &name, &known, err);
    if (rc != CCCD_OK)
        return rc;
    size_t i = new_find(p, level, code);
    if (i != NONE) {
        newu *n = &p->nu[i];
        if (strcmp(n->rec->pub.name, name) != 0 && !n->name_warned) {
            n->name_warned = true;
            warnf(p, "%s: new %s %s is named '%s' here but '%s' before; the first name is kept",
                  path, cccd_unit_level_name(level), code, name, n->rec->pub.name);
        }
        if (n->parent != parent && !n->parent_warned) {
            n->parent_warned = true;
            warnf(p,
                  "%s: new %s %s %s is reached from provinces going to %s and to %s; it is "
                  "placed under %s",
                  path, cccd_unit_level_name(level), code, n->rec->pub.name,
                  n->parent != NONE ? p->nu[n->parent].rec->pub.code : "none",
                  parent != NONE ? p->nu[parent].rec->pub.code : "none",
                  n->parent != NONE ? p->nu[n->parent].rec->pub.code : "none");
        }
        free(name);
        *out = i;
        return CCCD_OK;
    }
    /* no version of this code may begin on or after the effective date already */
    unit_rec *const *first;
    size_t k = units_index_range(p->u, level, code, &first);
    for (size_t j = 0; j < k; j++)
        if (first[j]->from >= p->E) {
            free(name);
            return cccd_err_set(err, CCCD_E_UNIT_DUP, path,
                                "%s: a version of %s %s already begins on or after the reform",
                                path, cccd_unit_level_name(level), code);
        }
    if (!known)
        warnf(p, "%s: new %s %s '%s' has no known type prefix", path, cccd_unit_level_name(level),
              code, clean);
    rc = slots_grow(p, err);
    if (rc == CCCD_OK && p->nnu == p->capnu) {
        size_t nc = p->capnu ? p->capnu * 2 : 512;
        newu *nn = realloc(p->nu, nc * sizeof *nn);
        if (nn == NULL)
            rc = nomem(err);
        else
            p->nu = nn, p->capnu = nc;
    }
    unit_rec *r = rc == CCCD_OK ? units_alloc(p->u, sizeof *r) : NULL;
    if (rc == CCCD_OK && r == NULL)
        rc = nomem(err);
    if (rc == CCCD_OK) {
        memcpy(r->pub.code, code, strlen(code) + 1);
        r->pub.level = level;
        r->pub.type = type; /* static storage */
        rc = units_set_name(p->u, r, name, path, err);
    }
    free(name);
    if (rc != CCCD_OK)
        return rc;
    r->pub.valid_from = p->eff;
    r->pub.parent = parent != NONE ? &p->nu[parent].rec->pub : NULL;
    r->from = p->E;
    r->to = UNITS_OPEN_END;
    r->idx = p->u->n + p->nnu;
    p->nu[p->nnu] = (newu){r, parent, 0, false, false};
    size_t h = slot_hash(level, code) & (p->nslots - 1);
    while (p->slots[h] != 0)
        h = (h + 1) & (p->nslots - 1);
    p->slots[h] = p->nnu + 1;
    *out = p->nnu++;
    return CCCD_OK;
}

static cccd_errc link_add(plan *p, unit_rec *from, size_t to, bool dissolve, cccd_err *err) {
    if (p->nl == p->capl) {
        size_t nc = p->capl ? p->capl * 2 : 4096;
        link *nl = realloc(p->links, nc * sizeof *nl);
        if (nl == NULL)
            return nomem(err);
        p->links = nl, p->capl = nc;
    }
    p->links[p->nl++] = (link){from, to, dissolve};
    if (!dissolve)
        p->nu[to].nsrc++;
    return CCCD_OK;
}

/* ---- old units ---- */

/* The old unit (level, code) in force the day before, not yet ended, listed once. */
static cccd_errc old_get(plan *p, const json_t *obj, cccd_unit_level level, const char *path,
                         unit_rec **out, cccd_err *err) {
    const char *idk = level == CCCD_UNIT_PROVINCE   ? "level1_id"
                      : level == CCCD_UNIT_DISTRICT ? "level2_id"
                                                    : "level3_id";
    char code[6];
    cccd_errc rc = units_json_code(obj, idk, level, path, code, err);
    if (rc != CCCD_OK)
        return rc;
    unit_rec *const *first;
    size_t k = units_index_range(p->u, level, code, &first);
    unit_rec *r = NULL;
    for (size_t j = 0; j < k && r == NULL; j++)
        if (first[j]->from <= p->E - 1 && p->E - 1 < first[j]->to)
            r = first[j];
    const char *lv = cccd_unit_level_name(level);
    if (k == 0)
        return cccd_err_set(err, CCCD_E_UNIT_UNKNOWN, path, "%s.%s: no %s %s in the unit list",
                            path, idk, lv, code);
    if (r == NULL)
        return cccd_err_set(err, CCCD_E_UNIT_NOT_IN_FORCE, path,
                            "%s.%s: %s %s is not in force on %s, the day before the reform", path,
                            idk, lv, code, p->before_iso);
    if (r->to != UNITS_OPEN_END)
        return cccd_err_set(err, CCCD_E_UNIT_DUP, path,
                            "%s.%s: %s %s already ends on a later change (reform applied twice?)",
                            path, idk, lv, code);
    if (p->seen[r->idx])
        return cccd_err_set(err, CCCD_E_UNIT_DUP, path, "%s.%s: %s %s is listed twice", path, idk,
                            lv, code);
    p->seen[r->idx] = level == CCCD_UNIT_DISTRICT ? 2 : 1;
    /* the old name given here should be the list's, up to spelling */
    char *clean = NULL, *key = NULL;
    rc = units_json_text(obj, "name", path, &clean, err);
    if (rc == CCCD_OK)
        rc = cccd_text_key(clean, strlen(clean), path, &key, err);
    if (rc == CCCD_OK && strcmp(key, r->pub.key) != 0 && strcmp(key, r->pub.bare_key) != 0)
        warnf(p, "%s: old %s %s is named '%s' here but '%s' in the unit list", path, lv, code,
              clean, r->pub.name);
    free(clean);
    free(key);
    *out = r;
    return rc;
}

/* Reads a "splits" array at `path` and links `old` to each new unit it names. */
static cccd_errc read_splits(plan *p, const json_t *obj, unit_rec *old, cccd_unit_level level,
                             size_t parent, const char *path, size_t *first_new, cccd_err *err) {
    json_t *splits;
    cccd_errc rc = units_json_member(obj, "splits", JSON_ARRAY, path, &splits, err);
    *first_new = NONE;
    size_t nlinks = p->nl;
    for (size_t s = 0; rc == CCCD_OK && s < json_array_size(splits); s++) {
        char sp[160];
        snprintf(sp, sizeof sp, "%s.splits[%zu]", path, s);
        const json_t *e = json_array_get(splits, s);
        char code[6], *clean = NULL;
        size_t to = NONE;
        rc = units_json_object(e, sp, err);
        if (rc == CCCD_OK)
            rc = units_json_code(e, "new_id", level, sp, code, err);
        if (rc == CCCD_OK)
            rc = units_json_text(e, "name", sp, &clean, err);
        if (rc == CCCD_OK)
            rc = new_get(p, level, code, clean, parent, sp, &to, err);
        free(clean);
        if (rc != CCCD_OK)
            break;
        bool dup = false;
        for (size_t l = nlinks; l < p->nl; l++)
            dup = dup || p->links[l].to == to;
        if (dup) {
            warnf(p, "%s: %s %s goes to new %s %s twice", sp, cccd_unit_level_name(old->pub.level),
                  old->pub.code, cccd_unit_level_name(level), code);
            continue;
        }
        rc = link_add(p, old, to, false, err);
        if (*first_new == NONE)
            *first_new = to;
    }
    if (rc == CCCD_OK && p->nl == nlinks)
        warnf(p, "%s: %s %s %s goes to no new unit; it ends with no successor", path,
              cccd_unit_level_name(old->pub.level), old->pub.code, old->pub.name);
    return rc;
}

static const unit_rec *province_of(const unit_rec *r) {
    while (r != NULL && r->pub.level != CCCD_UNIT_PROVINCE)
        r = r->pub.parent ? unit_rec_of(r->pub.parent) : NULL;
    return r;
}

static cccd_errc read_province(plan *p, const json_t *e, size_t i, cccd_err *err) {
    char path[128];
    snprintf(path, sizeof path, "data[%zu]", i);
    cccd_errc rc = units_json_object(e, path, err);
    unit_rec *prov = NULL;
    size_t newprov = NONE;
    if (rc == CCCD_OK)
        rc = old_get(p, e, CCCD_UNIT_PROVINCE, path, &prov, err);
    if (rc == CCCD_OK) {
        size_t before = p->nl;
        rc = read_splits(p, e, prov, CCCD_UNIT_PROVINCE, NONE, path, &newprov, err);
        if (rc == CCCD_OK && p->nl - before > 1)
            warnf(p,
                  "%s: province %s goes to %zu new provinces; its communes are placed under "
                  "the first, %s",
                  path, prov->pub.code, p->nl - before, p->nu[newprov].rec->pub.code);
    }
    json_t *l3s = NULL, *l2s = NULL;
    if (rc == CCCD_OK)
        rc = units_json_member(e, "level3s", JSON_ARRAY, path, &l3s, err);
    for (size_t k = 0; rc == CCCD_OK && k < json_array_size(l3s); k++) {
        char cp[128];
        snprintf(cp, sizeof cp, "data[%zu].level3s[%zu]", i, k);
        const json_t *c = json_array_get(l3s, k);
        unit_rec *comm = NULL;
        size_t first;
        rc = units_json_object(c, cp, err);
        if (rc == CCCD_OK)
            rc = old_get(p, c, CCCD_UNIT_COMMUNE, cp, &comm, err);
        if (rc == CCCD_OK && province_of(comm) != prov)
            warnf(p, "%s: commune %s %s belongs to province %s, not %s", cp, comm->pub.code,
                  comm->pub.name, province_of(comm) ? province_of(comm)->pub.code : "none",
                  prov->pub.code);
        if (rc == CCCD_OK)
            rc = read_splits(p, c, comm, CCCD_UNIT_COMMUNE, newprov, cp, &first, err);
    }
    /* level2s: only districts that become a unit themselves (island districts -> đặc khu) */
    if (rc == CCCD_OK && json_object_get(e, "level2s") != NULL)
        rc = units_json_member(e, "level2s", JSON_ARRAY, path, &l2s, err);
    for (size_t j = 0; rc == CCCD_OK && j < json_array_size(l2s); j++) {
        char dp[128];
        snprintf(dp, sizeof dp, "data[%zu].level2s[%zu]", i, j);
        const json_t *d = json_array_get(l2s, j);
        unit_rec *dist = NULL;
        size_t first;
        rc = units_json_object(d, dp, err);
        if (rc == CCCD_OK)
            rc = old_get(p, d, CCCD_UNIT_DISTRICT, dp, &dist, err);
        if (rc == CCCD_OK && province_of(dist) != prov)
            warnf(p, "%s: district %s %s belongs to province %s, not %s", dp, dist->pub.code,
                  dist->pub.name, province_of(dist) ? province_of(dist)->pub.code : "none",
                  prov->pub.code);
        if (rc == CCCD_OK)
            rc = read_splits(p, d, dist, CCCD_UNIT_COMMUNE, newprov, dp, &first, err);
    }
    return rc;
}

/* ---- events ---- */

static int cmp_link_from(const void *pa, const void *pb) {
    const link *a = pa, *b = pb;
    if (a->from->idx != b->from->idx)
        return a->from->idx < b->from->idx ? -1 : 1;
    if (a->dissolve != b->dissolve)
        return a->dissolve ? 1 : -1;
    return a->to < b->to ? -1 : a->to > b->to;
}

static int unit_code_order(const cccd_unit *a, const cccd_unit *b) {
    if (a->level != b->level)
        return a->level < b->level ? -1 : 1;
    return strcmp(a->code, b->code);
}

static int cmp_unit_code(const void *pa, const void *pb) {
    return unit_code_order(*(const cccd_unit *const *)pa, *(const cccd_unit *const *)pb);
}

/* A district listed in neither level2s nor elsewhere passes its area on through its communes:
 * one dissolve link per distinct new unit its communes went to. */
static cccd_errc add_dissolve_links(plan *p, cccd_err *err) {
    size_t n = p->nl;
    for (size_t l = 0; l < n; l++) {
        const unit_rec *c = p->links[l].from;
        if (c->pub.level != CCCD_UNIT_COMMUNE || c->pub.parent == NULL)
            continue;
        unit_rec *d = (unit_rec *)unit_rec_of(c->pub.parent);
        if (d->pub.level != CCCD_UNIT_DISTRICT || p->seen[d->idx] == 2 || d->to != UNITS_OPEN_END)
            continue;
        cccd_errc rc = link_add(p, d, p->links[l].to, true, err);
        if (rc != CCCD_OK)
            return rc;
    }
    if (p->nl == 0)
        return CCCD_OK;
    qsort(p->links, p->nl, sizeof *p->links, cmp_link_from);
    size_t w = 0; /* drop repeated dissolve links */
    for (size_t l = 0; l < p->nl; l++)
        if (w == 0 || cmp_link_from(&p->links[w - 1], &p->links[l]) != 0)
            p->links[w++] = p->links[l];
    p->nl = w;
    return CCCD_OK;
}

static cccd_errc event_new(plan *p, cccd_unit_event_kind kind, size_t nfrom, size_t nto,
                           event_rec **out, const cccd_unit ***from_out, const cccd_unit ***to_out,
                           cccd_err *err) {
    if (p->nev == p->capev) {
        size_t nc = p->capev ? p->capev * 2 : 1024;
        event_rec **ne = realloc(p->evs, nc * sizeof *ne);
        if (ne == NULL)
            return nomem(err);
        p->evs = ne, p->capev = nc;
    }
    event_rec *e = units_alloc(p->u, sizeof *e);
    const cccd_unit **from = units_alloc(p->u, (nfrom ? nfrom : 1) * sizeof *from);
    const cccd_unit **to = units_alloc(p->u, (nto ? nto : 1) * sizeof *to);
    if (e == NULL || from == NULL || to == NULL)
        return nomem(err);
    e->pub.kind = kind;
    e->pub.date = p->eff;
    e->pub.from = from;
    e->pub.nfrom = nfrom;
    e->pub.to = to;
    e->pub.nto = nto;
    e->idx = p->u->nev + p->nev;
    p->evs[p->nev++] = e;
    *out = e;
    *from_out = from;
    *to_out = to;
    return CCCD_OK;
}

/* Events for the old unit r (links[lo..hi) are its links). */
static cccd_errc old_event(plan *p, unit_rec *r, size_t lo, size_t hi, cccd_err *err) {
    size_t nt = hi - lo;
    pending *pd = &p->pend[p->npend++];
    *pd = (pending){r, NULL, nt, NULL};
    const cccd_unit **succ = units_alloc(p->u, (nt ? nt : 1) * sizeof *succ);
    if (succ == NULL)
        return nomem(err);
    for (size_t l = lo; l < hi; l++)
        succ[l - lo] = &p->nu[p->links[l].to].rec->pub;
    qsort(succ, nt, sizeof *succ, cmp_unit_code);
    pd->succ = succ;
    bool dissolve = nt == 0 || p->links[lo].dissolve;
    cccd_unit_event_kind kind;
    if (dissolve)
        kind = CCCD_UNIT_EV_DISSOLVE;
    else if (nt >= 2)
        kind = CCCD_UNIT_EV_SPLIT;
    else if (p->nu[p->links[lo].to].nsrc >= 2)
        return CCCD_OK; /* one of several going into one: the target's merge tells it */
    else {
        const cccd_unit *t = succ[0];
        kind = t->level == r->pub.level && strcmp(t->code, r->pub.code) == 0 &&
                       strcmp(t->key, r->pub.key) == 0
                   ? CCCD_UNIT_EV_CONTINUE
                   : CCCD_UNIT_EV_RENAME;
    }
    if (nt == 0 && r->pub.level != CCCD_UNIT_DISTRICT && !p->seen[r->idx])
        warnf(p, "%s %s %s is not in the reform file; it ends with no successor",
              cccd_unit_level_name(r->pub.level), r->pub.code, r->pub.name);
    else if (nt == 0 && r->pub.level == CCCD_UNIT_DISTRICT && p->seen[r->idx] != 2)
        warnf(p, "district %s %s has no commune going anywhere; it ends with no successor",
              r->pub.code, r->pub.name);
    event_rec *e;
    const cccd_unit **from, **to;
    cccd_errc rc = event_new(p, kind, 1, nt, &e, &from, &to, err);
    if (rc != CCCD_OK)
        return rc;
    from[0] = &r->pub;
    if (nt > 0)
        memcpy(to, succ, nt * sizeof *succ);
    pd->out = e;
    return CCCD_OK;
}

static int cmp_link_to(const void *pa, const void *pb) {
    const link *a = pa, *b = pb;
    if (a->to != b->to)
        return a->to < b->to ? -1 : 1;
    return unit_code_order(&a->from->pub, &b->from->pub);
}

static int cmp_newu(const size_t *a, const size_t *b, const plan *p) {
    return unit_code_order(&p->nu[*a].rec->pub, &p->nu[*b].rec->pub);
}

static cccd_errc make_events(plan *p, cccd_err *err) {
    cccd_units *u = p->u;
    p->pend = malloc((u->n ? u->n : 1) * sizeof *p->pend);
    if (p->pend == NULL)
        return nomem(err);
    /* links are sorted by old unit: walk the old units in code order */
    size_t *start = malloc((u->n + 1) * sizeof *start);
    if (start == NULL)
        return nomem(err);
    for (size_t i = 0; i <= u->n; i++)
        start[i] = NONE;
    for (size_t l = p->nl; l-- > 0;)
        start[p->links[l].from->idx] = l;
    cccd_errc rc = CCCD_OK;
    for (size_t i = 0; rc == CCCD_OK && i < u->n; i++) {
        unit_rec *r = u->ix.by_code[i];
        if (!(r->from <= p->E - 1 && p->E - 1 < r->to) || r->to != UNITS_OPEN_END)
            continue;
        size_t lo = start[r->idx], hi = lo;
        if (lo == NONE)
            lo = hi = 0;
        else
            while (hi < p->nl && p->links[hi].from == r)
                hi++;
        rc = old_event(p, r, lo, hi, err);
    }
    free(start);
    if (rc != CCCD_OK)
        return rc;
    /* merges, by new unit in code order */
    link *byto = malloc((p->nl ? p->nl : 1) * sizeof *byto);
    if (byto == NULL)
        return nomem(err);
    size_t nb = 0;
    for (size_t l = 0; l < p->nl; l++)
        if (!p->links[l].dissolve && p->nu[p->links[l].to].nsrc >= 2)
            byto[nb++] = p->links[l];
    qsort(byto, nb, sizeof *byto, cmp_link_to);
    size_t *order = malloc((p->nnu ? p->nnu : 1) * sizeof *order);
    size_t *first = malloc((p->nnu ? p->nnu : 1) * sizeof *first);
    if (order == NULL || first == NULL)
        rc = nomem(err);
    for (size_t i = 0; rc == CCCD_OK && i < p->nnu; i++)
        order[i] = i, first[i] = NONE;
    for (size_t l = nb; rc == CCCD_OK && l-- > 0;)
        first[byto[l].to] = l;
    /* sort the new units by code (qsort has no context argument in C17): binary insertion,
     * cheap because new units arrive mostly in code order */
    for (size_t i = 1; rc == CCCD_OK && i < p->nnu; i++) {
        size_t v = order[i];
        if (cmp_newu(&order[i - 1], &v, p) <= 0)
            continue;
        size_t lo = 0, hi = i;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (cmp_newu(&order[mid], &v, p) <= 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        memmove(order + lo + 1, order + lo, (i - lo) * sizeof *order);
        order[lo] = v;
    }
    for (size_t i = 0; rc == CCCD_OK && i < p->nnu; i++) {
        size_t t = order[i];
        if (p->nu[t].nsrc < 2 || first[t] == NONE)
            continue;
        size_t lo = first[t], ns = p->nu[t].nsrc;
        event_rec *e;
        const cccd_unit **from, **to;
        rc = event_new(p, CCCD_UNIT_EV_MERGE, ns, 1, &e, &from, &to, err);
        if (rc != CCCD_OK)
            break;
        for (size_t k = 0; k < ns; k++)
            from[k] = &byto[lo + k].from->pub;
        to[0] = &p->nu[t].rec->pub;
        p->nu[t].rec->pub.in_event = &e->pub;
    }
    free(order);
    free(first);
    free(byto);
    return rc;
}

/* ---- apply ---- */

static void plan_free(plan *p) {
    free(p->nu);
    free(p->slots);
    free(p->links);
    free(p->seen);
    free(p->pend);
    free(p->evs);
    free(p->warn);
}

static cccd_errc read_reform(plan *p, const char *buf, size_t len, cccd_err *err) {
    json_t *root = NULL, *data = NULL;
    cccd_errc rc = units_json_parse(buf, len, "reform", &root, err);
    if (rc == CCCD_OK)
        rc = units_json_object(root, "reform", err);
    if (rc == CCCD_OK)
        rc = units_json_member(root, "data", JSON_ARRAY, "reform", &data, err);
    for (size_t i = 0; rc == CCCD_OK && i < json_array_size(data); i++)
        rc = read_province(p, json_array_get(data, i), i, err);
    json_decref(root);
    return rc;
}

cccd_errc cccd_units_apply_reform(cccd_units *u, const char *buf, size_t len, cccd_date effective,
                                  cccd_err *err) {
    if (effective.prec != CCCD_DATE_DAY)
        return cccd_err_set(err, CCCD_E_ARG, "effective", "the effective date must be a full date");
    plan p = {.u = u, .eff = effective, .E = cccd_date_to_days(effective)};
    cccd_date_iso(cccd_date_from_days(p.E - 1), p.before_iso);
    arena_mark mark = units_mark(u);
    p.seen = calloc(u->n ? u->n : 1, 1);
    p.warn = malloc(CCCD_UNITS_MAX_WARNINGS * sizeof *p.warn);
    cccd_errc rc = p.seen && p.warn ? CCCD_OK : nomem(err);
    if (rc == CCCD_OK)
        rc = read_reform(&p, buf, len, err);
    if (rc == CCCD_OK)
        rc = add_dissolve_links(&p, err);
    if (rc == CCCD_OK)
        rc = make_events(&p, err);
    unit_rec **recs = NULL;
    if (rc == CCCD_OK) {
        recs = malloc((p.nnu ? p.nnu : 1) * sizeof *recs);
        if (recs == NULL)
            rc = nomem(err);
        for (size_t i = 0; rc == CCCD_OK && i < p.nnu; i++)
            recs[i] = p.nu[i].rec;
    }
    if (rc == CCCD_OK)
        rc = units_reserve(u, p.nnu, p.nev, p.nwarn, err);
    units_index ix;
    if (rc == CCCD_OK)
        rc = units_index_build(u, recs, p.nnu, &ix, err);
    if (rc != CCCD_OK) {
        units_rollback(u, mark);
        free(recs);
        plan_free(&p);
        return rc;
    }
    /* commit: nothing below can fail */
    for (size_t i = 0; i < p.npend; i++) {
        unit_rec *r = p.pend[i].old;
        r->to = p.E;
        r->pub.valid_to = p.eff;
        r->pub.succ = p.pend[i].succ;
        r->pub.nsucc = p.pend[i].nsucc;
        r->pub.out_event = p.pend[i].out ? &p.pend[i].out->pub : NULL;
    }
    if (p.nnu > 0)
        memcpy(u->v + u->n, recs, p.nnu * sizeof *recs);
    u->n += p.nnu;
    if (p.nev > 0)
        memcpy(u->ev + u->nev, p.evs, p.nev * sizeof *p.evs);
    u->nev += p.nev;
    if (p.nwarn > 0)
        memcpy(u->warn + u->nwarn, p.warn, p.nwarn * sizeof *p.warn);
    u->nwarn += p.nwarn;
    u->nwarn_total += p.nwarn_total;
    units_index_free(&u->ix);
    u->ix = ix;
    free(recs);
    plan_free(&p);
    return CCCD_OK;
}

/* ---- resolution ---- */

static int cmp_event(const void *pa, const void *pb) {
    const event_rec *a = *(const event_rec *const *)pa, *b = *(const event_rec *const *)pb;
    int c = cccd_date_cmp(a->pub.date, b->pub.date);
    return c != 0 ? c : (a->idx < b->idx ? -1 : a->idx > b->idx);
}

void cccd_unit_resolution_free(cccd_unit_resolution *r) {
    if (r == NULL)
        return;
    free(r->units);
    free(r->events);
    memset(r, 0, sizeof *r);
}

cccd_errc cccd_units_resolve(const cccd_units *u, const char *code, cccd_unit_level level,
                             const cccd_date *recorded_at, cccd_date at, cccd_unit_resolution *out,
                             cccd_err *err) {
    memset(out, 0, sizeof *out);
    const cccd_unit *start;
    if (recorded_at != NULL) {
        cccd_err e;
        start = cccd_units_lookup(u, code, level, *recorded_at, &e);
        if (start == NULL) {
            if (err != NULL)
                *err = e;
            return e.code;
        }
    } else {
        const cccd_unit **vs;
        size_t nv;
        cccd_errc rc = cccd_units_versions(u, code, level, &vs, &nv, err);
        if (rc != CCCD_OK)
            return rc;
        start = vs[0];
        free(vs);
    }
    int64_t t = units_days(at);
    char buf[11], buf2[11];
    if (unit_rec_of(start)->from > t)
        return cccd_err_set(err, CCCD_E_UNIT_NOT_IN_FORCE, "at",
                            "%s %s %s began on %s; on %s it did not exist yet",
                            cccd_unit_level_name(start->level), start->code, start->name,
                            cccd_date_iso(start->valid_from, buf), cccd_date_iso(at, buf2));
    /* walk the successor graph from start; visited by position in the set */
    unsigned char *seen = calloc(u->n, 1);
    unsigned char *evseen = calloc(u->nev ? u->nev : 1, 1);
    const cccd_unit **stack = malloc(u->n * sizeof *stack);
    const cccd_unit **units = malloc(u->n * sizeof *units);
    const event_rec **events = malloc((u->nev ? u->nev : 1) * sizeof *events);
    if (!seen || !evseen || !stack || !units || !events) {
        free(seen), free(evseen), free(stack), free(units), free(events);
        return nomem(err);
    }
    size_t ns = 0, nu = 0, ne = 0;
    stack[ns++] = start;
    seen[unit_rec_of(start)->idx] = 1;
    while (ns > 0) {
        const cccd_unit *x = stack[--ns];
        const unit_rec *r = unit_rec_of(x);
        if (r->from <= t && t < r->to) {
            units[nu++] = x;
            continue;
        }
        if (r->to > t)
            continue; /* begins after `at`: cannot happen along successor links */
        if (x->out_event != NULL) {
            const event_rec *e = (const event_rec *)x->out_event;
            if (!evseen[e->idx]++)
                events[ne++] = e;
        }
        for (size_t i = 0; i < x->nsucc; i++) {
            const cccd_unit *s = x->succ[i];
            if (s->in_event != NULL) {
                const event_rec *e = (const event_rec *)s->in_event;
                if (!evseen[e->idx]++)
                    events[ne++] = e;
            }
            if (!seen[unit_rec_of(s)->idx]) {
                seen[unit_rec_of(s)->idx] = 1;
                stack[ns++] = s;
            }
        }
    }
    free(seen);
    free(evseen);
    free(stack);
    if (nu == 0) {
        free(units);
        free(events);
        return cccd_err_set(err, CCCD_E_UNIT_NOT_IN_FORCE, "at",
                            "%s %s %s ended on %s and no unit took over its area by %s",
                            cccd_unit_level_name(start->level), start->code, start->name,
                            cccd_date_iso(start->valid_to, buf), cccd_date_iso(at, buf2));
    }
    qsort(units, nu, sizeof *units, cmp_unit_code);
    qsort(events, ne, sizeof *events, cmp_event);
    out->start = start;
    out->units = units;
    out->n = nu;
    out->ambiguous = nu > 1;
    out->events = (const cccd_unit_event **)events;
    out->nevents = ne;
    return CCCD_OK;
}
