/*
 * cmd_tickets_pdf.c: `cccd tickets pdf UNIT --out FILE.pdf [--on DATE] [--point ID]`: the
 * printed tickets of the people a unit serves, one A6 page each, in the order `tickets list`
 * gives, for the officers to print and hand out door to door (service/ticket_print.h).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/cli_output.h"
#include "cli/cli_plan.h"
#include "cli/cli_units.h"
#include "cli/commands.h"
#include "service/ticket_print.h"

static const cli_cmd cmd = {
    "tickets pdf",
    "tickets pdf UNIT --out FILE [--on DATE] [--point ID] [--at DATE] [--db URL]\n"
    "  The printed tickets of the people UNIT serves on --at (default: the --on day, else\n"
    "  today), one A6 page each, in the order of `tickets list`, as a PDF written to FILE:\n"
    "  name, ticket number, day and time window, the point's name and address (and place,\n"
    "  for a mobile point), what to bring, and a QR code of the ticket number\n"
    "  (docs/planning.md). --on: only the tickets of that day; --point: only those at that\n"
    "  point. No ticket matching is an error (nothing is written).",
    1, 1};

int cmd_tickets_pdf(int argc, char **argv) {
    const char *db = NULL, *at_s = NULL, *on_s = NULL, *point_s = NULL, *out = NULL, *args[1];
    const cli_opt opts[] = {{"--db", &db, NULL},   {"--at", &at_s, NULL},
                            {"--on", &on_s, NULL}, {"--point", &point_s, NULL},
                            {"--out", &out, NULL}, {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    if (out == NULL)
        return cli_usage_error(&cmd, "--out FILE is required");
    int64_t at, on = INT64_MIN, point = 0;
    cccd_date at_d;
    if ((rc = cli_day(at_s ? at_s : on_s, at_s ? "at" : "on", &at, &at_d)) >= 0 ||
        (on_s && (rc = cli_day(on_s, "on", &on, NULL)) >= 0) ||
        (point_s && (rc = cli_point_id(point_s, &point)) >= 0))
        return rc;
    int status = CLI_FAIL;
    cccd_err err;
    cccd_store *st = NULL;
    cccd_units *u = NULL;
    cccd_ticket_prints p = {0};
    char *pdf = NULL;
    size_t len = 0;
    if ((st = cli_store_open(db, true)) == NULL || (u = cli_units_from_db(st)) == NULL)
        goto done;
    if (cccd_tickets_printable(st, u, args[0], at_d, on, point, &p, &err) != CCCD_OK) {
        status = cli_fail(&err);
        goto done;
    }
    if (p.n == 0) {
        char iso[11];
        char on_part[24] = "", point_part[32] = "";
        if (on_s)
            snprintf(on_part, sizeof on_part, " on %s", cli_day_iso(on, iso));
        if (point_s)
            snprintf(point_part, sizeof point_part, " at point %lld", (long long)point);
        status = cli_failf("no tickets of %s%s%s to print", args[0], on_part, point_part);
        goto done;
    }
    if (cccd_tickets_pdf(p.v, p.n, &pdf, &len, &err) != CCCD_OK ||
        cli_write_file(out, pdf, len, &err) != CCCD_OK) {
        status = cli_fail(&err);
        goto done;
    }
    printf("wrote %zu ticket%s to %s\n", p.n, p.n == 1 ? "" : "s", out);
    status = CLI_OK;
done:
    cccd_ticket_print_release_caches(); /* the process ends: nothing left for a leak checker */
    free(pdf);
    cccd_ticket_prints_free(&p);
    cccd_units_free(u);
    cccd_store_close(st);
    return status;
}
