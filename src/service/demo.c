/*
 * demo.c: the demonstration database, made through the real services (see demo.h).
 */
#include "service/demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/shift.h"
#include "service/accounts.h"
#include "service/enrollment.h"
#include "service/fingerprint_png.h"
#include "service/incidents.h"
#include "service/jurisdiction.h"
#include "service/outreach.h"
#include "service/production.h"
#include "service/quotas.h"
#include "service/registry_import.h"
#include "service/residents.h"
#include "service/synth.h"
#include "service/synth_fingerprint.h"
#include "service/synth_portrait.h"
#include "store/store.h"
#include "store/store_applications.h"
#include "store/store_batches.h"
#include "store/store_points.h"

#define MAX_SITES 20
#define MAX_KEYS 16 /* registered commune versions a site gathers */

/* A commune in force today with a point, a kit and an officer. */
typedef struct site {
    const cccd_unit *unit;
    char key[CCCD_UNIT_KEY_LEN];
    char officer[32];
    cccd_actor by;
    int64_t point;
    /* the registered versions whose people it serves, and where their remaining list was left */
    char old[MAX_KEYS][CCCD_UNIT_KEY_LEN];
    int nold, at;
    char group[96], household[96], id[16];
} site;

typedef struct demo {
    const cccd_demo_config *c;
    cccd_store *st;
    cccd_units *u;
    cccd_demo_summary *out;
    cccd_actor machine, supervisor, production, commander;
    site sites[MAX_SITES];
    int nsites;
    char province_key[CCCD_UNIT_KEY_LEN]; /* the province in force today: the accounts' unit */
    unsigned char *jpeg, *png[10];
    size_t jlen, plen[10];
} demo;

static int64_t at_time(cccd_date day, int minutes) {
    return cccd_date_to_days(day) * 86400 - CCCD_VN_UTC_OFFSET + (int64_t)minutes * 60;
}

/* ---- set-up ---- */

static cccd_errc load_units(demo *d, cccd_err *err) {
    const cccd_demo_config *c = d->c;
    d->u = cccd_units_new();
    if (d->u == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory");
    cccd_store_unit_source src[2] = {{false, {0}, c->units_json, c->units_len},
                                     {true, c->reform_on, c->reform_json, c->reform_len}};
    bool changed = false;
    cccd_errc rc = cccd_units_load_json(d->u, c->units_json, c->units_len, (cccd_date){0}, err);
    if (rc == CCCD_OK && c->reform_json)
        rc = cccd_units_apply_reform(d->u, c->reform_json, c->reform_len, c->reform_on, err);
    if (rc == CCCD_OK)
        rc = cccd_store_units_import(d->st, src, c->reform_json ? 2 : 1, d->u, &changed, err);
    return rc;
}

static cccd_errc roll_txn(cccd_store *st, void *ctx, cccd_err *err) {
    return cccd_store_coverage_begin(st, *(int64_t *)ctx, err);
}

static cccd_errc population(demo *d, cccd_err *err) {
    const cccd_demo_config *c = d->c;
    FILE *tmp = tmpfile();
    if (tmp == NULL)
        return cccd_err_set(err, CCCD_E_IO, "population", "cannot make a temporary file");
    cccd_synth_config sc = {d->u, c->province, c->population, c->seed, c->as_of, 0.0};
    cccd_import_opts o = {.as_of = c->as_of, .today = c->as_of};
    cccd_import_summary sum;
    cccd_errc rc = cccd_synth_write_csv(&sc, tmp, NULL, NULL, NULL, err);
    if (rc == CCCD_OK) {
        rewind(tmp);
        rc = cccd_registry_import(d->st, d->u, tmp, &o, NULL, NULL, NULL, &sum, err);
    }
    fclose(tmp);
    if (rc != CCCD_OK)
        return rc;
    d->out->residents = sum.inserted;
    /* the coverage counters brought to today (what `cccd registry rollover` does daily) */
    int64_t today = cccd_date_to_days(c->today);
    return cccd_store_transaction(d->st, roll_txn, &today, err);
}

/* The communes of the province today that get a point: the first ones with people. */
static cccd_errc choose_sites(demo *d, cccd_err *err) {
    const cccd_demo_config *c = d->c;
    cccd_err e;
    const cccd_unit *p = cccd_units_lookup(d->u, c->province, CCCD_UNIT_PROVINCE, c->as_of, &e);
    char pkey[CCCD_UNIT_KEY_LEN];
    if (p == NULL)
        return cccd_err_set(err, CCCD_E_UNIT_UNKNOWN, "province", "province %s: %s", c->province,
                            e.msg);
    cccd_store_unit_key(p, pkey);
    const cccd_unit *now = cccd_unit_now(d->u, pkey, c->today);
    if (now == NULL)
        return cccd_err_set(err, CCCD_E_UNIT_NOT_IN_FORCE, "province",
                            "province %s has no successor in force today", c->province);
    snprintf(d->out->province_now, sizeof d->out->province_now, "%s", now->code);
    cccd_store_unit_key(now, d->province_key);
    /* the registered communes of the synthetic province, each brought to the commune that
     * serves it today */
    cccd_unit_keys keys;
    cccd_errc rc = cccd_unit_keys_get(d->u, c->province, c->as_of, &keys, err);
    for (size_t i = 0; rc == CCCD_OK && i < keys.n; i++) {
        const cccd_unit *commune = cccd_unit_now(d->u, keys.v[i], c->today);
        if (commune == NULL)
            continue;
        int s = 0;
        while (s < d->nsites && d->sites[s].unit != commune)
            s++;
        if (s == d->nsites) {
            if (d->nsites == c->points || d->nsites == MAX_SITES)
                continue;
            memset(&d->sites[s], 0, sizeof d->sites[s]);
            d->sites[s].unit = commune;
            cccd_store_unit_key(commune, d->sites[s].key);
            /* officer, officer2, officer3, ... */
            if (s == 0)
                snprintf(d->sites[s].officer, sizeof d->sites[s].officer, "officer");
            else
                snprintf(d->sites[s].officer, sizeof d->sites[s].officer, "officer%d", s + 1);
            d->nsites++;
        }
        site *x = &d->sites[s];
        if (x->nold < MAX_KEYS)
            snprintf(x->old[x->nold++], CCCD_UNIT_KEY_LEN, "%s", keys.v[i]);
    }
    cccd_unit_keys_free(&keys);
    if (rc == CCCD_OK && d->nsites == 0)
        rc = cccd_err_set(err, CCCD_E_UNIT_UNKNOWN, "province", "no commune of %s in force today",
                          d->out->province_now);
    if (rc == CCCD_OK) {
        snprintf(d->out->commune, sizeof d->out->commune, "%s", d->sites[0].unit->code);
        snprintf(d->out->commune_name, sizeof d->out->commune_name, "%s", d->sites[0].unit->name);
    }
    return rc;
}

static cccd_errc account(demo *d, const char *name, const char *role, const char *unit,
                         cccd_err *err) {
    cccd_demo_summary *o = d->out;
    if (o->naccounts < (int)(sizeof o->accounts / sizeof o->accounts[0]))
        snprintf(o->accounts[o->naccounts++], sizeof o->accounts[0], "%s %s %s", name, role, unit);
    return cccd_accounts_add(d->st, d->u, d->c->today, &d->machine, name, role, unit,
                             d->c->password, NULL, NULL, err);
}

static cccd_errc accounts(demo *d, cccd_err *err) {
    const char *prov = d->out->province_now;
    cccd_errc rc = account(d, "admin", "admin", "VN", err);
    if (rc == CCCD_OK)
        rc = account(d, "ministry", "commander", "VN", err);
    if (rc == CCCD_OK)
        rc = account(d, "commander", "commander", prov, err);
    if (rc == CCCD_OK)
        rc = account(d, "supervisor", "supervisor", prov, err);
    if (rc == CCCD_OK)
        rc = account(d, "centre", "production", "VN", err);
    if (rc == CCCD_OK)
        rc = account(d, "viewer", "viewer", prov, err);
    for (int s = 0; rc == CCCD_OK && s < d->nsites; s++)
        rc = account(d, d->sites[s].officer, "officer", d->sites[s].unit->code, err);
    return rc;
}

/* A point, its shifts, a kit and its officer in each site, from the first day of history. */
static cccd_errc points(demo *d, cccd_date first, cccd_err *err) {
    int64_t day = cccd_date_to_days(first);
    cccd_errc rc = CCCD_OK;
    for (int s = 0; rc == CCCD_OK && s < d->nsites; s++) {
        site *x = &d->sites[s];
        cccd_point p = {.kind = CCCD_POINT_FIXED,
                        .open_from = INT64_MIN,
                        .open_to = INT64_MAX,
                        .people_per_kit_hour = CCCD_PEOPLE_PER_KIT_HOUR_DEFAULT};
        snprintf(p.unit_key, sizeof p.unit_key, "%s", x->key);
        snprintf(p.name, sizeof p.name, "Công an %.150s", x->unit->name);
        snprintf(p.address, sizeof p.address, "Trụ sở công an, %.150s", x->unit->name);
        const cccd_shift morning = {1, 7 * 60, 11 * 60 + 30},
                         afternoon = {2, 13 * 60 + 30, 17 * 60};
        char serial[32];
        snprintf(serial, sizeof serial, "DEMO-KIT-%02d", s + 1);
        int64_t staff;
        if ((rc = cccd_outreach_point_add(d->st, &d->commander, &p, &x->point, err)) == CCCD_OK &&
            (rc = cccd_outreach_shift_set(d->st, &d->commander, x->point, &morning, err)) ==
                CCCD_OK &&
            (rc = cccd_outreach_shift_set(d->st, &d->commander, x->point, &afternoon, err)) ==
                CCCD_OK &&
            (rc = cccd_outreach_kit_add(d->st, &d->commander, serial, day, x->key, err)) ==
                CCCD_OK &&
            (rc = cccd_outreach_kit_move(d->st, &d->commander, serial, day, x->point, NULL, "demo",
                                         err)) == CCCD_OK)
            rc = cccd_outreach_staff_assign(d->st, &d->commander, x->point, x->officer, day,
                                            INT64_MAX, "demo", &staff, err);
        x->by = (cccd_actor){x->officer, "officer", x->key, "demo"};
    }
    return rc;
}

/* The captures every demo application gets (sealed per application): one portrait, ten
 * prints. */
static cccd_errc captures(demo *d, cccd_err *err) {
    cccd_errc rc = cccd_synth_portrait_jpeg(d->c->seed, &d->jpeg, &d->jlen, err);
    enum { W = 320, H = 400 };
    uint8_t *px = rc == CCCD_OK ? malloc(W * H) : NULL;
    if (rc == CCCD_OK && px == NULL)
        rc = cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory");
    for (int f = 0; rc == CCCD_OK && f < 10; f++) {
        cccd_synth_finger fp =
            cccd_synth_finger_preset(CCCD_SYNTH_FINGER_CLEAR, W, H, d->c->seed + 100 + (unsigned)f);
        if ((rc = cccd_synth_finger_draw(&fp, px, err)) == CCCD_OK)
            rc = cccd_finger_png_encode(px, W, H, W, &d->png[f], &d->plen[f], err);
    }
    free(px);
    return rc;
}

/* ---- a day ---- */

typedef struct id_list {
    int64_t v[512];
    int n;
} id_list;

static void take_id(void *ctx, const cccd_application *a) {
    id_list *l = ctx;
    if (l->n < 512)
        l->v[l->n++] = a->id;
}

typedef struct cursor {
    site *x;
    char pid[13];
    char group[96], household[96];
} cursor;

static bool take_next(void *ctx, const cccd_store_record *r) {
    cursor *c = ctx;
    snprintf(c->pid, sizeof c->pid, "%s", r->v[CCCD_CF_PERSONAL_ID]);
    snprintf(c->group, sizeof c->group, "%s", r->v[CCCD_CF_RESIDENTIAL_GROUP]);
    snprintf(c->household, sizeof c->household, "%s", r->v[CCCD_CF_HOUSEHOLD_ID]);
    return false;
}

/* The site's next person who still needs a card ("" when none is left). */
static cccd_errc next_person(demo *d, site *x, int64_t day, char pid[13], cccd_err *err) {
    pid[0] = '\0';
    while (x->at < x->nold) {
        cursor c = {x, "", "", ""};
        cccd_errc rc = cccd_store_remaining(d->st, x->old[x->at], day, x->id[0] ? x->group : NULL,
                                            x->id[0] ? x->household : NULL, x->id[0] ? x->id : NULL,
                                            1, take_next, &c, err);
        if (rc != CCCD_OK)
            return rc;
        if (c.pid[0]) {
            snprintf(x->group, sizeof x->group, "%s", c.group);
            snprintf(x->household, sizeof x->household, "%s", c.household);
            snprintf(x->id, sizeof x->id, "%s", c.pid);
            snprintf(pid, 13, "%s", c.pid);
            return CCCD_OK;
        }
        x->at++;
        x->id[0] = '\0';
    }
    return CCCD_OK;
}

static cccd_errc seal_add(demo *d, int64_t app, int finger, int64_t now, const cccd_actor *by,
                          cccd_err *err) {
    char aad[64];
    if (finger == 0)
        snprintf(aad, sizeof aad, "application-%lld/portrait", (long long)app);
    else
        snprintf(aad, sizeof aad, "application-%lld/finger-%d", (long long)app, finger);
    unsigned char *sealed = NULL;
    size_t slen = 0;
    cccd_errc rc = cccd_seal(d->c->bio_key, aad, finger ? d->png[finger - 1] : d->jpeg,
                             finger ? d->plen[finger - 1] : d->jlen, &sealed, &slen, err);
    int64_t id;
    cccd_bio b = {.application_id = app,
                  .portrait = finger == 0,
                  .finger = finger,
                  .attempt = 1,
                  .sealed = sealed,
                  .len = slen,
                  .quality = finger == 0 ? -1 : 80};
    if (rc == CCCD_OK)
        rc = cccd_enroll_bio_add(d->st, &b, now, by, &id, err);
    free(sealed);
    return rc;
}

/* How many applications site s opens on day: the sites differ (from 3/4 of per_day at the
 * first to 3/2 at the sixth and after), and Sundays see half as many, so the dashboard has
 * units ahead of and behind their quotas and a weekday pattern for the forecast. */
static int site_per_day(const demo *d, int s, cccd_date day) {
    int n = d->c->per_day * (6 + (s < 6 ? s : 6)) / 8;
    if (cccd_date_weekday(cccd_date_to_days(day)) == 6) /* Sunday */
        n /= 2;
    return n > 0 ? n : 1;
}

/* Opens, captures and submits each site's applications of the day during its shifts. */
static cccd_errc desk_day(demo *d, cccd_date day, cccd_err *err) {
    cccd_errc rc = CCCD_OK;
    for (int s = 0; rc == CCCD_OK && s < d->nsites; s++) {
        site *x = &d->sites[s];
        int n = site_per_day(d, s, day);
        for (int i = 0; rc == CCCD_OK && i < n; i++) {
            /* spread over the morning (7:30-11:00) and afternoon (13:30-16:30) shifts */
            int minute = i < n / 2 ? 7 * 60 + 30 + i * 210 / (n / 2 + 1)
                                   : 13 * 60 + 30 + (i - n / 2) * 180 / (n - n / 2 + 1);
            int64_t now = at_time(day, minute);
            char pid[13], req[40];
            if ((rc = next_person(d, x, cccd_date_to_days(day), pid, err)) != CCCD_OK ||
                pid[0] == '\0')
                break;
            snprintf(req, sizeof req, "demo-%s", pid);
            cccd_enroll_open_req r = {.personal_id = pid, .request_id = req, .point_id = x->point};
            cccd_application a;
            bool created = false;
            cccd_err e;
            if (cccd_enroll_open(d->st, d->u, day, now, &x->by, &r, &a, &created, &e) != CCCD_OK)
                continue; /* refused (a card still valid, ...): the next person */
            for (int f = 0; rc == CCCD_OK && f <= 10; f++)
                rc = seal_add(d, a.id, f, now + 60 + f * 10, &x->by, err);
            if (rc == CCCD_OK)
                rc = cccd_enroll_move(d->st, a.id, CCCD_APP_SUBMITTED, NULL, now + 300, &x->by,
                                      NULL, err);
            d->out->opened += rc == CCCD_OK;
        }
    }
    return rc;
}

/* Every application of the sites in `state` into l. */
static cccd_errc in_state(demo *d, cccd_app_state state, id_list *l, cccd_err *err) {
    l->n = 0;
    cccd_errc rc = CCCD_OK;
    for (int s = 0; rc == CCCD_OK && s < d->nsites; s++)
        rc = cccd_store_app_list(d->st, d->sites[s].key, state, 0, 512, take_id, l, err);
    return rc;
}

typedef struct manifests {
    int64_t id[64];
    int n;
} manifests;

static void take_manifest(void *ctx, const cccd_manifest *m) {
    manifests *l = ctx;
    if (m->received_at == 0 && l->n < 64)
        l->id[l->n++] = m->id;
}

/* The morning: yesterday's submissions decided, cards that arrived confirmed and handed over. */
static cccd_errc morning(demo *d, cccd_date day, cccd_err *err) {
    id_list l;
    cccd_errc rc = in_state(d, CCCD_APP_RECEIVED, &l, err);
    cccd_enroll_step yes = {.citizen_confirmed = true};
    for (int i = 0; rc == CCCD_OK && i < l.n; i++) {
        if (l.v[i] % 5 == 0)
            continue; /* not every holder comes the first day */
        rc = cccd_enroll_move(d->st, l.v[i], CCCD_APP_DELIVERED, &yes, at_time(day, 8 * 60 + i),
                              &d->machine, NULL, err);
        d->out->delivered += rc == CCCD_OK;
    }
    /* the manifests sent yesterday, confirmed by each commune's officer */
    for (int s = 0; rc == CCCD_OK && s < d->nsites; s++) {
        manifests m = {.n = 0};
        rc = cccd_store_unit_manifests(d->st, d->sites[s].key, 0, 64, take_manifest, &m, err);
        for (int i = 0; rc == CCCD_OK && i < m.n; i++)
            rc = cccd_manifest_receive(d->st, m.id[i], at_time(day, 7 * 60 + 30), &d->sites[s].by,
                                       NULL, err);
    }
    if (rc == CCCD_OK)
        rc = in_state(d, CCCD_APP_SUBMITTED, &l, err);
    cccd_enroll_step why = {.reason = "ảnh chân dung mờ, chụp lại"};
    for (int i = 0; rc == CCCD_OK && i < l.n; i++) {
        bool reject = l.v[i] % 25 == 0;
        rc = cccd_enroll_move(d->st, l.v[i], reject ? CCCD_APP_REJECTED : CCCD_APP_APPROVED,
                              reject ? &why : NULL, at_time(day, 9 * 60 + i), &d->supervisor, NULL,
                              err);
        d->out->approved += rc == CCCD_OK && !reject;
    }
    return rc;
}

typedef struct pending {
    int64_t v[4096];
    int n;
} pending;

static bool take_card(void *ctx, const cccd_batch_card *c) {
    pending *p = ctx;
    if (p->n < 4096)
        p->v[p->n++] = c->application_id;
    return p->n < 4096;
}

/* The afternoon at the card centre: each point's approved applications taken into a batch,
 * each card made (recorded with its dates; the demo's history writes no card files), and the
 * batch sent. */
static cccd_errc card_centre(demo *d, cccd_date day, cccd_err *err) {
    cccd_errc rc = CCCD_OK;
    pending *p = calloc(1, sizeof *p);
    if (p == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory");
    for (int s = 0; rc == CCCD_OK && s < d->nsites; s++) {
        cccd_batch b;
        cccd_err e;
        rc = cccd_batch_create(d->st, d->u, d->sites[s].unit->code, day, at_time(day, 14 * 60),
                               &d->production, 0, &b, &e);
        if (rc == CCCD_E_BATCH_STATE) {
            rc = CCCD_OK; /* nothing approved waits there */
            continue;
        }
        if (rc != CCCD_OK) {
            *err = e;
            break;
        }
        d->out->batches++;
        p->n = 0;
        rc = cccd_store_batch_cards(d->st, b.id, true, 0, 4096, take_card, p, err);
        for (int i = 0; rc == CCCD_OK && i < p->n; i++) {
            cccd_application a;
            cccd_store_record r;
            bool found = false, changed = false;
            cccd_date issued, expiry;
            int64_t now = at_time(day, 15 * 60 + i / 10);
            if ((rc = cccd_enroll_get(d->st, p->v[i], &a, err)) != CCCD_OK ||
                (rc = cccd_store_citizen_get(d->st, a.personal_id, &r, &found, err)) != CCCD_OK)
                break;
            rc = cccd_card_dates(cccd_date_or_none(found ? r.v[CCCD_CF_DATE_OF_BIRTH] : NULL), now,
                                 &issued, &expiry, err);
            if (found)
                cccd_store_record_free(&r);
            if (rc == CCCD_OK)
                rc = cccd_batch_card_done(d->st, p->v[i], issued, expiry, "", now, &d->production,
                                          &changed, err);
            d->out->produced += rc == CCCD_OK && changed;
        }
        if (rc == CCCD_OK)
            rc = cccd_batch_dispatch(d->st, b.id, at_time(day, 17 * 60), &d->production, NULL, NULL,
                                     err);
    }
    free(p);
    return rc;
}

/* ---- the commander's picture: quotas, a campaign, incidents, spare kits ---- */

/* The sites' quotas (by hand, due in three weeks): the first (up to three) sites far behind,
 * beyond what one kit and officer make by then; the middle ones on time; the last one already
 * over its quota; the province's is their sum. A campaign over the province from ten days ago;
 * a spare kit held by the province; at the last site a second kit and a reserve officer
 * (what resource advice can move to a site behind); three incidents: one open, one assigned,
 * one closed. Every step through the services, audited as the machine, the commander or the
 * site's officer. */
static cccd_errc commander_picture(demo *d, cccd_err *err) {
    const cccd_demo_config *c = d->c;
    int64_t today = cccd_date_to_days(c->today), now = at_time(c->today, 6 * 60);
    cccd_date deadline = cccd_date_from_days(today + 21);
    cccd_split_in lines[MAX_SITES];
    int64_t sum = 0;
    for (int s = 0; s < d->nsites; s++) {
        snprintf(lines[s].code, sizeof lines[s].code, "%s", d->sites[s].unit->code);
        /* the first (up to three) behind by far: more than their kit and officer can do by the
         * deadline; the middle ones on time; the last one already over its quota */
        int64_t t = (int64_t)c->per_day * (c->days + 21);
        if (s == d->nsites - 1 && s > 0)
            t = (int64_t)c->per_day * c->days / 2;
        else if (s < 3 && s < d->nsites - 1)
            t = t * 5 / 2;
        lines[s].target = t;
        sum += lines[s].target;
    }
    cccd_errc rc = cccd_quota_set(d->st, d->u, d->out->province_now, sum, deadline, c->today, now,
                                  &d->machine, NULL, err);
    /* a two-level tree (after the 2025 reform) splits the province over the communes; a
     * three-level one over the sites' districts first, each then over its communes */
    cccd_split_in mid[MAX_SITES];
    const cccd_unit *mid_unit[MAX_SITES];
    size_t nmid = 0;
    for (int s = 0; s < d->nsites; s++) {
        const cccd_unit *p = d->sites[s].unit->parent;
        if (p == NULL || p->level == CCCD_UNIT_PROVINCE)
            continue;
        size_t k = 0;
        while (k < nmid && mid_unit[k] != p)
            k++;
        if (k == nmid) {
            mid_unit[nmid] = p;
            snprintf(mid[nmid].code, sizeof mid[nmid].code, "%s", p->code);
            mid[nmid++].target = 0;
        }
        mid[k].target += lines[s].target;
    }
    cccd_split split = {0};
    if (rc == CCCD_OK)
        rc = cccd_quota_split(d->st, d->u, d->out->province_now, nmid ? mid : lines,
                              nmid ? nmid : (size_t)d->nsites, c->today, now, &d->commander, &split,
                              err);
    cccd_split_free(&split);
    for (size_t k = 0; rc == CCCD_OK && k < nmid; k++) {
        cccd_split_in mine[MAX_SITES];
        size_t n = 0;
        for (int s = 0; s < d->nsites; s++)
            if (d->sites[s].unit->parent == mid_unit[k])
                mine[n++] = lines[s];
        rc = cccd_quota_split(d->st, d->u, mid[k].code, mine, n, c->today, now, &d->commander,
                              &split, err);
        cccd_split_free(&split);
    }
    if (rc == CCCD_OK)
        rc = cccd_campaign_add(d->st, d->u, "Cao điểm 30 ngày đêm", d->out->province_now,
                               cccd_date_from_days(today - 10), cccd_date_from_days(today + 19),
                               sum / 2, c->today, now, &d->commander, NULL, err);
    char serial[32];
    if (rc == CCCD_OK)
        rc = cccd_outreach_kit_add(d->st, &d->commander, "DEMO-KIT-SPARE", today, d->province_key,
                                   err);
    if (rc == CCCD_OK && d->nsites > 1) {
        site *last = &d->sites[d->nsites - 1];
        snprintf(serial, sizeof serial, "DEMO-KIT-%02d-B", d->nsites);
        if ((rc = cccd_outreach_kit_add(d->st, &d->commander, serial, today, last->key, err)) ==
            CCCD_OK)
            rc = cccd_outreach_kit_move(d->st, &d->commander, serial, today, last->point, NULL,
                                        "demo", err);
        int64_t staff;
        if (rc == CCCD_OK)
            rc = account(d, "reserve", "officer", last->unit->code, err);
        if (rc == CCCD_OK)
            rc = cccd_outreach_staff_assign(d->st, &d->commander, last->point, "reserve", today,
                                            INT64_MAX, "demo: reserve", &staff, err);
    }
    static const struct {
        const char *kind, *note;
        int days_ago, steps; /* 0: open, 1: assigned, 3: closed */
    } incidents[] = {
        {"kit_broken", "Máy đọc vân tay không nhận thiết bị, đã khởi động lại không được", 1, 0},
        {"crowding", "Đông người chờ buổi sáng, cần thêm bàn tiếp nhận", 3, 1},
        {"network_down", "Mất kết nối mạng từ 8:00 đến 9:30", 6, 3},
    };
    for (int i = 0; rc == CCCD_OK && i < 3 && i < d->nsites; i++) {
        site *x = &d->sites[(i + 1) % d->nsites];
        cccd_date on = cccd_date_from_days(today - incidents[i].days_ago);
        cccd_incident inc;
        char place[200];
        snprintf(place, sizeof place, "Công an %.150s", x->unit->name);
        rc = cccd_incident_report(d->st, d->u, x->unit->code, incidents[i].kind, place,
                                  incidents[i].note, on, at_time(on, 9 * 60), &x->by, &inc, err);
        if (rc == CCCD_OK && incidents[i].steps >= 1)
            rc = cccd_incident_step_do(d->st, d->u, inc.id, CCCD_INCIDENT_ASSIGN, "commander", on,
                                       at_time(on, 10 * 60), &d->commander, NULL, err);
        if (rc == CCCD_OK && incidents[i].steps >= 3)
            rc = cccd_incident_step_do(d->st, d->u, inc.id, CCCD_INCIDENT_CLOSE,
                                       "Nhà mạng đã khắc phục", on, at_time(on, 11 * 60),
                                       &d->commander, NULL, err);
    }
    return rc;
}

/* ---- all of it ---- */

static cccd_errc step(cccd_errc rc, const char *what, cccd_err *err) {
    if (rc != CCCD_OK && strncmp(err->msg, what, strlen(what)) != 0) {
        char msg[sizeof err->msg];
        snprintf(msg, sizeof msg, "%s", err->msg);
        snprintf(err->msg, sizeof err->msg, "%.60s: %.190s", what, msg);
    }
    return rc;
}

cccd_errc cccd_demo_build(const cccd_demo_config *c, cccd_demo_progress_fn progress, void *ctx,
                          cccd_demo_summary *out, cccd_err *err) {
    if (c->days < 1 || c->days > 60 || c->per_day < 1 || c->per_day > 500 || c->points < 1 ||
        c->points > MAX_SITES || c->bio_key == NULL || c->password == NULL)
        return cccd_err_set(err, CCCD_E_ARG, "demo",
                            "days 1-60, applications a day 1-500, points 1-20, a key and a "
                            "password are needed");
    memset(out, 0, sizeof *out);
    demo *d = calloc(1, sizeof *d);
    if (d == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory");
    d->c = c;
    d->out = out;
    d->machine = (cccd_actor){"cli:demo", "", "", "local"};
    d->commander = (cccd_actor){"commander", "commander", "", "demo"};
    d->supervisor = (cccd_actor){"supervisor", "supervisor", "", "demo"};
    d->production = (cccd_actor){"centre", "production", "VN", "demo"};
    cccd_date first = cccd_date_from_days(cccd_date_to_days(c->today) - c->days);
#define PROGRESS(what, i, n)                                                                       \
    do {                                                                                           \
        if (progress)                                                                              \
            progress(ctx, what, i, n);                                                             \
    } while (0)
    PROGRESS("database and units", 0, 1);
    cccd_errc rc = cccd_store_open(c->db_url, &d->st, err);
    if (rc == CCCD_OK)
        rc = step(cccd_store_migrate(d->st, NULL, NULL, err), "database", err);
    if (rc == CCCD_OK)
        rc = step(load_units(d, err), "units", err);
    if (rc == CCCD_OK) {
        PROGRESS("synthetic population", 0, 1);
        rc = step(population(d, err), "population", err);
    }
    if (rc == CCCD_OK)
        rc = step(choose_sites(d, err), "communes", err);
    if (rc == CCCD_OK) {
        PROGRESS("accounts", 0, 1);
        rc = step(accounts(d, err), "accounts", err);
    }
    if (rc == CCCD_OK) {
        d->commander.unit = d->province_key;
        d->supervisor.unit = d->province_key;
        rc = step(points(d, first, err), "points", err);
    }
    if (rc == CCCD_OK)
        rc = step(captures(d, err), "captures", err);
    for (int k = 0; rc == CCCD_OK && k < c->days; k++) {
        cccd_date day = cccd_date_from_days(cccd_date_to_days(first) + k);
        PROGRESS("history", k, c->days);
        rc = step(morning(d, day, err), "history (morning)", err);
        if (rc == CCCD_OK)
            rc = step(desk_day(d, day, err), "history (desk)", err);
        if (rc == CCCD_OK)
            rc = step(card_centre(d, day, err), "history (card centre)", err);
    }
    if (rc == CCCD_OK) {
        PROGRESS("quotas and campaign", 0, 1);
        rc = step(commander_picture(d, err), "quotas", err);
    }
#undef PROGRESS
    free(d->jpeg);
    for (int f = 0; f < 10; f++)
        free(d->png[f]);
    cccd_units_free(d->u);
    cccd_store_close(d->st);
    free(d);
    return rc;
}
