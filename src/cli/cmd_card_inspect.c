/*
 * cmd_card_inspect.c: `cccd card inspect DIR [--today YYYY-MM-DD]`: reads a card's chip files
 * (EF.COM, EF.DG1, EF.DG2, EF.DG13, as `cccd card files` writes them), parses each, prints
 * every field and each data group's SHA-256 (what the SOD will carry), and gives the verifier's
 * verdict: EF.COM lists the groups present, DG1's check digits are right and DG1 agrees with
 * DG13. It exists so that a person (or a test) can see what a chip says without a reader.
 * Exit 1 when a file is unreadable or malformed or a check fails; the message names the file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chip/lds.h"
#include "cli/cli.h"
#include "cli/commands.h"

static const cli_cmd cmd = {
    "card inspect",
    "card inspect DIR [--today YYYY-MM-DD]\n"
    "  Parses DIR/EF.COM, DIR/EF.DG1, DIR/EF.DG2 and DIR/EF.DG13, prints their fields and\n"
    "  the SHA-256 of each data group, then checks them as a verifier does: EF.COM lists\n"
    "  the groups, every MRZ check digit of EF.DG1 is right, and EF.DG1 agrees with EF.DG13\n"
    "  (ID number, date of birth, sex, expiry, name). The last line is `verdict ok` or\n"
    "  `verdict FAILED: ...`.\n"
    "  --today D   decides the century of a two-digit birth year (default: CCCD_TODAY or\n"
    "              today in Vietnam)\n"
    "  Exit 0 when everything checks, 1 when a file is missing or malformed or a check\n"
    "  fails (one line on stderr naming the file), 2 on a usage error. See docs/chip.md.",
    1, 1};

#define MAX_FILE (16 * 1024 * 1024)

static void row(const char *name, const char *value) {
    char pad[200];
    printf("%s %s\n", cli_pad(name, 22, pad), value);
}

static void hex_row(const char *name, const unsigned char h[32]) {
    char hex[65];
    for (int i = 0; i < 32; i++)
        snprintf(hex + 2 * i, 3, "%02x", h[i]);
    row(name, hex);
}

/* Reads DIR/name into files[i]; an error names the path. */
static cccd_errc read_one(const char *dir, const char *name, char **data, size_t *len,
                          cccd_err *err) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    cccd_err e;
    if (cli_read_file(path, MAX_FILE, data, len, &e) != CCCD_OK)
        return cccd_err_set(err, e.code, name, "%s: %s", name, e.msg);
    return CCCD_OK;
}

static int fail(const cccd_err *err) {
    printf("verdict FAILED: %s\n", err->msg);
    return cli_fail(err);
}

int cmd_card_inspect(int argc, char **argv) {
    const char *today_s = NULL;
    const char *args[1];
    const cli_opt opts[] = {{"--today", &today_s, NULL}, {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    cccd_err err;
    cccd_date today;
    if (today_s ? cccd_date_parse_full(today_s, "--today", &today, &err) : cli_today(&today, &err))
        return cli_fail(&err);

    enum { COM, DG1, DG2, DG13, N };
    static const char *const names[N] = {"EF.COM", "EF.DG1", "EF.DG2", "EF.DG13"};
    char *data[N] = {NULL};
    size_t len[N] = {0};
    for (int i = 0; i < N; i++)
        if (read_one(args[0], names[i], &data[i], &len[i], &err) != CCCD_OK) {
            for (int j = 0; j < i; j++)
                free(data[j]);
            return cli_fail(&err);
        }
    const unsigned char *f[N];
    for (int i = 0; i < N; i++)
        f[i] = (const unsigned char *)data[i];

    cccd_lds_com com;
    cccd_mrz_fields mrz;
    cccd_lds_face face;
    cccd_dg13 *d = NULL;
    char buf[256];
    cccd_errc e = cccd_lds_com_parse(f[COM], len[COM], &com, &err);
    if (e == CCCD_OK) {
        row("EF.COM lds_version", com.lds_version);
        row("EF.COM unicode", com.unicode_version);
        buf[0] = '\0';
        for (size_t i = 0; i < com.n_dg; i++)
            snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%sDG%d", i ? " " : "",
                     com.dg[i]);
        row("EF.COM groups", buf);
        e = cccd_lds_dg1_parse(f[DG1], len[DG1], &today, &mrz, &err);
    }
    cccd_err mrz_err = err;
    bool mrz_bad = e != CCCD_OK && e != CCCD_E_LDS_FORMAT && e != CCCD_E_NOMEM;
    if (e == CCCD_OK || mrz_bad) {
        for (int i = 0; i < CCCD_MRZ_LINES; i++) {
            snprintf(buf, sizeof buf, "EF.DG1 mrz line %d", i + 1);
            row(buf, mrz.mrz.line[i]);
        }
        row("EF.DG1 document_number", mrz.document_number);
        row("EF.DG1 personal_id", mrz.personal_id);
        row("EF.DG1 date_of_birth", cccd_date_iso(mrz.birth, buf));
        snprintf(buf, sizeof buf, "%c", mrz.sex);
        row("EF.DG1 sex", buf);
        row("EF.DG1 expiry", mrz.no_expiry ? "none" : cccd_date_iso(mrz.expiry, buf));
        row("EF.DG1 nationality", mrz.nationality);
        row("EF.DG1 surname", mrz.surname);
        row("EF.DG1 given_names", mrz.given_names);
        row("EF.DG1 check_digits", mrz.valid ? "ok" : "WRONG");
        e = cccd_lds_dg2_parse(f[DG2], len[DG2], &face, &err);
    }
    if (e == CCCD_OK) {
        snprintf(buf, sizeof buf, "JPEG %dx%d, %zu bytes", face.width, face.height, face.jpeg_len);
        row("EF.DG2 portrait", buf);
        snprintf(buf, sizeof buf, "%d", face.gender);
        row("EF.DG2 gender", buf);
        e = cccd_lds_dg13_parse(f[DG13], len[DG13], &d, &err);
    }
    if (e == CCCD_OK) {
        const struct {
            const char *name, *value;
        } rows[] = {
            {"EF.DG13 personal_id", d->personal_id},
            {"EF.DG13 full_name", d->full_name},
            {"EF.DG13 date_of_birth", d->date_of_birth},
            {"EF.DG13 sex", d->sex},
            {"EF.DG13 nationality", d->nationality},
            {"EF.DG13 ethnicity", d->ethnicity},
            {"EF.DG13 religion", d->religion},
            {"EF.DG13 place_of_origin", d->place_of_origin},
            {"EF.DG13 place_of_residence", d->place_of_residence},
            {"EF.DG13 identifying_marks", d->identifying_marks},
            {"EF.DG13 issue_date", d->issue_date},
            {"EF.DG13 expiry", d->expiry},
            {"EF.DG13 father_name", d->father_name},
            {"EF.DG13 mother_name", d->mother_name},
            {"EF.DG13 spouse_name", d->spouse_name},
            {"EF.DG13 old_id", d->old_id},
        };
        for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
            row(rows[i].name, rows[i].value);
        const int dg_of[N] = {0, 1, 2, 13};
        for (int i = DG1; i < N; i++) {
            unsigned char h[32];
            if (cccd_lds_sha256(f[i], len[i], h) != CCCD_OK) {
                e = cccd_err_set(&err, CCCD_E_INTERNAL, names[i], "%s: cannot hash", names[i]);
                break;
            }
            snprintf(buf, sizeof buf, "%s sha256", names[i]);
            hex_row(buf, h);
            bool listed = false;
            for (size_t k = 0; k < com.n_dg; k++)
                listed = listed || com.dg[k] == dg_of[i];
            if (!listed && e == CCCD_OK)
                e = cccd_err_set(&err, CCCD_E_LDS_MISMATCH, "EF.COM",
                                 "EF.COM does not list DG%d, but %s is present", dg_of[i],
                                 names[i]);
        }
    }
    if (e == CCCD_OK && mrz_bad) {
        err = mrz_err;
        e = err.code;
    }
    if (e == CCCD_OK)
        e = cccd_lds_cross_check(&mrz, d, &err);
    cccd_dg13_free(d);
    for (int i = 0; i < N; i++)
        free(data[i]);
    if (e != CCCD_OK)
        return fail(&err);
    printf("verdict ok\n");
    return CLI_OK;
}
