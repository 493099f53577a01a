/*
 * cli_queue.c: helpers of the `cccd queue` commands (see cli_queue.h).
 */
#include "cli/cli_queue.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "cli/cli_account.h"
#include "core/shift.h"
#include "service/queue.h"

int cli_queue_clock(int64_t *day, int64_t *now) {
    cccd_err err;
    cccd_date d;
    if (cli_today(&d, &err) != CCCD_OK)
        return cli_fail(&err);
    *day = cccd_date_to_days(d);
    const char *pin = getenv("CCCD_NOW");
    if (pin == NULL || pin[0] == '\0') {
        *now = (int64_t)time(NULL);
        return -1;
    }
    int hh, mm;
    char end;
    if (sscanf(pin, "%2d:%2d%c", &hh, &mm, &end) != 2 || hh < 0 || hh > 23 || mm < 0 || mm > 59)
        return cli_failf("CCCD_NOW: '%s' is not a time HH:MM", pin);
    *now = *day * 86400 - 7 * 3600 + (int64_t)(hh * 60 + mm) * 60;
    return -1;
}

int cli_queue_entry_id(const char *s, int64_t *id) {
    long v;
    int rc = cli_parse_long(s, "entry", 1, 2000000000L, &v);
    if (rc >= 0)
        return rc;
    *id = v;
    return -1;
}

void cli_queue_print(const cccd_queue_entry *e, int64_t now) {
    printf("number %lld (entry %lld): %012lld %s", (long long)e->number, (long long)e->id,
           (long long)e->personal_id, e->full_name);
    if (e->ticket[0]) {
        char w[8];
        printf(", ticket %s (%s)", e->ticket, cccd_minutes_format(e->window_start, w));
    } else {
        printf(", walk-in");
    }
    printf(", %s", cccd_queue_state_name(e->state));
    if (e->state == CCCD_QUEUE_WAITING)
        printf(", waiting %lld min\n", (long long)(cccd_queue_wait_s(e, now) / 60));
    else
        printf(", waited %lld min\n", (long long)(cccd_queue_wait_s(e, now) / 60));
}

int cli_queue_finish(const cli_cmd *cmd, int argc, char **argv, bool served) {
    const char *db = NULL, *args[1];
    bool json = false;
    const cli_opt opts[] = {{"--db", &db, NULL}, {"--json", NULL, &json}, {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    int64_t id, day, now;
    if ((rc = cli_queue_entry_id(args[0], &id)) >= 0 || (rc = cli_queue_clock(&day, &now)) >= 0)
        return rc;
    cccd_store *st = cli_store_open(db, true);
    if (st == NULL)
        return CLI_FAIL;
    char name[64];
    cccd_actor by;
    cli_actor_local(&by, name);
    cccd_queue_entry e;
    cccd_err err;
    bool withdrawn = false;
    if (cccd_queue_finish(st, id, served, now, &by, &e, &withdrawn, &err) != CCCD_OK) {
        rc = cli_fail(&err);
    } else if (json) {
        json_t *o = cccd_queue_entry_json(&e, now);
        json_object_set_new(o, "ticket_withdrawn", json_boolean(withdrawn));
        cli_print_json(o);
        rc = CLI_OK;
    } else {
        cli_queue_print(&e, now);
        if (withdrawn)
            printf("ticket %s withdrawn: %012lld is back on the remaining list for the next "
                   "plan\n",
                   e.ticket, (long long)e.personal_id);
        rc = CLI_OK;
    }
    cccd_store_close(st);
    return rc;
}
