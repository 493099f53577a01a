/*
 * cmd_id_check.c: `cccd id check NUMBER [--dob D] [--sex M|F] [--lenient] [--json]`:
 * validates a personal ID number, optionally against a date of birth and sex, and prints
 * what it encodes, or the precise reason it is invalid (exit 1).
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "core/pid.h"

static const cli_cmd cmd = {
    "id check",
    "id check NUMBER [--dob YYYY-MM-DD] [--sex M|F] [--lenient] [--json]\n"
    "  Validates a 12-digit personal ID number and prints its province of birth registration,\n"
    "  sex and birth year. With --dob and --sex, also checks that the century/sex digit and\n"
    "  the year digits agree with them (a partial --dob such as 1990 or 1990-05 checks the\n"
    "  year). --lenient reports an unknown province code as a warning instead of an error.\n"
    "  A birth year after today (CCCD_TODAY, default today in Vietnam) is refused.\n"
    "  Exit 0 when valid, 1 when not (the reason on stderr; with --json also on stdout).",
    1, 1};

int cmd_id_check(int argc, char **argv) {
    const char *dob_s = NULL, *sex_s = NULL, *args[1];
    bool lenient = false, json = false;
    const cli_opt opts[] = {{"--dob", &dob_s, NULL},
                            {"--sex", &sex_s, NULL},
                            {"--lenient", NULL, &lenient},
                            {"--json", NULL, &json},
                            {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    cccd_err err;
    cccd_pid_facts facts = {.lenient = lenient};
    if (cli_today(&facts.today, &err) != CCCD_OK)
        return cli_fail(&err);
    if (dob_s && cccd_date_parse(dob_s, "dob", &facts.dob, &err) != CCCD_OK)
        return cli_fail(&err);
    if (sex_s && cccd_sex_parse(sex_s, "sex", &facts.sex, &err) != CCCD_OK)
        return cli_fail(&err);

    cccd_pid pid;
    if (cccd_pid_parse(args[0], strlen(args[0]), &facts, &pid, &err) != CCCD_OK) {
        if (json) {
            json_t *o = json_object();
            json_object_set_new(o, "valid", json_false());
            json_object_set_new(o, "error", cli_err_json(&err));
            cli_print_json(o);
        }
        return cli_fail(&err);
    }
    if (json) {
        json_t *o = json_object();
        json_object_set_new(o, "valid", json_true());
        json_object_set_new(o, "personal_id", json_string(pid.digits));
        if (pid.province)
            json_object_set_new(o, "province",
                                json_pack("{s:s,s:s}", "code", pid.province->id_prefix, "name",
                                          pid.province->name));
        else
            json_object_set_new(o, "province", json_null());
        json_object_set_new(o, "sex", json_string(cccd_sex_code(pid.sex)));
        json_object_set_new(o, "birth_year", json_integer(pid.birth_year));
        if (pid.warning[0])
            json_object_set_new(o, "warning", json_string(pid.warning));
        cli_print_json(o);
        return CLI_OK;
    }
    printf("personal_id: %s\n", pid.digits);
    if (pid.province)
        printf("province:    %s %s\n", pid.province->id_prefix, pid.province->name);
    else
        printf("province:    %.3s (unknown)\n", pid.digits);
    printf("sex:         %s\n", pid.sex == CCCD_SEX_MALE ? "M (nam)" : "F (nữ)");
    printf("birth_year:  %d\n", pid.birth_year);
    if (pid.warning[0]) {
        printf("warning:     %s\n", pid.warning);
        fprintf(stderr, "cccd: warning: %s\n", pid.warning);
    }
    printf("valid:       yes\n");
    return CLI_OK;
}
