/*
 * store_rollup.c: the SQL of the one-pass read of a subtree's daily figures (see
 * store_rollup.h). The whole country is one scan of the days asked; a set of unit versions is
 * read in batches of BATCH keys with one prepared statement (a key list cannot be bound as one
 * parameter in both dialects), so a province's few hundred versions take a few statements
 * instead of one each.
 */
#include "store/store_rollup.h"
#include "store/store_internal.h"

enum { SLOT_FIGURES_ALL = STORE_ROLLUP_SLOT0, SLOT_FIGURES_KEYS, SLOT__END };
_Static_assert((int)SLOT__END <= (int)STORE_ROLLUP_SLOT0 + 8, "store_rollup.c: slots 256..263");
_Static_assert((int)SLOT__END <= (int)STORE_SLOT_MAX, "store_rollup.c: raise STORE_SLOT_MAX");

#define BATCH 32
#define P4(a, b, c, d) "$" #a ", $" #b ", $" #c ", $" #d
#define KEYS_SQL                                                                                   \
    "SELECT unit_key, day, measure, key, n FROM application_figures WHERE unit_key IN (" P4(       \
        1, 2, 3,                                                                                   \
        4) ", " P4(5, 6, 7,                                                                        \
                   8) ", " P4(9, 10, 11,                                                           \
                              12) ", " P4(13, 14, 15,                                              \
                                          16) ", " P4(17, 18, 19,                                  \
                                                      20) ", " P4(21, 22, 23,                      \
                                                                  24) ", " P4(25, 26, 27,          \
                                                                              28) ", " P4(29, 30,  \
                                                                                          31,      \
                                                                                          32) ") " \
                                                                                              "AN" \
                                                                                              "D " \
                                                                                              "da" \
                                                                                              "y " \
                                                                                              ">=" \
                                                                                              " $" \
                                                                                              "33" \
                                                                                              " A" \
                                                                                              "ND" \
                                                                                              " d" \
                                                                                              "ay" \
                                                                                              " <" \
                                                                                              "= " \
                                                                                              "$3" \
                                                                                              "4"

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
    if (unit_keys == NULL) {
        rc = store_stmt_get(st, SLOT_FIGURES_ALL,
                            "SELECT unit_key, day, measure, key, n FROM application_figures"
                            " WHERE day >= $1 AND day <= $2",
                            &s, err);
        if (rc == CCCD_OK && (rc = store_bindf(st, s, err, "ii", from, to)) == CCCD_OK)
            rc = rows(st, s, cb, ctx, err);
        if (s)
            st->drv->reset(s);
        return rc;
    }
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
