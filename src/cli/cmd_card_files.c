/*
 * cmd_card_files.c: `cccd card files --json CARD.json --portrait FILE.jpg --out DIR`: writes
 * the chip's files (EF.COM, EF.DG1, EF.DG2, EF.DG13) and the printed faces (front.png,
 * back.png) of one card, from its data as JSON, without a database. It exists to exercise and
 * show the chip encoders (chip/lds.h) and the faces (service/card_face.h) on any data, and to
 * give `cccd card inspect` and independent readers files to read. docs/chip.md describes the
 * files; the JSON keys are in the help below. Memory is local and released before returning.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "chip/card_data.h"
#include "chip/lds.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "core/pid.h"
#include "core/validity.h"
#include "service/card_face.h"

static const cli_cmd cmd = {
    "card files",
    "card files --json CARD.json --portrait FILE.jpg --out DIR\n"
    "  Writes the chip's files EF.COM, EF.DG1 (the MRZ), EF.DG2 (the portrait) and EF.DG13\n"
    "  (the details), and the card's printed faces front.png and back.png (1012x638), into\n"
    "  DIR (created when missing). Existing files are never replaced: if one of the six is\n"
    "  there already, nothing is written. CARD.json (\"-\" for standard input) is an object:\n"
    "    personal_id         12 digits (required)\n"
    "    full_name           \"Nguyễn Văn A\" (required)\n"
    "    date_of_birth       YYYY-MM-DD, YYYY-MM or YYYY (required)\n"
    "    sex                 \"M\"/\"Nam\" or \"F\"/\"Nữ\" (required)\n"
    "    nationality         default \"Việt Nam\"\n"
    "    ethnicity, religion, place_of_origin, place_of_residence   (required)\n"
    "    identifying_marks   default \"\"\n"
    "    issue_date          YYYY-MM-DD (required)\n"
    "    expiry              YYYY-MM-DD, or null / \"none\" for no expiry; default: by the\n"
    "                        law for the issue date (as `cccd card expiry`)\n"
    "    father_name, mother_name, spouse_name   default \"\"\n"
    "    old_id              the 9-digit CMND number, default \"\"\n"
    "  FILE.jpg is the portrait (JPEG). Exit 0 on success, 1 when the data or a file is\n"
    "  wrong (one line on stderr), 2 on a usage error. See docs/chip.md.",
    0, 0};

#define MAX_JSON (1024 * 1024)
#define MAX_PORTRAIT (8 * 1024 * 1024)

static const char *const text_keys[] = {
    "personal_id", "full_name",       "nationality",        "ethnicity",
    "religion",    "place_of_origin", "place_of_residence", "identifying_marks",
    "father_name", "mother_name",     "spouse_name",        "old_id",
    NULL};
static const char *const other_keys[] = {"date_of_birth", "sex", "issue_date", "expiry", NULL};

static bool in(const char *const *list, const char *key) {
    for (size_t i = 0; list[i]; i++)
        if (strcmp(list[i], key) == 0)
            return true;
    return false;
}

/* A string member, or NULL when absent or null. */
static cccd_errc get_string(json_t *obj, const char *key, const char **out, cccd_err *err) {
    *out = NULL;
    json_t *v = json_object_get(obj, key);
    if (v == NULL || json_is_null(v))
        return CCCD_OK;
    if (!json_is_string(v))
        return cccd_err_set(err, CCCD_E_JSON, key, "%s: expected a string", key);
    *out = json_string_value(v);
    return CCCD_OK;
}

/* The card from the JSON object (strings borrowed from root). */
static cccd_errc card_from_json(json_t *root, cccd_card_data *c, cccd_err *err) {
    if (!json_is_object(root))
        return cccd_err_set(err, CCCD_E_JSON, "input", "input: expected a JSON object");
    const char *key;
    json_t *val;
    json_object_foreach(root, key, val) {
        if (!in(text_keys, key) && !in(other_keys, key))
            return cccd_err_set(err, CCCD_E_JSON, key, "%.40s: unknown field", key);
    }
    const char **slots[] = {&c->personal_id,        &c->full_name,         &c->nationality,
                            &c->ethnicity,          &c->religion,          &c->place_of_origin,
                            &c->place_of_residence, &c->identifying_marks, &c->father_name,
                            &c->mother_name,        &c->spouse_name,       &c->old_id};
    cccd_errc rc;
    for (size_t i = 0; text_keys[i]; i++)
        if ((rc = get_string(root, text_keys[i], slots[i], err)) != CCCD_OK)
            return rc;
    const char *dob, *sex, *issued, *expiry;
    if ((rc = get_string(root, "date_of_birth", &dob, err)) ||
        (rc = get_string(root, "sex", &sex, err)) ||
        (rc = get_string(root, "issue_date", &issued, err)) ||
        (rc = get_string(root, "expiry", &expiry, err)))
        return rc;
    if (c->personal_id == NULL)
        return cccd_err_set(err, CCCD_E_JSON, "personal_id", "personal_id: missing");
    if (dob == NULL)
        return cccd_err_set(err, CCCD_E_JSON, "date_of_birth", "date_of_birth: missing");
    if (sex == NULL)
        return cccd_err_set(err, CCCD_E_JSON, "sex", "sex: missing");
    if (issued == NULL)
        return cccd_err_set(err, CCCD_E_JSON, "issue_date", "issue_date: missing");
    if ((rc = cccd_date_parse(dob, "date_of_birth", &c->birth, err)) != CCCD_OK ||
        (rc = cccd_date_parse_full(issued, "issue_date", &c->issued, err)) != CCCD_OK)
        return rc;
    cccd_sex s;
    if ((rc = cccd_sex_parse(sex, "sex", &s, err)) != CCCD_OK)
        return rc;
    c->sex = (char)s;
    json_t *ev = json_object_get(root, "expiry");
    if (ev == NULL) {
        cccd_expiry e;
        if ((rc = cccd_card_expiry(c->birth, c->issued, &e, err)) != CCCD_OK)
            return rc;
        c->expiry = e.none ? (cccd_date){0, 0, 0, CCCD_DATE_NONE} : e.date;
    } else if (expiry == NULL || strcmp(expiry, "none") == 0) {
        c->expiry = (cccd_date){0, 0, 0, CCCD_DATE_NONE};
    } else if ((rc = cccd_date_parse_full(expiry, "expiry", &c->expiry, err)) != CCCD_OK) {
        return rc;
    }
    return cccd_card_data_check(c, err);
}

enum { N_FILES = 6 };
static const char *const names[N_FILES] = {"EF.COM",  "EF.DG1",    "EF.DG2",
                                           "EF.DG13", "front.png", "back.png"};

/* Writes every file, each created new; on a failure removes those it made. */
static int write_all(const char *dir, unsigned char *const *data, const size_t *len) {
    char path[N_FILES][4096];
    for (int i = 0; i < N_FILES; i++) {
        snprintf(path[i], sizeof path[i], "%s/%s", dir, names[i]);
        if (access(path[i], F_OK) == 0)
            return cli_failf("%s exists already: nothing written (cccd never replaces a "
                             "card's files)",
                             path[i]);
    }
    for (int i = 0; i < N_FILES; i++) {
        int fd = open(path[i], O_WRONLY | O_CREAT | O_EXCL, 0644);
        bool ok = fd >= 0;
        size_t done = 0;
        while (ok && done < len[i]) {
            ssize_t n = write(fd, data[i] + done, len[i] - done);
            if (n < 0 && errno == EINTR)
                continue;
            ok = n > 0;
            if (ok)
                done += (size_t)n;
        }
        int saved = errno;
        if (fd >= 0 && close(fd) != 0 && ok) {
            ok = false;
            saved = errno;
        }
        if (!ok) {
            for (int j = 0; j <= i; j++)
                if (j < i || fd >= 0)
                    unlink(path[j]);
            return cli_failf("cannot write %s: %s", path[i], strerror(saved));
        }
    }
    for (int i = 0; i < N_FILES; i++)
        printf("wrote %s (%zu bytes)\n", path[i], len[i]);
    return CLI_OK;
}

int cmd_card_files(int argc, char **argv) {
    const char *json_path = NULL, *portrait_path = NULL, *out_dir = NULL;
    const cli_opt opts[] = {{"--json", &json_path, NULL},
                            {"--portrait", &portrait_path, NULL},
                            {"--out", &out_dir, NULL},
                            {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, NULL, &nargs);
    if (rc >= 0)
        return rc;
    if (json_path == NULL)
        return cli_usage_error(&cmd, "--json FILE is required");
    if (portrait_path == NULL)
        return cli_usage_error(&cmd, "--portrait FILE is required");
    if (out_dir == NULL)
        return cli_usage_error(&cmd, "--out DIR is required");

    cccd_err err;
    char *text = NULL, *jpeg = NULL;
    size_t text_len = 0, jpeg_len = 0;
    if (cli_read_file(json_path, MAX_JSON, &text, &text_len, &err) != CCCD_OK)
        return cli_fail(&err);
    json_error_t jerr;
    json_t *root = json_loadb(text, text_len, 0, &jerr);
    free(text);
    if (root == NULL) {
        cccd_err_set(&err, CCCD_E_JSON, "input", "%s: invalid JSON at line %d: %s", json_path,
                     jerr.line, jerr.text);
        return cli_fail(&err);
    }
    if (cli_read_file(portrait_path, MAX_PORTRAIT, &jpeg, &jpeg_len, &err) != CCCD_OK) {
        json_decref(root);
        return cli_fail(&err);
    }
    cccd_card_data card = {0};
    card.portrait = (const unsigned char *)jpeg;
    card.portrait_len = jpeg_len;
    unsigned char *data[N_FILES] = {NULL};
    size_t len[N_FILES] = {0};
    const int dgs[] = {1, 2, 13};
    cccd_errc e = card_from_json(root, &card, &err);
    if (e == CCCD_OK)
        e = cccd_lds_com_encode(dgs, 3, &data[0], &len[0], &err);
    if (e == CCCD_OK)
        e = cccd_lds_dg1_encode(&card, &data[1], &len[1], &err);
    if (e == CCCD_OK)
        e = cccd_lds_dg2_encode(&card, &data[2], &len[2], &err);
    if (e == CCCD_OK)
        e = cccd_lds_dg13_encode(&card, &data[3], &len[3], &err);
    if (e == CCCD_OK)
        e = cccd_card_face_png(&card, CCCD_CARD_FRONT, &data[4], &len[4], &err);
    if (e == CCCD_OK)
        e = cccd_card_face_png(&card, CCCD_CARD_BACK, &data[5], &len[5], &err);
    if (e == CCCD_E_PHOTO_FORMAT)
        snprintf(err.msg + strlen(err.msg), sizeof err.msg - strlen(err.msg), " (%s)",
                 portrait_path);
    if (e != CCCD_OK) {
        rc = cli_fail(&err);
    } else if (mkdir(out_dir, 0755) != 0 && errno != EEXIST) {
        rc = cli_failf("cannot create %s: %s", out_dir, strerror(errno));
    } else {
        rc = write_all(out_dir, data, len);
    }
    for (int i = 0; i < N_FILES; i++)
        free(data[i]);
    free(jpeg);
    json_decref(root);
    cccd_card_face_release_caches();
    return rc;
}
