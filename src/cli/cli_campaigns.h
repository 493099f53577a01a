/*
 * cli_campaigns.h: what the quota, campaign, progress and incident commands share: opening
 * the store with the unit set, the clock and the actor, and printing a quota, a campaign and
 * an incident.
 */
#ifndef CCCD_CLI_CLI_CAMPAIGNS_H
#define CCCD_CLI_CLI_CAMPAIGNS_H

#include <jansson.h>
#include <stdbool.h>

#include "core/audit.h"
#include "core/units.h"
#include "service/incidents.h"
#include "store/store.h"
#include "store/store_campaigns.h"

/* What a command works with: the store and units (owned: cli_camp_close), today and now (the
 * clock of cli_queue_clock: CCCD_TODAY, CCCD_NOW), the local actor. */
typedef struct cli_camp {
    cccd_store *st;
    cccd_units *u;
    cccd_date today;
    int64_t now;
    cccd_actor by;
    char name[64];
} cli_camp;

/* Opens db and loads the units. Returns -1 to go on, or the exit code after printing why. */
int cli_camp_open(cli_camp *c, const char *db);
void cli_camp_close(cli_camp *c);

/* A full date of an option (YYYY-MM-DD): -1 to go on, or 1 after printing why. */
int cli_camp_date(const char *s, const char *opt, cccd_date *out);

/* An incident as JSON, with its unit shown through u and its age in seconds (< 0: none). */
json_t *cli_incident_json(const cccd_units *u, const cccd_incident *i, int64_t age);
/* One line: id, state, kind, unit, place, age, assignee, note/answer. */
void cli_incident_print(const cccd_units *u, const cccd_incident *i, int64_t age);

/* One step of incident id_arg (the command's argument) with text, run by the local actor on
 * db, and the incident printed after it (json: as JSON): what `incident assign`, `answer` and
 * `close` do. Returns the exit code. */
int cli_incident_step(const char *db, const char *id_arg, cccd_incident_step step, const char *text,
                      bool json);

/* A campaign as JSON and as one line. */
json_t *cli_campaign_json(const cccd_units *u, const cccd_campaign *c);
void cli_campaign_print(const cccd_units *u, const cccd_campaign *c);

#endif
