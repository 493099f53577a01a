/*
 * cmd_registry_find.c: `cccd registry find --name TEXT --unit UNIT [--at DATE]`: citizens of a
 * unit whose name starts with TEXT, with or without diacritics ("nguyen van" finds
 * "Nguyễn Văn Thân"), through the name-key index.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "service/residents.h"
#include "cli/cli_record.h"
#include "cli/cli_units.h"
#include "cli/commands.h"
#include "core/text.h"

static const cli_cmd cmd = {
    "registry find",
    "registry find --name TEXT --unit UNIT [--at DATE] [--limit N] [--db URL] [--json]\n"
    "  Citizens served by UNIT (a commune, district or province code in force on --at, default\n"
    "  today) whose name key starts with TEXT's key, in name order, at most N (default 20).",
    0, 0};

typedef struct found {
    json_t *list;
    int n, limit;
    bool json;
} found;

static bool on_record(void *ctx, const cccd_store_record *r) {
    found *f = ctx;
    if (f->n >= f->limit)
        return false;
    f->n++;
    char name[4 * 32 + 1];
    if (f->json)
        json_array_append_new(f->list, cccd_record_json(r));
    else /* the address ends with the residential group */
        printf("%s  %s %-10s %s\n", r->v[CCCD_CF_PERSONAL_ID],
               cli_pad(r->v[CCCD_CF_FULL_NAME], 32, name), r->v[CCCD_CF_DATE_OF_BIRTH],
               r->v[CCCD_CF_PERMANENT_ADDRESS]);
    return true;
}

int cmd_registry_find(int argc, char **argv) {
    const char *db = NULL, *name = NULL, *unit = NULL, *at_s = NULL, *limit_s = NULL;
    bool json = false;
    const cli_opt opts[] = {{"--db", &db, NULL},         {"--name", &name, NULL},
                            {"--unit", &unit, NULL},     {"--at", &at_s, NULL},
                            {"--limit", &limit_s, NULL}, {"--json", NULL, &json},
                            {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, NULL, &nargs);
    if (rc >= 0)
        return rc;
    if (!name || !unit)
        return cli_usage_error(&cmd, "--name and --unit are required");
    long limit = 20;
    if (limit_s && (rc = cli_parse_long(limit_s, "--limit", 1, 10000, &limit)) >= 0)
        return rc;
    cccd_err err;
    cccd_date at;
    if ((at_s ? cccd_date_parse_full(at_s, "at", &at, &err) : cli_today(&at, &err)) != CCCD_OK)
        return cli_fail(&err);
    char *key = NULL;
    if (cccd_text_key(name, strlen(name), "name", &key, &err) != CCCD_OK)
        return cli_fail(&err);
    if (key[0] == '\0') {
        free(key);
        return cli_failf("name: '%s' has no letters or digits to search for", name);
    }
    int status = CLI_FAIL;
    cccd_store *st = NULL;
    cccd_units *u = NULL;
    cccd_unit_keys keys = {0};
    found f = {json ? json_array() : NULL, 0, (int)limit, json};
    if ((st = cli_store_open(db, true)) == NULL || (u = cli_units_from_db(st)) == NULL)
        goto done;
    if (cccd_unit_keys_get(u, unit, at, &keys, &err) != CCCD_OK ||
        cccd_residents_find(st, &keys, key, f.limit, on_record, &f, &err) != CCCD_OK) {
        status = cli_fail(&err);
        goto done;
    }
    if (json)
        cli_print_json(
            json_pack("{s:s,s:s,s:O}", "unit", keys.unit->code, "key", key, "found", f.list));
    else if (f.n == 0)
        printf("no one in %s %s whose name starts with '%s'\n", keys.unit->code, keys.unit->name,
               key);
    status = CLI_OK;
done:
    json_decref(f.list);
    cccd_unit_keys_free(&keys);
    cccd_units_free(u);
    cccd_store_close(st);
    free(key);
    return status;
}
