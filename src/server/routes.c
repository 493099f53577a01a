/*
 * routes.c: every route the server answers, with the permission it needs and a line for the
 * documentation. docs/api.md documents each one; tests/cli/api.t checks that the two agree.
 */
#include "server/http.h"

static const http_route routes[] = {
    {"GET", "/healthz", HTTP_PUBLIC, ep_healthz, "whether the server and its database answer"},
    {"GET", "/metrics", HTTP_PUBLIC, ep_metrics, "counters in the Prometheus text format"},
    {"POST", "/api/v1/login", HTTP_PUBLIC, ep_login, "log in: a bearer token for 12 hours"},
    {"POST", "/api/v1/logout", HTTP_SIGNED_IN, ep_logout, "end the session of this token"},
    {"GET", "/api/v1/me", HTTP_SIGNED_IN, ep_me, "the account behind this token"},
    {"GET", "/api/v1/units", CCCD_PERM_UNITS_READ, ep_units_list,
     "the unit tree, one level at a time"},
    {"GET", "/api/v1/units/{code}/resolve", CCCD_PERM_UNITS_READ, ep_units_resolve,
     "the unit(s) an old code stands for at a date"},
    {"GET", "/api/v1/units/{code}/coverage", CCCD_PERM_COVERAGE_READ, ep_coverage,
     "how far a unit has come, with a line per child unit"},
    {"GET", "/api/v1/units/{code}/remaining", CCCD_PERM_PERSON_READ, ep_remaining,
     "the residents who still need a card, page by page"},
    {"GET", "/api/v1/units/{code}/citizens", CCCD_PERM_PERSON_READ, ep_citizens_search,
     "residents of a unit whose name starts with a key"},
    {"GET", "/api/v1/citizens/{id}", CCCD_PERM_PERSON_READ, ep_citizen_get, "one citizen's record"},
    {"GET", "/api/v1/users", CCCD_PERM_ACCOUNTS_MANAGE, ep_users_list,
     "the accounts in this jurisdiction"},
    {"POST", "/api/v1/users", CCCD_PERM_ACCOUNTS_MANAGE, ep_users_add, "add an account"},
    {"POST", "/api/v1/users/{name}/disable", CCCD_PERM_ACCOUNTS_MANAGE, ep_user_disable,
     "disable an account: its sessions end at once"},
    {"POST", "/api/v1/users/{name}/enable", CCCD_PERM_ACCOUNTS_MANAGE, ep_user_enable,
     "enable a disabled account"},
    {"PUT", "/api/v1/users/{name}/password", CCCD_PERM_ACCOUNTS_MANAGE, ep_user_password,
     "set an account's password: its sessions end"},
    /* points, shifts, kits, officers, plans and tickets (docs/planning.md) */
    {"GET", "/api/v1/units/{code}/points", CCCD_PERM_COVERAGE_READ, ep_points_list,
     "the points of service of a unit and the units under it"},
    {"POST", "/api/v1/units/{code}/points", CCCD_PERM_PLAN_MANAGE, ep_points_add,
     "add a point of service: fixed, mobile or home-visit"},
    {"GET", "/api/v1/points/{id}/shifts", CCCD_PERM_COVERAGE_READ, ep_point_shifts,
     "a point's shifts day by day, with kits and capacity"},
    {"PUT", "/api/v1/points/{id}/shifts/{no}", CCCD_PERM_PLAN_MANAGE, ep_shift_set,
     "set one of a point's daily shifts"},
    {"DELETE", "/api/v1/points/{id}/shifts/{no}", CCCD_PERM_PLAN_MANAGE, ep_shift_remove,
     "remove one of a point's daily shifts"},
    {"PUT", "/api/v1/points/{id}/days/{date}", CCCD_PERM_PLAN_MANAGE, ep_shift_day,
     "one day's exception: closed, or a shift with other times"},
    {"GET", "/api/v1/points/{id}/staff", CCCD_PERM_COVERAGE_READ, ep_staff_list,
     "the officers assigned to a point over a range of days"},
    {"POST", "/api/v1/points/{id}/staff", CCCD_PERM_PLAN_MANAGE, ep_staff_assign,
     "assign an officer to a point, with dates"},
    {"POST", "/api/v1/points/{id}/staff/{assignment}/end", CCCD_PERM_PLAN_MANAGE, ep_staff_end,
     "end an officer's assignment to a point"},
    {"POST", "/api/v1/kits", CCCD_PERM_PLAN_MANAGE, ep_kits_add, "register an enrollment kit"},
    {"GET", "/api/v1/kits/{serial}", CCCD_PERM_COVERAGE_READ, ep_kit_get,
     "where a kit is and its state, with its history"},
    {"POST", "/api/v1/kits/{serial}/moves", CCCD_PERM_PLAN_MANAGE, ep_kit_move,
     "move a kit to a point or to a unit"},
    {"POST", "/api/v1/kits/{serial}/state", CCCD_PERM_PLAN_MANAGE, ep_kit_state,
     "a kit breaks, is mended or travels"},
    {"POST", "/api/v1/units/{code}/plan", CCCD_PERM_PLAN_MANAGE, ep_plan,
     "plan a unit's appointments over a range of days"},
    {"GET", "/api/v1/units/{code}/tickets", CCCD_PERM_PERSON_READ, ep_tickets,
     "the tickets of a unit's people, as JSON or CSV"},
    {"GET", "/api/v1/public/schedule", HTTP_PUBLIC, ep_public_schedule,
     "where and when a unit's points serve, day by day"},
    {"GET", "/api/v1/public/schedule.atom", HTTP_PUBLIC, ep_public_schedule_atom,
     "the coming days of a unit's mobile teams as an Atom feed"},
    {"POST", "/api/v1/public/appointment", HTTP_PUBLIC, ep_public_appointment,
     "a citizen's own appointment, by personal ID and date of birth"},
};

const http_route *http_routes(size_t *n) {
    *n = sizeof routes / sizeof routes[0];
    return routes;
}
