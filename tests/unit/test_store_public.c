/*
 * test_store_public.c: the public routes on each backend, over loopback with libcurl: the
 * schedule of a unit as JSON (a mobile team serving for a period, a day closed by an override,
 * a fixed desk, home-visit teams and past periods left out, no personal data), the same as an
 * Atom feed that xmllint finds well-formed with a point whose name holds & < " escaped, and a
 * citizen's own appointment lookup: a match gives the ticket and nothing of the person, an
 * unknown ID, a wrong date of birth and a person without a ticket get byte-identical answers,
 * a partial date of birth matches only in the same form, the 11th lookup from one address gets
 * 429 while another address still gets its answer, and the answer is on the audit record.
 * Run once per backend by scripts/run-tests.sh (see testdb.h).
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
#include <unistd.h>

#include "server/server.h"
#include "service/audit_log.h"
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
#define ROW(id, name, dob, sex, commune, hh)                                                       \
    id "," name "," dob "," sex ",Kinh,Không,Việt Nam,Hà Nội," commune ",Nhà 7 ngõ Hoè," hh        \
       ",Chủ hộ,Tổ 1,,,alive,normal,,,,,,,,\n"

/* A: ticketed, full date of birth; P: ticketed, year of birth only; N: no ticket; X: unknown */
#define ID_A "001090000001"
#define ID_P "001050000004"
#define ID_N "001185000005"
#define ID_X "001090009999"
static const char *extract = HEADER ROW(ID_A, "Nguyễn Văn An", "1990-01-15", "M", "00004", "HK1")
    ROW(ID_P, "Lê Văn Phú", "1950", "M", "00004", "HK2")
        ROW(ID_N, "Trần Thị Ngọc", "1985-06-01", "F", "00004", "HK3");

static const cccd_date today = {2025, 3, 10, CCCD_DATE_DAY};
#define MOBILE_NAME "Đội lưu động \"Trúc Bạch\" & <Tổ 2>"
#define MOBILE_PLACE "Nhà văn hoá tổ 2"
#define MOBILE_ADDR "Đường Trúc Bạch, số 5"

typedef struct fixture {
    char url[1024];
    cccd_server *srv;
    uint16_t port;
    int64_t fixed, mobile, past, home;
} fixture;

/* ---- the HTTP client (http_client.h), on this fixture's server ---- */

/* method path [JSON body] from source address src (NULL: 127.0.0.1) */
static long call_from(const fixture *f, const char *src, const char *method, const char *path,
                      const char *body, reply *r) {
    return http_call(f->port, src, method, path, NULL, body, NULL, r);
}

static long get(const fixture *f, const char *path, reply *r) {
    return call_from(f, NULL, "GET", path, NULL, r);
}

static long lookup(const fixture *f, const char *src, const char *id, const char *dob, reply *r) {
    char body[256];
    snprintf(body, sizeof body, "{\"personal_id\":\"%s\",\"date_of_birth\":\"%s\"}", id, dob);
    return call_from(f, src, "POST", "/api/v1/public/appointment", body, r);
}

/* ---- fixture ---- */

static int64_t day_of(int y, int m, int d) {
    return cccd_date_to_days((cccd_date){y, m, d, CCCD_DATE_DAY});
}

static int add_point(cccd_store *st, const char *key, cccd_point_kind kind, const char *name,
                     const char *place, const char *addr, int64_t from, int64_t to, int64_t *id) {
    cccd_point p = {.kind = kind,
                    .open_from = from,
                    .open_to = to,
                    .people_per_kit_hour = CCCD_PEOPLE_PER_KIT_HOUR_DEFAULT};
    snprintf(p.unit_key, sizeof p.unit_key, "%s", key);
    snprintf(p.name, sizeof p.name, "%s", name);
    snprintf(p.place, sizeof p.place, "%s", place);
    snprintf(p.address, sizeof p.address, "%s", addr);
    cccd_err err;
    if (cccd_store_point_add(st, &p, id, &err) != CCCD_OK) {
        fprintf(stderr, "point %s: %s\n", name, err.msg);
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
    const cccd_date d0301 = {2025, 3, 1, CCCD_DATE_DAY};
    if (testdb_units(st, units_json, NULL, (cccd_date){0}, &u, &err) != CCCD_OK ||
        testdb_registry(st, u, extract, strlen(extract), d0301, &err) != CCCD_OK)
        return -1;
    cccd_units_free(u);
    /* a fixed desk in 00001 open every day, 07:30-11:30; the mobile team in 00004 from 10 to 14
     * March with two shifts, closed on the 12th; a team whose period is over; a home team */
    if (add_point(st, "00001@", CCCD_POINT_FIXED, "Công an phường Phúc Xá", "", "Số 1 Phúc Xá",
                  INT64_MIN, INT64_MAX, &f->fixed) ||
        add_point(st, "00004@", CCCD_POINT_MOBILE, MOBILE_NAME, MOBILE_PLACE, MOBILE_ADDR,
                  day_of(2025, 3, 10), day_of(2025, 3, 14), &f->mobile) ||
        add_point(st, "00004@", CCCD_POINT_MOBILE, "Đội lưu động tháng Hai", "Trường tiểu học",
                  "Phố Trúc Bạch", day_of(2025, 2, 1), day_of(2025, 2, 28), &f->past) ||
        add_point(st, "001@", CCCD_POINT_HOME, "Tổ cấp tại nhà", "", "Quận Ba Đình", INT64_MIN,
                  INT64_MAX, &f->home))
        return -1;
    const cccd_shift fixed1 = {1, 450, 690}, m1 = {1, 420, 660}, m2 = {2, 780, 1020};
    const cccd_shift_override closed = {0, true, 0, 0};
    if (cccd_store_shift_template_set(st, f->fixed, &fixed1, &err) ||
        cccd_store_shift_template_set(st, f->mobile, &m1, &err) ||
        cccd_store_shift_template_set(st, f->mobile, &m2, &err) ||
        cccd_store_shift_template_set(st, f->past, &m1, &err) ||
        cccd_store_shift_template_set(st, f->home, &m1, &err) ||
        cccd_store_shift_override_set(st, f->mobile, day_of(2025, 3, 12), &closed, &err)) {
        fprintf(stderr, "shifts: %s\n", err.msg);
        return -1;
    }
    /* tickets: A on the 11th at the mobile team, 07:00-08:00; P on the 13th, 13:00-14:00 */
    cccd_ticket t = {.ticket = "00004-0000001",
                     .plan_unit = "00004@",
                     .seq = 1,
                     .personal_id = strtoll(ID_A, NULL, 10),
                     .home_key = "00004@",
                     .point_id = f->mobile,
                     .day = day_of(2025, 3, 11),
                     .shift_no = 1,
                     .window_start = 420,
                     .window_end = 480};
    if (cccd_store_ticket_put(st, &t, &err) != CCCD_OK)
        return -1;
    snprintf(t.ticket, sizeof t.ticket, "00004-0000002");
    t.seq = 2;
    t.personal_id = strtoll(ID_P, NULL, 10);
    t.day = day_of(2025, 3, 13);
    t.shift_no = 2;
    t.window_start = 780;
    t.window_end = 840;
    if (cccd_store_ticket_put(st, &t, &err) != CCCD_OK)
        return -1;
    cccd_store_close(st);

    cccd_server_config cfg;
    cccd_server_config_default(&cfg);
    cfg.db_url = f->url;
    cfg.port = 0;
    cfg.threads = 2;
    cfg.today = today;
    if (test_server_start(&cfg, &f->srv, &f->port) != 0)
        return -1;
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

/* ---- the schedule ---- */

static json_t *point_by_id(json_t *points, int64_t id) {
    size_t i;
    json_t *p;
    json_array_foreach(points, i, p) {
        if (json_integer_value(json_object_get(p, "id")) == id)
            return p;
    }
    return NULL;
}

static void test_schedule_json(void **state) {
    fixture *f = *state;
    reply r;
    assert_int_equal(get(f, "/api/v1/public/schedule?unit=001&from=2025-03-09&to=2025-03-16", &r),
                     200);
    json_t *v = json_loads(r.body, 0, NULL);
    assert_non_null(v);
    assert_string_equal(json_string_value(json_object_get(json_object_get(v, "unit"), "code")),
                        "001");
    json_t *points = json_object_get(v, "points");
    /* the fixed desk and the team serving now; not the past team, not the home team */
    assert_int_equal(json_array_size(points), 2);
    assert_null(point_by_id(points, f->past));
    assert_null(point_by_id(points, f->home));
    json_t *m = point_by_id(points, f->mobile);
    assert_non_null(m);
    assert_string_equal(json_string_value(json_object_get(m, "kind")), "mobile");
    assert_string_equal(json_string_value(json_object_get(m, "name")), MOBILE_NAME);
    assert_string_equal(json_string_value(json_object_get(m, "place")), MOBILE_PLACE);
    assert_string_equal(json_string_value(json_object_get(m, "address")), MOBILE_ADDR);
    assert_string_equal(json_string_value(json_object_get(m, "open_from")), "2025-03-10");
    assert_string_equal(json_string_value(json_object_get(m, "open_to")), "2025-03-14");
    assert_string_equal(json_string_value(json_object_get(json_object_get(m, "unit"), "name")),
                        "Phường Trúc Bạch");
    /* the 10th, 11th, 13th and 14th: the 12th is closed, the 9th and 15th outside its period */
    json_t *days = json_object_get(m, "days");
    static const char *const want[] = {"2025-03-10", "2025-03-11", "2025-03-13", "2025-03-14"};
    assert_int_equal(json_array_size(days), 4);
    for (size_t i = 0; i < 4; i++) {
        json_t *d = json_array_get(days, i);
        assert_string_equal(json_string_value(json_object_get(d, "date")), want[i]);
        json_t *sh = json_object_get(d, "shifts");
        assert_int_equal(json_array_size(sh), 2);
        assert_string_equal(json_string_value(json_object_get(json_array_get(sh, 0), "start")),
                            "07:00");
        assert_string_equal(json_string_value(json_object_get(json_array_get(sh, 0), "end")),
                            "11:00");
        assert_string_equal(json_string_value(json_object_get(json_array_get(sh, 1), "start")),
                            "13:00");
        assert_string_equal(json_string_value(json_object_get(json_array_get(sh, 1), "end")),
                            "17:00");
    }
    assert_string_equal(json_string_value(json_object_get(json_array_get(days, 0), "date_vn")),
                        "10/3/2025");
    json_t *fx = point_by_id(points, f->fixed);
    assert_non_null(fx);
    assert_string_equal(json_string_value(json_object_get(fx, "kind")), "fixed");
    assert_true(json_is_null(json_object_get(fx, "open_from")));
    assert_int_equal(json_array_size(json_object_get(fx, "days")), 8); /* 9 to 16 March */
    json_t *s0 = json_array_get(
        json_object_get(json_array_get(json_object_get(fx, "days"), 0), "shifts"), 0);
    assert_string_equal(json_string_value(json_object_get(s0, "start")), "07:30");
    json_decref(v);
    /* nothing personal, nothing of capacity */
    assert_null(strstr(r.body, "Nguyễn"));
    assert_null(strstr(r.body, ID_A));
    assert_null(strstr(r.body, "ticket"));
    assert_null(strstr(r.body, "kits"));

    /* a commune sees its own points; the defaults are today and 13 days on */
    assert_int_equal(get(f, "/api/v1/public/schedule?unit=00001", &r), 200);
    v = json_loads(r.body, 0, NULL);
    assert_string_equal(json_string_value(json_object_get(v, "from")), "2025-03-10");
    assert_string_equal(json_string_value(json_object_get(v, "to")), "2025-03-23");
    assert_int_equal(json_array_size(json_object_get(v, "points")), 1);
    assert_int_equal(
        json_array_size(json_object_get(json_array_get(json_object_get(v, "points"), 0), "days")),
        14);
    json_decref(v);

    get(f, "/api/v1/public/schedule?unit=99999", &r);
    assert_problem(&r, 404, NULL, "unit");
    get(f, "/api/v1/public/schedule", &r);
    assert_problem(&r, 400, NULL, "unit");
    get(f, "/api/v1/public/schedule?unit=VN", &r);
    assert_problem(&r, 400, NULL, "unit");
    get(f, "/api/v1/public/schedule?unit=001&from=2025-03-01&to=2025-05-02", &r);
    assert_problem(&r, 400, NULL, "to");
    get(f, "/api/v1/public/schedule?unit=001&from=2025-03-10&to=2025-03-09", &r);
    assert_problem(&r, 400, NULL, "to");
    get(f, "/api/v1/public/schedule?unit=001&from=10-03-2025", &r);
    assert_problem(&r, 400, NULL, "from");
}

static int count(const char *hay, const char *needle) {
    int n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* Whether xmllint finds the text well-formed. */
static int xmllint(const char *xml, size_t len) {
    char path[256];
    snprintf(path, sizeof path, "%s/cccd-feed-%d.xml", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
             (int)getpid());
    FILE *w = fopen(path, "wb");
    assert_non_null(w);
    assert_int_equal(fwrite(xml, 1, len, w), len);
    fclose(w);
    char cmd[400];
    snprintf(cmd, sizeof cmd, "xmllint --noout '%s'", path);
    int rc = system(cmd);
    unlink(path);
    return rc;
}

static void test_atom_feed(void **state) {
    fixture *f = *state;
    reply r;
    assert_int_equal(get(f, "/api/v1/public/schedule.atom?unit=001", &r), 200);
    assert_non_null(strstr(r.headers, "Content-Type: application/atom+xml"));
    assert_int_equal(xmllint(r.body, r.len), 0);
    assert_non_null(strstr(r.body, "<feed xmlns=\"http://www.w3.org/2005/Atom\""));
    assert_non_null(strstr(r.body, "<id>tag:cccd,2024:schedule/001@</id>"));
    assert_non_null(strstr(r.body, "<updated>2025-03-10T00:00:00+07:00</updated>"));
    assert_non_null(strstr(r.body, "<author>"));
    assert_non_null(strstr(r.body, "rel=\"self\" type=\"application/atom+xml\" "
                                   "href=\"/api/v1/public/schedule.atom?unit=001\""));
    /* the mobile team's days from today: 10, 11, 13, 14 March; the fixed desk has none */
    assert_int_equal(count(r.body, "<entry>"), 4);
    char id[128];
    static const char *const days[] = {"2025-03-10", "2025-03-11", "2025-03-13", "2025-03-14"};
    for (int i = 0; i < 4; i++) {
        snprintf(id, sizeof id, "<id>tag:cccd,2024:point/%lld/%s</id>", (long long)f->mobile,
                 days[i]);
        assert_non_null(strstr(r.body, id));
    }
    snprintf(id, sizeof id, "point/%lld/2025-03-12", (long long)f->mobile);
    assert_null(strstr(r.body, id));
    assert_null(strstr(r.body, "Công an phường Phúc Xá phục vụ"));
    /* escaped: the raw name never appears */
    assert_non_null(strstr(r.body, "<title>Đội lưu động &quot;Trúc Bạch&quot; &amp; &lt;Tổ "
                                   "2&gt; phục vụ tại Nhà văn hoá tổ 2 ngày 10/3/2025</title>"));
    assert_null(strstr(r.body, "<Tổ 2>"));
    assert_non_null(strstr(r.body, "Ca 1: 07:00–11:00\nCa 2: 13:00–17:00\n"));
    /* the same feed when polled again: stable ids and dates */
    reply r2;
    get(f, "/api/v1/public/schedule.atom?unit=001", &r2);
    assert_int_equal(r2.len, r.len);
    assert_memory_equal(r2.body, r.body, r.len);
    /* fewer days */
    get(f, "/api/v1/public/schedule.atom?unit=00004&days=2", &r);
    assert_int_equal(count(r.body, "<entry>"), 2);
    assert_int_equal(xmllint(r.body, r.len), 0);
    get(f, "/api/v1/public/schedule.atom?unit=00004&days=63", &r);
    assert_problem(&r, 400, NULL, "days");
    get(f, "/api/v1/public/schedule.atom?unit=77777", &r);
    assert_problem(&r, 404, NULL, "unit");
}

/* ---- the appointment lookup ---- */

typedef struct seen {
    int lookups_a, lookups_other;
} seen;

static bool on_entry(void *ctx, const cccd_audit_entry *e) {
    seen *s = ctx;
    if (strcmp(e->action, "appointment.lookup") != 0)
        return true;
    if (strcmp(e->target, ID_A) == 0 && strcmp(e->actor, "public") == 0 &&
        strcmp(e->remote, "127.0.0.1") == 0 && strcmp(e->detail, "00004-0000001") == 0)
        s->lookups_a++;
    else
        s->lookups_other++;
    return true;
}

static int64_t audit_head(const fixture *f) {
    cccd_store *st;
    cccd_err err;
    assert_int_equal(cccd_store_open(f->url, &st, &err), CCCD_OK);
    int64_t seq;
    char hash[CCCD_AUDIT_HASH_LEN];
    assert_int_equal(cccd_store_audit_head(st, &seq, hash, &err), CCCD_OK);
    cccd_store_close(st);
    return seq;
}

static void test_lookup_match(void **state) {
    fixture *f = *state;
    reply r;
    int64_t before = audit_head(f);
    assert_int_equal(lookup(f, NULL, ID_A, "1990-01-15", &r), 200);
    assert_non_null(strstr(r.headers, "Cache-Control: no-store"));
    json_t *v = json_loads(r.body, 0, NULL);
    assert_non_null(v);
    assert_string_equal(json_string_value(json_object_get(v, "ticket")), "00004-0000001");
    assert_string_equal(json_string_value(json_object_get(v, "date")), "2025-03-11");
    assert_string_equal(json_string_value(json_object_get(v, "date_vn")), "11/3/2025");
    json_t *w = json_object_get(v, "window");
    assert_string_equal(json_string_value(json_object_get(w, "start")), "07:00");
    assert_string_equal(json_string_value(json_object_get(w, "end")), "08:00");
    json_t *p = json_object_get(v, "point");
    assert_string_equal(json_string_value(json_object_get(p, "name")), MOBILE_NAME);
    assert_string_equal(json_string_value(json_object_get(p, "place")), MOBILE_PLACE);
    assert_string_equal(json_string_value(json_object_get(p, "address")), MOBILE_ADDR);
    /* nothing else: five members, none of them the person's */
    assert_int_equal(json_object_size(v), 5);
    json_decref(v);
    assert_null(strstr(r.body, "Nguyễn"));
    assert_null(strstr(r.body, "Nhà 7 ngõ Hoè"));
    assert_null(strstr(r.body, "full_name"));
    assert_null(strstr(r.body, ID_A));

    /* on the audit record: one entry, actor public, from this address */
    cccd_store *st;
    cccd_err err;
    assert_int_equal(cccd_store_open(f->url, &st, &err), CCCD_OK);
    seen s = {0, 0};
    assert_int_equal(cccd_store_audit_scan(st, before, on_entry, &s, &err), CCCD_OK);
    assert_int_equal(s.lookups_a, 1);
    assert_int_equal(s.lookups_other, 0);
    cccd_store_close(st);

    /* a year-only birth date matches only as a year */
    assert_int_equal(lookup(f, NULL, ID_P, "1950", &r), 200);
    assert_non_null(strstr(r.body, "\"00004-0000002\""));
    assert_non_null(strstr(r.body, "\"13:00\""));
    assert_int_equal(lookup(f, NULL, ID_P, "1950-01-01", &r), 404);
}

static void test_lookup_reveals_nothing(void **state) {
    fixture *f = *state;
    reply unknown, wrong, none;
    int64_t before = audit_head(f);
    lookup(f, NULL, ID_X, "1990-01-15", &unknown);
    lookup(f, NULL, ID_A, "1990-01-16", &wrong);
    lookup(f, NULL, ID_N, "1985-06-01", &none); /* the right date, but no ticket */
    assert_problem(&unknown, 404, "appointment.unknown", NULL);
    assert_int_equal(wrong.status, unknown.status);
    assert_int_equal(none.status, unknown.status);
    assert_int_equal(wrong.len, unknown.len);
    assert_memory_equal(wrong.body, unknown.body, unknown.len);
    assert_int_equal(none.len, unknown.len);
    assert_memory_equal(none.body, unknown.body, unknown.len);
    /* nothing was shown, so nothing was audited */
    assert_int_equal(audit_head(f), before);

    /* malformed bodies name the field */
    reply r;
    call_from(f, NULL, "POST", "/api/v1/public/appointment", "{\"personal_id\":\"" ID_A "\"}", &r);
    assert_problem(&r, 422, NULL, "date_of_birth");
    lookup(f, NULL, "12ab", "1990-01-15", &r);
    assert_problem(&r, 422, NULL, "personal_id");
    lookup(f, NULL, ID_A, "1990-13-45", &r);
    assert_problem(&r, 422, NULL, "date_of_birth");
    call_from(f, NULL, "POST", "/api/v1/public/appointment",
              "{\"personal_id\":12,\"date_of_birth\":\"1990\"}", &r);
    assert_problem(&r, 422, NULL, "personal_id");
}

/* Ten lookups per address in ten minutes: the 11th from 127.0.0.3 is refused, even a right
 * one, while 127.0.0.2 still gets its answer. */
static void test_lookup_throttle(void **state) {
    fixture *f = *state;
    reply r;
    for (unsigned i = 0; i < 10; i++) {
        char id[13];
        snprintf(id, sizeof id, "0010900001%02u", i % 100u);
        lookup(f, "127.0.0.3", id, "1990-01-15", &r);
        assert_problem(&r, 404, "appointment.unknown", NULL);
    }
    lookup(f, "127.0.0.3", ID_A, "1990-01-15", &r);
    assert_problem(&r, 429, NULL, NULL);
    assert_non_null(strstr(r.headers, "Retry-After: "));
    assert_null(strstr(r.body, "00004-0000001"));
    assert_int_equal(lookup(f, "127.0.0.2", ID_A, "1990-01-15", &r), 200);
    assert_non_null(strstr(r.body, "00004-0000001"));
    /* the schedule is not limited */
    assert_int_equal(
        call_from(f, "127.0.0.3", "GET", "/api/v1/public/schedule?unit=00004", NULL, &r), 200);
}

int main(void) {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_schedule_json),   cmocka_unit_test(test_atom_feed),
        cmocka_unit_test(test_lookup_match),    cmocka_unit_test(test_lookup_reveals_nothing),
        cmocka_unit_test(test_lookup_throttle),
    };
    int rc = cmocka_run_group_tests(tests, setup, teardown);
    curl_global_cleanup();
    return rc;
}
