/*
 * cmd_queue_show.c: `cccd queue show POINT [--on DATE]`: the queue of a point on a day, each
 * person with their state and waiting time, the counts and the average and longest wait.
 */
#include <stdio.h>

#include "cli/cli_plan.h"
#include "cli/cli_queue.h"
#include "cli/commands.h"
#include "service/queue.h"

static const cli_cmd cmd = {
    "queue show",
    "queue show POINT [--on DATE] [--db URL] [--json]\n"
    "  The queue of POINT on --on (default today), by number: each person, how they came\n"
    "  (ticket or walk-in), their state (waiting, called, served, no_show) and waiting time\n"
    "  (from check-in to the call; so far for those still waiting); then the counts by state\n"
    "  and the average and longest wait of those called.",
    1, 1};

int cmd_queue_show(int argc, char **argv) {
    const char *db = NULL, *on_s = NULL, *args[1];
    bool json = false;
    const cli_opt opts[] = {
        {"--db", &db, NULL}, {"--on", &on_s, NULL}, {"--json", NULL, &json}, {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    int64_t point, day, now, on;
    if ((rc = cli_point_id(args[0], &point)) >= 0 || (rc = cli_queue_clock(&day, &now)) >= 0 ||
        (rc = cli_day(on_s, "on", &on, NULL)) >= 0)
        return rc;
    cccd_store *st = cli_store_open(db, true);
    if (st == NULL)
        return CLI_FAIL;
    cccd_queue_view v;
    cccd_err err;
    if (cccd_queue_view_get(st, point, on, &v, &err) != CCCD_OK) {
        rc = cli_fail(&err);
    } else if (json) {
        cli_print_json(cccd_queue_view_json(&v, point, on, now));
        rc = CLI_OK;
    } else {
        char iso[11];
        printf("point %lld on %s: %lld waiting, %lld called, %lld served, %lld no-show\n",
               (long long)point, cli_day_iso(on, iso), (long long)v.count[CCCD_QUEUE_WAITING],
               (long long)v.count[CCCD_QUEUE_CALLED], (long long)v.count[CCCD_QUEUE_SERVED],
               (long long)v.count[CCCD_QUEUE_NO_SHOW]);
        for (size_t i = 0; i < v.n; i++) {
            printf("  ");
            cli_queue_print(&v.entries[i], now);
        }
        if (v.called)
            printf("wait of the %lld called: average %lld min, longest %lld min\n",
                   (long long)v.called, (long long)(v.wait_total_s / v.called / 60),
                   (long long)(v.wait_max_s / 60));
        rc = CLI_OK;
    }
    cccd_queue_view_free(&v);
    cccd_store_close(st);
    return rc;
}
