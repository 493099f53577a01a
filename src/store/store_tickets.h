/*
 * store_tickets.h: appointment tickets as stored: one per person, naming the point, the day,
 * the shift and the hour-long window in which the person is expected (docs/planning.md).
 *
 * Part of the storage interface (store.h): SQL stays in src/store. The planning service
 * (service/plan.h) writes them; tickets are read back by the unit version their holder is
 * registered under, so a plan of a district sees the tickets a plan of one of its communes
 * handed out, and the other way round.
 */
#ifndef CCCD_STORE_TICKETS_H
#define CCCD_STORE_TICKETS_H

#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

#define CCCD_TICKET_LEN 40

typedef struct cccd_ticket {
    char ticket[CCCD_TICKET_LEN];      /* "00004-0000123": the planned unit's code and seq */
    char plan_unit[CCCD_UNIT_KEY_LEN]; /* the unit version whose plan handed it out */
    int64_t seq;                       /* its number within that unit's tickets */
    int64_t personal_id;
    char home_key[CCCD_UNIT_KEY_LEN]; /* the unit version the person is registered under */
    int64_t point_id, day;            /* day: days since 1970-01-01 */
    int shift_no;
    int window_start, window_end;  /* minutes from the day's midnight (may pass 1440) */
    int ease;                      /* core/ease.h */
    const char *residential_group; /* borrowed (from the row or the caller) */
} cccd_ticket;

/* Writes a ticket: a new one, or the person's ticket replaced (same personal ID). */
cccd_errc cccd_store_ticket_put(cccd_store *st, const cccd_ticket *t, cccd_err *err);

/* The same for n tickets: on PostgreSQL sent in one pipeline (no round trip per ticket). */
cccd_errc cccd_store_tickets_put(cccd_store *st, const cccd_ticket *t, size_t n, cccd_err *err);

/* Removes the ticket of a person (nothing when there is none). */
cccd_errc cccd_store_ticket_delete(cccd_store *st, int64_t personal_id, cccd_err *err);

/* The highest seq of the tickets a unit version's plans handed out (0: none). */
cccd_errc cccd_store_tickets_max_seq(cccd_store *st, const char *plan_unit, int64_t *seq,
                                     cccd_err *err);

/* The tickets of the people registered under home_key, by personal ID; cb gets each
 * (borrowed for the call). */
typedef void (*cccd_ticket_cb)(void *ctx, const cccd_ticket *t);
cccd_errc cccd_store_tickets_of_key(cccd_store *st, const char *home_key, cccd_ticket_cb cb,
                                    void *ctx, cccd_err *err);

/* The tickets of the people whose temporary residence is unit version `temporary_key`
 * (registered anywhere), by personal ID. */
cccd_errc cccd_store_tickets_of_temporary(cccd_store *st, const char *temporary_key,
                                          cccd_ticket_cb cb, void *ctx, cccd_err *err);

/* The tickets at a point between two days (inclusive), by day, shift and window. */
cccd_errc cccd_store_tickets_at(cccd_store *st, int64_t point_id, int64_t from, int64_t to,
                                cccd_ticket_cb cb, void *ctx, cccd_err *err);

/* The ticket of one person: *found false when there is none. t->residential_group is NULL. */
cccd_errc cccd_store_ticket_get(cccd_store *st, int64_t personal_id, cccd_ticket *t, bool *found,
                                cccd_err *err);

/* ---- for printing (service/ticket_print.h): tickets with their holder's name ---- */

/* The ticket numbered `ticket` ("341-0000001") into *t and its holder's full name (from the
 * registry, joined on the personal ID; "" when the holder's record is gone) into *full_name
 * (owned by the caller: free(); NULL when there is no such ticket). *found false when no
 * ticket has that number. t->residential_group is NULL. */
cccd_errc cccd_store_ticket_by_number(cccd_store *st, const char *ticket, cccd_ticket *t,
                                      char **full_name, bool *found, cccd_err *err);

/* The holders of the tickets of the people registered under home_key, by personal ID: cb gets
 * each personal ID and full name (borrowed for the call). One query (tickets joined with
 * citizens), not one per ticket. */
typedef void (*cccd_ticket_holder_cb)(void *ctx, int64_t personal_id, const char *full_name);
cccd_errc cccd_store_ticket_holders_of_key(cccd_store *st, const char *home_key,
                                           cccd_ticket_holder_cb cb, void *ctx, cccd_err *err);

#endif
