/*
 * plan.h: planning a unit's appointments over a range of days (docs/planning.md).
 *
 * Why this exists: the police hand tickets door to door, a time for each residential group,
 * easy cases first, the elderly and sick served at home, and people living elsewhere sent to
 * the commune where they hold temporary residence. cccd_plan_make reads who still needs a card
 * (the registered commune versions the unit serves, service/residents.h, through boundary
 * changes; the remaining list's people in its order, one query per version with only the
 * fields planning needs: cccd_store_remaining_brief), the unit's points, their shifts and the
 * kits working there each day, and classifies every person exactly once: a home visit, a
 * referral out, untraced, a ticket, or unplanned (no room left in the range). People
 * registered elsewhere whose temporary residence lies in the unit (cccd_store_remaining_brief_
 * temporary) are planned here too, as referred in; the plan of the commune they are registered
 * in lists them as referred out, with the ticket they hold here. Tickets are written in the same
 * transaction; a re-plan keeps every ticket that still fits and says which ones moved. The plan
 * is deterministic: the same database and range give the same tickets.
 */
#ifndef CCCD_SERVICE_PLAN_H
#define CCCD_SERVICE_PLAN_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/audit.h"
#include "core/shift.h"
#include "core/units.h"
#include "store/store.h"
#include "store/store_points.h"
#include "store/store_tickets.h"

/* One shift of one point on one day, and how full the plan left it. */
typedef struct cccd_plan_slot {
    size_t point; /* index into cccd_plan.points */
    int64_t point_id;
    int64_t day; /* days since 1970-01-01 */
    cccd_shift shift;
    int kits; /* working kits at the point that day */
    int64_t capacity;
    int64_t used;             /* tickets in it: this plan's, and others' that hold their place */
    size_t window0, nwindows; /* into cccd_plan.windows */
} cccd_plan_slot;

typedef struct cccd_plan_window {
    cccd_window w;
    int64_t used;
} cccd_plan_window;

/* What the commune a person is referred to did about them (a referral out). */
typedef enum cccd_referral_state {
    CCCD_REFERRAL_WAITING = 0, /* no ticket there (yet): its plan has not placed them */
    CCCD_REFERRAL_TICKETED,    /* holding a ticket outside this unit: ticket, point, day, window */
    CCCD_REFERRAL_HOME_VISIT,  /* immobile: on the home-visit list of the commune they live in */
} cccd_referral_state;

/* A person served at home (immobile), referred elsewhere, or untraced. Strings owned by the
 * plan. */
typedef struct cccd_plan_person {
    char personal_id[13];
    char *full_name;
    char *residential_group; /* of the commune registered in */
    char *household_id;
    char *address;               /* home visit: where they live (the temporary address when
                                    `temporary`); referral: the temporary one; untraced: the
                                    permanent one */
    const cccd_unit *unit;       /* home visit: the commune they live in; referral: the commune of
                                    temporary residence; untraced: the commune registered in (borrowed
                                    from the unit set) */
    const cccd_unit *registered; /* the commune registered in (borrowed) */
    bool temporary;              /* home visit: living here under a temporary residence */
    /* a referral: what the receiving end did */
    cccd_referral_state state;
    char ticket[CCCD_TICKET_LEN];
    int64_t ticket_point, ticket_day;
    int ticket_start, ticket_end;
} cccd_plan_person;

/* A ticket that had to change (its shift closed, or no room left in its window). */
typedef struct cccd_plan_move {
    char ticket[CCCD_TICKET_LEN];
    char personal_id[13];
    int64_t from_point, from_day;
    int from_start;
    int64_t to_point, to_day; /* to_point 0: no room left: unplanned, the ticket withdrawn */
    int to_start;
} cccd_plan_move;

typedef struct cccd_plan {
    const cccd_unit *unit; /* borrowed from the unit set */
    int64_t from, to;      /* days */
    int64_t remaining;     /* residents read: eligible, alive, no valid chip card on `from` */
    int64_t ticketed;      /* with a ticket in the range at the unit's points: new, kept, moved */
    int64_t created, kept, moved;
    int64_t elsewhere;   /* with a ticket outside the range or at another unit's point, kept */
    int64_t withdrawn;   /* tickets taken back: the person is now a home visit, untraced, or
                            referred out (a ticket at this unit's points only) */
    int64_t referred_in; /* registered outside the unit, living in it: planned here */
    int64_t home_visits; /* residents and referred in */
    int64_t referred;    /* referred out: living in a commune outside the unit */
    int64_t untraced;    /* residents whose whereabouts are unknown */
    int64_t unplanned;
    int64_t by_ease[4]; /* the ticketed (new, kept, moved) by class (core/ease.h) */
    cccd_point *points; /* the unit's points (every kind), by id */
    size_t npoints;
    cccd_plan_slot *slots; /* by day, start, point */
    size_t nslots;
    cccd_plan_window *windows;
    size_t nwindows;
    cccd_plan_person *home; /* by registered commune, group, household, ID; then those living
                               here under a temporary residence, by commune and ID */
    size_t nhome;
    cccd_plan_person *referrals; /* referred out, in the order of the remaining list */
    size_t nreferrals;
    cccd_plan_person *untraced_list; /* by registered commune, group, household, ID */
    size_t nuntraced;
    cccd_plan_move *moves; /* by ticket */
    size_t nmoves;
    char (*unplanned_ids)[13]; /* in plan order */
} cccd_plan;

#define CCCD_PLAN_MAX_DAYS 366

/* Plans unit `code` (any level, in force on `from`) from `from` to `to` (full dates,
 * inclusive, at most CCCD_PLAN_MAX_DAYS days) and, unless dry_run, writes the tickets, in one
 * transaction. *out is released with cccd_plan_free (also after a failure). */
cccd_errc cccd_plan_make(cccd_store *st, const cccd_units *u, const char *code, cccd_date from,
                         cccd_date to, bool dry_run, cccd_plan *out, cccd_err *err);

/* The same, and unless dry_run an audit entry "plan.make" by `by` in the same transaction
 * (the unit, the days, and the counts). The command line and the API plan through this;
 * cccd_plan_make (no entry) is for tests and benchmarks. */
cccd_errc cccd_plan_make_by(cccd_store *st, const cccd_units *u, const char *code, cccd_date from,
                            cccd_date to, bool dry_run, const cccd_actor *by, cccd_plan *out,
                            cccd_err *err);

void cccd_plan_free(cccd_plan *p);

/* The plan's summary as a new JSON object (owned by the caller): counts (with referred_in and
 * untraced), moves, per point and day the shifts with capacity and tickets, the home-visit
 * list, the referrals out (each with its status at the receiving end: waiting, ticketed with
 * the ticket, or home_visit) and the untraced list; the shape the CLI's --json gives and the
 * API returns. */
json_t *cccd_plan_json(const cccd_plan *p);

/* The shifts one point runs from day `from` to day `to` (inclusive, at most
 * CCCD_PLAN_MAX_DAYS), with the kits working there each day and the capacity, into
 * out->slots, out->windows and out->points (that one point; out->unit is NULL). Release with
 * cccd_plan_free. CCCD_E_POINT_UNKNOWN. */
cccd_errc cccd_point_schedule(cccd_store *st, int64_t point_id, int64_t from, int64_t to,
                              cccd_plan *out, cccd_err *err);

/* The points of unit `code`'s subtree on `at` (every kind, by id) into *out (owned by the
 * caller: free()). */
cccd_errc cccd_points_of_unit(cccd_store *st, const cccd_units *u, const char *code, cccd_date at,
                              cccd_point **out, size_t *n, cccd_err *err);

/* The tickets of the people unit `code` serves on `at` (its residents, and the people
 * registered elsewhere living in it under a temporary residence), by day, window, point and
 * ticket, into *out (owned by the caller: free(); residential_group is NULL). */
cccd_errc cccd_tickets_of_unit(cccd_store *st, const cccd_units *u, const char *code, cccd_date at,
                               cccd_ticket **out, size_t *n, cccd_err *err);

/* Tickets as CSV (tickets_csv.c): the header line, and one ticket's line (ticket, personal ID,
 * point, day, shift, window start and end) written to f; returns what fprintf returns. */
extern const char *const cccd_tickets_csv_header;
int cccd_ticket_csv_row(FILE *f, const cccd_ticket *t);

#endif
