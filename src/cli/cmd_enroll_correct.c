/*
 * cmd_enroll_correct.c: `cccd enroll correct APP --field F --value V --reason R`: the citizen
 * asks for a change to their registry record; it is recorded as a proposed correction.
 */
#include <stdio.h>

#include "cli/cli_account.h"
#include "cli/cli_enroll.h"
#include "cli/cli_queue.h"
#include "cli/commands.h"

static const cli_cmd cmd = {
    "enroll correct",
    "enroll correct APP --field F --value V --reason R [--evidence E] [--db URL] [--json]\n"
    "  Proposes a correction of the record of application APP's person (while the application\n"
    "  is draft or submitted), with the reason and the evidence shown. Identity fields\n"
    "  (full_name, date_of_birth, sex, personal_id) wait for a supervisor (cccd enroll\n"
    "  decide); the others (ethnicity, religion, place_of_origin, permanent_address,\n"
    "  temporary_address, father_name, mother_name, spouse_name) are applied at once. Audited\n"
    "  by cli:$USER from local.",
    1, 1};

int cmd_enroll_correct(int argc, char **argv) {
    const char *db = NULL, *field = NULL, *value = NULL, *reason = NULL, *evidence = NULL, *args[1];
    bool json = false;
    const cli_opt opts[] = {
        {"--db", &db, NULL},         {"--field", &field, NULL},       {"--value", &value, NULL},
        {"--reason", &reason, NULL}, {"--evidence", &evidence, NULL}, {"--json", NULL, &json},
        {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    if (field == NULL || value == NULL || reason == NULL)
        return cli_usage_error(&cmd, "--field, --value and --reason are required");
    int64_t id, day, now;
    if ((rc = cli_app_id(args[0], &id)) >= 0 || (rc = cli_queue_clock(&day, &now)) >= 0)
        return rc;
    cccd_store *st = cli_store_open(db, true);
    if (st == NULL)
        return CLI_FAIL;
    char name[64];
    cccd_actor by;
    cli_actor_local(&by, name);
    cccd_correction c;
    cccd_err err;
    if (cccd_enroll_correct(st, id, field, value, reason, evidence ? evidence : "", now, &by, &c,
                            &err) != CCCD_OK) {
        rc = cli_fail(&err);
    } else if (json) {
        cli_print_json(cccd_correction_json(&c));
        rc = CLI_OK;
    } else {
        printf("correction %lld of application %lld: %s '%s' -> '%s', %s\n", (long long)c.id,
               (long long)id, c.field, c.old_value, c.new_value,
               c.state == CCCD_CORR_PROPOSED ? "proposed (a supervisor approves it)"
                                             : "applied to the registry");
        rc = CLI_OK;
    }
    cccd_store_close(st);
    return rc;
}
