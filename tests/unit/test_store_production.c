/*
 * test_store_production.c: the card centre's steps on each backend (service/production.h,
 * docs/production.md): approved applications of a district taken into a batch (and only
 * those), each card recorded produced exactly once however often it is reported, a batch that
 * cannot leave before all its cards are made, one manifest per receiving commune, receipt
 * confirmed once by the commune, delivery afterwards recording the card with the dates it
 * was produced with; roles refused where they lack the permission; the audit chain whole.
 * Run once per backend by scripts/run-tests.sh (see testdb.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/validity.h"
#include "service/audit_log.h"
#include "service/enrollment.h"
#include "service/production.h"
#include "store/store.h"
#include "store/store_applications.h"
#include "store/store_batches.h"
#include "test_population.h"
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

static const cccd_date d_0301 = {2025, 3, 1, CCCD_DATE_DAY};
static const cccd_date d_0310 = {2025, 3, 10, CCCD_DATE_DAY};

static const cccd_actor machine = {"cli:test", "", "", "local"};
static const cccd_actor officer = {"o1", "officer", "00001@", "127.0.0.1"};
static const cccd_actor producer = {"c1", "production", "VN", "127.0.0.1"};

/* people: 5 of Phúc Xá (00001), 3 of Trúc Bạch (00004), 2 of Phúc Tân (00037, another
 * district), all born in 1990 with no card */
#define PEOPLE 10
static const char *commune_of(int i) {
    return i < 5 ? "00001" : i < 8 ? "00004" : "00037";
}

typedef struct fixture {
    char url[1024];
    cccd_store *st;
    cccd_units *u;
    int64_t now;
    int64_t app[PEOPLE];
    char pid[PEOPLE][13];
} fixture;

static void on_taken(void *ctx, const cccd_bio *b) {
    ((bool *)ctx)[b->finger] = true;
}

/* The application of person i, opened, captured (the bytes stand for sealed ones), submitted
 * and approved. */
static int approved(fixture *f, int i, cccd_err *err) {
    static const unsigned char bytes[] = "sealed capture";
    cccd_enroll_open_req r = {.personal_id = f->pid[i], .request_id = f->pid[i]};
    cccd_application a;
    bool created = false, taken[11] = {false};
    if (cccd_enroll_open(f->st, f->u, d_0310, f->now, &machine, &r, &a, &created, err) != CCCD_OK ||
        cccd_store_bio_list(f->st, a.id, false, on_taken, taken, err) != CCCD_OK)
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
        if (cccd_enroll_bio_add(f->st, &b, f->now, &machine, &id, err) != CCCD_OK)
            return -1;
    }
    if (cccd_enroll_move(f->st, a.id, CCCD_APP_SUBMITTED, NULL, f->now, &machine, NULL, err) !=
            CCCD_OK ||
        cccd_enroll_move(f->st, a.id, CCCD_APP_APPROVED, NULL, f->now, &machine, NULL, err) !=
            CCCD_OK)
        return -1;
    f->app[i] = a.id;
    return 0;
}

static int setup(void **state) {
    fixture *f = calloc(1, sizeof *f);
    cccd_err err;
    if (f == NULL || testdb_new(f->url, sizeof f->url) != 0 ||
        cccd_store_open(f->url, &f->st, &err) != CCCD_OK ||
        cccd_store_migrate(f->st, NULL, NULL, &err) != CCCD_OK ||
        testdb_units(f->st, units_json, NULL, d_0301, &f->u, &err) != CCCD_OK)
        return -1;
    char csv[8192];
    size_t n = (size_t)snprintf(csv, sizeof csv, "%s", HEADER);
    for (int i = 0; i < PEOPLE; i++) {
        snprintf(f->pid[i], sizeof f->pid[i], "0010900000%02u", (unsigned)(i + 1) % 100u);
        n += (size_t)snprintf(csv + n, sizeof csv - n,
                              "%s,Nguyễn Văn Số %d,1990-01-%02d,M,Kinh,Không,Việt Nam,Hà Nội,%s,"
                              "Số %d,HK%d,Chủ hộ,Tổ 1,,,alive,normal,,,,,,,,\n",
                              f->pid[i], i + 1, i + 1, commune_of(i), i + 1, i);
    }
    if (testdb_registry(f->st, f->u, csv, n, d_0301, &err) != CCCD_OK)
        return -1;
    f->now = cccd_date_to_days(d_0310) * 86400 - 7 * 3600 + 9 * 3600; /* 09:00 in Vietnam */
    for (int i = 0; i < PEOPLE; i++)
        if (approved(f, i, &err) != 0) {
            fprintf(stderr, "person %d: %s\n", i, err.msg);
            return -1;
        }
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

static cccd_app_state state_of(fixture *f, int64_t app) {
    cccd_application a;
    bool found = false;
    cccd_err err;
    assert_int_equal(cccd_store_app_get(f->st, app, &a, &found, &err), CCCD_OK);
    assert_true(found);
    return a.state;
}

static void count_produced(void *ctx, const cccd_app_event *e) {
    *(int *)ctx += e->to == CCCD_APP_PRODUCED;
}

static int produced_events(fixture *f, int64_t app) {
    int n = 0;
    cccd_err err;
    assert_int_equal(cccd_store_app_events(f->st, app, count_produced, &n, &err), CCCD_OK);
    return n;
}

typedef struct seen {
    cccd_manifest m[4];
    int n;
} seen;

static void on_manifest(void *ctx, const cccd_manifest *m) {
    seen *s = ctx;
    if (s->n < 4)
        s->m[s->n++] = *m;
}

/* A card made for each application of the batch not made yet, as the batch tool reports it. */
static void produce_all(fixture *f, const cccd_batch *b, int64_t now) {
    cccd_err err;
    for (int i = 0; i < PEOPLE; i++) {
        cccd_batch_card c;
        bool found = false, changed = false;
        assert_int_equal(cccd_store_batch_card_get(f->st, f->app[i], &c, &found, &err), CCCD_OK);
        if (!found || c.batch_id != b->id || c.produced_at != 0)
            continue;
        cccd_date issued, expiry, dob = {1990, 1, i + 1, CCCD_DATE_DAY};
        assert_int_equal(cccd_card_dates(dob, now, &issued, &expiry, &err), CCCD_OK);
        assert_int_equal(cccd_batch_card_done(f->st, f->app[i], issued, expiry, "ab12", now,
                                              &producer, &changed, &err),
                         CCCD_OK);
        assert_true(changed);
    }
}

static void test_batch(void **state) {
    fixture *f = *state;
    cccd_err err;
    cccd_batch b;
    /* an officer may not; a commune's batch takes its own */
    assert_int_equal(cccd_batch_create(f->st, f->u, "001", d_0310, f->now, &officer, 0, &b, &err),
                     CCCD_E_FORBIDDEN);
    assert_int_equal(cccd_batch_create(f->st, f->u, "001", d_0310, f->now, &producer, 0, &b, &err),
                     CCCD_OK);
    assert_int_equal(b.cards, 8); /* Phúc Xá and Trúc Bạch, not Hoàn Kiếm's Phúc Tân */
    for (int i = 0; i < PEOPLE; i++)
        assert_int_equal(state_of(f, f->app[i]),
                         i < 8 ? CCCD_APP_IN_PRODUCTION : CCCD_APP_APPROVED);
    /* nothing left to take there */
    assert_int_equal(cccd_batch_create(f->st, f->u, "001", d_0310, f->now, &producer, 0, &b, &err),
                     CCCD_E_BATCH_STATE);
    assert_string_equal(err.field, "unit");
    /* it cannot leave before its cards exist */
    assert_int_equal(cccd_batch_dispatch(f->st, b.id, f->now, &producer, NULL, NULL, &err),
                     CCCD_E_BATCH_STATE);
    assert_non_null(strstr(err.msg, "8 of its 8 cards are still to be produced"));
    assert_int_equal(cccd_batch_dispatch(f->st, 999, f->now, &producer, NULL, NULL, &err),
                     CCCD_E_BATCH_UNKNOWN);
    /* one card reported twice (a resumed batch) is produced once */
    int64_t later = f->now + 86400; /* made the next day */
    cccd_date issued, expiry, dob = {1990, 1, 1, CCCD_DATE_DAY};
    assert_int_equal(cccd_card_dates(dob, later, &issued, &expiry, &err), CCCD_OK);
    assert_int_equal(issued.d, 11);
    assert_int_equal(expiry.y, 2030); /* 40 in 2030 */
    bool changed = false;
    assert_int_equal(cccd_batch_card_done(f->st, f->app[0], issued, expiry, "ab12", later, &officer,
                                          &changed, &err),
                     CCCD_E_FORBIDDEN);
    assert_int_equal(cccd_batch_card_done(f->st, f->app[0], issued, expiry, "ab12", later,
                                          &producer, &changed, &err),
                     CCCD_OK);
    assert_true(changed);
    assert_int_equal(cccd_batch_card_done(f->st, f->app[0], issued, expiry, "cd34", later,
                                          &producer, &changed, &err),
                     CCCD_OK);
    assert_false(changed);
    assert_int_equal(produced_events(f, f->app[0]), 1);
    cccd_batch_card c;
    bool found = false;
    assert_int_equal(cccd_store_batch_card_get(f->st, f->app[0], &c, &found, &err), CCCD_OK);
    assert_true(found);
    assert_string_equal(c.sod_sha256, "ab12");
    assert_string_equal(c.card_number, f->pid[0]);
    assert_int_equal(c.issued, cccd_date_to_days(issued));
    assert_int_equal(c.expiry, cccd_date_to_days(expiry));
    /* an application outside any batch */
    assert_int_equal(cccd_batch_card_done(f->st, f->app[9], issued, expiry, "ab12", later,
                                          &producer, &changed, &err),
                     CCCD_E_BATCH_UNKNOWN);
    produce_all(f, &b, later);
    cccd_batch got;
    assert_int_equal(cccd_store_batch_get(f->st, b.id, &got, &found, &err), CCCD_OK);
    assert_int_equal(got.produced, 8);
    /* dispatched: one manifest per commune */
    seen s = {.n = 0};
    assert_int_equal(cccd_batch_dispatch(f->st, b.id, later, &producer, on_manifest, &s, &err),
                     CCCD_OK);
    assert_int_equal(s.n, 2);
    assert_string_equal(s.m[0].unit_key, "00001@");
    assert_int_equal(s.m[0].cards, 5);
    assert_string_equal(s.m[1].unit_key, "00004@");
    assert_int_equal(s.m[1].cards, 3);
    for (int i = 0; i < 8; i++)
        assert_int_equal(state_of(f, f->app[i]), CCCD_APP_DISPATCHED);
    assert_int_equal(cccd_batch_dispatch(f->st, b.id, later, &producer, NULL, NULL, &err),
                     CCCD_E_BATCH_STATE);
    /* Phúc Xá confirms its manifest once */
    cccd_manifest m;
    assert_int_equal(cccd_manifest_receive(f->st, s.m[0].id, later + 3600, &officer, &m, &err),
                     CCCD_OK);
    assert_string_equal(m.received_by, "o1");
    for (int i = 0; i < 8; i++)
        assert_int_equal(state_of(f, f->app[i]), i < 5 ? CCCD_APP_RECEIVED : CCCD_APP_DISPATCHED);
    assert_int_equal(cccd_manifest_receive(f->st, s.m[0].id, later + 7200, &officer, &m, &err),
                     CCCD_E_BATCH_STATE);
    assert_non_null(strstr(err.msg, "by o1"));
    assert_int_equal(cccd_manifest_receive(f->st, 999, later, &officer, &m, &err),
                     CCCD_E_MANIFEST_UNKNOWN);
    /* handed over: the registry now holds the card, with the dates it was made with */
    cccd_enroll_step yes = {.citizen_confirmed = true};
    assert_int_equal(cccd_enroll_move(f->st, f->app[0], CCCD_APP_DELIVERED, &yes, later + 86400,
                                      &officer, NULL, &err),
                     CCCD_OK);
    cccd_store_record r;
    assert_int_equal(cccd_store_citizen_get(f->st, f->pid[0], &r, &found, &err), CCCD_OK);
    assert_true(found);
    assert_string_equal(r.v[CCCD_CF_CARD_NUMBER], f->pid[0]);
    assert_string_equal(r.v[CCCD_CF_CARD_ISSUED], "2025-03-11");
    assert_string_equal(r.v[CCCD_CF_CARD_EXPIRY], "2030-01-01");
    cccd_store_record_free(&r);
    /* every step on the record */
    cccd_audit_report rep;
    assert_int_equal(cccd_audit_verify(f->st, &rep, &err), CCCD_OK);
    assert_int_equal(rep.bad_seq, 0);
}

/* A limit takes the oldest first; the rest wait for the next batch. */
static void test_limit(void **state) {
    fixture *f = *state;
    cccd_err err;
    cccd_batch b1, b2;
    assert_int_equal(
        cccd_batch_create(f->st, f->u, "00001", d_0310, f->now, &machine, 2, &b1, &err), CCCD_OK);
    assert_int_equal(b1.cards, 2);
    assert_int_equal(state_of(f, f->app[0]), CCCD_APP_IN_PRODUCTION);
    assert_int_equal(state_of(f, f->app[2]), CCCD_APP_APPROVED);
    assert_int_equal(
        cccd_batch_create(f->st, f->u, "00001", d_0310, f->now, &machine, 0, &b2, &err), CCCD_OK);
    assert_int_equal(b2.cards, 3);
    assert_int_equal(
        cccd_batch_create(f->st, f->u, "99999", d_0310, f->now, &machine, 0, &b2, &err),
        CCCD_E_UNIT_UNKNOWN);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_batch, setup, teardown),
        cmocka_unit_test_setup_teardown(test_limit, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
