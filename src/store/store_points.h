/*
 * store_points.h: points of service, enrollment kits and shifts, as stored (docs/planning.md).
 *
 * Part of the storage interface (store.h): SQL stays in src/store. A point belongs to a unit
 * version (its key); a kit's history is a list of dated events (a state, or a move to a point
 * or a unit), so where a kit was on any day is a query; a point's shifts are templates that run
 * every day, weekends and holidays included, and per-day overrides. Days are days since
 * 1970-01-01, times minutes from the day's midnight (core/shift.h). Every function runs in the
 * caller's transaction when one is open, else on its own.
 */
#ifndef CCCD_STORE_POINTS_H
#define CCCD_STORE_POINTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/kit.h"
#include "core/shift.h"
#include "store/store.h"

typedef enum cccd_point_kind {
    CCCD_POINT_FIXED = 0, /* district office, one-stop centre, commune police */
    CCCD_POINT_MOBILE,    /* a team or vehicle serving at a place for a period */
    CCCD_POINT_HOME,      /* a home-visit team */
    CCCD_POINT__COUNT
} cccd_point_kind;

/* "fixed", "mobile", "home"; parse: the kind, or -1. */
const char *cccd_point_kind_name(cccd_point_kind k);
int cccd_point_kind_parse(const char *s);

#define CCCD_POINT_TEXT_MAX 200 /* bytes of a name, address or place */

typedef struct cccd_point {
    int64_t id;
    char unit_key[CCCD_UNIT_KEY_LEN]; /* the unit version it belongs to */
    cccd_point_kind kind;
    char name[CCCD_POINT_TEXT_MAX + 1];
    char address[CCCD_POINT_TEXT_MAX + 1];
    char place[CCCD_POINT_TEXT_MAX + 1]; /* mobile: where it serves; "" otherwise */
    int64_t open_from, open_to;          /* mobile: the days it serves (inclusive);
                                            INT64_MIN / INT64_MAX: no limit */
    int people_per_kit_hour;
} cccd_point;

/* Adds a point (p->id ignored; *id receives the new one). CCCD_E_POINT_EXISTS when its unit
 * has a point of that name. */
cccd_errc cccd_store_point_add(cccd_store *st, const cccd_point *p, int64_t *id, cccd_err *err);

/* The point with that id; CCCD_E_POINT_UNKNOWN when there is none. */
cccd_errc cccd_store_point_get(cccd_store *st, int64_t id, cccd_point *out, cccd_err *err);

/* Every point, by id, into *out (owned by the caller: free()). */
cccd_errc cccd_store_points_list(cccd_store *st, cccd_point **out, size_t *n, cccd_err *err);

/* ---- kits (store_kits.c) ---- */

#define CCCD_KIT_SERIAL_MAX 40

/* Registers a kit, working from `day`, held by unit_key. CCCD_E_KIT_EXISTS when known. */
cccd_errc cccd_store_kit_add(cccd_store *st, const char *serial, int64_t day, const char *unit_key,
                             cccd_err *err);

/* Records that from `day` the kit is at point point_id (> 0) or held by unit_key (point_id 0).
 * CCCD_E_KIT_UNKNOWN, CCCD_E_POINT_UNKNOWN. */
cccd_errc cccd_store_kit_move(cccd_store *st, const char *serial, int64_t day, int64_t point_id,
                              const char *unit_key, const char *note, cccd_err *err);

/* Records the kit's state from `day`. CCCD_E_KIT_UNKNOWN. */
cccd_errc cccd_store_kit_state(cccd_store *st, const char *serial, int64_t day, cccd_kit_state s,
                               const char *note, cccd_err *err);

/* One stored event, as the history shows it. Strings borrowed for the callback. */
typedef struct cccd_kit_history_row {
    const char *serial;
    cccd_kit_event ev;
    const char *unit_key; /* a move to a unit: its key; a move to a point: the point's unit */
    const char *note;
} cccd_kit_history_row;

typedef void (*cccd_kit_history_cb)(void *ctx, const cccd_kit_history_row *r);

/* The events of one kit, by (day, id). CCCD_E_KIT_UNKNOWN. */
cccd_errc cccd_store_kit_history(cccd_store *st, const char *serial, cccd_kit_history_cb cb,
                                 void *ctx, cccd_err *err);

/* Every event of every kit up to `until` (inclusive), by (serial, day, id): what planning
 * reads to know each point's working kits on each day. */
cccd_errc cccd_store_kit_events(cccd_store *st, int64_t until, cccd_kit_history_cb cb, void *ctx,
                                cccd_err *err);

/* Where the kit was on `day`: *point_id (0 when held by a unit), unit_key (the unit holding it,
 * or the point's unit; "" before its first move) and its state; answered by the database.
 * CCCD_E_KIT_UNKNOWN. */
cccd_errc cccd_store_kit_at(cccd_store *st, const char *serial, int64_t day, int64_t *point_id,
                            char unit_key[CCCD_UNIT_KEY_LEN], cccd_kit_state *state, cccd_err *err);

/* ---- shifts (store_shifts.c) ---- */

/* Sets (adds or replaces) template shift s of a point. CCCD_E_POINT_UNKNOWN. */
cccd_errc cccd_store_shift_template_set(cccd_store *st, int64_t point_id, const cccd_shift *s,
                                        cccd_err *err);

/* Removes template shift `no` of a point (nothing when it has none). */
cccd_errc cccd_store_shift_template_delete(cccd_store *st, int64_t point_id, int no, cccd_err *err);

/* The point's templates by number into out (room for CCCD_SHIFT_MAX); *n the count. */
cccd_errc cccd_store_shift_templates(cccd_store *st, int64_t point_id,
                                     cccd_shift out[CCCD_SHIFT_MAX], size_t *n, cccd_err *err);

/* Sets (adds or replaces) the override of a point on a day. CCCD_E_POINT_UNKNOWN. */
cccd_errc cccd_store_shift_override_set(cccd_store *st, int64_t point_id, int64_t day,
                                        const cccd_shift_override *o, cccd_err *err);

/* The overrides of a point between two days (inclusive), by day and number. */
typedef void (*cccd_shift_override_cb)(void *ctx, int64_t day, const cccd_shift_override *o);
cccd_errc cccd_store_shift_overrides(cccd_store *st, int64_t point_id, int64_t from, int64_t to,
                                     cccd_shift_override_cb cb, void *ctx, cccd_err *err);

#endif
