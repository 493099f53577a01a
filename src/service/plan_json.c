/*
 * plan_json.c: a plan as JSON (the CLI's --json, later the API), and the tickets of a unit in
 * the order a point works through them (see plan.h).
 */
#include <stdlib.h>
#include <string.h>

#include "core/ease.h"
#include "service/plan.h"
#include "service/residents.h"

static json_t *day_json(int64_t day) {
    char iso[11];
    return json_string(cccd_date_iso(cccd_date_from_days(day), iso));
}

enum { L_HOME, L_REFERRAL, L_UNTRACED };

static const char *const referral_states[] = {"waiting", "ticketed", "home_visit"};

/* A list of people: the home visits, the referrals out (with what the receiving end did) or
 * the untraced. */
static json_t *persons_json(const cccd_plan_person *v, size_t n, int list) {
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) {
        const cccd_plan_person *x = &v[i];
        json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s?,s:s?}", "personal_id", x->personal_id,
                              "full_name", x->full_name, "residential_group", x->residential_group,
                              "household_id", x->household_id, "address", x->address, "commune",
                              x->unit ? x->unit->code : NULL, "registered_commune",
                              x->registered ? x->registered->code : NULL);
        if (list == L_HOME)
            json_object_set_new(o, "temporary", json_boolean(x->temporary));
        if (list == L_REFERRAL) {
            json_object_set_new(o, "status", json_string(referral_states[x->state]));
            if (x->state == CCCD_REFERRAL_TICKETED) {
                char day[11], a1[6], a2[6];
                json_object_set_new(o, "ticket", json_string(x->ticket));
                json_object_set_new(o, "ticket_point", json_integer(x->ticket_point));
                json_object_set_new(
                    o, "ticket_day",
                    json_string(cccd_date_iso(cccd_date_from_days(x->ticket_day), day)));
                json_object_set_new(o, "ticket_time",
                                    json_pack("s++", cccd_minutes_format(x->ticket_start, a1), "-",
                                              cccd_minutes_format(x->ticket_end, a2)));
            }
        }
        json_array_append_new(a, o);
    }
    return a;
}

json_t *cccd_plan_json(const cccd_plan *p) {
    json_t *o = json_pack("{s:s,s:s,s:o,s:o,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I}", "unit",
                          p->unit->code, "name", p->unit->name, "from", day_json(p->from), "to",
                          day_json(p->to), "remaining", (json_int_t)p->remaining, "ticketed",
                          (json_int_t)p->ticketed, "created", (json_int_t)p->created, "kept",
                          (json_int_t)p->kept, "moved", (json_int_t)p->moved, "elsewhere",
                          (json_int_t)p->elsewhere, "withdrawn", (json_int_t)p->withdrawn,
                          "home_visits", (json_int_t)p->home_visits, "referred",
                          (json_int_t)p->referred, "unplanned", (json_int_t)p->unplanned);
    json_t *ease = json_object();
    for (int e = 0; e < CCCD_EASE__COUNT; e++)
        json_object_set_new(ease, cccd_ease_name((cccd_ease)e), json_integer(p->by_ease[e]));
    json_object_set_new(o, "ticketed_by_ease", ease);
    json_object_set_new(o, "referred_in", json_integer(p->referred_in));
    json_object_set_new(o, "untraced", json_integer(p->untraced));
    /* per day and point (slots are by day and time: a day's points interleave) */
    json_t *days = json_array();
    for (size_t i = 0, j; i < p->nslots; i = j) {
        for (j = i; j < p->nslots && p->slots[j].day == p->slots[i].day;)
            j++;
        for (size_t pi = 0; pi < p->npoints; pi++) {
            json_t *shifts = json_array();
            int64_t cap = 0, used = 0;
            for (size_t k = i; k < j; k++) {
                const cccd_plan_slot *s = &p->slots[k];
                if (s->point != pi)
                    continue;
                char t[12];
                json_array_append_new(
                    shifts, json_pack("{s:i,s:s,s:i,s:I,s:I}", "shift", s->shift.no, "time",
                                      cccd_shift_format(s->shift.start_min, s->shift.end_min, t),
                                      "kits", s->kits, "capacity", (json_int_t)s->capacity,
                                      "tickets", (json_int_t)s->used));
                cap += s->capacity;
                used += s->used;
            }
            if (json_array_size(shifts) == 0) {
                json_decref(shifts);
                continue;
            }
            json_array_append_new(days, json_pack("{s:o,s:I,s:s,s:I,s:I,s:o}", "day",
                                                  day_json(p->slots[i].day), "point",
                                                  (json_int_t)p->points[pi].id, "point_name",
                                                  p->points[pi].name, "capacity", (json_int_t)cap,
                                                  "tickets", (json_int_t)used, "shifts", shifts));
        }
    }
    json_object_set_new(o, "shifts", days);
    json_t *moves = json_array();
    for (size_t i = 0; i < p->nmoves; i++) {
        const cccd_plan_move *m = &p->moves[i];
        char a[6], b[6];
        json_t *mo =
            json_pack("{s:s,s:s,s:I,s:o,s:s}", "ticket", m->ticket, "personal_id", m->personal_id,
                      "from_point", (json_int_t)m->from_point, "from_day", day_json(m->from_day),
                      "from_time", cccd_minutes_format(m->from_start, a));
        if (m->to_point) {
            json_object_set_new(mo, "to_point", json_integer(m->to_point));
            json_object_set_new(mo, "to_day", day_json(m->to_day));
            json_object_set_new(mo, "to_time", json_string(cccd_minutes_format(m->to_start, b)));
        }
        json_array_append_new(moves, mo);
    }
    json_object_set_new(o, "moves", moves);
    json_object_set_new(o, "home_visits_list", persons_json(p->home, p->nhome, L_HOME));
    json_object_set_new(o, "referrals", persons_json(p->referrals, p->nreferrals, L_REFERRAL));
    json_object_set_new(o, "untraced_list",
                        persons_json(p->untraced_list, p->nuntraced, L_UNTRACED));
    json_t *un = json_array();
    for (int64_t i = 0; i < p->unplanned; i++)
        json_array_append_new(un, json_string(p->unplanned_ids[i]));
    json_object_set_new(o, "unplanned_ids", un);
    return o;
}

typedef struct ticket_list {
    cccd_ticket *v;
    size_t n, cap;
    bool nomem;
    const cccd_unit_keys *skip; /* tickets of people registered under these are read already */
} ticket_list;

static void on_ticket(void *ctx, const cccd_ticket *t) {
    ticket_list *l = ctx;
    for (size_t i = 0; l->skip && i < l->skip->n; i++)
        if (strcmp(l->skip->v[i], t->home_key) == 0)
            return;
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 64;
        cccd_ticket *nv = realloc(l->v, cap * sizeof *nv);
        if (nv == NULL) {
            l->nomem = true;
            return;
        }
        l->v = nv;
        l->cap = cap;
    }
    l->v[l->n] = *t;
    l->v[l->n++].residential_group = NULL;
}

static int ticket_order(const void *a, const void *b) {
    const cccd_ticket *x = a, *y = b;
    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    if (x->window_start != y->window_start)
        return x->window_start < y->window_start ? -1 : 1;
    if (x->point_id != y->point_id)
        return x->point_id < y->point_id ? -1 : 1;
    return strcmp(x->ticket, y->ticket);
}

cccd_errc cccd_tickets_of_unit(cccd_store *st, const cccd_units *u, const char *code, cccd_date at,
                               cccd_ticket **out, size_t *n, cccd_err *err) {
    *out = NULL;
    *n = 0;
    cccd_unit_keys keys;
    ticket_list l = {NULL, 0, 0, false, NULL};
    cccd_errc rc = cccd_unit_keys_get(u, code, at, &keys, err);
    for (size_t i = 0; i < keys.n && rc == CCCD_OK; i++)
        rc = cccd_store_tickets_of_key(st, keys.v[i], on_ticket, &l, err);
    /* and of the people referred in: registered elsewhere, living here */
    l.skip = &keys;
    for (size_t i = 0; i < keys.n && rc == CCCD_OK; i++)
        rc = cccd_store_tickets_of_temporary(st, keys.v[i], on_ticket, &l, err);
    if (rc == CCCD_OK && l.nomem)
        rc = cccd_err_set(err, CCCD_E_NOMEM, "tickets", "out of memory");
    cccd_unit_keys_free(&keys);
    if (rc != CCCD_OK) {
        free(l.v);
        return rc;
    }
    if (l.n)
        qsort(l.v, l.n, sizeof *l.v, ticket_order);
    *out = l.v;
    *n = l.n;
    return CCCD_OK;
}
