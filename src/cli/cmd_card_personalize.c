/*
 * cmd_card_personalize.c: `cccd card personalize --application ID --out DIR`: one approved
 * application made into its card's files (the chip's EF.COM, EF.DG1, EF.DG2, EF.DG13 and the
 * EF.SOD signed through the document signer, and the printed faces). Recording the card as
 * produced is the batch's (`cccd batch run`); this writes the files only.
 */
#include <stdio.h>

#include "cli/cli_production.h"
#include "cli/cli_queue.h"
#include "cli/commands.h"

static const cli_cmd cmd = {
    "card personalize",
    "card personalize --application ID --out DIR --signer SOCKET --key FILE [--db URL]\n"
    "  Writes the card of approved application ID into DIR (created; replaced when there):\n"
    "  EF.COM, EF.DG1, EF.DG2, EF.DG13, EF.SOD and front.png, back.png, issued today with\n"
    "  the expiry by the 25/40/60 rule. The data comes from the registry record, the portrait\n"
    "  from the desk's capture (unsealed with the key file of --key); the EF.SOD is signed by\n"
    "  the `cccd signer` listening on SOCKET. Check the result with `cccd card verify`.",
    0, 0};

int cmd_card_personalize(int argc, char **argv) {
    const char *db = NULL, *app_s = NULL, *out = NULL, *sock = NULL, *key_f = NULL;
    const cli_opt opts[] = {{"--db", &db, NULL},     {"--application", &app_s, NULL},
                            {"--out", &out, NULL},   {"--signer", &sock, NULL},
                            {"--key", &key_f, NULL}, {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, NULL, &nargs);
    if (rc >= 0)
        return rc;
    if (!app_s || !out || !sock || !key_f)
        return cli_usage_error(&cmd, "--application, --out, --signer and --key are required");
    int64_t id, day, now;
    if ((rc = cli_batch_id(app_s, "--application", &id)) >= 0 ||
        (rc = cli_queue_clock(&day, &now)) >= 0)
        return rc;
    cli_card_tools t;
    if ((rc = cli_card_tools_open(&t, db, sock, key_f)) >= 0)
        return rc;
    cccd_card_made made;
    cccd_err err;
    if (cccd_card_personalize(t.st, &t.maker, id, now, out, &made, &err) != CCCD_OK) {
        rc = cli_fail(&err);
    } else {
        char issued[16], expiry[16];
        printf("card %s of application %lld written to %s: issued %s, %s%s; EF.SOD sha256 %s\n",
               made.card_number, (long long)id, out, cccd_date_iso(made.issued, issued),
               made.expiry.prec == CCCD_DATE_NONE ? "no expiry" : "valid until ",
               cccd_date_iso(made.expiry, expiry), made.sod_sha256);
        rc = CLI_OK;
    }
    cli_card_tools_close(&t);
    return rc;
}
