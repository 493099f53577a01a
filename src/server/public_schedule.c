/*
 * public_schedule.c: the unit argument and the schedule behind the public schedule endpoints
 * (see public_schedule.h). Nothing here needs an account: the schedule holds no personal data.
 */
#include "server/public_schedule.h"

#include <string.h>

bool http_public_schedule(http_req *rq, http_resp *rs, int64_t from, int64_t to,
                          cccd_schedule *out) {
    memset(out, 0, sizeof *out);
    const char *code = rq->query(rq, "unit");
    if (code == NULL || code[0] == '\0') {
        http_problem(rs, 400, "input.argument", "unit",
                     "'unit' is required: the code of a province, district or commune (2, 3 or "
                     "5 digits)");
        return false;
    }
    if (strlen(code) > 5 || strspn(code, "0123456789") != strlen(code) ||
        (strlen(code) != 2 && strlen(code) != 3 && strlen(code) != 5)) {
        http_problem(rs, 400, "input.argument", "unit",
                     "'unit' is the code of a province, district or commune: 2, 3 or 5 digits");
        return false;
    }
    cccd_err err;
    cccd_errc rc = cccd_schedule_make(rq->st, rq->units, code, cccd_date_from_days(from),
                                      cccd_date_from_days(to), out, &err);
    if (rc == CCCD_OK)
        return true;
    if (rc == CCCD_E_UNIT_UNKNOWN || rc == CCCD_E_UNIT_NOT_IN_FORCE)
        http_problem(rs, 404, cccd_errc_name(rc), "unit", err.msg);
    else if (rc == CCCD_E_DATE_RANGE || rc == CCCD_E_ARG)
        http_problem(rs, 400, cccd_errc_name(rc), err.field[0] ? err.field : "to", err.msg);
    else
        http_problem_err(rs, &err);
    return false;
}
