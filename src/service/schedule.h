/*
 * schedule.h: the public schedule of a unit: where and when its points serve, day by day.
 *
 * Why this exists: residents need to know when the mobile team comes to their village and when
 * the commune police desk is open, without logging in (the public page, the Atom feed the units
 * post on their fan pages, docs/planning.md "Public schedule and appointment lookup"). It reads
 * the same points, shift templates, overrides and mobile periods planning uses (plan.h), for a
 * whole subtree at once, and carries nothing personal: no tickets, no kits, no names of people.
 */
#ifndef CCCD_SERVICE_SCHEDULE_H
#define CCCD_SERVICE_SCHEDULE_H

#include <stddef.h>
#include <stdint.h>

#include "service/plan.h"

/* The longest range the public schedule answers, in days. */
#define CCCD_SCHEDULE_MAX_DAYS 62

typedef struct cccd_schedule {
    const cccd_unit *unit; /* the unit asked for (borrowed from the unit set) */
    int64_t from, to;      /* days since 1970-01-01, inclusive */
    /* plan.points: the fixed and mobile points of the subtree with at least one shift in the
     * range (home-visit teams serve at home and are left out), by id; plan.slots: their shifts
     * by point, day and start; plan.windows unused by the schedule */
    cccd_plan plan;
    const cccd_unit **point_unit; /* per point: the unit it serves for, in force on `from`
                                     (NULL when its unit went nowhere) */
} cccd_schedule;

/* The schedule of unit `code` (any level, in force on `from`) from `from` to `to` (full dates,
 * at most CCCD_SCHEDULE_MAX_DAYS days). CCCD_E_UNIT_UNKNOWN, CCCD_E_DATE_RANGE. *out is
 * released with cccd_schedule_free (also after a failure). */
cccd_errc cccd_schedule_make(cccd_store *st, const cccd_units *u, const char *code, cccd_date from,
                             cccd_date to, cccd_schedule *out, cccd_err *err);

void cccd_schedule_free(cccd_schedule *s);

/* A day as the Vietnamese write it without leading zeros: "10/3/2025" (buf >= 11 bytes). */
char *cccd_schedule_day_vn(int64_t day, char *buf);

#endif
