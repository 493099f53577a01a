/*
 * rollup.c: a subtree's stored unit keys mapped to rows, and its figures read in one pass (see
 * rollup.h).
 */
#include "service/rollup.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "service/coverage.h"
#include "service/jurisdiction.h"
#include "store/store_rollup.h"

typedef struct slot {
    char *key; /* owned; NULL: free */
    int row;
} slot;

struct cccd_rollup {
    bool nation;
    slot *map; /* open addressing, cap a power of 2, at most half full */
    size_t cap, n;
    const char **keys; /* the keys, for the store read (borrowed from map) */
};

static slot *find(const cccd_rollup *r, const char *key) {
    size_t i = (size_t)XXH3_64bits(key, strlen(key)) & (r->cap - 1);
    while (r->map[i].key != NULL && strcmp(r->map[i].key, key) != 0)
        i = (i + 1) & (r->cap - 1);
    return &r->map[i];
}

/* Takes key (owned) into the map; a key already there keeps its row. */
static bool put(cccd_rollup *r, char *key, int row) {
    if (2 * (r->n + 1) > r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 256;
        slot *old = r->map, *nm = calloc(cap, sizeof *nm);
        if (nm == NULL) {
            free(key);
            return false;
        }
        size_t ocap = r->cap;
        r->map = nm;
        r->cap = cap;
        for (size_t i = 0; i < ocap; i++)
            if (old[i].key)
                *find(r, old[i].key) = old[i];
        free(old);
    }
    slot *s = find(r, key);
    if (s->key != NULL) {
        free(key);
        return true;
    }
    s->key = key;
    s->row = row;
    r->n++;
    return true;
}

/* The row of the unit h lies in: the index of the child of `top` above (or at) h, SELF when h is
 * top, -2 when h is not under top. top NULL is the country (the child is h's province). */
static int row_of(const cccd_unit *top, const cccd_unit *const *children, size_t n,
                  const cccd_unit *h) {
    const cccd_unit *prev = NULL, *p = h;
    for (; p != NULL && p != top; p = p->parent)
        prev = p;
    if (p != top)
        return -2;
    if (prev == NULL)
        return CCCD_ROLLUP_SELF;
    for (size_t i = 0; i < n; i++)
        if (children[i] == prev)
            return (int)i;
    return CCCD_ROLLUP_SELF; /* not among the rows: still the unit's */
}

cccd_errc cccd_rollup_new(const cccd_units *u, const cccd_unit *unit,
                          const cccd_unit *const *children, size_t n, cccd_date at,
                          bool own_versions, cccd_rollup **out, cccd_err *err) {
    cccd_rollup *r = calloc(1, sizeof *r);
    *out = r;
    if (r == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, "unit", "out of memory");
    r->nation = unit == NULL;
    if (r->nation) {
        /* the country reads the figures summed per province version (store_rollup.h): every
         * province version maps to the row of the province in force it went to (in 2025
         * provinces merged whole) */
        bool ok = true;
        for (size_t i = 0; ok && i < cccd_units_version_count(u); i++) {
            const cccd_unit *v = cccd_units_version_at(u, i);
            if (v->level != CCCD_UNIT_PROVINCE)
                continue;
            char *key = malloc(CCCD_UNIT_KEY_LEN);
            if (key == NULL) {
                ok = false;
                break;
            }
            cccd_store_unit_key(v, key);
            const cccd_unit *now = cccd_unit_now(u, key, at);
            int row = -2;
            for (size_t j = 0; now != NULL && j < n; j++)
                if (children[j] == now)
                    row = (int)j;
            if (row == -2)
                free(key);
            else
                ok = put(r, key, row);
        }
        return ok ? CCCD_OK
                  : cccd_err_set(err, CCCD_E_NOMEM, "unit", "out of memory mapping the units");
    }
    char **keys = NULL;
    const cccd_unit **homes = NULL;
    size_t nk = 0;
    cccd_errc rc = cccd_coverage_sources_under(u, unit, at, &keys, &homes, &nk, err);
    bool ok = true;
    for (size_t i = 0; i < nk; i++) {
        int row = ok ? row_of(unit, children, n, homes[i]) : -2;
        if (row == -2)
            free(keys[i]);
        else
            ok = put(r, keys[i], row);
    }
    free(keys);
    free(homes);
    size_t nv = own_versions ? cccd_units_version_count(u) : 0;
    for (size_t i = 0; rc == CCCD_OK && ok && i < nv; i++) {
        const cccd_unit *v = cccd_units_version_at(u, i);
        if (v->level == CCCD_UNIT_COMMUNE || !cccd_unit_in_force(v, at))
            continue;
        int row = row_of(unit, children, n, v);
        char *key = row == -2 ? NULL : malloc(CCCD_UNIT_KEY_LEN);
        if (row != -2 && key == NULL)
            ok = false;
        else if (key != NULL) {
            cccd_store_unit_key(v, key);
            ok = put(r, key, row);
        }
    }
    if (rc == CCCD_OK && ok && !r->nation) {
        if ((r->keys = malloc((r->n ? r->n : 1) * sizeof *r->keys)) == NULL)
            ok = false;
        for (size_t i = 0, k = 0; ok && i < r->cap; i++)
            if (r->map[i].key)
                r->keys[k++] = r->map[i].key;
    }
    if (rc == CCCD_OK && !ok)
        rc = cccd_err_set(err, CCCD_E_NOMEM, "unit", "out of memory mapping the units");
    return rc;
}

void cccd_rollup_free(cccd_rollup *r) {
    if (r == NULL)
        return;
    for (size_t i = 0; i < r->cap; i++)
        free(r->map[i].key);
    free(r->map);
    free(r->keys);
    free(r);
}

size_t cccd_rollup_keys(const cccd_rollup *r) {
    return r->n;
}

typedef struct read_ctx {
    const cccd_rollup *r;
    cccd_rollup_cb cb;
    void *ctx;
} read_ctx;

static void on_row(void *ctx, const char *unit_key, int64_t day, const char *measure,
                   const char *key, int64_t n) {
    read_ctx *c = ctx;
    if (c->r->cap == 0)
        return;
    const slot *s = find(c->r, unit_key);
    if (s->key != NULL)
        c->cb(c->ctx, s->row, day, measure, key, n);
}

cccd_errc cccd_rollup_figures(cccd_store *st, const cccd_rollup *r, int64_t from, int64_t to,
                              cccd_rollup_cb cb, void *ctx, cccd_err *err) {
    if (!r->nation && r->n == 0)
        return CCCD_OK; /* nothing under the unit */
    read_ctx c = {r, cb, ctx};
    if (r->nation)
        return cccd_store_app_figures_provinces(st, from, to, on_row, &c, err);
    return cccd_store_app_figures_under(st, r->keys, r->n, from, to, on_row, &c, err);
}
