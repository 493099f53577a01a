/*
 * cmd_user_list.c: `cccd user list`: every account with its role, unit, state and failed
 * logins. Password hashes are never shown.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_account.h"
#include "cli/commands.h"
#include "service/jurisdiction.h"
#include "store/store_accounts.h"

static const cli_cmd cmd = {"user list",
                            "user list [--db URL] [--json]\n"
                            "  Lists the accounts in name order: name, role, the unit the role is\n"
                            "  held at (code and name), whether disabled, failed logins in a row.",
                            0, 0};

typedef struct list_ctx {
    const cccd_units *u;
    bool json;
    json_t *arr;
    int n;
} list_ctx;

static void on_account(void *ctx, const cccd_account *a) {
    list_ctx *c = ctx;
    char label[160];
    cli_unit_label(c->u, a->unit_key, label, sizeof label);
    c->n++;
    if (c->json) {
        const cccd_unit *v =
            strcmp(a->unit_key, "VN") && c->u ? cccd_units_by_key(c->u, a->unit_key) : NULL;
        json_t *o =
            json_pack("{s:s,s:s,s:s,s:s,s:s,s:b,s:I,s:I,s:s}", "username", a->username, "role",
                      cccd_role_name(a->role), "unit_key", a->unit_key, "unit_code",
                      v ? v->code : a->unit_key, "unit_name",
                      v ? v->name : (strcmp(a->unit_key, "VN") ? "" : "Việt Nam"), "disabled",
                      a->disabled, "failed_logins", (json_int_t)a->failed_logins, "locked_until",
                      (json_int_t)a->locked_until, "created_at", a->created_at);
        json_array_append_new(c->arr, o);
        return;
    }
    char name[4 * 20 + 1], role[4 * 11 + 1], unit[4 * 36 + 1];
    printf("%s %s %s %-8s %lld\n", cli_pad(a->username, 20, name),
           cli_pad(cccd_role_name(a->role), 11, role), cli_pad(label, 36, unit),
           a->disabled ? "yes" : "no", (long long)a->failed_logins);
}

int cmd_user_list(int argc, char **argv) {
    const char *db = NULL;
    bool json = false;
    const cli_opt opts[] = {{"--db", &db, NULL}, {"--json", NULL, &json}, {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, NULL, &nargs);
    if (rc >= 0)
        return rc;
    cccd_store *st = cli_store_open(db, true);
    if (st == NULL)
        return CLI_FAIL;
    cccd_err err;
    cccd_units *u = NULL;
    /* the unit names when units were imported; the keys alone otherwise */
    if (cccd_store_units_load(st, &u, &err) != CCCD_OK && err.code != CCCD_E_UNIT_UNKNOWN) {
        cccd_store_close(st);
        return cli_fail(&err);
    }
    list_ctx c = {u, json, json ? json_array() : NULL, 0};
    if (!json) {
        char name[4 * 20 + 1], role[4 * 11 + 1], unit[4 * 36 + 1];
        printf("%s %s %s %-8s %s\n", cli_pad("NAME", 20, name), cli_pad("ROLE", 11, role),
               cli_pad("UNIT", 36, unit), "DISABLED", "FAILED");
    }
    cccd_errc e = cccd_store_account_list(st, on_account, &c, &err);
    cccd_units_free(u);
    cccd_store_close(st);
    if (e != CCCD_OK) {
        json_decref(c.arr);
        return cli_fail(&err);
    }
    if (json)
        cli_print_json(c.arr);
    return CLI_OK;
}
