/*
 * cmd_queue_checkin.c: `cccd queue checkin POINT (--ticket T | --person ID)`: a person arrives
 * at a point today, with the ticket the plan handed out or as a walk-in.
 */
#include <stdio.h>

#include "cli/cli_account.h"
#include "cli/cli_plan.h"
#include "cli/cli_queue.h"
#include "cli/commands.h"
#include "service/queue.h"

static const cli_cmd cmd = {
    "queue checkin",
    "queue checkin POINT (--ticket T | --person ID) [--db URL] [--json]\n"
    "  Puts a person in the queue of POINT today and prints their number. --ticket: the\n"
    "  ticket number (what its QR code holds, 001-0000001); it must be for this point and\n"
    "  today (any time window: early and late arrivals are called by their window), else the\n"
    "  error names where and when it is for. --person: a walk-in by personal ID, who must be\n"
    "  in the registry and still need a card. Nobody waits twice at one point. CCCD_NOW=HH:MM\n"
    "  pins the time. Audited by cli:$USER from local.",
    1, 1};

int cmd_queue_checkin(int argc, char **argv) {
    const char *db = NULL, *ticket = NULL, *person = NULL, *args[1];
    bool json = false;
    const cli_opt opts[] = {{"--db", &db, NULL},
                            {"--ticket", &ticket, NULL},
                            {"--person", &person, NULL},
                            {"--json", NULL, &json},
                            {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    if ((ticket == NULL) == (person == NULL))
        return cli_usage_error(&cmd, "give exactly one of --ticket and --person");
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
    cccd_errc e_rc =
        ticket ? cccd_queue_checkin_ticket(st, point, day, now, &by, ticket, &e, &err)
               : cccd_queue_checkin_person(st, NULL, point, day, now, &by, person, &e, &err);
    if (e_rc != CCCD_OK) {
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
