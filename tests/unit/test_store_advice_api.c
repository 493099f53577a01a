/*
 * test_store_advice_api.c: resource advice through the HTTP API on each backend, over loopback
 * with libcurl (docs/advice.md): only commanders compute and decide (a viewer and a supervisor
 * are refused); a commander of another province reaches neither the unit nor its proposals; a
 * district's commander cannot accept a move that takes from another district; bad input names
 * its field; the answers' shape (units, proposals with from/to numbers, meeting, short); dismiss,
 * then accept, then accept again refused. Run once per backend by scripts/run-tests.sh (see
 * testdb.h).
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
#include "service/outreach.h"
#include "service/quotas.h"
#include "store/store.h"
#include "http_client.h"
#include "test_population.h"
#include "test_server.h"
#include "testdb.h"

/* Thái Bình (34): Vũ Thư 336, Kiến Xương 337; Thanh Hóa (38): Đông Sơn 380 */
static const char *units_json =
    "{\"data\":["
    "{\"level1_id\":\"34\",\"name\":\"Tỉnh Thái Bình\",\"type\":\"Tỉnh\",\"level2s\":["
    "{\"level2_id\":\"336\",\"name\":\"Huyện Vũ Thư\",\"type\":\"Huyện\",\"level3s\":["
    "{\"level3_id\":\"12001\",\"name\":\"Xã Tam Quang\",\"type\":\"Xã\"}]},"
    "{\"level2_id\":\"337\",\"name\":\"Huyện Kiến Xương\",\"type\":\"Huyện\",\"level3s\":["
    "{\"level3_id\":\"12002\",\"name\":\"Xã Vũ Quý\",\"type\":\"Xã\"}]}]},"
    "{\"level1_id\":\"38\",\"name\":\"Tỉnh Thanh Hóa\",\"type\":\"Tỉnh\",\"level2s\":["
    "{\"level2_id\":\"380\",\"name\":\"Huyện Đông Sơn\",\"type\":\"Huyện\",\"level3s\":["
    "{\"level3_id\":\"14001\",\"name\":\"Xã Đông Hòa\",\"type\":\"Xã\"}]}]}]}";

static const cccd_date today = {2025, 3, 10, CCCD_DATE_DAY};
static const cccd_date deadline = {2025, 3, 19, CCCD_DATE_DAY};
static const cccd_actor machine = {"cli:test", "", "", "local"};
#define PASSWORD "mật khẩu dài 2026"

typedef struct fixture {
    char url[1024];
    cccd_server *srv;
    uint16_t port;
    char tok_cmd34[CCCD_TOKEN_LEN], tok_cmd336[CCCD_TOKEN_LEN], tok_cmd38[CCCD_TOKEN_LEN],
        tok_sup[CCCD_TOKEN_LEN], tok_viewer[CCCD_TOKEN_LEN];
} fixture;

static json_t *expect(const fixture *f, const char *method, const char *path, const char *token,
                      const char *body, long status, const char *code, const char *field) {
    return http_expect(f->port, method, path, token, body, status, code, field);
}

static void expect_only(const fixture *f, const char *method, const char *path, const char *token,
                        const char *body, long status, const char *code, const char *field) {
    json_decref(expect(f, method, path, token, body, status, code, field));
}

/* A point of district code with 2 kits and 2 officers (prefix), 8 hours, 5 per kit-hour. */
static int district(cccd_store *st, cccd_units *u, const char *code, const char *prefix,
                    cccd_err *err) {
    int64_t day0 = cccd_date_to_days(today) - 9;
    cccd_point p = {0};
    const cccd_unit *un = cccd_units_lookup(u, code, CCCD_UNIT_ANY, today, err);
    if (un == NULL)
        return -1;
    cccd_store_unit_key(un, p.unit_key);
    p.kind = CCCD_POINT_FIXED;
    snprintf(p.name, sizeof p.name, "Công an %s", code);
    snprintf(p.address, sizeof p.address, "Số 1, %s", code);
    p.open_from = INT64_MIN;
    p.open_to = INT64_MAX;
    p.people_per_kit_hour = 5;
    int64_t id = 0;
    cccd_shift s = {1, 8 * 60, 16 * 60};
    if (cccd_outreach_point_add(st, &machine, &p, &id, err) != CCCD_OK ||
        cccd_outreach_shift_set(st, &machine, id, &s, err) != CCCD_OK)
        return -1;
    for (int i = 1; i <= 2; i++) {
        char name[32];
        snprintf(name, sizeof name, "%s-%d", prefix, i);
        if (cccd_outreach_kit_add(st, &machine, name, day0, p.unit_key, err) != CCCD_OK)
            return -1;
        snprintf(name, sizeof name, "%s%d", prefix, i);
        for (char *c = name; *c; c++)
            *c = (char)(*c >= 'A' && *c <= 'Z' ? *c + 32 : *c);
        if (cccd_accounts_add(st, u, today, &machine, name, "officer", code, PASSWORD, &test_cheap,
                              NULL, err) != CCCD_OK ||
            cccd_outreach_staff_assign(st, &machine, id, name, day0, CCCD_STAFF_OPEN, NULL, NULL,
                                       err) != CCCD_OK)
            return -1;
    }
    return 0;
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
    int64_t now = cccd_date_to_days(today) * 86400;
    if (testdb_units(st, units_json, NULL, (cccd_date){0}, &u, &err) != CCCD_OK ||
        district(st, u, "336", "VT", &err) != 0 || district(st, u, "337", "KX", &err) != 0 ||
        cccd_quota_set(st, u, "336", 1000, deadline, today, now, &machine, NULL, &err) != CCCD_OK ||
        cccd_quota_set(st, u, "337", 200, deadline, today, now, &machine, NULL, &err) != CCCD_OK) {
        fprintf(stderr, "setup: %s\n", err.msg);
        return -1;
    }
    static const test_account accts[] = {{"cmd34", "commander", "34"},
                                         {"cmd336", "commander", "336"},
                                         {"cmd38", "commander", "38"},
                                         {"sup34", "supervisor", "34"},
                                         {"viewer34", "viewer", "34"}};
    if (test_accounts_add(st, u, today, accts, sizeof accts / sizeof accts[0], PASSWORD) != 0)
        return -1;
    cccd_units_free(u);
    cccd_store_close(st);
    cccd_server_config cfg;
    test_server_config(&cfg, f->url, today);
    if (test_server_start(&cfg, &f->srv, &f->port) != 0)
        return -1;
    http_login(f->port, "cmd34", PASSWORD, f->tok_cmd34);
    http_login(f->port, "cmd336", PASSWORD, f->tok_cmd336);
    http_login(f->port, "cmd38", PASSWORD, f->tok_cmd38);
    http_login(f->port, "sup34", PASSWORD, f->tok_sup);
    http_login(f->port, "viewer34", PASSWORD, f->tok_viewer);
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

static int64_t advise(fixture *f) {
    json_t *v = expect(f, "GET", "/api/v1/units/34/advice?date=2025-03-10", f->tok_cmd34, NULL, 200,
                       NULL, NULL);
    assert_string_equal(json_string_value(json_object_get(v, "unit")), "34");
    assert_string_equal(json_string_value(json_object_get(v, "date")), "2025-03-10");
    json_t *units = json_object_get(v, "units");
    assert_int_equal(json_array_size(units), 2);
    json_t *vt = json_array_get(units, 0);
    assert_string_equal(json_string_value(json_object_get(vt, "code")), "336");
    assert_int_equal(json_integer_value(json_object_get(vt, "remaining")), 1000);
    assert_int_equal(json_integer_value(json_object_get(vt, "days_left")), 10);
    assert_int_equal(json_integer_value(json_object_get(vt, "capacity")), 80);
    assert_int_equal(json_integer_value(json_object_get(vt, "capacity_after")), 120);
    assert_false(json_is_true(json_object_get(vt, "meets")));
    assert_true(json_is_true(json_object_get(vt, "meets_after")));
    json_t *props = json_object_get(v, "proposals");
    assert_int_equal(json_array_size(props), 1);
    json_t *p = json_array_get(props, 0);
    assert_string_equal(json_string_value(json_object_get(p, "kind")), "kit+officer");
    assert_string_equal(json_string_value(json_object_get(p, "state")), "proposed");
    assert_string_equal(json_string_value(json_object_get(p, "unit")), "34");
    assert_string_equal(json_string_value(json_object_get(p, "serial")), "KX-1");
    assert_string_equal(json_string_value(json_object_get(p, "username")), "kx1");
    assert_string_equal(json_string_value(json_object_get(json_object_get(p, "from"), "code")),
                        "337");
    assert_int_equal(
        json_integer_value(json_object_get(json_object_get(p, "to"), "needed_per_day")), 100);
    assert_non_null(strstr(json_string_value(json_object_get(p, "reason")), "1.000 more"));
    int64_t id = json_integer_value(json_object_get(p, "id"));
    assert_true(id > 0);
    json_decref(v);
    return id;
}

static void test_advice_api(void **state) {
    fixture *f = *state;
    /* roles and jurisdiction */
    expect_only(f, "GET", "/api/v1/units/34/advice", f->tok_viewer, NULL, 403, "auth.forbidden",
                NULL);
    expect_only(f, "GET", "/api/v1/units/34/advice", f->tok_sup, NULL, 403, "auth.forbidden", NULL);
    expect_only(f, "GET", "/api/v1/units/34/advice", f->tok_cmd38, NULL, 403, "auth.forbidden",
                "unit");
    expect_only(f, "GET", "/api/v1/units/VN/advice", f->tok_cmd34, NULL, 403, "auth.forbidden",
                "unit");
    /* bad input */
    expect_only(f, "GET", "/api/v1/units/34/advice?date=10-03-2025", f->tok_cmd34, NULL, 400,
                "date.format", "date");
    expect_only(f, "GET", "/api/v1/units/99/advice", f->tok_cmd34, NULL, 404, NULL, NULL);
    expect_only(f, "POST", "/api/v1/advice/abc/accept", f->tok_cmd34, "{}", 400, "input.argument",
                "id");
    expect_only(f, "POST", "/api/v1/advice/9999/accept", f->tok_cmd34, "{}", 404, "advice.unknown",
                "id");

    int64_t id = advise(f);
    char path[64];
    snprintf(path, sizeof path, "/api/v1/advice/%lld/dismiss", (long long)id);
    expect_only(f, "POST", path, f->tok_cmd38, "{}", 403, "auth.forbidden", "unit");
    json_t *v = expect(f, "POST", path, f->tok_cmd336, "{}", 200, NULL, NULL);
    assert_string_equal(json_string_value(json_object_get(v, "state")), "dismissed");
    assert_string_equal(json_string_value(json_object_get(v, "decided_by")), "cmd336");
    json_decref(v);

    id = advise(f);
    snprintf(path, sizeof path, "/api/v1/advice/%lld/accept", (long long)id);
    /* Vũ Thư's commander does not reach Kiến Xương, which gives */
    expect_only(f, "POST", path, f->tok_cmd336, "{}", 403, "auth.forbidden", "unit");
    expect_only(f, "POST", path, f->tok_viewer, "{}", 403, "auth.forbidden", NULL);
    v = expect(f, "POST", path, f->tok_cmd34, "{}", 200, NULL, NULL);
    assert_string_equal(json_string_value(json_object_get(v, "state")), "accepted");
    assert_string_equal(json_string_value(json_object_get(v, "decided_by")), "cmd34");
    json_decref(v);
    expect_only(f, "POST", path, f->tok_cmd34, "{}", 409, "advice.decided", "id");
    /* the kit is at Vũ Thư now */
    v = expect(f, "GET", "/api/v1/kits/KX-1", f->tok_cmd34, NULL, 200, NULL, NULL);
    char *s = json_dumps(v, JSON_COMPACT);
    assert_non_null(strstr(s, "advice"));
    free(s);
    json_decref(v);
    /* and Vũ Thư meets its deadline: nothing more to propose */
    v = expect(f, "GET", "/api/v1/units/34/advice", f->tok_cmd34, NULL, 200, NULL, NULL);
    assert_int_equal(json_array_size(json_object_get(v, "proposals")), 0);
    json_decref(v);
}

int main(void) {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_advice_api, setup, teardown),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    curl_global_cleanup();
    return rc;
}
