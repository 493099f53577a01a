/*
 * cmd_tickets_png.c: `cccd tickets png TICKET --out FILE.png`: one printed ticket as an image,
 * to send by message or show on a screen, or to check the layout (docs/ticket-sample.png is
 * made with it).
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/cli_output.h"
#include "cli/commands.h"
#include "service/ticket_print.h"

static const cli_cmd cmd = {
    "tickets png",
    "tickets png TICKET --out FILE [--db URL]\n"
    "  The ticket numbered TICKET (341-0000001) as a PNG image written to FILE: the page of\n"
    "  `tickets pdf` at 144 dpi, with the QR code of the ticket number.",
    1, 1};

int cmd_tickets_png(int argc, char **argv) {
    const char *db = NULL, *out = NULL, *args[1];
    const cli_opt opts[] = {{"--db", &db, NULL}, {"--out", &out, NULL}, {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    if (out == NULL)
        return cli_usage_error(&cmd, "--out FILE is required");
    int status = CLI_FAIL;
    cccd_err err;
    cccd_store *st = NULL;
    cccd_ticket_prints p = {0};
    char *png = NULL;
    size_t len = 0;
    if ((st = cli_store_open(db, true)) == NULL)
        goto done;
    if (cccd_ticket_printable(st, args[0], &p, &err) != CCCD_OK ||
        cccd_ticket_png(&p.v[0], &png, &len, &err) != CCCD_OK ||
        cli_write_file(out, png, len, &err) != CCCD_OK) {
        status = cli_fail(&err);
        goto done;
    }
    printf("wrote ticket %s to %s\n", p.v[0].ticket, out);
    status = CLI_OK;
done:
    cccd_ticket_print_release_caches(); /* the process ends: nothing left for a leak checker */
    free(png);
    cccd_ticket_prints_free(&p);
    cccd_store_close(st);
    return status;
}
