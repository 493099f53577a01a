/*
 * units.c: the set of unit versions and the lookups over it (see units.h).
 *
 * Why this file: storage and queries are shared by both loaders and by every caller, and kept
 * apart from parsing. Versions, names and events live in an arena whose blocks never move, so
 * the pointers handed out stay valid; a load that fails rolls the arena back. Lookups go through
 * sorted indexes (by code, by parent, by name key) that are rebuilt whole after each successful
 * load, so a query is a binary search and a lookup never allocates.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "core/units_internal.h"

/* ---- arena ---- */

#define ARENA_CHUNK (256 * 1024)

void *units_alloc(cccd_units *u, size_t size) {
    size = (size + 15) & ~(size_t)15;
    if (size == 0)
        size = 16;
    arena_chunk *c = u->arena;
    if (c == NULL || c->size - c->used < size) {
        size_t cap = size > ARENA_CHUNK ? size : ARENA_CHUNK;
        arena_chunk *nc = malloc(sizeof *nc + cap);
        if (nc == NULL)
            return NULL;
        nc->prev = c;
        nc->size = cap;
        nc->used = 0;
        u->arena = c = nc;
    }
    void *p = c->data + c->used;
    c->used += size;
    memset(p, 0, size);
    return p;
}

char *units_strdup(cccd_units *u, const char *s, size_t len) {
    char *p = units_alloc(u, len + 1);
    if (p != NULL) {
        memcpy(p, s, len);
        p[len] = '\0';
    }
    return p;
}

arena_mark units_mark(const cccd_units *u) {
    arena_mark m = {u->arena, u->arena ? u->arena->used : 0};
    return m;
}

void units_rollback(cccd_units *u, arena_mark m) {
    while (u->arena != NULL && u->arena != m.chunk) {
        arena_chunk *prev = u->arena->prev;
        free(u->arena);
        u->arena = prev;
    }
    if (u->arena != NULL)
        u->arena->used = m.used;
}

/* ---- the set ---- */

cccd_units *cccd_units_new(void) {
    return calloc(1, sizeof(cccd_units));
}

void units_index_free(units_index *ix) {
    free(ix->by_code);
    free(ix->by_parent);
    free(ix->by_key);
    memset(ix, 0, sizeof *ix);
}

void cccd_units_free(cccd_units *u) {
    if (u == NULL)
        return;
    units_rollback(u, (arena_mark){NULL, 0});
    free(u->v);
    free(u->ev);
    free(u->warn);
    units_index_free(&u->ix);
    free(u);
}

static cccd_errc grow(void **arr, size_t *cap, size_t need, size_t elem, cccd_err *err) {
    if (need <= *cap)
        return CCCD_OK;
    size_t ncap = *cap ? *cap : 64;
    while (ncap < need)
        ncap *= 2;
    void *p = realloc(*arr, ncap * elem);
    if (p == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory");
    *arr = p;
    *cap = ncap;
    return CCCD_OK;
}

cccd_errc units_reserve(cccd_units *u, size_t more_units, size_t more_events, size_t more_warn,
                        cccd_err *err) {
    cccd_errc rc = grow((void **)&u->v, &u->cap, u->n + more_units, sizeof *u->v, err);
    size_t evcap = u->evcap;
    if (rc == CCCD_OK)
        rc = grow((void **)&u->ev, &evcap, u->nev + more_events, sizeof *u->ev, err);
    u->evcap = evcap;
    if (rc == CCCD_OK && more_warn > 0) {
        /* the warning list never holds more than CCCD_UNITS_MAX_WARNINGS */
        if (u->warn == NULL) {
            u->warn = malloc(CCCD_UNITS_MAX_WARNINGS * sizeof *u->warn);
            if (u->warn == NULL)
                rc = cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory");
        }
    }
    return rc;
}

/* ---- dates ---- */

int64_t units_days(cccd_date d) {
    return cccd_date_to_days(cccd_date_earliest(d));
}

cccd_date units_date_of(int64_t days) {
    if (days == UNITS_OPEN_START || days == UNITS_OPEN_END)
        return (cccd_date){0, 0, 0, CCCD_DATE_NONE};
    return cccd_date_from_days(days);
}

bool cccd_unit_in_force(const cccd_unit *unit, cccd_date at) {
    const unit_rec *r = unit_rec_of(unit);
    int64_t t = units_days(at);
    return r->from <= t && t < r->to;
}

/* ---- indexes ---- */

static int cmp_code(const unit_rec *a, const unit_rec *b) {
    if (a->pub.level != b->pub.level)
        return a->pub.level < b->pub.level ? -1 : 1;
    int c = strcmp(a->pub.code, b->pub.code);
    if (c != 0)
        return c;
    if (a->from != b->from)
        return a->from < b->from ? -1 : 1;
    return a->idx < b->idx ? -1 : a->idx > b->idx;
}

static int cmp_by_code(const void *pa, const void *pb) {
    return cmp_code(*(unit_rec *const *)pa, *(unit_rec *const *)pb);
}

static int cmp_by_parent(const void *pa, const void *pb) {
    const unit_rec *a = *(unit_rec *const *)pa, *b = *(unit_rec *const *)pb;
    size_t ia = unit_rec_of(a->pub.parent)->idx, ib = unit_rec_of(b->pub.parent)->idx;
    if (ia != ib)
        return ia < ib ? -1 : 1;
    return cmp_code(a, b);
}

static int cmp_by_key(const void *pa, const void *pb) {
    const key_entry *a = pa, *b = pb;
    int c = strcmp(a->key, b->key);
    return c != 0 ? c : cmp_code(a->unit, b->unit);
}

cccd_errc units_index_build(const cccd_units *u, unit_rec *const *extra, size_t nextra,
                            units_index *out, cccd_err *err) {
    memset(out, 0, sizeof *out);
    size_t n = u->n + nextra;
    out->by_code = malloc((n ? n : 1) * sizeof *out->by_code);
    out->by_parent = malloc((n ? n : 1) * sizeof *out->by_parent);
    out->by_key = malloc((n ? 2 * n : 1) * sizeof *out->by_key);
    if (out->by_code == NULL || out->by_parent == NULL || out->by_key == NULL) {
        units_index_free(out);
        return cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        unit_rec *r = i < u->n ? u->v[i] : extra[i - u->n];
        out->by_code[i] = r;
        if (r->pub.parent != NULL)
            out->by_parent[out->nchild++] = r;
        out->by_key[out->nkey++] = (key_entry){r->pub.key, r};
        if (strcmp(r->pub.bare_key, r->pub.key) != 0)
            out->by_key[out->nkey++] = (key_entry){r->pub.bare_key, r};
    }
    qsort(out->by_code, n, sizeof *out->by_code, cmp_by_code);
    qsort(out->by_parent, out->nchild, sizeof *out->by_parent, cmp_by_parent);
    qsort(out->by_key, out->nkey, sizeof *out->by_key, cmp_by_key);
    return CCCD_OK;
}

size_t units_index_range(const cccd_units *u, cccd_unit_level level, const char *code,
                         unit_rec *const **first) {
    size_t lo = 0, hi = u->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const unit_rec *r = u->ix.by_code[mid];
        int c = r->pub.level != level ? (r->pub.level < level ? -1 : 1) : strcmp(r->pub.code, code);
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t end = lo;
    while (end < u->n && u->ix.by_code[end]->pub.level == level &&
           strcmp(u->ix.by_code[end]->pub.code, code) == 0)
        end++;
    *first = u->ix.by_code ? u->ix.by_code + lo : NULL;
    return end - lo;
}

cccd_unit_level units_level_of_code(const char *code, size_t len) {
    for (size_t i = 0; i < len; i++)
        if (code[i] < '0' || code[i] > '9')
            return CCCD_UNIT_ANY;
    return len == 2   ? CCCD_UNIT_PROVINCE
           : len == 3 ? CCCD_UNIT_DISTRICT
           : len == 5 ? CCCD_UNIT_COMMUNE
                      : CCCD_UNIT_ANY;
}

/* Checks a code asked for and settles its level. */
static cccd_errc code_level(const char *code, cccd_unit_level *level, cccd_err *err) {
    size_t len = code ? strlen(code) : 0;
    cccd_unit_level implied = code ? units_level_of_code(code, len) : CCCD_UNIT_ANY;
    if (implied == CCCD_UNIT_ANY)
        return cccd_err_set(err, CCCD_E_ARG, "code",
                            "code '%.12s' is not a unit code (2 digits: province, 3: district, "
                            "5: commune)",
                            code ? code : "");
    if (*level != CCCD_UNIT_ANY && *level != implied)
        return cccd_err_set(err, CCCD_E_ARG, "code", "code '%s' is not a %s code", code,
                            cccd_unit_level_name(*level));
    *level = implied;
    return CCCD_OK;
}

/* ---- queries ---- */

const cccd_unit *cccd_units_lookup(const cccd_units *u, const char *code, cccd_unit_level level,
                                   cccd_date at, cccd_err *err) {
    if (code_level(code, &level, err) != CCCD_OK)
        return NULL;
    unit_rec *const *first;
    size_t n = units_index_range(u, level, code, &first);
    if (n == 0) {
        cccd_err_set(err, CCCD_E_UNIT_UNKNOWN, "code", "no %s with code %s",
                     cccd_unit_level_name(level), code);
        return NULL;
    }
    int64_t t = units_days(at);
    for (size_t i = 0; i < n; i++)
        if (first[i]->from <= t && t < first[i]->to)
            return &first[i]->pub;
    char buf[11];
    cccd_err_set(err, CCCD_E_UNIT_NOT_IN_FORCE, "code", "%s %s was not in force on %s",
                 cccd_unit_level_name(level), code, cccd_date_iso(at, buf));
    return NULL;
}

cccd_errc cccd_units_versions(const cccd_units *u, const char *code, cccd_unit_level level,
                              const cccd_unit ***out, size_t *n, cccd_err *err) {
    *out = NULL;
    *n = 0;
    cccd_errc rc = code_level(code, &level, err);
    if (rc != CCCD_OK)
        return rc;
    unit_rec *const *first;
    size_t k = units_index_range(u, level, code, &first);
    if (k == 0)
        return cccd_err_set(err, CCCD_E_UNIT_UNKNOWN, "code", "no %s with code %s",
                            cccd_unit_level_name(level), code);
    const cccd_unit **arr = malloc(k * sizeof *arr);
    if (arr == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory");
    for (size_t i = 0; i < k; i++)
        arr[i] = &first[i]->pub;
    *out = arr;
    *n = k;
    return CCCD_OK;
}

static int cmp_pub_code(const void *pa, const void *pb) {
    return cmp_code(unit_rec_of(*(const cccd_unit *const *)pa),
                    unit_rec_of(*(const cccd_unit *const *)pb));
}

cccd_errc cccd_units_find(const cccd_units *u, const char *name, size_t len, cccd_unit_level level,
                          const cccd_date *at, const cccd_unit ***out, size_t *n, cccd_err *err) {
    *out = NULL;
    *n = 0;
    char *key = NULL;
    cccd_errc rc = cccd_text_key(name, len, "name", &key, err);
    if (rc != CCCD_OK)
        return rc;
    if (key[0] == '\0') {
        free(key);
        return cccd_err_set(err, CCCD_E_ARG, "name", "name has no letters or digits to match");
    }
    size_t lo = 0, hi = u->ix.nkey;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(u->ix.by_key[mid].key, key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t end = lo;
    while (end < u->ix.nkey && strcmp(u->ix.by_key[end].key, key) == 0)
        end++;
    free(key);
    const cccd_unit **arr = malloc((end > lo ? end - lo : 1) * sizeof *arr);
    if (arr == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory");
    size_t k = 0;
    int64_t t = at ? units_days(*at) : 0;
    for (size_t i = lo; i < end; i++) {
        const unit_rec *r = u->ix.by_key[i].unit;
        if (level != CCCD_UNIT_ANY && r->pub.level != level)
            continue;
        if (at != NULL && !(r->from <= t && t < r->to))
            continue;
        arr[k++] = &r->pub;
    }
    /* a unit is listed once even when its key and bare key both match (they never do: equal
     * keys are indexed once), so only the order needs settling */
    qsort(arr, k, sizeof *arr, cmp_pub_code);
    *out = arr;
    *n = k;
    return CCCD_OK;
}

cccd_errc cccd_units_children(const cccd_units *u, const cccd_unit *parent, const cccd_date *at,
                              const cccd_unit ***out, size_t *n, cccd_err *err) {
    *out = NULL;
    *n = 0;
    size_t pidx = unit_rec_of(parent)->idx;
    size_t lo = 0, hi = u->ix.nchild;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (unit_rec_of(u->ix.by_parent[mid]->pub.parent)->idx < pidx)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t end = lo;
    while (end < u->ix.nchild && unit_rec_of(u->ix.by_parent[end]->pub.parent)->idx == pidx)
        end++;
    const cccd_unit **arr = malloc((end > lo ? end - lo : 1) * sizeof *arr);
    if (arr == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory");
    size_t k = 0;
    int64_t t = at ? units_days(*at) : 0;
    for (size_t i = lo; i < end; i++) {
        const unit_rec *r = u->ix.by_parent[i];
        if (at == NULL || (r->from <= t && t < r->to))
            arr[k++] = &r->pub;
    }
    *out = arr;
    *n = k;
    return CCCD_OK;
}

void cccd_units_count_at(const cccd_units *u, cccd_date at, size_t counts[CCCD_UNIT_LEVELS]) {
    for (int l = 0; l < CCCD_UNIT_LEVELS; l++)
        counts[l] = 0;
    int64_t t = units_days(at);
    for (size_t i = 0; i < u->n; i++) {
        const unit_rec *r = u->v[i];
        if (r->from <= t && t < r->to) {
            counts[r->pub.level]++;
            counts[CCCD_UNIT_ANY]++;
        }
    }
}

void cccd_units_stats_get(const cccd_units *u, cccd_units_stats *out) {
    memset(out, 0, sizeof *out);
    out->versions = u->n;
    out->events = u->nev;
    out->warnings = u->nwarn_total;
    for (size_t i = 0; i < u->nev; i++) {
        const cccd_unit_event *e = &u->ev[i]->pub;
        const cccd_unit *who = e->kind == CCCD_UNIT_EV_MERGE ? (e->nto ? e->to[0] : NULL)
                                                             : (e->nfrom ? e->from[0] : NULL);
        out->by_kind[e->kind]++;
        out->by_kind_level[e->kind][who ? who->level : CCCD_UNIT_ANY]++;
    }
}

size_t cccd_units_event_count(const cccd_units *u) {
    return u->nev;
}

const cccd_unit_event *cccd_units_event_at(const cccd_units *u, size_t i) {
    return i < u->nev ? &u->ev[i]->pub : NULL;
}

size_t cccd_units_warning_count(const cccd_units *u) {
    return u->nwarn;
}

const char *cccd_units_warning_at(const cccd_units *u, size_t i) {
    return i < u->nwarn ? u->warn[i] : NULL;
}

size_t cccd_unit_path(const cccd_unit *unit, char *buf, size_t size) {
    size_t n = 0;
    if (size > 0)
        buf[0] = '\0';
    for (const cccd_unit *p = unit->parent; p != NULL; p = p->parent) {
        const char *sep = p == unit->parent ? "" : ", ";
        int k = n < size ? snprintf(buf + n, size - n, "%s%s", sep, p->name)
                         : snprintf(NULL, 0, "%s%s", sep, p->name);
        n += k > 0 ? (size_t)k : 0;
    }
    return n;
}

/* ---- names of enums ---- */

const char *cccd_unit_level_name(cccd_unit_level level) {
    switch (level) {
        case CCCD_UNIT_PROVINCE:
            return "province";
        case CCCD_UNIT_DISTRICT:
            return "district";
        case CCCD_UNIT_COMMUNE:
            return "commune";
        default:
            return "any";
    }
}

bool cccd_unit_level_parse(const char *s, cccd_unit_level *out) {
    static const char *const names[][2] = {{"province", "1"}, {"district", "2"}, {"commune", "3"}};
    for (int i = 0; s != NULL && i < 3; i++)
        if (strcmp(s, names[i][0]) == 0 || strcmp(s, names[i][1]) == 0) {
            *out = (cccd_unit_level)(i + 1);
            return true;
        }
    return false;
}

const char *cccd_unit_event_kind_name(cccd_unit_event_kind kind) {
    static const char *const names[CCCD_UNIT_EV__COUNT] = {"merge", "split", "rename", "continue",
                                                           "dissolve"};
    return (int)kind >= 0 && kind < CCCD_UNIT_EV__COUNT ? names[kind] : "unknown";
}
