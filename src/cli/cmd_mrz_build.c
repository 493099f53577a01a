/*
 * cmd_mrz_build.c: `cccd mrz build --json FILE`: reads one card's data as a JSON object and
 * prints the three lines of its TD1 machine-readable zone. It exists so that the card printer
 * and people checking a card by hand get the MRZ from the same code (core/mrz.c) the chip uses.
 * The JSON fields are described in docs/mrz.md. All memory here is local to the command and
 * released before it returns.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "core/mrz.h"

static const cli_cmd cmd = {
    "mrz build",
    "mrz build --json FILE\n"
    "  Prints the three 30-character lines of the card's machine-readable zone (ICAO 9303 TD1).\n"
    "  FILE (\"-\" for standard input) holds a JSON object:\n"
    "    personal_id      12 digits (required)\n"
    "    document_number  default: the last 9 digits of personal_id\n"
    "    full_name        \"Nguyễn Văn A\" (first word = surname), or instead\n"
    "    surname, given_names\n"
    "    date_of_birth    YYYY-MM-DD, YYYY-MM or YYYY (required)\n"
    "    sex              \"M\", \"F\" or null for unspecified (required)\n"
    "    expiry           YYYY-MM-DD, or null / \"none\" for a card without expiry (required)\n"
    "    nationality      default \"VNM\"\n"
    "  Exit 0 on success, 1 when the data is wrong (the field named on stderr), 2 on a usage\n"
    "  error. See docs/mrz.md.",
    0, 0};

#define MAX_INPUT (1024 * 1024)

static const char *const known_keys[] = {
    "personal_id", "document_number", "full_name",   "surname", "given_names", "date_of_birth",
    "sex",         "expiry",          "nationality", NULL};

/* A string member: NULL when absent (or null when null_ok); an error for any other type. */
static cccd_errc get_string(json_t *obj, const char *key, bool required, bool null_ok,
                            const char **out, cccd_err *err) {
    *out = NULL;
    json_t *v = json_object_get(obj, key);
    if (v == NULL || (null_ok && json_is_null(v))) {
        if (required && v == NULL)
            return cccd_err_set(err, CCCD_E_JSON, key, "%s: missing", key);
        return CCCD_OK;
    }
    if (!json_is_string(v))
        return cccd_err_set(err, CCCD_E_JSON, key, "%s: expected a string", key);
    *out = json_string_value(v);
    return CCCD_OK;
}

static cccd_errc parse_sex(const char *s, char *out, cccd_err *err) {
    if (s == NULL || strcmp(s, "") == 0 || strcmp(s, "<") == 0 || strcmp(s, "X") == 0 ||
        strcmp(s, "unspecified") == 0) {
        *out = '<';
        return CCCD_OK;
    }
    if (strcmp(s, "M") == 0 || strcmp(s, "m") == 0 || strcmp(s, "male") == 0 ||
        strcmp(s, "Nam") == 0) {
        *out = 'M';
        return CCCD_OK;
    }
    if (strcmp(s, "F") == 0 || strcmp(s, "f") == 0 || strcmp(s, "female") == 0 ||
        strcmp(s, "N\xe1\xbb\xaf") == 0) {
        *out = 'F';
        return CCCD_OK;
    }
    return cccd_err_set(err, CCCD_E_SEX, "sex", "sex: '%.20s' is not M, F or null (unspecified)",
                        s);
}

static cccd_errc card_from_json(json_t *root, cccd_mrz_card *card, cccd_err *err) {
    if (!json_is_object(root))
        return cccd_err_set(err, CCCD_E_JSON, "input", "input: expected a JSON object");
    const char *key;
    json_t *val;
    json_object_foreach(root, key, val) {
        bool known = false;
        for (size_t i = 0; known_keys[i]; i++)
            known = known || strcmp(known_keys[i], key) == 0;
        if (!known)
            return cccd_err_set(err, CCCD_E_JSON, key, "%.40s: unknown field", key);
    }
    const char *sex = NULL, *dob = NULL, *expiry = NULL;
    cccd_errc rc;
    if ((rc = get_string(root, "personal_id", true, false, &card->personal_id, err)) ||
        (rc = get_string(root, "document_number", false, true, &card->document_number, err)) ||
        (rc = get_string(root, "full_name", false, true, &card->full_name, err)) ||
        (rc = get_string(root, "surname", false, true, &card->surname, err)) ||
        (rc = get_string(root, "given_names", false, true, &card->given_names, err)) ||
        (rc = get_string(root, "date_of_birth", true, false, &dob, err)) ||
        (rc = get_string(root, "sex", true, true, &sex, err)) ||
        (rc = get_string(root, "expiry", true, true, &expiry, err)) ||
        (rc = get_string(root, "nationality", false, true, &card->nationality, err)))
        return rc;
    if (card->full_name == NULL && card->surname == NULL)
        return cccd_err_set(err, CCCD_E_JSON, "full_name",
                            "full_name: missing (or give surname and given_names)");
    if ((rc = cccd_date_parse(dob, "date_of_birth", &card->birth, err)) != CCCD_OK)
        return rc;
    if ((rc = parse_sex(sex, &card->sex, err)) != CCCD_OK)
        return rc;
    card->expiry = (cccd_date){0, 0, 0, CCCD_DATE_NONE};
    if (expiry != NULL && strcmp(expiry, "none") != 0 &&
        (rc = cccd_date_parse_full(expiry, "expiry", &card->expiry, err)) != CCCD_OK)
        return rc;
    return CCCD_OK;
}

int cmd_mrz_build(int argc, char **argv) {
    const char *json_path = NULL;
    const cli_opt opts[] = {{"--json", &json_path, NULL}, {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, NULL, &nargs);
    if (rc >= 0)
        return rc;
    if (json_path == NULL)
        return cli_usage_error(&cmd, "--json FILE is required");

    cccd_err err;
    char *text = NULL;
    size_t len = 0;
    if (cli_read_file(json_path, MAX_INPUT, &text, &len, &err) != CCCD_OK)
        return cli_fail(&err);
    json_error_t jerr;
    json_t *root = json_loadb(text, len, 0, &jerr);
    free(text);
    if (root == NULL) {
        cccd_err_set(&err, CCCD_E_JSON, "input", "input: invalid JSON at line %d: %s", jerr.line,
                     jerr.text);
        return cli_fail(&err);
    }
    cccd_mrz_card card;
    memset(&card, 0, sizeof card);
    cccd_mrz mrz;
    if (card_from_json(root, &card, &err) != CCCD_OK ||
        cccd_mrz_build(&card, &mrz, NULL, &err) != CCCD_OK) {
        json_decref(root);
        return cli_fail(&err);
    }
    json_decref(root);
    for (int i = 0; i < CCCD_MRZ_LINES; i++)
        printf("%s\n", mrz.line[i]);
    return CLI_OK;
}
