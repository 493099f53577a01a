/*
 * cmd_registry_show.c: `cccd registry show ID [--json]`: one citizen's record as the registry
 * holds it, with the unit it is served by today.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_record.h"
#include "cli/commands.h"
#include "core/pid.h"
#include "service/residents.h"

static const cli_cmd cmd = {
    "registry show",
    "registry show ID [--db URL] [--json]\n"
    "  Prints the citizen with personal ID number ID. Exit 1 when there is none.",
    1, 1};

int cmd_registry_show(int argc, char **argv) {
    const char *db = NULL, *args[1];
    bool json = false;
    const cli_opt opts[] = {{"--db", &db, NULL}, {"--json", NULL, &json}, {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    cccd_err err;
    cccd_pid pid;
    cccd_pid_facts lenient = {.lenient = true};
    if (cccd_pid_parse(args[0], strlen(args[0]), &lenient, &pid, &err) != CCCD_OK)
        return cli_fail(&err);
    cccd_store *st = cli_store_open(db, true);
    if (st == NULL)
        return CLI_FAIL;
    cccd_store_record r;
    bool found = false;
    cccd_errc e = cccd_store_citizen_get(st, pid.digits, &r, &found, &err);
    char now[13] = "";
    bool renamed = false;
    if (e == CCCD_OK && !found)
        e = cccd_store_citizen_renamed(st, pid.digits, now, &renamed, &err);
    cccd_store_close(st);
    if (e != CCCD_OK)
        return cli_fail(&err);
    if (renamed)
        return cli_failf("no citizen with personal ID %s in the registry: it was corrected to %s "
                         "here (cccd registry show %s)",
                         pid.digits, now, now);
    if (!found)
        return cli_failf("no citizen with personal ID %s in the registry", pid.digits);
    if (json)
        cli_print_json(cccd_record_json(&r));
    else
        cli_record_print(&r);
    cccd_store_record_free(&r);
    return CLI_OK;
}
