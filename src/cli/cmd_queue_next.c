/*
 * cmd_queue_next.c: `cccd queue next POINT`: calls the next waiting person to a desk.
 */
#include <stdio.h>

#include "cli/cli_account.h"
#include "cli/cli_plan.h"
#include "cli/cli_queue.h"
#include "cli/commands.h"
#include "service/queue.h"

static const cli_cmd cmd = {
    "queue next",
    "queue next POINT [--db URL] [--json]\n"
    "  Calls the next person waiting at POINT today: first those with a ticket whose time\n"
    "  window has begun (by window, then check-in), then everyone else by check-in time.\n"
    "  Prints the number to call, the entry id and the person; their waiting time is fixed\n"
    "  now. CCCD_NOW=HH:MM pins the time. Audited by cli:$USER from local.",
    1, 1};

int cmd_queue_next(int argc, char **argv) {
    const char *db = NULL, *args[1];
    bool json = false;
    const cli_opt opts[] = {{"--db", &db, NULL}, {"--json", NULL, &json}, {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    int64_t point, day, now;
    if ((rc = cli_point_id(args[0], &point)) >= 0 || (rc = cli_queue_clock(&day, &now)) >= 0)
        return rc;
    cccd_store *st = cli_store_open(db, true);
    if (st == NULL)
        return CLI_FAIL;
    char name[64];
    cccd_actor by;
    cli_actor_local(&by, name);
    cccd_queue_entry e;
    cccd_err err;
    if (cccd_queue_call_next(st, point, day, now, &by, &e, &err) != CCCD_OK) {
        rc = cli_fail(&err);
    } else {
        if (json)
            cli_print_json(cccd_queue_entry_json(&e, now));
        else
            cli_queue_print(&e, now);
        rc = CLI_OK;
    }
    cccd_store_close(st);
    return rc;
}
