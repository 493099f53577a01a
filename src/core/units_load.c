/*
 * units_load.c: loading the statistics office's three-level unit list (dvhcvn JSON layout).
 *
 * Why this file: the list is the starting point of the whole unit history and arrives dirty
 * (double spaces, stray spaces), so this is where names get cleaned and keyed and where a
 * malformed or duplicated entry is caught with the place it sits. All or nothing: the list is
 * read into fresh versions, checked, indexed, and only then added to the set.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/units_internal.h"

/* Where each new version came from, for error messages: indexes into data/level2s/level3s. */
typedef struct origin {
    size_t i, j, k; /* (size_t)-1 when not at that depth */
} origin;

typedef struct load_ctx {
    cccd_units *u;
    unit_rec **recs; /* the new versions */
    origin *where;
    size_t n, cap;
    int64_t from;
    cccd_date valid_from;
} load_ctx;

#define NONE ((size_t)-1)

static void origin_path(origin o, char *buf, size_t size) {
    if (o.j == NONE)
        snprintf(buf, size, "data[%zu]", o.i);
    else if (o.k == NONE)
        snprintf(buf, size, "data[%zu].level2s[%zu]", o.i, o.j);
    else
        snprintf(buf, size, "data[%zu].level2s[%zu].level3s[%zu]", o.i, o.j, o.k);
}

static const char *id_key(cccd_unit_level level) {
    return level == CCCD_UNIT_PROVINCE   ? "level1_id"
           : level == CCCD_UNIT_DISTRICT ? "level2_id"
                                         : "level3_id";
}

/* Reads one unit object (code, name, type) at `o` into a new version. */
static cccd_errc read_unit(load_ctx *c, const json_t *obj, cccd_unit_level level, origin o,
                           const unit_rec *parent, unit_rec **out, cccd_err *err) {
    char path[128];
    origin_path(o, path, sizeof path);
    cccd_errc rc = units_json_object(obj, path, err);
    if (rc != CCCD_OK)
        return rc;
    if (c->n == c->cap) {
        size_t ncap = c->cap ? c->cap * 2 : 1024;
        unit_rec **nr = realloc(c->recs, ncap * sizeof *nr);
        if (nr == NULL)
            return cccd_err_set(err, CCCD_E_NOMEM, path, "out of memory");
        c->recs = nr;
        origin *nw = realloc(c->where, ncap * sizeof *nw);
        if (nw == NULL)
            return cccd_err_set(err, CCCD_E_NOMEM, path, "out of memory");
        c->where = nw;
        c->cap = ncap;
    }
    unit_rec *r = units_alloc(c->u, sizeof *r);
    if (r == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, path, "out of memory");
    rc = units_json_code(obj, id_key(level), level, path, r->pub.code, err);
    char *name = NULL, *type = NULL;
    if (rc == CCCD_OK)
        rc = units_json_text(obj, "type", path, &type, err);
    if (rc == CCCD_OK) {
        r->pub.type = units_strdup(c->u, type, strlen(type));
        if (r->pub.type == NULL)
            rc = cccd_err_set(err, CCCD_E_NOMEM, path, "out of memory");
    }
    if (rc == CCCD_OK)
        rc = units_json_text(obj, "name", path, &name, err);
    if (rc == CCCD_OK)
        rc = units_set_name(c->u, r, name, path, err);
    free(name);
    free(type);
    if (rc != CCCD_OK)
        return rc;
    r->pub.level = level;
    r->pub.parent = parent ? &parent->pub : NULL;
    r->pub.valid_from = c->valid_from;
    r->from = c->from;
    r->to = UNITS_OPEN_END;
    r->idx = c->u->n + c->n;
    c->recs[c->n] = r;
    c->where[c->n] = o;
    c->n++;
    *out = r;
    return CCCD_OK;
}

static cccd_errc read_list(load_ctx *c, const json_t *root, cccd_err *err) {
    cccd_errc rc = units_json_object(root, "units", err);
    json_t *data, *l2s, *l3s;
    if (rc == CCCD_OK)
        rc = units_json_member(root, "data", JSON_ARRAY, "units", &data, err);
    for (size_t i = 0; rc == CCCD_OK && i < json_array_size(data); i++) {
        const json_t *p = json_array_get(data, i);
        unit_rec *prov = NULL;
        char path[128];
        rc = read_unit(c, p, CCCD_UNIT_PROVINCE, (origin){i, NONE, NONE}, NULL, &prov, err);
        snprintf(path, sizeof path, "data[%zu]", i);
        if (rc == CCCD_OK)
            rc = units_json_member(p, "level2s", JSON_ARRAY, path, &l2s, err);
        for (size_t j = 0; rc == CCCD_OK && j < json_array_size(l2s); j++) {
            const json_t *d = json_array_get(l2s, j);
            unit_rec *dist = NULL;
            rc = read_unit(c, d, CCCD_UNIT_DISTRICT, (origin){i, j, NONE}, prov, &dist, err);
            snprintf(path, sizeof path, "data[%zu].level2s[%zu]", i, j);
            if (rc == CCCD_OK)
                rc = units_json_member(d, "level3s", JSON_ARRAY, path, &l3s, err);
            for (size_t k = 0; rc == CCCD_OK && k < json_array_size(l3s); k++) {
                unit_rec *comm = NULL;
                rc = read_unit(c, json_array_get(l3s, k), CCCD_UNIT_COMMUNE, (origin){i, j, k},
                               dist, &comm, err);
            }
        }
    }
    return rc;
}

static int cmp_rec(const void *pa, const void *pb) {
    const unit_rec *a = *(unit_rec *const *)pa, *b = *(unit_rec *const *)pb;
    if (a->pub.level != b->pub.level)
        return a->pub.level < b->pub.level ? -1 : 1;
    int r = strcmp(a->pub.code, b->pub.code);
    return r != 0 ? r : (a->idx < b->idx ? -1 : a->idx > b->idx);
}

/* A code listed twice in the file, or overlapping a version already in the set. */
static cccd_errc check_dups(load_ctx *c, cccd_err *err) {
    unit_rec **sorted = malloc((c->n ? c->n : 1) * sizeof *sorted);
    if (sorted == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory");
    if (c->n > 0)
        memcpy(sorted, c->recs, c->n * sizeof *sorted);
    qsort(sorted, c->n, sizeof *sorted, cmp_rec);
    cccd_errc rc = CCCD_OK;
    size_t base = c->u->n;
    for (size_t i = 0; rc == CCCD_OK && i < c->n; i++) {
        const unit_rec *r = sorted[i];
        char here[128], there[128];
        origin_path(c->where[r->idx - base], here, sizeof here);
        if (i > 0 && sorted[i - 1]->pub.level == r->pub.level &&
            strcmp(sorted[i - 1]->pub.code, r->pub.code) == 0) {
            origin_path(c->where[sorted[i - 1]->idx - base], there, sizeof there);
            rc = cccd_err_set(err, CCCD_E_UNIT_DUP, here, "%s: %s %s is listed twice (also at %s)",
                              here, cccd_unit_level_name(r->pub.level), r->pub.code, there);
            break;
        }
        unit_rec *const *first;
        size_t k = units_index_range(c->u, r->pub.level, r->pub.code, &first);
        for (size_t j = 0; j < k; j++)
            if (first[j]->to > r->from) {
                char from[11];
                rc = cccd_err_set(err, CCCD_E_UNIT_DUP, here,
                                  "%s: %s %s is already loaded, in force from %s", here,
                                  cccd_unit_level_name(r->pub.level), r->pub.code,
                                  first[j]->from == UNITS_OPEN_START
                                      ? "always"
                                      : cccd_date_iso(first[j]->pub.valid_from, from));
                break;
            }
    }
    free(sorted);
    return rc;
}

cccd_errc cccd_units_load_json(cccd_units *u, const char *buf, size_t len, cccd_date valid_from,
                               cccd_err *err) {
    load_ctx c = {.u = u, .valid_from = valid_from};
    if (valid_from.prec == CCCD_DATE_NONE) {
        c.from = UNITS_OPEN_START;
    } else {
        c.valid_from = cccd_date_earliest(valid_from);
        c.from = units_days(valid_from);
    }
    json_t *root = NULL;
    arena_mark mark = units_mark(u);
    cccd_errc rc = units_json_parse(buf, len, "units", &root, err);
    if (rc == CCCD_OK)
        rc = read_list(&c, root, err);
    json_decref(root);
    if (rc == CCCD_OK)
        rc = check_dups(&c, err);
    units_index ix;
    if (rc == CCCD_OK)
        rc = units_reserve(u, c.n, 0, 0, err);
    if (rc == CCCD_OK)
        rc = units_index_build(u, c.recs, c.n, &ix, err);
    if (rc == CCCD_OK) {
        if (c.n > 0)
            memcpy(u->v + u->n, c.recs, c.n * sizeof *u->v);
        u->n += c.n;
        units_index_free(&u->ix);
        u->ix = ix;
    } else {
        units_rollback(u, mark);
    }
    free(c.recs);
    free(c.where);
    return rc;
}
