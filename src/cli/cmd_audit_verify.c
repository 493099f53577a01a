/*
 * cmd_audit_verify.c: `cccd audit verify`: walks the audit chain and says whether it is whole,
 * or names the first entry that was altered or removed.
 */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "service/audit_log.h"

static const cli_cmd cmd = {
    "audit verify",
    "audit verify [--db URL] [--json]\n"
    "  Checks every entry of the audit log in one snapshot: each seq from 1 to the head present,\n"
    "  each hash recomputed from the entry and chained to the one before. Prints the number of\n"
    "  entries checked and \"chain intact\"; exit 1 with one line naming the first entry that\n"
    "  was altered or is missing (with --json also on stdout).",
    0, 0};

int cmd_audit_verify(int argc, char **argv) {
    const char *db = NULL;
    bool json = false;
    const cli_opt opts[] = {{"--db", &db, NULL}, {"--json", NULL, &json}, {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, NULL, &nargs);
    if (rc >= 0)
        return rc;
    cccd_store *st = cli_store_open(db, true);
    if (st == NULL)
        return CLI_FAIL;
    cccd_err err;
    cccd_audit_report rep;
    cccd_errc e = cccd_audit_verify(st, &rep, &err);
    cccd_store_close(st);
    if (e != CCCD_OK && e != CCCD_E_AUDIT_BROKEN)
        return cli_fail(&err);
    if (json) {
        json_t *o = json_pack("{s:b,s:I,s:I}", "intact", e == CCCD_OK, "entries",
                              (json_int_t)rep.entries, "head_seq", (json_int_t)rep.head_seq);
        if (e != CCCD_OK) {
            json_object_set_new(o, "bad_seq", json_integer((json_int_t)rep.bad_seq));
            json_object_set_new(o, "error", cli_err_json(&err));
        }
        cli_print_json(o);
    } else if (e == CCCD_OK) {
        char n[32];
        printf("%s entries checked, chain intact\n", cli_thousands(rep.entries, n));
    }
    return e == CCCD_OK ? CLI_OK : cli_fail(&err);
}
