/*
 * store_points.c: points of service in the database (see store_points.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"
#include "store/store_points.h"

enum {
    SLOT_ADD = STORE_POINTS_SLOT0,
    SLOT_GET,
    SLOT_LIST,
};
_Static_assert((int)SLOT_LIST < (int)STORE_KITS_SLOT0,
               "store_points.c has more statements than its slots");

static const char *const kind_names[CCCD_POINT__COUNT] = {"fixed", "mobile", "home"};

const char *cccd_point_kind_name(cccd_point_kind k) {
    return (int)k >= 0 && k < CCCD_POINT__COUNT ? kind_names[k] : "?";
}

int cccd_point_kind_parse(const char *s) {
    for (int i = 0; i < CCCD_POINT__COUNT; i++)
        if (strcmp(s, kind_names[i]) == 0)
            return i;
    return -1;
}

#define POINT_COLS                                                                                 \
    "id, unit_key, kind, name, address, place, open_from, open_to, people_per_kit_hour"

static void read_point(cccd_store *st, store_stmt *s, cccd_point *p) {
    const store_driver *d = st->drv;
    memset(p, 0, sizeof *p);
    p->id = d->col_int64(s, 0);
    snprintf(p->unit_key, sizeof p->unit_key, "%s", d->col_text(s, 1));
    int k = cccd_point_kind_parse(d->col_text(s, 2));
    p->kind = k < 0 ? CCCD_POINT_FIXED : (cccd_point_kind)k;
    snprintf(p->name, sizeof p->name, "%s", d->col_text(s, 3));
    snprintf(p->address, sizeof p->address, "%s", d->col_text(s, 4));
    snprintf(p->place, sizeof p->place, "%s", d->col_text(s, 5));
    p->open_from = d->col_null(s, 6) ? INT64_MIN : d->col_int64(s, 6);
    p->open_to = d->col_null(s, 7) ? INT64_MAX : d->col_int64(s, 7);
    p->people_per_kit_hour = (int)d->col_int64(s, 8);
}

cccd_errc cccd_store_point_add(cccd_store *st, const cccd_point *p, int64_t *id, cccd_err *err) {
    store_stmt *s = NULL;
    bool row = false;
    const store_driver *d = st->drv;
    /* ON CONFLICT DO NOTHING: a taken name returns no row and keeps a PostgreSQL transaction
     * usable */
    cccd_errc rc =
        store_stmt_get(st, SLOT_ADD,
                       "INSERT INTO points (unit_key, kind, name, address, place, open_from,"
                       " open_to, people_per_kit_hour) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
                       " ON CONFLICT (unit_key, name) DO NOTHING RETURNING id",
                       &s, err);
    if (rc == CCCD_OK && (rc = d->bind_text(s, 1, p->unit_key, err)) == CCCD_OK &&
        (rc = d->bind_text(s, 2, cccd_point_kind_name(p->kind), err)) == CCCD_OK &&
        (rc = d->bind_text(s, 3, p->name, err)) == CCCD_OK &&
        (rc = d->bind_text(s, 4, p->address, err)) == CCCD_OK &&
        (rc = d->bind_text(s, 5, p->place, err)) == CCCD_OK &&
        (rc = p->open_from == INT64_MIN ? d->bind_null(s, 6, err)
                                        : d->bind_int64(s, 6, p->open_from, err)) == CCCD_OK &&
        (rc = p->open_to == INT64_MAX ? d->bind_null(s, 7, err)
                                      : d->bind_int64(s, 7, p->open_to, err)) == CCCD_OK &&
        (rc = d->bind_int64(s, 8, p->people_per_kit_hour, err)) == CCCD_OK)
        rc = d->step(s, &row, err);
    if (rc == CCCD_OK && !row)
        rc = cccd_err_set(err, CCCD_E_POINT_EXISTS, "name",
                          "name: unit %.*s has a point named '%s' already",
                          (int)strcspn(p->unit_key, "@"), p->unit_key, p->name);
    if (rc == CCCD_OK && id)
        *id = d->col_int64(s, 0);
    d->reset(s);
    return rc;
}

cccd_errc cccd_store_point_get(cccd_store *st, int64_t id, cccd_point *out, cccd_err *err) {
    store_stmt *s = NULL;
    bool row = false;
    cccd_errc rc =
        store_stmt_get(st, SLOT_GET, "SELECT " POINT_COLS " FROM points WHERE id = $1", &s, err);
    if (rc == CCCD_OK && (rc = st->drv->bind_int64(s, 1, id, err)) == CCCD_OK)
        rc = st->drv->step(s, &row, err);
    if (rc == CCCD_OK && row)
        read_point(st, s, out);
    else if (rc == CCCD_OK)
        rc = cccd_err_set(err, CCCD_E_POINT_UNKNOWN, "point", "point: there is no point %lld",
                          (long long)id);
    st->drv->reset(s);
    return rc;
}

cccd_errc cccd_store_points_list(cccd_store *st, cccd_point **out, size_t *n, cccd_err *err) {
    *out = NULL;
    *n = 0;
    store_stmt *s = NULL;
    bool row = false;
    size_t cap = 0;
    cccd_errc rc =
        store_stmt_get(st, SLOT_LIST, "SELECT " POINT_COLS " FROM points ORDER BY id", &s, err);
    while (rc == CCCD_OK && (rc = st->drv->step(s, &row, err)) == CCCD_OK && row) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            cccd_point *np = realloc(*out, cap * sizeof *np);
            if (np == NULL) {
                rc = cccd_err_set(err, CCCD_E_NOMEM, "point", "out of memory");
                break;
            }
            *out = np;
        }
        read_point(st, s, &(*out)[(*n)++]);
    }
    st->drv->reset(s);
    if (rc != CCCD_OK) {
        free(*out);
        *out = NULL;
        *n = 0;
    }
    return rc;
}
