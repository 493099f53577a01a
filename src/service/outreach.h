/*
 * outreach.h: changing the outreach set-up: points of service, kits, shifts and the officers
 * at points, each checked, made and audited in one transaction (docs/planning.md).
 *
 * Why this exists: the command line and the API change the same things and must refuse the
 * same bad input with the same words; and a commander's change to where and when people are
 * served is on the record (who, when, what) like a change to an account. The store
 * (store_points.h, store_staff.h) only stores; the rules are here.
 */
#ifndef CCCD_SERVICE_OUTREACH_H
#define CCCD_SERVICE_OUTREACH_H

#include <jansson.h>
#include <stdint.h>

#include "core/audit.h"
#include "core/kit.h"
#include "core/shift.h"
#include "core/units.h"
#include "store/store.h"
#include "store/store_points.h"
#include "store/store_staff.h"

/* Checks a point (texts 1 to CCCD_POINT_TEXT_MAX bytes, place only and always for a mobile
 * point, its period in order, people per kit-hour 1 to 60; unit_key set), adds it and audits
 * "point.add". *id receives the new id. */
cccd_errc cccd_outreach_point_add(cccd_store *st, const cccd_actor *by, const cccd_point *p,
                                  int64_t *id, cccd_err *err);

/* Sets template shift s of a point ("shift.set"), or removes template shift `no`
 * ("shift.remove"). */
cccd_errc cccd_outreach_shift_set(cccd_store *st, const cccd_actor *by, int64_t point_id,
                                  const cccd_shift *s, cccd_err *err);
cccd_errc cccd_outreach_shift_remove(cccd_store *st, const cccd_actor *by, int64_t point_id, int no,
                                     cccd_err *err);

/* Sets a day's override of a point ("shift.day"): o->no 0 with closed closes the whole day. */
cccd_errc cccd_outreach_shift_day(cccd_store *st, const cccd_actor *by, int64_t point_id,
                                  int64_t day, const cccd_shift_override *o, cccd_err *err);

#define CCCD_KIT_NOTE_MAX 200

/* A kit serial: 1 to CCCD_KIT_SERIAL_MAX printable ASCII characters, no spaces. */
cccd_errc cccd_kit_serial_check(const char *serial, cccd_err *err);

/* Registers a kit working from `day`, held by unit_key ("kit.add"). */
cccd_errc cccd_outreach_kit_add(cccd_store *st, const cccd_actor *by, const char *serial,
                                int64_t day, const char *unit_key, cccd_err *err);

/* Moves a kit from `day` to a point (point_id > 0) or a unit ("kit.move"). */
cccd_errc cccd_outreach_kit_move(cccd_store *st, const cccd_actor *by, const char *serial,
                                 int64_t day, int64_t point_id, const char *unit_key,
                                 const char *note, cccd_err *err);

/* Records a kit's state from `day` ("kit.state"). */
cccd_errc cccd_outreach_kit_state(cccd_store *st, const cccd_actor *by, const char *serial,
                                  int64_t day, cccd_kit_state s, const char *note, cccd_err *err);

/* Assigns the account `username` to a point from `from` to `to` (CCCD_STAFF_OPEN: no end)
 * ("staff.assign"). The account must exist, be enabled, and hold a role that works at a desk
 * (officer or supervisor: CCCD_E_ROLE otherwise); it may be held anywhere (an officer lent by
 * another province). CCCD_E_STAFF_OVERLAP when the officer is assigned elsewhere on one of
 * those days. *id receives the assignment's id. */
cccd_errc cccd_outreach_staff_assign(cccd_store *st, const cccd_actor *by, int64_t point_id,
                                     const char *username, int64_t from, int64_t to,
                                     const char *note, int64_t *id, cccd_err *err);

/* Ends assignment `id` (at point point_id; 0: any) on `day`, the last day served
 * ("staff.end"). */
cccd_errc cccd_outreach_staff_end(cccd_store *st, const cccd_actor *by, int64_t point_id,
                                  int64_t id, int64_t day, cccd_err *err);

/* ---- as JSON, the same for the command line and the API (outreach_json.c) ---- */

/* An assignment (new): id, point, username, role, from, to (null: open), note. */
json_t *cccd_staff_row_json(const cccd_staff_row *r);

/* A point (new): id, kind, unit (its code; u may be NULL), name, address, people_per_kit_hour,
 * and for a mobile point place, from and to. */
json_t *cccd_point_json(const cccd_point *p, const cccd_units *u);

/* The shifts of a schedule (cccd_point_schedule) as an array (new) of {day, shift, time,
 * kits, capacity}. */
struct cccd_plan;
json_t *cccd_schedule_json(const struct cccd_plan *p);

#endif
