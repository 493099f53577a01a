/*
 * test_store_advice.c: resource advice on each backend (service/advice.h, docs/advice.md) with
 * constructed units, points, shifts, kits, officers and quotas: one move that saves one unit;
 * two units at risk and one spare kit, which goes to the smaller deficit; a unit saved only by
 * a neighbouring province, and nothing proposed without that neighbour; accepting moves the kit
 * and the officer (the kit's history and the officer's assignments show it) and is audited;
 * accepting twice, a dismissed, a replaced or a stale proposal is refused with nothing changed;
 * an account outside a unit is refused; the unit's own reserve gives a kit (and the proposal is
 * stale once that kit went to a district); a kit and an officer from two donors save a unit
 * that no one donor could. Run once per backend by scripts/run-tests.sh
 * (testdb.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "service/accounts.h"
#include "service/advice.h"
#include "service/audit_log.h"
#include "service/outreach.h"
#include "service/quotas.h"
#include "store/store.h"
#include "store/store_advice.h"
#include "store/store_audit.h"
#include "store/store_staff.h"
#include "test_population.h"
#include "testdb.h"

/* Thái Bình (34): Vũ Thư 336, Kiến Xương 337, Tiền Hải 338; Nam Định (36): Ý Yên 356; Thanh
 * Hóa (38): Đông Sơn 380. A commune each. */
static const char *units_json =
    "{\"data\":["
    "{\"level1_id\":\"34\",\"name\":\"Tỉnh Thái Bình\",\"type\":\"Tỉnh\",\"level2s\":["
    "{\"level2_id\":\"336\",\"name\":\"Huyện Vũ Thư\",\"type\":\"Huyện\",\"level3s\":["
    "{\"level3_id\":\"12001\",\"name\":\"Xã Tam Quang\",\"type\":\"Xã\"}]},"
    "{\"level2_id\":\"337\",\"name\":\"Huyện Kiến Xương\",\"type\":\"Huyện\",\"level3s\":["
    "{\"level3_id\":\"12002\",\"name\":\"Xã Vũ Quý\",\"type\":\"Xã\"}]},"
    "{\"level2_id\":\"338\",\"name\":\"Huyện Tiền Hải\",\"type\":\"Huyện\",\"level3s\":["
    "{\"level3_id\":\"12003\",\"name\":\"Xã Nam Hà\",\"type\":\"Xã\"}]}]},"
    "{\"level1_id\":\"36\",\"name\":\"Tỉnh Nam Định\",\"type\":\"Tỉnh\",\"level2s\":["
    "{\"level2_id\":\"356\",\"name\":\"Huyện Ý Yên\",\"type\":\"Huyện\",\"level3s\":["
    "{\"level3_id\":\"13001\",\"name\":\"Xã Yên Ninh\",\"type\":\"Xã\"}]}]},"
    "{\"level1_id\":\"38\",\"name\":\"Tỉnh Thanh Hóa\",\"type\":\"Tỉnh\",\"level2s\":["
    "{\"level2_id\":\"380\",\"name\":\"Huyện Đông Sơn\",\"type\":\"Huyện\",\"level3s\":["
    "{\"level3_id\":\"14001\",\"name\":\"Xã Đông Hòa\",\"type\":\"Xã\"}]}]}]}";

static const cccd_date d_0301 = {2025, 3, 1, CCCD_DATE_DAY};
static const cccd_date d_0310 = {2025, 3, 10, CCCD_DATE_DAY};
static const cccd_date d_0319 = {2025, 3, 19, CCCD_DATE_DAY}; /* 10 days from 10/3, inclusive */

static const cccd_actor machine = {"cli:test", "", "", "local"};
static const cccd_kdf_cost cheap = {10, 8, 1};

typedef struct fixture {
    char url[1024];
    cccd_store *st;
    cccd_units *u;
    int64_t point[4]; /* of 336, 337, 338, and one spare slot */
} fixture;

static int64_t now_of(cccd_date d) {
    return cccd_date_to_days(d) * 86400 + 2 * 3600;
}

static int setup(void **state) {
    fixture *f = calloc(1, sizeof *f);
    cccd_err err;
    if (f == NULL || testdb_new(f->url, sizeof f->url) != 0 ||
        cccd_store_open(f->url, &f->st, &err) != CCCD_OK ||
        cccd_store_migrate(f->st, NULL, NULL, &err) != CCCD_OK ||
        testdb_units(f->st, units_json, NULL, d_0301, NULL, &err) != CCCD_OK ||
        cccd_store_units_load(f->st, &f->u, &err) != CCCD_OK) {
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

static void key_of(fixture *f, const char *code, char key[CCCD_UNIT_KEY_LEN]) {
    cccd_err err;
    const cccd_unit *un = cccd_units_lookup(f->u, code, CCCD_UNIT_ANY, d_0310, &err);
    assert_non_null(un);
    cccd_store_unit_key(un, key);
}

/* A fixed point of district `code`, 5 people per kit-hour, one shift 08:00-16:00 (8 hours):
 * a staffed kit makes 40 a day. */
static int64_t point(fixture *f, const char *code) {
    cccd_err err;
    cccd_point p = {0};
    key_of(f, code, p.unit_key);
    p.kind = CCCD_POINT_FIXED;
    snprintf(p.name, sizeof p.name, "Công an %s", code);
    snprintf(p.address, sizeof p.address, "Số 1, %s", code);
    p.open_from = INT64_MIN;
    p.open_to = INT64_MAX;
    p.people_per_kit_hour = 5;
    int64_t id = 0;
    if (cccd_outreach_point_add(f->st, &machine, &p, &id, &err) != CCCD_OK)
        fail_msg("point %s: %s", code, err.msg);
    cccd_shift s = {1, 8 * 60, 16 * 60};
    if (cccd_outreach_shift_set(f->st, &machine, id, &s, &err) != CCCD_OK)
        fail_msg("shift %s: %s", code, err.msg);
    return id;
}

static void kits(fixture *f, const char *code, const char *prefix, int n) {
    cccd_err err;
    char key[CCCD_UNIT_KEY_LEN];
    key_of(f, code, key);
    for (int i = 0; i < n; i++) {
        char serial[32];
        snprintf(serial, sizeof serial, "%s-%d", prefix, i + 1);
        if (cccd_outreach_kit_add(f->st, &machine, serial, cccd_date_to_days(d_0301), key, &err) !=
            CCCD_OK)
            fail_msg("kit %s: %s", serial, err.msg);
    }
}

static void officers(fixture *f, int64_t point_id, const char *prefix, int n) {
    cccd_err err;
    for (int i = 0; i < n; i++) {
        char name[32];
        snprintf(name, sizeof name, "%s%d", prefix, i + 1);
        if (cccd_accounts_add(f->st, f->u, d_0301, &machine, name, "officer", "VN",
                              "correct horse battery 1", &cheap, NULL, &err) != CCCD_OK ||
            cccd_outreach_staff_assign(f->st, &machine, point_id, name, cccd_date_to_days(d_0301),
                                       CCCD_STAFF_OPEN, NULL, NULL, &err) != CCCD_OK)
            fail_msg("officer %s: %s", name, err.msg);
    }
}

static void quota(fixture *f, const char *code, int64_t target) {
    cccd_err err;
    if (cccd_quota_set(f->st, f->u, code, target, d_0319, d_0310, now_of(d_0310), &machine, NULL,
                       &err) != CCCD_OK)
        fail_msg("quota %s: %s", code, err.msg);
}

static const cccd_advice_unit *unit_row(const cccd_advice *a, const char *code) {
    for (size_t i = 0; i < a->nunits; i++)
        if (strcmp(a->units[i].unit->code, code) == 0)
            return &a->units[i];
    fail_msg("no row for %s", code);
    return NULL;
}

static void advise(fixture *f, const char *code, cccd_advice *a) {
    cccd_err err;
    if (cccd_advice_make(f->st, f->u, code, d_0310, now_of(d_0310), &machine, true, a, &err) !=
        CCCD_OK)
        fail_msg("advice %s: %s", code, err.msg);
}

/* One move saves one unit: Vũ Thư needs 1.000 in 10 days (100 a day) and makes 80 with 2 kits
 * and 2 officers; Kiến Xương needs 200 (20 a day) and makes 80: a kit with its officer brings
 * Vũ Thư to 120 and leaves Kiến Xương 40. */
static void test_one_move_saves_one(void **state) {
    fixture *f = *state;
    f->point[0] = point(f, "336");
    f->point[1] = point(f, "337");
    kits(f, "336", "VT", 2);
    kits(f, "337", "KX", 2);
    officers(f, f->point[0], "vt", 2);
    officers(f, f->point[1], "kx", 2);
    quota(f, "336", 1000);
    quota(f, "337", 200);
    cccd_advice a;
    advise(f, "34", &a);
    const cccd_advice_unit *vt = unit_row(&a, "336"), *kx = unit_row(&a, "337");
    assert_int_equal(vt->remaining, 1000);
    assert_int_equal(vt->days_left, 10);
    assert_int_equal(vt->needed_per_day, 100);
    assert_int_equal(vt->kits, 2);
    assert_int_equal(vt->officers, 2);
    assert_int_equal(vt->capacity, 80);
    assert_false(vt->meets);
    assert_true(kx->meets);
    assert_int_equal(a.nmoves, 1);
    const cccd_advice_row *r = &a.moves[0].row;
    assert_string_equal(r->kind, "kit+officer");
    assert_string_equal(r->serial, "KX-1");
    assert_string_equal(r->username, "kx1");
    assert_int_equal(r->to_point, f->point[0]);
    assert_true(r->id > 0);
    assert_int_equal(vt->capacity_after, 120);
    assert_true(vt->meets_after);
    assert_int_equal(kx->capacity_after, 40);
    assert_true(kx->meets_after);
    assert_non_null(strstr(r->reason, "Huyện Vũ Thư needs 1.000 more by 19/3/2025 (10 days, "
                                      "100/day) and makes 80/day"));
    assert_non_null(strstr(r->reason, "brings it to 120/day: it meets the deadline"));
    json_t *j = cccd_advice_json(&a);
    json_t *p0 = json_array_get(json_object_get(j, "proposals"), 0);
    assert_int_equal(
        json_integer_value(json_object_get(json_object_get(p0, "to"), "capacity_after")), 120);
    assert_int_equal(
        json_integer_value(json_object_get(json_object_get(p0, "from"), "capacity_before")), 80);
    assert_string_equal(json_string_value(json_array_get(json_object_get(j, "meeting"), 0)), "336");
    json_decref(j);
    cccd_advice_free(&a);
}

/* Two units at risk and one spare kit, either saved by it: Vũ Thư is 200 short (2 kits, 3
 * officers, 80 of 100 a day), Tiền Hải 100 (1 kit, 2 officers, 40 of 50 a day); Kiến Xương
 * has one idle kit and needs its other two. The kit goes to Tiền Hải, the smaller deficit;
 * Vũ Thư stays short. */
static void test_smaller_deficit_first(void **state) {
    fixture *f = *state;
    f->point[0] = point(f, "336");
    f->point[1] = point(f, "337");
    f->point[2] = point(f, "338");
    kits(f, "336", "VT", 2);
    kits(f, "337", "KX", 3);
    kits(f, "338", "TH", 1);
    officers(f, f->point[0], "vt", 3);
    officers(f, f->point[1], "kx", 2);
    officers(f, f->point[2], "th", 2);
    quota(f, "336", 1000);
    quota(f, "337", 800);
    quota(f, "338", 500);
    cccd_advice a;
    advise(f, "34", &a);
    assert_int_equal(a.nmoves, 1);
    assert_string_equal(a.moves[0].row.kind, "kit");
    assert_string_equal(a.moves[0].row.serial, "KX-1");
    assert_string_equal(a.moves[0].row.username, "");
    assert_string_equal(a.units[a.moves[0].to].unit->code, "338");
    assert_true(unit_row(&a, "338")->meets_after);
    assert_int_equal(unit_row(&a, "338")->capacity_after, 80);
    assert_false(unit_row(&a, "336")->meets_after);
    assert_int_equal(unit_row(&a, "336")->kits_after, 2);
    assert_int_equal(unit_row(&a, "337")->capacity_after, 80); /* an idle kit costs nothing */
    json_t *j = cccd_advice_json(&a);
    assert_string_equal(json_string_value(json_array_get(json_object_get(j, "short"), 0)), "336");
    json_decref(j);
    cccd_advice_free(&a);
}

/* Nothing in Thái Bình can help Vũ Thư; Thanh Hóa's Đông Sơn (no quota) can, once the two
 * provinces are neighbours; Nam Định's Ý Yên, not a neighbour, never does. */
static void test_neighbouring_province(void **state) {
    fixture *f = *state;
    f->point[0] = point(f, "336");
    int64_t ds = point(f, "380"), yy = point(f, "356");
    kits(f, "336", "VT", 2);
    kits(f, "380", "DS", 2);
    kits(f, "356", "YY", 2);
    officers(f, f->point[0], "vt", 2);
    officers(f, ds, "ds", 2);
    officers(f, yy, "yy", 2);
    quota(f, "336", 1000);
    cccd_advice a;
    advise(f, "34", &a);
    assert_int_equal(a.nmoves, 0); /* nothing can help: no proposal */
    assert_false(unit_row(&a, "336")->meets_after);
    cccd_advice_free(&a);

    cccd_err err;
    const char pa[2][6] = {"34", "36"}, pb[2][6] = {"38", "99"};
    assert_int_equal(cccd_store_neighbours_replace(f->st, pa, pb, 1, &err), CCCD_OK);
    char(*nb)[6] = NULL;
    size_t nnb = 0;
    assert_int_equal(cccd_store_neighbours_of(f->st, "38", &nb, &nnb, &err), CCCD_OK);
    assert_int_equal(nnb, 1);
    assert_string_equal(nb[0], "34");
    free(nb);
    advise(f, "34", &a);
    assert_int_equal(a.nmoves, 1);
    const cccd_advice_row *r = &a.moves[0].row;
    assert_string_equal(a.units[a.moves[0].from].unit->code, "380");
    assert_true(a.units[a.moves[0].from].neighbour);
    assert_string_equal(r->kind, "kit+officer");
    assert_string_equal(r->serial, "DS-1");
    assert_non_null(strstr(r->reason, "from Huyện Đông Sơn in a neighbouring province (no quota"));
    json_t *j = cccd_advice_row_json(r);
    assert_true(json_is_true(json_object_get(j, "neighbour")));
    json_decref(j);
    int64_t id = r->id;
    cccd_advice_free(&a);
    /* a move from a neighbouring province: Thái Bình's commander does not reach Đông Sơn, which
     * gives; Thanh Hóa's, the giving province, accepts it */
    cccd_actor k34 = {"k34", "commander", "34@", "127.0.0.1"};
    cccd_actor k38 = {"k38", "commander", "38@", "127.0.0.1"};
    cccd_advice_row row;
    int64_t day = cccd_date_to_days(d_0310);
    assert_int_equal(cccd_advice_accept(f->st, f->u, id, d_0310, day * 86400, &k34, &row, &err),
                     CCCD_E_FORBIDDEN);
    assert_int_equal(cccd_advice_accept(f->st, f->u, id, d_0310, day * 86400, &k38, &row, &err),
                     CCCD_OK);
    int64_t pt;
    char key[CCCD_UNIT_KEY_LEN];
    cccd_kit_state ks;
    assert_int_equal(cccd_store_kit_at(f->st, "DS-1", day, &pt, key, &ks, &err), CCCD_OK);
    assert_int_equal(pt, f->point[0]);
}

typedef struct trail {
    char s[16384];
} trail;

static bool on_entry(void *ctx, const cccd_audit_entry *e) {
    trail *t = ctx;
    size_t k = strlen(t->s);
    snprintf(t->s + k, sizeof t->s - k, "%s:%s:%s|", e->action, e->target, e->detail);
    return true;
}

typedef struct hist {
    int moves;
    int64_t last_point;
} hist;

static void on_event(void *ctx, const cccd_kit_history_row *r) {
    hist *h = ctx;
    if (!r->ev.is_state) {
        h->moves++;
        h->last_point = r->ev.point_id;
    }
}

typedef struct assigned {
    int64_t point, from, to;
    int n;
} assigned;

static void on_staff(void *ctx, const cccd_staff_row *r) {
    assigned *a = ctx;
    a->point = r->point_id;
    a->from = r->from_day;
    a->to = r->to_day;
    a->n++;
}

/* Accepting records the transfer: the kit at Vũ Thư's point from the day, the officer's
 * assignment at Kiến Xương ended the day before and a new one at Vũ Thư; audited. Accepting
 * again, dismissing after, and accepting a replaced or a stale proposal are refused. */
static void test_accept(void **state) {
    fixture *f = *state;
    test_one_move_saves_one(state);
    cccd_err err;
    cccd_advice a;
    advise(f, "34", &a); /* replaces the first run's proposal */
    assert_int_equal(a.nmoves, 1);
    int64_t id = a.moves[0].row.id;
    cccd_advice_free(&a);
    cccd_advice_row r;
    assert_int_equal(
        cccd_advice_accept(f->st, f->u, id - 1, d_0310, now_of(d_0310), &machine, &r, &err),
        CCCD_E_ADVICE_DECIDED); /* the first run's, replaced */
    /* an account of another province reaches neither unit */
    cccd_actor k38 = {"k38", "commander", "38@", "127.0.0.1"};
    assert_int_equal(cccd_advice_accept(f->st, f->u, id, d_0310, now_of(d_0310), &k38, &r, &err),
                     CCCD_E_FORBIDDEN);
    assert_int_equal(
        cccd_advice_make(f->st, f->u, "34", d_0310, now_of(d_0310), &k38, true, &a, &err),
        CCCD_E_FORBIDDEN);
    cccd_advice_free(&a);
    assert_int_equal(
        cccd_advice_accept(f->st, f->u, id, d_0310, now_of(d_0310), &machine, &r, &err), CCCD_OK);
    assert_string_equal(r.state, "accepted");
    int64_t day = cccd_date_to_days(d_0310);
    hist h = {0};
    assert_int_equal(cccd_store_kit_history(f->st, "KX-1", on_event, &h, &err), CCCD_OK);
    assert_int_equal(h.moves, 2); /* registered, then the advice's move */
    assert_int_equal(h.last_point, f->point[0]);
    int64_t pt;
    char key[CCCD_UNIT_KEY_LEN];
    cccd_kit_state ks;
    assert_int_equal(cccd_store_kit_at(f->st, "KX-1", day, &pt, key, &ks, &err), CCCD_OK);
    assert_int_equal(pt, f->point[0]);
    assigned at_vt = {0}, at_kx = {0};
    assert_int_equal(
        cccd_store_staff_of_point(f->st, f->point[0], day, day, on_staff, &at_vt, &err), CCCD_OK);
    assert_int_equal(at_vt.n, 3);
    assert_int_equal(
        cccd_store_staff_of_point(f->st, f->point[1], day, day, on_staff, &at_kx, &err), CCCD_OK);
    assert_int_equal(at_kx.n, 1); /* kx1 left on the day before */
    trail t = {{0}};
    assert_int_equal(cccd_store_audit_scan(f->st, 0, on_entry, &t, &err), CCCD_OK);
    char want[64];
    snprintf(want, sizeof want, "advice.accept:advice:%lld:kit+officer KX-1 kx1", (long long)id);
    assert_non_null(strstr(t.s, want));
    assert_non_null(strstr(t.s, "staff.end:"));
    cccd_audit_report rep;
    assert_int_equal(cccd_audit_verify(f->st, &rep, &err), CCCD_OK);

    /* twice: refused */
    assert_int_equal(
        cccd_advice_accept(f->st, f->u, id, d_0310, now_of(d_0310), &machine, &r, &err),
        CCCD_E_ADVICE_DECIDED);
    assert_int_equal(
        cccd_advice_dismiss(f->st, f->u, id, d_0310, now_of(d_0310), &machine, &r, &err),
        CCCD_E_ADVICE_DECIDED);
    assert_int_equal(
        cccd_advice_accept(f->st, f->u, 9999, d_0310, now_of(d_0310), &machine, &r, &err),
        CCCD_E_ADVICE_UNKNOWN);
    /* Vũ Thư meets its deadline now: no more proposals */
    advise(f, "34", &a);
    assert_int_equal(a.nmoves, 0);
    assert_true(unit_row(&a, "336")->meets);
    cccd_advice_free(&a);
}

/* A proposal whose kit broke since is stale: refused, nothing moves, still open; dismissing it
 * moves nothing. */
static void test_stale_and_dismiss(void **state) {
    fixture *f = *state;
    test_one_move_saves_one(state);
    cccd_err err;
    cccd_advice a;
    advise(f, "34", &a);
    int64_t id = a.moves[0].row.id;
    cccd_advice_free(&a);
    int64_t day = cccd_date_to_days(d_0310);
    assert_int_equal(
        cccd_outreach_kit_state(f->st, &machine, "KX-1", day, CCCD_KIT_BROKEN, "screen", &err),
        CCCD_OK);
    cccd_advice_row r;
    assert_int_equal(
        cccd_advice_accept(f->st, f->u, id, d_0310, now_of(d_0310), &machine, &r, &err),
        CCCD_E_ADVICE_STALE);
    assert_int_equal(cccd_store_advice_get(f->st, id, &r, &err), CCCD_OK);
    assert_string_equal(r.state, "proposed");
    hist h = {0};
    assert_int_equal(cccd_store_kit_history(f->st, "KX-1", on_event, &h, &err), CCCD_OK);
    assert_int_equal(h.moves, 1);
    assigned at_kx = {0};
    assert_int_equal(
        cccd_store_staff_of_point(f->st, f->point[1], day, day, on_staff, &at_kx, &err), CCCD_OK);
    assert_int_equal(at_kx.n, 2);
    assert_int_equal(
        cccd_advice_dismiss(f->st, f->u, id, d_0310, now_of(d_0310), &machine, &r, &err), CCCD_OK);
    assert_int_equal(cccd_store_advice_get(f->st, id, &r, &err), CCCD_OK);
    assert_string_equal(r.state, "dismissed");
    assert_string_equal(r.decided_by, "cli:test");
}

/* The province's own reserve: a kit Thái Bình holds itself, given to no district. Vũ Thư has
 * an officer without a kit (2 kits, 3 officers: 80 of 100 a day); Kiến Xương needs all it has.
 * The reserve's kit is proposed, and accepted it goes to Vũ Thư's point; a reserve kit handed
 * to a district in the meantime makes the proposal stale. */
static void test_reserve(void **state) {
    fixture *f = *state;
    f->point[0] = point(f, "336");
    f->point[1] = point(f, "337");
    kits(f, "336", "VT", 2);
    kits(f, "337", "KX", 2);
    kits(f, "34", "RES", 2);
    officers(f, f->point[0], "vt", 3);
    officers(f, f->point[1], "kx", 2);
    quota(f, "336", 1000);
    quota(f, "337", 800);
    cccd_advice a;
    advise(f, "34", &a);
    assert_int_equal(a.nmoves, 1);
    const cccd_advice_row *r = &a.moves[0].row;
    assert_string_equal(r->kind, "kit");
    assert_string_equal(r->serial, "RES-1");
    assert_string_equal(a.units[a.moves[0].from].unit->code, "34");
    assert_true(a.units[a.moves[0].from].reserve);
    assert_false(a.units[a.moves[0].from].quota); /* the province's quota is its districts' */
    assert_int_equal(a.units[a.moves[0].from].kits, 2);
    assert_int_equal(unit_row(&a, "336")->capacity_after, 120);
    assert_true(unit_row(&a, "336")->meets_after);
    assert_int_equal(unit_row(&a, "337")->kits_after, 2);
    assert_non_null(strstr(r->reason, "one kit from the reserve of Tỉnh Thái Bình (held by it, "
                                      "not by a unit below: 2 kits and 0 officers)"));
    json_t *j = cccd_advice_json(&a);
    json_t *p0 = json_array_get(json_object_get(j, "proposals"), 0);
    assert_true(json_is_true(json_object_get(json_object_get(p0, "from"), "reserve")));
    json_decref(j);
    int64_t id = r->id;
    cccd_advice_free(&a);
    cccd_err err;
    cccd_advice_row row;
    int64_t day = cccd_date_to_days(d_0310);
    assert_int_equal(
        cccd_advice_accept(f->st, f->u, id, d_0310, now_of(d_0310), &machine, &row, &err), CCCD_OK);
    int64_t pt;
    char key[CCCD_UNIT_KEY_LEN];
    cccd_kit_state ks;
    assert_int_equal(cccd_store_kit_at(f->st, "RES-1", day, &pt, key, &ks, &err), CCCD_OK);
    assert_int_equal(pt, f->point[0]);
    /* Vũ Thư meets its deadline; Kiến Xương falls behind (a larger quota) and the other
     * reserve kit is proposed for its idle officer... once the commander gave it to Tiền Hải,
     * that proposal is stale */
    quota(f, "337", 1000);
    officers(f, f->point[1], "kx2-", 1);
    advise(f, "34", &a);
    assert_int_equal(a.nmoves, 1);
    assert_string_equal(a.moves[0].row.serial, "RES-2");
    id = a.moves[0].row.id;
    cccd_advice_free(&a);
    char th[CCCD_UNIT_KEY_LEN];
    key_of(f, "338", th);
    assert_int_equal(
        cccd_outreach_kit_move(f->st, &machine, "RES-2", day, 0, th, "to Tiền Hải", &err), CCCD_OK);
    assert_int_equal(
        cccd_advice_accept(f->st, f->u, id, d_0310, now_of(d_0310), &machine, &row, &err),
        CCCD_E_ADVICE_STALE);
}

/* A kit with its officer nobody gives whole: Tiền Hải (1 kit, 1 officer: 40 of 50 a day) takes
 * the reserve's kit and Kiến Xương's idle officer (its quota needs one staffed kit), two moves
 * that save it together. */
static void test_kit_and_officer_apart(void **state) {
    fixture *f = *state;
    f->point[1] = point(f, "337");
    f->point[2] = point(f, "338");
    kits(f, "337", "KX", 1);
    kits(f, "338", "TH", 1);
    kits(f, "34", "RES", 1);
    officers(f, f->point[1], "kx", 2);
    officers(f, f->point[2], "th", 1);
    quota(f, "337", 300);
    quota(f, "338", 500);
    cccd_advice a;
    advise(f, "34", &a);
    assert_int_equal(a.nmoves, 2);
    assert_string_equal(a.moves[0].row.kind, "kit");
    assert_string_equal(a.moves[0].row.serial, "RES-1");
    assert_string_equal(a.units[a.moves[0].from].unit->code, "34");
    assert_string_equal(a.moves[1].row.kind, "officer");
    assert_string_equal(a.moves[1].row.username, "kx1");
    assert_string_equal(a.units[a.moves[1].from].unit->code, "337");
    assert_non_null(strstr(a.moves[0].row.reason, "still short: the next move follows"));
    assert_int_equal(unit_row(&a, "338")->capacity_after, 80);
    assert_true(unit_row(&a, "338")->meets_after);
    assert_true(unit_row(&a, "337")->meets_after);
    cccd_advice_free(&a);
}

static void test_number(void **state) {
    (void)state;
    char b[28];
    assert_string_equal(cccd_advice_number(0, b), "0");
    assert_string_equal(cccd_advice_number(999, b), "999");
    assert_string_equal(cccd_advice_number(1240, b), "1.240");
    assert_string_equal(cccd_advice_number(1234567, b), "1.234.567");
    assert_string_equal(cccd_advice_number(-1240, b), "-1.240");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_number),
        cmocka_unit_test_setup_teardown(test_one_move_saves_one, setup, teardown),
        cmocka_unit_test_setup_teardown(test_smaller_deficit_first, setup, teardown),
        cmocka_unit_test_setup_teardown(test_neighbouring_province, setup, teardown),
        cmocka_unit_test_setup_teardown(test_accept, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stale_and_dismiss, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reserve, setup, teardown),
        cmocka_unit_test_setup_teardown(test_kit_and_officer_apart, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
