/*
 * test_store_enroll_api.c: applications through the HTTP API on each backend, over loopback
 * with libcurl: the role and jurisdiction matrix of every route (an officer opens, submits,
 * receives and delivers in its commune; a supervisor approves and rejects in its district;
 * the card centre moves production steps anywhere; a commander reads; a viewer and the wrong
 * commune or district are refused), idempotent opening (201 then 200, the same application),
 * problems (409 naming the current state, 422 naming the field), corrections waiting for a
 * supervisor and applied on approval, the supervisor's queue and the unit's figures; the card
 * centre's batches and the communes' manifests. Run once per backend by scripts/run-tests.sh
 * (see testdb.h).
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
#include <time.h>

#include "server/server.h"
#include "service/accounts.h"
#include "service/registry_import.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_points.h"
#include "service/production.h"
#include "store/store_batches.h"
#include "http_client.h"
#include "test_population.h"
#include "test_server.h"
#include "testdb.h"

#include <openssl/evp.h>

#include "core/fingerprint.h"
#include "service/fingerprint_png.h"
#include "service/seal.h"
#include "service/synth_fingerprint.h"
#include "service/synth_portrait.h"

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

/* A and B live in Phúc Xá (00001), C in Hoàn Kiếm (00037), D in Trúc Bạch (00004); E (Phúc
 * Xá) and F (Trúc Bạch) are the card centre's. */
#define ID_A "001090000001"
#define ID_B "001090000002"
#define ID_C "001090000003"
#define ID_D "001090000004"
#define ID_E "001090000005"
#define ID_F "001090000006"
static const char *extract =
    HEADER ROW(ID_A, "Nguyễn Văn An", "00001") ROW(ID_B, "Nguyễn Văn Bình", "00001")
        ROW(ID_C, "Nguyễn Văn Cao", "00037") ROW(ID_D, "Nguyễn Văn Dũng", "00004")
            ROW(ID_E, "Nguyễn Văn Em", "00001") ROW(ID_F, "Nguyễn Văn Phong", "00004");

static const cccd_date today = {2025, 3, 10, CCCD_DATE_DAY};
#define PASSWORD "mật khẩu dài 2026"

typedef struct fixture {
    char url[1024];
    cccd_server *srv;
    uint16_t port;
    cccd_seal_key key; /* the server's biometric key */
    char tok_off_a[CCCD_TOKEN_LEN], tok_off_b[CCCD_TOKEN_LEN], tok_sup[CCCD_TOKEN_LEN],
        tok_sup_hk[CCCD_TOKEN_LEN], tok_prod[CCCD_TOKEN_LEN], tok_cmd[CCCD_TOKEN_LEN],
        tok_viewer[CCCD_TOKEN_LEN];
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
    static const test_account accts[] = {
        {"off_a", "officer", "00001"},   {"off_b", "officer", "00004"},
        {"sup001", "supervisor", "001"}, {"sup002", "supervisor", "002"},
        {"centre", "production", "VN"},  {"cmd01", "commander", "01"},
        {"viewer01", "viewer", "01"}};
    if (test_accounts_add(st, u, today, accts, sizeof accts / sizeof accts[0], PASSWORD) != 0)
        return -1;
    cccd_units_free(u);
    cccd_store_close(st);
    cccd_server_config cfg;
    test_server_config(&cfg, f->url, today);
    if (cccd_seal_key_from_hex("0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0",
                               &f->key, &err) != CCCD_OK)
        return -1;
    cfg.bio_key = &f->key;
    if (test_server_start(&cfg, &f->srv, &f->port) != 0)
        return -1;
    login(f, "off_a", f->tok_off_a);
    login(f, "off_b", f->tok_off_b);
    login(f, "sup001", f->tok_sup);
    login(f, "sup002", f->tok_sup_hk);
    login(f, "centre", f->tok_prod);
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

static const char *state_of(json_t *v) {
    return json_string_value(json_object_get(v, "state"));
}

/* A JSON body {"NAME": base64 of bytes} (owned: free()). */
static char *b64_body(const char *name, const unsigned char *bytes, size_t len) {
    size_t cap = (len + 2) / 3 * 4 + strlen(name) + 16;
    char *out = malloc(cap);
    assert_non_null(out);
    int n = snprintf(out, cap, "{\"%s\":\"", name);
    n += EVP_EncodeBlock((unsigned char *)out + n, bytes, (int)len);
    snprintf(out + n, cap - (size_t)n, "\"}");
    return out;
}

/* The desk's captures of application id through the API (token: its officer): the portrait
 * and ten clear prints, what submission needs. */
static void capture_all(const fixture *f, json_int_t id, const char *token) {
    cccd_err err;
    unsigned char *jpeg = NULL;
    size_t jlen = 0;
    assert_int_equal(cccd_synth_portrait_jpeg(3, &jpeg, &jlen, &err), CCCD_OK);
    char *body = b64_body("jpeg_base64", jpeg, jlen), path[128];
    free(jpeg);
    snprintf(path, sizeof path, "/api/v1/applications/%lld/portrait", (long long)id);
    expect_only(f, "POST", path, token, body, 201, NULL, NULL);
    free(body);
    uint8_t *px = malloc(320 * 400);
    assert_non_null(px);
    for (int finger = 1; finger <= 10; finger++) {
        cccd_synth_finger fp =
            cccd_synth_finger_preset(CCCD_SYNTH_FINGER_CLEAR, 320, 400, (uint64_t)finger);
        unsigned char *png = NULL;
        size_t plen = 0;
        assert_int_equal(cccd_synth_finger_draw(&fp, px, &err), CCCD_OK);
        assert_int_equal(cccd_finger_png_encode(px, 320, 400, 320, &png, &plen, &err), CCCD_OK);
        body = b64_body("png_base64", png, plen);
        free(png);
        snprintf(path, sizeof path, "/api/v1/applications/%lld/fingers/%d", (long long)id, finger);
        expect_only(f, "POST", path, token, body, 201, NULL, NULL);
        free(body);
    }
    free(px);
}

/* The whole path of one application, every route tried by every role that must be refused. */
static void test_matrix(void **state) {
    fixture *f = *state;
    const char *open_a = "{\"personal_id\":\"" ID_A "\",\"request_id\":\"desk-1\"}";
    expect_only(f, "POST", "/api/v1/applications", f->tok_viewer, open_a, 403, "auth.forbidden",
                NULL);
    expect_only(f, "POST", "/api/v1/applications", f->tok_sup, open_a, 403, "auth.forbidden", NULL);
    expect_only(f, "POST", "/api/v1/applications", f->tok_off_b, open_a, 403, "auth.forbidden",
                "personal_id");
    expect_only(f, "POST", "/api/v1/applications", f->tok_off_a, "{\"personal_id\":\"" ID_A "\"}",
                422, NULL, "request_id");
    json_t *a = expect(f, "POST", "/api/v1/applications", f->tok_off_a, open_a, 201, NULL, NULL);
    assert_string_equal(state_of(a), "draft");
    assert_string_equal(json_string_value(json_object_get(a, "type")), "first_issue");
    assert_true(json_is_true(json_object_get(a, "created")));
    json_int_t id = json_integer_value(json_object_get(a, "id"));
    json_decref(a);
    /* a retry: the same application */
    a = expect(f, "POST", "/api/v1/applications", f->tok_off_a, open_a, 200, NULL, NULL);
    assert_int_equal(json_integer_value(json_object_get(a, "id")), id);
    assert_true(json_is_false(json_object_get(a, "created")));
    json_decref(a);
    expect_only(f, "POST", "/api/v1/applications", f->tok_off_a,
                "{\"personal_id\":\"" ID_A "\",\"request_id\":\"desk-2\"}", 409, "application.open",
                "personal_id");
    char path[128], step[160];
    snprintf(path, sizeof path, "/api/v1/applications/%lld", (long long)id);
    /* reading: its officer, the district's supervisor, the card centre, the commander */
    expect_only(f, "GET", path, f->tok_off_b, NULL, 403, "auth.forbidden", NULL);
    expect_only(f, "GET", path, f->tok_viewer, NULL, 403, "auth.forbidden", NULL);
    expect_only(f, "GET", path, f->tok_sup_hk, NULL, 403, "auth.forbidden", NULL);
    const char *readers[] = {f->tok_off_a, f->tok_sup, f->tok_prod, f->tok_cmd};
    for (size_t i = 0; i < 4; i++)
        json_decref(expect(f, "GET", path, readers[i], NULL, 200, NULL, NULL));
    expect_only(f, "GET", "/api/v1/applications/999", f->tok_off_a, NULL, 404,
                "application.unknown", NULL);
    /* submit: the officer of the commune, once the portrait and the prints are taken */
    snprintf(step, sizeof step, "%s/submit", path);
    expect_only(f, "POST", step, f->tok_off_a, NULL, 409, "application.state", "portrait");
    capture_all(f, id, f->tok_off_a);
    expect_only(f, "POST", step, f->tok_sup, NULL, 403, "auth.forbidden", NULL);
    expect_only(f, "POST", step, f->tok_off_b, NULL, 403, "auth.forbidden", NULL);
    a = expect(f, "POST", step, f->tok_off_a, NULL, 200, NULL, NULL);
    assert_string_equal(state_of(a), "submitted");
    json_decref(a);
    a = expect(f, "POST", step, f->tok_off_a, NULL, 409, "application.state", NULL);
    assert_non_null(strstr(json_string_value(json_object_get(a, "detail")),
                           "is submitted: it can go to approved or rejected, not submitted"));
    json_decref(a);
    /* the supervisor's queue */
    a = expect(f, "GET", "/api/v1/units/00001/applications?state=submitted", f->tok_sup, NULL, 200,
               NULL, NULL);
    assert_int_equal(json_array_size(json_object_get(a, "applications")), 1);
    json_decref(a);
    expect_only(f, "GET", "/api/v1/units/00001/applications", f->tok_off_b, NULL, 403,
                "auth.forbidden", NULL);
    /* approve: the district's supervisor, not an officer nor another district's */
    snprintf(step, sizeof step, "%s/approve", path);
    expect_only(f, "POST", step, f->tok_off_a, NULL, 403, "auth.forbidden", NULL);
    expect_only(f, "POST", step, f->tok_sup_hk, NULL, 403, "auth.forbidden", NULL);
    a = expect(f, "POST", step, f->tok_sup, NULL, 200, NULL, NULL);
    assert_string_equal(state_of(a), "approved");
    json_decref(a);
    /* the card centre's steps */
    snprintf(step, sizeof step, "%s/transition", path);
    const char *to_prod = "{\"to\":\"in_production\"}";
    expect_only(f, "POST", step, f->tok_off_a, to_prod, 403, "auth.forbidden", NULL);
    expect_only(f, "POST", step, f->tok_sup, to_prod, 403, "auth.forbidden", NULL);
    expect_only(f, "POST", step, f->tok_prod, "{\"to\":\"printed\"}", 422, NULL, "to");
    expect_only(f, "POST", step, f->tok_prod, "{\"to\":\"dispatched\"}", 409, "application.state",
                "state");
    const char *centre[] = {"in_production", "produced", "dispatched"};
    for (size_t i = 0; i < 3; i++) {
        char body[64];
        snprintf(body, sizeof body, "{\"to\":\"%s\"}", centre[i]);
        a = expect(f, "POST", step, f->tok_prod, body, 200, NULL, NULL);
        assert_string_equal(state_of(a), centre[i]);
        json_decref(a);
    }
    /* received and delivered at the unit, with the citizen's confirmation */
    expect_only(f, "POST", step, f->tok_prod, "{\"to\":\"received\"}", 403, "auth.forbidden", NULL);
    json_decref(expect(f, "POST", step, f->tok_off_a, "{\"to\":\"received\"}", 200, NULL, NULL));
    expect_only(f, "POST", step, f->tok_off_a, "{\"to\":\"delivered\"}", 422, NULL, "confirmed");
    expect_only(f, "POST", step, f->tok_off_a, "{\"to\":\"returned\"}", 409, "application.state",
                "state");
    a = expect(f, "POST", step, f->tok_off_a, "{\"to\":\"delivered\",\"confirmed\":true}", 200,
               NULL, NULL);
    assert_string_equal(state_of(a), "delivered");
    assert_string_equal(json_string_value(json_object_get(a, "card_number")), ID_A);
    json_decref(a);
    /* its history, and the day's figures */
    a = expect(f, "GET", path, f->tok_sup, NULL, 200, NULL, NULL);
    assert_int_equal(json_array_size(json_object_get(a, "events")), 8);
    json_decref(a);
    /* counted on the day of the server's clock (the test pins only "today") */
    char fpath[96], iso[11];
    snprintf(fpath, sizeof fpath, "/api/v1/units/00001/figures?date=%s",
             cccd_date_iso(cccd_date_vn_from_unix((int64_t)time(NULL)), iso));
    a = expect(f, "GET", fpath, f->tok_sup, NULL, 200, NULL, NULL);
    json_t *fig = json_object_get(a, "figures");
    assert_int_equal(
        json_integer_value(json_object_get(json_object_get(fig, "received"), "first_issue")), 1);
    assert_int_equal(
        json_integer_value(json_object_get(json_object_get(fig, "received_by"), "off_a")), 1);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(fig, "delivered"), "all")),
                     1);
    json_decref(a);
}

static void test_corrections_and_rejection(void **state) {
    fixture *f = *state;
    json_t *a = expect(f, "POST", "/api/v1/applications", f->tok_off_a,
                       "{\"personal_id\":\"" ID_B "\",\"request_id\":\"desk-b\"}", 201, NULL, NULL);
    json_int_t id = json_integer_value(json_object_get(a, "id"));
    json_decref(a);
    char path[128], cpath[128];
    snprintf(path, sizeof path, "/api/v1/applications/%lld/corrections", (long long)id);
    expect_only(f, "POST", path, f->tok_off_a,
                "{\"field\":\"card_number\",\"value\":\"1\",\"reason\":\"x\"}", 422,
                "correction.invalid", "field");
    expect_only(f, "POST", path, f->tok_off_a, "{\"field\":\"sex\",\"value\":\"F\"}", 422, NULL,
                "reason");
    a = expect(f, "POST", path, f->tok_off_a,
               "{\"field\":\"full_name\",\"value\":\"Nguyễn Văn Bính\",\"reason\":"
               "\"misspelt\",\"evidence\":\"birth certificate\"}",
               201, NULL, NULL);
    assert_string_equal(state_of(a), "proposed");
    json_int_t cid = json_integer_value(json_object_get(a, "id"));
    json_decref(a);
    snprintf(cpath, sizeof cpath, "/api/v1/corrections/%lld/decision", (long long)cid);
    expect_only(f, "POST", cpath, f->tok_off_a, "{\"approve\":true}", 403, "auth.forbidden", NULL);
    expect_only(f, "POST", cpath, f->tok_sup_hk, "{\"approve\":true}", 403, "auth.forbidden", NULL);
    expect_only(f, "POST", cpath, f->tok_sup, "{\"approve\":1}", 422, NULL, "approve");
    a = expect(f, "POST", cpath, f->tok_sup, "{\"approve\":true}", 200, NULL, NULL);
    assert_string_equal(state_of(a), "approved");
    json_decref(a);
    a = expect(f, "GET", "/api/v1/citizens/" ID_B, f->tok_sup, NULL, 200, NULL, NULL);
    assert_string_equal(json_string_value(json_object_get(a, "full_name")), "Nguyễn Văn Bính");
    json_decref(a);
    /* the personal ID corrected: the old one answers 404 with the new one to an account that
     * may read the person, and as an unknown ID to one that may not */
    a = expect(f, "POST", path, f->tok_off_a,
               "{\"field\":\"personal_id\",\"value\":\"001090000022\",\"reason\":"
               "\"a wrong digit\",\"evidence\":\"birth certificate\"}",
               201, NULL, NULL);
    cid = json_integer_value(json_object_get(a, "id"));
    json_decref(a);
    snprintf(cpath, sizeof cpath, "/api/v1/corrections/%lld/decision", (long long)cid);
    json_decref(expect(f, "POST", cpath, f->tok_sup, "{\"approve\":true}", 200, NULL, NULL));
    a = expect(f, "GET", "/api/v1/citizens/" ID_B, f->tok_sup, NULL, 404, "citizen.renamed", "id");
    char *text = json_dumps(a, 0);
    assert_non_null(strstr(text, "corrected to 001090000022"));
    free(text);
    json_decref(a);
    json_decref(
        expect(f, "GET", "/api/v1/citizens/001090000022", f->tok_sup, NULL, 200, NULL, NULL));
    expect_only(f, "GET", "/api/v1/citizens/" ID_B, f->tok_sup_hk, NULL, 404, "citizen.unknown",
                "id");
    /* submitted, then rejected: the reason is required */
    capture_all(f, id, f->tok_off_a);
    snprintf(path, sizeof path, "/api/v1/applications/%lld/submit", (long long)id);
    json_decref(expect(f, "POST", path, f->tok_off_a, NULL, 200, NULL, NULL));
    snprintf(path, sizeof path, "/api/v1/applications/%lld/reject", (long long)id);
    expect_only(f, "POST", path, f->tok_sup, "{}", 422, NULL, "reason");
    a = expect(f, "POST", path, f->tok_sup, "{\"reason\":\"blurred photo\"}", 200, NULL, NULL);
    assert_string_equal(state_of(a), "rejected");
    assert_string_equal(json_string_value(json_object_get(a, "rejection_reason")), "blurred photo");
    json_decref(a);
}

/* The desk uploads the portrait and the prints of an application of its commune; others may
 * not; a bad upload is a 422 naming the field; a supervisor confirms an exception. */
static void test_uploads(void **state) {
    fixture *f = *state;
    cccd_err err;
    json_t *a = expect(f, "POST", "/api/v1/applications", f->tok_off_b,
                       "{\"personal_id\":\"" ID_D "\",\"request_id\":\"desk-d\"}", 201, NULL, NULL);
    json_int_t id = json_integer_value(json_object_get(a, "id"));
    json_decref(a);
    unsigned char *jpeg = NULL, *png = NULL;
    size_t jlen = 0, plen = 0;
    assert_int_equal(cccd_synth_portrait_jpeg(11, &jpeg, &jlen, &err), CCCD_OK);
    cccd_synth_finger fp = cccd_synth_finger_preset(CCCD_SYNTH_FINGER_CLEAR, 320, 400, 5);
    uint8_t *px = malloc(320 * 400);
    assert_int_equal(cccd_synth_finger_draw(&fp, px, &err), CCCD_OK);
    assert_int_equal(cccd_finger_png_encode(px, 320, 400, 320, &png, &plen, &err), CCCD_OK);
    free(px);
    char *photo = b64_body("jpeg_base64", jpeg, jlen), *print = b64_body("png_base64", png, plen),
         *print_as_photo = b64_body("jpeg_base64", png, plen), path[128];
    snprintf(path, sizeof path, "/api/v1/applications/%lld/portrait", (long long)id);
    expect_only(f, "POST", path, f->tok_off_a, photo, 403, "auth.forbidden", NULL);
    expect_only(f, "POST", path, f->tok_viewer, photo, 403, "auth.forbidden", NULL);
    expect_only(f, "POST", path, f->tok_off_b, print_as_photo, 422, "photo.format", "jpeg_base64");
    expect_only(f, "POST", path, f->tok_off_b, "{\"jpeg_base64\":\"***\"}", 422, NULL,
                "jpeg_base64");
    a = expect(f, "POST", path, f->tok_off_b, photo, 201, NULL, NULL);
    assert_int_equal(json_integer_value(json_object_get(a, "attempt")), 1);
    json_decref(a);
    snprintf(path, sizeof path, "/api/v1/applications/%lld/fingers/1", (long long)id);
    a = expect(f, "POST", path, f->tok_off_b, print, 201, NULL, NULL);
    assert_string_equal(json_string_value(json_object_get(a, "decision")), "accept");
    assert_true(json_integer_value(json_object_get(a, "score")) >= 60);
    json_decref(a);
    snprintf(path, sizeof path, "/api/v1/applications/%lld/fingers/11", (long long)id);
    expect_only(f, "POST", path, f->tok_off_b, print, 404, NULL, "finger");
    snprintf(path, sizeof path, "/api/v1/applications/%lld/fingers/2", (long long)id);
    expect_only(f, "POST", path, f->tok_off_b, photo, 422, NULL, "png_base64");
    expect_only(f, "POST", path, f->tok_off_b, "{\"exception\":\"bandaged\"}", 201, NULL, NULL);
    snprintf(path, sizeof path, "/api/v1/applications/%lld/fingers/2/confirm", (long long)id);
    expect_only(f, "POST", path, f->tok_off_b, NULL, 403, "auth.forbidden", NULL);
    expect_only(f, "POST", path, f->tok_sup_hk, NULL, 403, "auth.forbidden", NULL);
    expect_only(f, "POST", path, f->tok_sup, NULL, 200, NULL, NULL);
    expect_only(f, "POST", path, f->tok_sup, NULL, 422, NULL, "finger");
    free(photo);
    free(print);
    free(print_as_photo);
    free(jpeg);
    free(png);
}

/* An application of pid opened by its commune's officer, captured, submitted and approved. */
static json_int_t approved_app(const fixture *f, const char *pid, const char *token) {
    char body[128], path[128];
    snprintf(body, sizeof body, "{\"personal_id\":\"%s\",\"request_id\":\"centre-%s\"}", pid, pid);
    json_t *a = expect(f, "POST", "/api/v1/applications", token, body, 201, NULL, NULL);
    json_int_t id = json_integer_value(json_object_get(a, "id"));
    json_decref(a);
    capture_all(f, id, token);
    snprintf(path, sizeof path, "/api/v1/applications/%lld/submit", (long long)id);
    expect_only(f, "POST", path, token, NULL, 200, NULL, NULL);
    snprintf(path, sizeof path, "/api/v1/applications/%lld/approve", (long long)id);
    expect_only(f, "POST", path, f->tok_sup, NULL, 200, NULL, NULL);
    return id;
}

static long approved_in(const fixture *f, const char *unit) {
    char path[128];
    snprintf(path, sizeof path, "/api/v1/units/%s/applications?state=approved", unit);
    json_t *l = expect(f, "GET", path, f->tok_sup, NULL, 200, NULL, NULL);
    long n = (long)json_array_size(json_object_get(l, "applications"));
    json_decref(l);
    return n;
}

static bool mark_produced(void *ctx, const cccd_batch_card *c) {
    cccd_store *st = ctx;
    cccd_date issued, expiry, dob = {1990, 1, 15, CCCD_DATE_DAY};
    cccd_err err;
    bool changed = false;
    const cccd_actor centre = {"centre", "production", "VN", "127.0.0.1"};
    int64_t now = cccd_date_to_days(today) * 86400 + 3 * 3600;
    assert_int_equal(cccd_card_dates(dob, now, &issued, &expiry, &err), CCCD_OK);
    assert_int_equal(cccd_batch_card_done(st, c->application_id, issued, expiry, "00", now, &centre,
                                          &changed, &err),
                     CCCD_OK);
    assert_true(changed);
    return true;
}

/* The card centre's routes: a batch of the district's approved applications, dispatched once
 * made, a manifest per commune, each confirmed by its own commune only. */
static void test_production(void **state) {
    fixture *f = *state;
    approved_app(f, ID_E, f->tok_off_a);
    approved_app(f, ID_F, f->tok_off_b);
    long waiting = approved_in(f, "00001") + approved_in(f, "00004");
    assert_true(waiting >= 2);
    expect_only(f, "POST", "/api/v1/units/001/batches", f->tok_off_a, NULL, 403, "auth.forbidden",
                NULL);
    expect_only(f, "POST", "/api/v1/units/001/batches", f->tok_sup, NULL, 403, "auth.forbidden",
                NULL);
    expect_only(f, "POST", "/api/v1/units/001/batches", f->tok_prod, "{\"limit\":0}", 422, NULL,
                "limit");
    json_t *b = expect(f, "POST", "/api/v1/units/001/batches", f->tok_prod, NULL, 201, NULL, NULL);
    assert_int_equal(json_integer_value(json_object_get(b, "cards")), waiting);
    assert_string_equal(json_string_value(json_object_get(b, "state")), "open");
    json_int_t id = json_integer_value(json_object_get(b, "id"));
    json_decref(b);
    expect_only(f, "POST", "/api/v1/units/001/batches", f->tok_prod, NULL, 409, "batch.state",
                "unit");
    char path[128];
    snprintf(path, sizeof path, "/api/v1/batches/%lld", (long long)id);
    expect_only(f, "GET", path, f->tok_off_a, NULL, 403, "auth.forbidden", NULL);
    expect_only(f, "GET", "/api/v1/batches/999", f->tok_prod, NULL, 404, "batch.unknown", "batch");
    expect_only(f, "GET", "/api/v1/batches/x", f->tok_prod, NULL, 400, NULL, "batch");
    snprintf(path, sizeof path, "/api/v1/batches/%lld/dispatch", (long long)id);
    expect_only(f, "POST", path, f->tok_prod, NULL, 409, "batch.state", "batch");
    /* the batch tool makes the cards */
    cccd_store *st = NULL;
    cccd_err err;
    assert_int_equal(cccd_store_open(f->url, &st, &err), CCCD_OK);
    assert_int_equal(cccd_store_batch_cards(st, id, true, 0, 1000, mark_produced, st, &err),
                     CCCD_OK);
    cccd_store_close(st);
    b = expect(f, "POST", path, f->tok_prod, NULL, 200, NULL, NULL);
    assert_string_equal(json_string_value(json_object_get(b, "state")), "dispatched");
    json_t *ms = json_object_get(b, "manifests");
    assert_int_equal(json_array_size(ms), 2);
    json_t *m1 = json_array_get(ms, 0);
    assert_string_equal(json_string_value(json_object_get(m1, "unit_key")), "00001@");
    json_int_t manifest = json_integer_value(json_object_get(m1, "id"));
    json_decref(b);
    /* Phúc Xá sees and confirms its own; Trúc Bạch may not */
    json_t *l =
        expect(f, "GET", "/api/v1/units/00001/manifests", f->tok_off_a, NULL, 200, NULL, NULL);
    assert_int_equal(json_integer_value(
                         json_object_get(json_array_get(json_object_get(l, "manifests"), 0), "id")),
                     manifest);
    json_decref(l);
    expect_only(f, "GET", "/api/v1/units/00001/manifests", f->tok_off_b, NULL, 403,
                "auth.forbidden", NULL);
    snprintf(path, sizeof path, "/api/v1/manifests/%lld/receive", (long long)manifest);
    expect_only(f, "POST", path, f->tok_off_b, NULL, 403, "auth.forbidden", "manifest");
    json_t *m = expect(f, "POST", path, f->tok_off_a, NULL, 200, NULL, NULL);
    assert_string_equal(json_string_value(json_object_get(m, "received_by")), "off_a");
    json_decref(m);
    expect_only(f, "POST", path, f->tok_off_a, NULL, 409, "batch.state", "manifest");
    expect_only(f, "POST", "/api/v1/manifests/999/receive", f->tok_off_a, NULL, 404,
                "manifest.unknown", "manifest");
}

int main(void) {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_matrix),
        cmocka_unit_test(test_corrections_and_rejection),
        cmocka_unit_test(test_uploads),
        cmocka_unit_test(test_production),
    };
    int rc = cmocka_run_group_tests(tests, setup, teardown);
    curl_global_cleanup();
    return rc;
}
