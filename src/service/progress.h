/*
 * progress.h: how far a unit and each of its children have come on a day (docs/progress.md):
 * applications received that day and so far (in total, by type, by point kind, by shift),
 * approved, produced and delivered; the cumulative count against the quota and the current
 * campaign's target; the rank among the sibling units; commendation candidates (units over
 * their quota, the officers who received the most applications); a forecast finish date from
 * the recent daily rate and an at-risk flag when it falls after the deadline.
 *
 * Why this exists: it is what a commander asks each morning, and what the dashboard and the
 * reports show. It is pure computation over store reads (the daily figures that enrollment
 * moves in the transaction of each step, the quotas, the campaigns): nothing is written and
 * no person is in it, so reading it is not audited per person. Permission (progress.read) and
 * jurisdiction are the caller's to check.
 */
#ifndef CCCD_SERVICE_PROGRESS_H
#define CCCD_SERVICE_PROGRESS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/date.h"
#include "core/units.h"
#include "service/coverage.h"
#include "service/quotas.h"
#include "store/store.h"

/* One figure counted by a key: a type ("first", ...), a point kind ("fixed", "mobile",
 * "home", "none"), a shift ("morning", "afternoon", "evening") or an officer's name. */
typedef struct cccd_progress_count {
    char key[72];
    int64_t day;   /* on the day asked */
    int64_t total; /* up to and including that day */
} cccd_progress_count;

typedef struct cccd_progress_counts {
    cccd_progress_count *v; /* owned by the progress */
    size_t n;
} cccd_progress_counts;

typedef struct cccd_progress_row {
    const cccd_unit *unit; /* borrowed from the unit set, in force on the day */
    /* on the day, and up to and including it */
    int64_t received_day, received_total;
    int64_t approved_day, approved_total;
    int64_t produced_day, produced_total;
    int64_t delivered_day, delivered_total;
    cccd_progress_counts by_type, by_point, by_shift, by_officer; /* received */
    /* the quota (cccd_quota_of): received_total against it */
    cccd_quota_view quota;
    double quota_percent; /* 0 without a quota; 100 * received_total / target */
    /* the campaign over the unit (or above it) running on the day, the latest added */
    int64_t campaign_id; /* 0: none */
    char campaign_name[CCCD_CAMPAIGN_NAME_LEN];
    int64_t campaign_from, campaign_to, campaign_target; /* days; target */
    int64_t campaign_received;                           /* from campaign_from to the day */
    double campaign_percent;
    /* rank among the rows of the same parent by quota_percent, 1 = first; units without a
     * quota come after, unranked (0). The unit asked for has rank 0. */
    int rank;
    bool over_quota; /* a quota, and received_total >= its target */
    /* the forecast (cccd_progress_forecast) of received_total reaching the quota */
    double rate7;      /* mean received per day over the last 7 days */
    bool forecast;     /* false: no quota, or no rate to finish with within 10 years */
    int64_t finish;    /* days: the day the quota is reached (or was, when done) */
    bool at_risk;      /* a quota not yet reached, and no forecast or one after the deadline */
    int64_t daily[28]; /* received on each of the 28 days ending on the day (daily[27]) */
    /* the coverage of the unit on the day (service/coverage.h): residents, eligible, valid
     * card, in progress, remaining (and split); coverage.unit is the row's unit */
    cccd_coverage_line coverage;
} cccd_progress_row;

typedef struct cccd_progress {
    cccd_unit nation; /* the unit of the whole country ("VN", "Việt Nam"), when that was asked */
    cccd_date day;
    cccd_progress_row total;     /* the unit asked for (total.unit is &nation for "VN") */
    cccd_progress_row *children; /* owned: one per child unit in force on the day, code order */
    size_t nchildren;
    /* commendation candidates: the children over their quota (in rank order) and the
     * officers with the most applications received so far in the whole unit (at most 5) */
    const cccd_unit **over_quota; /* owned array, borrowed units */
    size_t nover;
    cccd_progress_count top_officers[5];
    size_t ntop;
} cccd_progress;

/* Progress of unit `code` (2, 3 or 5 digits, in force on `day`; "VN" for the whole country,
 * its children the provinces) and of each of its children on `day`. The figures of the whole
 * subtree are read once (service/rollup.h) and counted under each child and the unit; the
 * coverage of every row comes from one pass over the counters (cccd_coverage_get). The
 * country's quota is the sum of its provinces' (the latest deadline), none when no province has
 * one; no campaign is over the country. Count lists are in key order. *out is released with
 * cccd_progress_free (also after a failure); it must not be copied while total.unit may point
 * into it. */
cccd_errc cccd_progress_get(cccd_store *st, const cccd_units *u, const char *code, cccd_date day,
                            cccd_progress *out, cccd_err *err);
void cccd_progress_free(cccd_progress *p);

/* The forecast method, on its own so it can be tested on a constructed series. daily[27] is
 * the count of `day`, daily[0] that of day - 27. The rate is the mean of the last 7 days; each
 * weekday's factor is its mean over the 28 days divided by the mean of all 28 (1 when the 28
 * days are all 0). Day by day from day + 1, rate times the day's factor is added until
 * `remaining` is reached: *finish is that day (day itself when remaining <= 0). false (no
 * forecast) when the rate is 0 or the finish lies more than 3650 days ahead. *rate7 (may be
 * NULL) receives the rate. */
bool cccd_progress_forecast(const int64_t daily[28], int64_t day, int64_t remaining,
                            int64_t *finish, double *rate7);

/* The forecast's expected count for each of the n days after `day` (out[0] is day + 1): the
 * rate times the weekday's factor, as cccd_progress_forecast adds them up. For the chart of
 * the days ahead. */
void cccd_progress_projection(const int64_t daily[28], int64_t day, double *out, size_t n);

/* The progress as a new JSON object (owned by the caller): "date", "unit" (the row of the unit
 * asked for), "children" (a row each), "commendations" {"units": [codes], "officers":
 * [{name, received}]}. A row: code, name, received {day, total, by_type, by_point, by_shift},
 * approved/produced/delivered {day, total}, quota {target, deadline, percent} or null,
 * campaign {id, name, from, to, target, received, percent} or null, rank, over_quota,
 * daily (received on each of the 28 days ending on the day, the last is the day),
 * forecast {rate7, finish (date or null), at_risk, projection (the expected count of each day
 * after the day up to the later of the deadline and the finish, at most 366)}, coverage
 * {residents, eligible, valid_card, in_progress, remaining, split} (service/coverage.h, on the
 * day). The country's row has code "VN". The shape the CLI's --json and the HTTP API share. */
json_t *cccd_progress_json(const cccd_progress *p);

#endif
