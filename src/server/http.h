/*
 * http.h: what an endpoint sees of a request and gives back, internal to src/server.
 *
 * Each endpoint lives in its own file (ep_*.c) as one function taking the parsed request and
 * filling the response. The request carries everything it may need, borrowed: the database
 * connection lent for this request, the shared unit tree, the audit log, who is asking and
 * where their jurisdiction lies, today's date. Endpoints never touch libmicrohttpd.
 */
#ifndef CCCD_SERVER_HTTP_H
#define CCCD_SERVER_HTTP_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/error.h"
#include "core/role.h"
#include "core/units.h"
#include "server/metrics.h"
#include "server/server.h"
#include "server/throttle.h"
#include "service/audit_log.h"
#include "service/jurisdiction.h"
#include "store/store.h"
#include "service/outreach.h"
#include "store/store_accounts.h"
#include "store/store_points.h"
#include "store/store_applications.h"
#include "store/store_queue.h"
#include "service/enrollment.h"

#define HTTP_MAX_PARAMS 3

typedef struct http_req http_req;

/* A query-string argument by name (decoded), NULL when absent; borrowed for the request. */
typedef const char *(*http_query_fn)(const http_req *rq, const char *name);

struct http_req {
    const char *method;
    const char *path;                    /* decoded, without the query */
    const char *params[HTTP_MAX_PARAMS]; /* the {name} parts of the route, in order */
    size_t nparams;
    const char *body; /* NUL-terminated; NULL when there is none */
    size_t body_len;
    const char *remote; /* the client's address */
    const char *token;  /* the bearer token presented, NULL when none */
    http_query_fn query;
    void *impl; /* for query: the libmicrohttpd connection */
    /* set before the endpoint runs: */
    cccd_store *st;                 /* lent for this request */
    const cccd_units *units;        /* shared, read-only; NULL when no units were imported */
    cccd_audit_log *audit;          /* shared */
    const cccd_server_config *cfg;  /* shared */
    cccd_server_metrics *metrics;   /* shared */
    cccd_store_group *group;        /* shared: the commit grouper (SQLite), or NULL */
    login_throttle *throttle;       /* shared: failed logins per address */
    login_throttle *lookups;        /* shared: public appointment lookups per address */
    const char *const *route_names; /* "GET /api/v1/...", by route index, for /metrics */
    bool draining;
    cccd_date today; /* the day in Vietnam */
    int64_t now;     /* Unix seconds */
    /* for a route that needs a permission: who asks, and where they may look */
    const cccd_account *account;
    cccd_scope scope;
    bool scope_ok; /* false: the account's unit resolves to nothing today */
    /* set by the server: hands a read's audit entries over without blocking the thread (the
     * answer is held back until they are committed); false when they cannot be taken */
    bool (*audit_defer)(http_req *rq, const cccd_audit_entry *e, size_t n);
    void *audit_ctx;
};

typedef struct http_resp {
    int status;
    char *body; /* owned (malloc) */
    size_t len;
    const char *content_type; /* static */
    char allow[48];           /* Allow header for 405 ("" none) */
    int64_t retry_after;      /* seconds, for 429/503 (0 none) */
    bool www_authenticate;    /* a 401: ask for a bearer token */
    bool no_store;            /* Cache-Control: no-store (API answers) */
    char etag[40];            /* static files */
    char disposition[160];    /* Content-Disposition ("" none): a file to save */
    bool db_failed;           /* the database failed: count it, renew the connection */
    char log_detail[256];     /* what failed, for the server's log only ("" none) */
} http_resp;

typedef void (*http_handler)(http_req *rq, http_resp *rs);

/* The permission a route needs: a cccd_perm, or one of these. */
enum { HTTP_PUBLIC = -1, HTTP_SIGNED_IN = -2 };

typedef struct http_route {
    const char *method, *pattern;
    int perm; /* cccd_perm, HTTP_PUBLIC or HTTP_SIGNED_IN */
    http_handler fn;
    const char *summary;
} http_route;

/* The route table (routes.c), in documentation order. */
const http_route *http_routes(size_t *n);

/* The web UI's files (static_files.c): GET/HEAD of path under cfg->web_dir. */
void http_static(const cccd_server_config *cfg, const char *path, const char *if_none_match,
                 http_resp *rs);

/* The endpoints, one per file (ep_*.c). */
void ep_healthz(http_req *rq, http_resp *rs);
void ep_metrics(http_req *rq, http_resp *rs);
void ep_login(http_req *rq, http_resp *rs);
void ep_logout(http_req *rq, http_resp *rs);
void ep_me(http_req *rq, http_resp *rs);
void ep_units_list(http_req *rq, http_resp *rs);
void ep_units_resolve(http_req *rq, http_resp *rs);
void ep_coverage(http_req *rq, http_resp *rs);
void ep_remaining(http_req *rq, http_resp *rs);
void ep_citizens_search(http_req *rq, http_resp *rs);
void ep_citizen_get(http_req *rq, http_resp *rs);
void ep_users_list(http_req *rq, http_resp *rs);
void ep_users_add(http_req *rq, http_resp *rs);
void ep_user_disable(http_req *rq, http_resp *rs);
void ep_user_enable(http_req *rq, http_resp *rs);
void ep_user_password(http_req *rq, http_resp *rs);
void ep_points_list(http_req *rq, http_resp *rs);
void ep_points_add(http_req *rq, http_resp *rs);
void ep_point_shifts(http_req *rq, http_resp *rs);
void ep_shift_set(http_req *rq, http_resp *rs);
void ep_shift_remove(http_req *rq, http_resp *rs);
void ep_shift_day(http_req *rq, http_resp *rs);
void ep_kits_add(http_req *rq, http_resp *rs);
void ep_kit_get(http_req *rq, http_resp *rs);
void ep_kit_move(http_req *rq, http_resp *rs);
void ep_kit_state(http_req *rq, http_resp *rs);
void ep_staff_list(http_req *rq, http_resp *rs);
void ep_staff_assign(http_req *rq, http_resp *rs);
void ep_staff_end(http_req *rq, http_resp *rs);
void ep_plan(http_req *rq, http_resp *rs);
void ep_tickets(http_req *rq, http_resp *rs);
void ep_tickets_pdf(http_req *rq, http_resp *rs);
void ep_application_portrait(http_req *rq, http_resp *rs);
void ep_application_finger(http_req *rq, http_resp *rs);
void ep_application_finger_confirm(http_req *rq, http_resp *rs);
/* the public schedule and appointment lookup (docs/planning.md) */
void ep_public_schedule(http_req *rq, http_resp *rs);
void ep_public_schedule_atom(http_req *rq, http_resp *rs);
void ep_public_appointment(http_req *rq, http_resp *rs);
void ep_queue_get(http_req *rq, http_resp *rs);
void ep_queue_checkin(http_req *rq, http_resp *rs);
void ep_queue_next(http_req *rq, http_resp *rs);
void ep_queue_served(http_req *rq, http_resp *rs);
void ep_queue_noshow(http_req *rq, http_resp *rs);
/* applications (docs/enrollment.md) */
void ep_applications_open(http_req *rq, http_resp *rs);
void ep_application_get(http_req *rq, http_resp *rs);
void ep_application_submit(http_req *rq, http_resp *rs);
void ep_application_approve(http_req *rq, http_resp *rs);
void ep_application_reject(http_req *rq, http_resp *rs);
void ep_application_transition(http_req *rq, http_resp *rs);
void ep_application_correct(http_req *rq, http_resp *rs);
void ep_correction_decide(http_req *rq, http_resp *rs);
void ep_unit_applications(http_req *rq, http_resp *rs);
void ep_unit_figures(http_req *rq, http_resp *rs);
void ep_batches_create(http_req *rq, http_resp *rs);
void ep_batch_get(http_req *rq, http_resp *rs);
void ep_batch_dispatch(http_req *rq, http_resp *rs);
void ep_unit_manifests(http_req *rq, http_resp *rs);
void ep_manifest_receive(http_req *rq, http_resp *rs);
/* quotas, campaigns, progress and incidents (docs/progress.md) */
void ep_unit_progress(http_req *rq, http_resp *rs);
void ep_unit_quota_set(http_req *rq, http_resp *rs);
void ep_unit_quota_split(http_req *rq, http_resp *rs);
void ep_campaigns_add(http_req *rq, http_resp *rs);
void ep_unit_campaigns(http_req *rq, http_resp *rs);
void ep_unit_incidents_add(http_req *rq, http_resp *rs);
void ep_unit_incidents(http_req *rq, http_resp *rs);
void ep_incident_assign(http_req *rq, http_resp *rs);
void ep_incident_answer(http_req *rq, http_resp *rs);
void ep_incident_close(http_req *rq, http_resp *rs);
void ep_unit_advice(http_req *rq, http_resp *rs);
void ep_advice_accept(http_req *rq, http_resp *rs);
void ep_advice_dismiss(http_req *rq, http_resp *rs);

/* One step of the incident the path's {id} names, with text, by the account (incident_step.c):
 * 200 with the incident after it, or the step's problem. */
void http_incident_step(http_req *rq, http_resp *rs, int step, const char *text);

/* reports (docs/reports.md) */
void ep_unit_report_daily(http_req *rq, http_resp *rs);
void ep_unit_report_weekly(http_req *rq, http_resp *rs);

/* The daily or weekly report of the path's {code} (report_answer.c): the day from the query
 * argument date_arg (default today), since from "since", format csv (default) or xlsx, the
 * unit in the account's jurisdiction; answers the file with its Content-Disposition, or a
 * problem naming the argument at fault. */
void http_report(http_req *rq, http_resp *rs, int kind, const char *date_arg);

/* A JSON answer (the value is stolen). */
void http_json(http_resp *rs, int status, json_t *v);

/* A problem document (RFC 9457): status, a title for the status, code (a stable name),
 * detail and the offending field ("" or NULL for none). */
void http_problem(http_resp *rs, int status, const char *code, const char *field,
                  const char *detail);

/* A problem document from a cccd_err: the status from its kind (invalid input 422 when a field
 * is named, else 400; not found 404; conflict 409; limit 413, locked logins 429; unauthorised
 * 401; forbidden 403; unavailable 503; system 500, with a generic detail). */
void http_problem_err(http_resp *rs, const cccd_err *err);

/* The HTTP status a cccd_err maps to. */
int http_status_of(const cccd_err *err);

/* The reason phrase of a status ("Not Found"). */
const char *http_reason(int status);

/* The request body as a JSON object: NULL (with a 400/415/422 problem in rs) when there is no
 * body, it is not JSON, or not an object. The value is owned by the caller. */
json_t *http_body_object(http_req *rq, http_resp *rs);

/* Members of a body object other than required strings (request_body.c): each true when
 * present and right, or absent (then the default, or NULL); false with a 422 problem naming
 * the member otherwise (a required one missing, a wrong type, out of range). Days are
 * "YYYY-MM-DD", as days since 1970-01-01. */
bool http_body_opt_string(json_t *o, const char *name, size_t max, http_resp *rs, const char **out);
bool http_body_day(json_t *o, const char *name, bool required, int64_t def, http_resp *rs,
                   int64_t *out);
bool http_body_int(json_t *o, const char *name, bool required, long min, long max, long def,
                   http_resp *rs, long *out);
bool http_body_bool(json_t *o, const char *name, bool def, http_resp *rs, bool *out);
/* A required base64 member decoded into *out (owned by the caller: free()) of at most max
 * bytes. */
bool http_body_base64(json_t *o, const char *name, size_t max, http_resp *rs, unsigned char **out,
                      size_t *len);

/* The point a path names by its id, in the account's jurisdiction (outreach_args.c): false
 * with a 400 (not a number), 404 or 403 problem (field "point") otherwise. */
bool http_point_arg(http_req *rq, http_resp *rs, const char *id, cccd_point *out);

/* The point with that id, in the account's jurisdiction: false with a 404 or 403 problem. */
bool http_point_in_scope(http_req *rq, http_resp *rs, int64_t id, cccd_point *out);

/* Whether the kit a path names exists and, on `day`, is at a point or held by a unit in the
 * account's jurisdiction (the holder decides where it goes): false with a 404, 422 or 403
 * problem otherwise. */
bool http_kit_arg(http_req *rq, http_resp *rs, const char *serial, int64_t day);

/* The shift number a path names (1 to CCCD_SHIFT_MAX): false with a 404 problem otherwise. */
bool http_shift_no(http_resp *rs, const char *s, int *no);

/* A string member of a body object: NULL with a 422 problem naming the field when it is
 * missing (required), not a string, or longer than max bytes; *absent tells an optional
 * member that is missing (then no problem). */
const char *http_body_string(json_t *o, const char *name, bool required, size_t max, http_resp *rs,
                             bool *absent);

/* The date in the query argument `name` (YYYY-MM-DD), or today when absent: false with a 400
 * problem when malformed. */
bool http_query_date(http_req *rq, http_resp *rs, const char *name, cccd_date *out);

/* A path's {id}: a whole number from 1 into *id, false with a 400 problem naming `field`
 * otherwise. */
bool http_id_arg(http_resp *rs, const char *s, const char *field, int64_t *id);

/* A whole number in the query argument `name` within [min, max], def when absent: false with a
 * 400 problem otherwise. */
bool http_query_int(http_req *rq, http_resp *rs, const char *name, long min, long max, long def,
                    long *out);

/* Whether a citizen or account registered under a stored unit key ("" for none) lies in the
 * account's jurisdiction today: the scope holds one of the units the key resolves to. */
bool http_in_scope(const http_req *rq, const char *unit_key);

/* Whether the unit (a version in force on any date; NULL: the whole country) is in the
 * account's jurisdiction: a version no longer in force is judged by the units it resolves to
 * today. If not, fills a 403 and returns false. */
bool http_require_unit(http_req *rq, http_resp *rs, const cccd_unit *unit);

/* Appends the audit entries of a read (action, targets) for the account. The answer the
 * endpoint then makes leaves only once they are durable (the server holds it back; if they
 * cannot be written the client gets a 503 instead). false with a 503 problem when they cannot
 * even be queued: the endpoint then stops. */
bool http_audit_read(http_req *rq, http_resp *rs, const char *action, const char *const *targets,
                     size_t n, const char *detail);

/* The actor for audit entries written by this request: the account, or "public" (with the
 * client's address) for a public route. */
cccd_actor http_actor(const http_req *rq);

/* A unit version as JSON: code, level, name, type, valid_from, valid_to, parent (new). */
json_t *http_unit_json(const cccd_unit *u);

/* An account as JSON, never its password hash (new). */
json_t *http_account_json(const cccd_account *a, const cccd_units *u);

/* The unit a path names (code in force at `at`, or "VN": *nation and *out NULL): false with a
 * 404 problem when there is none. */
bool http_unit_arg(http_req *rq, http_resp *rs, const char *code, cccd_date at,
                   const cccd_unit **out, bool *nation);

/* The same for a route that works on one area, never the whole country: the unit must exist
 * (404), lie in the account's jurisdiction (403) and not be "VN" (422). */
bool http_area_arg(http_req *rq, http_resp *rs, const char *code, cccd_date at,
                   const cccd_unit **out);

/* The account named by the path's {name}, in the admin's jurisdiction: false with a 404/403
 * problem otherwise. */
bool http_user_target(http_req *rq, http_resp *rs, cccd_account *out);

/* A page of persons being answered (people.c): records as JSON and IDs for the audit. */
typedef struct http_people {
    json_t *list;    /* owned */
    char (*ids)[13]; /* owned */
    size_t n, cap;
} http_people;

/* Room for cap persons: false when out of memory (free it all the same). */
bool http_people_init(http_people *p, size_t cap);
/* A cccd_store_record_cb: adds the record (ctx: the http_people); false when full. */
bool http_people_add(void *ctx, const cccd_store_record *r);
/* Audits every person of the page as `action` (http_audit_read). */
bool http_people_audit(http_req *rq, http_resp *rs, const http_people *p, const char *action,
                       const char *detail);
void http_people_free(http_people *p);

/* The point whose queue the path's {id} names, in the account's jurisdiction or with the
 * account assigned to it today (queue_target.c): false with a 400, 404 or 403 problem. */
bool http_queue_point_target(http_req *rq, http_resp *rs, cccd_point *out);

/* The queue entry the path's {entry} names, whose point is in the account's jurisdiction or
 * has the account assigned to it today: false with a 400, 404 or 403 problem otherwise. */
bool http_queue_entry_target(http_req *rq, http_resp *rs, int64_t *entry);

/* The application a path's id names, in the account's jurisdiction (app_target.c): false with
 * a 400, 404 or 403 problem (a refused one audited) otherwise. */
bool http_app_target(http_req *rq, http_resp *rs, const char *id, cccd_application *out);

/* The finger a path names (1 right thumb ... 10 left little): false with a 404 otherwise. */
bool http_finger_arg(http_resp *rs, const char *s, int *finger);

/* production_target.c: the batch or manifest {id} names, in the caller's jurisdiction (a
 * batch by its unit, a manifest by its receiving unit); false with a 400/404/403 problem. */
struct cccd_batch;
struct cccd_manifest;
bool http_batch_target(http_req *rq, http_resp *rs, const char *id, struct cccd_batch *out);
bool http_manifest_target(http_req *rq, http_resp *rs, const char *id, struct cccd_manifest *out);

/* The key that seals uploaded biometrics (cccd serve --bio-key): NULL with a 503 when the
 * server has none. */
const struct cccd_seal_key *http_bio_key(http_req *rq, http_resp *rs);

/* Moves the application of the path's {id} to `to` and answers 200 with it, or the problem
 * (409 naming the current state, 403 for a role without the step, 422 naming the field). */
void http_app_step(http_req *rq, http_resp *rs, cccd_app_state to, const cccd_enroll_step *opt);

/* Whether cert_pem is a certificate and key_pem its private key (tls.c). */
cccd_errc http_tls_check(const char *cert_pem, const char *key_pem, cccd_err *err);

/* A JSON string from text that may not be valid UTF-8 (the invalid bytes become U+FFFD). */
json_t *http_json_string(const char *s);

#endif
