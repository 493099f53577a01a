/*
 * demo.h: a demonstration database made through the real code (`cccd demo`, docs/demo.md):
 * the unit list and its reform, a synthetic province imported into the registry, an account
 * for every role, points of service with kits, shifts and officers, and days of history: each
 * day applications opened at the points with their captures (sealed), submitted, approved,
 * taken into production batches, produced, dispatched, received by the communes and handed
 * over, every step through the same service functions as the desk, the supervisor and the
 * card centre (so every figure, audit entry and counter is what the real work would leave).
 *
 * Why this exists: a newcomer, a commander's dashboard and the browser tests need a database
 * with true numbers that move, without a single real person in it.
 */
#ifndef CCCD_SERVICE_DEMO_H
#define CCCD_SERVICE_DEMO_H

#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/error.h"
#include "service/seal.h"

typedef struct cccd_demo_config {
    const char *db_url;     /* a database that does not exist yet, or an empty one */
    const char *units_json; /* the official unit list (borrowed), units_len bytes */
    size_t units_len;
    const char *reform_json; /* its reform (borrowed; NULL: none), reform_len bytes */
    size_t reform_len;
    cccd_date reform_on;  /* the reform's effective date */
    const char *province; /* the synthetic province's code on `as_of` ("34") */
    cccd_date as_of;      /* the registry extract's date (a day the province is in force) */
    uint64_t population;  /* synthetic residents */
    uint64_t seed;
    cccd_date today;              /* the history ends the day before */
    int days;                     /* days of history (1..60) */
    int per_day;                  /* applications opened per day and point (1..500) */
    int points;                   /* communes given a point, kit and officer (1..20) */
    const char *password;         /* every demo account's password */
    const cccd_seal_key *bio_key; /* seals the demo's captures */
} cccd_demo_config;

/* What was made, for the command to print. Strings are owned by the struct. */
typedef struct cccd_demo_summary {
    uint64_t residents;
    char province_now[8];              /* the code of the province in force today */
    char commune[8], commune_name[96]; /* the first point's commune (the officer's) */
    char accounts[16][40];             /* "user role unit" */
    int naccounts;
    int64_t opened, approved, produced, delivered, batches;
} cccd_demo_summary;

/* Step names for a progress display ("units", "population", "history 3/14", ...). */
typedef void (*cccd_demo_progress_fn)(void *ctx, const char *step, int done, int total);

/* Builds it all. Errors: those of the steps, naming the step. */
cccd_errc cccd_demo_build(const cccd_demo_config *c, cccd_demo_progress_fn progress, void *ctx,
                          cccd_demo_summary *out, cccd_err *err);

#endif
