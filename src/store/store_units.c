/*
 * store_units.c: the administrative units in the database: the versions, their events, and
 * the source documents (a unit list, then reforms) that rebuild the in-memory model
 * (see store.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xxhash.h>

#include "store/store_internal.h"

enum {
    SLOT_SOURCES_LIST = STORE_UNITS_SLOT0,
    SLOT_UNIT_KEYS,
    SLOT_UNIT_UPSERT,
    SLOT_UNIT_DELETE,
    SLOT_SOURCE_INSERT,
    SLOT_EVENT_INSERT,
    SLOT_LINK_INSERT,
    SLOT_SOURCES_LOAD,
    SLOT_COUNTERS_DROP,
};
_Static_assert((int)SLOT_COUNTERS_DROP < (int)STORE_CITIZENS_SLOT0,
               "store_units.c has more statements than its slots");

void cccd_store_unit_key(const cccd_unit *unit, char key[CCCD_UNIT_KEY_LEN]) {
    /* "%.5s@%s" by hand: the registry import makes one a row */
    size_t n = strnlen(unit->code, 5);
    memcpy(key, unit->code, n);
    key[n] = '@';
    cccd_date_iso(unit->valid_from, key + n + 1);
}

static void digest_hex(const char *doc, size_t len, char out[33]) {
    XXH128_hash_t h = XXH3_128bits(doc, len);
    snprintf(out, 33, "%016llx%016llx", (unsigned long long)h.high64, (unsigned long long)h.low64);
}

static cccd_errc bind_day(cccd_store *st, store_stmt *s, int i, cccd_date d, cccd_err *err) {
    if (d.prec == CCCD_DATE_NONE)
        return st->drv->bind_null(s, i, err);
    return st->drv->bind_int64(s, i, cccd_date_to_days(cccd_date_earliest(d)), err);
}

/* Whether the stored sources are exactly these (same order, kinds, dates, digests). */
static cccd_errc same_sources(cccd_store *st, const cccd_store_unit_source *src, size_t n,
                              bool *same, cccd_err *err) {
    store_stmt *s = NULL;
    cccd_errc rc =
        store_stmt_get(st, SLOT_SOURCES_LIST,
                       "SELECT kind, effective, digest FROM unit_sources ORDER BY seq", &s, err);
    if (rc != CCCD_OK)
        return rc;
    size_t i = 0;
    bool row;
    *same = true;
    while ((rc = st->drv->step(s, &row, err)) == CCCD_OK && row) {
        if (i >= n) {
            *same = false;
            continue;
        }
        char dg[33];
        digest_hex(src[i].doc, src[i].len, dg);
        int64_t eff = src[i].date.prec == CCCD_DATE_NONE
                          ? -1
                          : cccd_date_to_days(cccd_date_earliest(src[i].date));
        const char *kind = st->drv->col_text(s, 0);
        int64_t seff = st->drv->col_null(s, 1) ? -1 : st->drv->col_int64(s, 1);
        if (strcmp(kind, src[i].reform ? "reform" : "list") != 0 || seff != eff ||
            strcmp(st->drv->col_text(s, 2), dg) != 0)
            *same = false;
        i++;
    }
    if (i != n)
        *same = false;
    st->drv->reset(s);
    return rc;
}

/* Orders unit keys (arrays of CCCD_UNIT_KEY_LEN chars, or a key string to look up). */
static int cmp_key(const void *a, const void *b) {
    return strcmp(a, b);
}

/* The keys of the stored units that `u` no longer has: deleted (fails if citizens use one). */
static cccd_errc delete_stale(cccd_store *st, const cccd_units *u, cccd_err *err) {
    size_t n = cccd_units_version_count(u);
    char(*keys)[CCCD_UNIT_KEY_LEN] = calloc(n ? n : 1, sizeof *keys);
    if (keys == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, "units", "out of memory");
    for (size_t i = 0; i < n; i++)
        cccd_store_unit_key(cccd_units_version_at(u, i), keys[i]);
    qsort(keys, n, sizeof *keys, cmp_key);
    store_stmt *s = NULL;
    cccd_errc rc = store_stmt_get(st, SLOT_UNIT_KEYS, "SELECT unit_key FROM units", &s, err);
    char **stale = NULL;
    size_t nstale = 0, cap = 0;
    bool row;
    while (rc == CCCD_OK && (rc = st->drv->step(s, &row, err)) == CCCD_OK && row) {
        const char *k = st->drv->col_text(s, 0);
        if (bsearch(k, keys, n, sizeof *keys, cmp_key))
            continue;
        if (nstale == cap) {
            cap = cap ? cap * 2 : 64;
            char **ns = realloc(stale, cap * sizeof *ns);
            if (ns == NULL) {
                rc = cccd_err_set(err, CCCD_E_NOMEM, "units", "out of memory");
                break;
            }
            stale = ns;
        }
        if ((stale[nstale] = strdup(k)) == NULL) {
            rc = cccd_err_set(err, CCCD_E_NOMEM, "units", "out of memory");
            break;
        }
        nstale++;
    }
    st->drv->reset(s);
    for (size_t i = 0; i < nstale && rc == CCCD_OK; i++) {
        /* counters left at zero when everyone moved away do not keep a unit alive */
        rc = store_stmt_get(st, SLOT_COUNTERS_DROP,
                            "DELETE FROM coverage_counters WHERE unit_key = $1 AND residents = 0"
                            " AND eligible = 0 AND valid_card = 0 AND in_progress = 0",
                            &s, err);
        if (rc == CCCD_OK && (rc = st->drv->bind_text(s, 1, stale[i], err)) == CCCD_OK)
            rc = st->drv->step(s, &row, err);
        if (rc != CCCD_OK)
            break;
        rc = store_stmt_get(st, SLOT_UNIT_DELETE, "DELETE FROM units WHERE unit_key = $1", &s, err);
        if (rc == CCCD_OK && (rc = st->drv->bind_text(s, 1, stale[i], err)) == CCCD_OK)
            rc = st->drv->step(s, &row, err);
        if (rc == CCCD_E_STORE_CONSTRAINT)
            cccd_err_set(err, CCCD_E_STORE_CONSTRAINT, "units",
                         "units: unit %s is used by registered citizens but is missing from "
                         "the new unit list: nothing was changed",
                         stale[i]);
    }
    for (size_t i = 0; i < nstale; i++)
        free(stale[i]);
    free(stale);
    free(keys);
    return rc;
}

static cccd_errc put_unit(cccd_store *st, const cccd_unit *v, cccd_err *err) {
    store_stmt *s = NULL;
    cccd_errc rc = store_stmt_get(
        st, SLOT_UNIT_UPSERT,
        "INSERT INTO units (unit_key, code, level, name, type, name_key, bare_key, valid_from,"
        " valid_to, parent_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
        " ON CONFLICT (unit_key) DO UPDATE SET code = excluded.code, level = excluded.level,"
        " name = excluded.name, type = excluded.type, name_key = excluded.name_key,"
        " bare_key = excluded.bare_key, valid_from = excluded.valid_from,"
        " valid_to = excluded.valid_to, parent_key = excluded.parent_key",
        &s, err);
    char key[CCCD_UNIT_KEY_LEN], parent[CCCD_UNIT_KEY_LEN];
    cccd_store_unit_key(v, key);
    if (v->parent)
        cccd_store_unit_key(v->parent, parent);
    bool row;
    if (rc == CCCD_OK && (rc = st->drv->bind_text(s, 1, key, err)) == CCCD_OK &&
        (rc = st->drv->bind_text(s, 2, v->code, err)) == CCCD_OK &&
        (rc = st->drv->bind_int64(s, 3, v->level, err)) == CCCD_OK &&
        (rc = st->drv->bind_text(s, 4, v->name, err)) == CCCD_OK &&
        (rc = st->drv->bind_text(s, 5, v->type ? v->type : "", err)) == CCCD_OK &&
        (rc = st->drv->bind_text(s, 6, v->key, err)) == CCCD_OK &&
        (rc = st->drv->bind_text(s, 7, v->bare_key, err)) == CCCD_OK &&
        (rc = bind_day(st, s, 8, v->valid_from, err)) == CCCD_OK &&
        (rc = bind_day(st, s, 9, v->valid_to, err)) == CCCD_OK &&
        (rc = st->drv->bind_text(s, 10, v->parent ? parent : NULL, err)) == CCCD_OK)
        rc = st->drv->step(s, &row, err);
    return rc;
}

static cccd_errc put_event(cccd_store *st, int64_t id, const cccd_unit_event *ev, cccd_err *err) {
    store_stmt *s = NULL;
    bool row;
    cccd_errc rc =
        store_stmt_get(st, SLOT_EVENT_INSERT,
                       "INSERT INTO unit_events (id, kind, date) VALUES ($1, $2, $3)", &s, err);
    if (rc == CCCD_OK && (rc = st->drv->bind_int64(s, 1, id, err)) == CCCD_OK &&
        (rc = st->drv->bind_text(s, 2, cccd_unit_event_kind_name(ev->kind), err)) == CCCD_OK &&
        (rc = bind_day(st, s, 3, ev->date, err)) == CCCD_OK)
        rc = st->drv->step(s, &row, err);
    for (int side = 0; side < 2 && rc == CCCD_OK; side++) {
        const cccd_unit *const *list = side ? ev->to : ev->from;
        size_t n = side ? ev->nto : ev->nfrom;
        for (size_t i = 0; i < n && rc == CCCD_OK; i++) {
            char key[CCCD_UNIT_KEY_LEN];
            cccd_store_unit_key(list[i], key);
            rc = store_stmt_get(st, SLOT_LINK_INSERT,
                                "INSERT INTO unit_event_links (event_id, role, unit_key)"
                                " VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                                &s, err);
            if (rc == CCCD_OK && (rc = st->drv->bind_int64(s, 1, id, err)) == CCCD_OK &&
                (rc = st->drv->bind_text(s, 2, side ? "to" : "from", err)) == CCCD_OK &&
                (rc = st->drv->bind_text(s, 3, key, err)) == CCCD_OK)
                rc = st->drv->step(s, &row, err);
        }
    }
    return rc;
}

typedef struct import_ctx {
    const cccd_store_unit_source *src;
    size_t n;
    const cccd_units *u;
} import_ctx;

static cccd_errc import_txn(cccd_store *st, void *vctx, cccd_err *err) {
    import_ctx *x = vctx;
    cccd_errc rc = st->drv->exec(
        st->conn,
        "DELETE FROM unit_event_links; DELETE FROM unit_events; DELETE FROM unit_sources;", err);
    size_t nv = cccd_units_version_count(x->u);
    for (size_t i = 0; i < nv && rc == CCCD_OK; i++)
        rc = put_unit(st, cccd_units_version_at(x->u, i), err);
    if (rc == CCCD_OK)
        rc = delete_stale(st, x->u, err);
    size_t ne = cccd_units_event_count(x->u);
    for (size_t i = 0; i < ne && rc == CCCD_OK; i++)
        rc = put_event(st, (int64_t)i + 1, cccd_units_event_at(x->u, i), err);
    char now[32];
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
    for (size_t i = 0; i < x->n && rc == CCCD_OK; i++) {
        store_stmt *s = NULL;
        bool row;
        char dg[33];
        digest_hex(x->src[i].doc, x->src[i].len, dg);
        rc = store_stmt_get(st, SLOT_SOURCE_INSERT,
                            "INSERT INTO unit_sources (seq, kind, effective, digest, document,"
                            " imported_at) VALUES ($1, $2, $3, $4, $5, $6)",
                            &s, err);
        if (rc == CCCD_OK && (rc = st->drv->bind_int64(s, 1, (int64_t)i + 1, err)) == CCCD_OK &&
            (rc = st->drv->bind_text(s, 2, x->src[i].reform ? "reform" : "list", err)) == CCCD_OK &&
            (rc = bind_day(st, s, 3, x->src[i].date, err)) == CCCD_OK &&
            (rc = st->drv->bind_text(s, 4, dg, err)) == CCCD_OK &&
            (rc = st->drv->bind_text(s, 5, x->src[i].doc, err)) == CCCD_OK &&
            (rc = st->drv->bind_text(s, 6, now, err)) == CCCD_OK)
            rc = st->drv->step(s, &row, err);
    }
    return rc;
}

cccd_errc cccd_store_units_import(cccd_store *st, const cccd_store_unit_source *sources, size_t n,
                                  const cccd_units *u, bool *changed, cccd_err *err) {
    bool same = false;
    *changed = false;
    cccd_errc rc = same_sources(st, sources, n, &same, err);
    if (rc != CCCD_OK || same)
        return rc;
    import_ctx x = {sources, n, u};
    rc = cccd_store_transaction(st, import_txn, &x, err);
    if (rc == CCCD_OK)
        *changed = true;
    return rc;
}

cccd_errc cccd_store_units_load(cccd_store *st, cccd_units **out, cccd_err *err) {
    *out = NULL;
    cccd_units *u = cccd_units_new();
    if (u == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, "units", "out of memory");
    store_stmt *s = NULL;
    cccd_errc rc =
        store_stmt_get(st, SLOT_SOURCES_LOAD,
                       "SELECT kind, effective, document FROM unit_sources ORDER BY seq", &s, err);
    size_t loaded = 0;
    bool row;
    while (rc == CCCD_OK && (rc = st->drv->step(s, &row, err)) == CCCD_OK && row) {
        cccd_date d = {0};
        if (!st->drv->col_null(s, 1))
            d = cccd_date_from_days(st->drv->col_int64(s, 1));
        const char *doc = st->drv->col_text(s, 2);
        if (strcmp(st->drv->col_text(s, 0), "reform") == 0)
            rc = cccd_units_apply_reform(u, doc, strlen(doc), d, err);
        else
            rc = cccd_units_load_json(u, doc, strlen(doc), d, err);
        loaded++;
    }
    st->drv->reset(s);
    if (rc == CCCD_OK && loaded == 0)
        rc = cccd_err_set(err, CCCD_E_UNIT_UNKNOWN, "units",
                          "no administrative units in the database: run cccd units import");
    if (rc != CCCD_OK) {
        cccd_units_free(u);
        return rc;
    }
    *out = u;
    return CCCD_OK;
}
