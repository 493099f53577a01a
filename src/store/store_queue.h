/*
 * store_queue.h: the day's queue at a point of service as stored (migration 0006_queue): one
 * entry per check-in, numbered 1, 2, ... within the point's day, moving from waiting to called
 * to served or no-show. The rules (who may check in, who is called next) are the service's
 * (service/queue.h); this file only keeps and reads the rows, and answers the few questions
 * about a person and a ticket that check-in asks. Every function runs in the caller's
 * transaction when one is open, else on its own.
 */
#ifndef CCCD_STORE_QUEUE_H
#define CCCD_STORE_QUEUE_H

#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"
#include "store/store_tickets.h"

typedef enum cccd_queue_state {
    CCCD_QUEUE_WAITING = 0,
    CCCD_QUEUE_CALLED,
    CCCD_QUEUE_SERVED,
    CCCD_QUEUE_NO_SHOW,
    CCCD_QUEUE__COUNT
} cccd_queue_state;

/* "waiting", "called", "served", "no_show"; parse: the state, or -1. */
const char *cccd_queue_state_name(cccd_queue_state s);
int cccd_queue_state_parse(const char *s);

#define CCCD_QUEUE_ACTOR_LEN 72
#define CCCD_QUEUE_NAME_LEN 200

typedef struct cccd_queue_entry {
    int64_t id, point_id, day; /* day: days since 1970-01-01 */
    int64_t number;            /* what the screen calls: 1, 2, ... within the point's day */
    int64_t personal_id;
    char ticket[CCCD_TICKET_LEN]; /* "" for a walk-in */
    int window_start;             /* the ticket's window (minutes from midnight); -1: walk-in */
    int64_t checked_in_at, called_at, finished_at; /* Unix seconds; 0: not yet */
    char checked_in_by[CCCD_QUEUE_ACTOR_LEN];
    char called_by[CCCD_QUEUE_ACTOR_LEN]; /* "" when not called yet */
    char finished_by[CCCD_QUEUE_ACTOR_LEN];
    cccd_queue_state state;
    char full_name[CCCD_QUEUE_NAME_LEN]; /* read from the registry; "" when unknown */
} cccd_queue_entry;

/* Adds e (id, number, called and finished ignored; state waiting): the number is the point's
 * day's highest plus one. Fills e->id and e->number. CCCD_E_QUEUE_ACTIVE when the person is
 * already waiting or called there that day; CCCD_E_STORE_BUSY when a concurrent check-in at
 * the point committed first (run it in cccd_store_transaction, which tries again). */
cccd_errc cccd_store_queue_add(cccd_store *st, cccd_queue_entry *e, cccd_err *err);

/* The entry with that id: *found false when there is none. */
cccd_errc cccd_store_queue_get(cccd_store *st, int64_t id, cccd_queue_entry *out, bool *found,
                               cccd_err *err);

/* The person's entry waiting or called at the point that day: *found false when none. */
cccd_errc cccd_store_queue_active(cccd_store *st, int64_t point_id, int64_t day,
                                  int64_t personal_id, cccd_queue_entry *out, bool *found,
                                  cccd_err *err);

/* The waiting entry to call next at the point on that day, `minute` minutes after the day's
 * midnight: first those with a ticket whose window has begun (window_start <= minute), by
 * window then check-in; then everyone else by check-in (then id). *found false when no one
 * waits. */
cccd_errc cccd_store_queue_next(cccd_store *st, int64_t point_id, int64_t day, int minute,
                                cccd_queue_entry *out, bool *found, cccd_err *err);

/* Moves entry id from state `from` to `to`, setting called_at/called_by (to CALLED) or
 * finished_at/finished_by (to SERVED or NO_SHOW) to at and by. *changed false when the entry
 * was not in `from` (nothing written). */
cccd_errc cccd_store_queue_move(cccd_store *st, int64_t id, cccd_queue_state from,
                                cccd_queue_state to, int64_t at, const char *by, bool *changed,
                                cccd_err *err);

/* Every entry of a point's day, by number, with the person's name; cb gets each (borrowed for
 * the call). */
typedef void (*cccd_queue_entry_cb)(void *ctx, const cccd_queue_entry *e);
cccd_errc cccd_store_queue_list(cccd_store *st, int64_t point_id, int64_t day,
                                cccd_queue_entry_cb cb, void *ctx, cccd_err *err);

/* What check-in needs to know of a person on `day`: whether the registry has them, their name,
 * whether they still need a card that day (alive, 14 or over, no chip card valid that day: the
 * remaining list's rule), and the unit keys of their permanent and temporary residence. */
typedef struct cccd_queue_person {
    bool found, needs_card;
    char full_name[CCCD_QUEUE_NAME_LEN];
    char permanent_unit[CCCD_UNIT_KEY_LEN];
    char temporary_unit[CCCD_UNIT_KEY_LEN]; /* "" none */
} cccd_queue_person;

cccd_errc cccd_store_queue_person(cccd_store *st, int64_t personal_id, int64_t day,
                                  cccd_queue_person *out, cccd_err *err);

#endif
