/*
 * cmd_tickets_list.c: `cccd tickets list UNIT [--at DATE] [--csv]`: the tickets held by the
 * people a unit serves, in the order a point works through them (day, time, point, ticket), as
 * a table or as CSV for printing and handing out.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/cli_plan.h"
#include "cli/cli_units.h"
#include "cli/commands.h"
#include "service/plan.h"

static const cli_cmd cmd = {
    "tickets list",
    "tickets list UNIT [--at DATE] [--csv] [--db URL]\n"
    "  The tickets of the people UNIT serves on --at (default today), by day, time, point and\n"
    "  ticket: ticket, personal ID, point, day, shift, time window. --csv writes them as CSV\n"
    "  with a header (ticket,personal_id,point,day,shift,window_start,window_end).",
    1, 1};

int cmd_tickets_list(int argc, char **argv) {
    const char *db = NULL, *at_s = NULL, *args[1];
    bool csv = false;
    const cli_opt opts[] = {
        {"--db", &db, NULL}, {"--at", &at_s, NULL}, {"--csv", NULL, &csv}, {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    int64_t at;
    cccd_date at_d;
    if ((rc = cli_day(at_s, "at", &at, &at_d)) >= 0)
        return rc;
    int status = CLI_FAIL;
    cccd_err err;
    cccd_store *st = NULL;
    cccd_units *u = NULL;
    cccd_ticket *t = NULL;
    size_t n = 0;
    if ((st = cli_store_open(db, true)) == NULL || (u = cli_units_from_db(st)) == NULL)
        goto done;
    if (cccd_tickets_of_unit(st, u, args[0], at_d, &t, &n, &err) != CCCD_OK) {
        status = cli_fail(&err);
        goto done;
    }
    if (csv)
        fputs(cccd_tickets_csv_header, stdout);
    for (size_t i = 0; i < n; i++) {
        char iso[11], a[6], b[6];
        cli_day_iso(t[i].day, iso);
        cccd_minutes_format(t[i].window_start, a);
        cccd_minutes_format(t[i].window_end, b);
        if (csv)
            cccd_ticket_csv_row(stdout, &t[i]);
        else
            printf("%-22s %012lld  point %-4lld %s  shift %d  %s-%s%s\n", t[i].ticket,
                   (long long)t[i].personal_id, (long long)t[i].point_id, iso, t[i].shift_no, a, b,
                   t[i].window_start >= 1440 ? " (next day)" : "");
    }
    if (!csv && n == 0)
        printf("no tickets in %s\n", args[0]);
    status = CLI_OK;
done:
    free(t);
    cccd_units_free(u);
    cccd_store_close(st);
    return status;
}
