/*
 * test_store_queue.c: the queue at a point on each backend (service/queue.h, docs/queue.md):
 * check-in by ticket and as a walk-in, every refusal (a ticket for another day or point, an
 * unknown ticket, a person unknown, deceased, holding a valid card, outside the point's unit,
 * already waiting), the order of calls (a ticket whose window has begun first, then by
 * check-in), served and no-show, the waiting times and the day's view, a no-show's ticket
 * withdrawn (and a served person's kept), and the audit entries each write left (none for a
 * refusal). Run once per backend by scripts/run-tests.sh (see testdb.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>

#include "service/audit_log.h"
#include "service/queue.h"
#include "service/registry_import.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_points.h"
#include "store/store_queue.h"
#include "store/store_tickets.h"
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
#define ROW(pid, name, dob, sex, commune, status, card)                                            \
    pid "," name "," dob "," sex ",Kinh,Không,Việt Nam,Hà Nội," commune ",Số 1,HK" pid             \
        ",Chủ hộ,Tổ 1,,," status ",normal,," card ",,,\n"

/* A, B hold tickets at p1 today (07:00 and 08:00); C has none; D's ticket was yesterday at
 * p1, E's is today at p2; F is deceased, G holds a valid chip card, H lives in Hoàn Kiếm. */
static const char *population =
    HEADER ROW("001090000001", "Nguyễn Văn An", "1990-01-01", "M", "00001", "alive", ",,,")
        ROW("001190000002", "Trần Thị Bình", "1990-02-02", "F", "00001", "alive", ",,,")
            ROW("001090000003", "Nguyễn Văn Cường", "1990-03-03", "M", "00001", "alive", ",,,")
                ROW("001090000004", "Nguyễn Văn Dũng", "1990-04-04", "M", "00001", "alive", ",,,")
                    ROW("001090000005", "Nguyễn Văn Em", "1990-05-05", "M", "00004", "alive", ",,,")
                        ROW("001050000006", "Nguyễn Văn Phúc", "1950-06-06", "M", "00001",
                            "deceased", ",,,")
                            ROW("001090000007", "Nguyễn Văn Giang", "1990-07-07", "M", "00001",
                                "alive", "chip,001090000007,2021-07-07,2030-07-07")
                                ROW("001090000008", "Nguyễn Văn Hà", "1990-08-08", "M", "00037",
                                    "alive", ",,,");

static const cccd_date d_0301 = {2025, 3, 1, CCCD_DATE_DAY};
static const cccd_date d_0310 = {2025, 3, 10, CCCD_DATE_DAY};

typedef struct fixture {
    char url[1024];
    cccd_store *st;
    cccd_units *u;
    int64_t p1, p2, day;
} fixture;

static int64_t at(const fixture *f, int hh, int mm) {
    return f->day * 86400 - 7 * 3600 + (int64_t)(hh * 60 + mm) * 60;
}

static int put_ticket(fixture *f, const char *number, int64_t seq, int64_t pid, int64_t point,
                      int64_t day, int start) {
    cccd_err err;
    cccd_ticket t = {.seq = seq,
                     .personal_id = pid,
                     .point_id = point,
                     .day = day,
                     .shift_no = 1,
                     .window_start = start,
                     .window_end = start + 60,
                     .residential_group = "Tổ 1"};
    snprintf(t.ticket, sizeof t.ticket, "%s", number);
    snprintf(t.plan_unit, sizeof t.plan_unit, "001@");
    snprintf(t.home_key, sizeof t.home_key, "00001@");
    return cccd_store_ticket_put(f->st, &t, &err) == CCCD_OK ? 0 : -1;
}

static int setup(void **state) {
    fixture *f = calloc(1, sizeof *f);
    cccd_err err;
    if (f == NULL || testdb_new(f->url, sizeof f->url) != 0 ||
        cccd_store_open(f->url, &f->st, &err) != CCCD_OK ||
        cccd_store_migrate(f->st, NULL, NULL, &err) != CCCD_OK)
        return -1;
    if (testdb_units(f->st, units_json, NULL, (cccd_date){0}, NULL, &err) != CCCD_OK ||
        cccd_store_units_load(f->st, &f->u, &err) != CCCD_OK ||
        testdb_registry(f->st, f->u, population, strlen(population), d_0301, &err) != CCCD_OK)
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
    snprintf(p.unit_key, sizeof p.unit_key, "00004@");
    snprintf(p.name, sizeof p.name, "Công an phường Trúc Bạch");
    if (cccd_store_point_add(f->st, &p, &f->p2, &err) != CCCD_OK)
        return -1;
    f->day = cccd_date_to_days(d_0310);
    if (put_ticket(f, "001-0000001", 1, 1090000001, f->p1, f->day, 420) ||
        put_ticket(f, "001-0000002", 2, 1190000002, f->p1, f->day, 480) ||
        put_ticket(f, "001-0000004", 4, 1090000004, f->p1, f->day - 1, 420) ||
        put_ticket(f, "001-0000005", 5, 1090000005, f->p2, f->day, 420))
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

typedef struct audit_count {
    int checkin, call, served, no_show, other, withdrawn;
    char last_target[16];
} audit_count;

static bool on_audit(void *ctx, const cccd_audit_entry *e) {
    audit_count *c = ctx;
    if (strcmp(e->action, "queue.checkin") == 0)
        c->checkin++;
    else if (strcmp(e->action, "queue.call") == 0)
        c->call++;
    else if (strcmp(e->action, "queue.served") == 0)
        c->served++;
    else if (strcmp(e->action, "queue.no_show") == 0) {
        c->no_show++;
        if (strstr(e->detail, "ticket withdrawn"))
            c->withdrawn++;
    } else
        c->other++;
    snprintf(c->last_target, sizeof c->last_target, "%s", e->target);
    return true;
}

static audit_count audits(fixture *f) {
    audit_count c = {0};
    cccd_err err;
    assert_int_equal(cccd_store_audit_scan(f->st, 0, on_audit, &c, &err), CCCD_OK);
    return c;
}

static const cccd_actor officer = {"officer1", "officer", "00001@", "local"};

/* Every refusal, and that none of them left a row or an audit entry. */
static void test_refusals(void **state) {
    fixture *f = *state;
    cccd_err err;
    cccd_queue_entry e;
    int64_t now = at(f, 7, 0);
    /* yesterday's ticket, at this point: named day, and told to come as a walk-in */
    assert_int_equal(
        cccd_queue_checkin_ticket(f->st, f->p1, f->day, now, &officer, "001-0000004", &e, &err),
        CCCD_E_TICKET_WRONG);
    assert_string_equal(err.field, "ticket");
    assert_non_null(strstr(err.msg, "2025-03-09"));
    assert_non_null(strstr(err.msg, "walk-in"));
    /* a ticket for another point: its name and time */
    assert_int_equal(
        cccd_queue_checkin_ticket(f->st, f->p1, f->day, now, &officer, "001-0000005", &e, &err),
        CCCD_E_TICKET_WRONG);
    assert_non_null(strstr(err.msg, "Trúc Bạch"));
    assert_non_null(strstr(err.msg, "07:00"));
    assert_int_equal(
        cccd_queue_checkin_ticket(f->st, f->p1, f->day, now, &officer, "001-9999999", &e, &err),
        CCCD_E_TICKET_UNKNOWN);
    assert_int_equal(cccd_queue_checkin_ticket(f->st, f->p1, f->day, now, &officer, "", &e, &err),
                     CCCD_E_ARG);
    /* the point must exist */
    assert_int_equal(
        cccd_queue_checkin_ticket(f->st, 999, f->day, now, &officer, "001-0000001", &e, &err),
        CCCD_E_POINT_UNKNOWN);
    /* walk-ins: unknown, deceased, a valid chip card, a malformed number */
    assert_int_equal(cccd_queue_checkin_person(f->st, NULL, f->p1, f->day, now, &officer,
                                               "001090000099", &e, &err),
                     CCCD_E_CITIZEN_UNKNOWN);
    assert_int_equal(cccd_queue_checkin_person(f->st, NULL, f->p1, f->day, now, &officer,
                                               "001050000006", &e, &err),
                     CCCD_E_CITIZEN_SERVED);
    assert_int_equal(cccd_queue_checkin_person(f->st, NULL, f->p1, f->day, now, &officer,
                                               "001090000007", &e, &err),
                     CCCD_E_CITIZEN_SERVED);
    assert_int_not_equal(
        cccd_queue_checkin_person(f->st, NULL, f->p1, f->day, now, &officer, "12345", &e, &err),
        CCCD_OK);
    assert_string_equal(err.field, "personal_id");
    /* outside the point's unit, when the caller asks that (the API) */
    assert_int_equal(cccd_queue_checkin_person(f->st, f->u, f->p1, f->day, now, &officer,
                                               "001090000008", &e, &err),
                     CCCD_E_FORBIDDEN);
    cccd_queue_view v;
    assert_int_equal(cccd_queue_view_get(f->st, f->p1, f->day, &v, &err), CCCD_OK);
    assert_int_equal(v.n, 0);
    cccd_queue_view_free(&v);
    audit_count c = audits(f);
    assert_int_equal(c.checkin + c.call + c.served + c.no_show + c.other, 0);
    /* nobody waits: nothing to call */
    assert_int_equal(cccd_queue_call_next(f->st, f->p1, f->day, now, &officer, &e, &err),
                     CCCD_E_QUEUE_EMPTY);
    assert_int_equal(cccd_queue_finish(f->st, 12345, true, now, &officer, &e, NULL, &err),
                     CCCD_E_QUEUE_UNKNOWN);
}

/* A morning at the point: check-ins, the order of calls, served, a no-show, the waits. */
static void test_morning(void **state) {
    fixture *f = *state;
    cccd_err err;
    cccd_queue_entry c, b, a, x;
    /* C walks in first, then B (ticket 08:00), then A (ticket 07:00, on time) */
    assert_int_equal(cccd_queue_checkin_person(f->st, f->u, f->p1, f->day, at(f, 7, 0), &officer,
                                               "001090000003", &c, &err),
                     CCCD_OK);
    assert_int_equal(c.number, 1);
    assert_string_equal(c.ticket, "");
    assert_string_equal(c.full_name, "Nguyễn Văn Cường");
    assert_int_equal(cccd_queue_checkin_ticket(f->st, f->p1, f->day, at(f, 7, 5), &officer,
                                               "001-0000002", &b, &err),
                     CCCD_OK);
    assert_int_equal(b.number, 2);
    assert_int_equal(b.personal_id, 1190000002);
    assert_int_equal(cccd_queue_checkin_ticket(f->st, f->p1, f->day, at(f, 7, 20), &officer,
                                               "001-0000001", &a, &err),
                     CCCD_OK);
    assert_int_equal(a.number, 3);
    /* A again, by ticket or as a walk-in: already waiting */
    assert_int_equal(cccd_queue_checkin_ticket(f->st, f->p1, f->day, at(f, 7, 21), &officer,
                                               "001-0000001", &x, &err),
                     CCCD_E_QUEUE_ACTIVE);
    assert_int_equal(cccd_queue_checkin_person(f->st, NULL, f->p1, f->day, at(f, 7, 21), &officer,
                                               "001090000001", &x, &err),
                     CCCD_E_QUEUE_ACTIVE);
    /* a served/no-show of someone not called yet */
    assert_int_equal(cccd_queue_finish(f->st, c.id, true, at(f, 7, 22), &officer, &x, NULL, &err),
                     CCCD_E_QUEUE_STATE);

    /* 07:30: A's window has begun, B's has not: A, though last in */
    assert_int_equal(cccd_queue_call_next(f->st, f->p1, f->day, at(f, 7, 30), &officer, &x, &err),
                     CCCD_OK);
    assert_int_equal(x.id, a.id);
    assert_int_equal(x.state, CCCD_QUEUE_CALLED);
    assert_string_equal(x.full_name, "Nguyễn Văn An");
    assert_int_equal(cccd_queue_wait_s(&x, 0), 10 * 60);
    /* 08:00: B's window has begun: B before C, who came earlier without a ticket */
    assert_int_equal(cccd_queue_call_next(f->st, f->p1, f->day, at(f, 8, 0), &officer, &x, &err),
                     CCCD_OK);
    assert_int_equal(x.id, b.id);
    assert_int_equal(cccd_queue_call_next(f->st, f->p1, f->day, at(f, 8, 10), &officer, &x, &err),
                     CCCD_OK);
    assert_int_equal(x.id, c.id);
    assert_int_equal(cccd_queue_call_next(f->st, f->p1, f->day, at(f, 8, 11), &officer, &x, &err),
                     CCCD_E_QUEUE_EMPTY);

    /* A served: the ticket stays; B a no-show: the ticket is withdrawn */
    bool withdrawn = true;
    assert_int_equal(
        cccd_queue_finish(f->st, a.id, true, at(f, 7, 45), &officer, &x, &withdrawn, &err),
        CCCD_OK);
    assert_false(withdrawn);
    assert_int_equal(x.state, CCCD_QUEUE_SERVED);
    assert_int_equal(cccd_queue_finish(f->st, a.id, false, at(f, 7, 46), &officer, &x, NULL, &err),
                     CCCD_E_QUEUE_STATE);
    assert_int_equal(
        cccd_queue_finish(f->st, b.id, false, at(f, 8, 5), &officer, &x, &withdrawn, &err),
        CCCD_OK);
    assert_true(withdrawn);
    assert_int_equal(x.state, CCCD_QUEUE_NO_SHOW);
    cccd_ticket t;
    bool found = true;
    assert_int_equal(cccd_store_ticket_get(f->st, 1190000002, &t, &found, &err), CCCD_OK);
    assert_false(found);
    assert_int_equal(cccd_store_ticket_get(f->st, 1090000001, &t, &found, &err), CCCD_OK);
    assert_true(found);
    /* B still needs a card: on the remaining list, holding no ticket for the next plan */
    cccd_queue_person who;
    assert_int_equal(cccd_store_queue_person(f->st, 1190000002, f->day, &who, &err), CCCD_OK);
    assert_true(who.found && who.needs_card);
    /* her ticket is gone: it no longer checks in, but she may come back as a walk-in */
    assert_int_equal(cccd_queue_checkin_ticket(f->st, f->p1, f->day, at(f, 9, 0), &officer,
                                               "001-0000002", &x, &err),
                     CCCD_E_TICKET_UNKNOWN);
    assert_int_equal(cccd_queue_checkin_person(f->st, f->u, f->p1, f->day, at(f, 9, 0), &officer,
                                               "001190000002", &x, &err),
                     CCCD_OK);
    assert_int_equal(x.number, 4);

    /* the day's view: 1 waiting, 1 called, 1 served, 1 no-show; waits 10, 55, 70 minutes */
    cccd_queue_view v;
    assert_int_equal(cccd_queue_view_get(f->st, f->p1, f->day, &v, &err), CCCD_OK);
    assert_int_equal(v.n, 4);
    assert_int_equal(v.count[CCCD_QUEUE_WAITING], 1);
    assert_int_equal(v.count[CCCD_QUEUE_CALLED], 1);
    assert_int_equal(v.count[CCCD_QUEUE_SERVED], 1);
    assert_int_equal(v.count[CCCD_QUEUE_NO_SHOW], 1);
    assert_int_equal(v.called, 3);
    assert_int_equal(v.wait_max_s, 70 * 60);
    assert_int_equal(v.wait_total_s, (10 + 55 + 70) * 60);
    assert_int_equal(v.entries[0].number, 1);
    assert_int_equal(v.entries[0].personal_id, 1090000003);
    assert_string_equal(v.entries[1].called_by, "officer1");
    json_t *j = cccd_queue_view_json(&v, f->p1, f->day, at(f, 9, 30));
    assert_int_equal(json_integer_value(json_object_get(j, "wait_avg_minutes")), 45);
    assert_int_equal(json_integer_value(json_object_get(j, "wait_max_minutes")), 70);
    json_t *last = json_array_get(json_object_get(j, "entries"), 3);
    assert_int_equal(json_integer_value(json_object_get(last, "wait_minutes")), 30);
    assert_true(json_is_null(json_object_get(last, "ticket")));
    json_decref(j);
    cccd_queue_view_free(&v);
    /* another day's queue at the point is empty */
    assert_int_equal(cccd_queue_view_get(f->st, f->p1, f->day + 1, &v, &err), CCCD_OK);
    assert_int_equal(v.n, 0);
    cccd_queue_view_free(&v);

    /* the audit log: every write, none of the refusals */
    audit_count ac = audits(f);
    assert_int_equal(ac.checkin, 4);
    assert_int_equal(ac.call, 3);
    assert_int_equal(ac.served, 1);
    assert_int_equal(ac.no_show, 1);
    assert_int_equal(ac.withdrawn, 1);
    assert_int_equal(ac.other, 0);
    assert_string_equal(ac.last_target, "001190000002");
    cccd_audit_report rep;
    assert_int_equal(cccd_audit_verify(f->st, &rep, &err), CCCD_OK);
}

/* The minute of the day in Vietnam, and a queue per point and day. */
static void test_minute(void **state) {
    fixture *f = *state;
    assert_int_equal(cccd_queue_minute(f->day, at(f, 0, 0)), 0);
    assert_int_equal(cccd_queue_minute(f->day, at(f, 7, 30)), 450);
    assert_int_equal(cccd_queue_minute(f->day, at(f, 25, 0)), 1500);
    assert_int_equal(cccd_queue_minute(f->day, at(f, 0, 0) - 60), -1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_refusals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_morning, setup, teardown),
        cmocka_unit_test_setup_teardown(test_minute, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
