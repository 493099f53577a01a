/*
 * plan_internal.h: what the planning service's files share (internal to src/service): the
 * unit a stored key stands for on a day, and building the plan's shifts (slots) with their
 * capacity from the points, shift templates, overrides and kits.
 */
#ifndef CCCD_SERVICE_PLAN_INTERNAL_H
#define CCCD_SERVICE_PLAN_INTERNAL_H

#include "service/plan.h"

/* The unit in force at `at` that serves what was registered under `key` (the first successor
 * in code order when it split), or NULL (unknown key, or its area went nowhere). */
const cccd_unit *plan_unit_at(const cccd_units *u, const char *key, cccd_date at);

/* Whether unit v is `top` or lies under it. */
bool plan_under(const cccd_unit *v, const cccd_unit *top);

/* The points of `unit`'s subtree on `at` into p->points (every kind, by id). */
cccd_errc plan_points(cccd_store *st, const cccd_units *u, const cccd_unit *unit, cccd_date at,
                      cccd_plan *p, cccd_err *err);

/* The shifts of p->points' fixed and mobile points on each day of [p->from, p->to] with their
 * windows and capacity from the kits working there that day, into p->slots and p->windows, by
 * (day, start, point id, shift number). */
cccd_errc plan_slots(cccd_store *st, cccd_plan *p, cccd_err *err);

/* The slot of (point id, day, shift number), or -1; idx is the slots' index sorted by that
 * triple (plan_slot_index). */
size_t *plan_slot_index(const cccd_plan *p);
long plan_slot_find(const cccd_plan *p, const size_t *idx, int64_t point_id, int64_t day,
                    int shift_no);

#endif
