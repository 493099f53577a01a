/*
 * residents.c: the people a unit serves, page by page (see residents.h).
 */
#include "service/residents.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "service/coverage.h"

/* The keys of the communes under unit, depth first in code order (as the remaining list pages
 * through them), each commune's in version order; all from one pass over the versions. */
typedef struct sources {
    char **keys; /* owned until handed to the result */
    const cccd_unit **homes;
    size_t n;
} sources;

static cccd_errc add_keys(const cccd_units *u, const cccd_unit *unit, cccd_date at, sources *src,
                          cccd_unit_keys *out, cccd_err *err) {
    if (unit->level == CCCD_UNIT_COMMUNE) {
        for (size_t i = 0; i < src->n; i++) {
            if (src->homes[i] != unit || src->keys[i] == NULL)
                continue;
            char **nv = realloc(out->v, (out->n + 1) * sizeof *nv);
            if (nv == NULL)
                return cccd_err_set(err, CCCD_E_NOMEM, "unit", "out of memory");
            out->v = nv;
            out->v[out->n++] = src->keys[i];
            src->keys[i] = NULL; /* handed over */
        }
        return CCCD_OK;
    }
    const cccd_unit **kids = NULL;
    size_t nk = 0;
    cccd_errc rc = cccd_units_children(u, unit, &at, &kids, &nk, err);
    for (size_t i = 0; i < nk && rc == CCCD_OK; i++)
        rc = add_keys(u, kids[i], at, src, out, err);
    free(kids);
    return rc;
}

cccd_errc cccd_unit_keys_get(const cccd_units *u, const char *code, cccd_date at,
                             cccd_unit_keys *out, cccd_err *err) {
    memset(out, 0, sizeof *out);
    const cccd_unit *unit = cccd_units_lookup(u, code, CCCD_UNIT_ANY, at, err);
    if (unit == NULL)
        return err->code;
    out->unit = unit;
    sources src = {NULL, NULL, 0};
    cccd_errc rc = cccd_coverage_sources_under(u, unit, at, &src.keys, &src.homes, &src.n, err);
    if (rc == CCCD_OK)
        rc = add_keys(u, unit, at, &src, out, err);
    for (size_t i = 0; i < src.n; i++)
        free(src.keys[i]);
    free(src.keys);
    free(src.homes);
    return rc;
}

void cccd_unit_keys_free(cccd_unit_keys *k) {
    for (size_t i = 0; i < k->n; i++)
        free(k->v[i]);
    free(k->v);
    memset(k, 0, sizeof *k);
}

static void cursor_put(char *out, size_t *n, const char *part) {
    for (const unsigned char *p = (const unsigned char *)part; *p && *n + 4 < CCCD_CURSOR_MAX;
         p++) {
        if (*p == '%' || *p == '|' || *p < 0x20)
            *n += (size_t)snprintf(out + *n, CCCD_CURSOR_MAX - *n, "%%%02X", *p);
        else
            out[(*n)++] = (char)*p;
    }
    out[*n] = '\0';
}

/* Decodes the part of a cursor that ends at '|' or the end into a new string (caller frees);
 * *s moves past it. NULL when the part is not well formed (or memory is short). */
static char *cursor_take(const char **s) {
    size_t n = strcspn(*s, "|");
    char *out = malloc(n + 1);
    if (out == NULL)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned v;
        if ((*s)[i] == '%') {
            if (i + 2 >= n || sscanf(*s + i + 1, "%2x", &v) != 1 || v == 0) {
                free(out);
                return NULL;
            }
            out[o++] = (char)v;
            i += 2;
        } else {
            out[o++] = (*s)[i];
        }
    }
    out[o] = '\0';
    *s += n + ((*s)[n] == '|');
    return out;
}

typedef struct page {
    cccd_store_record_cb cb;
    void *ctx;
    int n, limit;
    const char *key;
    char *last;
} page;

static bool on_record(void *ctx, const cccd_store_record *r) {
    page *p = ctx;
    if (p->n >= p->limit)
        return false;
    p->n++;
    size_t n = 0;
    cursor_put(p->last, &n, p->key);
    p->last[n++] = '|';
    cursor_put(p->last, &n, r->v[CCCD_CF_RESIDENTIAL_GROUP]);
    p->last[n++] = '|';
    cursor_put(p->last, &n, r->v[CCCD_CF_HOUSEHOLD_ID]);
    p->last[n++] = '|';
    cursor_put(p->last, &n, r->v[CCCD_CF_PERSONAL_ID]);
    return p->cb(p->ctx, r);
}

cccd_errc cccd_remaining_page(cccd_store *st, const cccd_unit_keys *keys, int64_t day,
                              const char *after, int limit, cccd_store_record_cb cb, void *ctx,
                              char next[CCCD_CURSOR_MAX], bool *more, cccd_err *err) {
    char *cur[4] = {NULL, NULL, NULL, NULL};
    cccd_errc rc = CCCD_OK;
    next[0] = '\0';
    *more = false;
    if (after) {
        const char *p = after;
        bool ok = true;
        for (int i = 0; i < 4 && ok; i++)
            ok = (cur[i] = cursor_take(&p)) != NULL;
        ok = ok && *p == '\0' && strlen(cur[3]) == 12 && strspn(cur[3], "0123456789") == 12;
        bool known = false;
        for (size_t i = 0; ok && i < keys->n; i++)
            known |= strcmp(keys->v[i], cur[0]) == 0;
        if (!ok)
            rc = cccd_err_set(err, CCCD_E_ARG, "after",
                              "'%.60s' is not a cursor given by an earlier page", after);
        else if (!known)
            rc = cccd_err_set(err, CCCD_E_ARG, "after",
                              "the cursor is not from unit %s on this date", keys->unit->code);
    }
    page pg = {cb, ctx, 0, limit, NULL, next};
    bool started = after == NULL;
    for (size_t i = 0; rc == CCCD_OK && i < keys->n && pg.n < limit; i++) {
        bool resume = !started && strcmp(keys->v[i], cur[0]) == 0;
        if (!started && !resume)
            continue;
        started = true;
        pg.key = keys->v[i];
        rc = cccd_store_remaining(st, keys->v[i], day, resume ? cur[1] : NULL,
                                  resume ? cur[2] : NULL, resume ? cur[3] : NULL, limit - pg.n,
                                  on_record, &pg, err);
    }
    *more = rc == CCCD_OK && pg.n == limit;
    for (int i = 0; i < 4; i++)
        free(cur[i]);
    return rc;
}

typedef struct counted {
    cccd_store_record_cb cb;
    void *ctx;
    int n;
    bool stopped;
} counted;

static bool on_found(void *ctx, const cccd_store_record *r) {
    counted *c = ctx;
    c->n++;
    if (!c->cb(c->ctx, r))
        c->stopped = true;
    return !c->stopped;
}

cccd_errc cccd_residents_find(cccd_store *st, const cccd_unit_keys *keys, const char *key_prefix,
                              int limit, cccd_store_record_cb cb, void *ctx, cccd_err *err) {
    counted c = {cb, ctx, 0, false};
    for (size_t i = 0; i < keys->n && c.n < limit && !c.stopped; i++) {
        cccd_errc rc =
            cccd_store_citizens_find(st, keys->v[i], key_prefix, limit - c.n, on_found, &c, err);
        if (rc != CCCD_OK)
            return rc;
    }
    return CCCD_OK;
}

json_t *cccd_record_json(const cccd_store_record *r) {
    json_t *o = json_object();
    for (int f = 0; f < CCCD_CF__COUNT; f++)
        json_object_set_new(o, cccd_cf_name(f), json_string(r->v[f]));
    json_object_set_new(o, "name_key", json_string(r->name_key));
    json_object_set_new(o, "province", json_string(r->province));
    return o;
}
