/*
 * cmd_kit_history.c: `cccd kit history SERIAL [--at DATE] [--json]`: where a kit was and what
 * state it was in, event by event; with --at, where it was on that day.
 */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/cli_plan.h"
#include "cli/commands.h"

static const cli_cmd cmd = {
    "kit history",
    "kit history SERIAL [--at DATE] [--db URL] [--json]\n"
    "  The kit's events in date order: each state (working, broken, in_transit) and each\n"
    "  move (to a point, or to a unit), with its note. With --at, only where the kit was on\n"
    "  that day and its state then.",
    1, 1};

typedef struct hist {
    json_t *arr;
} hist;

static void on_event(void *ctx, const cccd_kit_history_row *r) {
    hist *h = ctx;
    char iso[11];
    cli_day_iso(r->ev.day, iso);
    if (h->arr) {
        json_t *o = json_pack("{s:s,s:s}", "day", iso, "event", r->ev.is_state ? "state" : "move");
        if (r->ev.is_state)
            json_object_set_new(o, "state", json_string(cccd_kit_state_name(r->ev.state)));
        else {
            if (r->ev.point_id)
                json_object_set_new(o, "point", json_integer(r->ev.point_id));
            json_object_set_new(o, "unit_key", json_string(r->unit_key));
        }
        json_object_set_new(o, "note", json_string(r->note));
        json_array_append_new(h->arr, o);
    } else if (r->ev.is_state) {
        printf("%s  state   %-10s %s\n", iso, cccd_kit_state_name(r->ev.state), r->note);
    } else if (r->ev.point_id) {
        printf("%s  point   %-10lld %s (unit %s)\n", iso, (long long)r->ev.point_id, r->note,
               r->unit_key);
    } else {
        printf("%s  unit    %-10s %s\n", iso, r->unit_key, r->note);
    }
}

int cmd_kit_history(int argc, char **argv) {
    const char *db = NULL, *at_s = NULL, *args[1];
    bool json = false;
    const cli_opt opts[] = {
        {"--db", &db, NULL}, {"--at", &at_s, NULL}, {"--json", NULL, &json}, {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    int64_t at = 0;
    if (at_s && (rc = cli_day(at_s, "at", &at, NULL)) >= 0)
        return rc;
    cccd_err err;
    cccd_store *st = cli_store_open(db, true);
    if (st == NULL)
        return CLI_FAIL;
    int status = CLI_OK;
    if (at_s) {
        int64_t point;
        char key[CCCD_UNIT_KEY_LEN];
        cccd_kit_state s;
        if (cccd_store_kit_at(st, args[0], at, &point, key, &s, &err) != CCCD_OK)
            status = cli_fail(&err);
        else if (json)
            cli_print_json(json_pack("{s:s,s:s,s:s,s:I,s:s}", "serial", args[0], "at", at_s,
                                     "state", cccd_kit_state_name(s), "point", (json_int_t)point,
                                     "unit_key", key));
        else if (key[0] == '\0')
            printf("kit %s on %s: not registered yet\n", args[0], at_s);
        else if (point)
            printf("kit %s on %s: %s, at point %lld (unit %s)\n", args[0], at_s,
                   cccd_kit_state_name(s), (long long)point, key);
        else
            printf("kit %s on %s: %s, held by unit %s\n", args[0], at_s, cccd_kit_state_name(s),
                   key);
    } else {
        hist h = {json ? json_array() : NULL};
        if (cccd_store_kit_history(st, args[0], on_event, &h, &err) != CCCD_OK) {
            json_decref(h.arr);
            status = cli_fail(&err);
        } else if (json) {
            cli_print_json(h.arr);
        }
    }
    cccd_store_close(st);
    return status;
}
