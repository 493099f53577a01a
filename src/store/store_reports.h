/*
 * store_reports.h: the daily figures of applications summed over a range of days, for the
 * daily and weekly reports (service/report.h). A report adds up many days of many unit
 * versions; one grouped query per unit version keeps its cost to the number of units, not of
 * days. The figures themselves are written by enrollment (store/store_applications.h).
 */
#ifndef CCCD_STORE_REPORTS_H
#define CCCD_STORE_REPORTS_H

#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"
#include "store/store_applications.h"

/* The figures of unit version unit_key summed from day `from` to day `to` (both included, days
 * since 1970-01-01), by measure and key, handed to cb. */
cccd_errc cccd_store_app_figures_sum(cccd_store *st, const char *unit_key, int64_t from, int64_t to,
                                     cccd_app_figure_cb cb, void *ctx, cccd_err *err);

/* The first day any figure of unit version unit_key was recorded: *found false when none. */
cccd_errc cccd_store_app_figures_first_day(cccd_store *st, const char *unit_key, int64_t *day,
                                           bool *found, cccd_err *err);

#endif
