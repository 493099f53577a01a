/*
 * cli_enroll.c: helpers of the application commands (see cli_enroll.h).
 */
#include "cli/cli_enroll.h"

#include <stdio.h>

#include "cli/cli_account.h"
#include "cli/cli_queue.h"

int cli_app_id(const char *s, int64_t *id) {
    long v;
    int rc = cli_parse_long(s, "application", 1, 2000000000L, &v);
    if (rc >= 0)
        return rc;
    *id = v;
    return -1;
}

void cli_app_print(const cccd_application *a) {
    printf("application %lld (%s): %s (%s), %s", (long long)a->id, a->personal_id,
           cccd_app_type_name(a->type), a->type_reason, cccd_app_state_name(a->state));
    if (a->state == CCCD_APP_REJECTED)
        printf(": %s", a->rejection_reason);
    printf("\n");
}

int cli_app_step(const char *db, const char *app, cccd_app_state to, const cccd_enroll_step *opt,
                 bool json) {
    int64_t id, day, now;
    int rc;
    if ((rc = cli_app_id(app, &id)) >= 0 || (rc = cli_queue_clock(&day, &now)) >= 0)
        return rc;
    cccd_store *st = cli_store_open(db, true);
    if (st == NULL)
        return CLI_FAIL;
    char name[64];
    cccd_actor by;
    cli_actor_local(&by, name);
    cccd_application a;
    cccd_err err;
    if (cccd_enroll_move(st, id, to, opt, now, &by, &a, &err) != CCCD_OK) {
        rc = cli_fail(&err);
    } else if (json) {
        json_t *o = cccd_enroll_json(st, &a, false, &err);
        rc = o ? CLI_OK : cli_fail(&err);
        if (o)
            cli_print_json(o);
    } else {
        cli_app_print(&a);
        rc = CLI_OK;
    }
    cccd_store_close(st);
    return rc;
}
