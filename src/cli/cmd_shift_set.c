/*
 * cmd_shift_set.c: `cccd shift set POINT ...`: a point's shift templates (the shifts it runs
 * every day, weekends and holidays included) and one day's exceptions: a day or a shift
 * closed, a shift extended, an extra shift ("open until no one is left").
 */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/cli_account.h"
#include "cli/cli_plan.h"
#include "cli/commands.h"
#include "service/outreach.h"

static const cli_cmd cmd = {
    "shift set",
    "shift set POINT SHIFT HH:MM-HH:MM [--db URL]          (every day)\n"
    "shift set POINT SHIFT --remove [--db URL]\n"
    "shift set POINT SHIFT HH:MM-HH:MM --on DATE [--db URL] (that day: other times, or extra)\n"
    "shift set POINT [SHIFT] --on DATE --closed [--db URL]  (that day: the shift, or all, closed)\n"
    "  A point runs its template shifts (numbered 1 to 9; 3 or 4 a day is usual) every day,\n"
    "  weekends and holidays included, unless a day says otherwise. A shift that ends at or\n"
    "  before its start ends the next day (22:00-02:00). Capacity: working kits x people per\n"
    "  kit-hour x hours (see cccd shift list).",
    1, 3};

int cmd_shift_set(int argc, char **argv) {
    const char *db = NULL, *on_s = NULL, *args[3];
    bool closed = false, remove = false;
    const cli_opt opts[] = {{"--db", &db, NULL},
                            {"--on", &on_s, NULL},
                            {"--closed", NULL, &closed},
                            {"--remove", NULL, &remove},
                            {NULL, NULL, NULL}};
    int nargs = 0, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    int64_t point, day = 0;
    long no = 0;
    if ((rc = cli_point_id(args[0], &point)) >= 0)
        return rc;
    if (nargs == 1 && !closed)
        return cli_usage_error(&cmd, "give a SHIFT, or close the whole day with --on --closed");
    if (closed && on_s == NULL)
        return cli_usage_error(&cmd, "--closed goes with --on DATE");
    if (remove && (on_s || nargs != 2))
        return cli_usage_error(&cmd, "--remove takes POINT SHIFT only");
    if (!closed && !remove && nargs != 3)
        return cli_usage_error(&cmd, "give the shift's times, HH:MM-HH:MM");
    if (closed && nargs == 3)
        return cli_usage_error(&cmd, "a closed shift has no times");
    if (nargs >= 2 && (rc = cli_parse_long(args[1], "shift", 1, CCCD_SHIFT_MAX, &no)) >= 0)
        return rc;
    if (on_s && (rc = cli_day(on_s, "on", &day, NULL)) >= 0)
        return rc;
    cccd_err err;
    cccd_shift s = {(int)no, 0, 0};
    if (nargs == 3 && cccd_shift_parse(args[2], "times", &s.start_min, &s.end_min, &err))
        return cli_fail(&err);
    cccd_store *st = cli_store_open(db, true);
    if (st == NULL)
        return CLI_FAIL;
    cccd_errc e;
    char t[12], iso[11], who[64];
    cccd_actor by;
    cli_actor_local(&by, who);
    if (remove)
        e = cccd_outreach_shift_remove(st, &by, point, s.no, &err);
    else if (on_s) {
        cccd_shift_override o = {s.no, closed, s.start_min, s.end_min};
        e = cccd_outreach_shift_day(st, &by, point, day, &o, &err);
    } else
        e = cccd_outreach_shift_set(st, &by, point, &s, &err);
    cccd_store_close(st);
    if (e != CCCD_OK)
        return cli_fail(&err);
    if (remove)
        printf("point %lld: shift %d removed\n", (long long)point, s.no);
    else if (closed && s.no == 0)
        printf("point %lld: closed on %s\n", (long long)point, cli_day_iso(day, iso));
    else if (closed)
        printf("point %lld: shift %d closed on %s\n", (long long)point, s.no,
               cli_day_iso(day, iso));
    else if (on_s)
        printf("point %lld: shift %d %s on %s\n", (long long)point, s.no,
               cccd_shift_format(s.start_min, s.end_min, t), cli_day_iso(day, iso));
    else
        printf("point %lld: shift %d %s every day\n", (long long)point, s.no,
               cccd_shift_format(s.start_min, s.end_min, t));
    return CLI_OK;
}
