/*
 * cmd_card_eligible.c: `cccd card eligible --dob D [--on D] [--json]`: whether a person must
 * hold a card on a day (14 and over), may have one on request (under 14, from 2024-07-01), and
 * from which day they are surely 14.
 */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "core/validity.h"

static const cli_cmd cmd = {
    "card eligible",
    "card eligible --dob DATE [--on DATE] [--json]\n"
    "  Whether a person born on --dob must hold a card on --on (default today in Vietnam, or\n"
    "  CCCD_TODAY): mandatory from 14; under 14 on request from 2024-07-01. A partial date of\n"
    "  birth counts from its latest possible day. Exit 0 either way; 1 on bad input.",
    0, 0};

int cmd_card_eligible(int argc, char **argv) {
    const char *dob_s = NULL, *on_s = NULL;
    bool json = false;
    const cli_opt opts[] = {{"--dob", &dob_s, NULL},
                            {"--on", &on_s, NULL},
                            {"--json", NULL, &json},
                            {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, NULL, &nargs);
    if (rc >= 0)
        return rc;
    if (!dob_s)
        return cli_usage_error(&cmd, "--dob is required");
    cccd_err err;
    cccd_date dob, on;
    if (cccd_date_parse(dob_s, "dob", &dob, &err) != CCCD_OK)
        return cli_fail(&err);
    if ((on_s ? cccd_date_parse_full(on_s, "on", &on, &err) : cli_today(&on, &err)) != CCCD_OK)
        return cli_fail(&err);
    cccd_eligibility el;
    if (cccd_eligibility_on(dob, on, &el, &err) != CCCD_OK)
        return cli_fail(&err);
    char iso[11], from[11];
    cccd_date_iso(on, iso);
    cccd_date_iso(el.eligible_from, from);
    const char *verdict = el.mandatory ? "mandatory" : el.on_request ? "on_request" : "not_yet";
    if (json) {
        cli_print_json(json_pack("{s:s,s:s,s:i,s:s,s:b}", "on", iso, "eligibility", verdict, "age",
                                 el.age, "eligible_from", from, "approximate", el.approximate));
        return CLI_OK;
    }
    printf("on:            %s\n", iso);
    printf("age:           %d%s\n", el.age, el.approximate ? " (at least)" : "");
    printf("eligibility:   %s\n", el.mandatory    ? "mandatory (14 or over)"
                                  : el.on_request ? "on request (under 14, 2023 law)"
                                                  : "not yet (under 14)");
    printf("eligible_from: %s\n", from);
    return CLI_OK;
}
