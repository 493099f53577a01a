/*
 * cmd_batch_dispatch.c: `cccd batch dispatch BATCH`: the card centre sends a batch whose cards
 * are all made, one manifest per receiving unit.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli_account.h"
#include "cli/cli_production.h"
#include "cli/cli_queue.h"
#include "cli/commands.h"
#include "service/production.h"

static const cli_cmd cmd = {
    "batch dispatch",
    "batch dispatch BATCH [--db URL] [--json]\n"
    "  Sends production batch BATCH once every card is produced: one manifest per receiving\n"
    "  unit (the unit of each application), every application to dispatched. Prints the\n"
    "  manifests; each unit confirms its own with `cccd manifest receive`. Audited by\n"
    "  cli:$USER from local.",
    1, 1};

/* The manifests made, printed once the transaction has committed. */
typedef struct sent {
    cccd_manifest *v; /* owned */
    size_t n, cap;
    bool short_of_memory;
} sent;

static void on_manifest(void *ctx, const cccd_manifest *m) {
    sent *s = ctx;
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        cccd_manifest *v = realloc(s->v, cap * sizeof *v);
        if (v == NULL) {
            s->short_of_memory = true;
            return;
        }
        s->v = v;
        s->cap = cap;
    }
    s->v[s->n++] = *m;
}

int cmd_batch_dispatch(int argc, char **argv) {
    const char *db = NULL, *args[1];
    bool json = false;
    const cli_opt opts[] = {{"--db", &db, NULL}, {"--json", NULL, &json}, {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    int64_t id, day, now;
    if (rc >= 0 || (rc = cli_batch_id(args[0], "batch", &id)) >= 0 ||
        (rc = cli_queue_clock(&day, &now)) >= 0)
        return rc;
    cccd_store *st = cli_store_open(db, true);
    if (st == NULL)
        return CLI_FAIL;
    char name[64];
    cccd_actor by;
    cli_actor_local(&by, name);
    cccd_err err;
    sent s = {NULL, 0, 0, false};
    if (cccd_batch_dispatch(st, id, now, &by, on_manifest, &s, &err) != CCCD_OK) {
        rc = cli_fail(&err);
    } else if (json) {
        json_t *list = json_array();
        for (size_t i = 0; i < s.n; i++)
            json_array_append_new(list, cccd_manifest_json(&s.v[i]));
        cli_print_json(list);
        rc = CLI_OK;
    } else {
        for (size_t i = 0; i < s.n; i++)
            cli_manifest_print(&s.v[i]);
        if (s.short_of_memory)
            printf("(more manifests were made: see cccd batch show %lld)\n", (long long)id);
        rc = CLI_OK;
    }
    free(s.v);
    cccd_store_close(st);
    return rc;
}
