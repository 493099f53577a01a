/*
 * ticket_print.h: appointment tickets as the citizen holds them: one printed ticket per person
 * (docs/planning.md, "Printed tickets").
 *
 * Why this exists: officers hand tickets door to door; the citizen reads them (so they are in
 * Vietnamese) and brings them to the point, where the queue's check-in scans the QR code (its
 * payload is the ticket number and nothing else). Rendering (ticket_print.c) uses cairo (a PDF
 * of one ticket per page, a PNG of one ticket) and libqrencode, and writes to memory only, so a
 * server endpoint can send the bytes as they are; gathering what to print from the store
 * (ticket_print_data.c) joins the tickets with their holders' names and their points.
 */
#ifndef CCCD_SERVICE_TICKET_PRINT_H
#define CCCD_SERVICE_TICKET_PRINT_H

#include <stddef.h>
#include <stdint.h>

#include "core/units.h"
#include "store/store.h"
#include "store/store_points.h"
#include "store/store_tickets.h"

/* One printable ticket. Every string is borrowed (valid UTF-8, NFC as stored); NULL prints as
 * "". place is the place of a mobile point (where it serves), "" or NULL otherwise. */
typedef struct cccd_ticket_print {
    const char *full_name;
    const char *ticket; /* the ticket number: the QR code's payload; must not be empty */
    const char *point_name;
    const char *address;
    const char *place;
    int64_t day;                  /* days since 1970-01-01: the day of the ticket's shift */
    int window_start, window_end; /* minutes from that day's midnight (may pass 1440: the
                                     window is then printed on the next calendar day) */
} cccd_ticket_print;

/* A PDF of the n tickets, one per A6 page in the order given, into *out (owned by the caller:
 * free()) and *len bytes. CCCD_E_ARG when n is 0 or a ticket number is empty or cannot be
 * encoded; CCCD_E_UTF8 for text that is not UTF-8; CCCD_E_NOMEM; CCCD_E_INTERNAL when cairo
 * fails (its status in the message). Nothing is written anywhere else; safe to call from
 * several threads at once (each call has its own surfaces). */
cccd_errc cccd_tickets_pdf(const cccd_ticket_print *t, size_t n, char **out, size_t *len,
                           cccd_err *err);

/* One ticket as a PNG image (the same layout at 144 dpi: 596 x 840 pixels) into *out (owned by
 * the caller: free()) and *len bytes. Errors as cccd_tickets_pdf. */
cccd_errc cccd_ticket_png(const cccd_ticket_print *t, char **out, size_t *len, cccd_err *err);

/* The day as the ticket prints it, the Vietnamese way: "Thứ Hai, 10/3/2025" (weekday, then
 * day/month/year without leading zeros; Sunday is "Chủ nhật"), into buf (at least 32 bytes);
 * returns buf. */
char *cccd_ticket_day_vi(int64_t day, char *buf);

/* The time window as printed: "07:00–08:00" (an en dash) into buf (at least 16 bytes), and
 * into *day the calendar day it falls on (the shift's day, or the next one for a window that
 * starts at or after midnight in a shift that crossed it); returns buf. */
char *cccd_ticket_window_vi(int64_t shift_day, int window_start, int window_end, int64_t *day,
                            char *buf);

/* Releases the font caches cairo and fontconfig keep for the whole process, so that a leak
 * checker at exit sees nothing left: for the end of a program (the CLI, the tests, the server's
 * shutdown), once no thread draws any more. Drawing again afterwards works (they are rebuilt). */
void cccd_ticket_print_release_caches(void);

/* ---- what to print, from the store (ticket_print_data.c) ---- */

/* Printable tickets and what they borrow from: release with cccd_ticket_prints_free. */
typedef struct cccd_ticket_prints {
    cccd_ticket_print *v; /* in print order */
    size_t n;
    cccd_ticket *tickets; /* owned: v[i].ticket points into tickets[i] */
    char **names;         /* owned: v[i].full_name is names[i] */
    cccd_point *points;   /* owned: the points named (v[i].point_name, address, place) */
    size_t npoints;
} cccd_ticket_prints;

/* The tickets of the people unit `code` serves on `at`, in the order `cccd tickets list` gives
 * (day, window, point, ticket: service/plan.h cccd_tickets_of_unit), only those of day `day`
 * (days since 1970-01-01; INT64_MIN: every day) and point `point_id` (0: every point), with
 * their holders' names and their points. No ticket matching is not an error: out->n is 0. */
cccd_errc cccd_tickets_printable(cccd_store *st, const cccd_units *u, const char *code,
                                 cccd_date at, int64_t day, int64_t point_id,
                                 cccd_ticket_prints *out, cccd_err *err);

/* The one ticket numbered `ticket`, with its holder's name and its point.
 * CCCD_E_TICKET_UNKNOWN when no ticket has that number. */
cccd_errc cccd_ticket_printable(cccd_store *st, const char *ticket, cccd_ticket_prints *out,
                                cccd_err *err);

/* Releases what out holds (also after a failure; a zeroed struct is fine). */
void cccd_ticket_prints_free(cccd_ticket_prints *p);

#endif
