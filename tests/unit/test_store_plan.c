/*
 * test_store_plan.c: points, kits, shifts and planning on each backend: a kit's history across
 * a transfer between units (the database's answer and the core rule agree), capacity with a
 * shift that crosses midnight and a kit that breaks, and plans of a generated population of a
 * district: no window over capacity, every remaining resident exactly once ticketed, on the
 * home-visit list, referred out, untraced or unplanned, groups kept together where capacity
 * allowed, the same plan twice, and a re-plan after a kit breaks that moves only the tickets
 * that no longer fit. Then the synthetic population of a province (service/synth.h) planned by
 * district and by commune: the same checks with the people referred in, and a referral seen at
 * both ends (ticketed by the commune the person lives in, shown with that ticket by the one
 * they are registered in, whose re-plan keeps it).
 * Run once per backend by scripts/run-tests.sh (see testdb.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>

#include "core/kit.h"
#include "service/plan.h"
#include "service/registry_import.h"
#include "service/residents.h"
#include "service/synth.h"
#include "store/store.h"
#include "store/store_points.h"
#include "store/store_tickets.h"
#include "testdb.h"

static const char *units_json =
    "{\"data\":[{\"level1_id\":\"01\",\"name\":\"Thành phố Hà Nội\",\"type\":\"Thành phố "
    "Trung ương\",\"level2s\":["
    "{\"level2_id\":\"001\",\"name\":\"Quận Ba Đình\",\"type\":\"Quận\",\"level3s\":["
    "{\"level3_id\":\"00001\",\"name\":\"Phường Phúc Xá\",\"type\":\"Phường\"},"
    "{\"level3_id\":\"00004\",\"name\":\"Phường Trúc Bạch\",\"type\":\"Phường\"},"
    "{\"level3_id\":\"00007\",\"name\":\"Phường Cống Vị\",\"type\":\"Phường\"}]},"
    "{\"level2_id\":\"002\",\"name\":\"Quận Hoàn Kiếm\",\"type\":\"Quận\",\"level3s\":["
    "{\"level3_id\":\"00037\",\"name\":\"Phường Phúc Tân\",\"type\":\"Phường\"}]}]}]}";

#define HEADER                                                                                     \
    "personal_id,full_name,date_of_birth,sex,ethnicity,religion,nationality,place_of_origin,"      \
    "permanent_commune,permanent_address,household_id,relation_to_head,residential_group,"         \
    "temporary_commune,temporary_address,status,mobility,old_id_number,card_type,card_number,"     \
    "card_issued,card_expiry,father_name,mother_name,spouse_name\n"

static const cccd_date d_0301 = {2025, 3, 1, CCCD_DATE_DAY};
static const cccd_date d_0310 = {2025, 3, 10, CCCD_DATE_DAY};
static const cccd_date d_0316 = {2025, 3, 16, CCCD_DATE_DAY};

typedef struct fixture {
    char url[1024];
    cccd_store *st;
    cccd_units *u;
    int64_t p1, p2, home; /* points: 00001 (3 shifts, 2 kits), 00004 (2 shifts, 1 kit), home */
    int64_t generated;    /* rows written */
    int64_t sp[4];        /* the synthetic population's points: 00001, 00004, 00007, 00037 */
} fixture;

/* A population of district 001: the communes 00001, 00004 and 00007 (the last one without a
 * point), four residential groups each, households of 1-5; some immobile, some living in
 * 00037 (a few of them immobile), some whose whereabouts are unknown, old 9-digit IDs, barcode
 * cards and year-only birth dates. Deterministic. */
static char *population(int64_t *rows) {
    size_t cap = 1 << 20, n = 0;
    char *csv = malloc(cap);
    n += (size_t)snprintf(csv, cap, HEADER);
    static const char *const communes[] = {"00001", "00004", "00007"};
    static const char *const given[] = {"An", "Bình", "Cường", "Dung", "Em", "Giang", "Hà", "Khoa"};
    uint32_t rng = 12345, serial = 0;
    *rows = 0;
    for (int c = 0; c < 3; c++)
        for (int g = 1; g <= 4; g++)
            for (int h = 0; h < 8; h++) {
                rng = rng * 1103515245u + 12345u;
                int members = 1 + (int)((rng >> 16) % 5);
                for (int m = 0; m < members; m++) {
                    rng = rng * 1103515245u + 12345u;
                    uint32_t r = rng >> 8;
                    int year = 1950 + (int)(r % 56); /* 1950-2005: all 14 by 2025-03-01 */
                    bool female = (r >> 7) & 1;
                    char pid[13], dob[11], tc[6] = "", ta[64] = "", old[10] = "", card[128] = ",,,";
                    serial++;
                    snprintf(pid, sizeof pid, "001%d%02d%06u", (year >= 2000 ? 2 : 0) + female,
                             year % 100, serial);
                    snprintf(dob, sizeof dob, "%d-%02d-%02d", year, 1 + (int)(r % 12),
                             1 + (int)(r % 28));
                    int kind = (int)((r >> 10) % 20);
                    const char *mob = kind == 0 || kind == 8 ? "immobile"
                                      : kind == 7            ? "unknown"
                                                             : "normal";
                    if (kind == 1 || kind == 8) {
                        snprintf(tc, sizeof tc, "00037");
                        snprintf(ta, sizeof ta, "Số %d phố Hàng Bạc", 1 + m);
                    }
                    if (kind == 2 || kind == 3)
                        snprintf(old, sizeof old, "0%08u", serial);
                    if ((kind == 4 || kind == 5) && year >= 1980 && year <= 1990)
                        /* a barcode card issued in 2017, valid until 40 */
                        snprintf(card, sizeof card, "barcode,%s,2017-01-01,%d-%s", pid, year + 40,
                                 dob + 5);
                    if (kind == 6)
                        dob[4] = '\0'; /* a year-only birth date */
                    n += (size_t)snprintf(
                        csv + n, cap - n,
                        "%s,%s %s %s,%s,%s,Kinh,Không,Việt Nam,Hà Nội,%s,Số %d Tổ %d,HK%s%06d,%s,"
                        "Tổ %d,%s,%s,alive,%s,%s,%s,,,\n",
                        pid, female ? "Trần Thị" : "Nguyễn Văn", given[r % 8], given[(r >> 3) % 8],
                        dob, female ? "F" : "M", communes[c], h + 1, g, communes[c], g * 100 + h,
                        m == 0 ? "Chủ hộ" : "Con", g, tc, ta, mob, old, card);
                    (*rows)++;
                }
            }
    return csv;
}

/* A new database with the units of units_json. */
static fixture *world_new(void) {
    fixture *f = calloc(1, sizeof *f);
    cccd_err err;
    if (f == NULL || testdb_new(f->url, sizeof f->url) != 0 ||
        cccd_store_open(f->url, &f->st, &err) != CCCD_OK ||
        cccd_store_migrate(f->st, NULL, NULL, &err) != CCCD_OK)
        return NULL;
    cccd_units *u = cccd_units_new();
    if (cccd_units_load_json(u, units_json, strlen(units_json), (cccd_date){0}, &err))
        return NULL;
    cccd_store_unit_source src[1] = {{false, {0}, units_json, strlen(units_json)}};
    bool changed = false;
    if (cccd_store_units_import(f->st, src, 1, u, &changed, &err) != CCCD_OK)
        return NULL;
    cccd_units_free(u);
    if (cccd_store_units_load(f->st, &f->u, &err) != CCCD_OK)
        return NULL;
    return f;
}

static int setup(void **state) {
    fixture *f = world_new();
    cccd_err err;
    if (f == NULL)
        return -1;
    char *csv = population(&f->generated);
    FILE *in = fmemopen(csv, strlen(csv), "r");
    cccd_import_opts o = {.as_of = d_0301, .today = d_0301};
    cccd_import_summary s;
    cccd_errc rc = cccd_registry_import(f->st, f->u, in, &o, NULL, NULL, NULL, &s, &err);
    fclose(in);
    free(csv);
    if (rc != CCCD_OK || s.rejected != 0) {
        fprintf(stderr, "import: %s (rejected %llu)\n", err.msg, (unsigned long long)s.rejected);
        return -1;
    }
    /* points, shifts and kits */
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
    snprintf(p.name, sizeof p.name, "Nhà văn hoá Trúc Bạch");
    p.kind = CCCD_POINT_MOBILE;
    snprintf(p.place, sizeof p.place, "Nhà văn hoá tổ 2");
    p.open_from = cccd_date_to_days(d_0301);
    p.open_to = cccd_date_to_days(d_0316);
    if (cccd_store_point_add(f->st, &p, &f->p2, &err) != CCCD_OK)
        return -1;
    snprintf(p.unit_key, sizeof p.unit_key, "001@");
    snprintf(p.name, sizeof p.name, "Tổ cấp tại nhà");
    p.kind = CCCD_POINT_HOME;
    if (cccd_store_point_add(f->st, &p, &f->home, &err) != CCCD_OK)
        return -1;
    const cccd_shift s1[] = {{1, 420, 660}, {2, 780, 1020}, {3, 1320, 1560}};
    for (int i = 0; i < 3; i++)
        if (cccd_store_shift_template_set(f->st, f->p1, &s1[i], &err) != CCCD_OK)
            return -1;
    for (int i = 0; i < 2; i++)
        if (cccd_store_shift_template_set(f->st, f->p2, &s1[i], &err) != CCCD_OK)
            return -1;
    int64_t d0 = cccd_date_to_days(d_0301);
    if (cccd_store_kit_add(f->st, "K1", d0, "001@", &err) ||
        cccd_store_kit_add(f->st, "K2", d0, "001@", &err) ||
        cccd_store_kit_add(f->st, "K3", d0, "001@", &err) ||
        cccd_store_kit_move(f->st, "K1", d0, f->p1, NULL, "", &err) ||
        cccd_store_kit_move(f->st, "K2", d0, f->p1, NULL, "", &err) ||
        cccd_store_kit_move(f->st, "K3", d0, f->p2, NULL, "", &err))
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

typedef struct history {
    cccd_kit_event ev[16];
    size_t n;
    char units[16][CCCD_UNIT_KEY_LEN];
} history;

static void on_history(void *ctx, const cccd_kit_history_row *r) {
    history *h = ctx;
    if (h->n < 16) {
        snprintf(h->units[h->n], CCCD_UNIT_KEY_LEN, "%s", r->unit_key);
        h->ev[h->n++] = r->ev;
    }
}

static void test_kit_history(void **state) {
    fixture *f = *state;
    cccd_err err;
    int64_t d = cccd_date_to_days(d_0310);
    /* held by district 001, sent to point 1, lent to Hoàn Kiếm's commune 00037, broken there */
    assert_int_equal(cccd_store_kit_add(f->st, "K9", d, "001@", &err), CCCD_OK);
    assert_int_equal(cccd_store_kit_add(f->st, "K9", d, "001@", &err), CCCD_E_KIT_EXISTS);
    assert_int_equal(cccd_store_kit_move(f->st, "K9", d + 1, f->p1, NULL, "to Phúc Xá", &err),
                     CCCD_OK);
    assert_int_equal(cccd_store_kit_move(f->st, "K9", d + 5, 0, "00037@", "lent", &err), CCCD_OK);
    assert_int_equal(cccd_store_kit_state(f->st, "K9", d + 7, CCCD_KIT_BROKEN, "screen", &err),
                     CCCD_OK);
    assert_int_equal(cccd_store_kit_move(f->st, "K9", d, 999, NULL, "", &err),
                     CCCD_E_POINT_UNKNOWN);
    assert_int_equal(cccd_store_kit_state(f->st, "K0", d, CCCD_KIT_BROKEN, "", &err),
                     CCCD_E_KIT_UNKNOWN);
    history h = {0};
    assert_int_equal(cccd_store_kit_history(f->st, "K9", on_history, &h, &err), CCCD_OK);
    assert_int_equal(h.n, 5);
    assert_string_equal(h.units[2], "00001@"); /* a move to a point: the point's unit */
    assert_string_equal(h.units[3], "00037@");
    /* where was K9 on each day: the database's answer and the core rule agree */
    struct {
        int64_t day, point;
        const char *unit;
        cccd_kit_state state;
    } want[] = {
        {d - 1, 0, "", CCCD_KIT_WORKING},           {d, 0, "001@", CCCD_KIT_WORKING},
        {d + 1, f->p1, "00001@", CCCD_KIT_WORKING}, {d + 4, f->p1, "00001@", CCCD_KIT_WORKING},
        {d + 5, 0, "00037@", CCCD_KIT_WORKING},     {d + 7, 0, "00037@", CCCD_KIT_BROKEN}};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        int64_t pt;
        char unit[CCCD_UNIT_KEY_LEN];
        cccd_kit_state s;
        assert_int_equal(cccd_store_kit_at(f->st, "K9", want[i].day, &pt, unit, &s, &err), CCCD_OK);
        assert_int_equal(pt, want[i].point);
        assert_string_equal(unit, want[i].unit);
        if (want[i].day >= d)
            assert_int_equal(s, want[i].state);
        cccd_kit_state cs;
        int64_t cpt;
        cccd_kit_on_day(h.ev, h.n, want[i].day, &cs, &cpt);
        assert_int_equal(cpt, pt);
        if (want[i].day >= d)
            assert_int_equal(cs, s);
    }
}

/* The slot of a point on a day with that shift number. */
static const cccd_plan_slot *slot_of(const cccd_plan *p, int64_t point, int64_t day, int no) {
    for (size_t i = 0; i < p->nslots; i++)
        if (p->slots[i].point_id == point && p->slots[i].day == day && p->slots[i].shift.no == no)
            return &p->slots[i];
    return NULL;
}

static void test_capacity(void **state) {
    fixture *f = *state;
    cccd_err err;
    cccd_plan p;
    int64_t d = cccd_date_to_days(d_0310);
    /* K2 breaks on the 12th; point 2 closed on the 11th; an extra morning shift on the 13th */
    assert_int_equal(cccd_store_kit_state(f->st, "K2", d + 2, CCCD_KIT_BROKEN, "", &err), CCCD_OK);
    cccd_shift_override closed = {0, true, 0, 0}, extra = {4, false, 300, 420};
    assert_int_equal(cccd_store_shift_override_set(f->st, f->p2, d + 1, &closed, &err), CCCD_OK);
    assert_int_equal(cccd_store_shift_override_set(f->st, f->p1, d + 3, &extra, &err), CCCD_OK);
    assert_int_equal(cccd_plan_make(f->st, f->u, "001", d_0310, d_0316, true, &p, &err), CCCD_OK);
    /* the night shift crosses midnight: 4 hours, 2 kits × 6 = 48 */
    const cccd_plan_slot *s = slot_of(&p, f->p1, d, 3);
    assert_non_null(s);
    assert_int_equal(s->shift.end_min, 1560);
    assert_int_equal(s->kits, 2);
    assert_int_equal(s->capacity, 48);
    assert_int_equal(s->nwindows, 4);
    /* from the 12th one kit works there */
    s = slot_of(&p, f->p1, d + 2, 1);
    assert_int_equal(s->kits, 1);
    assert_int_equal(s->capacity, 24);
    assert_null(slot_of(&p, f->p2, d + 1, 1));
    assert_non_null(slot_of(&p, f->p2, d + 2, 1));
    s = slot_of(&p, f->p1, d + 3, 4);
    assert_non_null(s);
    assert_int_equal(s->capacity, 12);
    /* the home-visit team has no shifts; the mobile point none after its period */
    for (size_t i = 0; i < p.nslots; i++)
        assert_int_not_equal(p.slots[i].point_id, f->home);
    cccd_plan_free(&p);
    assert_int_equal(cccd_plan_make(f->st, f->u, "001", (cccd_date){2025, 3, 17, CCCD_DATE_DAY},
                                    (cccd_date){2025, 3, 17, CCCD_DATE_DAY}, true, &p, &err),
                     CCCD_OK);
    assert_null(slot_of(&p, f->p2, d + 7, 1));
    assert_non_null(slot_of(&p, f->p1, d + 7, 1));
    cccd_plan_free(&p);
}

/* ---- plans ---- */

typedef struct ids {
    int64_t v[4096];
    size_t n;
} ids;

static bool on_remaining(void *ctx, const cccd_store_record *r) {
    ids *x = ctx;
    if (x->n < 4096)
        x->v[x->n++] = strtoll(r->v[CCCD_CF_PERSONAL_ID], NULL, 10);
    return true;
}

static int cmp64(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Who still needs a card in district 001 on the plan's first day, sorted. */
static void remaining_of(fixture *f, cccd_date at, ids *out) {
    cccd_err err;
    cccd_unit_keys keys;
    char next[CCCD_CURSOR_MAX];
    bool more;
    out->n = 0;
    assert_int_equal(cccd_unit_keys_get(f->u, "001", at, &keys, &err), CCCD_OK);
    assert_int_equal(cccd_remaining_page(f->st, &keys, cccd_date_to_days(at), NULL, 4096,
                                         on_remaining, out, next, &more, &err),
                     CCCD_OK);
    cccd_unit_keys_free(&keys);
    qsort(out->v, out->n, sizeof *out->v, cmp64);
}

/* The checks every plan must pass, against the stored tickets. */
static void check_plan(fixture *f, const cccd_plan *p, cccd_date at, cccd_ticket **tickets,
                       size_t *nt) {
    cccd_err err;
    ids rem, seen = {.n = 0};
    remaining_of(f, at, &rem);
    assert_int_equal(p->remaining, (int64_t)rem.n);
    assert_int_equal(p->referred_in, 0);
    assert_int_equal(p->home_visits + p->referred + p->untraced + p->ticketed + p->elsewhere +
                         p->unplanned,
                     p->remaining);
    assert_int_equal((int64_t)p->nuntraced, p->untraced);
    assert_int_equal(cccd_tickets_of_unit(f->st, f->u, "001", at, tickets, nt, &err), CCCD_OK);
    assert_int_equal((int64_t)*nt, p->ticketed + p->elsewhere);
    for (size_t i = 0; i < *nt; i++)
        seen.v[seen.n++] = (*tickets)[i].personal_id;
    for (size_t i = 0; i < p->nhome; i++)
        seen.v[seen.n++] = strtoll(p->home[i].personal_id, NULL, 10);
    for (size_t i = 0; i < p->nreferrals; i++) {
        seen.v[seen.n++] = strtoll(p->referrals[i].personal_id, NULL, 10);
        assert_string_equal(p->referrals[i].unit->code, "00037");
    }
    for (int64_t i = 0; i < p->unplanned; i++)
        seen.v[seen.n++] = strtoll(p->unplanned_ids[i], NULL, 10);
    for (size_t i = 0; i < p->nuntraced; i++) {
        int64_t id = strtoll(p->untraced_list[i].personal_id, NULL, 10);
        seen.v[seen.n++] = id;
        for (size_t k = 0; k < *nt; k++) /* never ticketed */
            assert_int_not_equal((*tickets)[k].personal_id, id);
    }
    /* exactly once each: the same sorted list */
    qsort(seen.v, seen.n, sizeof *seen.v, cmp64);
    assert_int_equal(seen.n, rem.n);
    for (size_t i = 0; i < rem.n; i++)
        assert_int_equal(seen.v[i], rem.v[i]);
    /* no window over capacity: count the stored tickets in each */
    for (size_t si = 0; si < p->nslots; si++) {
        const cccd_plan_slot *s = &p->slots[si];
        int64_t in_slot = 0;
        for (size_t w = s->window0; w < s->window0 + s->nwindows; w++) {
            int64_t c = 0;
            for (size_t i = 0; i < *nt; i++)
                c += (*tickets)[i].point_id == s->point_id && (*tickets)[i].day == s->day &&
                     (*tickets)[i].shift_no == s->shift.no &&
                     (*tickets)[i].window_start == p->windows[w].w.start_min;
            assert_true(c <= p->windows[w].w.capacity);
            assert_int_equal(c, p->windows[w].used);
            in_slot += c;
        }
        assert_true(in_slot <= s->capacity);
    }
}

static void test_plan(void **state) {
    fixture *f = *state;
    cccd_err err;
    cccd_plan p, again;
    cccd_ticket *t = NULL;
    size_t nt = 0;
    /* a week: room for everyone; a dry run first, which must plan exactly the same */
    assert_int_equal(cccd_plan_make(f->st, f->u, "001", d_0310, d_0316, true, &again, &err),
                     CCCD_OK);
    assert_int_equal(cccd_plan_make(f->st, f->u, "001", d_0310, d_0316, false, &p, &err), CCCD_OK);
    json_t *dry = cccd_plan_json(&again), *real = cccd_plan_json(&p);
    assert_true(json_equal(dry, real));
    json_decref(dry);
    json_decref(real);
    cccd_plan_free(&again);
    assert_true(p.remaining > 200);
    assert_true(p.home_visits > 0);
    assert_true(p.referred > 0);
    assert_true(p.untraced > 0);
    assert_int_equal(p.unplanned, 0);
    assert_int_equal(p.created, p.ticketed);
    assert_true(p.by_ease[0] > 0 && p.by_ease[1] > 0 && p.by_ease[2] > 0 && p.by_ease[3] > 0);
    check_plan(f, &p, d_0310, &t, &nt);
    /* a group of one ease class that fits in a shift is in one shift; the point's own
     * commune first: 00001's people at point 1, 00004's at point 2 (00007 has none) */
    int64_t smallest = INT64_MAX;
    for (size_t i = 0; i < p.nslots; i++)
        smallest = p.slots[i].capacity < smallest ? p.slots[i].capacity : smallest;
    char(*grp)[64] = calloc(nt + 1, sizeof *grp);
    for (size_t i = 0; i < nt; i++) {
        cccd_store_record r;
        bool found;
        char id[13];
        snprintf(id, sizeof id, "%012lld", (long long)t[i].personal_id);
        assert_int_equal(cccd_store_citizen_get(f->st, id, &r, &found, &err), CCCD_OK);
        assert_true(found);
        snprintf(grp[i], sizeof grp[i], "%s", r.v[CCCD_CF_RESIDENTIAL_GROUP]);
        cccd_store_record_free(&r);
        if (strncmp(t[i].home_key, "00001", 5) == 0)
            assert_int_equal(t[i].point_id, f->p1);
        if (strncmp(t[i].home_key, "00004", 5) == 0)
            assert_int_equal(t[i].point_id, f->p2);
    }
    size_t together = 0;
    for (size_t i = 0; i < nt; i++) {
        int64_t n = 0;
        bool one_shift = true;
        for (size_t j = 0; j < nt; j++)
            if (t[j].ease == t[i].ease && strcmp(t[j].home_key, t[i].home_key) == 0 &&
                strcmp(grp[j], grp[i]) == 0) {
                n++;
                one_shift &= t[j].point_id == t[i].point_id && t[j].day == t[i].day &&
                             t[j].shift_no == t[i].shift_no;
            }
        if (n <= smallest) {
            assert_true(one_shift);
            together++;
        }
    }
    assert_true(together > 0);
    free(grp);
    free(t);
    /* the same plan again: everything kept, nothing new */
    assert_int_equal(cccd_plan_make(f->st, f->u, "001", d_0310, d_0316, false, &again, &err),
                     CCCD_OK);
    assert_int_equal(again.kept, p.ticketed);
    assert_int_equal(again.moved + again.created, 0);
    json_t *a = cccd_plan_json(&p), *b = cccd_plan_json(&again);
    assert_true(json_equal(json_object_get(a, "shifts"), json_object_get(b, "shifts")));
    json_decref(a);
    json_decref(b);
    cccd_plan_free(&again);
    cccd_plan_free(&p);
}

static void test_unplanned(void **state) {
    fixture *f = *state;
    cccd_err err;
    cccd_plan p;
    cccd_ticket *t = NULL;
    size_t nt = 0;
    /* one day is not enough: the rest is unplanned, and no shift takes more than it can */
    assert_int_equal(cccd_plan_make(f->st, f->u, "001", d_0310, d_0310, false, &p, &err), CCCD_OK);
    assert_true(p.unplanned > 0);
    int64_t cap = 0;
    for (size_t i = 0; i < p.nslots; i++)
        cap += p.slots[i].capacity;
    assert_int_equal(p.ticketed, cap);
    check_plan(f, &p, d_0310, &t, &nt);
    /* the easiest first: nobody of a harder class is ticketed while an easier one waits */
    int worst_ticketed = 0;
    for (size_t i = 0; i < nt; i++)
        worst_ticketed = t[i].ease > worst_ticketed ? t[i].ease : worst_ticketed;
    assert_true(p.by_ease[3] == 0 || worst_ticketed == 3);
    assert_int_equal(p.by_ease[3], 0);
    free(t);
    cccd_plan_free(&p);
    /* a range backwards, or too long, is refused */
    assert_int_equal(cccd_plan_make(f->st, f->u, "001", d_0316, d_0310, true, &p, &err),
                     CCCD_E_DATE_RANGE);
    cccd_plan_free(&p);
    assert_int_equal(cccd_plan_make(f->st, f->u, "001", d_0310,
                                    (cccd_date){2026, 6, 1, CCCD_DATE_DAY}, true, &p, &err),
                     CCCD_E_DATE_RANGE);
    cccd_plan_free(&p);
}

static const cccd_ticket *ticket_of(const cccd_ticket *t, size_t n, int64_t id) {
    for (size_t i = 0; i < n; i++)
        if (t[i].personal_id == id)
            return &t[i];
    return NULL;
}

static void test_replan_after_breakdown(void **state) {
    fixture *f = *state;
    cccd_err err;
    cccd_plan p, q;
    cccd_ticket *before = NULL, *after = NULL;
    size_t nb = 0, na = 0;
    int64_t d = cccd_date_to_days(d_0310);
    assert_int_equal(cccd_plan_make(f->st, f->u, "001", d_0310, d_0316, false, &p, &err), CCCD_OK);
    check_plan(f, &p, d_0310, &before, &nb);
    /* K1 breaks on the first day: point 1 serves 6 an hour instead of 12 */
    assert_int_equal(cccd_store_kit_state(f->st, "K1", d, CCCD_KIT_BROKEN, "", &err), CCCD_OK);
    assert_int_equal(cccd_plan_make(f->st, f->u, "001", d_0310, d_0316, false, &q, &err), CCCD_OK);
    check_plan(f, &q, d_0310, &after, &na);
    assert_true(q.moved > 0);
    assert_int_equal(q.created, 0);
    assert_int_equal(q.unplanned, 0);
    assert_int_equal(q.kept + q.moved, p.ticketed);
    assert_int_equal((int64_t)q.nmoves, q.moved);
    /* each move left a window of point 1 that had more than 6; nothing else changed */
    for (size_t i = 0; i < nb; i++) {
        const cccd_ticket *o = &before[i], *n = ticket_of(after, na, o->personal_id);
        assert_non_null(n);
        assert_string_equal(o->ticket, n->ticket); /* a moved ticket keeps its number */
        bool moved = n->point_id != o->point_id || n->day != o->day || n->shift_no != o->shift_no ||
                     n->window_start != o->window_start;
        bool listed = false;
        for (size_t m = 0; m < q.nmoves; m++)
            listed |= strcmp(q.moves[m].ticket, o->ticket) == 0;
        assert_int_equal(moved, listed);
        if (!moved)
            continue;
        assert_int_equal(o->point_id, f->p1);
        int64_t in_window = 0;
        for (size_t j = 0; j < nb; j++)
            in_window += before[j].point_id == o->point_id && before[j].day == o->day &&
                         before[j].shift_no == o->shift_no &&
                         before[j].window_start == o->window_start;
        assert_true(in_window > 6);
    }
    /* per window of point 1: exactly the excess moved */
    for (size_t i = 0; i < nb; i++) {
        if (before[i].point_id != f->p1)
            continue;
        int64_t was = 0, stayed = 0;
        for (size_t j = 0; j < nb; j++)
            if (before[j].point_id == f->p1 && before[j].day == before[i].day &&
                before[j].shift_no == before[i].shift_no &&
                before[j].window_start == before[i].window_start) {
                was++;
                const cccd_ticket *n = ticket_of(after, na, before[j].personal_id);
                stayed += n->point_id == before[j].point_id && n->day == before[j].day &&
                          n->shift_no == before[j].shift_no &&
                          n->window_start == before[j].window_start;
            }
        assert_int_equal(stayed, was > 6 ? 6 : was);
    }
    free(before);
    free(after);
    cccd_plan_free(&p);
    cccd_plan_free(&q);
}

static void test_replan_day_closed(void **state) {
    fixture *f = *state;
    cccd_err err;
    cccd_plan p, q, later;
    cccd_ticket *before = NULL, *after = NULL;
    size_t nb = 0, na = 0;
    int64_t d = cccd_date_to_days(d_0310);
    assert_int_equal(cccd_plan_make(f->st, f->u, "001", d_0310, d_0316, false, &p, &err), CCCD_OK);
    check_plan(f, &p, d_0310, &before, &nb);
    /* the mobile point does not serve on the first day after all */
    cccd_shift_override closed = {0, true, 0, 0};
    assert_int_equal(cccd_store_shift_override_set(f->st, f->p2, d, &closed, &err), CCCD_OK);
    assert_int_equal(cccd_plan_make(f->st, f->u, "001", d_0310, d_0316, false, &q, &err), CCCD_OK);
    check_plan(f, &q, d_0310, &after, &na);
    int64_t on_that_day = 0;
    for (size_t i = 0; i < nb; i++) {
        const cccd_ticket *o = &before[i], *n = ticket_of(after, na, o->personal_id);
        bool closed_day = o->point_id == f->p2 && o->day == d;
        on_that_day += closed_day;
        assert_non_null(n);
        if (closed_day)
            assert_false(n->point_id == f->p2 && n->day == d);
        else
            assert_true(n->point_id == o->point_id && n->day == o->day &&
                        n->shift_no == o->shift_no && n->window_start == o->window_start);
    }
    assert_true(on_that_day > 0);
    assert_int_equal(q.moved, on_that_day);
    /* a plan of the next week finds everyone ticketed already: kept where they are */
    assert_int_equal(cccd_plan_make(f->st, f->u, "001", (cccd_date){2025, 3, 17, CCCD_DATE_DAY},
                                    (cccd_date){2025, 3, 23, CCCD_DATE_DAY}, false, &later, &err),
                     CCCD_OK);
    assert_int_equal(later.elsewhere, q.ticketed);
    assert_int_equal(later.ticketed + later.unplanned, 0);
    free(before);
    free(after);
    cccd_plan_free(&p);
    cccd_plan_free(&q);
    cccd_plan_free(&later);
}

/* An immobile person living elsewhere is visited where they live: on the home-visit list of
 * the commune of their temporary residence (referred in there), referred out at home. */
static void test_immobile_referral(void **state) {
    fixture *f = *state;
    cccd_err err;
    cccd_plan home, there;
    assert_int_equal(cccd_plan_make(f->st, f->u, "001", d_0310, d_0316, true, &home, &err),
                     CCCD_OK);
    assert_int_equal(cccd_plan_make(f->st, f->u, "00037", d_0310, d_0316, true, &there, &err),
                     CCCD_OK);
    assert_int_equal(there.remaining, 0);
    assert_int_equal(there.referred_in, home.referred);
    size_t visited = 0;
    for (size_t i = 0; i < home.nreferrals; i++) {
        const cccd_plan_person *r = &home.referrals[i];
        bool at_home_there = false;
        for (size_t j = 0; j < there.nhome; j++)
            if (strcmp(there.home[j].personal_id, r->personal_id) == 0) {
                at_home_there = true;
                assert_true(there.home[j].temporary);
                assert_string_equal(there.home[j].unit->code, "00037");
                assert_string_equal(there.home[j].address, r->address);
                assert_string_equal(there.home[j].registered->code, r->registered->code);
            }
        assert_int_equal(r->state == CCCD_REFERRAL_HOME_VISIT, at_home_there);
        visited += at_home_there;
    }
    assert_true(visited > 0);
    assert_int_equal((int64_t)visited, there.home_visits);
    /* the others have no point there: unplanned */
    assert_int_equal(there.unplanned + there.home_visits, there.referred_in);
    cccd_plan_free(&home);
    cccd_plan_free(&there);
}

/* ---- the synthetic population of province 01 (service/synth.h) ---- */

static int setup_synth(void **state) {
    fixture *f = world_new();
    cccd_err err;
    if (f == NULL)
        return -1;
    char *csv = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&csv, &len);
    cccd_synth_config cfg = {f->u, "01", 4000, 5, d_0301, 0.0};
    if (cccd_synth_write_csv(&cfg, out, NULL, NULL, NULL, &err) != CCCD_OK) {
        fprintf(stderr, "synth: %s\n", err.msg);
        return -1;
    }
    fclose(out);
    FILE *in = fmemopen(csv, len, "r");
    cccd_import_opts o = {.as_of = d_0301, .today = d_0301};
    cccd_import_summary s;
    cccd_errc rc = cccd_registry_import(f->st, f->u, in, &o, NULL, NULL, NULL, &s, &err);
    fclose(in);
    free(csv);
    if (rc != CCCD_OK || s.rejected != 0) {
        fprintf(stderr, "import: %s (rejected %llu)\n", err.msg, (unsigned long long)s.rejected);
        return -1;
    }
    /* a fixed point in each commune: two 4-hour shifts, one kit (24 a shift) */
    static const char *const communes[] = {"00001", "00004", "00007", "00037"};
    const cccd_shift sh[] = {{1, 420, 660}, {2, 780, 1020}};
    int64_t d0 = cccd_date_to_days(d_0301);
    for (int i = 0; i < 4; i++) {
        cccd_point p = {.kind = CCCD_POINT_FIXED,
                        .open_from = INT64_MIN,
                        .open_to = INT64_MAX,
                        .people_per_kit_hour = CCCD_PEOPLE_PER_KIT_HOUR_DEFAULT};
        snprintf(p.unit_key, sizeof p.unit_key, "%s@", communes[i]);
        snprintf(p.name, sizeof p.name, "Công an %s", communes[i]);
        snprintf(p.address, sizeof p.address, "Trụ sở %s", communes[i]);
        char kit[16];
        snprintf(kit, sizeof kit, "S%d", i);
        if (cccd_store_point_add(f->st, &p, &f->sp[i], &err) != CCCD_OK ||
            cccd_store_shift_template_set(f->st, f->sp[i], &sh[0], &err) != CCCD_OK ||
            cccd_store_shift_template_set(f->st, f->sp[i], &sh[1], &err) != CCCD_OK ||
            cccd_store_kit_add(f->st, kit, d0, "01@", &err) != CCCD_OK ||
            cccd_store_kit_move(f->st, kit, d0, f->sp[i], NULL, "", &err) != CCCD_OK)
            return -1;
    }
    *state = f;
    return 0;
}

/* People who need a card on `at`, registered in unit `code`: their IDs, and their records'
 * permanent and temporary communes and residential groups. */
typedef struct folk {
    size_t n;
    int64_t id[4096];
    char perm[4096][6], temp[4096][6], group[4096][48];
    bool immobile[4096];
} folk;

static bool on_folk(void *ctx, const cccd_store_record *r) {
    folk *x = ctx;
    if (x->n < 4096) {
        x->id[x->n] = strtoll(r->v[CCCD_CF_PERSONAL_ID], NULL, 10);
        snprintf(x->perm[x->n], 6, "%s", r->v[CCCD_CF_PERMANENT_COMMUNE]);
        snprintf(x->temp[x->n], 6, "%s", r->v[CCCD_CF_TEMPORARY_COMMUNE]);
        snprintf(x->group[x->n], 48, "%s", r->v[CCCD_CF_RESIDENTIAL_GROUP]);
        x->immobile[x->n] = strcmp(r->v[CCCD_CF_MOBILITY], "immobile") == 0;
        x->n++;
    }
    return true;
}

static void folk_of(fixture *f, const char *code, cccd_date at, folk *out) {
    cccd_err err;
    cccd_unit_keys keys;
    char next[CCCD_CURSOR_MAX];
    bool more;
    out->n = 0;
    assert_int_equal(cccd_unit_keys_get(f->u, code, at, &keys, &err), CCCD_OK);
    assert_int_equal(cccd_remaining_page(f->st, &keys, cccd_date_to_days(at), NULL, 4096, on_folk,
                                         out, next, &more, &err),
                     CCCD_OK);
    assert_false(more);
    cccd_unit_keys_free(&keys);
}

typedef struct tlist {
    cccd_ticket v[4096];
    size_t n;
} tlist;

static void on_tl(void *ctx, const cccd_ticket *t) {
    tlist *l = ctx;
    if (l->n < 4096) {
        l->v[l->n] = *t;
        l->v[l->n++].residential_group = NULL;
    }
}

static bool in_district(const char *c) {
    return strcmp(c, "00001") == 0 || strcmp(c, "00004") == 0 || strcmp(c, "00007") == 0;
}

static void test_synth_district(void **state) {
    fixture *f = *state;
    cccd_err err;
    cccd_plan p;
    folk *own = calloc(1, sizeof *own), *other = calloc(1, sizeof *other);
    tlist *tl = calloc(1, sizeof *tl);
    ids want = {.n = 0}, seen = {.n = 0};
    folk_of(f, "001", d_0310, own);
    folk_of(f, "002", d_0310, other);
    for (size_t i = 0; i < own->n; i++)
        want.v[want.n++] = own->id[i];
    int64_t in = 0;
    for (size_t i = 0; i < other->n; i++)
        if (in_district(other->temp[i])) {
            want.v[want.n++] = other->id[i];
            in++;
        }
    assert_int_equal(cccd_plan_make(f->st, f->u, "001", d_0310, d_0316, false, &p, &err), CCCD_OK);
    assert_int_equal(p.remaining, (int64_t)own->n);
    assert_int_equal(p.referred_in, in);
    assert_true(in > 0 && p.untraced > 0 && p.referred > 0 && p.home_visits > 0);
    assert_int_equal(p.unplanned, 0);
    assert_int_equal(p.home_visits + p.referred + p.untraced + p.ticketed + p.elsewhere +
                         p.unplanned,
                     p.remaining + p.referred_in);
    /* the tickets at the district's points */
    for (int i = 0; i < 3; i++)
        assert_int_equal(cccd_store_tickets_at(f->st, f->sp[i], cccd_date_to_days(d_0310),
                                               cccd_date_to_days(d_0316), on_tl, tl, &err),
                         CCCD_OK);
    assert_int_equal((int64_t)tl->n, p.ticketed);
    /* the unit's ticket list has them all: its residents' and those referred in */
    cccd_ticket *all = NULL;
    size_t nall = 0;
    assert_int_equal(cccd_tickets_of_unit(f->st, f->u, "001", d_0310, &all, &nall, &err), CCCD_OK);
    assert_int_equal((int64_t)nall, p.ticketed);
    free(all);
    for (size_t i = 0; i < tl->n; i++)
        seen.v[seen.n++] = tl->v[i].personal_id;
    for (size_t i = 0; i < p.nhome; i++)
        seen.v[seen.n++] = strtoll(p.home[i].personal_id, NULL, 10);
    for (size_t i = 0; i < p.nreferrals; i++) {
        seen.v[seen.n++] = strtoll(p.referrals[i].personal_id, NULL, 10);
        assert_false(in_district(p.referrals[i].unit->code)); /* out of the district only */
    }
    for (size_t i = 0; i < p.nuntraced; i++) {
        int64_t id = strtoll(p.untraced_list[i].personal_id, NULL, 10);
        seen.v[seen.n++] = id;
        bool found;
        cccd_ticket t;
        assert_int_equal(cccd_store_ticket_get(f->st, id, &t, &found, &err), CCCD_OK);
        assert_false(found); /* never ticketed */
    }
    for (int64_t i = 0; i < p.unplanned; i++)
        seen.v[seen.n++] = strtoll(p.unplanned_ids[i], NULL, 10);
    /* each exactly once: residents and those referred in */
    qsort(want.v, want.n, sizeof *want.v, cmp64);
    qsort(seen.v, seen.n, sizeof *seen.v, cmp64);
    assert_int_equal(seen.n, want.n);
    for (size_t i = 0; i < want.n; i++)
        assert_int_equal(seen.v[i], want.v[i]);
    /* no window over capacity */
    for (size_t w = 0; w < p.nwindows; w++)
        assert_true(p.windows[w].used <= p.windows[w].w.capacity);
    for (size_t si = 0; si < p.nslots; si++) {
        const cccd_plan_slot *s = &p.slots[si];
        int64_t c = 0;
        for (size_t i = 0; i < tl->n; i++)
            c += tl->v[i].point_id == s->point_id && tl->v[i].day == s->day &&
                 tl->v[i].shift_no == s->shift.no;
        assert_int_equal(c, s->used);
        assert_true(c <= s->capacity);
    }
    /* batches (an ease class of a residential group; of those living in another commune of the
     * district, per commune they live in) that fit a shift are in one shift, at the points of
     * the commune they live in */
    char(*batch)[64] = calloc(tl->n + 1, sizeof *batch);
    const char *communes[] = {"00001", "00004", "00007"};
    for (size_t i = 0; i < tl->n; i++) {
        const folk *x = own;
        size_t k = 0;
        while (k < own->n && own->id[k] != tl->v[i].personal_id)
            k++;
        if (k == own->n)
            for (x = other, k = 0; k < other->n && other->id[k] != tl->v[i].personal_id;)
                k++;
        assert_true(k < x->n);
        bool away = x->temp[k][0] && strcmp(x->temp[k], x->perm[k]) != 0;
        const char *lives = away ? x->temp[k] : x->perm[k];
        assert_true(in_district(lives));
        if (away)
            snprintf(batch[i], sizeof batch[i], "%d T %s", tl->v[i].ease, x->temp[k]);
        else
            snprintf(batch[i], sizeof batch[i], "%d %s %s", tl->v[i].ease, x->perm[k], x->group[k]);
        for (int c = 0; c < 3; c++)
            if (strcmp(lives, communes[c]) == 0)
                assert_int_equal(tl->v[i].point_id, f->sp[c]);
    }
    int64_t smallest = INT64_MAX;
    for (size_t i = 0; i < p.nslots; i++)
        smallest = p.slots[i].capacity < smallest ? p.slots[i].capacity : smallest;
    size_t together = 0;
    for (size_t i = 0; i < tl->n; i++) {
        int64_t n = 0;
        bool one_shift = true;
        for (size_t j = 0; j < tl->n; j++)
            if (strcmp(batch[i], batch[j]) == 0) {
                n++;
                one_shift &= tl->v[j].point_id == tl->v[i].point_id &&
                             tl->v[j].day == tl->v[i].day && tl->v[j].shift_no == tl->v[i].shift_no;
            }
        if (n <= smallest) {
            assert_true(one_shift);
            together++;
        }
    }
    assert_true(together > 0);
    free(batch);
    /* the JSON says the same */
    json_t *o = cccd_plan_json(&p);
    assert_int_equal(json_integer_value(json_object_get(o, "untraced")), p.untraced);
    assert_int_equal(json_integer_value(json_object_get(o, "referred_in")), p.referred_in);
    assert_int_equal(json_array_size(json_object_get(o, "untraced_list")), p.nuntraced);
    json_decref(o);
    cccd_plan_free(&p);
    free(own);
    free(other);
    free(tl);
}

static const cccd_plan_person *referral_of(const cccd_plan *p, int64_t id) {
    char pid[13];
    snprintf(pid, sizeof pid, "%012lld", (long long)id);
    for (size_t i = 0; i < p->nreferrals; i++)
        if (strcmp(p->referrals[i].personal_id, pid) == 0)
            return &p->referrals[i];
    return NULL;
}

static void test_referral_both_ends(void **state) {
    fixture *f = *state;
    cccd_err err;
    cccd_plan a, b;
    folk *own = calloc(1, sizeof *own);
    folk_of(f, "00001", d_0310, own);
    /* P: registered in 00001, living in 00004; Q: registered in 00001, living outside 00004 */
    int64_t pid = 0, qid = 0;
    for (size_t i = 0; i < own->n; i++) {
        if (!pid && strcmp(own->temp[i], "00004") == 0 && !own->immobile[i])
            pid = own->id[i];
        if (!qid && own->temp[i][0] && strcmp(own->temp[i], "00004") != 0 && !own->immobile[i])
            qid = own->id[i];
    }
    assert_true(pid && qid);
    /* 00004's plan tickets P at its point */
    assert_int_equal(cccd_plan_make(f->st, f->u, "00004", d_0310, d_0316, false, &b, &err),
                     CCCD_OK);
    assert_true(b.referred_in > 0);
    cccd_ticket tp, now;
    bool found;
    assert_int_equal(cccd_store_ticket_get(f->st, pid, &tp, &found, &err), CCCD_OK);
    assert_true(found);
    assert_int_equal(tp.point_id, f->sp[1]);
    assert_string_equal(tp.home_key, "00001@");
    cccd_plan_free(&b);
    /* a stale ticket of Q at 00001's own point (handed out before Q moved away) */
    cccd_ticket tq = {.ticket = "00001-0009999",
                      .plan_unit = "00001@",
                      .seq = 9999,
                      .personal_id = qid,
                      .home_key = "00001@",
                      .point_id = f->sp[0],
                      .day = cccd_date_to_days(d_0310),
                      .shift_no = 1,
                      .window_start = 420,
                      .window_end = 480};
    assert_int_equal(cccd_store_ticket_put(f->st, &tq, &err), CCCD_OK);
    /* 00001's plan: P referred out with 00004's ticket, kept; Q's ticket here withdrawn */
    for (int run = 0; run < 2; run++) {
        assert_int_equal(cccd_plan_make(f->st, f->u, "00001", d_0310, d_0316, false, &a, &err),
                         CCCD_OK);
        const cccd_plan_person *r = referral_of(&a, pid);
        assert_non_null(r);
        assert_string_equal(r->unit->code, "00004");
        assert_int_equal(r->state, CCCD_REFERRAL_TICKETED);
        assert_string_equal(r->ticket, tp.ticket);
        assert_int_equal(r->ticket_point, f->sp[1]);
        assert_int_equal(r->ticket_day, tp.day);
        assert_int_equal(r->ticket_start, tp.window_start);
        r = referral_of(&a, qid);
        assert_non_null(r);
        assert_int_not_equal(r->state, CCCD_REFERRAL_TICKETED);
        assert_int_equal(a.withdrawn, run == 0 ? 1 : 0);
        assert_int_equal(a.home_visits + a.referred + a.untraced + a.ticketed + a.elsewhere +
                             a.unplanned,
                         a.remaining + a.referred_in);
        cccd_plan_free(&a);
        assert_int_equal(cccd_store_ticket_get(f->st, pid, &now, &found, &err), CCCD_OK);
        assert_true(found);
        assert_string_equal(now.ticket, tp.ticket);
        assert_int_equal(now.point_id, tp.point_id);
        assert_int_equal(now.day, tp.day);
        assert_int_equal(cccd_store_ticket_get(f->st, qid, &now, &found, &err), CCCD_OK);
        assert_false(found);
    }
    /* 00004 again: P's ticket kept as it is */
    assert_int_equal(cccd_plan_make(f->st, f->u, "00004", d_0310, d_0316, false, &b, &err),
                     CCCD_OK);
    assert_int_equal(b.created + b.moved, 0);
    assert_int_equal(cccd_store_ticket_get(f->st, pid, &now, &found, &err), CCCD_OK);
    assert_true(found && now.point_id == tp.point_id && now.day == tp.day &&
                now.window_start == tp.window_start);
    cccd_plan_free(&b);
    free(own);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_kit_history, setup, teardown),
        cmocka_unit_test_setup_teardown(test_capacity, setup, teardown),
        cmocka_unit_test_setup_teardown(test_plan, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unplanned, setup, teardown),
        cmocka_unit_test_setup_teardown(test_replan_after_breakdown, setup, teardown),
        cmocka_unit_test_setup_teardown(test_replan_day_closed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_immobile_referral, setup, teardown),
        cmocka_unit_test_setup_teardown(test_synth_district, setup_synth, teardown),
        cmocka_unit_test_setup_teardown(test_referral_both_ends, setup_synth, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
