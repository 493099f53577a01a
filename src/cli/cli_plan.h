/*
 * cli_plan.h: what the point, kit, shift, plan and tickets commands share (see cli_plan.c):
 * a day option that defaults to today, a point id argument, and a point's one-line label.
 */
#ifndef CCCD_CLI_PLAN_H
#define CCCD_CLI_PLAN_H

#include <stdint.h>

#include "cli/cli.h"
#include "store/store_points.h"

/* The day in s (YYYY-MM-DD; field names it in errors), or today when s is NULL, as days since
 * 1970-01-01 into *day (and the date into *date when not NULL). Returns -1, or 1 after
 * printing why. */
int cli_day(const char *s, const char *field, int64_t *day, cccd_date *date);

/* A point id ("12"): returns -1 with *id set, or 1 after printing why. */
int cli_point_id(const char *s, int64_t *id);

/* "YYYY-MM-DD" of a day into buf (at least 11 bytes); returns buf. */
char *cli_day_iso(int64_t day, char *buf);

#endif
