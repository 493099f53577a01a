/*
 * ticket_print_data.c: what a printed ticket shows, gathered from the store (see
 * ticket_print.h): the tickets in the order a point works through them, the holders' full
 * names (one joined query per registered unit version) and the points' names, addresses and
 * places. Kept apart from the rendering so ticket_print.c knows nothing of the database.
 */
#include <stdlib.h>
#include <string.h>

#include "service/plan.h"
#include "service/residents.h"
#include "service/ticket_print.h"

void cccd_ticket_prints_free(cccd_ticket_prints *p) {
    if (p == NULL)
        return;
    if (p->names)
        for (size_t i = 0; i < p->n; i++)
            free(p->names[i]);
    free(p->names);
    free(p->v);
    free(p->tickets);
    free(p->points);
    memset(p, 0, sizeof *p);
}

/* A holder's name by personal ID, read in ID order per unit version. */
typedef struct holder {
    int64_t personal_id;
    char *full_name; /* owned */
} holder;

typedef struct holders {
    holder *v;
    size_t n, cap;
    bool nomem;
} holders;

static void on_holder(void *ctx, int64_t personal_id, const char *full_name) {
    holders *h = ctx;
    if (h->nomem)
        return;
    if (h->n == h->cap) {
        size_t cap = h->cap ? 2 * h->cap : 256;
        holder *nv = realloc(h->v, cap * sizeof *nv);
        if (nv == NULL) {
            h->nomem = true;
            return;
        }
        h->v = nv;
        h->cap = cap;
    }
    if ((h->v[h->n].full_name = strdup(full_name)) == NULL) {
        h->nomem = true;
        return;
    }
    h->v[h->n++].personal_id = personal_id;
}

static int holder_order(const void *a, const void *b) {
    const holder *x = a, *y = b;
    return (x->personal_id > y->personal_id) - (x->personal_id < y->personal_id);
}

static void holders_free(holders *h) {
    for (size_t i = 0; i < h->n; i++)
        free(h->v[i].full_name);
    free(h->v);
}

/* The points of the tickets (each read once) and out->v, once out->tickets and out->names
 * hold out->n entries. */
static cccd_errc finish(cccd_store *st, cccd_ticket_prints *out, cccd_err *err) {
    if ((out->points = malloc((out->n ? out->n : 1) * sizeof *out->points)) == NULL ||
        (out->v = calloc(out->n ? out->n : 1, sizeof *out->v)) == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, "tickets", "out of memory");
    for (size_t i = 0; i < out->n; i++) {
        const cccd_ticket *t = &out->tickets[i];
        size_t p = 0;
        while (p < out->npoints && out->points[p].id != t->point_id)
            p++;
        if (p == out->npoints) {
            cccd_errc rc = cccd_store_point_get(st, t->point_id, &out->points[p], err);
            if (rc != CCCD_OK)
                return rc;
            out->npoints++;
        }
    }
    for (size_t i = 0; i < out->n; i++) {
        const cccd_ticket *t = &out->tickets[i];
        const cccd_point *pt = out->points;
        while (pt->id != t->point_id)
            pt++;
        out->v[i] = (cccd_ticket_print){
            .full_name = out->names[i],
            .ticket = t->ticket,
            .point_name = pt->name,
            .address = pt->address,
            .place = pt->kind == CCCD_POINT_MOBILE ? pt->place : "",
            .day = t->day,
            .window_start = t->window_start,
            .window_end = t->window_end,
        };
    }
    return CCCD_OK;
}

static cccd_errc names_of(cccd_store *st, const cccd_units *u, const char *code, cccd_date at,
                          cccd_ticket_prints *out, cccd_err *err) {
    cccd_unit_keys keys;
    holders h = {NULL, 0, 0, false};
    cccd_errc rc = cccd_unit_keys_get(u, code, at, &keys, err);
    for (size_t i = 0; i < keys.n && rc == CCCD_OK; i++)
        rc = cccd_store_ticket_holders_of_key(st, keys.v[i], on_holder, &h, err);
    cccd_unit_keys_free(&keys);
    if (rc == CCCD_OK && h.nomem)
        rc = cccd_err_set(err, CCCD_E_NOMEM, "tickets", "out of memory");
    if (rc == CCCD_OK && (out->names = calloc(out->n, sizeof *out->names)) == NULL)
        rc = cccd_err_set(err, CCCD_E_NOMEM, "tickets", "out of memory");
    if (rc == CCCD_OK && h.n > 1)
        qsort(h.v, h.n, sizeof *h.v, holder_order);
    for (size_t i = 0; i < out->n && rc == CCCD_OK; i++) {
        holder key = {out->tickets[i].personal_id, NULL};
        const holder *found = h.n ? bsearch(&key, h.v, h.n, sizeof *h.v, holder_order) : NULL;
        /* a holder whose record left the registry keeps the ticket, printed without a name */
        if ((out->names[i] = strdup(found ? found->full_name : "")) == NULL)
            rc = cccd_err_set(err, CCCD_E_NOMEM, "tickets", "out of memory");
    }
    holders_free(&h);
    return rc;
}

cccd_errc cccd_tickets_printable(cccd_store *st, const cccd_units *u, const char *code,
                                 cccd_date at, int64_t day, int64_t point_id,
                                 cccd_ticket_prints *out, cccd_err *err) {
    memset(out, 0, sizeof *out);
    size_t n = 0, kept = 0;
    cccd_errc rc = cccd_tickets_of_unit(st, u, code, at, &out->tickets, &n, err);
    if (rc != CCCD_OK)
        return rc;
    for (size_t i = 0; i < n; i++) {
        const cccd_ticket *t = &out->tickets[i];
        if ((day == INT64_MIN || t->day == day) && (point_id == 0 || t->point_id == point_id))
            out->tickets[kept++] = *t;
    }
    out->n = kept;
    if (kept == 0)
        return CCCD_OK;
    if ((rc = names_of(st, u, code, at, out, err)) == CCCD_OK)
        rc = finish(st, out, err);
    return rc;
}

cccd_errc cccd_ticket_printable(cccd_store *st, const char *ticket, cccd_ticket_prints *out,
                                cccd_err *err) {
    memset(out, 0, sizeof *out);
    bool found = false;
    char *name = NULL;
    if ((out->tickets = malloc(sizeof *out->tickets)) == NULL ||
        (out->names = malloc(sizeof *out->names)) == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, "ticket", "out of memory");
    cccd_errc rc = cccd_store_ticket_by_number(st, ticket, out->tickets, &name, &found, err);
    if (rc != CCCD_OK)
        return rc;
    if (!found)
        return cccd_err_set(err, CCCD_E_TICKET_UNKNOWN, "ticket", "there is no ticket %s", ticket);
    out->names[0] = name;
    out->n = 1;
    return finish(st, out, err);
}
