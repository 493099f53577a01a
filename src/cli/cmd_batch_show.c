/*
 * cmd_batch_show.c: `cccd batch show BATCH`: a production batch, its progress and its
 * manifests.
 */
#include <stdio.h>

#include "cli/cli_production.h"
#include "cli/commands.h"
#include "service/production.h"

static const cli_cmd cmd = {
    "batch show",
    "batch show BATCH [--db URL] [--json]\n"
    "  Prints production batch BATCH: its cards, how many are produced, and once dispatched its\n"
    "  manifests (one per receiving unit) and whether each was received.",
    1, 1};

static void add_manifest(void *ctx, const cccd_manifest *m) {
    json_array_append_new(ctx, cccd_manifest_json(m));
}

static void print_manifest(void *ctx, const cccd_manifest *m) {
    (void)ctx;
    printf("  ");
    cli_manifest_print(m);
}

int cmd_batch_show(int argc, char **argv) {
    const char *db = NULL, *args[1];
    bool json = false;
    const cli_opt opts[] = {{"--db", &db, NULL}, {"--json", NULL, &json}, {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    int64_t id;
    if (rc >= 0 || (rc = cli_batch_id(args[0], "batch", &id)) >= 0)
        return rc;
    cccd_store *st = cli_store_open(db, true);
    if (st == NULL)
        return CLI_FAIL;
    cccd_batch b;
    bool found = false;
    cccd_err err;
    if (cccd_store_batch_get(st, id, &b, &found, &err) != CCCD_OK) {
        rc = cli_fail(&err);
    } else if (!found) {
        rc = cli_failf("no production batch %lld", (long long)id);
    } else if (json) {
        json_t *o = cccd_batch_json(&b), *manifests = json_array();
        json_object_set_new(o, "manifests", manifests);
        rc = cccd_store_batch_manifests(st, id, add_manifest, manifests, &err) == CCCD_OK
                 ? CLI_OK
                 : cli_fail(&err);
        if (rc == CLI_OK)
            cli_print_json(o);
        else
            json_decref(o);
    } else {
        cli_batch_print(&b);
        rc = cccd_store_batch_manifests(st, id, print_manifest, NULL, &err) == CCCD_OK
                 ? CLI_OK
                 : cli_fail(&err);
    }
    cccd_store_close(st);
    return rc;
}
