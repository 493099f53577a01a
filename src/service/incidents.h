/*
 * incidents.h: difficulties a unit reports (a kit broken, the network down, a data error,
 * crowding, other) and their handling by the inspection team: assigned to someone, answered,
 * closed (docs/progress.md). Open incidents are listed with their age.
 *
 * Why this exists: the dashboard must show where work is blocked and for how long, and each
 * step must be on the record. Every change runs in one transaction with its audit entry
 * ("incident.report", "incident.assign", "incident.answer", "incident.close").
 *
 * Actors as in enrollment.h (role "": the machine, may do anything). Reporting needs
 * incident.report and the unit in the jurisdiction; assigning, answering and closing need
 * incident.handle and the incident's unit (brought to the unit in force) in the jurisdiction.
 * The states: open → assigned → answered → closed; assigning again is allowed until closed,
 * answering needs an assignee, closing is allowed from any state but closed.
 */
#ifndef CCCD_SERVICE_INCIDENTS_H
#define CCCD_SERVICE_INCIDENTS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/audit.h"
#include "core/date.h"
#include "core/units.h"
#include "store/store.h"
#include "store/store_campaigns.h"

/* Whether s is one of the kinds ("kit_broken", "network_down", "data_error", "crowding",
 * "other"). */
bool cccd_incident_kind_valid(const char *s);

/* Reports an incident at unit `code` (in force on today): kind, place and note (each
 * CCCD_E_ARG on its field when invalid, empty or too long; note may be empty). *out (may be
 * NULL) receives it. */
cccd_errc cccd_incident_report(cccd_store *st, const cccd_units *u, const char *code,
                               const char *kind, const char *place, const char *note,
                               cccd_date today, int64_t now, const cccd_actor *by,
                               cccd_incident *out, cccd_err *err);

typedef enum cccd_incident_step {
    CCCD_INCIDENT_ASSIGN, /* text: the assignee */
    CCCD_INCIDENT_ANSWER, /* text: the answer */
    CCCD_INCIDENT_CLOSE   /* text: a closing note (may be empty: the answer stays) */
} cccd_incident_step;

/* Takes incident id one step. CCCD_E_INCIDENT_UNKNOWN; CCCD_E_INCIDENT_STATE when it is
 * closed, or answered before being assigned; CCCD_E_ARG on "assignee" / "answer" when empty
 * or too long. *out (may be NULL) receives the incident after the step. */
cccd_errc cccd_incident_step_do(cccd_store *st, const cccd_units *u, int64_t id,
                                cccd_incident_step step, const char *text, cccd_date today,
                                int64_t now, const cccd_actor *by, cccd_incident *out,
                                cccd_err *err);

/* The incidents of unit `code`'s subtree on today (code NULL: all), by id; open_only: those
 * not closed. cb gets each with the unit in force it stands for and its age in seconds (now -
 * reported, or closed - reported once closed). */
typedef void (*cccd_incident_age_cb)(void *ctx, const cccd_incident *i, const cccd_unit *unit,
                                     int64_t age);
cccd_errc cccd_incidents_list(cccd_store *st, const cccd_units *u, const char *code, bool open_only,
                              cccd_date today, int64_t now, cccd_incident_age_cb cb, void *ctx,
                              cccd_err *err);

/* An incident as a new JSON object: id, unit (the code of `unit`, the unit in force it stands
 * for, or its stored key when NULL), unit_name (its name, or null), kind, state, place, note,
 * reported_by, reported_at (Unix seconds), assignee, answer, closed_at (or null),
 * age_seconds. */
json_t *cccd_incident_json(const cccd_incident *i, const cccd_unit *unit, int64_t age);

#endif
