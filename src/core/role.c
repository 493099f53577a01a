/*
 * role.c: the fixed table of what each role may do (see role.h). One table, read by the
 * server's checks, the tests and the documentation, so the three cannot disagree.
 */
#include "core/role.h"

#include <string.h>

static const char *const role_names[CCCD_ROLE__COUNT] = {
    [CCCD_ROLE_ADMIN] = "admin",           [CCCD_ROLE_COMMANDER] = "commander",
    [CCCD_ROLE_SUPERVISOR] = "supervisor", [CCCD_ROLE_OFFICER] = "officer",
    [CCCD_ROLE_PRODUCTION] = "production", [CCCD_ROLE_VIEWER] = "viewer",
};

static const char *const perm_names[CCCD_PERM__COUNT] = {
    [CCCD_PERM_UNITS_READ] = "units.read",
    [CCCD_PERM_COVERAGE_READ] = "coverage.read",
    [CCCD_PERM_PERSON_READ] = "person.read",
    [CCCD_PERM_ACCOUNTS_MANAGE] = "accounts.manage",
    [CCCD_PERM_PLAN_MANAGE] = "plan.manage",
    [CCCD_PERM_QUEUE_RUN] = "queue.run",
    [CCCD_PERM_APPLICATION_READ] = "application.read",
    [CCCD_PERM_APPLICATION_WRITE] = "application.write",
    [CCCD_PERM_APPLICATION_APPROVE] = "application.approve",
    [CCCD_PERM_PRODUCTION_RUN] = "production.run",
    [CCCD_PERM_CAMPAIGN_MANAGE] = "campaign.manage",
    [CCCD_PERM_PROGRESS_READ] = "progress.read",
    [CCCD_PERM_INCIDENT_REPORT] = "incident.report",
    [CCCD_PERM_INCIDENT_HANDLE] = "incident.handle",
};

/* may[role][perm]. The admin manages accounts but never sees a person's data; the card
 * centre (production) reads units and the applications it produces; a viewer sees aggregates
 * only; commanders plan and read applications, officers and supervisors run the queue at a
 * point; the officer does the desk's work on applications, the supervisor approves. The
 * commander sets quotas and campaigns and handles incidents (the inspection team); progress
 * (counts only) is read by commanders, supervisors and viewers; the desk and its supervisor
 * and the commander report incidents. */
static const bool may[CCCD_ROLE__COUNT][CCCD_PERM__COUNT] = {
    [CCCD_ROLE_ADMIN] = {[CCCD_PERM_UNITS_READ] = true, [CCCD_PERM_ACCOUNTS_MANAGE] = true},
    [CCCD_ROLE_COMMANDER] = {[CCCD_PERM_UNITS_READ] = true,
                             [CCCD_PERM_COVERAGE_READ] = true,
                             [CCCD_PERM_PERSON_READ] = true,
                             [CCCD_PERM_PLAN_MANAGE] = true,
                             [CCCD_PERM_APPLICATION_READ] = true,
                             [CCCD_PERM_CAMPAIGN_MANAGE] = true,
                             [CCCD_PERM_PROGRESS_READ] = true,
                             [CCCD_PERM_INCIDENT_REPORT] = true,
                             [CCCD_PERM_INCIDENT_HANDLE] = true},
    [CCCD_ROLE_SUPERVISOR] = {[CCCD_PERM_UNITS_READ] = true,
                              [CCCD_PERM_COVERAGE_READ] = true,
                              [CCCD_PERM_PERSON_READ] = true,
                              [CCCD_PERM_QUEUE_RUN] = true,
                              [CCCD_PERM_APPLICATION_READ] = true,
                              [CCCD_PERM_APPLICATION_APPROVE] = true,
                              [CCCD_PERM_PROGRESS_READ] = true,
                              [CCCD_PERM_INCIDENT_REPORT] = true},
    [CCCD_ROLE_OFFICER] = {[CCCD_PERM_UNITS_READ] = true,
                           [CCCD_PERM_COVERAGE_READ] = true,
                           [CCCD_PERM_PERSON_READ] = true,
                           [CCCD_PERM_QUEUE_RUN] = true,
                           [CCCD_PERM_APPLICATION_READ] = true,
                           [CCCD_PERM_APPLICATION_WRITE] = true,
                           [CCCD_PERM_INCIDENT_REPORT] = true},
    [CCCD_ROLE_PRODUCTION] = {[CCCD_PERM_UNITS_READ] = true,
                              [CCCD_PERM_APPLICATION_READ] = true,
                              [CCCD_PERM_PRODUCTION_RUN] = true},
    [CCCD_ROLE_VIEWER] = {[CCCD_PERM_UNITS_READ] = true,
                          [CCCD_PERM_COVERAGE_READ] = true,
                          [CCCD_PERM_PROGRESS_READ] = true},
};

const char *cccd_role_name(cccd_role r) {
    return (unsigned)r < CCCD_ROLE__COUNT ? role_names[r] : "?";
}

bool cccd_role_parse(const char *s, cccd_role *out) {
    for (int r = 0; s && r < CCCD_ROLE__COUNT; r++)
        if (strcmp(s, role_names[r]) == 0) {
            *out = (cccd_role)r;
            return true;
        }
    return false;
}

bool cccd_role_may(cccd_role r, cccd_perm p) {
    return (unsigned)r < CCCD_ROLE__COUNT && (unsigned)p < CCCD_PERM__COUNT && may[r][p];
}

const char *cccd_perm_name(cccd_perm p) {
    return (unsigned)p < CCCD_PERM__COUNT ? perm_names[p] : "?";
}
