/*
 * store_staff.h: officers assigned to points of service, with dates (docs/planning.md).
 *
 * Part of the storage interface (store.h): SQL stays in src/store. An assignment names a
 * point, an account and the days it runs (inclusive; open-ended when to_day is
 * CCCD_STAFF_OPEN); an officer lent by another province is assigned the same way, so the
 * history of who served where is a query. Every function runs in the caller's transaction
 * when one is open, else on its own.
 */
#ifndef CCCD_STORE_STAFF_H
#define CCCD_STORE_STAFF_H

#include <stdint.h>

#include "store/store.h"
#include "store/store_accounts.h"

#define CCCD_STAFF_OPEN INT64_MAX /* to_day of an assignment with no end */
#define CCCD_STAFF_NOTE_MAX 200

/* One assignment as stored, with the account's name and role. Strings borrowed for the
 * callback. */
typedef struct cccd_staff_row {
    int64_t id, point_id, account_id;
    const char *username;
    const char *role;
    const char *account_unit; /* the unit key the account's role is held at */
    int64_t from_day, to_day; /* to_day CCCD_STAFF_OPEN: no end */
    const char *note;
} cccd_staff_row;

typedef void (*cccd_staff_cb)(void *ctx, const cccd_staff_row *r);

/* Adds an assignment; *id receives its id (may be NULL). CCCD_E_POINT_UNKNOWN. */
cccd_errc cccd_store_staff_add(cccd_store *st, int64_t point_id, int64_t account_id,
                               int64_t from_day, int64_t to_day, const char *note, int64_t *id,
                               cccd_err *err);

/* Ends assignment `id` (at point point_id; 0: at any point) on `day`, the last day served (not
 * before its first). CCCD_E_STAFF_UNKNOWN when there is no such assignment. */
cccd_errc cccd_store_staff_end(cccd_store *st, int64_t point_id, int64_t id, int64_t day,
                               cccd_err *err);

/* The assignments of a point that overlap [from, to], by first day and id. */
cccd_errc cccd_store_staff_of_point(cccd_store *st, int64_t point_id, int64_t from, int64_t to,
                                    cccd_staff_cb cb, void *ctx, cccd_err *err);

/* The assignments of an account that overlap [from, to], by first day and id. */
cccd_errc cccd_store_staff_of_account(cccd_store *st, int64_t account_id, int64_t from, int64_t to,
                                      cccd_staff_cb cb, void *ctx, cccd_err *err);

#endif
