/*
 * store_rollup.h: the daily figures of applications of a whole subtree in one read, for the
 * commander's dashboard and the reports (service/rollup.h). Reading unit version by unit
 * version costs a statement per version (hundreds for a province, ten thousand for the
 * country); this reads the rows of a set of versions, or of every version, over a range of
 * days at once, so the cost grows with units × days × measures and the caller maps each row to
 * the unit it counts under in memory. The figures themselves are written by enrollment
 * (store/store_applications.h).
 */
#ifndef CCCD_STORE_ROLLUP_H
#define CCCD_STORE_ROLLUP_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

typedef void (*cccd_figure_unit_cb)(void *ctx, const char *unit_key, int64_t day,
                                    const char *measure, const char *key, int64_t n);

/* Every daily figure of the unit versions unit_keys[0..n) (stored keys; the whole country reads
 * cccd_store_app_figures_provinces instead) from day `from` to day `to` (both included, days since
 * 1970-01-01), handed to cb one row at a time, in no particular order. The strings passed to
 * cb are borrowed for the call only. Give each key once. */
cccd_errc cccd_store_app_figures_under(cccd_store *st, const char *const *unit_keys, size_t n,
                                       int64_t from, int64_t to, cccd_figure_unit_cb cb, void *ctx,
                                       cccd_err *err);

/* The same figures summed per province version (the top of each unit version's parent chain,
 * kept in the transaction of each figure: migration 0014), from day `from` to day `to`: cb gets
 * the province version's key as unit_key. For the whole country: a row per province version,
 * day, measure and key instead of one per commune. */
cccd_errc cccd_store_app_figures_provinces(cccd_store *st, int64_t from, int64_t to,
                                           cccd_figure_unit_cb cb, void *ctx, cccd_err *err);

#endif
