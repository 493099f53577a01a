/*
 * queue.h: running the queue at a point of service on the day (docs/queue.md).
 *
 * Why this exists: officers at a point check people in (by the ticket the plan handed them, or
 * as walk-ins by personal ID), call the next one to a desk, and close each call as served or
 * no-show; the waiting time of each person (called - checked in) is kept, and a no-show's
 * ticket is withdrawn so the person is back on the remaining list for the next plan. Each
 * operation checks its rules, writes and appends its audit entry in one transaction (retried
 * on a busy database). The command line and the HTTP API share these functions.
 *
 * Times: `day` is days since 1970-01-01 (the day in Vietnam), `now` Unix seconds. A ticket's
 * window is compared with the minutes from the day's midnight in Vietnam (UTC+7).
 */
#ifndef CCCD_SERVICE_QUEUE_H
#define CCCD_SERVICE_QUEUE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/audit.h"
#include "core/units.h"
#include "store/store.h"
#include "store/store_queue.h"

/* Minutes from the Vietnamese midnight starting `day` to the Unix time `now` (may be negative
 * or pass 1440). */
int cccd_queue_minute(int64_t day, int64_t now);

/* Checks in the holder of ticket `ticket` at point_id on `day`. The ticket must be for that
 * point and that day (any window: early and late arrivals are accepted, and called by their
 * window): otherwise CCCD_E_TICKET_WRONG naming the point and day it is for. CCCD_E_POINT_UNKNOWN,
 * CCCD_E_TICKET_UNKNOWN, CCCD_E_CITIZEN_SERVED (the holder no longer needs a card),
 * CCCD_E_QUEUE_ACTIVE. *out receives the new entry. Audited as "queue.checkin". */
cccd_errc cccd_queue_checkin_ticket(cccd_store *st, int64_t point_id, int64_t day, int64_t now,
                                    const cccd_actor *by, const char *ticket, cccd_queue_entry *out,
                                    cccd_err *err);

/* Checks in a walk-in by personal ID (12 digits). The person must be in the registry
 * (CCCD_E_CITIZEN_UNKNOWN) and still need a card on `day` (CCCD_E_CITIZEN_SERVED). With u not
 * NULL, the person's permanent or temporary residence must lie under the point's unit on `day`
 * (else CCCD_E_FORBIDDEN): the API asks that; the command line, run on the machine, does not.
 * CCCD_E_QUEUE_ACTIVE when already waiting there. Audited as "queue.checkin". */
cccd_errc cccd_queue_checkin_person(cccd_store *st, const cccd_units *u, int64_t point_id,
                                    int64_t day, int64_t now, const cccd_actor *by,
                                    const char *personal_id, cccd_queue_entry *out, cccd_err *err);

/* Calls the next waiting person to a desk (the order is store_queue.h's cccd_store_queue_next,
 * at the minute of `now`): the entry becomes called, its waiting time fixed. CCCD_E_QUEUE_EMPTY
 * when no one waits. Audited as "queue.call". */
cccd_errc cccd_queue_call_next(cccd_store *st, int64_t point_id, int64_t day, int64_t now,
                               const cccd_actor *by, cccd_queue_entry *out, cccd_err *err);

/* Closes a called entry as served, or as a no-show (served false): a no-show's ticket, when it
 * was checked in by it and still holds it, is withdrawn. CCCD_E_QUEUE_UNKNOWN,
 * CCCD_E_QUEUE_STATE (not called). Audited as "queue.served" / "queue.no_show". *withdrawn (may
 * be NULL) tells whether a ticket was withdrawn. */
cccd_errc cccd_queue_finish(cccd_store *st, int64_t entry_id, bool served, int64_t now,
                            const cccd_actor *by, cccd_queue_entry *out, bool *withdrawn,
                            cccd_err *err);

/* The queue of a point on a day. */
typedef struct cccd_queue_view {
    cccd_queue_entry *entries; /* owned, by number */
    size_t n;
    int64_t count[CCCD_QUEUE__COUNT]; /* by state */
    int64_t called;                   /* entries called (called, served, no-show) */
    int64_t wait_total_s;             /* sum of their waits, seconds */
    int64_t wait_max_s;               /* the longest of them */
} cccd_queue_view;

/* Reads the queue of point_id on `day` (CCCD_E_POINT_UNKNOWN). Release with
 * cccd_queue_view_free. */
cccd_errc cccd_queue_view_get(cccd_store *st, int64_t point_id, int64_t day, cccd_queue_view *out,
                              cccd_err *err);
void cccd_queue_view_free(cccd_queue_view *v);

/* The wait of an entry in seconds: called - checked in once called; now - checked in while
 * waiting. */
int64_t cccd_queue_wait_s(const cccd_queue_entry *e, int64_t now);

/* An entry as JSON (new): id, point, day, number, personal_id, full_name, ticket (null for a
 * walk-in), window_start ("HH:MM" or null), state, checked_in_at, called_at, finished_at (ISO
 * UTC or null), called_by, finished_by, wait_minutes. */
json_t *cccd_queue_entry_json(const cccd_queue_entry *e, int64_t now);

/* The view as JSON (new): point, day, counts, called, wait_avg_minutes, wait_max_minutes,
 * entries. */
json_t *cccd_queue_view_json(const cccd_queue_view *v, int64_t point_id, int64_t day, int64_t now);

#endif
