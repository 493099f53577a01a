/*
 * test_store_queue_api.c: the queue at a point through the HTTP API on each backend, spoken to
 * over loopback with libcurl: who may run a point's queue (an officer or supervisor whose
 * jurisdiction holds the point; not an officer of another commune, a viewer or a commander),
 * check-in by ticket and as a walk-in with every refusal as the right problem (404, 403, 409,
 * 422 naming the field), call next, served and no-show (the ticket withdrawn), the day's view,
 * and the audit entries of reads and writes. Its own server and database (test_store_server.c
 * covers the server itself). Run once per backend by scripts/run-tests.sh (see testdb.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <curl/curl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/server.h"
#include "service/accounts.h"
#include "service/registry_import.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_points.h"
#include "store/store_tickets.h"
#include "http_client.h"
#include "test_population.h"
#include "test_server.h"
#include "testdb.h"

static const char *units_json =
    "{\"data\":[{\"level1_id\":\"01\",\"name\":\"Thành phố Hà Nội\",\"type\":\"Thành phố "
    "Trung ương\",\"level2s\":["
    "{\"level2_id\":\"001\",\"name\":\"Quận Ba Đình\",\"type\":\"Quận\",\"level3s\":["
    "{\"level3_id\":\"00001\",\"name\":\"Phường Phúc Xá\",\"type\":\"Phường\"},"
    "{\"level3_id\":\"00004\",\"name\":\"Phường Trúc Bạch\",\"type\":\"Phường\"}]},"
    "{\"level2_id\":\"002\",\"name\":\"Quận Hoàn Kiếm\",\"type\":\"Quận\",\"level3s\":["
    "{\"level3_id\":\"00037\",\"name\":\"Phường Phúc Tân\",\"type\":\"Phường\"}]}]}]}";

#define HEADER                                                                                     \
    "personal_id,full_name,date_of_birth,sex,ethnicity,religion,nationality,place_of_origin,"      \
    "permanent_commune,permanent_address,household_id,relation_to_head,residential_group,"         \
    "temporary_commune,temporary_address,status,mobility,old_id_number,card_type,card_number,"     \
    "card_issued,card_expiry,father_name,mother_name,spouse_name\n"
#define ROW(id, name, commune)                                                                     \
    id "," name ",1990-01-15,M,Kinh,Không,Việt Nam,Hà Nội," commune ",Số 1,HK" id                  \
       ",Chủ hộ,Tổ 1,,,alive,normal,,,,,,,,\n"

/* A holds a ticket at point 1 (Phúc Xá) today, B comes as a walk-in, C lives in Hoàn Kiếm, D
 * holds a ticket at point 2 (Trúc Bạch). */
#define ID_A "001090000001"
#define ID_B "001090000002"
#define ID_C "001090000003"
#define ID_D "001090000004"
static const char *extract =
    HEADER ROW(ID_A, "Nguyễn Văn An", "00001") ROW(ID_B, "Nguyễn Văn Bình", "00001")
        ROW(ID_C, "Nguyễn Văn Cao", "00037") ROW(ID_D, "Nguyễn Văn Dũng", "00004");

static const cccd_date today = {2025, 3, 10, CCCD_DATE_DAY};
#define PASSWORD "mật khẩu dài 2026"

typedef struct fixture {
    char url[1024];
    cccd_server *srv;
    uint16_t port;
    char tok_off_a[CCCD_TOKEN_LEN], tok_off_b[CCCD_TOKEN_LEN], tok_sup[CCCD_TOKEN_LEN],
        tok_cmd[CCCD_TOKEN_LEN], tok_viewer[CCCD_TOKEN_LEN];
} fixture;

static void login(const fixture *f, const char *user, char token[CCCD_TOKEN_LEN]) {
    http_login(f->port, user, PASSWORD, token);
}

/* Calls and checks the status; for a problem, its code and field too (NULL: not checked). */
static json_t *expect(const fixture *f, const char *method, const char *path, const char *token,
                      const char *body, long status, const char *code, const char *field) {
    return http_expect(f->port, method, path, token, body, status, code, field);
}

static void expect_only(const fixture *f, const char *method, const char *path, const char *token,
                        const char *body, long status, const char *code, const char *field) {
    json_decref(expect(f, method, path, token, body, status, code, field));
}

static int setup(void **state) {
    fixture *f = calloc(1, sizeof *f);
    cccd_err err;
    cccd_store *st = NULL;
    if (f == NULL || testdb_new(f->url, sizeof f->url) != 0 ||
        cccd_store_open(f->url, &st, &err) != CCCD_OK ||
        cccd_store_migrate(st, NULL, NULL, &err) != CCCD_OK)
        return -1;
    cccd_units *u = NULL;
    if (testdb_units(st, units_json, NULL, (cccd_date){0}, &u, &err) != CCCD_OK ||
        testdb_registry(st, u, extract, strlen(extract), today, &err) != CCCD_OK)
        return -1;
    static const test_account accts[] = {{"off_a", "officer", "00001"},
                                         {"off_b", "officer", "00004"},
                                         {"sup001", "supervisor", "001"},
                                         {"cmd01", "commander", "01"},
                                         {"viewer01", "viewer", "01"}};
    if (test_accounts_add(st, u, today, accts, sizeof accts / sizeof accts[0], PASSWORD) != 0)
        return -1;
    cccd_units_free(u);
    /* point 1 in Phúc Xá, point 2 in Trúc Bạch; A's ticket at 1, D's at 2, both today */
    cccd_point p = {.kind = CCCD_POINT_FIXED,
                    .open_from = INT64_MIN,
                    .open_to = INT64_MAX,
                    .people_per_kit_hour = CCCD_PEOPLE_PER_KIT_HOUR_DEFAULT};
    int64_t p1, p2;
    snprintf(p.unit_key, sizeof p.unit_key, "00001@");
    snprintf(p.name, sizeof p.name, "Công an phường Phúc Xá");
    snprintf(p.address, sizeof p.address, "Số 1");
    if (cccd_store_point_add(st, &p, &p1, &err) != CCCD_OK)
        return -1;
    snprintf(p.unit_key, sizeof p.unit_key, "00004@");
    snprintf(p.name, sizeof p.name, "Công an phường Trúc Bạch");
    if (cccd_store_point_add(st, &p, &p2, &err) != CCCD_OK || p1 != 1 || p2 != 2)
        return -1;
    int64_t day = cccd_date_to_days(today);
    cccd_ticket t = {.plan_unit = "001@",
                     .seq = 1,
                     .personal_id = 1090000001,
                     .home_key = "00001@",
                     .point_id = 1,
                     .day = day,
                     .shift_no = 1,
                     .window_start = 420,
                     .window_end = 480,
                     .residential_group = "Tổ 1"};
    snprintf(t.ticket, sizeof t.ticket, "001-0000001");
    if (cccd_store_ticket_put(st, &t, &err) != CCCD_OK)
        return -1;
    snprintf(t.ticket, sizeof t.ticket, "001-0000004");
    snprintf(t.home_key, sizeof t.home_key, "00004@");
    t.seq = 4;
    t.personal_id = 1090000004;
    t.point_id = 2;
    if (cccd_store_ticket_put(st, &t, &err) != CCCD_OK)
        return -1;
    cccd_store_close(st);

    cccd_server_config cfg;
    test_server_config(&cfg, f->url, today);
    if (test_server_start(&cfg, &f->srv, &f->port) != 0)
        return -1;
    login(f, "off_a", f->tok_off_a);
    login(f, "off_b", f->tok_off_b);
    login(f, "sup001", f->tok_sup);
    login(f, "cmd01", f->tok_cmd);
    login(f, "viewer01", f->tok_viewer);
    *state = f;
    return 0;
}

static int teardown(void **state) {
    fixture *f = *state;
    cccd_server_free(f->srv);
    testdb_drop(f->url);
    free(f);
    return 0;
}

/* Who may touch point 1's queue: its officer and the district's supervisor. */
static void test_who_runs_the_queue(void **state) {
    fixture *f = *state;
    const char *q = "/api/v1/points/1/queue";
    expect_only(f, "GET", q, f->tok_off_a, NULL, 200, NULL, NULL);
    expect_only(f, "GET", q, f->tok_sup, NULL, 200, NULL, NULL);
    expect_only(f, "GET", q, f->tok_off_b, NULL, 403, "auth.forbidden", "point");
    expect_only(f, "GET", q, f->tok_viewer, NULL, 403, "auth.forbidden", NULL);
    expect_only(f, "GET", q, f->tok_cmd, NULL, 403, "auth.forbidden", NULL);
    expect_only(f, "GET", q, NULL, NULL, 401, NULL, NULL);
    expect_only(f, "POST", "/api/v1/points/1/queue/next", f->tok_cmd, NULL, 403, NULL, NULL);
    expect_only(f, "POST", q, f->tok_off_b, "{\"personal_id\":\"" ID_B "\"}", 403, "auth.forbidden",
                "point");
    expect_only(f, "POST", q, f->tok_viewer, "{\"personal_id\":\"" ID_B "\"}", 403, NULL, NULL);
    /* the other point is off_b's, not off_a's */
    expect_only(f, "GET", "/api/v1/points/2/queue", f->tok_off_b, NULL, 200, NULL, NULL);
    expect_only(f, "GET", "/api/v1/points/2/queue", f->tok_off_a, NULL, 403, NULL, NULL);
    expect_only(f, "GET", "/api/v1/points/99/queue", f->tok_off_a, NULL, 404, "point.unknown",
                NULL);
    expect_only(f, "GET", "/api/v1/points/abc/queue", f->tok_off_a, NULL, 400, NULL, "point");
    expect_only(f, "GET", "/api/v1/points/1/queue?on=2025-02-30", f->tok_off_a, NULL, 400, NULL,
                NULL);
    expect_only(f, "POST", "/api/v1/queue/99/served", f->tok_off_a, NULL, 404, "queue.unknown",
                "entry");
}

typedef struct audit_seen {
    int checkin_a, read_b, call, no_show_a;
} audit_seen;

static bool on_audit(void *ctx, const cccd_audit_entry *e) {
    audit_seen *s = ctx;
    bool off_a = strcmp(e->actor, "off_a") == 0 && strcmp(e->role, "officer") == 0 &&
                 strcmp(e->remote, "127.0.0.1") == 0;
    if (off_a && strcmp(e->action, "queue.checkin") == 0 && strcmp(e->target, ID_A) == 0)
        s->checkin_a++;
    if (off_a && strcmp(e->action, "queue.read") == 0 && strcmp(e->target, ID_B) == 0)
        s->read_b++;
    if (strcmp(e->action, "queue.call") == 0)
        s->call++;
    if (strcmp(e->action, "queue.no_show") == 0 && strcmp(e->target, ID_A) == 0 &&
        strstr(e->detail, "ticket withdrawn"))
        s->no_show_a++;
    return true;
}

/* A morning: check-ins and their refusals, calls, served and no-show, the view, the audit. */
static void test_queue_flow(void **state) {
    fixture *f = *state;
    const char *q = "/api/v1/points/1/queue";
    json_t *v = expect(f, "POST", q, f->tok_off_a, "{\"ticket\":\"001-0000001\"}", 201, NULL, NULL);
    assert_int_equal(json_integer_value(json_object_get(v, "number")), 1);
    assert_string_equal(json_string_value(json_object_get(v, "personal_id")), ID_A);
    assert_string_equal(json_string_value(json_object_get(v, "window_start")), "07:00");
    json_int_t entry_a = json_integer_value(json_object_get(v, "id"));
    json_decref(v);
    v = expect(f, "POST", q, f->tok_off_a, "{\"personal_id\":\"" ID_B "\"}", 201, NULL, NULL);
    assert_int_equal(json_integer_value(json_object_get(v, "number")), 2);
    assert_true(json_is_null(json_object_get(v, "ticket")));
    json_int_t entry_b = json_integer_value(json_object_get(v, "id"));
    json_decref(v);
    /* refusals */
    expect_only(f, "POST", q, f->tok_off_a, "{\"ticket\":\"001-0000001\"}", 409, "queue.active",
                "personal_id");
    expect_only(f, "POST", q, f->tok_off_a, "{\"ticket\":\"001-0000004\"}", 409,
                "ticket.wrong_place", "ticket");
    expect_only(f, "POST", q, f->tok_off_a, "{\"ticket\":\"001-0000099\"}", 404, "ticket.unknown",
                "ticket");
    expect_only(f, "POST", q, f->tok_off_a, "{\"personal_id\":\"" ID_C "\"}", 403, "auth.forbidden",
                "personal_id");
    expect_only(f, "POST", q, f->tok_off_a, "{\"personal_id\":\"001090099999\"}", 404,
                "citizen.unknown", "personal_id");
    expect_only(f, "POST", q, f->tok_off_a, "{}", 422, NULL, "ticket");
    expect_only(f, "POST", q, f->tok_off_a, "{\"ticket\":7}", 422, NULL, "ticket");
    expect_only(f, "POST", q, f->tok_off_a, "{\"ticket\":\"x\",\"personal_id\":\"" ID_B "\"}", 422,
                NULL, "ticket");
    expect_only(f, "POST", q, f->tok_off_a, "{\"personal_id\":\"12ab\"}", 422, NULL, "personal_id");
    expect_only(f, "POST", "/api/v1/queue/1/served", f->tok_off_a, NULL, 409, "queue.state",
                "entry");

    /* calls: A's window (07:00 on a day past) has begun, so A first; then B; then nobody */
    v = expect(f, "POST", "/api/v1/points/1/queue/next", f->tok_off_a, NULL, 200, NULL, NULL);
    assert_int_equal(json_integer_value(json_object_get(v, "id")), entry_a);
    assert_string_equal(json_string_value(json_object_get(v, "state")), "called");
    assert_string_equal(json_string_value(json_object_get(v, "full_name")), "Nguyễn Văn An");
    json_decref(v);
    v = expect(f, "POST", "/api/v1/points/1/queue/next", f->tok_sup, NULL, 200, NULL, NULL);
    assert_int_equal(json_integer_value(json_object_get(v, "id")), entry_b);
    assert_string_equal(json_string_value(json_object_get(v, "called_by")), "sup001");
    json_decref(v);
    expect_only(f, "POST", "/api/v1/points/1/queue/next", f->tok_off_a, NULL, 409, "queue.empty",
                NULL);

    /* closing: not by an officer of another commune; A a no-show (ticket withdrawn), B served */
    char path[64];
    snprintf(path, sizeof path, "/api/v1/queue/%lld/no-show", (long long)entry_a);
    expect_only(f, "POST", path, f->tok_off_b, NULL, 403, "auth.forbidden", NULL);
    v = expect(f, "POST", path, f->tok_off_a, NULL, 200, NULL, NULL);
    assert_true(json_is_true(json_object_get(v, "ticket_withdrawn")));
    assert_string_equal(json_string_value(json_object_get(v, "state")), "no_show");
    json_decref(v);
    expect_only(f, "POST", path, f->tok_off_a, NULL, 409, "queue.state", "entry");
    snprintf(path, sizeof path, "/api/v1/queue/%lld/served", (long long)entry_b);
    v = expect(f, "POST", path, f->tok_off_a, NULL, 200, NULL, NULL);
    assert_string_equal(json_string_value(json_object_get(v, "state")), "served");
    json_decref(v);
    /* A's ticket is gone: it no longer checks in */
    expect_only(f, "POST", q, f->tok_off_a, "{\"ticket\":\"001-0000001\"}", 404, "ticket.unknown",
                "ticket");

    /* the day's view */
    v = expect(f, "GET", q, f->tok_off_a, NULL, 200, NULL, NULL);
    json_t *counts = json_object_get(v, "counts");
    assert_int_equal(json_integer_value(json_object_get(counts, "served")), 1);
    assert_int_equal(json_integer_value(json_object_get(counts, "no_show")), 1);
    assert_int_equal(json_integer_value(json_object_get(counts, "waiting")), 0);
    assert_int_equal(json_integer_value(json_object_get(v, "called")), 2);
    assert_int_equal(json_array_size(json_object_get(v, "entries")), 2);
    json_decref(v);
    v = expect(f, "GET", "/api/v1/points/1/queue?on=2025-03-09", f->tok_off_a, NULL, 200, NULL,
               NULL);
    assert_int_equal(json_array_size(json_object_get(v, "entries")), 0);
    json_decref(v);

    /* the audit log: the writes and the read, by whom and from where */
    cccd_store *st;
    cccd_err err;
    assert_int_equal(cccd_store_open(f->url, &st, &err), CCCD_OK);
    audit_seen s = {0};
    assert_int_equal(cccd_store_audit_scan(st, 0, on_audit, &s, &err), CCCD_OK);
    assert_int_equal(s.checkin_a, 1);
    assert_int_equal(s.read_b, 1);
    assert_int_equal(s.call, 2);
    assert_int_equal(s.no_show_a, 1);
    cccd_ticket t;
    bool found = true;
    assert_int_equal(cccd_store_ticket_get(st, 1090000001, &t, &found, &err), CCCD_OK);
    assert_false(found);
    cccd_store_close(st);
}

int main(void) {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_who_runs_the_queue),
        cmocka_unit_test(test_queue_flow),
    };
    int rc = cmocka_run_group_tests(tests, setup, teardown);
    curl_global_cleanup();
    return rc;
}
