/*
 * ep_tickets_pdf.c: GET /api/v1/units/{code}/tickets.pdf[?at=DATE][&on=DATE][&point=ID]
 * [&offset=N][&limit=N]: the printed tickets of a unit's people, one A6 page each (name, date,
 * time window, place, ticket number and its QR code: service/ticket_print.h), in the order
 * `tickets` lists them, at most 500 a document (about 1.4 ms a page: print a commune in parts,
 * by day or point). Every person printed is audited before the document leaves.
 */
#include <stdio.h>
#include <stdlib.h>

#include "server/http.h"
#include "service/ticket_print.h"

void ep_tickets_pdf(http_req *rq, http_resp *rs) {
    cccd_date at, on;
    long point, offset, limit;
    if (!http_query_date(rq, rs, "at", &at) ||
        !http_query_int(rq, rs, "point", 1, 2000000000L, 0, &point) ||
        !http_query_int(rq, rs, "offset", 0, 100000000L, 0, &offset) ||
        !http_query_int(rq, rs, "limit", 1, 500, 500, &limit))
        return;
    bool by_day = rq->query(rq, "on") != NULL;
    if (by_day && !http_query_date(rq, rs, "on", &on))
        return;
    const cccd_unit *unit;
    if (!http_area_arg(rq, rs, rq->params[0], at, &unit))
        return;
    cccd_ticket_prints tp = {0};
    cccd_err err;
    if (cccd_tickets_printable(rq->st, rq->units, rq->params[0], at,
                               by_day ? cccd_date_to_days(on) : INT64_MIN, point, &tp,
                               &err) != CCCD_OK) {
        cccd_ticket_prints_free(&tp);
        http_problem_err(rs, &err);
        return;
    }
    size_t first = (size_t)offset < tp.n ? (size_t)offset : tp.n;
    size_t last = first + (size_t)limit < tp.n ? first + (size_t)limit : tp.n;
    char(*ids)[13] = calloc(last - first + 1, sizeof *ids);
    const char **idp = calloc(last - first + 1, sizeof *idp);
    char *pdf = NULL, detail[64];
    size_t len = 0;
    if (last == first) {
        http_problem(rs, 404, "ticket.unknown", "on", "no tickets to print for that choice");
    } else if (ids == NULL || idp == NULL) {
        http_problem(rs, 503, "service.unavailable", NULL, "out of memory; try again");
    } else {
        for (size_t i = first; i < last; i++) {
            snprintf(ids[i - first], sizeof ids[0], "%012lld",
                     (long long)tp.tickets[i].personal_id);
            idp[i - first] = ids[i - first];
        }
        snprintf(detail, sizeof detail, "tickets.pdf %s", unit->code);
        if (cccd_tickets_pdf(tp.v + first, last - first, &pdf, &len, &err) != CCCD_OK)
            http_problem_err(rs, &err);
        else if (http_audit_read(rq, rs, "citizen.print", idp, last - first, detail)) {
            free(rs->body);
            rs->status = 200;
            rs->body = pdf;
            rs->len = len;
            rs->content_type = "application/pdf";
            pdf = NULL;
        }
    }
    free(pdf);
    free(ids);
    free(idp);
    cccd_ticket_prints_free(&tp);
}
