/*
 * cmd_staff_list.c: `cccd staff list POINT [--from DATE] [--to DATE]`: who works at a point over
 * a range of days (default: today), with each assignment's dates.
 */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/cli_plan.h"
#include "cli/commands.h"
#include "service/outreach.h"

static const cli_cmd cmd = {
    "staff list",
    "staff list POINT [--from DATE] [--to DATE] [--db URL] [--json]\n"
    "  The officers assigned to POINT on some day from --from to --to (both default to\n"
    "  today; --to defaults to --from): assignment id, account, role, first and last day.",
    1, 1};

typedef struct staff_out {
    json_t *arr; /* NULL: text */
    int n;
} staff_out;

static void on_row(void *ctx, const cccd_staff_row *r) {
    staff_out *o = ctx;
    o->n++;
    if (o->arr) {
        json_array_append_new(o->arr, cccd_staff_row_json(r));
        return;
    }
    char a[11], b[11] = "(no end)";
    cli_day_iso(r->from_day, a);
    if (r->to_day != CCCD_STAFF_OPEN)
        cli_day_iso(r->to_day, b);
    printf("%-6lld %-20s %-10s %s  %-10s %s\n", (long long)r->id, r->username, r->role, a, b,
           r->note);
}

int cmd_staff_list(int argc, char **argv) {
    const char *db = NULL, *from_s = NULL, *to_s = NULL, *args[1];
    bool json = false;
    const cli_opt opts[] = {{"--db", &db, NULL},
                            {"--from", &from_s, NULL},
                            {"--to", &to_s, NULL},
                            {"--json", NULL, &json},
                            {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    int64_t point, from, to;
    if ((rc = cli_point_id(args[0], &point)) >= 0 ||
        (rc = cli_day(from_s, "from", &from, NULL)) >= 0 ||
        (rc = cli_day(to_s ? to_s : from_s, "to", &to, NULL)) >= 0)
        return rc;
    if (to < from)
        return cli_failf("to: the range ends before it begins");
    cccd_store *st = cli_store_open(db, true);
    if (st == NULL)
        return CLI_FAIL;
    cccd_err err;
    cccd_point p;
    staff_out o = {json ? json_array() : NULL, 0};
    if ((rc = cccd_store_point_get(st, point, &p, &err)) == CCCD_OK) {
        if (!json)
            printf("point %lld: %s\n", (long long)point, p.name);
        rc = cccd_store_staff_of_point(st, point, from, to, on_row, &o, &err);
    }
    cccd_store_close(st);
    if (rc != CCCD_OK) {
        json_decref(o.arr);
        return cli_fail(&err);
    }
    if (json)
        cli_print_json(json_pack("{s:I,s:o}", "point", (json_int_t)point, "staff", o.arr));
    else if (o.n == 0)
        printf("no officer is assigned on those days\n");
    return CLI_OK;
}
