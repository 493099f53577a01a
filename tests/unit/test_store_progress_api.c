/*
 * test_store_progress_api.c: quotas, campaigns, progress and incidents through the HTTP API on
 * each backend, over loopback with libcurl: the role matrix (a commander sets quotas below its
 * unit and handles incidents; a viewer and a supervisor read progress; an officer reports
 * incidents but reads no progress), jurisdiction refusals (another district, a unit's own
 * quota), problems naming the field of every bad input, the shortfall warning of a split by
 * hand, progress figures equal to the applications made, an incident's lifecycle. Run once per
 * backend by scripts/run-tests.sh (see testdb.h).
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
#include "service/enrollment.h"
#include "store/store.h"
#include "store/store_applications.h"
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
static const char *extract = HEADER ROW("001090000001", "Nguyễn Văn An", "00001")
    ROW("001090000002", "Nguyễn Văn Bình", "00001") ROW("001090000003", "Nguyễn Văn Cao", "00004")
        ROW("001090000004", "Nguyễn Văn Dũng", "00037");

static const cccd_date today = {2025, 3, 10, CCCD_DATE_DAY};
#define PASSWORD "mật khẩu dài 2026"

typedef struct fixture {
    char url[1024];
    cccd_server *srv;
    uint16_t port;
    char tok_cmd01[CCCD_TOKEN_LEN], tok_cmd001[CCCD_TOKEN_LEN], tok_cmd002[CCCD_TOKEN_LEN],
        tok_off[CCCD_TOKEN_LEN], tok_sup[CCCD_TOKEN_LEN], tok_viewer[CCCD_TOKEN_LEN],
        tok_vn[CCCD_TOKEN_LEN];
} fixture;

static json_t *expect(const fixture *f, const char *method, const char *path, const char *token,
                      const char *body, long status, const char *code, const char *field) {
    return http_expect(f->port, method, path, token, body, status, code, field);
}

static void expect_only(const fixture *f, const char *method, const char *path, const char *token,
                        const char *body, long status, const char *code, const char *field) {
    json_decref(expect(f, method, path, token, body, status, code, field));
}

/* The application of pid opened, captured, submitted and approved at 09:00 today. */
static int approved(cccd_store *st, const cccd_units *u, const char *pid, cccd_err *err) {
    static const unsigned char bytes[] = "sealed capture";
    static const cccd_actor machine = {"cli:test", "", "", "local"};
    int64_t now = cccd_date_to_days(today) * 86400 + 2 * 3600;
    cccd_enroll_open_req r = {.personal_id = pid, .request_id = pid};
    cccd_application a;
    bool created = false;
    if (cccd_enroll_open(st, u, today, now, &machine, &r, &a, &created, err) != CCCD_OK)
        return -1;
    for (int finger = 0; finger <= 10; finger++) {
        int64_t id;
        cccd_bio b = {.application_id = a.id,
                      .portrait = finger == 0,
                      .finger = finger,
                      .attempt = 1,
                      .sealed = bytes,
                      .len = sizeof bytes,
                      .quality = finger == 0 ? -1 : 80};
        if (cccd_enroll_bio_add(st, &b, now, &machine, &id, err) != CCCD_OK)
            return -1;
    }
    return cccd_enroll_move(st, a.id, CCCD_APP_SUBMITTED, NULL, now, &machine, NULL, err) ==
                       CCCD_OK &&
                   cccd_enroll_move(st, a.id, CCCD_APP_APPROVED, NULL, now, &machine, NULL, err) ==
                       CCCD_OK
               ? 0
               : -1;
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
        testdb_registry(st, u, extract, strlen(extract), today, &err) != CCCD_OK ||
        approved(st, u, "001090000001", &err) != 0 || approved(st, u, "001090000003", &err) != 0) {
        fprintf(stderr, "setup: %s\n", err.msg);
        return -1;
    }
    static const test_account accts[] = {
        {"cmd01", "commander", "01"},    {"cmd001", "commander", "001"},
        {"cmd002", "commander", "002"},  {"off_a", "officer", "00001"},
        {"sup001", "supervisor", "001"}, {"viewer01", "viewer", "01"},
        {"viewervn", "viewer", "VN"}};
    if (test_accounts_add(st, u, today, accts, sizeof accts / sizeof accts[0], PASSWORD) != 0)
        return -1;
    cccd_units_free(u);
    cccd_store_close(st);
    cccd_server_config cfg;
    test_server_config(&cfg, f->url, today);
    if (test_server_start(&cfg, &f->srv, &f->port) != 0)
        return -1;
    http_login(f->port, "cmd01", PASSWORD, f->tok_cmd01);
    http_login(f->port, "cmd001", PASSWORD, f->tok_cmd001);
    http_login(f->port, "cmd002", PASSWORD, f->tok_cmd002);
    http_login(f->port, "off_a", PASSWORD, f->tok_off);
    http_login(f->port, "sup001", PASSWORD, f->tok_sup);
    http_login(f->port, "viewer01", PASSWORD, f->tok_viewer);
    http_login(f->port, "viewervn", PASSWORD, f->tok_vn);
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

static void test_quota(void **state) {
    fixture *f = *state;
    const char *q = "{\"target\": 6, \"deadline\": \"2025-03-31\"}";
    json_t *v = expect(f, "PUT", "/api/v1/units/001/quota", f->tok_cmd01, q, 200, NULL, NULL);
    assert_int_equal(json_integer_value(json_object_get(v, "target")), 6);
    assert_string_equal(json_string_value(json_object_get(v, "deadline")), "2025-03-31");
    json_decref(v);
    /* a unit's own quota, another district, a viewer, a supervisor */
    expect_only(f, "PUT", "/api/v1/units/001/quota", f->tok_cmd001, q, 403, "auth.forbidden",
                "unit");
    expect_only(f, "PUT", "/api/v1/units/00001/quota", f->tok_cmd002, q, 403, "auth.forbidden",
                NULL);
    expect_only(f, "PUT", "/api/v1/units/001/quota", f->tok_viewer, q, 403, "auth.forbidden", NULL);
    expect_only(f, "PUT", "/api/v1/units/001/quota", f->tok_sup, q, 403, "auth.forbidden", NULL);
    /* bad inputs name their field */
    expect_only(f, "PUT", "/api/v1/units/001/quota", f->tok_cmd01, "{\"target\": 6}", 422, NULL,
                "deadline");
    expect_only(f, "PUT", "/api/v1/units/001/quota", f->tok_cmd01,
                "{\"target\": -1, \"deadline\": \"2025-03-31\"}", 422, NULL, "target");
    expect_only(f, "PUT", "/api/v1/units/001/quota", f->tok_cmd01,
                "{\"target\": 3, \"deadline\": \"2025-03-01\"}", 422, "input.argument", "deadline");
    expect_only(f, "PUT", "/api/v1/units/99999/quota", f->tok_cmd01, q, 404, NULL, NULL);
    /* split by hand, short: a warning; a unit not a child; by nothing known */
    v = expect(f, "POST", "/api/v1/units/001/quota/split", f->tok_cmd001,
               "{\"lines\": [{\"code\": \"00001\", \"target\": 2}, {\"code\": \"00004\", "
               "\"target\": 1}]}",
               200, NULL, NULL);
    assert_int_equal(json_integer_value(json_object_get(v, "sum")), 3);
    assert_non_null(strstr(json_string_value(json_object_get(v, "warning")), "3 short"));
    json_decref(v);
    expect_only(f, "POST", "/api/v1/units/001/quota/split", f->tok_cmd001,
                "{\"lines\": [{\"code\": \"00037\", \"target\": 2}]}", 422, "quota.scope", "code");
    expect_only(f, "POST", "/api/v1/units/001/quota/split", f->tok_cmd001,
                "{\"lines\": [{\"code\": \"00001\"}]}", 422, NULL, "lines[0]");
    expect_only(f, "POST", "/api/v1/units/001/quota/split", f->tok_cmd001, "{\"by\": \"age\"}", 422,
                NULL, "by");
    expect_only(f, "POST", "/api/v1/units/002/quota/split", f->tok_cmd002, "{\"by\": \"eligible\"}",
                404, "quota.unknown", "unit");
    /* by eligible: Phúc Xá 2 of 3, Trúc Bạch 1 of 3 */
    v = expect(f, "POST", "/api/v1/units/001/quota/split", f->tok_cmd001, "{\"by\": \"eligible\"}",
               200, NULL, NULL);
    json_t *kids = json_object_get(v, "children");
    assert_int_equal(json_integer_value(json_object_get(json_array_get(kids, 0), "target")), 4);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(kids, 1), "target")), 2);
    assert_true(json_is_null(json_object_get(v, "warning")));
    json_decref(v);
    /* a campaign over the city, seen from a ward */
    v = expect(f, "POST", "/api/v1/campaigns", f->tok_cmd01,
               "{\"name\": \"30 ngày đêm\", \"unit\": \"01\", \"from\": \"2025-03-10\", \"to\": "
               "\"2025-04-10\", \"target\": 4}",
               201, NULL, NULL);
    json_decref(v);
    expect_only(f, "POST", "/api/v1/campaigns", f->tok_cmd001,
                "{\"name\": \"x\", \"unit\": \"01\", \"from\": \"2025-03-10\", \"to\": "
                "\"2025-04-10\", \"target\": 4}",
                403, "auth.forbidden", NULL);
    expect_only(f, "POST", "/api/v1/campaigns", f->tok_cmd01,
                "{\"name\": \"x\", \"unit\": \"01\", \"from\": \"2025-03-10\", \"to\": "
                "\"2025-03-01\", \"target\": 4}",
                422, NULL, "to");
    expect_only(f, "POST", "/api/v1/campaigns", f->tok_cmd01,
                "{\"unit\": \"01\", \"from\": \"2025-03-10\", \"to\": \"2025-03-11\", \"target\": "
                "4}",
                422, NULL, "name");
    v = expect(f, "GET", "/api/v1/units/00001/campaigns", f->tok_viewer, NULL, 200, NULL, NULL);
    assert_int_equal(json_array_size(json_object_get(v, "campaigns")), 1);
    json_decref(v);
}

static void test_progress(void **state) {
    fixture *f = *state;
    expect_only(f, "PUT", "/api/v1/units/001/quota", f->tok_cmd01,
                "{\"target\": 4, \"deadline\": \"2025-03-31\"}", 200, NULL, NULL);
    json_t *v = expect(f, "GET", "/api/v1/units/01/progress?date=2025-03-10", f->tok_viewer, NULL,
                       200, NULL, NULL);
    json_t *unit = json_object_get(v, "unit");
    assert_int_equal(json_integer_value(json_object_get(json_object_get(unit, "received"), "day")),
                     2);
    json_t *badinh = json_array_get(json_object_get(v, "children"), 0);
    assert_string_equal(json_string_value(json_object_get(badinh, "code")), "001");
    assert_int_equal(
        json_integer_value(json_object_get(json_object_get(badinh, "approved"), "total")), 2);
    assert_true(json_real_value(json_object_get(json_object_get(badinh, "quota"), "percent")) ==
                50.0);
    assert_int_equal(json_integer_value(json_object_get(badinh, "rank")), 1);
    json_decref(v);
    /* the supervisor reads its district; not another; an officer reads no progress */
    expect_only(f, "GET", "/api/v1/units/001/progress", f->tok_sup, NULL, 200, NULL, NULL);
    expect_only(f, "GET", "/api/v1/units/002/progress", f->tok_sup, NULL, 403, "auth.forbidden",
                NULL);
    expect_only(f, "GET", "/api/v1/units/001/progress", f->tok_off, NULL, 403, "auth.forbidden",
                NULL);
    expect_only(f, "GET", "/api/v1/units/001/progress?date=31/3", f->tok_viewer, NULL, 400, NULL,
                "date");
    /* the whole country: an account held at VN reads it, a row per province with the same
     * figures as the province's own; accounts below VN are refused */
    v = expect(f, "GET", "/api/v1/units/VN/progress?date=2025-03-10", f->tok_vn, NULL, 200, NULL,
               NULL);
    unit = json_object_get(v, "unit");
    assert_string_equal(json_string_value(json_object_get(unit, "code")), "VN");
    assert_string_equal(json_string_value(json_object_get(unit, "name")), "Việt Nam");
    assert_int_equal(json_integer_value(json_object_get(json_object_get(unit, "received"), "day")),
                     2);
    json_t *hanoi = json_array_get(json_object_get(v, "children"), 0);
    assert_string_equal(json_string_value(json_object_get(hanoi, "code")), "01");
    assert_int_equal(json_integer_value(json_object_get(json_object_get(hanoi, "received"), "day")),
                     2);
    assert_true(json_is_integer(json_object_get(json_object_get(hanoi, "coverage"), "eligible")));
    assert_int_equal(
        json_integer_value(json_object_get(json_object_get(unit, "coverage"), "eligible")),
        json_integer_value(json_object_get(json_object_get(hanoi, "coverage"), "eligible")));
    json_decref(v);
    expect_only(f, "GET", "/api/v1/units/VN/progress", f->tok_viewer, NULL, 403, "auth.forbidden",
                NULL);
    expect_only(f, "GET", "/api/v1/units/VN/progress", f->tok_sup, NULL, 403, "auth.forbidden",
                NULL);
    expect_only(f, "GET", "/api/v1/units/VN/progress", f->tok_cmd01, NULL, 403, "auth.forbidden",
                NULL);
}

static void test_incidents(void **state) {
    fixture *f = *state;
    json_t *v = expect(f, "POST", "/api/v1/units/00001/incidents", f->tok_off,
                       "{\"kind\": \"network_down\", \"place\": \"UBND phường\", \"note\": \"mất "
                       "mạng từ 8 giờ\"}",
                       201, NULL, NULL);
    int64_t id = json_integer_value(json_object_get(v, "id"));
    assert_string_equal(json_string_value(json_object_get(v, "state")), "open");
    json_decref(v);
    char path[64];
    /* refusals: another ward, a viewer, a bad kind, no place */
    expect_only(f, "POST", "/api/v1/units/00037/incidents", f->tok_off,
                "{\"kind\": \"crowding\", \"place\": \"x\"}", 403, "auth.forbidden", NULL);
    expect_only(f, "POST", "/api/v1/units/00001/incidents", f->tok_viewer,
                "{\"kind\": \"crowding\", \"place\": \"x\"}", 403, "auth.forbidden", NULL);
    expect_only(f, "POST", "/api/v1/units/00001/incidents", f->tok_off,
                "{\"kind\": \"flood\", \"place\": \"x\"}", 422, "input.argument", "kind");
    expect_only(f, "POST", "/api/v1/units/00001/incidents", f->tok_off, "{\"kind\": \"crowding\"}",
                422, NULL, "place");
    /* listed open in the district, not in the other */
    v = expect(f, "GET", "/api/v1/units/001/incidents?state=open", f->tok_sup, NULL, 200, NULL,
               NULL);
    assert_int_equal(json_array_size(json_object_get(v, "incidents")), 1);
    /* the unit by code and by name, so a page can say where without a lookup */
    json_t *inc = json_array_get(json_object_get(v, "incidents"), 0);
    assert_string_equal(json_string_value(json_object_get(inc, "unit")), "00001");
    assert_string_equal(json_string_value(json_object_get(inc, "unit_name")), "Phường Phúc Xá");
    json_decref(v);
    v = expect(f, "GET", "/api/v1/units/002/incidents", f->tok_cmd002, NULL, 200, NULL, NULL);
    assert_int_equal(json_array_size(json_object_get(v, "incidents")), 0);
    json_decref(v);
    expect_only(f, "GET", "/api/v1/units/001/incidents?state=new", f->tok_sup, NULL, 400, NULL,
                "state");
    /* handling: answer before assigning; another district; an officer; then the lifecycle */
    snprintf(path, sizeof path, "/api/v1/incidents/%lld/answer", (long long)id);
    expect_only(f, "POST", path, f->tok_cmd001, "{\"answer\": \"đã xử lý\"}", 409, "incident.state",
                NULL);
    snprintf(path, sizeof path, "/api/v1/incidents/%lld/assign", (long long)id);
    expect_only(f, "POST", path, f->tok_cmd002, "{\"assignee\": \"tổ kỹ thuật\"}", 403,
                "auth.forbidden", NULL);
    expect_only(f, "POST", path, f->tok_off, "{\"assignee\": \"tổ kỹ thuật\"}", 403,
                "auth.forbidden", NULL);
    expect_only(f, "POST", path, f->tok_cmd001, "{}", 422, NULL, "assignee");
    v = expect(f, "POST", path, f->tok_cmd001, "{\"assignee\": \"tổ kỹ thuật\"}", 200, NULL, NULL);
    assert_string_equal(json_string_value(json_object_get(v, "state")), "assigned");
    json_decref(v);
    snprintf(path, sizeof path, "/api/v1/incidents/%lld/answer", (long long)id);
    expect_only(f, "POST", path, f->tok_cmd001, "{\"answer\": \"đã khôi phục\"}", 200, NULL, NULL);
    snprintf(path, sizeof path, "/api/v1/incidents/%lld/close", (long long)id);
    v = expect(f, "POST", path, f->tok_cmd01, NULL, 200, NULL, NULL);
    assert_string_equal(json_string_value(json_object_get(v, "state")), "closed");
    assert_string_equal(json_string_value(json_object_get(v, "answer")), "đã khôi phục");
    json_decref(v);
    expect_only(f, "POST", path, f->tok_cmd01, NULL, 409, "incident.state", NULL);
    expect_only(f, "POST", "/api/v1/incidents/999/close", f->tok_cmd01, NULL, 404,
                "incident.unknown", "id");
    v = expect(f, "GET", "/api/v1/units/01/incidents", f->tok_viewer, NULL, 200, NULL, NULL);
    assert_int_equal(json_array_size(json_object_get(v, "incidents")), 0);
    json_decref(v);
    v = expect(f, "GET", "/api/v1/units/01/incidents?state=all", f->tok_viewer, NULL, 200, NULL,
               NULL);
    assert_int_equal(json_array_size(json_object_get(v, "incidents")), 1);
    json_decref(v);
}

int main(void) {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_quota, setup, teardown),
        cmocka_unit_test_setup_teardown(test_progress, setup, teardown),
        cmocka_unit_test_setup_teardown(test_incidents, setup, teardown),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    curl_global_cleanup();
    return rc;
}
