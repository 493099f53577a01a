/*
 * cmd_application_show.c: `cccd application show APP`: an application with its events,
 * corrections and captures.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli_enroll.h"
#include "cli/commands.h"

static const cli_cmd cmd = {
    "application show",
    "application show APP [--db URL] [--json]\n"
    "  Prints application APP: person, type and reason, state, unit, point, and every\n"
    "  transition (from, to, who, when, reason), the corrections and the biometric captures\n"
    "  (sizes and scores, never the bytes).",
    1, 1};

static void print_full(json_t *o) {
    json_t *v;
    size_t i;
    char point[24] = "none";
    if (json_is_integer(json_object_get(o, "point")))
        snprintf(point, sizeof point, "%lld",
                 (long long)json_integer_value(json_object_get(o, "point")));
    printf("unit %s, point %s, opened by %s at %s\n", json_string_value(json_object_get(o, "unit")),
           point, json_string_value(json_object_get(o, "officer")),
           json_string_value(json_object_get(o, "created_at")));
    json_array_foreach(json_object_get(o, "events"), i, v) {
        const char *from = json_string_value(json_object_get(v, "from"));
        const char *reason = json_string_value(json_object_get(v, "reason"));
        printf("  %s  %s -> %s  by %s%s%s\n", json_string_value(json_object_get(v, "at")),
               from ? from : "(opened)", json_string_value(json_object_get(v, "to")),
               json_string_value(json_object_get(v, "by")), reason && reason[0] ? ": " : "",
               reason ? reason : "");
    }
    json_array_foreach(json_object_get(o, "corrections"), i, v) {
        printf("  correction %lld: %s '%s' -> '%s' (%s; evidence: %s), %s\n",
               (long long)json_integer_value(json_object_get(v, "id")),
               json_string_value(json_object_get(v, "field")),
               json_string_value(json_object_get(v, "old_value")),
               json_string_value(json_object_get(v, "new_value")),
               json_string_value(json_object_get(v, "reason")),
               json_string_value(json_object_get(v, "evidence")),
               json_string_value(json_object_get(v, "state")));
    }
    json_array_foreach(json_object_get(o, "biometrics"), i, v) {
        printf("  %s %lld attempt %lld: %lld bytes\n",
               json_string_value(json_object_get(v, "kind")),
               (long long)json_integer_value(json_object_get(v, "finger")),
               (long long)json_integer_value(json_object_get(v, "attempt")),
               (long long)json_integer_value(json_object_get(v, "bytes")));
    }
}

int cmd_application_show(int argc, char **argv) {
    const char *db = NULL, *args[1];
    bool json = false;
    const cli_opt opts[] = {{"--db", &db, NULL}, {"--json", NULL, &json}, {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    int64_t id;
    if ((rc = cli_app_id(args[0], &id)) >= 0)
        return rc;
    cccd_store *st = cli_store_open(db, true);
    if (st == NULL)
        return CLI_FAIL;
    cccd_application a;
    cccd_err err;
    json_t *o = NULL;
    if (cccd_enroll_get(st, id, &a, &err) != CCCD_OK ||
        (o = cccd_enroll_json(st, &a, true, &err)) == NULL) {
        rc = cli_fail(&err);
    } else if (json) {
        cli_print_json(o);
        o = NULL;
        rc = CLI_OK;
    } else {
        cli_app_print(&a);
        print_full(o);
        rc = CLI_OK;
    }
    json_decref(o);
    cccd_store_close(st);
    return rc;
}
