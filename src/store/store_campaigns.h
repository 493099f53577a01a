/*
 * store_campaigns.h: quotas, campaigns and incidents in the database (migration 0011), and
 * the daily application figures over a range of days. Rows only: who may set a quota, how a
 * quota follows boundary changes, how progress and the forecast are computed are the
 * services' (service/quotas.h, service/progress.h, service/incidents.h), which run these
 * inside their transactions.
 */
#ifndef CCCD_STORE_STORE_CAMPAIGNS_H
#define CCCD_STORE_STORE_CAMPAIGNS_H

#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"
#include "store/store_applications.h"

typedef struct cccd_quota {
    int64_t id;
    char unit_key[CCCD_UNIT_KEY_LEN]; /* the unit version it was given to */
    int64_t target;                   /* applications to receive */
    int64_t deadline;                 /* the last day (days since 1970-01-01) */
    char set_by[CCCD_APP_ACTOR_LEN];
    int64_t set_at; /* Unix seconds */
    bool current;   /* false: replaced by a later one (history) */
} cccd_quota;

#define CCCD_CAMPAIGN_NAME_LEN 128
typedef struct cccd_campaign {
    int64_t id;
    char name[CCCD_CAMPAIGN_NAME_LEN];
    char unit_key[CCCD_UNIT_KEY_LEN]; /* the subtree's unit version */
    int64_t from_day, to_day;         /* inclusive */
    int64_t target;
    char created_by[CCCD_APP_ACTOR_LEN];
    int64_t created_at;
} cccd_campaign;

#define CCCD_INCIDENT_TEXT_LEN 512
typedef struct cccd_incident {
    int64_t id;
    char unit_key[CCCD_UNIT_KEY_LEN];
    char kind[16];  /* kit_broken, network_down, data_error, crowding, other */
    char state[12]; /* open, assigned, answered, closed */
    char place[CCCD_INCIDENT_TEXT_LEN];
    char note[CCCD_INCIDENT_TEXT_LEN];
    char reported_by[CCCD_APP_ACTOR_LEN];
    int64_t reported_at;
    char assignee[CCCD_APP_ACTOR_LEN]; /* "" until assigned */
    char answer[CCCD_INCIDENT_TEXT_LEN];
    int64_t closed_at; /* 0: not closed */
} cccd_incident;

/* Makes q the current quota of its unit: the current one (if any) becomes history. q->id is
 * filled. */
cccd_errc cccd_store_quota_set(cccd_store *st, cccd_quota *q, cccd_err *err);

/* Makes the current quota of unit_key (if any) history, with no new one. */
cccd_errc cccd_store_quota_retire(cccd_store *st, const char *unit_key, cccd_err *err);

typedef void (*cccd_quota_cb)(void *ctx, const cccd_quota *q);
/* Every current quota (of every unit version), by unit key. */
cccd_errc cccd_store_quotas_current(cccd_store *st, cccd_quota_cb cb, void *ctx, cccd_err *err);
/* Every quota ever given to unit_key, oldest first. */
cccd_errc cccd_store_quota_history(cccd_store *st, const char *unit_key, cccd_quota_cb cb,
                                   void *ctx, cccd_err *err);

/* Inserts c (id filled). */
cccd_errc cccd_store_campaign_add(cccd_store *st, cccd_campaign *c, cccd_err *err);
typedef void (*cccd_campaign_cb)(void *ctx, const cccd_campaign *c);
/* Every campaign, by id. */
cccd_errc cccd_store_campaigns(cccd_store *st, cccd_campaign_cb cb, void *ctx, cccd_err *err);

/* Inserts i (id filled; state, assignee, answer and closed_at as given). */
cccd_errc cccd_store_incident_add(cccd_store *st, cccd_incident *i, cccd_err *err);
cccd_errc cccd_store_incident_get(cccd_store *st, int64_t id, cccd_incident *out, bool *found,
                                  cccd_err *err);
/* Writes i's state, assignee, answer and closed_at. */
cccd_errc cccd_store_incident_update(cccd_store *st, const cccd_incident *i, cccd_err *err);
typedef void (*cccd_incident_cb)(void *ctx, const cccd_incident *i);
/* Every incident by id (open_only: those not closed); the service places them in the tree. */
cccd_errc cccd_store_incidents(cccd_store *st, bool open_only, cccd_incident_cb cb, void *ctx,
                               cccd_err *err);

#endif
