/*
 * cmd_mrz_check.c: `cccd mrz check [--json] [--today D] [FILE]`: reads the three lines of a
 * TD1 machine-readable zone, verifies every check digit and fixed field, and prints what it
 * decodes. It exists so that a card coming back (or a scan of one) can be checked by the same
 * code that wrote the MRZ (core/mrz.c). Output fields are described in docs/mrz.md. All memory
 * here is local to the command and released before it returns.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "core/mrz.h"

static const cli_cmd cmd = {
    "mrz check",
    "mrz check [--json] [--today YYYY-MM-DD] [FILE]\n"
    "  Reads the three 30-character lines of a TD1 MRZ from FILE (default: standard input),\n"
    "  verifies every check digit (document number, optional data, birth date, expiry,\n"
    "  composite) and the fixed fields, and prints the decoded fields. --json prints a JSON\n"
    "  object with each check's result, also when the MRZ is wrong (\"valid\": false).\n"
    "  --today (default: CCCD_TODAY, else today in Vietnam) decides the century of the birth\n"
    "  year: the one that is not in the future.\n"
    "  Exit 0 when everything is right, 1 otherwise (the first problem, with its line and\n"
    "  column, on stderr), 2 on a usage error. See docs/mrz.md.",
    0, 1};

#define MAX_INPUT 4096

/* A JSON string of MRZ text, which may hold bytes that are not UTF-8 when the MRZ is bad. */
static json_t *ascii_string(const char *s) {
    char buf[64];
    size_t i = 0;
    for (; s[i] && i + 1 < sizeof buf; i++)
        buf[i] = (unsigned char)s[i] < 0x80 ? s[i] : '?';
    buf[i] = '\0';
    return json_string(buf);
}

static json_t *opt_string(const char *s) {
    return s[0] ? ascii_string(s) : json_null();
}

static json_t *date_json(cccd_date d) {
    char buf[16];
    return d.prec == CCCD_DATE_NONE ? json_null() : json_string(cccd_date_iso(d, buf));
}

/* The error object, with the line and column of the problem spelled out. */
static json_t *error_json(const cccd_err *err) {
    json_t *e = cli_err_json(err);
    int line = 0;
    if (sscanf(err->field, "line %d", &line) == 1)
        json_object_set_new(e, "line", json_integer(line));
    if (err->pos)
        json_object_set_new(e, "column", json_integer((json_int_t)err->pos));
    return e;
}

static json_t *fields_json(const cccd_mrz_fields *f, const cccd_err *err) {
    json_t *o = json_object();
    json_object_set_new(o, "valid", json_boolean(f->valid));
    json_t *lines = json_array();
    for (int i = 0; i < CCCD_MRZ_LINES; i++)
        json_array_append_new(lines, ascii_string(f->mrz.line[i]));
    json_object_set_new(o, "lines", lines);
    json_object_set_new(o, "document_code", ascii_string(f->document_code));
    json_object_set_new(o, "issuing_state", ascii_string(f->issuing_state));
    json_object_set_new(o, "document_number", ascii_string(f->document_number));
    json_object_set_new(o, "personal_id", opt_string(f->personal_id));
    json_object_set_new(o, "optional_data_1", ascii_string(f->optional_data1));
    json_object_set_new(o, "date_of_birth", date_json(f->birth));
    char sex[2] = {f->sex, '\0'};
    json_object_set_new(o, "sex", f->sex == 'M' || f->sex == 'F' ? json_string(sex) : json_null());
    json_object_set_new(o, "expiry", date_json(f->expiry));
    json_object_set_new(o, "no_expiry", json_boolean(f->no_expiry));
    json_object_set_new(o, "nationality", ascii_string(f->nationality));
    json_object_set_new(o, "optional_data_2", ascii_string(f->optional_data2));
    json_object_set_new(o, "surname", ascii_string(f->surname));
    json_object_set_new(o, "given_names", ascii_string(f->given_names));
    json_t *checks = json_object();
    for (int k = 0; k < CCCD_MRZ_CHECK__COUNT; k++) {
        const cccd_mrz_verdict *v = &f->checks[k];
        char found[2] = {v->found, '\0'}, computed[2] = {v->computed, '\0'};
        json_t *c = json_object();
        json_object_set_new(c, "ok", json_boolean(v->ok));
        json_object_set_new(c, "present", json_boolean(v->present));
        json_object_set_new(c, "line", json_integer(v->line));
        json_object_set_new(c, "column", json_integer(v->column));
        json_object_set_new(c, "found", ascii_string(found));
        json_object_set_new(c, "computed",
                            v->computed == '?' ? json_null() : json_string(computed));
        json_object_set_new(checks, cccd_mrz_check_name((cccd_mrz_check_kind)k), c);
    }
    json_object_set_new(o, "checks", checks);
    if (f->valid) {
        char seed[CCCD_MRZ_BAC_SEED_LEN + 1];
        cccd_mrz_bac_seed(&f->mrz, seed);
        json_object_set_new(o, "bac_key_seed", json_string(seed));
    }
    json_object_set_new(o, "error", err ? error_json(err) : json_null());
    return o;
}

static void print_fields(const cccd_mrz_fields *f) {
    char buf[16];
    printf("document code    %s\n", f->document_code);
    printf("issuing state    %s\n", f->issuing_state);
    printf("document number  %s\n", f->document_number);
    printf("personal ID      %s\n", f->personal_id[0] ? f->personal_id : "-");
    printf("date of birth    %s\n", f->birth.prec ? cccd_date_iso(f->birth, buf) : "unknown");
    printf("sex              %s\n", f->sex == 'M' ? "M" : f->sex == 'F' ? "F" : "unspecified");
    printf("expiry           %s\n", f->no_expiry     ? "none"
                                    : f->expiry.prec ? cccd_date_iso(f->expiry, buf)
                                                     : "unreadable");
    printf("nationality      %s\n", f->nationality);
    printf("surname          %s\n", f->surname);
    printf("given names      %s\n", f->given_names);
    for (int k = 0; k < CCCD_MRZ_CHECK__COUNT; k++) {
        const cccd_mrz_verdict *v = &f->checks[k];
        const char *label = cccd_mrz_check_label((cccd_mrz_check_kind)k);
        if (!v->present)
            printf("check            %s: absent (all filler)\n", label);
        else if (v->ok)
            printf("check            %s: ok (%c)\n", label, v->found);
        else
            printf("check            %s: WRONG (found %c, computed %c) at line %d, column %d\n",
                   label, v->found, v->computed, v->line, v->column);
    }
    printf("valid            %s\n", f->valid ? "yes" : "no");
}

int cmd_mrz_check(int argc, char **argv) {
    const char *today_s = NULL, *args[1] = {"-"};
    bool json = false;
    const cli_opt opts[] = {
        {"--json", NULL, &json}, {"--today", &today_s, NULL}, {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    const char *path = nargs > 0 ? args[0] : "-";

    cccd_err err;
    cccd_date today;
    if (today_s != NULL) {
        if (cccd_date_parse_full(today_s, "today", &today, &err) != CCCD_OK)
            return cli_usage_error(&cmd, "%s", err.msg);
    } else if (cli_today(&today, &err) != CCCD_OK) {
        return cli_fail(&err);
    }
    char *text = NULL;
    size_t len = 0;
    if (cli_read_file(path, MAX_INPUT, &text, &len, &err) != CCCD_OK)
        return cli_fail(&err);
    cccd_mrz_fields f;
    cccd_errc prc = cccd_mrz_parse(text, len, &today, &f, &err);
    free(text);

    if (prc == CCCD_E_MRZ_SHAPE) {
        if (json) {
            json_t *o = json_object();
            json_object_set_new(o, "valid", json_false());
            json_object_set_new(o, "error", error_json(&err));
            cli_print_json(o);
        }
        return cli_fail(&err);
    }
    if (json)
        cli_print_json(fields_json(&f, prc == CCCD_OK ? NULL : &err));
    else
        print_fields(&f);
    return prc == CCCD_OK ? CLI_OK : cli_fail(&err);
}
