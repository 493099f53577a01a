/*
 * cli_plan.c: helpers of the point, kit, shift, plan and tickets commands (see cli_plan.h).
 */
#include "cli/cli_plan.h"

#include <stdio.h>

int cli_day(const char *s, const char *field, int64_t *day, cccd_date *date) {
    cccd_err err;
    cccd_date d;
    if ((s ? cccd_date_parse_full(s, field, &d, &err) : cli_today(&d, &err)) != CCCD_OK)
        return cli_fail(&err);
    *day = cccd_date_to_days(d);
    if (date)
        *date = d;
    return -1;
}

int cli_point_id(const char *s, int64_t *id) {
    long v;
    int rc = cli_parse_long(s, "point", 1, 2000000000L, &v);
    if (rc >= 0)
        return rc;
    *id = v;
    return -1;
}

char *cli_day_iso(int64_t day, char *buf) {
    return cccd_date_iso(cccd_date_from_days(day), buf);
}
