/*
 * cli_advice.c: printing a proposal and deciding one, for cccd advice, advice accept and
 * advice dismiss (cli_advice.h).
 */
#include "cli/cli_advice.h"

#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_campaigns.h"
#include "service/advice.h"

/* The code of a stored unit key ("CODE@" or "CODE@YYYY-MM-DD"). */
static int code_len(const char *key) {
    return (int)strcspn(key, "@");
}

void cli_advice_print(const cccd_advice_row *r) {
    printf("#%lld %s%s%s%s%s from %.*s to %.*s [%s]\n", (long long)r->id, r->kind,
           r->serial[0] ? " " : "", r->serial, r->username[0] ? " " : "", r->username,
           code_len(r->from_key), r->from_key, code_len(r->to_key), r->to_key, r->state);
    printf("  %s\n", r->reason);
}

int cli_advice_decide(const char *db, const char *id_arg, bool accept, bool json) {
    long id;
    int rc = cli_parse_long(id_arg, "ID", 1, 2000000000, &id);
    if (rc >= 0)
        return rc;
    cli_camp c;
    if ((rc = cli_camp_open(&c, db)) >= 0)
        return rc;
    cccd_err err;
    cccd_advice_row r;
    cccd_errc e = accept ? cccd_advice_accept(c.st, c.u, id, c.today, c.now, &c.by, &r, &err)
                         : cccd_advice_dismiss(c.st, c.u, id, c.today, c.now, &c.by, &r, &err);
    if (e != CCCD_OK) {
        rc = cli_fail(&err);
    } else {
        if (json)
            cli_print_json(cccd_advice_row_json(&r));
        else
            cli_advice_print(&r);
        rc = CLI_OK;
    }
    cli_camp_close(&c);
    return rc;
}
