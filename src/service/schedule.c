/*
 * schedule.c: the public schedule of a unit (see schedule.h): the subtree's fixed and mobile
 * points with their shifts day by day, from the same rules planning uses (plan_internal.h), in
 * one pass over the kits' history whatever the number of points.
 */
#include "service/schedule.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "service/plan_internal.h"

static int by_point_day(const void *a, const void *b) {
    const cccd_plan_slot *x = a, *y = b;
    if (x->point != y->point)
        return x->point < y->point ? -1 : 1;
    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    if (x->shift.start_min != y->shift.start_min)
        return x->shift.start_min < y->shift.start_min ? -1 : 1;
    return (x->shift.no > y->shift.no) - (x->shift.no < y->shift.no);
}

cccd_errc cccd_schedule_make(cccd_store *st, const cccd_units *u, const char *code, cccd_date from,
                             cccd_date to, cccd_schedule *out, cccd_err *err) {
    memset(out, 0, sizeof *out);
    if (from.prec != CCCD_DATE_DAY || to.prec != CCCD_DATE_DAY)
        return cccd_err_set(err, CCCD_E_ARG, "from", "the schedule needs full dates");
    int64_t d0 = cccd_date_to_days(from), d1 = cccd_date_to_days(to);
    if (d1 < d0 || d1 - d0 + 1 > CCCD_SCHEDULE_MAX_DAYS)
        return cccd_err_set(err, CCCD_E_DATE_RANGE, "to",
                            "to: from 1 to %d days from the first day, not before it",
                            CCCD_SCHEDULE_MAX_DAYS);
    if (u == NULL)
        return cccd_err_set(err, CCCD_E_UNIT_UNKNOWN, "unit",
                            "no units were imported into this database");
    const cccd_unit *unit = cccd_units_lookup(u, code, CCCD_UNIT_ANY, from, err);
    if (unit == NULL)
        return err->code;
    out->unit = unit;
    out->from = d0;
    out->to = d1;
    cccd_plan *p = &out->plan;
    cccd_errc rc = plan_points(st, u, unit, from, p, err);
    if (rc != CCCD_OK)
        return rc;
    size_t k = 0;
    for (size_t i = 0; i < p->npoints; i++)
        if (p->points[i].kind != CCCD_POINT_HOME)
            p->points[k++] = p->points[i];
    p->npoints = k;
    p->from = d0;
    p->to = d1;
    if ((rc = plan_slots(st, p, err)) != CCCD_OK)
        return rc;
    /* keep the points that serve in the range, renumbering their slots */
    size_t *map = malloc((p->npoints + 1) * sizeof *map);
    if (map == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, "schedule", "out of memory");
    for (size_t i = 0; i < p->npoints; i++)
        map[i] = SIZE_MAX;
    for (size_t i = 0; i < p->nslots; i++)
        map[p->slots[i].point] = 0;
    k = 0;
    for (size_t i = 0; i < p->npoints; i++)
        if (map[i] == 0) {
            map[i] = k;
            p->points[k++] = p->points[i];
        }
    p->npoints = k;
    for (size_t i = 0; i < p->nslots; i++)
        p->slots[i].point = map[p->slots[i].point];
    free(map);
    if (p->nslots)
        qsort(p->slots, p->nslots, sizeof *p->slots, by_point_day);
    if ((out->point_unit = calloc(p->npoints + 1, sizeof *out->point_unit)) == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, "schedule", "out of memory");
    for (size_t i = 0; i < p->npoints; i++)
        out->point_unit[i] = plan_unit_at(u, p->points[i].unit_key, from);
    return CCCD_OK;
}

void cccd_schedule_free(cccd_schedule *s) {
    cccd_plan_free(&s->plan);
    free(s->point_unit);
    s->point_unit = NULL;
}

char *cccd_schedule_day_vn(int64_t day, char *buf) {
    cccd_date d = cccd_date_from_days(day);
    snprintf(buf, 11, "%u/%u/%u", (unsigned)d.d % 100u, (unsigned)d.m % 100u,
             (unsigned)d.y % 10000u);
    return buf;
}
