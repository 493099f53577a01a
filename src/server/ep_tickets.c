/*
 * ep_tickets.c: GET /api/v1/units/{code}/tickets[?at=DATE][&on=DATE][&point=ID][&offset=N]
 * [&limit=N][&format=csv]: the tickets held by the people a unit serves, in the order a point
 * works through them (day, time, point, ticket), optionally of one day or one point, a page at
 * a time; as JSON or as CSV for printing. Personal data: every person on the page is audited
 * before it leaves.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/http.h"
#include "service/plan.h"

static json_t *ticket_json(const cccd_ticket *t) {
    char iso[11], id[13], a[6], b[6], w[16];
    snprintf(id, sizeof id, "%012lld", (long long)t->personal_id);
    snprintf(w, sizeof w, "%s-%s", cccd_minutes_format(t->window_start, a),
             cccd_minutes_format(t->window_end, b));
    return json_pack("{s:s,s:s,s:I,s:s,s:i,s:s}", "ticket", t->ticket, "personal_id", id, "point",
                     (json_int_t)t->point_id, "day",
                     cccd_date_iso(cccd_date_from_days(t->day), iso), "shift", t->shift_no,
                     "window", w);
}

void ep_tickets(http_req *rq, http_resp *rs) {
    cccd_date at, on;
    long point, offset, limit;
    const char *format = rq->query(rq, "format");
    if (!http_query_date(rq, rs, "at", &at) ||
        !http_query_int(rq, rs, "point", 1, 2000000000L, 0, &point) ||
        !http_query_int(rq, rs, "offset", 0, 100000000L, 0, &offset) ||
        !http_query_int(rq, rs, "limit", 1, 5000, 1000, &limit))
        return;
    bool by_day = rq->query(rq, "on") != NULL;
    if (by_day && !http_query_date(rq, rs, "on", &on))
        return;
    bool csv = format && strcmp(format, "csv") == 0;
    if (format && !csv && strcmp(format, "json") != 0) {
        http_problem(rs, 400, "input.argument", "format", "format: json or csv");
        return;
    }
    const cccd_unit *unit;
    if (!http_area_arg(rq, rs, rq->params[0], at, &unit))
        return;
    cccd_ticket *t = NULL;
    size_t n = 0, kept = 0;
    cccd_err err;
    if (cccd_tickets_of_unit(rq->st, rq->units, rq->params[0], at, &t, &n, &err) != CCCD_OK) {
        http_problem_err(rs, &err);
        return;
    }
    int64_t day = by_day ? cccd_date_to_days(on) : 0;
    for (size_t i = 0; i < n; i++)
        if ((!by_day || t[i].day == day) && (!point || t[i].point_id == point))
            t[kept++] = t[i];
    size_t first = (size_t)offset < kept ? (size_t)offset : kept;
    size_t last = first + (size_t)limit < kept ? first + (size_t)limit : kept;
    char(*ids)[13] = calloc(last - first + 1, sizeof *ids);
    const char **idp = calloc(last - first + 1, sizeof *idp);
    if (ids == NULL || idp == NULL) {
        http_problem(rs, 503, "service.unavailable", NULL, "out of memory; try again");
        goto done;
    }
    for (size_t i = first; i < last; i++) {
        snprintf(ids[i - first], sizeof ids[0], "%012lld", (long long)t[i].personal_id);
        idp[i - first] = ids[i - first];
    }
    char detail[64];
    snprintf(detail, sizeof detail, "tickets %s", unit->code);
    if (last > first && !http_audit_read(rq, rs, "citizen.list", idp, last - first, detail))
        goto done;
    if (csv) {
        char *buf = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&buf, &len);
        if (f == NULL) {
            http_problem(rs, 503, "service.unavailable", NULL, "out of memory; try again");
            goto done;
        }
        fputs(cccd_tickets_csv_header, f);
        for (size_t i = first; i < last; i++)
            cccd_ticket_csv_row(f, &t[i]);
        if (fclose(f) != 0) {
            free(buf);
            http_problem(rs, 503, "service.unavailable", NULL, "out of memory; try again");
            goto done;
        }
        free(rs->body);
        rs->status = 200;
        rs->body = buf;
        rs->len = len;
        rs->content_type = "text/csv; charset=utf-8";
        goto done;
    }
    json_t *arr = json_array();
    for (size_t i = first; i < last; i++)
        json_array_append_new(arr, ticket_json(&t[i]));
    char iso[11];
    json_t *v = json_pack("{s:s,s:s,s:I,s:I,s:o}", "unit", unit->code, "at", cccd_date_iso(at, iso),
                          "total", (json_int_t)kept, "offset", (json_int_t)first, "tickets", arr);
    if (last < kept)
        json_object_set_new(v, "next_offset", json_integer((json_int_t)last));
    http_json(rs, 200, v);
done:
    free(ids);
    free(idp);
    free(t);
}
