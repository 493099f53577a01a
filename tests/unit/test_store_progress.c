/*
 * test_store_progress.c: quotas, campaigns, progress and incidents on each backend
 * (service/quotas.h, service/progress.h, service/incidents.h, docs/progress.md): a quota set
 * and split by eligible population and by hand with the shortfall warning, quotas of merged
 * communes adding up after the 2025 reform, progress figures equal to the applications made
 * through the real workflow over three days, ranks, commendation candidates, the forecast on
 * constructed series and the at-risk flag, an incident's lifecycle and age; roles and
 * jurisdictions refused where they lack the right. Run once per backend by
 * scripts/run-tests.sh (see testdb.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "service/audit_log.h"
#include "service/enrollment.h"
#include "service/incidents.h"
#include "service/progress.h"
#include "service/quotas.h"
#include "store/store.h"
#include "store/store_applications.h"
#include "store/store_campaigns.h"
#include "store/store_rollup.h"
#include "test_population.h"
#include "testdb.h"

/* Hà Nội: Ba Đình (Phúc Xá 00001, Trúc Bạch 00004) and Hoàn Kiếm (Phúc Tân 00037); Hà Giang:
 * Hà Giang city (Quang Trung 00688), a second province for the whole country's rows */
static const char *units_json =
    "{\"data\":[{\"level1_id\":\"01\",\"name\":\"Thành phố Hà Nội\",\"type\":\"Thành phố "
    "Trung ương\",\"level2s\":["
    "{\"level2_id\":\"001\",\"name\":\"Quận Ba Đình\",\"type\":\"Quận\",\"level3s\":["
    "{\"level3_id\":\"00001\",\"name\":\"Phường Phúc Xá\",\"type\":\"Phường\"},"
    "{\"level3_id\":\"00004\",\"name\":\"Phường Trúc Bạch\",\"type\":\"Phường\"}]},"
    "{\"level2_id\":\"002\",\"name\":\"Quận Hoàn Kiếm\",\"type\":\"Quận\",\"level3s\":["
    "{\"level3_id\":\"00037\",\"name\":\"Phường Phúc Tân\",\"type\":\"Phường\"}]}]},"
    "{\"level1_id\":\"02\",\"name\":\"Tỉnh Hà Giang\",\"type\":\"Tỉnh\",\"level2s\":["
    "{\"level2_id\":\"024\",\"name\":\"Thành phố Hà Giang\",\"type\":\"Thành phố\","
    "\"level3s\":[{\"level3_id\":\"00688\",\"name\":\"Phường Quang Trung\",\"type\":"
    "\"Phường\"}]}]}]}";

/* the 2025 reform: Phúc Xá and Trúc Bạch merge into Ba Đình (00004), Phúc Tân becomes Hoàn
 * Kiếm, from 2025-07-01 */
static const char *reform_json =
    "{\"data\":[{\"level1_id\":\"01\",\"name\":\"Thành phố Hà Nội\",\"splits\":[{\"new_id\":"
    "\"01\",\"name\":\"Thành phố Hà Nội\"}],\"level3s\":["
    "{\"level3_id\":\"00001\",\"name\":\"Phường Phúc Xá\",\"splits\":[{\"new_id\":\"00004\","
    "\"name\":\"Phường Ba Đình\"}]},"
    "{\"level3_id\":\"00004\",\"name\":\"Phường Trúc Bạch\",\"splits\":[{\"new_id\":\"00004\","
    "\"name\":\"Phường Ba Đình\"}]},"
    "{\"level3_id\":\"00037\",\"name\":\"Phường Phúc Tân\",\"splits\":[{\"new_id\":\"00037\","
    "\"name\":\"Phường Hoàn Kiếm\"}]}]},"
    "{\"level1_id\":\"02\",\"name\":\"Tỉnh Hà Giang\",\"splits\":[{\"new_id\":\"02\","
    "\"name\":\"Tỉnh Hà Giang\"}],\"level3s\":[{\"level3_id\":\"00688\",\"name\":"
    "\"Phường Quang Trung\",\"splits\":[{\"new_id\":\"00688\",\"name\":\"Phường Quang "
    "Trung\"}]}]}]}";

#define HEADER                                                                                     \
    "personal_id,full_name,date_of_birth,sex,ethnicity,religion,nationality,place_of_origin,"      \
    "permanent_commune,permanent_address,household_id,relation_to_head,residential_group,"         \
    "temporary_commune,temporary_address,status,mobility,old_id_number,card_type,card_number,"     \
    "card_issued,card_expiry,father_name,mother_name,spouse_name\n"

static const cccd_date d_0301 = {2025, 3, 1, CCCD_DATE_DAY};
static const cccd_date d_0310 = {2025, 3, 10, CCCD_DATE_DAY};
static const cccd_date d_0311 = {2025, 3, 11, CCCD_DATE_DAY};
static const cccd_date d_0312 = {2025, 3, 12, CCCD_DATE_DAY};
static const cccd_date d_0331 = {2025, 3, 31, CCCD_DATE_DAY};
static const cccd_date d_0701 = {2025, 7, 1, CCCD_DATE_DAY};
static const cccd_date d_0702 = {2025, 7, 2, CCCD_DATE_DAY};

static const cccd_actor machine = {"cli:test", "", "", "local"};
static const cccd_actor o1 = {"o1", "officer", "00001@", "127.0.0.1"};
static const cccd_actor o2 = {"o2", "officer", "001@", "127.0.0.1"};
static const cccd_actor o3 = {"o3", "officer", "02@", "127.0.0.1"};
static const cccd_actor k_nation = {"kvn", "commander", "VN", "127.0.0.1"};
static const cccd_actor k_city = {"k01", "commander", "01@", "127.0.0.1"};
static const cccd_actor k_badinh = {"k001", "commander", "001@", "127.0.0.1"};
static const cccd_actor k_hoankiem = {"k002", "commander", "002@", "127.0.0.1"};
static const cccd_actor viewer = {"v1", "viewer", "VN", "127.0.0.1"};

/* people: 5 of Phúc Xá (00001), 3 of Trúc Bạch (00004), 2 of Phúc Tân (00037), 2 of Quang
 * Trung (00688, Hà Giang), all born in 1990 with no card, so all eligible: Ba Đình 8, Hoàn
 * Kiếm 2, Hà Giang 2 */
#define PEOPLE 12
static const char *commune_of(int i) {
    return i < 5 ? "00001" : i < 8 ? "00004" : i < 10 ? "00037" : "00688";
}

typedef struct fixture {
    char url[1024];
    cccd_store *st;
    cccd_units *u;
    char pid[PEOPLE][13];
} fixture;

static int64_t at_9(cccd_date d) {
    return cccd_date_to_days(d) * 86400 - 7 * 3600 + 9 * 3600; /* 09:00 in Vietnam */
}

/* Person i's application opened, captured, submitted by `by` on day d and approved. */
static int apply(fixture *f, int i, cccd_date d, const cccd_actor *by, cccd_err *err) {
    static const unsigned char bytes[] = "sealed capture";
    int64_t now = at_9(d);
    cccd_enroll_open_req r = {.personal_id = f->pid[i], .request_id = f->pid[i]};
    cccd_application a;
    bool created = false;
    if (cccd_enroll_open(f->st, f->u, d, now, &machine, &r, &a, &created, err) != CCCD_OK)
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
        if (cccd_enroll_bio_add(f->st, &b, now, &machine, &id, err) != CCCD_OK)
            return -1;
    }
    if (cccd_enroll_move(f->st, a.id, CCCD_APP_SUBMITTED, NULL, now, by, NULL, err) != CCCD_OK ||
        cccd_enroll_move(f->st, a.id, CCCD_APP_APPROVED, NULL, now, &machine, NULL, err) != CCCD_OK)
        return -1;
    return 0;
}

static int setup(void **state) {
    fixture *f = calloc(1, sizeof *f);
    cccd_err err;
    if (f == NULL || testdb_new(f->url, sizeof f->url) != 0 ||
        cccd_store_open(f->url, &f->st, &err) != CCCD_OK ||
        cccd_store_migrate(f->st, NULL, NULL, &err) != CCCD_OK ||
        testdb_units(f->st, units_json, reform_json, d_0701, NULL, &err) != CCCD_OK ||
        cccd_store_units_load(f->st, &f->u, &err) != CCCD_OK) {
        fprintf(stderr, "setup: %s\n", err.msg);
        return -1;
    }
    char csv[8192];
    size_t n = (size_t)snprintf(csv, sizeof csv, "%s", HEADER);
    for (int i = 0; i < PEOPLE; i++) {
        snprintf(f->pid[i], sizeof f->pid[i], "0010900000%02u", (unsigned)(i + 1) % 100u);
        n += (size_t)snprintf(csv + n, sizeof csv - n,
                              "%s,Nguyễn Văn Số %d,1990-01-%02d,M,Kinh,Không,Việt Nam,Hà Nội,%s,"
                              "Số %d,HK%d,Chủ hộ,Tổ 1,,,alive,normal,,,,,,,,\n",
                              f->pid[i], i + 1, i + 1, commune_of(i), i + 1, i);
    }
    if (testdb_registry(f->st, f->u, csv, n, d_0301, &err) != CCCD_OK) {
        fprintf(stderr, "setup: %s\n", err.msg);
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

static const cccd_unit *unit(fixture *f, const char *code, cccd_date at) {
    cccd_err err;
    const cccd_unit *un = cccd_units_lookup(f->u, code, CCCD_UNIT_ANY, at, &err);
    assert_non_null(un);
    return un;
}

/* The number of entries on the audit chain, which must be whole. */
static int64_t audited(fixture *f) {
    cccd_audit_report rep;
    cccd_err err;
    assert_int_equal(cccd_audit_verify(f->st, &rep, &err), CCCD_OK);
    assert_int_equal(rep.bad_seq, 0);
    return rep.entries;
}

static int64_t quota_target(fixture *f, const char *code, cccd_date at) {
    cccd_quota_view q;
    cccd_err err;
    assert_int_equal(cccd_quota_of(f->st, f->u, unit(f, code, at), at, &q, &err), CCCD_OK);
    return q.set ? q.target : -1;
}

static void count_history(void *ctx, const cccd_quota *q) {
    int *n = ctx;
    n[0]++;
    n[1] += q->current;
}

static void test_quota_set_and_split(void **state) {
    fixture *f = *state;
    cccd_err err;
    int64_t now = at_9(d_0310), entries = audited(f);
    cccd_quota q;
    /* the nation gives Hà Nội 20 by the end of March */
    assert_int_equal(
        cccd_quota_set(f->st, f->u, "01", 20, d_0331, d_0310, now, &k_nation, &q, &err), CCCD_OK);
    assert_int_equal(q.target, 20);
    assert_int_equal(quota_target(f, "01", d_0310), 20);
    /* a city's commander may not set the city's own quota, nor one outside it */
    assert_int_equal(
        cccd_quota_set(f->st, f->u, "01", 30, d_0331, d_0310, now, &k_city, NULL, &err),
        CCCD_E_FORBIDDEN);
    assert_string_equal(err.field, "unit");
    assert_int_equal(
        cccd_quota_set(f->st, f->u, "002", 3, d_0331, d_0310, now, &k_badinh, NULL, &err),
        CCCD_E_FORBIDDEN);
    /* a viewer has no campaign.manage; a deadline in the past and a negative target */
    assert_int_equal(
        cccd_quota_set(f->st, f->u, "001", 3, d_0331, d_0310, now, &viewer, NULL, &err),
        CCCD_E_FORBIDDEN);
    assert_int_equal(
        cccd_quota_set(f->st, f->u, "001", 3, d_0301, d_0310, now, &k_city, NULL, &err),
        CCCD_E_ARG);
    assert_string_equal(err.field, "deadline");
    assert_int_equal(
        cccd_quota_set(f->st, f->u, "001", -1, d_0331, d_0310, now, &k_city, NULL, &err),
        CCCD_E_ARG);
    assert_string_equal(err.field, "target");

    /* split by eligible: Ba Đình 8 of 10, Hoàn Kiếm 2 of 10 */
    cccd_split s;
    assert_int_equal(cccd_quota_split(f->st, f->u, "01", NULL, 0, d_0310, now, &k_city, &s, &err),
                     CCCD_OK);
    assert_int_equal(s.n, 2);
    assert_string_equal(s.v[0].unit->code, "001");
    assert_int_equal(s.v[0].eligible, 8);
    assert_int_equal(s.v[0].target, 16);
    assert_int_equal(s.v[1].target, 4);
    assert_int_equal(s.sum, 20);
    assert_false(s.short_of_parent);
    assert_string_equal(s.warning, "");
    cccd_split_free(&s);
    assert_int_equal(quota_target(f, "001", d_0310), 16);
    assert_int_equal(quota_target(f, "002", d_0310), 4);

    /* by hand, short of the parent's 16: a warning, and done */
    cccd_split_in lines[] = {{"00001", 7}, {"00004", 5}};
    assert_int_equal(
        cccd_quota_split(f->st, f->u, "001", lines, 2, d_0310, now, &k_badinh, &s, &err), CCCD_OK);
    assert_true(s.short_of_parent);
    assert_int_equal(s.sum, 12);
    assert_non_null(strstr(s.warning, "4 short"));
    assert_int_equal(s.deadline, cccd_date_to_days(d_0331));
    cccd_split_free(&s);
    assert_int_equal(quota_target(f, "00001", d_0310), 7);
    /* a unit that is not a child, a line twice, a unit with no quota */
    cccd_split_in bad[] = {{"00001", 7}, {"00037", 5}};
    assert_int_equal(cccd_quota_split(f->st, f->u, "001", bad, 2, d_0310, now, &k_badinh, &s, &err),
                     CCCD_E_QUOTA_SCOPE);
    assert_string_equal(err.field, "code");
    cccd_split_in twice[] = {{"00001", 7}, {"00001", 5}};
    assert_int_equal(
        cccd_quota_split(f->st, f->u, "001", twice, 2, d_0310, now, &k_badinh, &s, &err),
        CCCD_E_QUOTA_SCOPE);
    assert_int_equal(
        cccd_quota_split(f->st, f->u, "00001", NULL, 0, d_0310, now, &k_badinh, &s, &err),
        CCCD_E_ARG); /* a commune has no children with eligible people */
    assert_int_equal(
        cccd_quota_split(f->st, f->u, "00037", NULL, 0, d_0310, now, &k_hoankiem, &s, &err),
        CCCD_E_QUOTA_UNKNOWN);
    /* a new quota replaces the old, which stays in history */
    assert_int_equal(
        cccd_quota_set(f->st, f->u, "001", 18, d_0331, d_0310, now, &k_city, NULL, &err), CCCD_OK);
    assert_int_equal(quota_target(f, "001", d_0310), 18);
    int hist[2] = {0, 0};
    char key[CCCD_UNIT_KEY_LEN];
    cccd_store_unit_key(unit(f, "001", d_0310), key);
    assert_int_equal(cccd_store_quota_history(f->st, key, count_history, hist, &err), CCCD_OK);
    assert_int_equal(hist[0], 2);
    assert_int_equal(hist[1], 1);
    /* quota.set twice, quota.split twice; nothing for the refusals */
    assert_int_equal(audited(f), entries + 4);
}

static void test_merged_quotas(void **state) {
    fixture *f = *state;
    cccd_err err;
    assert_int_equal(cccd_quota_set(f->st, f->u, "00001", 5,
                                    (cccd_date){2025, 9, 30, CCCD_DATE_DAY}, d_0310, at_9(d_0310),
                                    &machine, NULL, &err),
                     CCCD_OK);
    assert_int_equal(cccd_quota_set(f->st, f->u, "00004", 3,
                                    (cccd_date){2025, 10, 31, CCCD_DATE_DAY}, d_0310, at_9(d_0310),
                                    &machine, NULL, &err),
                     CCCD_OK);
    assert_int_equal(quota_target(f, "00004", d_0310), 3);
    /* after the reform Ba Đình (00004) holds both: they add up, the later deadline */
    cccd_quota_view q;
    assert_int_equal(cccd_quota_of(f->st, f->u, unit(f, "00004", d_0702), d_0702, &q, &err),
                     CCCD_OK);
    assert_true(q.set);
    assert_int_equal(q.target, 8);
    assert_int_equal(q.nsources, 2);
    assert_int_equal(q.deadline, cccd_date_to_days((cccd_date){2025, 10, 31, CCCD_DATE_DAY}));
    /* a new quota for the merged ward replaces both */
    assert_int_equal(cccd_quota_set(f->st, f->u, "00004", 12,
                                    (cccd_date){2025, 10, 31, CCCD_DATE_DAY}, d_0702, at_9(d_0702),
                                    &k_city, NULL, &err),
                     CCCD_OK);
    assert_int_equal(cccd_quota_of(f->st, f->u, unit(f, "00004", d_0702), d_0702, &q, &err),
                     CCCD_OK);
    assert_int_equal(q.target, 12);
    assert_int_equal(q.nsources, 1);
    /* before the reform, the old wards' history is untouched but no longer current */
    assert_int_equal(quota_target(f, "00001", d_0310), -1);
}

static int64_t count_of(const cccd_progress_counts *c, const char *key, bool day) {
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->v[i].key, key) == 0)
            return day ? c->v[i].day : c->v[i].total;
    return 0;
}

static void test_progress(void **state) {
    fixture *f = *state;
    cccd_err err;
    /* three days: 10/3 persons 0, 1 (o1) and 5 (o2); 11/3 persons 2, 3 (o1) and 8 (o2);
     * 12/3 person 6 (o2) */
    static const struct {
        int person, day;
        const cccd_actor *by;
    } made[] = {{0, 0, &o1}, {1, 0, &o1}, {5, 0, &o2}, {2, 1, &o1},
                {3, 1, &o1}, {8, 1, &o2}, {6, 2, &o2}};
    const cccd_date days[] = {d_0310, d_0311, d_0312};
    for (size_t i = 0; i < sizeof made / sizeof made[0]; i++)
        if (apply(f, made[i].person, days[made[i].day], made[i].by, &err) != 0)
            fail_msg("person %d: %s", made[i].person, err.msg);
    /* a card that reached Phúc Xá on 12/3 (the state "received", key "") is not an
     * application received at a desk */
    char phucxa[CCCD_UNIT_KEY_LEN];
    cccd_store_unit_key(cccd_units_lookup(f->u, "00001", CCCD_UNIT_COMMUNE, d_0312, &err), phucxa);
    assert_int_equal(cccd_store_app_figure_add(f->st, phucxa, cccd_date_to_days(d_0312), "received",
                                               "", 1, &err),
                     CCCD_OK);
    int64_t now = at_9(d_0310);
    assert_int_equal(
        cccd_quota_set(f->st, f->u, "001", 6, d_0331, d_0310, now, &k_city, NULL, &err), CCCD_OK);
    assert_int_equal(
        cccd_quota_set(f->st, f->u, "002", 2, d_0331, d_0310, now, &k_city, NULL, &err), CCCD_OK);
    assert_int_equal(
        cccd_quota_set(f->st, f->u, "01", 100, d_0331, d_0310, now, &k_nation, NULL, &err),
        CCCD_OK);
    cccd_campaign c;
    assert_int_equal(cccd_campaign_add(f->st, f->u, "30 ngày đêm", "01", d_0311,
                                       (cccd_date){2025, 4, 10, CCCD_DATE_DAY}, 8, d_0310, now,
                                       &k_city, &c, &err),
                     CCCD_OK);
    assert_int_equal(cccd_campaign_add(f->st, f->u, "x", "01", d_0311, d_0310, 8, d_0310, now,
                                       &k_city, NULL, &err),
                     CCCD_E_ARG);
    assert_string_equal(err.field, "to");
    assert_int_equal(cccd_campaign_add(f->st, f->u, "x", "01", d_0311, d_0331, 8, d_0310, now,
                                       &k_badinh, NULL, &err),
                     CCCD_E_FORBIDDEN);

    cccd_progress p;
    assert_int_equal(cccd_progress_get(f->st, f->u, "01", d_0312, &p, &err), CCCD_OK);
    assert_int_equal(p.total.received_total, 7);
    assert_int_equal(p.total.received_day, 1);
    assert_int_equal(p.total.approved_total, 7);
    assert_int_equal(p.total.approved_day, 1);
    assert_int_equal(p.total.produced_total, 0);
    assert_int_equal(count_of(&p.total.by_type, "first_issue", false), 7);
    assert_int_equal(count_of(&p.total.by_shift, "morning", false), 7);
    assert_int_equal(count_of(&p.total.by_point, "none", true), 1);
    assert_int_equal(p.total.daily[27], 1);
    assert_int_equal(p.total.daily[26], 3);
    assert_int_equal(p.total.daily[25], 3);
    /* the campaign counts from 11/3: 4 of 8 */
    assert_int_equal(p.total.campaign_id, c.id);
    assert_string_equal(p.total.campaign_name, "30 ngày đêm");
    assert_int_equal(p.total.campaign_received, 4);
    assert_true(fabs(p.total.campaign_percent - 50.0) < 1e-9);
    /* 7 of 100 by 31/3 at 1 a day: at risk */
    assert_true(p.total.at_risk);
    assert_int_equal(p.total.rank, 0);
    assert_int_equal(p.nchildren, 2);
    const cccd_progress_row *badinh = &p.children[0], *hoankiem = &p.children[1];
    assert_string_equal(badinh->unit->code, "001");
    assert_int_equal(badinh->received_total, 6);
    assert_true(fabs(badinh->quota_percent - 100.0) < 1e-9);
    assert_true(badinh->over_quota);
    assert_int_equal(badinh->rank, 1);
    assert_true(badinh->forecast);
    assert_int_equal(badinh->finish, cccd_date_to_days(d_0312)); /* done */
    assert_false(badinh->at_risk);
    assert_int_equal(hoankiem->received_total, 1);
    assert_int_equal(hoankiem->received_day, 0);
    assert_true(fabs(hoankiem->quota_percent - 50.0) < 1e-9);
    assert_int_equal(hoankiem->rank, 2);
    assert_false(hoankiem->over_quota);
    /* one application on a Tuesday in 28 days: a rate of 1/7 a day, all of it on Tuesdays, so
     * the one remaining comes next Tuesday, 18/3, before the deadline */
    assert_true(hoankiem->forecast);
    assert_int_equal(hoankiem->finish, cccd_date_to_days((cccd_date){2025, 3, 18, CCCD_DATE_DAY}));
    assert_false(hoankiem->at_risk);
    /* commendations: Ba Đình; the officers o1 (4) then o2 (3) */
    assert_int_equal(p.nover, 1);
    assert_string_equal(p.over_quota[0]->code, "001");
    assert_int_equal(p.ntop, 2);
    assert_string_equal(p.top_officers[0].key, "o1");
    assert_int_equal(p.top_officers[0].total, 4);
    assert_string_equal(p.top_officers[1].key, "o2");
    assert_int_equal(p.top_officers[1].total, 3);
    json_t *j = cccd_progress_json(&p);
    assert_int_equal(json_integer_value(json_object_get(
                         json_object_get(json_object_get(j, "unit"), "received"), "total")),
                     7);
    json_decref(j);
    cccd_progress_free(&p);

    /* on 11/3: 6 so far, 3 that day; the commune level has no children */
    assert_int_equal(cccd_progress_get(f->st, f->u, "001", d_0311, &p, &err), CCCD_OK);
    assert_int_equal(p.total.received_total, 5);
    assert_int_equal(p.total.received_day, 2);
    assert_int_equal(p.children[0].received_total, 4); /* Phúc Xá: persons 0..3 */
    assert_int_equal(p.children[1].received_total, 1); /* Trúc Bạch: person 5 */
    cccd_progress_free(&p);
    assert_int_equal(cccd_progress_get(f->st, f->u, "00001", d_0312, &p, &err), CCCD_OK);
    assert_int_equal(p.nchildren, 0);
    assert_int_equal(count_of(&p.total.by_officer, "o1", false), 4);
    cccd_progress_free(&p);
    assert_int_equal(cccd_progress_get(f->st, f->u, "99", d_0312, &p, &err), CCCD_E_UNIT_UNKNOWN);
    cccd_progress_free(&p);
    /* after the reform the merged ward 00004 holds Phúc Xá's and Trúc Bạch's applications */
    assert_int_equal(cccd_progress_get(f->st, f->u, "00004", d_0702, &p, &err), CCCD_OK);
    assert_int_equal(p.total.received_total, 6);
    cccd_progress_free(&p);
}

/* the counts of a row added to *sum (the figures that add up over rows) */
static void row_add(cccd_progress_row *sum, const cccd_progress_row *r) {
    sum->received_day += r->received_day;
    sum->received_total += r->received_total;
    sum->approved_day += r->approved_day;
    sum->approved_total += r->approved_total;
    sum->produced_total += r->produced_total;
    sum->delivered_total += r->delivered_total;
    for (int i = 0; i < 28; i++)
        sum->daily[i] += r->daily[i];
    sum->coverage.c.residents += r->coverage.c.residents;
    sum->coverage.c.eligible += r->coverage.c.eligible;
    sum->coverage.remaining += r->coverage.remaining;
}

static void test_progress_nation(void **state) {
    fixture *f = *state;
    cccd_err err;
    /* Hà Nội: persons 0, 1 (Phúc Xá) on 10/3 and 5 (Trúc Bạch) on 11/3; Hà Giang: person 10 on
     * 11/3 and 11 on 12/3 */
    static const struct {
        int person, day;
        const cccd_actor *by;
    } made[] = {{0, 0, &o1}, {1, 0, &o1}, {5, 1, &o2}, {10, 1, &o3}, {11, 2, &o3}};
    const cccd_date days[] = {d_0310, d_0311, d_0312};
    for (size_t i = 0; i < sizeof made / sizeof made[0]; i++)
        if (apply(f, made[i].person, days[made[i].day], made[i].by, &err) != 0)
            fail_msg("person %d: %s", made[i].person, err.msg);
    int64_t now = at_9(d_0310);
    assert_int_equal(
        cccd_quota_set(f->st, f->u, "01", 100, d_0331, d_0310, now, &k_nation, NULL, &err),
        CCCD_OK);
    assert_int_equal(cccd_quota_set(f->st, f->u, "02", 2, (cccd_date){2025, 4, 30, CCCD_DATE_DAY},
                                    d_0310, now, &k_nation, NULL, &err),
                     CCCD_OK);

    cccd_progress p;
    assert_int_equal(cccd_progress_get(f->st, f->u, "VN", d_0312, &p, &err), CCCD_OK);
    assert_string_equal(p.total.unit->code, "VN");
    assert_string_equal(p.total.unit->name, "Việt Nam");
    assert_int_equal(p.nchildren, 2);
    assert_string_equal(p.children[0].unit->code, "01");
    assert_string_equal(p.children[1].unit->code, "02");
    /* the nation's row is the sum of its provinces' rows */
    cccd_progress_row sum;
    memset(&sum, 0, sizeof sum);
    for (size_t i = 0; i < p.nchildren; i++)
        row_add(&sum, &p.children[i]);
    assert_int_equal(p.total.received_total, 5);
    assert_int_equal(p.total.received_total, sum.received_total);
    assert_int_equal(p.total.received_day, sum.received_day);
    assert_int_equal(p.total.received_day, 1);
    assert_int_equal(p.total.approved_total, sum.approved_total);
    assert_int_equal(p.total.produced_total, sum.produced_total);
    assert_int_equal(p.total.delivered_total, sum.delivered_total);
    assert_memory_equal(p.total.daily, sum.daily, sizeof sum.daily);
    assert_int_equal(p.children[0].received_total, 3);
    assert_int_equal(p.children[1].received_total, 2);
    assert_int_equal(count_of(&p.total.by_type, "first_issue", false), 5);
    assert_int_equal(count_of(&p.children[1].by_officer, "o3", false), 2);
    /* the coverage of each row: all 12 eligible, the 5 who applied in progress */
    assert_int_equal(p.total.coverage.c.eligible, 12);
    assert_int_equal(p.total.coverage.c.eligible, sum.coverage.c.eligible);
    assert_int_equal(p.total.coverage.c.residents, sum.coverage.c.residents);
    assert_int_equal(p.children[0].coverage.c.eligible, 10);
    assert_int_equal(p.children[1].coverage.c.eligible, 2);
    assert_int_equal(p.total.coverage.remaining, sum.coverage.remaining);
    /* the country's quota is its provinces' summed, with the latest deadline; Hà Giang is
     * over its quota and ranks first */
    assert_true(p.total.quota.set);
    assert_int_equal(p.total.quota.target, 102);
    assert_int_equal(p.total.quota.deadline,
                     cccd_date_to_days((cccd_date){2025, 4, 30, CCCD_DATE_DAY}));
    assert_int_equal(p.children[1].rank, 1);
    assert_int_equal(p.children[0].rank, 2);
    assert_int_equal(p.nover, 1);
    assert_string_equal(p.over_quota[0]->code, "02");
    assert_int_equal(p.ntop, 3);
    assert_string_equal(p.top_officers[0].key, "o1"); /* 2 each: o1 before o3 */
    assert_string_equal(p.top_officers[1].key, "o3");
    /* the same figures as asking for each province by itself */
    for (size_t i = 0; i < p.nchildren; i++) {
        cccd_progress q;
        assert_int_equal(cccd_progress_get(f->st, f->u, p.children[i].unit->code, d_0312, &q, &err),
                         CCCD_OK);
        assert_int_equal(q.total.received_total, p.children[i].received_total);
        assert_int_equal(q.total.approved_total, p.children[i].approved_total);
        assert_int_equal(q.total.coverage.c.eligible, p.children[i].coverage.c.eligible);
        cccd_progress_free(&q);
    }
    json_t *j = cccd_progress_json(&p);
    json_t *ju = json_object_get(j, "unit");
    assert_string_equal(json_string_value(json_object_get(ju, "code")), "VN");
    assert_int_equal(
        json_integer_value(json_object_get(json_object_get(ju, "coverage"), "eligible")), 12);
    assert_int_equal(
        json_integer_value(json_object_get(json_object_get(ju, "coverage"), "in_progress")), 5);
    assert_int_equal(
        json_integer_value(json_object_get(json_object_get(ju, "coverage"), "remaining")), 7);
    json_t *jhg = json_array_get(json_object_get(j, "children"), 1);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(jhg, "received"), "total")),
                     2);
    json_decref(j);
    cccd_progress_free(&p);

    /* after the reform Phúc Xá's applications (its old key) still count, under the merged Ba
     * Đình ward, in Hà Nội's row and the nation's */
    assert_int_equal(cccd_progress_get(f->st, f->u, "VN", d_0702, &p, &err), CCCD_OK);
    assert_int_equal(p.nchildren, 2);
    assert_string_equal(p.children[0].unit->code, "01");
    assert_int_equal(p.children[0].received_total, 3);
    assert_int_equal(p.children[0].received_day, 0);
    assert_int_equal(p.total.received_total, 5);
    cccd_progress_free(&p);
    assert_int_equal(cccd_progress_get(f->st, f->u, "01", d_0702, &p, &err), CCCD_OK);
    size_t k = 0;
    while (k < p.nchildren && strcmp(p.children[k].unit->code, "00004") != 0)
        k++;
    assert_true(k < p.nchildren);
    assert_int_equal(p.children[k].received_total, 3); /* persons 0, 1 of Phúc Xá and 5 */
    assert_int_equal(p.total.received_total, 3);
    cccd_progress_free(&p);
    /* the lower case too; a unit of another province's commander is no concern of the service
     * (the server refuses VN to accounts below it: test_store_progress_api.c) */
    assert_int_equal(cccd_progress_get(f->st, f->u, "vn", d_0312, &p, &err), CCCD_OK);
    assert_int_equal(p.total.received_total, 5);
    cccd_progress_free(&p);
}

typedef struct under_sum {
    int64_t n, rows;
} under_sum;

static void sum_under(void *ctx, const char *unit_key, int64_t day, const char *measure,
                      const char *key, int64_t n) {
    under_sum *s = ctx;
    (void)day;
    (void)key;
    if (strncmp(unit_key, "T", 1) == 0 && strcmp(measure, "received") == 0) {
        s->n += n;
        s->rows++;
    }
}

/* the one-pass read of many versions: more keys than one statement's batch, a repeated last
 * batch, a day range, and every unit's keys */
static void test_figures_under(void **state) {
    fixture *f = *state;
    cccd_err err;
    char keys[70][16];
    const char *kp[70];
    int64_t d0 = cccd_date_to_days(d_0310);
    assert_int_equal(cccd_store_begin(f->st, &err), CCCD_OK);
    for (int i = 0; i < 70; i++) {
        snprintf(keys[i], sizeof keys[i], "T%02d@", i);
        kp[i] = keys[i];
        for (int d = 0; d < 3; d++)
            assert_int_equal(cccd_store_app_figure_add(f->st, keys[i], d0 + d, "received",
                                                       "first_issue", i + 1, &err),
                             CCCD_OK);
    }
    assert_int_equal(cccd_store_commit(f->st, &err), CCCD_OK);
    under_sum s = {0, 0};
    /* 65 keys (three statements, the last one of one key): 3 days of 1..65 */
    assert_int_equal(cccd_store_app_figures_under(f->st, kp, 65, d0, d0 + 2, sum_under, &s, &err),
                     CCCD_OK);
    assert_int_equal(s.rows, 65 * 3);
    assert_int_equal(s.n, 3 * 65 * 66 / 2);
    /* the last day only */
    memset(&s, 0, sizeof s);
    assert_int_equal(
        cccd_store_app_figures_under(f->st, kp, 65, d0 + 2, d0 + 9, sum_under, &s, &err), CCCD_OK);
    assert_int_equal(s.rows, 65);
    /* every unit: all 70 */
    memset(&s, 0, sizeof s);
    assert_int_equal(cccd_store_app_figures_under(f->st, kp, 70, 0, d0 + 2, sum_under, &s, &err),
                     CCCD_OK);
    assert_int_equal(s.rows, 70 * 3);
    assert_int_equal(s.n, 3 * 70 * 71 / 2);
    /* none */
    memset(&s, 0, sizeof s);
    assert_int_equal(cccd_store_app_figures_under(f->st, kp, 0, 0, d0 + 2, sum_under, &s, &err),
                     CCCD_OK);
    assert_int_equal(s.rows, 0);
}

static void test_forecast(void **state) {
    (void)state;
    int64_t daily[28], finish = 0;
    double rate = 0;
    int64_t fri = cccd_date_to_days((cccd_date){2025, 3, 14, CCCD_DATE_DAY}); /* a Friday */
    /* 10 every day: 35 more take 4 days */
    for (int i = 0; i < 28; i++)
        daily[i] = 10;
    assert_true(cccd_progress_forecast(daily, fri, 35, &finish, &rate));
    assert_int_equal(finish, fri + 4);
    assert_true(fabs(rate - 10.0) < 1e-9);
    /* already done */
    assert_true(cccd_progress_forecast(daily, fri, 0, &finish, NULL));
    assert_int_equal(finish, fri);
    /* 10 on weekdays, none at weekends: 30 more from a Friday are done on Wednesday */
    for (int i = 0; i < 28; i++) {
        cccd_date d = cccd_date_from_days(fri - 27 + i);
        int wd = (int)(((fri - 27 + i) + 3) % 7); /* Monday 0 */
        (void)d;
        daily[i] = wd < 5 ? 10 : 0;
    }
    assert_true(cccd_progress_forecast(daily, fri, 30, &finish, &rate));
    assert_int_equal(finish, cccd_date_to_days((cccd_date){2025, 3, 19, CCCD_DATE_DAY}));
    /* the projection the chart draws: nothing on Saturday and Sunday, then the weekdays' 10
     * (the rate of 50/7 a day times the factor 7/5), adding up to the 30 by Wednesday */
    double proj[5];
    cccd_progress_projection(daily, fri, proj, 5);
    assert_true(fabs(proj[0]) < 1e-9 && fabs(proj[1]) < 1e-9);
    assert_true(fabs(proj[2] - 10.0) < 1e-9 && fabs(proj[4] - 10.0) < 1e-9);
    /* nothing received: no forecast; a rate too low for ten years: none either */
    memset(daily, 0, sizeof daily);
    assert_false(cccd_progress_forecast(daily, fri, 1, &finish, &rate));
    daily[27] = 1;
    assert_false(cccd_progress_forecast(daily, fri, 1000000, &finish, &rate));
}

typedef struct seen {
    int n;
    int64_t id, age;
    const cccd_unit *unit;
} seen;

static void on_incident(void *ctx, const cccd_incident *i, const cccd_unit *un, int64_t age) {
    seen *s = ctx;
    s->n++;
    s->id = i->id;
    s->age = age;
    s->unit = un;
}

static void test_incidents(void **state) {
    fixture *f = *state;
    cccd_err err;
    int64_t now = at_9(d_0310), entries = audited(f);
    cccd_incident i;
    assert_int_equal(cccd_incident_report(f->st, f->u, "00001", "kit_broken", "Nhà văn hoá tổ 1",
                                          "máy quét vân tay hỏng", d_0310, now, &o1, &i, &err),
                     CCCD_OK);
    assert_string_equal(i.state, "open");
    /* outside the officer's ward; a viewer; a kind that is not one */
    assert_int_equal(cccd_incident_report(f->st, f->u, "00037", "crowding", "UBND", "", d_0310, now,
                                          &o1, NULL, &err),
                     CCCD_E_FORBIDDEN);
    assert_int_equal(cccd_incident_report(f->st, f->u, "00001", "crowding", "UBND", "", d_0310, now,
                                          &viewer, NULL, &err),
                     CCCD_E_FORBIDDEN);
    assert_int_equal(cccd_incident_report(f->st, f->u, "00001", "flood", "UBND", "", d_0310, now,
                                          &o1, NULL, &err),
                     CCCD_E_ARG);
    assert_string_equal(err.field, "kind");
    assert_int_equal(
        cccd_incident_report(f->st, f->u, "00001", "other", "", "", d_0310, now, &o1, NULL, &err),
        CCCD_E_ARG);
    assert_string_equal(err.field, "place");
    /* handling: an officer may not; another district's commander may not; answer needs an
     * assignee */
    assert_int_equal(cccd_incident_step_do(f->st, f->u, i.id, CCCD_INCIDENT_ASSIGN, "tổ kỹ thuật",
                                           d_0310, now, &o1, NULL, &err),
                     CCCD_E_FORBIDDEN);
    assert_int_equal(cccd_incident_step_do(f->st, f->u, i.id, CCCD_INCIDENT_ASSIGN, "tổ kỹ thuật",
                                           d_0310, now, &k_hoankiem, NULL, &err),
                     CCCD_E_FORBIDDEN);
    assert_int_equal(cccd_incident_step_do(f->st, f->u, i.id, CCCD_INCIDENT_ANSWER, "đã thay",
                                           d_0310, now, &k_badinh, NULL, &err),
                     CCCD_E_INCIDENT_STATE);
    assert_int_equal(cccd_incident_step_do(f->st, f->u, 9999, CCCD_INCIDENT_CLOSE, "", d_0310, now,
                                           &k_badinh, NULL, &err),
                     CCCD_E_INCIDENT_UNKNOWN);
    assert_int_equal(cccd_incident_step_do(f->st, f->u, i.id, CCCD_INCIDENT_ASSIGN, "tổ kỹ thuật",
                                           d_0310, now + 600, &k_badinh, &i, &err),
                     CCCD_OK);
    assert_string_equal(i.state, "assigned");
    assert_string_equal(i.assignee, "tổ kỹ thuật");
    /* open, an hour old, in Ba Đình's list and not in Hoàn Kiếm's */
    seen s = {0};
    assert_int_equal(
        cccd_incidents_list(f->st, f->u, "001", true, d_0310, now + 3600, on_incident, &s, &err),
        CCCD_OK);
    assert_int_equal(s.n, 1);
    assert_int_equal(s.id, i.id);
    assert_int_equal(s.age, 3600);
    assert_string_equal(s.unit->code, "00001");
    memset(&s, 0, sizeof s);
    assert_int_equal(
        cccd_incidents_list(f->st, f->u, "002", true, d_0310, now + 3600, on_incident, &s, &err),
        CCCD_OK);
    assert_int_equal(s.n, 0);
    assert_int_equal(cccd_incident_step_do(f->st, f->u, i.id, CCCD_INCIDENT_ANSWER, "đã thay máy",
                                           d_0310, now + 4000, &k_badinh, &i, &err),
                     CCCD_OK);
    assert_string_equal(i.state, "answered");
    assert_int_equal(cccd_incident_step_do(f->st, f->u, i.id, CCCD_INCIDENT_CLOSE, "", d_0310,
                                           now + 7200, &k_city, &i, &err),
                     CCCD_OK);
    assert_string_equal(i.state, "closed");
    assert_string_equal(i.answer, "đã thay máy");
    assert_int_equal(cccd_incident_step_do(f->st, f->u, i.id, CCCD_INCIDENT_CLOSE, "", d_0310,
                                           now + 7300, &k_city, NULL, &err),
                     CCCD_E_INCIDENT_STATE);
    memset(&s, 0, sizeof s);
    assert_int_equal(
        cccd_incidents_list(f->st, f->u, "01", true, d_0310, now + 9000, on_incident, &s, &err),
        CCCD_OK);
    assert_int_equal(s.n, 0);
    assert_int_equal(
        cccd_incidents_list(f->st, f->u, "01", false, d_0310, now + 9000, on_incident, &s, &err),
        CCCD_OK);
    assert_int_equal(s.n, 1);
    assert_int_equal(s.age, 7200); /* closed: reported to closed */
    /* after the reform the incident of Phúc Xá lies in the merged ward */
    memset(&s, 0, sizeof s);
    assert_int_equal(
        cccd_incidents_list(f->st, f->u, "00004", false, d_0702, now, on_incident, &s, &err),
        CCCD_OK);
    assert_int_equal(s.n, 1);
    /* report, assign, answer, close */
    assert_int_equal(audited(f), entries + 4);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_quota_set_and_split, setup, teardown),
        cmocka_unit_test_setup_teardown(test_merged_quotas, setup, teardown),
        cmocka_unit_test_setup_teardown(test_progress, setup, teardown),
        cmocka_unit_test_setup_teardown(test_progress_nation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_figures_under, setup, teardown),
        cmocka_unit_test(test_forecast),
        cmocka_unit_test_setup_teardown(test_incidents, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
