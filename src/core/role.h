/*
 * role.h: the roles an account holds and what each may do.
 *
 * Why this exists: every request is checked twice, once for what the role may do at all
 * (this file: a fixed table, the same for every unit) and once for where (the jurisdiction:
 * the subtree of the unit the role is held at, service/jurisdiction.h). Keeping the table in
 * one place lets the test matrix and the API documentation read it instead of repeating it.
 */
#ifndef CCCD_CORE_ROLE_H
#define CCCD_CORE_ROLE_H

#include <stdbool.h>

typedef enum cccd_role {
    CCCD_ROLE_ADMIN = 0,  /* accounts and units; never a person's data */
    CCCD_ROLE_COMMANDER,  /* a unit's quotas, plans and reports; reads within its subtree */
    CCCD_ROLE_SUPERVISOR, /* approves and overrides at its unit */
    CCCD_ROLE_OFFICER,    /* the desk work at its unit or point */
    CCCD_ROLE_PRODUCTION, /* the card centre */
    CCCD_ROLE_VIEWER,     /* aggregates only, never a person's data */
    CCCD_ROLE__COUNT
} cccd_role;

/* What can be asked for. A role either may or may not; where is the jurisdiction's concern. */
typedef enum cccd_perm {
    CCCD_PERM_UNITS_READ = 0,      /* the unit tree, resolving codes */
    CCCD_PERM_COVERAGE_READ,       /* counts per unit: no person in them */
    CCCD_PERM_PERSON_READ,         /* a citizen's record, name search, the list of who remains */
    CCCD_PERM_ACCOUNTS_MANAGE,     /* add, list, disable accounts, set their passwords */
    CCCD_PERM_PLAN_MANAGE,         /* points, kits, shifts, officers at points, plans, tickets */
    CCCD_PERM_QUEUE_RUN,           /* the queue at a point: check-in, call next, served, no-show */
    CCCD_PERM_APPLICATION_READ,    /* an application, its events, a unit's list of them */
    CCCD_PERM_APPLICATION_WRITE,   /* the desk: open, correct, submit, receive, deliver */
    CCCD_PERM_APPLICATION_APPROVE, /* approve, reject, corrections and finger exceptions */
    CCCD_PERM_PRODUCTION_RUN,      /* the card centre: in production, produced, dispatched */
    CCCD_PERM_CAMPAIGN_MANAGE,     /* quotas and campaigns of the units below its own */
    CCCD_PERM_PROGRESS_READ,       /* progress against quotas, rankings, open incidents: counts */
    CCCD_PERM_INCIDENT_REPORT,     /* report a difficulty at a unit (kit, network, crowding) */
    CCCD_PERM_INCIDENT_HANDLE,     /* the inspection team: assign, answer, close an incident */
    CCCD_PERM__COUNT
} cccd_perm;

/* "admin", "commander", ...; "?" outside the enum. */
const char *cccd_role_name(cccd_role r);

/* Parses a role name (exact, lower case). */
bool cccd_role_parse(const char *s, cccd_role *out);

/* Whether role r may do p (anywhere in its jurisdiction). */
bool cccd_role_may(cccd_role r, cccd_perm p);

/* "units.read", "coverage.read", "person.read", "accounts.manage", "plan.manage",
 * "queue.run", "application.read", "application.write", "application.approve",
 * "production.run", "campaign.manage", "progress.read", "incident.report", "incident.handle". */
const char *cccd_perm_name(cccd_perm p);

#endif
