/*
 * store_reports.c: the SQL of the reports: the daily figures summed over days and the first
 * day a unit version has any (see store_reports.h).
 */
#include "store/store_reports.h"
#include "store/store_internal.h"

enum { SLOT_FIGURES_RANGE = STORE_REPORTS_SLOT0, SLOT_FIGURES_FIRST, SLOT__END };
_Static_assert((int)SLOT__END <= (int)STORE_SLOT_MAX, "store_reports.c: raise STORE_SLOT_MAX");

cccd_errc cccd_store_app_figures_sum(cccd_store *st, const char *unit_key, int64_t from, int64_t to,
                                     cccd_app_figure_cb cb, void *ctx, cccd_err *err) {
    store_stmt *s = NULL;
    bool row = false;
    cccd_errc rc = store_stmt_get(st, SLOT_FIGURES_RANGE,
                                  "SELECT measure, key, CAST(SUM(n) AS BIGINT)"
                                  " FROM application_figures WHERE unit_key = $1 AND day >= $2"
                                  " AND day <= $3 GROUP BY measure, key ORDER BY measure, key",
                                  &s, err);
    if (rc == CCCD_OK)
        rc = store_bindf(st, s, err, "tii", unit_key, from, to);
    while (rc == CCCD_OK && (rc = st->drv->step(s, &row, err)) == CCCD_OK && row)
        cb(ctx, st->drv->col_text(s, 0), st->drv->col_text(s, 1), st->drv->col_int64(s, 2));
    st->drv->reset(s);
    return rc;
}

cccd_errc cccd_store_app_figures_first_day(cccd_store *st, const char *unit_key, int64_t *day,
                                           bool *found, cccd_err *err) {
    store_stmt *s = NULL;
    bool row = false;
    *found = false;
    *day = 0;
    cccd_errc rc =
        store_stmt_get(st, SLOT_FIGURES_FIRST,
                       "SELECT MIN(day) FROM application_figures WHERE unit_key = $1", &s, err);
    if (rc == CCCD_OK)
        rc = store_bindf(st, s, err, "t", unit_key);
    if (rc == CCCD_OK && (rc = st->drv->step(s, &row, err)) == CCCD_OK && row &&
        !st->drv->col_null(s, 0)) {
        *day = st->drv->col_int64(s, 0);
        *found = true;
    }
    st->drv->reset(s);
    return rc;
}
