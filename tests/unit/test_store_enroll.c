/*
 * test_store_enroll.c: applications on each backend (service/enrollment.h,
 * docs/enrollment.md): the type decided from the registry record with its reason (first issue,
 * exchange when expiring, damaged or the commune changed, re-issue revoking the lost card),
 * every refusal (under 14, deceased, already open, valid card with nothing to change) leaving
 * nothing behind; corrections (identity fields wait for a supervisor, approval applies them to
 * the record); every step of the workflow allowed and refused, from every state and for every
 * role (table-driven from core/application.c's table); the unit's figures after a day of
 * steps; idempotent opening, also from several threads with their own connections and through
 * group commit (a failing job of a group undone alone, its counters too); biometric
 * blobs kept byte for byte; delivery recording the new card. Run once per backend by
 * scripts/run-tests.sh (see testdb.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/fingerprint.h"
#include "service/enroll_capture.h"
#include "service/enrollment.h"
#include "service/fingerprint_png.h"
#include "service/synth_fingerprint.h"
#include "service/synth_portrait.h"
#include "service/registry_import.h"
#include "store/store.h"
#include "store/store_applications.h"
#include "store/store_audit.h"
#include "store/store_points.h"
#include "test_population.h"
#include "testdb.h"

static const char *units_json =
    "{\"data\":[{\"level1_id\":\"01\",\"name\":\"Thành phố Hà Nội\",\"type\":\"Thành phố "
    "Trung ương\",\"level2s\":["
    "{\"level2_id\":\"001\",\"name\":\"Quận Ba Đình\",\"type\":\"Quận\",\"level3s\":["
    "{\"level3_id\":\"00001\",\"name\":\"Phường Phúc Xá\",\"type\":\"Phường\"},"
    "{\"level3_id\":\"00004\",\"name\":\"Phường Trúc Bạch\",\"type\":\"Phường\"}]}]}]}";

/* the 2025 reform: Phúc Xá merges into Hồng Hà, Trúc Bạch into Ba Đình, from 2025-07-01 */
static const char *reform_json =
    "{\"data\":[{\"level1_id\":\"01\",\"name\":\"Thành phố Hà Nội\",\"splits\":[{\"new_id\":"
    "\"01\",\"name\":\"Thành phố Hà Nội\"}],\"level3s\":["
    "{\"level3_id\":\"00001\",\"name\":\"Phường Phúc Xá\",\"splits\":[{\"new_id\":\"00097\","
    "\"name\":\"Phường Hồng Hà\"}]},"
    "{\"level3_id\":\"00004\",\"name\":\"Phường Trúc Bạch\",\"splits\":[{\"new_id\":\"00004\","
    "\"name\":\"Phường Ba Đình\"}]}]}]}";
static const cccd_date d_0701 = {2025, 7, 1, CCCD_DATE_DAY};

#define HEADER                                                                                     \
    "personal_id,full_name,date_of_birth,sex,ethnicity,religion,nationality,place_of_origin,"      \
    "permanent_commune,permanent_address,household_id,relation_to_head,residential_group,"         \
    "temporary_commune,temporary_address,status,mobility,old_id_number,card_type,card_number,"     \
    "card_issued,card_expiry,father_name,mother_name,spouse_name\n"
#define ROW(pid, name, dob, sex, status, card)                                                     \
    pid "," name "," dob "," sex ",Kinh,Không,Việt Nam,Hà Nội,00001,Số 1,HK" pid                   \
        ",Chủ hộ,Tổ 1,,," status ",normal,," card ",,,\n"

/* A no card; B a valid chip card to 2030; C a chip card expiring 2025-04-04 (at 40); D under
 * 14; E deceased; F a barcode card; G a valid chip card (for "damaged"); P01..P30 no card. */
static const char *population =
    HEADER ROW("001090000001", "Nguyễn Văn An", "1990-01-01", "M", "alive", ",,,")
        ROW("001190000002", "Trần Thị Bình", "1990-02-02", "F", "alive",
            "chip,001190000002,2021-07-07,2030-02-02")
            ROW("001085000003", "Nguyễn Văn Cường", "1985-04-04", "M", "alive",
                "chip,001085000003,2021-01-01,2025-04-04")
                ROW("001215000004", "Nguyễn Văn Dũng", "2015-04-04", "M", "alive", ",,,")
                    ROW("001050000006", "Nguyễn Văn Phúc", "1950-06-06", "M", "deceased", ",,,")
                        ROW("001090000007", "Nguyễn Văn Giang", "1990-07-07", "M", "alive",
                            "barcode,001090000007,2017-07-07,")
                            ROW("001090000008", "Nguyễn Văn Hà", "1990-08-08", "M", "alive",
                                "chip,001090000008,2021-07-07,2030-08-08");

static const cccd_date d_0301 = {2025, 3, 1, CCCD_DATE_DAY};
static const cccd_date d_0310 = {2025, 3, 10, CCCD_DATE_DAY};

typedef struct fixture {
    char url[1024];
    cccd_store *st;
    cccd_units *u;
    int64_t p1, day, now;
} fixture;

static const cccd_actor machine = {"cli:test", "", "", "local"};
static const cccd_actor officer = {"o1", "officer", "00001@", "127.0.0.1"};
static const cccd_actor officer2 = {"o2", "officer", "00001@", "127.0.0.1"};
static const cccd_actor supervisor = {"s1", "supervisor", "00001@", "127.0.0.1"};
static const cccd_actor production = {"c1", "production", "VN", "127.0.0.1"};
static const cccd_actor commander = {"k1", "commander", "00001@", "127.0.0.1"};

static int setup(void **state) {
    fixture *f = calloc(1, sizeof *f);
    cccd_err err;
    if (f == NULL || testdb_new(f->url, sizeof f->url) != 0 ||
        cccd_store_open(f->url, &f->st, &err) != CCCD_OK ||
        cccd_store_migrate(f->st, NULL, NULL, &err) != CCCD_OK)
        return -1;
    if (testdb_units(f->st, units_json, reform_json, d_0701, NULL, &err) != CCCD_OK ||
        cccd_store_units_load(f->st, &f->u, &err) != CCCD_OK)
        return -1;
    char csv[8192];
    size_t n = (size_t)snprintf(csv, sizeof csv, "%s", population);
    for (int i = 1; i <= 30; i++)
        n += (size_t)snprintf(csv + n, sizeof csv - n,
                              "0010900001%02d,Lê Văn Số %d,1990-01-%02d,M,Kinh,Không,Việt Nam,Hà "
                              "Nội,00001,Số 1,HKP%d,Chủ hộ,Tổ 1,,,alive,normal,,,,,,,,\n",
                              i, i, i % 28 + 1, i);
    if (testdb_registry(f->st, f->u, csv, n, d_0301, &err) != CCCD_OK)
        return -1;
    cccd_point p = {.kind = CCCD_POINT_FIXED,
                    .open_from = INT64_MIN,
                    .open_to = INT64_MAX,
                    .people_per_kit_hour = CCCD_PEOPLE_PER_KIT_HOUR_DEFAULT};
    snprintf(p.unit_key, sizeof p.unit_key, "00001@");
    snprintf(p.name, sizeof p.name, "Công an phường Phúc Xá");
    snprintf(p.address, sizeof p.address, "Số 1 Phúc Xá");
    if (cccd_store_point_add(f->st, &p, &f->p1, &err) != CCCD_OK)
        return -1;
    f->day = cccd_date_to_days(d_0310);
    /* the counters as of the day of the desk (what cccd registry rollover does each day) */
    if (cccd_store_begin(f->st, &err) != CCCD_OK ||
        cccd_store_coverage_begin(f->st, f->day, &err) != CCCD_OK ||
        cccd_store_commit(f->st, &err) != CCCD_OK)
        return -1;
    f->now = f->day * 86400 - 7 * 3600 + 9 * 3600; /* 09:00 in Vietnam */
    *state = f;
    return 0;
}

static int teardown(void **state) {
    fixture *f = *state;
    cccd_units_free(f->u);
    cccd_store_close(f->st);
    testdb_drop(f->url);
    free(f);
    return 0;
}

static int64_t audit_head(fixture *f) {
    int64_t seq = 0;
    char hash[CCCD_AUDIT_HASH_LEN];
    cccd_err err;
    assert_int_equal(cccd_store_audit_head(f->st, &seq, hash, &err), CCCD_OK);
    return seq;
}

static cccd_errc open_app(fixture *f, const char *pid, const char *req, bool lost, bool damaged,
                          cccd_application *a, cccd_err *err) {
    cccd_enroll_open_req r = {
        .personal_id = pid, .request_id = req, .lost = lost, .damaged = damaged};
    bool created;
    return cccd_enroll_open(f->st, f->u, d_0310, f->now, &officer, &r, a, &created, err);
}

static void on_taken(void *ctx, const cccd_bio *b) {
    ((bool *)ctx)[b->finger] = true;
}

/* The desk's captures of an application, as stored (the bytes stand for sealed ones): the
 * portrait and the prints it does not have yet, of a good score, so that it may be
 * submitted. */
static void captured(fixture *f, int64_t app) {
    static const unsigned char bytes[] = "sealed capture";
    cccd_err err;
    int64_t id;
    bool taken[11] = {false};
    if (cccd_store_bio_list(f->st, app, false, on_taken, taken, &err) != CCCD_OK)
        fail_msg("captures of %lld: %s", (long long)app, err.msg);
    for (int finger = 0; finger <= 10; finger++) {
        if (taken[finger])
            continue;
        cccd_bio b = {.application_id = app,
                      .portrait = finger == 0,
                      .finger = finger,
                      .attempt = 1,
                      .sealed = bytes,
                      .len = sizeof bytes,
                      .quality = finger == 0 ? -1 : 80};
        if (cccd_enroll_bio_add(f->st, &b, f->now, &machine, &id, &err) != CCCD_OK)
            fail_msg("capture %d of %lld: %s", finger, (long long)app, err.msg);
    }
}

/* Phúc Xá's counters on the counters' day. */
static void phuc_xa(void *ctx, const char *unit_key, const cccd_counts *c) {
    if (strcmp(unit_key, "00001@") == 0)
        *(cccd_counts *)ctx = *c;
}

static cccd_counts counts_now(fixture *f) {
    int64_t ref;
    cccd_counts v = {-1, -1, -1, -1};
    cccd_err err;
    assert_int_equal(cccd_store_coverage_counters(f->st, &ref, phuc_xa, &v, &err), CCCD_OK);
    return v;
}

static int64_t valid_now(fixture *f) {
    return counts_now(f).valid_card;
}

static int64_t in_progress(fixture *f) {
    return counts_now(f).in_progress;
}

static int64_t residents_now(fixture *f) {
    return counts_now(f).residents;
}

static bool count_one(void *ctx, const cccd_store_record *r) {
    (void)r;
    ++*(int *)ctx;
    return true;
}

/* How many people the remaining list of Phúc Xá names on the counters' day. */
static int listed(fixture *f) {
    int n = 0;
    cccd_err err;
    assert_int_equal(
        cccd_store_remaining(f->st, "00001@", f->day, NULL, NULL, NULL, 1000, count_one, &n, &err),
        CCCD_OK);
    return n;
}

/* Coverage: a submitted application is "in progress" until it closes; a delivered card is then
 * a valid card instead; an exchange of a card still valid counts nothing. */
static void test_in_progress(void **state) {
    fixture *f = *state;
    cccd_err err;
    cccd_application a, c;
    int64_t valid = valid_now(f);
    assert_int_equal(in_progress(f), 0);
    int before = listed(f);
    assert_int_equal(open_app(f, "001090000001", "p1", false, false, &a, &err), CCCD_OK);
    assert_int_equal(in_progress(f), 0); /* a draft is not yet received */
    assert_int_equal(listed(f), before);
    captured(f, a.id);
    assert_int_equal(
        cccd_enroll_move(f->st, a.id, CCCD_APP_SUBMITTED, NULL, f->now, &officer, &a, &err),
        CCCD_OK);
    assert_int_equal(in_progress(f), 1);
    /* counted in progress, so no longer listed as remaining (the list agrees with the figure) */
    assert_int_equal(listed(f), before - 1);
    assert_string_equal(a.progress_unit, "00001@");
    assert_int_equal(open_app(f, "001085000003", "p2", false, false, &c, &err), CCCD_OK);
    captured(f, c.id);
    assert_int_equal(
        cccd_enroll_move(f->st, c.id, CCCD_APP_SUBMITTED, NULL, f->now, &officer, &c, &err),
        CCCD_OK);
    assert_int_equal(in_progress(f), 1); /* C's card is still valid: already counted as valid */
    cccd_enroll_step why = {.reason = "blurred"};
    assert_int_equal(
        cccd_enroll_move(f->st, a.id, CCCD_APP_REJECTED, &why, f->now, &supervisor, &a, &err),
        CCCD_OK);
    assert_int_equal(in_progress(f), 0);
    assert_int_equal(listed(f), before);
    assert_int_equal(open_app(f, "001090000001", "p3", false, false, &a, &err), CCCD_OK);
    captured(f, a.id);
    cccd_enroll_step yes = {.citizen_confirmed = true};
    const cccd_app_state path2[] = {CCCD_APP_SUBMITTED, CCCD_APP_APPROVED,   CCCD_APP_IN_PRODUCTION,
                                    CCCD_APP_PRODUCED,  CCCD_APP_DISPATCHED, CCCD_APP_RECEIVED};
    for (size_t i = 0; i < sizeof path2 / sizeof path2[0]; i++)
        assert_int_equal(cccd_enroll_move(f->st, a.id, path2[i], &yes, f->now, &machine, &a, &err),
                         CCCD_OK);
    assert_int_equal(in_progress(f), 1);
    assert_int_equal(valid_now(f), valid);
    assert_int_equal(
        cccd_enroll_move(f->st, a.id, CCCD_APP_DELIVERED, &yes, f->now, &machine, &a, &err),
        CCCD_OK);
    assert_int_equal(in_progress(f), 0);
    assert_int_equal(valid_now(f), valid + 1);
}

static void test_types(void **state) {
    fixture *f = *state;
    cccd_application a;
    cccd_err err;
    assert_int_equal(open_app(f, "001090000001", "r-a", false, false, &a, &err), CCCD_OK);
    assert_int_equal(a.type, CCCD_APP_FIRST_ISSUE);
    assert_string_equal(a.type_reason, "no chip card");
    assert_int_equal(a.state, CCCD_APP_DRAFT);
    assert_string_equal(a.unit_key, "00001@");
    assert_string_equal(a.officer, "o1");

    assert_int_equal(open_app(f, "001085000003", "r-c", false, false, &a, &err), CCCD_OK);
    assert_int_equal(a.type, CCCD_APP_EXCHANGE);
    assert_string_equal(a.type_reason,
                        "expiring: card 001085000003 is valid until 2025-04-04 (exchange at 40)");

    assert_int_equal(open_app(f, "001090000007", "r-f", false, false, &a, &err), CCCD_OK);
    assert_int_equal(a.type, CCCD_APP_FIRST_ISSUE);
    assert_string_equal(a.type_reason, "no chip card (holds barcode card 001090000007)");

    assert_int_equal(open_app(f, "001090000008", "r-g", false, true, &a, &err), CCCD_OK);
    assert_int_equal(a.type, CCCD_APP_EXCHANGE);
    assert_string_equal(a.type_reason, "damaged: card 001090000008");

    /* lost: a re-issue, and the old card is no longer valid (the counters follow) */
    int64_t before = valid_now(f);
    assert_int_equal(open_app(f, "001190000002", "r-b", true, false, &a, &err), CCCD_OK);
    assert_int_equal(a.type, CCCD_APP_REISSUE);
    assert_string_equal(a.revoked_card, "001190000002");
    assert_string_equal(a.type_reason, "lost: card 001190000002 is revoked");
    assert_int_equal(valid_now(f), before - 1);
    cccd_store_record r;
    bool found;
    assert_int_equal(cccd_store_citizen_get(f->st, "001190000002", &r, &found, &err), CCCD_OK);
    assert_true(found);
    assert_string_equal(r.v[CCCD_CF_CARD_EXPIRY], "2025-03-09");
    cccd_store_record_free(&r);
}

static void test_commune_changed(void **state) {
    fixture *f = *state;
    /* the pure rule: a valid card and changed data is an exchange; nothing changed, refused */
    cccd_app_facts facts = {.today = d_0310,
                            .dob = {1990, 2, 2, CCCD_DATE_DAY},
                            .card_type = CCCD_CARD_CHIP,
                            .card_number = "001190000002",
                            .card_issued = {2021, 7, 7, CCCD_DATE_DAY},
                            .card_expiry = {2030, 2, 2, CCCD_DATE_DAY},
                            .changed = "the commune of permanent residence merged",
                            .window_days = 90};
    cccd_app_decision d;
    cccd_err err;
    assert_int_equal(cccd_app_decide(&facts, &d, &err), CCCD_OK);
    assert_int_equal(d.type, CCCD_APP_EXCHANGE);
    assert_string_equal(d.reason, "data changed: the commune of permanent residence merged");
    facts.changed = "";
    assert_int_equal(cccd_app_decide(&facts, &d, &err), CCCD_E_APP_REFUSED);
    /* expired: an exchange */
    facts.card_expiry = (cccd_date){2025, 3, 1, CCCD_DATE_DAY};
    assert_int_equal(cccd_app_decide(&facts, &d, &err), CCCD_OK);
    assert_string_equal(d.reason, "expired: card 001190000002 was valid until 2025-03-01");
    /* lost without a chip card: a first issue */
    facts.card_type = CCCD_CARD_NONE;
    facts.lost = true;
    assert_int_equal(cccd_app_decide(&facts, &d, &err), CCCD_OK);
    assert_int_equal(d.type, CCCD_APP_FIRST_ISSUE);
    assert_false(d.revoke);
    /* through the service: the citizen says the data changed */
    cccd_enroll_open_req r = {.personal_id = "001090000008",
                              .request_id = "r-h",
                              .changed = "the address was renumbered"};
    cccd_application a;
    bool created;
    assert_int_equal(
        cccd_enroll_open(f->st, f->u, d_0310, f->now, &officer, &r, &a, &created, &err), CCCD_OK);
    assert_true(created);
    assert_string_equal(a.type_reason, "data changed: the address was renumbered");
}

/* After the reform, a valid card whose commune merged is exchanged: the address changes. */
static void test_commune_merged(void **state) {
    fixture *f = *state;
    cccd_date d_0801 = {2025, 8, 1, CCCD_DATE_DAY};
    cccd_enroll_open_req r = {.personal_id = "001090000008", .request_id = "m1"};
    cccd_application a;
    cccd_err err;
    /* before the reform: nothing to change */
    assert_int_equal(cccd_enroll_open(f->st, f->u, d_0310, f->now, &officer, &r, &a, NULL, &err),
                     CCCD_E_APP_REFUSED);
    int64_t later = cccd_date_to_days(d_0801) * 86400;
    assert_int_equal(cccd_enroll_open(f->st, f->u, d_0801, later, &officer, &r, &a, NULL, &err),
                     CCCD_OK);
    assert_int_equal(a.type, CCCD_APP_EXCHANGE);
    assert_string_equal(a.type_reason, "data changed: the commune of permanent residence Phường "
                                       "Phúc Xá (00001) ended on 2025-07-01");
    /* the application belongs to the commune that serves the person now: its supervisor's
     * queue, its figures and the manifest of its card go there */
    assert_string_equal(a.unit_key, "00097@2025-07-01");
}

static void test_refusals(void **state) {
    fixture *f = *state;
    cccd_application a;
    cccd_err err;
    int64_t head = audit_head(f);
    assert_int_equal(open_app(f, "001190000002", "x1", false, false, &a, &err), CCCD_E_APP_REFUSED);
    assert_non_null(strstr(err.msg, "valid until 2030-02-02 and nothing is to change"));
    assert_string_equal(err.field, "personal_id");
    assert_int_equal(open_app(f, "001215000004", "x2", false, false, &a, &err), CCCD_E_APP_REFUSED);
    assert_non_null(strstr(err.msg, "under 14 (age 9)"));
    assert_int_equal(open_app(f, "001050000006", "x3", false, false, &a, &err), CCCD_E_APP_REFUSED);
    assert_non_null(strstr(err.msg, "deceased"));
    assert_int_equal(open_app(f, "001090000099", "x4", false, false, &a, &err),
                     CCCD_E_CITIZEN_UNKNOWN);
    assert_int_equal(open_app(f, "00109000000", "x5", false, false, &a, &err), CCCD_E_ARG);
    assert_string_equal(err.field, "personal_id");
    assert_int_equal(open_app(f, "001090000001", "has space", false, false, &a, &err), CCCD_E_ARG);
    assert_string_equal(err.field, "request_id");
    /* a viewer or a supervisor does not open applications */
    cccd_enroll_open_req r = {.personal_id = "001090000001", .request_id = "x6"};
    assert_int_equal(cccd_enroll_open(f->st, f->u, d_0310, f->now, &supervisor, &r, &a, NULL, &err),
                     CCCD_E_FORBIDDEN);
    assert_int_equal(audit_head(f), head); /* nothing written */
    /* already open */
    assert_int_equal(open_app(f, "001090000001", "x7", false, false, &a, &err), CCCD_OK);
    int64_t id = a.id;
    assert_int_equal(open_app(f, "001090000001", "x8", false, false, &a, &err), CCCD_E_APP_OPEN);
    char want[96];
    snprintf(want, sizeof want, "has application %lld open (draft)", (long long)id);
    assert_non_null(strstr(err.msg, want));
    assert_int_equal(audit_head(f), head + 1);
}

static void test_idempotent(void **state) {
    fixture *f = *state;
    cccd_application a, b;
    cccd_err err;
    bool created = false;
    cccd_enroll_open_req r = {
        .personal_id = "001090000001", .request_id = "uuid-1", .point_id = f->p1};
    assert_int_equal(
        cccd_enroll_open(f->st, f->u, d_0310, f->now, &officer, &r, &a, &created, &err), CCCD_OK);
    assert_true(created);
    assert_int_equal(a.point_id, f->p1);
    int64_t head = audit_head(f);
    assert_int_equal(
        cccd_enroll_open(f->st, f->u, d_0310, f->now + 5, &officer, &r, &b, &created, &err),
        CCCD_OK);
    assert_false(created);
    assert_int_equal(b.id, a.id);
    assert_int_equal(b.created_at, a.created_at);
    assert_int_equal(audit_head(f), head);
    /* still the same after it moved on */
    captured(f, a.id);
    assert_int_equal(
        cccd_enroll_move(f->st, a.id, CCCD_APP_SUBMITTED, NULL, f->now, &officer, NULL, &err),
        CCCD_OK);
    assert_int_equal(
        cccd_enroll_open(f->st, f->u, d_0310, f->now, &officer, &r, &b, &created, &err), CCCD_OK);
    assert_int_equal(b.id, a.id);
    assert_int_equal(b.state, CCCD_APP_SUBMITTED);
    /* the same request id for another person */
    r.personal_id = "001090000008";
    assert_int_equal(
        cccd_enroll_open(f->st, f->u, d_0310, f->now, &officer, &r, &b, &created, &err),
        CCCD_E_APP_REQUEST);
    assert_string_equal(err.field, "request_id");
}

/* ---- several desks at once, each with its own connection ---- */

typedef struct desk {
    const fixture *f;
    cccd_store_group *group; /* NULL: the desk commits on its own connection */
    const char *pid;
    char request_id[32];
    cccd_errc rc;
    int64_t id;
    bool created;
    char msg[256];
} desk;

static void *desk_run(void *arg) {
    desk *d = arg;
    cccd_store *st = NULL;
    cccd_err err;
    d->rc = cccd_store_open(d->f->url, &st, &err);
    if (d->rc == CCCD_OK)
        cccd_store_use_group(st, d->group);
    cccd_application a;
    cccd_enroll_open_req r = {.personal_id = d->pid, .request_id = d->request_id};
    if (d->rc == CCCD_OK)
        d->rc =
            cccd_enroll_open(st, d->f->u, d_0310, d->f->now, &officer, &r, &a, &d->created, &err);
    if (d->rc == CCCD_OK)
        d->id = a.id;
    else
        snprintf(d->msg, sizeof d->msg, "%s", err.msg);
    cccd_store_close(st);
    return NULL;
}

#define DESKS 6

static void test_concurrent(void **state) {
    fixture *f = *state;
    desk d[DESKS];
    pthread_t t[DESKS];
    /* the same request id from every desk: one application, the same to all */
    for (int i = 0; i < DESKS; i++) {
        d[i] = (desk){.f = f, .pid = "001090000001"};
        snprintf(d[i].request_id, sizeof d[i].request_id, "same-request");
        assert_int_equal(pthread_create(&t[i], NULL, desk_run, &d[i]), 0);
    }
    int created = 0;
    for (int i = 0; i < DESKS; i++) {
        pthread_join(t[i], NULL);
        if (d[i].rc != CCCD_OK)
            fail_msg("desk %d: %s", i, d[i].msg);
        assert_int_equal(d[i].id, d[0].id);
        created += d[i].created;
    }
    assert_int_equal(created, 1);
    /* different request ids for one person: one opens it, the others are told it is open */
    for (int i = 0; i < DESKS; i++) {
        d[i] = (desk){.f = f, .pid = "001090000102"};
        snprintf(d[i].request_id, sizeof d[i].request_id, "req-%d", i);
        assert_int_equal(pthread_create(&t[i], NULL, desk_run, &d[i]), 0);
    }
    int ok = 0, open = 0;
    for (int i = 0; i < DESKS; i++) {
        pthread_join(t[i], NULL);
        ok += d[i].rc == CCCD_OK;
        open += d[i].rc == CCCD_E_APP_OPEN;
        if (d[i].rc != CCCD_OK && d[i].rc != CCCD_E_APP_OPEN)
            fail_msg("desk %d: %s", i, d[i].msg);
    }
    assert_int_equal(ok, 1);
    assert_int_equal(open, DESKS - 1);
}

/* ---- group commit (store_group.c): many desks' writes in one transaction ---- */

/* A job that holds the writer for a while, so that the jobs queued meanwhile form one group. */
static cccd_errc slow_txn(cccd_store *st, void *ctx, cccd_err *err) {
    (void)st, (void)ctx, (void)err;
    struct timespec ts = {0, 300 * 1000 * 1000};
    nanosleep(&ts, NULL);
    return CCCD_OK;
}

typedef struct counted {
    const char *pid, *request_id;
    bool fail; /* after writing the application and counting it */
} counted;

/* Writes an application for ctx's person and counts it in progress, then fails or not: what
 * a failing job wrote, its counters included, must go and its neighbours' stay. */
static cccd_errc counted_txn(cccd_store *st, void *ctx, cccd_err *err) {
    const counted *c = ctx;
    cccd_application a = {.type = CCCD_APP_FIRST_ISSUE, .state = CCCD_APP_SUBMITTED};
    snprintf(a.request_id, sizeof a.request_id, "%s", c->request_id);
    snprintf(a.personal_id, sizeof a.personal_id, "%s", c->pid);
    snprintf(a.province, sizeof a.province, "01");
    snprintf(a.unit_key, sizeof a.unit_key, "00001@");
    snprintf(a.officer, sizeof a.officer, "o1");
    bool created = false;
    cccd_errc rc = cccd_store_app_insert(st, &a, &created, err);
    if (rc == CCCD_OK)
        rc = cccd_store_app_progress(st, &a, true, err);
    if (rc == CCCD_OK && c->fail)
        rc = cccd_err_set(err, CCCD_E_ARG, "test", "failing on purpose after writing");
    return rc;
}

typedef struct job {
    const fixture *f;
    cccd_store_group *group;
    cccd_store_txn_fn fn;
    void *ctx;
    cccd_errc rc;
} job;

static void *job_run(void *arg) {
    job *j = arg;
    cccd_store *st = NULL;
    cccd_err err;
    j->rc = cccd_store_open(j->f->url, &st, &err);
    if (j->rc == CCCD_OK) {
        cccd_store_use_group(st, j->group);
        j->rc = cccd_store_transaction(st, j->fn, j->ctx, &err);
    }
    cccd_store_close(st);
    return NULL;
}

static void test_grouped(void **state) {
    fixture *f = *state;
    cccd_err err;
    cccd_store_group *g = NULL;
    assert_int_equal(cccd_store_group_new(f->url, &g, &err), CCCD_OK);
    /* the desk scenarios of test_concurrent, through the group */
    desk d[DESKS];
    pthread_t t[DESKS];
    for (int i = 0; i < DESKS; i++) {
        d[i] = (desk){.f = f, .group = g, .pid = "001090000001"};
        snprintf(d[i].request_id, sizeof d[i].request_id, "same-request");
        assert_int_equal(pthread_create(&t[i], NULL, desk_run, &d[i]), 0);
    }
    int created = 0;
    for (int i = 0; i < DESKS; i++) {
        pthread_join(t[i], NULL);
        if (d[i].rc != CCCD_OK)
            fail_msg("desk %d: %s", i, d[i].msg);
        assert_int_equal(d[i].id, d[0].id);
        created += d[i].created;
    }
    assert_int_equal(created, 1);
    /* one slow job holds the writer; the five queued meanwhile commit together, each in its
     * own savepoint: the two that fail after writing leave nothing, not even their counts */
    uint64_t groups0, jobs0, groups1, jobs1;
    cccd_store_group_stats(g, &groups0, &jobs0);
    counted c[5] = {{"001090000101", "g-1", false},
                    {"001090000102", "g-2", true},
                    {"001090000103", "g-3", false},
                    {"001090000104", "g-4", true},
                    {"001090000105", "g-5", false}};
    job j[6] = {{.f = f, .group = g, .fn = slow_txn}};
    assert_int_equal(pthread_create(&t[0], NULL, job_run, &j[0]), 0);
    struct timespec ts = {0, 50 * 1000 * 1000};
    nanosleep(&ts, NULL); /* the slow job is running */
    for (int i = 1; i < 6; i++) {
        j[i] = (job){.f = f, .group = g, .fn = counted_txn, .ctx = &c[i - 1]};
        assert_int_equal(pthread_create(&t[i], NULL, job_run, &j[i]), 0);
    }
    for (int i = 0; i < 6; i++)
        pthread_join(t[i], NULL);
    cccd_store_group_stats(g, &groups1, &jobs1);
    assert_int_equal(jobs1 - jobs0, 6);
    assert_int_equal(groups1 - groups0, 2);
    assert_int_equal(j[0].rc, CCCD_OK);
    for (int i = 0; i < 5; i++) {
        assert_int_equal(j[i + 1].rc, c[i].fail ? CCCD_E_ARG : CCCD_OK);
        cccd_application a;
        bool found = true;
        assert_int_equal(cccd_store_app_by_request(f->st, c[i].request_id, &a, &found, &err),
                         CCCD_OK);
        assert_int_equal(found, !c[i].fail);
    }
    assert_int_equal(in_progress(f), 3);
    cccd_store_group_free(g);
    /* a connection still pointing at a closed group is not possible; a new group after a free
     * works on the same database */
    assert_int_equal(cccd_store_group_new(f->url, &g, &err), CCCD_OK);
    cccd_store_group_free(g);
}

/* ---- the workflow ---- */

/* The path from draft to each state (through rejected for rejected). */
static const cccd_app_state path[] = {CCCD_APP_SUBMITTED,     CCCD_APP_APPROVED,
                                      CCCD_APP_IN_PRODUCTION, CCCD_APP_PRODUCED,
                                      CCCD_APP_DISPATCHED,    CCCD_APP_RECEIVED};

static int person_no = 0;

/* A new application brought to state s by the machine, for a new person P.. */
static int64_t app_in(fixture *f, cccd_app_state s) {
    char pid[13], req[32];
    person_no++;
    snprintf(pid, sizeof pid, "0010900001%02d", person_no);
    snprintf(req, sizeof req, "wf-%d", person_no);
    cccd_application a;
    cccd_err err;
    cccd_enroll_open_req r = {.personal_id = pid, .request_id = req};
    if (cccd_enroll_open(f->st, f->u, d_0310, f->now, &machine, &r, &a, NULL, &err) != CCCD_OK)
        fail_msg("open %s: %s", pid, err.msg);
    captured(f, a.id);
    cccd_enroll_step opt = {.reason = "blurred photo", .citizen_confirmed = true};
    int64_t t = f->now;
    for (size_t i = 0; a.state != s; i++) {
        cccd_app_state to = s == CCCD_APP_REJECTED && a.state == CCCD_APP_SUBMITTED
                                ? CCCD_APP_REJECTED
                            : i < sizeof path / sizeof path[0] ? path[i]
                            : s == CCCD_APP_DELIVERED          ? CCCD_APP_DELIVERED
                                                               : CCCD_APP_RETURNED;
        t += to == CCCD_APP_RETURNED ? 61 * 86400 : 60;
        if (cccd_enroll_move(f->st, a.id, to, &opt, t, &machine, &a, &err) != CCCD_OK)
            fail_msg("to %s: %s", cccd_app_state_name(to), err.msg);
    }
    return a.id;
}

static void test_steps(void **state) {
    fixture *f = *state;
    person_no = 0;
    cccd_err err;
    cccd_enroll_step opt = {.reason = "blurred photo", .citizen_confirmed = true};
    int allowed = 0, refused = 0;
    for (int from = 0; from < CCCD_APP__STATES; from++) {
        int64_t id = app_in(f, (cccd_app_state)from);
        /* refused steps leave the application where it was */
        for (int to = 0; to < CCCD_APP__STATES; to++) {
            if (cccd_app_step((cccd_app_state)from, (cccd_app_state)to, NULL))
                continue;
            cccd_application a;
            assert_int_equal(cccd_enroll_move(f->st, id, (cccd_app_state)to, &opt,
                                              f->now + 100 * 86400, &machine, &a, &err),
                             CCCD_E_APP_STATE);
            char want[64];
            snprintf(want, sizeof want, "is %s: it can go to",
                     cccd_app_state_name((cccd_app_state)from));
            if (strstr(err.msg, want) == NULL)
                fail_msg("%s -> %s: %s", cccd_app_state_name((cccd_app_state)from),
                         cccd_app_state_name((cccd_app_state)to), err.msg);
            assert_int_equal(cccd_enroll_get(f->st, id, &a, &err), CCCD_OK);
            assert_int_equal(a.state, from);
            refused++;
        }
        /* each allowed step, for each role: only the roles with its permission may take it */
        for (int to = 0; to < CCCD_APP__STATES; to++) {
            cccd_perm perm;
            if (!cccd_app_step((cccd_app_state)from, (cccd_app_state)to, &perm))
                continue;
            int64_t app = app_in(f, (cccd_app_state)from);
            const cccd_actor *roles[] = {&officer, &supervisor, &production, &commander};
            const cccd_actor *ok = NULL;
            for (size_t k = 0; k < 4; k++) {
                cccd_role r;
                assert_true(cccd_role_parse(roles[k]->role, &r));
                if (cccd_role_may(r, perm)) {
                    ok = roles[k];
                    continue;
                }
                assert_int_equal(cccd_enroll_move(f->st, app, (cccd_app_state)to, &opt,
                                                  f->now + 100 * 86400, roles[k], NULL, &err),
                                 CCCD_E_FORBIDDEN);
            }
            assert_non_null(ok);
            cccd_application a;
            assert_int_equal(cccd_enroll_move(f->st, app, (cccd_app_state)to, &opt,
                                              f->now + 100 * 86400, ok, &a, &err),
                             CCCD_OK);
            assert_int_equal(a.state, to);
            allowed++;
        }
    }
    assert_int_equal(allowed, 9);
    assert_int_equal(refused, 10 * 10 - 9);
}

static void test_step_rules(void **state) {
    fixture *f = *state;
    person_no = 10;
    cccd_err err;
    cccd_application a;
    /* a rejection needs its reason */
    int64_t id = app_in(f, CCCD_APP_SUBMITTED);
    cccd_enroll_step none = {0};
    assert_int_equal(
        cccd_enroll_move(f->st, id, CCCD_APP_REJECTED, &none, f->now, &supervisor, &a, &err),
        CCCD_E_ARG);
    assert_string_equal(err.field, "reason");
    cccd_enroll_step why = {.reason = "the photo is of someone else"};
    assert_int_equal(
        cccd_enroll_move(f->st, id, CCCD_APP_REJECTED, &why, f->now, &supervisor, &a, &err),
        CCCD_OK);
    assert_string_equal(a.rejection_reason, "the photo is of someone else");
    /* a rejected application is closed: the person may open a new one */
    char pid[13];
    snprintf(pid, sizeof pid, "%s", a.personal_id);
    assert_int_equal(open_app(f, pid, "after-reject", false, false, &a, &err), CCCD_OK);
    /* delivery needs the citizen's confirmation; return waits 60 days after reception */
    id = app_in(f, CCCD_APP_RECEIVED);
    assert_int_equal(
        cccd_enroll_move(f->st, id, CCCD_APP_DELIVERED, &none, f->now + 86400, &officer, &a, &err),
        CCCD_E_ARG);
    assert_string_equal(err.field, "confirmed");
    assert_int_equal(
        cccd_enroll_move(f->st, id, CCCD_APP_RETURNED, &none, f->now + 86400, &officer, &a, &err),
        CCCD_E_APP_STATE);
    assert_non_null(strstr(err.msg, "can be returned after 60 days"));
    /* delivered: the card is in the registry, valid, and counted */
    int64_t before = valid_now(f);
    cccd_enroll_step yes = {.citizen_confirmed = true};
    assert_int_equal(
        cccd_enroll_move(f->st, id, CCCD_APP_DELIVERED, &yes, f->now + 86400, &officer, &a, &err),
        CCCD_OK);
    assert_string_equal(a.card_number, a.personal_id);
    cccd_store_record r;
    bool found;
    assert_int_equal(cccd_store_citizen_get(f->st, a.personal_id, &r, &found, &err), CCCD_OK);
    assert_string_equal(r.v[CCCD_CF_CARD_TYPE], "chip");
    assert_string_equal(r.v[CCCD_CF_CARD_NUMBER], a.personal_id);
    assert_string_equal(r.v[CCCD_CF_CARD_ISSUED], "2025-03-10");
    cccd_store_record_free(&r);
    assert_int_equal(valid_now(f), before + 1);
    /* an unknown application */
    assert_int_equal(
        cccd_enroll_move(f->st, 999999, CCCD_APP_SUBMITTED, &none, f->now, &officer, &a, &err),
        CCCD_E_APP_UNKNOWN);
}

/* ---- figures ---- */

typedef struct figs {
    char text[1024];
} figs;

static void on_figure(void *ctx, const char *measure, const char *key, int64_t n) {
    figs *g = ctx;
    size_t used = strlen(g->text);
    snprintf(g->text + used, sizeof g->text - used, "%s/%s=%lld ", measure, key, (long long)n);
}

static void test_figures(void **state) {
    fixture *f = *state;
    cccd_err err;
    cccd_application a1, a2, a3;
    cccd_enroll_open_req r1 = {
        .personal_id = "001090000001", .request_id = "f1", .point_id = f->p1};
    cccd_enroll_open_req r2 = {.personal_id = "001085000003", .request_id = "f2"};
    cccd_enroll_open_req r3 = {.personal_id = "001090000101", .request_id = "f3"};
    assert_int_equal(cccd_enroll_open(f->st, f->u, d_0310, f->now, &officer, &r1, &a1, NULL, &err),
                     CCCD_OK);
    assert_int_equal(cccd_enroll_open(f->st, f->u, d_0310, f->now, &officer2, &r2, &a2, NULL, &err),
                     CCCD_OK);
    assert_int_equal(cccd_enroll_open(f->st, f->u, d_0310, f->now, &officer2, &r3, &a3, NULL, &err),
                     CCCD_OK);
    int64_t morning = f->now, afternoon = f->now + 5 * 3600; /* 09:00, 14:00 */
    captured(f, a1.id);
    assert_int_equal(
        cccd_enroll_move(f->st, a1.id, CCCD_APP_SUBMITTED, NULL, morning, &officer, NULL, &err),
        CCCD_OK);
    captured(f, a2.id);
    assert_int_equal(
        cccd_enroll_move(f->st, a2.id, CCCD_APP_SUBMITTED, NULL, afternoon, &officer2, NULL, &err),
        CCCD_OK);
    captured(f, a3.id);
    assert_int_equal(
        cccd_enroll_move(f->st, a3.id, CCCD_APP_SUBMITTED, NULL, afternoon, &officer2, NULL, &err),
        CCCD_OK);
    cccd_enroll_step why = {.reason = "duplicate"};
    assert_int_equal(
        cccd_enroll_move(f->st, a1.id, CCCD_APP_APPROVED, NULL, afternoon, &supervisor, NULL, &err),
        CCCD_OK);
    assert_int_equal(
        cccd_enroll_move(f->st, a2.id, CCCD_APP_APPROVED, NULL, afternoon, &supervisor, NULL, &err),
        CCCD_OK);
    assert_int_equal(
        cccd_enroll_move(f->st, a3.id, CCCD_APP_REJECTED, &why, afternoon, &supervisor, NULL, &err),
        CCCD_OK);
    assert_int_equal(cccd_enroll_move(f->st, a1.id, CCCD_APP_IN_PRODUCTION, NULL, afternoon,
                                      &production, NULL, &err),
                     CCCD_OK);
    assert_int_equal(
        cccd_enroll_move(f->st, a1.id, CCCD_APP_PRODUCED, NULL, afternoon, &production, NULL, &err),
        CCCD_OK);
    /* a refused step counts nothing */
    assert_int_equal(
        cccd_enroll_move(f->st, a3.id, CCCD_APP_APPROVED, NULL, afternoon, &supervisor, NULL, &err),
        CCCD_E_APP_STATE);
    figs g = {""};
    assert_int_equal(cccd_store_app_figures(f->st, "00001@", f->day, on_figure, &g, &err), CCCD_OK);
    assert_string_equal(g.text, "approved/=2 in_production/=1 produced/=1 received/exchange=1 "
                                "received/first_issue=2 received_by/o1=1 received_by/o2=2 "
                                "received_point/fixed=1 received_point/none=2 "
                                "received_shift/afternoon=2 received_shift/morning=1 "
                                "rejected/=1 ");
    figs other = {""};
    assert_int_equal(cccd_store_app_figures(f->st, "00001@", f->day + 1, on_figure, &other, &err),
                     CCCD_OK);
    assert_string_equal(other.text, "");
}

/* ---- corrections ---- */

typedef struct acts {
    int propose, approve, reject;
} acts;

static bool on_audit(void *ctx, const cccd_audit_entry *e) {
    acts *c = ctx;
    c->propose += strcmp(e->action, "correction.propose") == 0;
    c->approve += strcmp(e->action, "correction.approve") == 0;
    c->reject += strcmp(e->action, "correction.reject") == 0;
    return true;
}

static void test_corrections(void **state) {
    fixture *f = *state;
    cccd_err err;
    cccd_application a;
    cccd_correction c, d;
    assert_int_equal(open_app(f, "001090000001", "c1", false, false, &a, &err), CCCD_OK);
    /* an identity field: proposed, the record unchanged */
    assert_int_equal(cccd_enroll_correct(f->st, a.id, "full_name", "nguyễn  văn   ân",
                                         "misspelt at registration", "birth certificate 12/1990",
                                         f->now, &officer, &c, &err),
                     CCCD_OK);
    assert_int_equal(c.state, CCCD_CORR_PROPOSED);
    assert_string_equal(c.old_value, "Nguyễn Văn An");
    assert_string_equal(c.new_value, "Nguyễn Văn Ân");
    cccd_store_record r;
    bool found;
    assert_int_equal(cccd_store_citizen_get(f->st, "001090000001", &r, &found, &err), CCCD_OK);
    assert_string_equal(r.v[CCCD_CF_FULL_NAME], "Nguyễn Văn An");
    cccd_store_record_free(&r);
    /* no approval of the application while it waits */
    captured(f, a.id);
    assert_int_equal(
        cccd_enroll_move(f->st, a.id, CCCD_APP_SUBMITTED, NULL, f->now, &officer, NULL, &err),
        CCCD_OK);
    assert_int_equal(
        cccd_enroll_move(f->st, a.id, CCCD_APP_APPROVED, NULL, f->now, &supervisor, NULL, &err),
        CCCD_E_APP_STATE);
    assert_string_equal(err.field, "corrections");
    /* the officer cannot approve it; the supervisor can, and the record changes */
    assert_int_equal(cccd_enroll_correction_decide(f->st, c.id, true, f->now, &officer, &d, &err),
                     CCCD_E_FORBIDDEN);
    assert_int_equal(
        cccd_enroll_correction_decide(f->st, c.id, true, f->now, &supervisor, &d, &err), CCCD_OK);
    assert_int_equal(d.state, CCCD_CORR_APPROVED);
    assert_string_equal(d.decided_by, "s1");
    assert_int_equal(cccd_store_citizen_get(f->st, "001090000001", &r, &found, &err), CCCD_OK);
    assert_string_equal(r.v[CCCD_CF_FULL_NAME], "Nguyễn Văn Ân");
    assert_string_equal(r.name_key, "nguyen van an");
    cccd_store_record_free(&r);
    assert_int_equal(
        cccd_enroll_correction_decide(f->st, c.id, false, f->now, &supervisor, &d, &err),
        CCCD_E_CORRECTION);
    /* a plain field is applied at once, still on the record as a correction */
    assert_int_equal(cccd_enroll_correct(f->st, a.id, "permanent_address", "Số 9 ngõ 2",
                                         "moved within the commune", "", f->now, &officer, &c,
                                         &err),
                     CCCD_OK);
    assert_int_equal(c.state, CCCD_CORR_APPROVED);
    assert_int_equal(cccd_store_citizen_get(f->st, "001090000001", &r, &found, &err), CCCD_OK);
    assert_string_equal(r.v[CCCD_CF_PERMANENT_ADDRESS], "Số 9 ngõ 2");
    cccd_store_record_free(&r);
    /* refusals */
    assert_int_equal(
        cccd_enroll_correct(f->st, a.id, "card_number", "1", "x", "", f->now, &officer, &c, &err),
        CCCD_E_CORRECTION);
    assert_string_equal(err.field, "field");
    assert_int_equal(
        cccd_enroll_correct(f->st, a.id, "sex", "M", "x", "", f->now, &officer, &c, &err),
        CCCD_E_CORRECTION);
    assert_string_equal(err.field, "value");
    assert_int_equal(
        cccd_enroll_correct(f->st, a.id, "sex", "F", "", "", f->now, &officer, &c, &err),
        CCCD_E_ARG);
    assert_string_equal(err.field, "reason");
    /* a rejected proposal changes nothing */
    assert_int_equal(cccd_enroll_correct(f->st, a.id, "date_of_birth", "1991-01-01", "typo", "",
                                         f->now, &officer, &c, &err),
                     CCCD_OK);
    assert_int_equal(
        cccd_enroll_correction_decide(f->st, c.id, false, f->now, &supervisor, &d, &err), CCCD_OK);
    assert_int_equal(cccd_store_citizen_get(f->st, "001090000001", &r, &found, &err), CCCD_OK);
    assert_string_equal(r.v[CCCD_CF_DATE_OF_BIRTH], "1990-01-01");
    cccd_store_record_free(&r);
    acts n = {0};
    assert_int_equal(cccd_store_audit_scan(f->st, 0, on_audit, &n, &err), CCCD_OK);
    assert_int_equal(n.propose, 3);
    assert_int_equal(n.approve, 2);
    assert_int_equal(n.reject, 1);
    /* and the application can now be approved; no more corrections after that */
    assert_int_equal(
        cccd_enroll_move(f->st, a.id, CCCD_APP_APPROVED, NULL, f->now, &supervisor, NULL, &err),
        CCCD_OK);
    assert_int_equal(
        cccd_enroll_correct(f->st, a.id, "sex", "F", "x", "", f->now, &officer, &c, &err),
        CCCD_E_APP_STATE);
}

/* ---- local changes and re-imports ---- */

/* The fixture's extract again, with the first `from` replaced by `to` (from NULL: as it was),
 * imported as a newer extract would be. */
static void reimport(fixture *f, const char *from, const char *to) {
    char csv[8192], out[8400];
    size_t n = (size_t)snprintf(csv, sizeof csv, "%s", population);
    for (int i = 1; i <= 30; i++)
        n += (size_t)snprintf(csv + n, sizeof csv - n,
                              "0010900001%02d,Lê Văn Số %d,1990-01-%02d,M,Kinh,Không,Việt Nam,Hà "
                              "Nội,00001,Số 1,HKP%d,Chủ hộ,Tổ 1,,,alive,normal,,,,,,,,\n",
                              i, i, i % 28 + 1, i);
    const char *at = from ? strstr(csv, from) : NULL;
    if (from && at == NULL)
        fail_msg("the extract has no %s", from);
    if (at)
        n = (size_t)snprintf(out, sizeof out, "%.*s%s%s", (int)(at - csv), csv, to,
                             at + strlen(from));
    else
        n = (size_t)snprintf(out, sizeof out, "%s", csv);
    /* the extract of the next day, after the card was made */
    const cccd_date d_0311 = {2025, 3, 11, CCCD_DATE_DAY};
    cccd_err err;
    if (testdb_registry(f->st, f->u, out, n, d_0311, &err) != CCCD_OK)
        fail_msg("re-import: %s", err.msg);
}

static char *field_of(fixture *f, const char *pid, cccd_cf field) {
    cccd_store_record r;
    bool found = false;
    cccd_err err;
    assert_int_equal(cccd_store_citizen_get(f->st, pid, &r, &found, &err), CCCD_OK);
    assert_true(found);
    char *v = strdup(r.v[field] ? r.v[field] : "");
    cccd_store_record_free(&r);
    return v;
}

#define ASSERT_FIELD(f, pid, field, want)                                                          \
    do {                                                                                           \
        char *v_ = field_of(f, pid, field);                                                        \
        assert_string_equal(v_, want);                                                             \
        free(v_);                                                                                  \
    } while (0)

/* A correction approved here and a card handed over here outlive a later extract that does not
 * carry them yet, whether it comes again as it was or changed in other fields; once the
 * extract carries the new value, or another one, the extract's stands. */
static void test_local_changes(void **state) {
    fixture *f = *state;
    person_no = 0;
    cccd_err err;
    cccd_application a;
    cccd_correction c;
    const char *an = "001090000001";
    assert_int_equal(open_app(f, an, "lc1", false, false, &a, &err), CCCD_OK);
    assert_int_equal(cccd_enroll_correct(f->st, a.id, "permanent_address", "Số 9 ngõ 2",
                                         "moved within the commune", "", f->now, &officer, &c,
                                         &err),
                     CCCD_OK);
    int64_t valid = valid_now(f);
    cccd_application d;
    assert_int_equal(cccd_enroll_get(f->st, app_in(f, CCCD_APP_DELIVERED), &d, &err), CCCD_OK);
    assert_int_equal(valid_now(f), valid + 1);
    char *card = field_of(f, d.personal_id, CCCD_CF_CARD_NUMBER);
    assert_string_not_equal(card, "");

    /* the same extract again: both kept, the counters too */
    reimport(f, NULL, NULL);
    ASSERT_FIELD(f, an, CCCD_CF_PERMANENT_ADDRESS, "Số 9 ngõ 2");
    ASSERT_FIELD(f, d.personal_id, CCCD_CF_CARD_NUMBER, card);
    ASSERT_FIELD(f, d.personal_id, CCCD_CF_CARD_TYPE, "chip");
    assert_int_equal(valid_now(f), valid + 1);

    /* a newer extract that changed other fields of both: those taken, the local ones kept */
    char from[96], to[96];
    snprintf(from, sizeof from, "%s,Lê Văn Số 1,1990-01-02,M,Kinh,Không", d.personal_id);
    snprintf(to, sizeof to, "%s,Lê Văn Số 1,1990-01-02,M,Kinh,Phật giáo", d.personal_id);
    reimport(f, "001090000001,Nguyễn Văn An,1990-01-01,M,Kinh,Không",
             "001090000001,Nguyễn Văn An,1990-01-01,M,Kinh,Công giáo");
    ASSERT_FIELD(f, an, CCCD_CF_RELIGION, "Công giáo");
    ASSERT_FIELD(f, an, CCCD_CF_PERMANENT_ADDRESS, "Số 9 ngõ 2");
    reimport(f, from, to);
    ASSERT_FIELD(f, d.personal_id, CCCD_CF_RELIGION, "Phật giáo");
    ASSERT_FIELD(f, d.personal_id, CCCD_CF_CARD_NUMBER, card);
    assert_int_equal(valid_now(f), valid + 1);

    /* the extract catches up with the address, then moves on: the extract's stands */
    reimport(f, "00001,Số 1,HK001090000001", "00001,Số 9 ngõ 2,HK001090000001");
    ASSERT_FIELD(f, an, CCCD_CF_PERMANENT_ADDRESS, "Số 9 ngõ 2");
    reimport(f, "00001,Số 1,HK001090000001", "00001,Số 5,HK001090000001");
    ASSERT_FIELD(f, an, CCCD_CF_PERMANENT_ADDRESS, "Số 5");
    reimport(f, NULL, NULL); /* and an older extract again is a change like any other */
    ASSERT_FIELD(f, an, CCCD_CF_PERMANENT_ADDRESS, "Số 1");
    free(card);
}

static bool stored(fixture *f, const char *pid) {
    cccd_store_record r;
    bool found = false;
    cccd_err err;
    assert_int_equal(cccd_store_citizen_get(f->st, pid, &r, &found, &err), CCCD_OK);
    if (found)
        cccd_store_record_free(&r);
    return found;
}

static void test_local_id_change(void **state) {
    fixture *f = *state;
    person_no = 0;
    cccd_err err;
    cccd_application a;
    cccd_correction c, d;
    const char *old_id = "001090000001", *new_id = "001090000011";
    assert_int_equal(open_app(f, old_id, "id1", false, false, &a, &err), CCCD_OK);
    assert_int_equal(cccd_enroll_correct(f->st, a.id, "personal_id", new_id,
                                         "the extract has a wrong digit", "", f->now, &officer, &c,
                                         &err),
                     CCCD_OK);
    if (c.state != CCCD_CORR_APPROVED)
        assert_int_equal(
            cccd_enroll_correction_decide(f->st, c.id, true, f->now, &supervisor, &d, &err),
            CCCD_OK);
    assert_false(stored(f, old_id));
    assert_true(stored(f, new_id));
    char now[13];
    bool renamed = false;
    assert_int_equal(cccd_store_citizen_renamed(f->st, old_id, now, &renamed, &err), CCCD_OK);
    assert_true(renamed); /* a reader asking for the old ID is told the new one */
    assert_string_equal(now, new_id);
    assert_int_equal(cccd_store_citizen_renamed(f->st, new_id, now, &renamed, &err), CCCD_OK);
    assert_false(renamed);
    int64_t residents = residents_now(f);
    int remaining = listed(f);

    /* an extract still under the old ID: its row is the same person, not a second one */
    reimport(f, NULL, NULL);
    assert_false(stored(f, old_id));
    assert_true(stored(f, new_id));
    assert_int_equal(residents_now(f), residents);
    assert_int_equal(listed(f), remaining);
    /* a newer one that changed another field, still under the old ID: taken, the ID kept */
    reimport(f, "001090000001,Nguyễn Văn An,1990-01-01,M,Kinh,Không",
             "001090000001,Nguyễn Văn An,1990-01-01,M,Kinh,Công giáo");
    ASSERT_FIELD(f, new_id, CCCD_CF_RELIGION, "Công giáo");
    assert_false(stored(f, old_id));
    assert_int_equal(residents_now(f), residents);
    /* the extract catches up with the new ID: still one person, the extract's values */
    reimport(f, "001090000001,Nguyễn Văn An", "001090000011,Nguyễn Văn An");
    ASSERT_FIELD(f, new_id, CCCD_CF_RELIGION, "Không");
    assert_false(stored(f, old_id));
    assert_int_equal(residents_now(f), residents);
    assert_int_equal(listed(f), remaining);
    assert_int_equal(cccd_store_citizen_renamed(f->st, old_id, now, &renamed, &err), CCCD_OK);
    assert_false(renamed); /* the note is dropped */
}

/* ---- biometric blobs ---- */

typedef struct seen {
    int n;
    size_t len;
    unsigned char first[4];
    char exception[32];
} seen;

static void on_bio(void *ctx, const cccd_bio *b) {
    seen *s = ctx;
    s->n++;
    if (b->portrait) {
        s->len = b->len;
        if (b->sealed && b->len >= 4)
            memcpy(s->first, b->sealed, 4);
    } else {
        snprintf(s->exception, sizeof s->exception, "%s", b->exception);
    }
}

static void test_biometrics(void **state) {
    fixture *f = *state;
    cccd_err err;
    cccd_application a;
    assert_int_equal(open_app(f, "001090000001", "b1", false, false, &a, &err), CCCD_OK);
    unsigned char bytes[3000];
    for (size_t i = 0; i < sizeof bytes; i++)
        bytes[i] = (unsigned char)(i * 7);
    bytes[0] = 0;
    bytes[1] = 0xff;
    bytes[2] = '\\';
    bytes[3] = 'x';
    cccd_bio p = {.application_id = a.id,
                  .portrait = true,
                  .attempt = 1,
                  .sealed = bytes,
                  .len = sizeof bytes,
                  .quality = 88};
    int64_t id;
    assert_int_equal(cccd_enroll_bio_add(f->st, &p, f->now, &officer, &id, &err), CCCD_OK);
    assert_int_equal(cccd_enroll_bio_add(f->st, &p, f->now, &officer, &id, &err), CCCD_E_ARG);
    cccd_bio x = {.application_id = a.id, .finger = 4, .attempt = 3, .quality = -1};
    snprintf(x.exception, sizeof x.exception, "bandaged");
    assert_int_equal(cccd_enroll_bio_add(f->st, &x, f->now, &officer, &id, &err), CCCD_OK);
    seen s = {0};
    assert_int_equal(cccd_store_bio_list(f->st, a.id, true, on_bio, &s, &err), CCCD_OK);
    assert_int_equal(s.n, 2);
    assert_int_equal(s.len, sizeof bytes);
    assert_memory_equal(s.first, bytes, 4);
    assert_string_equal(s.exception, "bandaged");
    /* approval waits for the supervisor's confirmation of the exception */
    captured(f, a.id);
    assert_int_equal(
        cccd_enroll_move(f->st, a.id, CCCD_APP_SUBMITTED, NULL, f->now, &officer, NULL, &err),
        CCCD_OK);
    assert_int_equal(
        cccd_enroll_move(f->st, a.id, CCCD_APP_APPROVED, NULL, f->now, &supervisor, NULL, &err),
        CCCD_E_APP_STATE);
    assert_string_equal(err.field, "fingers");
    assert_int_equal(cccd_enroll_bio_confirm(f->st, a.id, 4, f->now, &officer, &err),
                     CCCD_E_FORBIDDEN);
    assert_int_equal(cccd_enroll_bio_confirm(f->st, a.id, 5, f->now, &supervisor, &err),
                     CCCD_E_ARG);
    assert_int_equal(cccd_enroll_bio_confirm(f->st, a.id, 4, f->now, &supervisor, &err), CCCD_OK);
    assert_int_equal(
        cccd_enroll_move(f->st, a.id, CCCD_APP_APPROVED, NULL, f->now, &supervisor, NULL, &err),
        CCCD_OK);
}

/* The last stored capture of the portrait (finger 0) or a finger: its sealed bytes copied. */
typedef struct last_capture {
    int finger, attempt;
    unsigned char *sealed;
    size_t len;
    char exception[32];
} last_capture;

static void on_capture(void *ctx, const cccd_bio *b) {
    last_capture *l = ctx;
    if (b->finger != l->finger || b->attempt < l->attempt)
        return;
    l->attempt = b->attempt;
    snprintf(l->exception, sizeof l->exception, "%s", b->exception);
    free(l->sealed);
    l->sealed = NULL;
    l->len = b->sealed ? b->len : 0;
    if (b->sealed) {
        l->sealed = malloc(b->len);
        memcpy(l->sealed, b->sealed, b->len);
    }
}

/* A synthetic print of that kind as the scanner's PNG (owned: free()). */
static unsigned char *print_png(cccd_synth_finger_kind kind, uint64_t seed, size_t *len) {
    cccd_err err;
    cccd_synth_finger p = cccd_synth_finger_preset(kind, 320, 400, seed);
    uint8_t *px = malloc(320 * 400);
    unsigned char *png = NULL;
    assert_non_null(px);
    assert_int_equal(cccd_synth_finger_draw(&p, px, &err), CCCD_OK);
    assert_int_equal(cccd_finger_png_encode(px, 320, 400, 320, &png, len, &err), CCCD_OK);
    free(px);
    return png;
}

/* The desk's captures: a portrait checked and stored sealed (the stored bytes open only with
 * the key and for that application and item, to the very bytes sent); a clear print
 * accepted; a worn one recaptured, then an exception once the attempts are spent, which the
 * approval waits for; a refused photo and an unreadable print store nothing. */
static void test_captures(void **state) {
    fixture *f = *state;
    cccd_err err;
    cccd_application a;
    assert_int_equal(open_app(f, "001090000001", "cap1", false, false, &a, &err), CCCD_OK);
    assert_int_equal(
        cccd_enroll_move(f->st, a.id, CCCD_APP_SUBMITTED, NULL, f->now, &officer, NULL, &err),
        CCCD_E_APP_STATE);
    assert_string_equal(err.field, "portrait");
    cccd_seal_key key, other;
    assert_int_equal(cccd_seal_key_from_hex("00112233445566778899aabbccddeeff00112233445566778899"
                                            "aabbccddeeff",
                                            &key, &err),
                     CCCD_OK);
    assert_int_equal(cccd_seal_key_from_hex("ff112233445566778899aabbccddeeff00112233445566778899"
                                            "aabbccddeeff",
                                            &other, &err),
                     CCCD_OK);
    unsigned char *jpeg = NULL, *plain = NULL;
    size_t jlen = 0, plen = 0;
    assert_int_equal(cccd_synth_portrait_jpeg(7, &jpeg, &jlen, &err), CCCD_OK);
    cccd_photo_result pr;
    int attempt = 0;
    assert_int_equal(
        cccd_enroll_portrait(f->st, &key, a.id, jpeg, jlen, f->now, &officer, &pr, &attempt, &err),
        CCCD_OK);
    assert_int_equal(attempt, 1);
    last_capture l = {.finger = 0};
    assert_int_equal(cccd_store_bio_list(f->st, a.id, true, on_capture, &l, &err), CCCD_OK);
    assert_non_null(l.sealed);
    assert_true(l.len > jlen);
    char aad[64];
    snprintf(aad, sizeof aad, "application-%lld/portrait", (long long)a.id);
    assert_int_equal(cccd_unseal(&key, aad, l.sealed, l.len, &plain, &plen, &err), CCCD_OK);
    assert_int_equal(plen, jlen);
    assert_memory_equal(plain, jpeg, jlen);
    free(plain);
    plain = NULL;
    assert_int_equal(cccd_unseal(&other, aad, l.sealed, l.len, &plain, &plen, &err),
                     CCCD_E_SEAL_TAMPERED);
    snprintf(aad, sizeof aad, "application-%lld/finger-1", (long long)a.id);
    assert_int_equal(cccd_unseal(&key, aad, l.sealed, l.len, &plain, &plen, &err),
                     CCCD_E_SEAL_TAMPERED);
    free(l.sealed);
    /* a print is no photo: refused, nothing stored */
    size_t len;
    unsigned char *clear = print_png(CCCD_SYNTH_FINGER_CLEAR, 1, &len);
    assert_int_equal(
        cccd_enroll_portrait(f->st, &key, a.id, clear, len, f->now, &officer, &pr, &attempt, &err),
        CCCD_E_PHOTO_FORMAT);
    assert_int_equal(cccd_enroll_finger(f->st, &key, a.id, 1, jpeg, jlen, NULL, f->now, &officer,
                                        &(cccd_finger_capture){0}, &err),
                     CCCD_E_FINGER_FORMAT);
    cccd_finger_capture c;
    assert_int_equal(
        cccd_enroll_finger(f->st, &key, a.id, 1, clear, len, NULL, f->now, &officer, &c, &err),
        CCCD_OK);
    assert_int_equal(c.decision, CCCD_FINGER_ACCEPT);
    assert_int_equal(c.attempt, 1);
    free(clear);
    /* a worn print: recapture, recapture, then an exception "quality" after the third */
    unsigned char *worn = print_png(CCCD_SYNTH_FINGER_WORN, 2, &len);
    cccd_finger_rules rules = cccd_finger_rules_default();
    for (int i = 1; i <= rules.max_attempts; i++) {
        assert_int_equal(
            cccd_enroll_finger(f->st, &key, a.id, 2, worn, len, &rules, f->now, &officer, &c, &err),
            CCCD_OK);
        assert_true(c.quality.score < rules.recapture_below);
        assert_int_equal(c.attempt, i);
        assert_int_equal(c.decision,
                         i < rules.max_attempts ? CCCD_FINGER_RECAPTURE : CCCD_FINGER_EXCEPTION);
    }
    free(worn);
    l = (last_capture){.finger = 2};
    assert_int_equal(cccd_store_bio_list(f->st, a.id, false, on_capture, &l, &err), CCCD_OK);
    assert_int_equal(l.attempt, rules.max_attempts + 1);
    assert_string_equal(l.exception, "quality");
    /* a bandaged finger; an unknown reason refused */
    assert_int_equal(
        cccd_enroll_finger_exception(f->st, a.id, 3, "sunburnt", f->now, &officer, &attempt, &err),
        CCCD_E_ARG);
    assert_int_equal(
        cccd_enroll_finger_exception(f->st, a.id, 3, "bandaged", f->now, &officer, &attempt, &err),
        CCCD_OK);
    /* submission waits for every finger: an accepted print or an exception each */
    assert_int_equal(
        cccd_enroll_move(f->st, a.id, CCCD_APP_SUBMITTED, NULL, f->now, &officer, NULL, &err),
        CCCD_E_APP_STATE);
    assert_string_equal(err.field, "fingers");
    assert_non_null(strstr(err.msg, "no capture of finger 4 (right ring)"));
    unsigned char *worn5 = print_png(CCCD_SYNTH_FINGER_WORN, 3, &len);
    assert_int_equal(
        cccd_enroll_finger(f->st, &key, a.id, 5, worn5, len, &rules, f->now, &officer, &c, &err),
        CCCD_OK);
    free(worn5);
    for (int finger = 4; finger <= 10; finger += finger == 4 ? 2 : 1) {
        unsigned char *png = print_png(CCCD_SYNTH_FINGER_CLEAR, (uint64_t)finger, &len);
        assert_int_equal(cccd_enroll_finger(f->st, &key, a.id, finger, png, len, &rules, f->now,
                                            &officer, &c, &err),
                         CCCD_OK);
        free(png);
    }
    assert_int_equal(
        cccd_enroll_move(f->st, a.id, CCCD_APP_SUBMITTED, NULL, f->now, &officer, NULL, &err),
        CCCD_E_APP_STATE);
    assert_non_null(strstr(err.msg, "finger 5 (right little) scored"));
    unsigned char *retake = print_png(CCCD_SYNTH_FINGER_CLEAR, 55, &len);
    assert_int_equal(
        cccd_enroll_finger(f->st, &key, a.id, 5, retake, len, &rules, f->now, &officer, &c, &err),
        CCCD_OK);
    assert_int_equal(c.decision, CCCD_FINGER_ACCEPT);
    assert_int_equal(c.attempt, 2);
    free(retake);
    /* approval waits for both confirmations */
    assert_int_equal(
        cccd_enroll_move(f->st, a.id, CCCD_APP_SUBMITTED, NULL, f->now, &officer, NULL, &err),
        CCCD_OK);
    assert_int_equal(
        cccd_enroll_move(f->st, a.id, CCCD_APP_APPROVED, NULL, f->now, &supervisor, NULL, &err),
        CCCD_E_APP_STATE);
    assert_non_null(strstr(err.msg, "2 finger exception(s)"));
    assert_int_equal(cccd_enroll_bio_confirm(f->st, a.id, 2, f->now, &supervisor, &err), CCCD_OK);
    assert_int_equal(cccd_enroll_bio_confirm(f->st, a.id, 3, f->now, &supervisor, &err), CCCD_OK);
    assert_int_equal(
        cccd_enroll_move(f->st, a.id, CCCD_APP_APPROVED, NULL, f->now, &supervisor, NULL, &err),
        CCCD_OK);
    /* no capture once the application has left the desk */
    assert_int_equal(
        cccd_enroll_portrait(f->st, &key, a.id, jpeg, jlen, f->now, &officer, &pr, &attempt, &err),
        CCCD_E_APP_STATE);
    free(jpeg);
}

static void full_bytes(void *ctx, const cccd_bio *b) {
    const unsigned char *want = ctx;
    if (b->portrait)
        assert_memory_equal(b->sealed, want, b->len);
}

static void test_blob_bytes(void **state) {
    fixture *f = *state;
    cccd_err err;
    cccd_application a;
    assert_int_equal(open_app(f, "001090000001", "bb", false, false, &a, &err), CCCD_OK);
    unsigned char bytes[20000];
    for (size_t i = 0; i < sizeof bytes; i++)
        bytes[i] = (unsigned char)((i * 2654435761u) >> 13);
    cccd_bio p = {.application_id = a.id,
                  .portrait = true,
                  .attempt = 1,
                  .sealed = bytes,
                  .len = sizeof bytes,
                  .quality = -1};
    assert_int_equal(cccd_enroll_bio_add(f->st, &p, f->now, &officer, NULL, &err), CCCD_OK);
    assert_int_equal(cccd_store_bio_list(f->st, a.id, true, full_bytes, bytes, &err), CCCD_OK);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_types, setup, teardown),
        cmocka_unit_test_setup_teardown(test_commune_changed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_commune_merged, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refusals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_idempotent, setup, teardown),
        cmocka_unit_test_setup_teardown(test_concurrent, setup, teardown),
        cmocka_unit_test_setup_teardown(test_grouped, setup, teardown),
        cmocka_unit_test_setup_teardown(test_steps, setup, teardown),
        cmocka_unit_test_setup_teardown(test_step_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(test_figures, setup, teardown),
        cmocka_unit_test_setup_teardown(test_in_progress, setup, teardown),
        cmocka_unit_test_setup_teardown(test_corrections, setup, teardown),
        cmocka_unit_test_setup_teardown(test_local_changes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_local_id_change, setup, teardown),
        cmocka_unit_test_setup_teardown(test_biometrics, setup, teardown),
        cmocka_unit_test_setup_teardown(test_captures, setup, teardown),
        cmocka_unit_test_setup_teardown(test_blob_bytes, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
