/*
 * coverage.c: coverage of a unit on a date from the store's counters (see coverage.h).
 */
#include "service/coverage.h"

#include "service/jurisdiction.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The unit in force at `at` that serves the citizens registered under version v, or NULL when
 * its area went nowhere; *split when it went to several (the first in code order serves). */
static const cccd_unit *home_of(const cccd_units *u, const cccd_unit *v, cccd_date at,
                                bool *split) {
    *split = false;
    if (cccd_unit_in_force(v, at))
        return v;
    cccd_unit_resolution r;
    cccd_err err;
    cccd_date rec = v->valid_from.prec == CCCD_DATE_NONE ? (cccd_date){0} : v->valid_from;
    if (cccd_units_resolve(u, v->code, v->level, rec.prec ? &rec : NULL, at, &r, &err) != CCCD_OK)
        return NULL;
    const cccd_unit *h = r.n ? r.units[0] : NULL;
    *split = r.n > 1;
    cccd_unit_resolution_free(&r);
    return h;
}

/* The child of `top` (at `at`) that `h` lies in; top itself when h == top; NULL outside.
 * top NULL is the whole country: the child is h's province. */
static const cccd_unit *child_under(const cccd_unit *top, const cccd_unit *h) {
    const cccd_unit *prev = NULL;
    for (const cccd_unit *p = h; p; prev = p, p = p->parent)
        if (p == top)
            return prev ? prev : top;
    return top == NULL ? prev : NULL;
}

static int by_code(const void *a, const void *b) {
    return strcmp((*(const cccd_unit *const *)a)->code, (*(const cccd_unit *const *)b)->code);
}

/* The provinces in force at `at`, in code order (caller frees the array). */
static cccd_errc provinces_at(const cccd_units *u, cccd_date at, const cccd_unit ***out, size_t *n,
                              cccd_err *err) {
    size_t nv = cccd_units_version_count(u), k = 0;
    const cccd_unit **arr = malloc((nv ? nv : 1) * sizeof *arr);
    if (arr == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, "coverage", "out of memory");
    for (size_t i = 0; i < nv; i++) {
        const cccd_unit *v = cccd_units_version_at(u, i);
        if (v->level == CCCD_UNIT_PROVINCE && cccd_unit_in_force(v, at))
            arr[k++] = v;
    }
    qsort(arr, k, sizeof *arr, by_code);
    *out = arr;
    *n = k;
    return CCCD_OK;
}

typedef struct acc {
    const cccd_units *u;
    cccd_coverage *cov;
    const cccd_unit *top;
} acc;

static void add_line(cccd_coverage_line *l, const cccd_counts *c, bool split) {
    l->c.residents += c->residents;
    l->c.eligible += c->eligible;
    l->c.valid_card += c->valid_card;
    l->c.in_progress += c->in_progress;
    if (split)
        l->split += c->residents;
}

static void accumulate(void *ctx, const char *unit_key, const cccd_counts *c) {
    acc *a = ctx;
    const cccd_unit *v = cccd_units_by_key(a->u, unit_key);
    if (v == NULL)
        return;
    bool split;
    const cccd_unit *h = home_of(a->u, v, a->cov->at, &split);
    if (h == NULL)
        return;
    const cccd_unit *child = child_under(a->top, h);
    if (child == NULL)
        return;
    add_line(&a->cov->total, c, split);
    for (size_t i = 0; i < a->cov->nchildren; i++)
        if (a->cov->children[i].unit == child)
            add_line(&a->cov->children[i], c, split);
}

static void finish(cccd_coverage_line *l) {
    l->remaining = l->c.eligible - l->c.valid_card - l->c.in_progress;
}

bool cccd_code_is_nation(const char *code) {
    return strcmp(code, "VN") == 0 || strcmp(code, "vn") == 0;
}

cccd_errc cccd_coverage_get(cccd_store *st, const cccd_units *u, const char *code, cccd_date at,
                            cccd_coverage *out, cccd_err *err) {
    memset(out, 0, sizeof *out);
    out->at = at;
    const cccd_unit *top = NULL;
    const cccd_unit **kids = NULL;
    size_t nk = 0;
    cccd_errc rc;
    if (cccd_code_is_nation(code)) {
        snprintf(out->nation.code, sizeof out->nation.code, "VN");
        out->nation.name = "Việt Nam";
        out->nation.type = "";
        out->nation.key = "viet nam";
        out->nation.bare_key = "viet nam";
        out->total.unit = &out->nation;
        rc = provinces_at(u, at, &kids, &nk, err);
    } else {
        if ((top = cccd_units_lookup(u, code, CCCD_UNIT_ANY, at, err)) == NULL)
            return err->code;
        out->total.unit = top;
        rc = cccd_units_children(u, top, &at, &kids, &nk, err);
    }
    if (rc != CCCD_OK)
        return rc;
    out->children = calloc(nk ? nk : 1, sizeof *out->children);
    if (out->children == NULL) {
        free(kids);
        return cccd_err_set(err, CCCD_E_NOMEM, "coverage", "out of memory");
    }
    for (size_t i = 0; i < nk; i++)
        out->children[i].unit = kids[i];
    out->nchildren = nk;
    free(kids);

    acc a = {u, out, top};
    int64_t ref;
    /* the reference day, the counters and the changes from one snapshot: an import committing
     * in between must not mix two days' figures */
    rc = cccd_store_begin_read(st, err);
    if (rc == CCCD_OK) {
        rc = cccd_store_coverage_counters(st, &ref, accumulate, &a, err);
        if (rc == CCCD_OK && ref != INT64_MIN)
            rc = cccd_store_coverage_changes(st, ref, cccd_date_to_days(at), accumulate, &a, err);
        cccd_store_rollback(st);
    }
    if (rc != CCCD_OK) {
        cccd_coverage_free(out);
        return rc;
    }
    finish(&out->total);
    for (size_t i = 0; i < out->nchildren; i++)
        finish(&out->children[i]);
    return CCCD_OK;
}

void cccd_coverage_free(cccd_coverage *c) {
    free(c->children);
    c->children = NULL;
    c->nchildren = 0;
}

cccd_errc cccd_coverage_sources(const cccd_units *u, const cccd_unit *home, cccd_date at,
                                char ***keys, size_t *n, cccd_err *err) {
    /* a commune has no units under it: the versions it serves are those whose home it is */
    const cccd_unit **homes = NULL;
    cccd_errc rc = cccd_coverage_sources_under(u, home, at, keys, &homes, n, err);
    free(homes);
    return rc;
}

cccd_errc cccd_coverage_sources_under(const cccd_units *u, const cccd_unit *root, cccd_date at,
                                      char ***keys, const cccd_unit ***homes, size_t *n,
                                      cccd_err *err) {
    *keys = NULL;
    *homes = NULL;
    *n = 0;
    size_t nv = cccd_units_version_count(u), cap = 0;
    for (size_t i = 0; i < nv; i++) {
        const cccd_unit *v = cccd_units_version_at(u, i);
        if (v->level != CCCD_UNIT_COMMUNE) /* citizens are registered in communes */
            continue;
        bool split;
        const cccd_unit *h = home_of(u, v, at, &split);
        if (h == NULL || child_under(root, h) == NULL)
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            char **nk = realloc(*keys, cap * sizeof *nk);
            if (nk)
                *keys = nk;
            const cccd_unit **nh = nk ? realloc(*homes, cap * sizeof *nh) : NULL;
            if (nh == NULL)
                goto oom;
            *homes = nh;
        }
        if (((*keys)[*n] = malloc(CCCD_UNIT_KEY_LEN)) == NULL)
            goto oom;
        cccd_store_unit_key(v, (*keys)[*n]);
        (*homes)[*n] = h;
        (*n)++;
    }
    return CCCD_OK;
oom:
    for (size_t i = 0; i < *n; i++)
        free((*keys)[i]);
    free(*keys);
    free(*homes);
    *keys = NULL;
    *homes = NULL;
    *n = 0;
    return cccd_err_set(err, CCCD_E_NOMEM, "coverage", "out of memory");
}

static json_t *line_json(const cccd_coverage_line *l) {
    return json_pack("{s:s,s:s,s:I,s:I,s:I,s:I,s:I,s:I}", "code", l->unit->code, "name",
                     l->unit->name, "residents", (json_int_t)l->c.residents, "eligible",
                     (json_int_t)l->c.eligible, "valid_card", (json_int_t)l->c.valid_card,
                     "in_progress", (json_int_t)l->c.in_progress, "remaining",
                     (json_int_t)l->remaining, "split", (json_int_t)l->split);
}

json_t *cccd_coverage_json(const cccd_coverage *c) {
    char iso[11];
    json_t *o = line_json(&c->total);
    json_object_set_new(o, "at", json_string(cccd_date_iso(c->at, iso)));
    json_t *kids = json_array();
    for (size_t i = 0; i < c->nchildren; i++)
        json_array_append_new(kids, line_json(&c->children[i]));
    json_object_set_new(o, "children", kids);
    return o;
}
