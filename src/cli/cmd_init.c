/*
 * cmd_init.c: `cccd init [--db URL]`: creates a database or upgrades its schema to the version
 * this program knows, and refuses to touch one whose schema is newer.
 */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/commands.h"

static const cli_cmd cmd = {
    "init",
    "init [--db URL] [--json]\n"
    "  Creates the database (sqlite:PATH or postgresql://...; default CCCD_DB, then\n"
    "  sqlite:cccd.db) or upgrades its schema by applying the numbered migrations it lacks.\n"
    "  A database whose schema is newer than this cccd knows is refused and left as it is.",
    0, 0};

int cmd_init(int argc, char **argv) {
    const char *db = NULL;
    bool json = false;
    const cli_opt opts[] = {{"--db", &db, NULL}, {"--json", NULL, &json}, {NULL, NULL, NULL}};
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
    cccd_store_close(st);
    if (e != CCCD_OK)
        return cli_fail(&err);
    if (json)
        cli_print_json(json_pack("{s:s,s:i,s:i}", "backend", backend, "from", from, "to", to));
    else if (from == to)
        printf("%s database is up to date (schema version %d)\n", backend, to);
    else if (from == 0)
        printf("created %s database (schema version %d)\n", backend, to);
    else
        printf("upgraded %s database from schema version %d to %d\n", backend, from, to);
    return CLI_OK;
}
