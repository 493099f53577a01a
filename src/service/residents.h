/*
 * residents.h: the people a unit serves on a date, read page by page: the registered unit
 * versions behind a unit (a commune that merged brings its old versions along), the list of who
 * still needs a card with a cursor that survives any residential group or household name, and
 * search by name key. The command line (coverage --remaining, registry find) and the HTTP API
 * share it, so a cursor printed by one is accepted by the other.
 */
#ifndef CCCD_SERVICE_RESIDENTS_H
#define CCCD_SERVICE_RESIDENTS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/units.h"
#include "store/store.h"

/* The stored unit keys whose citizens a unit serves on a date. */
typedef struct cccd_unit_keys {
    const cccd_unit *unit; /* the unit asked for, in force at the date (borrowed) */
    char **v;              /* owned */
    size_t n;
} cccd_unit_keys;

/* The keys of every registered commune version whose citizens the unit `code` (any level) serves
 * on `at`. *out is released with cccd_unit_keys_free (also after a failure). */
cccd_errc cccd_unit_keys_get(const cccd_units *u, const char *code, cccd_date at,
                             cccd_unit_keys *out, cccd_err *err);
void cccd_unit_keys_free(cccd_unit_keys *k);

/* A cursor is "KEY|GROUP|HOUSEHOLD|ID", each part with '%', '|' and control characters written
 * as %XX. */
#define CCCD_CURSOR_MAX 4096

/* One page of the people of `keys` who still need a card on `day` (days since 1970-01-01),
 * after `after` (a cursor from an earlier page; NULL: from the start), at most limit. Each is
 * handed to cb. *next receives the cursor of the last one handed out, *more whether the page
 * was full (there may be more). A cursor that does not parse or belongs to another unit or date
 * is CCCD_E_ARG on field "after". */
cccd_errc cccd_remaining_page(cccd_store *st, const cccd_unit_keys *keys, int64_t day,
                              const char *after, int limit, cccd_store_record_cb cb, void *ctx,
                              char next[CCCD_CURSOR_MAX], bool *more, cccd_err *err);

/* Citizens of `keys` whose name key starts with key_prefix, at most limit, key by key. */
cccd_errc cccd_residents_find(cccd_store *st, const cccd_unit_keys *keys, const char *key_prefix,
                              int limit, cccd_store_record_cb cb, void *ctx, cccd_err *err);

/* A new JSON object with every field of a stored record (owned by the caller). */
json_t *cccd_record_json(const cccd_store_record *r);

#endif
