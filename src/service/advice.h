/*
 * advice.h: resource advice (docs/advice.md). For a unit's children: what each still has to
 * do by its quota's deadline, the kits and officers it holds on the day and what they make a
 * day; then the fewest moves of a kit or an officer between units that let the most of them
 * meet their deadlines, within the unit first and then from a neighbouring province, each with
 * its reason in numbers. Accepting a proposal records the transfer.
 *
 * Why this exists: a commander sees which communes will miss their deadline and which have
 * kits or officers to spare, and moves them (as Thanh Hóa reinforced Thái Bình); the advice
 * does the arithmetic the same way every time and the move it proposes is made, checked and
 * audited by the outreach services (service/outreach.h) in one transaction.
 *
 * Actors as in quotas.h: role "" is the machine (the command line) and may do anything; an
 * account must reach the unit advised to compute advice, and both units of a proposal to
 * accept it (the route needs campaign.manage).
 */
#ifndef CCCD_SERVICE_ADVICE_H
#define CCCD_SERVICE_ADVICE_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/audit.h"
#include "core/date.h"
#include "core/units.h"
#include "store/store.h"
#include "store/store_advice.h"

/* Working hours a day of a unit whose points run no shift that day (or that has no point). */
#define CCCD_ADVICE_DEFAULT_MINUTES (8 * 60)

/* One unit's figures on the day, before and after the proposals. */
typedef struct cccd_advice_unit {
    const cccd_unit *unit; /* borrowed from the unit set */
    bool neighbour;        /* a unit of a neighbouring province (a donor only) */
    bool reserve; /* the unit advised itself: what it holds and no child does (a donor only) */
    bool quota;   /* a quota reaches the unit: it has a need and a deadline */
    int64_t target, received, deadline; /* the quota's; deadline in days */
    int64_t coverage_remaining;         /* eligible residents with no valid card, not in progress */
    int64_t remaining;                  /* what drives the need: quota ? target - received (>= 0)
                                           : coverage_remaining */
    int64_t days_left;                  /* quota: deadline - day + 1 (today and the deadline
                                           counted), 0 when past; no quota: 0 */
    int64_t needed_per_day;             /* ceil(remaining / days_left); 0 without one */
    int minutes;                        /* the shift pattern: minutes a kit works a day */
    bool default_minutes;               /* no shift that day: CCCD_ADVICE_DEFAULT_MINUTES */
    int people_per_kit_hour;
    int kits, officers; /* working kits held and officers assigned on the day */
    int64_t capacity;   /* min(kits, officers) * minutes * people_per_kit_hour / 60 */
    bool meets;         /* no quota, or capacity * days_left >= remaining */
    int kits_after, officers_after;
    int64_t capacity_after;
    bool meets_after;
} cccd_advice_unit;

/* One proposal as made (and stored: row). */
typedef struct cccd_advice_move {
    cccd_advice_row row; /* as stored: id, kind, keys, serial, username, reason, numbers */
    size_t from, to;     /* indexes into cccd_advice.units */
} cccd_advice_move;

typedef struct cccd_advice {
    cccd_date day;
    char code[6];            /* the unit advised ("VN": the country) */
    const cccd_unit *unit;   /* NULL for the country */
    cccd_advice_unit *units; /* the children in code order, then the neighbours' units and the
                                reserve that give */
    size_t nunits, nchildren;
    cccd_advice_move *moves; /* in the order proposed */
    size_t nmoves;
} cccd_advice;

/* Computes the advice for unit `code` (2, 3 or 5 digits in force on `day`, or "VN") and, when
 * store is true, stores its proposals in place of the unit's open ones (one transaction;
 * ids in out->moves[i].row.id). *out is released with cccd_advice_free (also after a
 * failure). CCCD_E_FORBIDDEN when `by` does not reach the unit. */
cccd_errc cccd_advice_make(cccd_store *st, const cccd_units *u, const char *code, cccd_date day,
                           int64_t now, const cccd_actor *by, bool store, cccd_advice *out,
                           cccd_err *err);
void cccd_advice_free(cccd_advice *a);

/* Accepts proposal id on `day`: the kit moves from `day` (to the receiving unit's point when
 * the proposal names one, else to the unit); the officer's assignment ends the day before and
 * a new one at the receiving point begins on `day`; the proposal is marked accepted and
 * "advice.accept" audited, all in one transaction. CCCD_E_ADVICE_UNKNOWN, CCCD_E_ADVICE_DECIDED
 * (accepted, dismissed or replaced), CCCD_E_ADVICE_STALE (the kit is no longer working at the
 * giving unit, or the officer no longer in that assignment), CCCD_E_FORBIDDEN (by does not
 * reach both units). *out (may be NULL) receives the row as decided. */
cccd_errc cccd_advice_accept(cccd_store *st, const cccd_units *u, int64_t id, cccd_date day,
                             int64_t now, const cccd_actor *by, cccd_advice_row *out,
                             cccd_err *err);

/* Dismisses proposal id ("advice.dismiss"): nothing moves. by must reach the receiving unit. */
cccd_errc cccd_advice_dismiss(cccd_store *st, const cccd_units *u, int64_t id, cccd_date day,
                              int64_t now, const cccd_actor *by, cccd_advice_row *out,
                              cccd_err *err);

/* A proposal as a new JSON object: id, state, kind, unit, date, serial, username, point,
 * neighbour, reason, from {...}, to {...}, decided_by, decided_at (docs/advice.md). */
json_t *cccd_advice_row_json(const cccd_advice_row *r);

/* The advice as a new JSON object: unit, name, date, units [...], proposals [...], meeting,
 * short (docs/advice.md). The shape the CLI's --json and the API share. */
json_t *cccd_advice_json(const cccd_advice *a);

/* n with "." between thousands ("1.240") into buf (at least 28 bytes); returns buf. */
char *cccd_advice_number(int64_t n, char *buf);

#endif
