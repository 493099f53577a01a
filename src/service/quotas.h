/*
 * quotas.h: quotas and campaigns (docs/progress.md). A quota is a target count of
 * applications received and a deadline, given to a unit by a commander of a unit above it;
 * a parent's quota is split over its children by eligible population or by hand. A campaign
 * is a named period over a unit's subtree with its own target.
 *
 * Why this exists: targets are set by people with authority over a unit and must survive the
 * boundary changes of the 2025 reform. Quotas are stored on the unit version they were given
 * to; reading one brings every current quota to the unit in force on the day asked
 * (cccd_unit_now), so the quotas of communes that merged add up in the merged commune. Every
 * change runs in one transaction with its audit entry ("quota.set", "quota.split",
 * "campaign.add").
 *
 * Actors as in enrollment.h: role "" is the machine (the command line) and may do anything;
 * an account needs campaign.manage, and its jurisdiction must hold the unit's parent (a unit
 * never sets its own quota; the nation's accounts set the provinces').
 */
#ifndef CCCD_SERVICE_QUOTAS_H
#define CCCD_SERVICE_QUOTAS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/audit.h"
#include "core/date.h"
#include "core/units.h"
#include "store/store.h"
#include "store/store_campaigns.h"

/* Whether `by` (an account; the machine always may) holds `unit` (in force on `today`) in its
 * jurisdiction: below_only asks for a unit strictly below the account's own. CCCD_E_FORBIDDEN
 * with field "unit" otherwise. */
cccd_errc cccd_actor_reaches(const cccd_units *u, const cccd_actor *by, const cccd_unit *unit,
                             cccd_date today, bool below_only, cccd_err *err);

/* Whether unit a is b or lies below it (following parent links). */
bool cccd_unit_within(const cccd_unit *a, const cccd_unit *b);

/* Gives unit `code` (in force on `today`) the quota target by deadline (the last day). The
 * unit's current quota, and the current quotas of the old units that resolve into it, become
 * history. *out (may be NULL) receives the stored row. CCCD_E_ARG on "target" (negative) or
 * "deadline" (before today). Audited "quota.set". */
cccd_errc cccd_quota_set(cccd_store *st, const cccd_units *u, const char *code, int64_t target,
                         cccd_date deadline, cccd_date today, int64_t now, const cccd_actor *by,
                         cccd_quota *out, cccd_err *err);

/* The quota of a unit in force on `today`: the sum of the current quotas of every unit version
 * that resolves to it then (itself, and the communes merged into it), with the latest of
 * their deadlines. */
typedef struct cccd_quota_view {
    bool set;         /* false: no quota reaches the unit */
    int64_t target;   /* summed */
    int64_t deadline; /* days; the latest */
    int nsources;     /* how many stored quotas were added up */
} cccd_quota_view;
cccd_errc cccd_quota_of(cccd_store *st, const cccd_units *u, const cccd_unit *unit, cccd_date today,
                        cccd_quota_view *out, cccd_err *err);

/* The same for many units at once (one read of the stored quotas): out[i] for units[i]. */
cccd_errc cccd_quota_of_many(cccd_store *st, const cccd_units *u, const cccd_unit *const *units,
                             size_t n, cccd_date today, cccd_quota_view *out, cccd_err *err);

/* A line of a split by hand: a child's code and its target. */
typedef struct cccd_split_in {
    char code[6];
    int64_t target;
} cccd_split_in;

typedef struct cccd_split_line {
    const cccd_unit *unit; /* borrowed from the unit set */
    int64_t eligible;      /* the coverage's eligible residents on the day (by eligible) */
    int64_t target;
} cccd_split_line;

typedef struct cccd_split {
    int64_t parent_target, deadline, sum;
    cccd_split_line *v; /* owned: cccd_split_free */
    size_t n;
    bool short_of_parent; /* the warning: sum < parent_target */
    char warning[256];    /* "" when none */
} cccd_split;

/* Splits the quota of unit `code` over its children in force on `today`, each getting the
 * parent's deadline. by_hand NULL: in proportion to their eligible residents (largest
 * remainders, so the sum is the parent's target); otherwise the n lines given, each a child
 * of the unit (CCCD_E_QUOTA_SCOPE on "code" otherwise, or when listed twice); children not
 * listed keep what they had. A sum short of the parent's target is a warning in *out, not an
 * error. CCCD_E_QUOTA_UNKNOWN when the unit has no quota; CCCD_E_ARG on "by" when by eligible
 * and no child has an eligible resident. Audited "quota.split". */
cccd_errc cccd_quota_split(cccd_store *st, const cccd_units *u, const char *code,
                           const cccd_split_in *by_hand, size_t n, cccd_date today, int64_t now,
                           const cccd_actor *by, cccd_split *out, cccd_err *err);
void cccd_split_free(cccd_split *s);

/* Adds a campaign `name` over unit `code`'s subtree from `from` to `to` (inclusive, every day
 * counted) with target. Needs campaign.manage and the unit in the jurisdiction. CCCD_E_ARG on
 * "name" (empty or too long), "to" (before from), "target" (negative). Audited
 * "campaign.add". */
cccd_errc cccd_campaign_add(cccd_store *st, const cccd_units *u, const char *name, const char *code,
                            cccd_date from, cccd_date to, int64_t target, cccd_date today,
                            int64_t now, const cccd_actor *by, cccd_campaign *out, cccd_err *err);

/* The campaigns that concern unit `code` on `today` (code NULL: all): over the unit or one
 * above it, or over a unit below it; each with the unit in force it stands for now (NULL when
 * its area went nowhere). */
typedef void (*cccd_campaign_unit_cb)(void *ctx, const cccd_campaign *c, const cccd_unit *unit);
cccd_errc cccd_campaigns_list(cccd_store *st, const cccd_units *u, const char *code,
                              cccd_date today, cccd_campaign_unit_cb cb, void *ctx, cccd_err *err);

/* A campaign as a new JSON object: id, name, unit (the code of `unit`, the unit in force it
 * stands for, or its stored key when NULL), from, to, target, created_by. */
json_t *cccd_campaign_json(const cccd_campaign *c, const cccd_unit *unit);

#endif
