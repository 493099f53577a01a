/*
 * rollup.h: the daily figures of a unit's whole subtree in one store read, each row counted
 * under the child unit it lies in. The dashboard (service/progress.h) and the reports
 * (service/report.h) show a unit and a row per child; reading the figures unit version by
 * unit version costs a statement each (ten thousand for the country), and the unit's own row
 * read them all again. Here the subtree's registered versions are mapped once, in memory, to
 * their row (a hash map from stored unit key to row index, built from one pass over the unit
 * versions: cccd_coverage_sources_under, so an old commune's figures count under its successor),
 * and the figures are read once (store/store_rollup.h): the cost grows with units × days ×
 * measures, never with citizens.
 */
#ifndef CCCD_SERVICE_ROLLUP_H
#define CCCD_SERVICE_ROLLUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/units.h"
#include "store/store.h"

typedef struct cccd_rollup cccd_rollup;

/* Row index of a figure that counts under the unit itself but none of its rows' units (the unit
 * asked for is the commune, or the version is the unit's own). */
#define CCCD_ROLLUP_SELF (-1)

/* The map of unit `unit` (NULL: the whole country) in force on `at`, whose rows are
 * children[0..n) (borrowed: units in force on `at`, the unit's children; for the country the
 * provinces). Every registered commune version the unit serves on `at` maps to the row of the
 * child it lies in, or CCCD_ROLLUP_SELF; with own_versions, so do the versions of the units
 * above communes in force on `at` in the subtree (the unit's own included: points of service of
 * a district or province record figures under it). *out is released with cccd_rollup_free. */
cccd_errc cccd_rollup_new(const cccd_units *u, const cccd_unit *unit,
                          const cccd_unit *const *children, size_t n, cccd_date at,
                          bool own_versions, cccd_rollup **out, cccd_err *err);
void cccd_rollup_free(cccd_rollup *r);

/* How many stored unit keys the map holds. */
size_t cccd_rollup_keys(const cccd_rollup *r);

/* One figure of the subtree: row is the index of its child (0..n-1) or CCCD_ROLLUP_SELF. */
typedef void (*cccd_rollup_cb)(void *ctx, int row, int64_t day, const char *measure,
                               const char *key, int64_t n);

/* Every figure of the subtree's versions from day `from` to day `to` (both included) in one
 * store read, each handed to cb with its row; figures of versions outside the map are skipped.
 * A subtree reads its versions' figures (cccd_store_app_figures_under); the country reads the
 * figures summed per province version (cccd_store_app_figures_provinces), each province
 * version mapped to the province in force it went to, so its cost is provinces × days ×
 * measures, not communes × days × measures. */
cccd_errc cccd_rollup_figures(cccd_store *st, const cccd_rollup *r, int64_t from, int64_t to,
                              cccd_rollup_cb cb, void *ctx, cccd_err *err);

#endif
