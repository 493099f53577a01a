/*
 * store_rollup.c: the SQL of the one-pass read of a subtree's daily figures (see
 * store_rollup.h). The whole country is one scan of the days asked; a set of unit versions is
 * read in batches of BATCH keys with one prepared statement (a key list cannot be bound as one
 * parameter in both dialects), so a province's few hundred versions take a few statements
 * instead of one each. The figures summed per province version (migration 0014) are written
 * here beside each figure (store_figure_province_add) and read for the whole country.
 */
#include "store/store_rollup.h"
#include "store/store_internal.h"

enum { SLOT_FIGURES_KEYS = STORE_ROLLUP_SLOT0, SLOT_PROVINCE_ADD, SLOT_PROVINCES, SLOT__END };
_Static_assert((int)SLOT__END <= (int)STORE_ROLLUP_SLOT0 + 8, "store_rollup.c: slots 256..263");
_Static_assert((int)SLOT__END <= (int)STORE_SLOT_MAX, "store_rollup.c: raise STORE_SLOT_MAX");

#define BATCH 32
/* the keys of a batch are $1..$32, the days $33 and $34 */
#define KEYS_SQL                                                                                   \
    "SELECT unit_key, day, measure, key, n FROM application_figures WHERE unit_key IN ("           \
    "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, "  \
    "$21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32) AND day >= $33 AND day <= $34"

static cccd_errc rows(cccd_store *st, store_stmt *s, cccd_figure_unit_cb cb, void *ctx,
                      cccd_err *err) {
    bool row = false;
    cccd_errc rc;
    while ((rc = st->drv->step(s, &row, err)) == CCCD_OK && row)
        cb(ctx, st->drv->col_text(s, 0), st->drv->col_int64(s, 1), st->drv->col_text(s, 2),
           st->drv->col_text(s, 3), st->drv->col_int64(s, 4));
    return rc;
}

cccd_errc cccd_store_app_figures_under(cccd_store *st, const char *const *unit_keys, size_t n,
                                       int64_t from, int64_t to, cccd_figure_unit_cb cb, void *ctx,
                                       cccd_err *err) {
    store_stmt *s = NULL;
    cccd_errc rc = CCCD_OK;
    for (size_t at = 0; rc == CCCD_OK && at < n; at += BATCH) {
        rc = store_stmt_get(st, SLOT_FIGURES_KEYS, KEYS_SQL, &s, err);
        /* a short last batch repeats its last key: IN ignores the repeats */
        for (int i = 0; rc == CCCD_OK && i < BATCH; i++)
            rc = st->drv->bind_text(s, i + 1, unit_keys[at + i < n ? at + (size_t)i : n - 1], err);
        if (rc == CCCD_OK && (rc = st->drv->bind_int64(s, BATCH + 1, from, err)) == CCCD_OK &&
            (rc = st->drv->bind_int64(s, BATCH + 2, to, err)) == CCCD_OK)
            rc = rows(st, s, cb, ctx, err);
        if (s)
            st->drv->reset(s);
    }
    return rc;
}

cccd_errc store_figure_province_add(cccd_store *st, const char *unit_key, int64_t day,
                                    const char *measure, const char *key, int64_t delta,
                                    cccd_err *err) {
    store_stmt *s = NULL;
    bool row = false;
    /* the province: the top of the version's parent chain (a commune under a district under a
     * province, a commune of the two-level tree under its province, a district, a province) */
    cccd_errc rc = store_stmt_get(
        st, SLOT_PROVINCE_ADD,
        "INSERT INTO application_figures_province (province_key, day, measure, key, n)"
        " SELECT COALESCE(p2.unit_key, p1.unit_key, u.unit_key), CAST($2 AS BIGINT),"
        " CAST($3 AS TEXT), CAST($4 AS TEXT), CAST($5 AS BIGINT) FROM units u"
        " LEFT JOIN units p1 ON p1.unit_key = u.parent_key"
        " LEFT JOIN units p2 ON p2.unit_key = p1.parent_key WHERE u.unit_key = $1"
        " ON CONFLICT (province_key, day, measure, key) DO UPDATE"
        " SET n = application_figures_province.n + excluded.n",
        &s, err);
    if (rc == CCCD_OK &&
        (rc = store_bindf(st, s, err, "titti", unit_key, day, measure, key, delta)) == CCCD_OK)
        rc = st->drv->step(s, &row, err);
    st->drv->reset(s);
    return rc;
}

cccd_errc cccd_store_app_figures_provinces(cccd_store *st, int64_t from, int64_t to,
                                           cccd_figure_unit_cb cb, void *ctx, cccd_err *err) {
    store_stmt *s = NULL;
    cccd_errc rc = store_stmt_get(st, SLOT_PROVINCES,
                                  "SELECT province_key, day, measure, key, n FROM"
                                  " application_figures_province WHERE day >= $1 AND day <= $2",
                                  &s, err);
    if (rc == CCCD_OK && (rc = store_bindf(st, s, err, "ii", from, to)) == CCCD_OK)
        rc = rows(st, s, cb, ctx, err);
    if (s)
        st->drv->reset(s);
    return rc;
}
