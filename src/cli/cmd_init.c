/*
 * cmd_init.c: `cccd init [--db URL] [--admin NAME]`: creates a database or upgrades its schema
 * to the version this program knows, and refuses to touch one whose schema is newer. With
 * --admin it also makes the first account, an admin for the whole country, so that a new
 * installation can be administered at all.
 */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/cli_account.h"
#include "cli/commands.h"
#include "service/accounts.h"

static const cli_cmd cmd = {
    "init",
    "init [--db URL] [--admin NAME] [--json]\n"
    "  Creates the database (sqlite:PATH or postgresql://...; default CCCD_DB, then\n"
    "  sqlite:cccd.db) or upgrades its schema by applying the numbered migrations it lacks.\n"
    "  A database whose schema is newer than this cccd knows is refused and left as it is.\n"
    "  --admin NAME also creates the first account: role admin, unit VN, the password read as\n"
    "  for user add (CCCD_PASSWORD, else the first line of standard input, asked twice on a\n"
    "  terminal). Only while there is no account yet; later ones are made with user add.",
    0, 0};

static void count_one(void *ctx, const cccd_account *a) {
    (void)a;
    (*(int *)ctx)++;
}

/* Makes the first admin; -1 on success, else the exit code after printing why. */
static int first_admin(cccd_store *st, const char *name) {
    cccd_err err;
    int accounts = 0;
    if (cccd_store_account_list(st, count_one, &accounts, &err) != CCCD_OK)
        return cli_fail(&err);
    if (accounts > 0)
        return cli_failf("--admin: the database has accounts already (%d); add more with cccd "
                         "user add",
                         accounts);
    cccd_date today;
    if (cli_today(&today, &err) != CCCD_OK)
        return cli_fail(&err);
    char pw[CCCD_PASSWORD_MAX + 2];
    int rc = cli_password_read(name, pw, sizeof pw);
    if (rc >= 0)
        return rc;
    char who[64];
    cccd_actor by;
    cli_actor_local(&by, who);
    cccd_errc e =
        cccd_accounts_add(st, NULL, today, &by, name, "admin", "VN", pw, NULL, NULL, &err);
    cli_password_wipe(pw, sizeof pw);
    return e == CCCD_OK ? -1 : cli_fail(&err);
}

int cmd_init(int argc, char **argv) {
    const char *db = NULL, *admin = NULL;
    bool json = false;
    const cli_opt opts[] = {{"--db", &db, NULL},
                            {"--admin", &admin, NULL},
                            {"--json", NULL, &json},
                            {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, NULL, &nargs);
    if (rc >= 0)
        return rc;
    cccd_store *st = cli_store_open(db, false);
    if (st == NULL)
        return CLI_FAIL;
    cccd_err err;
    int from = 0, to = 0;
    cccd_errc e = cccd_store_migrate(st, &from, &to, &err);
    const char *backend = cccd_store_backend(st);
    if (e != CCCD_OK) {
        cccd_store_close(st);
        return cli_fail(&err);
    }
    if (admin && (rc = first_admin(st, admin)) >= 0) {
        cccd_store_close(st);
        return rc;
    }
    if (json) {
        json_t *o = json_pack("{s:s,s:i,s:i}", "backend", backend, "from", from, "to", to);
        if (admin)
            json_object_set_new(o, "admin", json_string(admin));
        cli_print_json(o);
    } else {
        if (from == to)
            printf("%s database is up to date (schema version %d)\n", backend, to);
        else if (from == 0)
            printf("created %s database (schema version %d)\n", backend, to);
        else
            printf("upgraded %s database from schema version %d to %d\n", backend, from, to);
        if (admin)
            printf("added %s: admin at VN Việt Nam\n", admin);
    }
    cccd_store_close(st);
    return CLI_OK;
}
