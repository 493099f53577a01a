/*
 * test_store_report.c: the daily and weekly reports on each backend (service/report.h,
 * docs/reports.md). A small tree (Hà Nội, Ba Đình district, the communes Phúc Xá and Trúc
 * Bạch, and the 2025 reform that merges Phúc Xá into Hồng Hà and renews Trúc Bạch as Ba
 * Đình) with applications made through the real workflow (cccd_enroll_open and _move, as the
 * desk, the supervisor and the card centre do) at fixed times over a few days, before and
 * after the reform, at a fixed point, a mobile one, a home-visit team and none. Every figure
 * of the rows and the totals is checked against what was done; the old versions' figures
 * count under their successors. Run once per backend by scripts/run-tests.sh (testdb.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "service/coverage.h"
#include "service/enrollment.h"
#include "service/report.h"
#include "store/store.h"
#include "store/store_applications.h"
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

#define HEADER                                                                                     \
    "personal_id,full_name,date_of_birth,sex,ethnicity,religion,nationality,place_of_origin,"      \
    "permanent_commune,permanent_address,household_id,relation_to_head,residential_group,"         \
    "temporary_commune,temporary_address,status,mobility,old_id_number,card_type,card_number,"     \
    "card_issued,card_expiry,father_name,mother_name,spouse_name\n"

static const cccd_date d_0301 = {2025, 3, 1, CCCD_DATE_DAY};
static const cccd_date d_0310 = {2025, 3, 10, CCCD_DATE_DAY}; /* a Monday */
static const cccd_date d_0701 = {2025, 7, 1, CCCD_DATE_DAY};

static const cccd_actor desk = {"o1", "officer", "00001@", "127.0.0.1"};
static const cccd_actor boss = {"s1", "supervisor", "001@", "127.0.0.1"};
static const cccd_actor centre = {"c1", "production", "VN", "127.0.0.1"};

/* People: P0..P5 of Phúc Xá with no card, X of Phúc Xá with a chip card to 2030 (declared
 * lost: a re-issue); T0..T3 of Trúc Bạch with no card, E of Trúc Bạch whose card expires on
 * 4/4/2025 (an exchange). */
enum { P0, P1, P2, P3, P4, P5, X, T0, T1, T2, T3, E, PEOPLE };

typedef struct fixture {
    char url[1024];
    cccd_store *st;
    cccd_units *u;
    int64_t fixed, home, mobile; /* point ids */
    int64_t app[PEOPLE];
    char pid[PEOPLE][13];
} fixture;

static int64_t at(cccd_date d, int hour) {
    return cccd_date_to_days(d) * 86400 - 7 * 3600 + hour * 3600;
}

static cccd_date day(int m, int d) {
    return (cccd_date){2025, m, d, CCCD_DATE_DAY};
}

static int64_t add_point(fixture *f, const char *unit_key, cccd_point_kind kind, const char *name) {
    cccd_point p = {.kind = kind,
                    .open_from = INT64_MIN,
                    .open_to = INT64_MAX,
                    .people_per_kit_hour = CCCD_PEOPLE_PER_KIT_HOUR_DEFAULT};
    snprintf(p.unit_key, sizeof p.unit_key, "%s", unit_key);
    snprintf(p.name, sizeof p.name, "%s", name);
    snprintf(p.address, sizeof p.address, "Số 1");
    int64_t id = 0;
    cccd_err err;
    if (cccd_store_point_add(f->st, &p, &id, &err) != CCCD_OK)
        fprintf(stderr, "point: %s\n", err.msg);
    return id;
}

static int setup(void **state) {
    fixture *f = calloc(1, sizeof *f);
    cccd_err err;
    if (f == NULL || testdb_new(f->url, sizeof f->url) != 0 ||
        cccd_store_open(f->url, &f->st, &err) != CCCD_OK ||
        cccd_store_migrate(f->st, NULL, NULL, &err) != CCCD_OK ||
        testdb_units(f->st, units_json, reform_json, d_0701, NULL, &err) != CCCD_OK ||
        cccd_store_units_load(f->st, &f->u, &err) != CCCD_OK)
        return -1;
    char csv[8192];
    size_t n = (size_t)snprintf(csv, sizeof csv, "%s", HEADER);
    for (int i = 0; i < PEOPLE; i++) {
        snprintf(f->pid[i], sizeof f->pid[i], "0010900000%02u", (unsigned)(i + 1) % 100u);
        const char *card = i == X   ? "chip,%s,2021-07-07,2030-01-01"
                           : i == E ? "chip,%s,2021-01-01,2025-04-04"
                                    : ",,,";
        char c[64];
        snprintf(c, sizeof c, card, f->pid[i]);
        n += (size_t)snprintf(csv + n, sizeof csv - n,
                              "%s,Nguyễn Văn Số %d,1990-01-%02d,M,Kinh,Không,Việt Nam,Hà Nội,%s,"
                              "Số %d,HK%d,Chủ hộ,Tổ 1,,,alive,normal,,%s,,,\n",
                              f->pid[i], i + 1, i + 1, i < T0 ? "00001" : "00004", i + 1, i, c);
    }
    if (testdb_registry(f->st, f->u, csv, n, d_0301, &err) != CCCD_OK)
        return -1;
    f->fixed = add_point(f, "00001@", CCCD_POINT_FIXED, "Công an phường Phúc Xá");
    f->home = add_point(f, "00001@", CCCD_POINT_HOME, "Tổ cấp tại nhà Phúc Xá");
    f->mobile = add_point(f, "00004@", CCCD_POINT_MOBILE, "Tổ lưu động Trúc Bạch");
    if (!f->fixed || !f->home || !f->mobile)
        return -1;
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

/* Person i's application opened at a point (0: none) on day d at 09:00, captured and
 * submitted. */
static void receive(fixture *f, int i, int64_t point, cccd_date d, bool lost) {
    static const unsigned char bytes[] = "sealed capture";
    cccd_err err;
    int64_t now = at(d, 9);
    /* the counters as of the day (what cccd registry rollover does each morning) */
    assert_int_equal(cccd_store_begin(f->st, &err), CCCD_OK);
    assert_int_equal(cccd_store_coverage_begin(f->st, cccd_date_to_days(d), &err), CCCD_OK);
    assert_int_equal(cccd_store_commit(f->st, &err), CCCD_OK);
    cccd_enroll_open_req r = {
        .personal_id = f->pid[i], .request_id = f->pid[i], .point_id = point, .lost = lost};
    cccd_application a;
    bool created = false;
    if (cccd_enroll_open(f->st, f->u, d, now, &desk, &r, &a, &created, &err) != CCCD_OK)
        fail_msg("open %d: %s", i, err.msg);
    for (int finger = 0; finger <= 10; finger++) {
        int64_t id;
        cccd_bio b = {.application_id = a.id,
                      .portrait = finger == 0,
                      .finger = finger,
                      .attempt = 1,
                      .sealed = bytes,
                      .len = sizeof bytes,
                      .quality = finger == 0 ? -1 : 80};
        assert_int_equal(cccd_enroll_bio_add(f->st, &b, now, &desk, &id, &err), CCCD_OK);
    }
    if (cccd_enroll_move(f->st, a.id, CCCD_APP_SUBMITTED, NULL, now, &desk, NULL, &err) != CCCD_OK)
        fail_msg("submit %d: %s", i, err.msg);
    f->app[i] = a.id;
}

/* Moves person i's application through each state of `to` on day d at 14:00. */
static void step(fixture *f, int i, cccd_date d, const cccd_app_state *to, size_t n) {
    cccd_err err;
    cccd_enroll_step confirmed = {.citizen_confirmed = true};
    for (size_t k = 0; k < n; k++) {
        const cccd_actor *by = to[k] == CCCD_APP_APPROVED ? &boss
                               : to[k] == CCCD_APP_IN_PRODUCTION || to[k] == CCCD_APP_PRODUCED ||
                                       to[k] == CCCD_APP_DISPATCHED
                                   ? &centre
                                   : &desk;
        if (cccd_enroll_move(f->st, f->app[i], to[k], &confirmed, at(d, 14), by, NULL, &err) !=
            CCCD_OK)
            fail_msg("person %d to %s: %s", i, cccd_app_state_name(to[k]), err.msg);
    }
}

static const cccd_app_state approve[] = {CCCD_APP_APPROVED};
static const cccd_app_state produce[] = {CCCD_APP_IN_PRODUCTION, CCCD_APP_PRODUCED};
static const cccd_app_state deliver[] = {CCCD_APP_DISPATCHED, CCCD_APP_RECEIVED,
                                         CCCD_APP_DELIVERED};

/* The history, day by day: a report is made at the end of its day (coverage's "in progress"
 * is the count of the moment it is read). */
static void monday(fixture *f) {
    receive(f, P0, f->fixed, day(3, 10), false);
    receive(f, P1, f->fixed, day(3, 10), false);
    receive(f, P2, f->home, day(3, 10), false);
    receive(f, T0, f->mobile, day(3, 10), false);
    receive(f, E, 0, day(3, 10), false);
    step(f, P0, day(3, 10), approve, 1);
    step(f, P2, day(3, 10), approve, 1);
    step(f, T0, day(3, 10), approve, 1);
}

static void rest_of_week(fixture *f) {
    receive(f, X, f->fixed, day(3, 11), true);
    receive(f, T1, f->mobile, day(3, 11), false);
    step(f, T1, day(3, 11), approve, 1);
    step(f, P1, day(3, 11), approve, 1);
    step(f, P0, day(3, 11), produce, 2);

    step(f, P0, day(3, 12), deliver, 3);
    step(f, T0, day(3, 12), produce, 2);
}

static void next_monday(fixture *f) {
    receive(f, T2, f->mobile, day(3, 17), false);
}

/* after the reform: P3 at no point goes to Hồng Hà's new version; T3 at the mobile point,
 * still keyed to Trúc Bạch's old version, counts under Ba Đình */
static void after_reform(fixture *f) {
    receive(f, P3, 0, day(7, 2), false);
    step(f, P3, day(7, 2), approve, 1);
    receive(f, T3, f->mobile, day(7, 2), false);
}

/* The figures of a row, in the column order of docs/reports.md. */
typedef struct expect {
    const char *code;
    int64_t residents, eligible, valid_card, in_progress, remaining;
    int64_t received, first_issue, exchange, reissue, fixed, mobile, home, no_point;
    int64_t approved, produced, delivered, cumulative;
} expect;

static void check_row(const cccd_report_row *r, const expect *e) {
    if (e->code)
        assert_string_equal(r->unit->code, e->code);
    int64_t got[] = {r->residents,
                     r->eligible,
                     r->valid_card,
                     r->in_progress,
                     r->remaining,
                     r->received,
                     r->by_type[CCCD_APP_FIRST_ISSUE],
                     r->by_type[CCCD_APP_EXCHANGE],
                     r->by_type[CCCD_APP_REISSUE],
                     r->by_point[CCCD_POINT_FIXED],
                     r->by_point[CCCD_POINT_MOBILE],
                     r->by_point[CCCD_POINT_HOME],
                     r->by_point[CCCD_REPORT_NO_POINT],
                     r->approved,
                     r->produced,
                     r->delivered,
                     r->cumulative};
    int64_t want[] = {e->residents, e->eligible,    e->valid_card, e->in_progress, e->remaining,
                      e->received,  e->first_issue, e->exchange,   e->reissue,     e->fixed,
                      e->mobile,    e->home,        e->no_point,   e->approved,    e->produced,
                      e->delivered, e->cumulative};
    static const char *names[] = {
        "residents",   "eligible", "valid_card", "in_progress", "remaining", "received",
        "first_issue", "exchange", "reissue",    "fixed",       "mobile",    "home",
        "no_point",    "approved", "produced",   "delivered",   "cumulative"};
    for (size_t i = 0; i < sizeof got / sizeof got[0]; i++)
        if (got[i] != want[i])
            fail_msg("%s: %s is %lld, expected %lld", e->code ? e->code : "total", names[i],
                     (long long)got[i], (long long)want[i]);
}

static void test_reports(void **state) {
    fixture *f = *state;
    monday(f);
    cccd_err err;
    cccd_report r;
    cccd_date none = {0, 0, 0, CCCD_DATE_NONE};

    /* Monday 10/3, the district: a row per commune and the total */
    assert_int_equal(
        cccd_report_build(f->st, f->u, "001", CCCD_REPORT_DAILY, d_0310, none, &r, &err), CCCD_OK);
    assert_int_equal(r.nrows, 2);
    assert_string_equal(r.unit->code, "001");
    assert_int_equal(cccd_date_cmp(r.since, d_0310), 0);
    check_row(&r.rows[0], &(expect){"00001", 7, 7, 1, 3, 3, 3, 3, 0, 0, 2, 0, 1, 0, 2, 0, 0, 3});
    check_row(&r.rows[1], &(expect){"00004", 5, 5, 1, 1, 3, 2, 1, 1, 0, 0, 1, 0, 1, 1, 0, 0, 2});
    check_row(&r.total, &(expect){NULL, 12, 12, 2, 4, 6, 5, 4, 1, 0, 2, 1, 1, 1, 3, 0, 0, 5});
    char title[256];
    assert_string_equal(cccd_report_title(&r, title, sizeof title),
                        "BÁO CÁO NGÀY 10/3/2025 — Quận Ba Đình");
    cccd_report_free(&r);

    /* the week of Wednesday 12/3: Monday 10/3 to Sunday 16/3, coverage on the Sunday */
    rest_of_week(f);
    assert_int_equal(
        cccd_report_build(f->st, f->u, "001", CCCD_REPORT_WEEKLY, day(3, 12), none, &r, &err),
        CCCD_OK);
    assert_int_equal(cccd_date_cmp(r.from, d_0310), 0);
    assert_int_equal(cccd_date_cmp(r.to, day(3, 16)), 0);
    check_row(&r.rows[0], &(expect){"00001", 7, 7, 1, 3, 3, 4, 3, 0, 1, 3, 0, 1, 0, 3, 1, 1, 4});
    check_row(&r.rows[1], &(expect){"00004", 5, 5, 1, 2, 2, 3, 2, 1, 0, 0, 2, 0, 1, 2, 1, 0, 3});
    check_row(&r.total, &(expect){NULL, 12, 12, 2, 5, 5, 7, 5, 1, 1, 3, 2, 1, 1, 5, 2, 1, 7});
    assert_string_equal(cccd_report_title(&r, title, sizeof title),
                        "BÁO CÁO TUẦN 10/3/2025 – 16/3/2025 — Quận Ba Đình");
    char name[96];
    assert_string_equal(cccd_report_filename(&r, "xlsx", name, sizeof name),
                        "bao-cao-tuan-001-2025-03-10.xlsx");
    cccd_report_free(&r);

    /* a commune reports its own row; the cumulative from a given day */
    next_monday(f);
    assert_int_equal(cccd_report_build(f->st, f->u, "00004", CCCD_REPORT_DAILY, day(3, 17),
                                       day(3, 11), &r, &err),
                     CCCD_OK);
    assert_int_equal(r.nrows, 1);
    check_row(&r.rows[0], &(expect){"00004", 5, 5, 1, 3, 1, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 2});
    check_row(&r.total, &(expect){NULL, 5, 5, 1, 3, 1, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 2});
    cccd_report_free(&r);

    /* Wednesday 2/7, after the reform: the city's rows are its communes in force; Hồng Hà
     * counts Phúc Xá's March figures, Ba Đình Trúc Bạch's and the old point's */
    after_reform(f);
    assert_int_equal(
        cccd_report_build(f->st, f->u, "01", CCCD_REPORT_DAILY, day(7, 2), none, &r, &err),
        CCCD_OK);
    assert_int_equal(r.nrows, 2);
    assert_int_equal(cccd_date_cmp(r.since, d_0310), 0);
    cccd_coverage cov;
    assert_int_equal(cccd_coverage_get(f->st, f->u, "01", day(7, 2), &cov, &err), CCCD_OK);
    assert_int_equal(cov.nchildren, 2);
    for (size_t i = 0; i < 2; i++) {
        const cccd_coverage_line *l = &cov.children[i];
        check_row(&r.rows[i],
                  &(expect){l->unit->code, l->c.residents, l->c.eligible, l->c.valid_card,
                            l->c.in_progress, l->remaining, r.rows[i].received,
                            r.rows[i].by_type[0], r.rows[i].by_type[1], r.rows[i].by_type[2],
                            r.rows[i].by_point[0], r.rows[i].by_point[1], r.rows[i].by_point[2],
                            r.rows[i].by_point[3], r.rows[i].approved, r.rows[i].produced,
                            r.rows[i].delivered, r.rows[i].cumulative});
    }
    cccd_coverage_free(&cov);
    /* Ba Đình (00004, the renewed Trúc Bạch): T3 at the old version's mobile point */
    assert_string_equal(r.rows[0].unit->name, "Phường Ba Đình");
    check_row(&r.rows[0], &(expect){"00004", 5, 5, r.rows[0].valid_card, r.rows[0].in_progress,
                                    r.rows[0].remaining, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 5});
    /* Hồng Hà (00097): P3 under the new version, and Phúc Xá's four of March cumulated */
    assert_string_equal(r.rows[1].unit->name, "Phường Hồng Hà");
    check_row(&r.rows[1], &(expect){"00097", 7, 7, r.rows[1].valid_card, r.rows[1].in_progress,
                                    r.rows[1].remaining, 1, 1, 0, 0, 0, 0, 0, 1, 1, 0, 0, 5});
    assert_int_equal(r.total.received, 2);
    assert_int_equal(r.total.approved, 1);
    assert_int_equal(r.total.cumulative, 10);
    assert_int_equal(r.total.residents, 12);
    assert_int_equal(r.total.in_progress, r.rows[0].in_progress + r.rows[1].in_progress);
    cccd_report_free(&r);
}

static void test_output(void **state) {
    fixture *f = *state;
    monday(f);
    cccd_err err;
    cccd_report r;
    cccd_date none = {0, 0, 0, CCCD_DATE_NONE};
    assert_int_equal(
        cccd_report_build(f->st, f->u, "001", CCCD_REPORT_DAILY, d_0310, none, &r, &err), CCCD_OK);
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_non_null(out);
    assert_int_equal(cccd_report_csv(&r, out, &err), CCCD_OK);
    fclose(out);
    assert_memory_equal(buf, "\xEF\xBB\xBFMã đơn vị,Tên đơn vị,Dân số,", 37);
    assert_non_null(strstr(buf, "\r\nunit_code,unit_name,residents,eligible,valid_card,"));
    assert_non_null(strstr(buf, "\r\n00001,Phường Phúc Xá,7,7,1,3,3,3,3,0,0,2,0,1,0,2,0,0,3\r\n"));
    assert_non_null(strstr(buf, "\r\n001,Tổng cộng,12,12,2,4,6,5,4,1,0,2,1,1,1,3,0,0,5\r\n"));
    free(buf);
    /* the workbook in memory is a ZIP holding the sheet; nothing is left in the temporary
     * directory */
    assert_int_equal(cccd_report_xlsx_mem(&r, &buf, &len, &err), CCCD_OK);
    assert_true(len > 1000);
    assert_memory_equal(buf, "PK\x03\x04", 4);
    bool sheet = false;
    for (size_t i = 0; i + 24 <= len && !sheet; i++)
        sheet = memcmp(buf + i, "xl/worksheets/sheet1.xml", 24) == 0;
    assert_true(sheet);
    free(buf);
    cccd_report_free(&r);
    /* a start after the report's day, a date that is not a full one, an unknown unit */
    assert_int_equal(
        cccd_report_build(f->st, f->u, "001", CCCD_REPORT_DAILY, d_0310, day(3, 11), &r, &err),
        CCCD_E_ARG);
    assert_string_equal(err.field, "since");
    cccd_report_free(&r);
    assert_int_equal(cccd_report_build(f->st, f->u, "001", CCCD_REPORT_WEEKLY,
                                       (cccd_date){2025, 3, 0, CCCD_DATE_MONTH}, none, &r, &err),
                     CCCD_E_ARG);
    assert_string_equal(err.field, "week_of");
    cccd_report_free(&r);
    assert_int_not_equal(
        cccd_report_build(f->st, f->u, "998", CCCD_REPORT_DAILY, d_0310, none, &r, &err), CCCD_OK);
    cccd_report_free(&r);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_reports, setup, teardown),
        cmocka_unit_test_setup_teardown(test_output, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
