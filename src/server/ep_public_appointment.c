/*
 * ep_public_appointment.c: POST /api/v1/public/appointment {"personal_id", "date_of_birth"},
 * public: a citizen's own appointment: the ticket number, the day, the time window and the
 * point (name, address, place). Nothing else: no name, no address of the person.
 *
 * An unknown ID, a date of birth that does not match and a person without a ticket all get the
 * same 404 with the same words, and the first two take the same path through the database
 * (the citizen and the ticket are both read whatever is found), so the answer tells nothing
 * about who is registered. The date of birth must be given as precisely as the registry holds
 * it: a full date matches a full date, "1950-07" a year and month, "1950" a year only
 * (docs/planning.md). Lookups are counted per client address (10 in 10 minutes unless
 * configured: 429 with Retry-After beyond), and every answer that shows a ticket is on the
 * audit record (actor "public", the client's address) before it leaves.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/pid.h"
#include "server/http.h"
#include "service/schedule.h"
#include "store/store_points.h"
#include "store/store_tickets.h"

#define NO_MATCH                                                                                   \
    "no appointment matches this personal ID and date of birth; check both (when the registry "    \
    "holds only the year of birth, or the year and month, give just that: 1950 or 1950-07)"

static bool same_date(cccd_date a, cccd_date b) {
    return a.prec == b.prec && a.y == b.y && (a.prec < CCCD_DATE_MONTH || a.m == b.m) &&
           (a.prec < CCCD_DATE_DAY || a.d == b.d);
}

void ep_public_appointment(http_req *rq, http_resp *rs) {
    rs->no_store = true;
    int64_t wait = throttle_wait(rq->lookups, rq->remote, rq->now);
    if (wait > 0) {
        http_problem(rs, 429, "public.throttled", NULL,
                     "too many appointment lookups from this address; wait before trying again");
        rs->retry_after = wait;
        return;
    }
    json_t *body = http_body_object(rq, rs);
    if (body == NULL)
        return;
    const char *id = http_body_string(body, "personal_id", true, 32, rs, NULL);
    const char *dob_s = id ? http_body_string(body, "date_of_birth", true, 16, rs, NULL) : NULL;
    cccd_err err;
    cccd_pid pid;
    cccd_pid_facts lenient = {.lenient = true};
    cccd_date dob;
    bool ok = id && dob_s;
    if (ok && cccd_pid_parse(id, strlen(id), &lenient, &pid, &err) != CCCD_OK) {
        http_problem(rs, 422, cccd_errc_name(err.code), "personal_id", err.msg);
        ok = false;
    }
    if (ok && cccd_date_parse(dob_s, "date_of_birth", &dob, &err) != CCCD_OK) {
        http_problem(rs, 422, cccd_errc_name(err.code), "date_of_birth", err.msg);
        ok = false;
    }
    json_decref(body);
    if (!ok)
        return;
    throttle_failed(rq->lookups, rq->remote, rq->now); /* counts every lookup made */
    cccd_store_record r;
    bool found = false, has_ticket = false;
    cccd_ticket t;
    if (cccd_store_citizen_get(rq->st, pid.digits, &r, &found, &err) != CCCD_OK) {
        http_problem_err(rs, &err);
        return;
    }
    /* read whether or not the person was found: an unknown ID costs what a known one does */
    cccd_errc rc =
        cccd_store_ticket_get(rq->st, strtoll(pid.digits, NULL, 10), &t, &has_ticket, &err);
    bool match = false;
    if (found) {
        cccd_date have;
        cccd_err ignore;
        match = cccd_date_parse(r.v[CCCD_CF_DATE_OF_BIRTH], "date_of_birth", &have, &ignore) ==
                    CCCD_OK &&
                same_date(have, dob);
        cccd_store_record_free(&r);
    }
    if (rc != CCCD_OK) {
        http_problem_err(rs, &err);
        return;
    }
    if (!match || !has_ticket) {
        http_problem(rs, 404, "appointment.unknown", NULL, NO_MATCH);
        return;
    }
    cccd_point pt;
    if (cccd_store_point_get(rq->st, t.point_id, &pt, &err) != CCCD_OK) {
        http_problem_err(rs, &err);
        return;
    }
    const char *target = pid.digits;
    if (!http_audit_read(rq, rs, "appointment.lookup", &target, 1, t.ticket))
        return;
    const cccd_unit *u = rq->units ? cccd_units_by_key(rq->units, pt.unit_key) : NULL;
    char iso[11], vn[11], a[6], b[6];
    json_t *point = json_pack("{s:s,s:o,s:o,s:o}", "kind", cccd_point_kind_name(pt.kind), "name",
                              http_json_string(pt.name), "address", http_json_string(pt.address),
                              "place", http_json_string(pt.place));
    json_object_set_new(point, "unit", u ? json_string(u->name) : json_null());
    http_json(rs, 200,
              json_pack("{s:s,s:s,s:s,s:{s:s,s:s},s:o}", "ticket", t.ticket, "date",
                        cccd_date_iso(cccd_date_from_days(t.day), iso), "date_vn",
                        cccd_schedule_day_vn(t.day, vn), "window", "start",
                        cccd_minutes_format(t.window_start, a), "end",
                        cccd_minutes_format(t.window_end, b), "point", point));
}
