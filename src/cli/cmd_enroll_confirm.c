/*
 * cmd_enroll_confirm.c: `cccd enroll confirm APP N`: a supervisor confirms finger
 * N's exception, which the application needs before it can be approved. Audited.
 */
#include <stdio.h>

#include "cli/cli_account.h"
#include "cli/cli_enroll.h"
#include "cli/cli_queue.h"
#include "cli/commands.h"

static const cli_cmd cmd = {
    "enroll confirm",
    "enroll confirm APP N [--db URL]\n"
    "  Confirms the exception recorded for finger N of application APP (missing, amputated,\n"
    "  bandaged, or quality when its attempts were spent). Audited by cli:$USER from local.",
    2, 2};

int cmd_enroll_confirm(int argc, char **argv) {
    const char *db = NULL, *args[2];
    const cli_opt opts[] = {{"--db", &db, NULL}, {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    int64_t app, day, now;
    long finger;
    if ((rc = cli_queue_clock(&day, &now)) >= 0 || (rc = cli_app_id(args[0], &app)) >= 0 ||
        (rc = cli_parse_long(args[1], "finger", 1, 10, &finger)) >= 0)
        return rc;
    cccd_store *st = cli_store_open(db, true);
    if (st == NULL)
        return CLI_FAIL;
    cccd_actor by;
    char who[64];
    cli_actor_local(&by, who);
    cccd_err err;
    rc = cccd_enroll_bio_confirm(st, app, (int)finger, now, &by, &err);
    cccd_store_close(st);
    if (rc != CCCD_OK)
        return cli_fail(&err);
    printf("application %lld: finger %ld's exception confirmed\n", (long long)app, finger);
    return CLI_OK;
}
