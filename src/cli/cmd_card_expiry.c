/*
 * cmd_card_expiry.c: `cccd card expiry --dob D --issued D [--on D] [--json]`: the date until
 * which a card is valid under the 25/40/60 rule (or that it never expires), the rule set that
 * applies, and with --on whether it is valid on that day.
 */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "core/validity.h"

static const cli_cmd cmd = {
    "card expiry",
    "card expiry --dob DATE --issued DATE [--on DATE] [--json]\n"
    "  The expiry of a card issued on --issued to a person born on --dob (YYYY-MM-DD; a partial\n"
    "  date of birth YYYY or YYYY-MM is taken at its earliest day and the answer is marked\n"
    "  approximate). Cards issued before 2024-07-01 follow the 2014 law (exchange at 25, 40,\n"
    "  60), later ones the 2023 law (14, 25, 40, 60); a card issued within two years before an\n"
    "  exchange age is valid until the next one; from 58 on it does not expire.\n"
    "  --on DATE also says whether the card is valid that day.",
    0, 0};

int cmd_card_expiry(int argc, char **argv) {
    const char *dob_s = NULL, *issued_s = NULL, *on_s = NULL;
    bool json = false;
    const cli_opt opts[] = {{"--dob", &dob_s, NULL},
                            {"--issued", &issued_s, NULL},
                            {"--on", &on_s, NULL},
                            {"--json", NULL, &json},
                            {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, NULL, &nargs);
    if (rc >= 0)
        return rc;
    if (!dob_s || !issued_s)
        return cli_usage_error(&cmd, "--dob and --issued are required");
    cccd_err err;
    cccd_date dob, issued, on = {0};
    if (cccd_date_parse(dob_s, "dob", &dob, &err) != CCCD_OK ||
        cccd_date_parse_full(issued_s, "issued", &issued, &err) != CCCD_OK ||
        (on_s && cccd_date_parse_full(on_s, "on", &on, &err) != CCCD_OK))
        return cli_fail(&err);
    cccd_expiry e;
    if (cccd_card_expiry(dob, issued, &e, &err) != CCCD_OK)
        return cli_fail(&err);

    char iso[11], vn[11];
    if (json) {
        json_t *o = json_object();
        json_object_set_new(o, "rules", json_integer(e.rules));
        json_object_set_new(o, "expiry",
                            e.none ? json_null() : json_string(cccd_date_iso(e.date, iso)));
        json_object_set_new(o, "no_expiry", json_boolean(e.none));
        json_object_set_new(o, "exchange_age", e.none ? json_null() : json_integer(e.exchange_age));
        json_object_set_new(o, "skipped_age",
                            e.skipped_age ? json_integer(e.skipped_age) : json_null());
        json_object_set_new(o, "approximate", json_boolean(e.approximate));
        if (on_s)
            json_object_set_new(o, "valid_on", json_boolean(cccd_card_valid_on(&e, issued, on)));
        cli_print_json(o);
        return CLI_OK;
    }
    printf("rules:        %d law (exchange at %s)\n", e.rules,
           e.rules == CCCD_RULES_2014 ? "25, 40, 60" : "14, 25, 40, 60");
    if (e.none)
        printf("expiry:       none (Không thời hạn)\n");
    else
        printf("expiry:       %s (có giá trị đến %s, exchange at %d)\n", cccd_date_iso(e.date, iso),
               cccd_date_vn(e.date, vn), e.exchange_age);
    if (e.skipped_age)
        printf("note:         issued within two years before age %d, so valid until the next "
               "exchange age\n",
               e.skipped_age);
    if (e.approximate)
        printf(
            "note:         approximate: the date of birth is partial, its earliest day is used\n");
    if (on_s)
        printf("valid on %s: %s\n", cccd_date_iso(on, iso),
               cccd_card_valid_on(&e, issued, on) ? "yes" : "no");
    return CLI_OK;
}
