/*
 * ep_citizen_get.c: GET /api/v1/citizens/{id}: one citizen's record, for a role that reads
 * personal data and only within its jurisdiction (the unit of permanent or temporary residence,
 * resolved to today's units). Every read, and every refused one, is on the audit record before
 * the answer leaves. An ID corrected here answers 404 with its new one, to an account that may
 * read the person under it.
 */
#include <string.h>

#include "core/pid.h"
#include "server/http.h"
#include "service/residents.h"

void ep_citizen_get(http_req *rq, http_resp *rs) {
    cccd_err err;
    cccd_pid pid;
    cccd_pid_facts lenient = {.lenient = true};
    const char *id = rq->params[0];
    if (cccd_pid_parse(id, strlen(id), &lenient, &pid, &err) != CCCD_OK) {
        http_problem(rs, 400, cccd_errc_name(err.code), "id", err.msg);
        return;
    }
    cccd_store_record r;
    bool found = false;
    if (cccd_store_citizen_get(rq->st, pid.digits, &r, &found, &err) != CCCD_OK) {
        http_problem_err(rs, &err);
        return;
    }
    const char *target = pid.digits;
    if (!found) {
        /* an ID corrected here: its new one, to an account that may read the person */
        char now[13];
        bool renamed = false, reach = false;
        if (cccd_store_citizen_renamed(rq->st, pid.digits, now, &renamed, &err) != CCCD_OK ||
            (renamed && cccd_store_citizen_get(rq->st, now, &r, &found, &err) != CCCD_OK)) {
            http_problem_err(rs, &err);
            return;
        }
        if (renamed && found) {
            reach = http_in_scope(rq, r.permanent_unit) || http_in_scope(rq, r.temporary_unit);
            cccd_store_record_free(&r);
        }
        char detail[64], why[160];
        snprintf(detail, sizeof detail, "%s%s", renamed ? "corrected to " : "not found",
                 renamed ? (reach ? now : "another ID, outside jurisdiction") : "");
        snprintf(why, sizeof why, "personal ID %s was corrected to %s here: ask for %s", pid.digits,
                 now, now);
        if (http_audit_read(rq, rs, "citizen.read", &target, 1, detail)) {
            if (reach)
                http_problem(rs, 404, "citizen.renamed", "id", why);
            else
                http_problem(rs, 404, "citizen.unknown", "id", "no citizen with that personal ID");
        }
        return;
    }
    if (!http_in_scope(rq, r.permanent_unit) && !http_in_scope(rq, r.temporary_unit)) {
        if (http_audit_read(rq, rs, "citizen.read.denied", &target, 1, "outside jurisdiction"))
            http_problem(rs, 403, "auth.forbidden", "id",
                         "this citizen lives outside the jurisdiction of this account");
    } else if (http_audit_read(rq, rs, "citizen.read", &target, 1, "")) {
        http_json(rs, 200, cccd_record_json(&r));
    }
    cccd_store_record_free(&r);
}
