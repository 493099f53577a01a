/*
 * jurisdiction.h: where an account may act: the subtree of the unit its role is held at.
 *
 * Units change (the 2025 reform merged communes and dropped districts), so both the account's
 * unit and a citizen's registered unit are resolved to the units in force on the day of the
 * request before they are compared: an officer of a commune that merged serves the merged
 * commune, and a citizen registered under an old code is in the jurisdiction of whoever holds
 * the unit that code resolves to today.
 */
#ifndef CCCD_SERVICE_JURISDICTION_H
#define CCCD_SERVICE_JURISDICTION_H

#include <stdbool.h>

#include "core/date.h"
#include "core/units.h"

#define CCCD_SCOPE_MAX 8

/* The units in force at a date that an account's unit stands for. */
typedef struct cccd_scope {
    bool nation;                            /* "VN": everything */
    const cccd_unit *units[CCCD_SCOPE_MAX]; /* borrowed from the unit set */
    size_t n;
} cccd_scope;

/* The scope of an account held at unit_key (a stored unit key, or "VN") on `at`.
 * CCCD_E_UNIT_NOT_IN_FORCE when the unit has no successor in force then (the account covers
 * nothing: the caller refuses everything). */
cccd_errc cccd_scope_get(const cccd_units *u, const char *unit_key, cccd_date at, cccd_scope *out,
                         cccd_err *err);

/* Whether unit (a version in force at the scope's date) lies in the scope: it is one of the
 * scope's units or below one of them. */
bool cccd_scope_contains(const cccd_scope *s, const cccd_unit *unit);

/* Whether a citizen registered under unit_key (a stored key) lies in the scope on `at`: any of
 * the units the key resolves to then. An unknown key is outside every scope but the nation. */
bool cccd_scope_contains_key(const cccd_units *u, const cccd_scope *s, const char *unit_key,
                             cccd_date at);

/* The unit version a stored key names ("CODE@" or "CODE@YYYY-MM-DD"), or NULL. */
const cccd_unit *cccd_units_by_key(const cccd_units *u, const char *key);

/* The unit in force on `at` that a stored key stands for: its own version while in force,
 * else the first unit its area went to (a merged commune's successor); NULL when the key is
 * unknown or its area went nowhere. */
const cccd_unit *cccd_unit_now(const cccd_units *u, const char *key, cccd_date at);

#endif
