/*
 * cmd_user_add.c: `cccd user add NAME --role ROLE --unit CODE`: a new account, made on the
 * machine itself and audited as "cli:$USER". The first admin is made this way (or by
 * `cccd init --admin`).
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_account.h"
#include "cli/commands.h"
#include "service/accounts.h"

static const cli_cmd cmd = {
    "user add",
    "user add NAME --role ROLE --unit CODE [--db URL] [--json]\n"
    "  Adds an account. NAME: 3 to 32 of a-z 0-9 . _ -, starting with a letter. ROLE: admin,\n"
    "  commander, supervisor, officer, production or viewer. CODE: the unit the role is held\n"
    "  at, a code in force today (from the imported units), or VN for the whole country.\n"
    "  The password (at least 10 characters) is read from CCCD_PASSWORD when set, else from\n"
    "  the first line of standard input; on a terminal it is asked twice, not shown.\n"
    "  The addition is on the audit log, by cli:$USER from local.",
    1, 1};

int cmd_user_add(int argc, char **argv) {
    const char *db = NULL, *role = NULL, *unit = NULL, *args[1];
    bool json = false;
    const cli_opt opts[] = {{"--db", &db, NULL},
                            {"--role", &role, NULL},
                            {"--unit", &unit, NULL},
                            {"--json", NULL, &json},
                            {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    if (role == NULL || unit == NULL)
        return cli_usage_error(&cmd, "%s is required", role == NULL ? "--role" : "--unit");
    cccd_err err;
    cccd_date today;
    if (cli_today(&today, &err) != CCCD_OK)
        return cli_fail(&err);
    cccd_store *st = cli_store_open(db, true);
    if (st == NULL)
        return CLI_FAIL;
    cccd_units *u = NULL;
    bool nation = strcmp(unit, "VN") == 0 || strcmp(unit, "vn") == 0;
    if (!nation && cccd_store_units_load(st, &u, &err) != CCCD_OK &&
        err.code != CCCD_E_UNIT_UNKNOWN) {
        cccd_store_close(st);
        return cli_fail(&err);
    }
    char pw[CCCD_PASSWORD_MAX + 2];
    rc = cli_password_read(args[0], pw, sizeof pw);
    if (rc < 0) {
        char name[64];
        cccd_actor by;
        cli_actor_local(&by, name);
        cccd_account a;
        cccd_errc e = cccd_accounts_add(st, u, today, &by, args[0], role, unit, pw, NULL, &a, &err);
        cli_password_wipe(pw, sizeof pw);
        if (e != CCCD_OK) {
            rc = cli_fail(&err);
        } else {
            char label[160];
            cli_unit_label(u, a.unit_key, label, sizeof label);
            if (json)
                cli_print_json(json_pack("{s:s,s:s,s:s,s:s}", "username", a.username, "role",
                                         cccd_role_name(a.role), "unit_key", a.unit_key, "unit",
                                         label));
            else
                printf("added %s: %s at %s\n", a.username, cccd_role_name(a.role), label);
            rc = CLI_OK;
        }
    }
    cccd_units_free(u);
    cccd_store_close(st);
    return rc;
}
