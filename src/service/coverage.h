/*
 * coverage.h: how far a unit has come: residents, eligible (14 and over, alive), holding a
 * valid chip card, in progress, and remaining, on any date, for any unit of the tree in force
 * that day, with a line per child unit.
 *
 * Citizens keep the unit version they were registered under; each version's counters are
 * attributed to the unit it resolves to on the date asked (a commune that merged counts under
 * the new one; one that split counts under its first successor in code order, and those people
 * are reported as `split` so the unit can place them). The figures come from the store's
 * counters plus the few people whose status changes between the counters' day and the date:
 * the cost grows with the number of units, not of citizens.
 */
#ifndef CCCD_SERVICE_COVERAGE_H
#define CCCD_SERVICE_COVERAGE_H

#include <jansson.h>

#include "core/units.h"
#include "store/store.h"

typedef struct cccd_coverage_line {
    const cccd_unit *unit; /* borrowed from the unit set */
    cccd_counts c;
    int64_t remaining; /* eligible - valid_card - in_progress */
    int64_t split;     /* residents registered in a unit that split, placed here by rule */
} cccd_coverage_line;

typedef struct cccd_coverage {
    cccd_unit nation; /* the unit of the whole country ("VN"), when that is what was asked */
    cccd_date at;
    cccd_coverage_line total;     /* the unit asked for */
    cccd_coverage_line *children; /* one per child unit in force at `at`, in code order */
    size_t nchildren;
} cccd_coverage;

/* Whether `code` names the whole country: "VN" (or "vn"), as coverage, progress and the
 * reports read it. */
bool cccd_code_is_nation(const char *code);

/* Coverage of the unit `code` (2, 3 or 5 digits; "VN" for the whole country, its children
 * the provinces) in force at `at`. *out owns its children
 * array: cccd_coverage_free. */
cccd_errc cccd_coverage_get(cccd_store *st, const cccd_units *u, const char *code, cccd_date at,
                            cccd_coverage *out, cccd_err *err);

void cccd_coverage_free(cccd_coverage *c);

/* The coverage as a new JSON object (owned by the caller): the unit's line (code, name,
 * residents, eligible, valid_card, in_progress, remaining, split), "at", and "children", a
 * line per child unit. The shape the CLI's --json and the HTTP API share. */
json_t *cccd_coverage_json(const cccd_coverage *c);

/* The registered unit versions (keys, as stored) that resolve into unit `home` at `at`:
 * the versions whose citizens the unit serves that day. *keys is owned by the caller (free
 * each string, then the array). */
cccd_errc cccd_coverage_sources(const cccd_units *u, const cccd_unit *home, cccd_date at,
                                char ***keys, size_t *n, cccd_err *err);

/* The same for every commune under root (root included, any level; NULL: the whole country)
 * in one pass over the versions: homes[i] (borrowed) is the commune in force on `at` that serves
 * keys[i]; in version order. *keys and *homes are owned by the caller (free each key, then both
 * arrays). */
cccd_errc cccd_coverage_sources_under(const cccd_units *u, const cccd_unit *root, cccd_date at,
                                      char ***keys, const cccd_unit ***homes, size_t *n,
                                      cccd_err *err);

#endif
