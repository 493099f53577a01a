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
    {"GET", "/api/v1/points/{id}/queue", CCCD_PERM_QUEUE_RUN, ep_queue_get,
     "a point's queue on a day, with waiting times"},
    {"POST", "/api/v1/points/{id}/queue", CCCD_PERM_QUEUE_RUN, ep_queue_checkin,
     "check a person in: by ticket or as a walk-in"},
    {"POST", "/api/v1/points/{id}/queue/next", CCCD_PERM_QUEUE_RUN, ep_queue_next,
     "call the next person waiting"},
    {"POST", "/api/v1/queue/{entry}/served", CCCD_PERM_QUEUE_RUN, ep_queue_served,
     "close a called entry as served"},
    {"POST", "/api/v1/queue/{entry}/no-show", CCCD_PERM_QUEUE_RUN, ep_queue_noshow,
     "close a called entry as a no-show: the ticket is withdrawn"},
};

const http_route *http_routes(size_t *n) {
    *n = sizeof routes / sizeof routes[0];
    return routes;
}
