/*
 * cmd_registry_import.c: `cccd registry import FILE.csv [--as-of DATE] [--report FILE]`: loads
 * an extract of the population database, reports every rejected or suspicious row to a report
 * file and prints a summary (see service/registry_import.h and docs/registry-csv.md).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <csv.h>

#include "cli/cli.h"
#include "cli/cli_units.h"
#include "cli/commands.h"
#include "service/registry_import.h"

static const cli_cmd cmd = {
    "registry import",
    "registry import FILE.csv [--db URL] [--as-of DATE] [--report FILE] [--lenient-ids]\n"
    "                [--json]\n"
    "  Loads citizens from FILE.csv (UTF-8, header row; docs/registry-csv.md) under the rule\n"
    "  \"đúng, đủ, sạch, sống\". Unit codes must be in force on --as-of, the extract's date\n"
    "  (default today). Every rejected row and every warning goes to the report (CSV: row,\n"
    "  personal_id, field, severity, rule, reason; default FILE.report.csv beside the input's\n"
    "  name in the current directory). The whole file is one transaction: a file that cannot\n"
    "  be read to its end changes nothing. Importing the same file again changes nothing.",
    1, 1};

typedef struct report_ctx {
    FILE *out;
    uint64_t lines;
    cli_progress bar;
} report_ctx;

static void write_field(FILE *f, const char *s, bool last) {
    csv_fwrite(f, s, strlen(s));
    fputc(last ? '\n' : ',', f);
}

static void on_issue(void *vctx, const cccd_import_issue *is) {
    report_ctx *c = vctx;
    char row[24];
    snprintf(row, sizeof row, "%llu", (unsigned long long)is->row);
    write_field(c->out, row, false);
    write_field(c->out, is->personal_id, false);
    write_field(c->out, is->field, false);
    write_field(c->out, is->error ? "error" : "warning", false);
    write_field(c->out, is->rule, false);
    write_field(c->out, is->reason, true);
    c->lines++;
}

static void on_progress(void *vctx, uint64_t bytes, uint64_t rows) {
    report_ctx *c = vctx;
    cli_progress_update(&c->bar, bytes, rows);
}

int cmd_registry_import(int argc, char **argv) {
    const char *db = NULL, *as_of_s = NULL, *report_path = NULL, *args[1];
    bool lenient = false, json = false;
    const cli_opt opts[] = {{"--db", &db, NULL},
                            {"--as-of", &as_of_s, NULL},
                            {"--report", &report_path, NULL},
                            {"--lenient-ids", NULL, &lenient},
                            {"--json", NULL, &json},
                            {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    cccd_err err;
    cccd_import_opts io = {.lenient_ids = lenient};
    if (cli_today(&io.today, &err) != CCCD_OK)
        return cli_fail(&err);
    io.as_of = io.today;
    if (as_of_s && cccd_date_parse_full(as_of_s, "as-of", &io.as_of, &err) != CCCD_OK)
        return cli_fail(&err);
    FILE *in = fopen(args[0], "rb");
    if (in == NULL)
        return cli_failf("cannot open %s: %s", args[0], strerror(errno));
    struct stat sb;
    uint64_t file_size = 0; /* for the progress bar (0: unknown) */
    if (fstat(fileno(in), &sb) == 0 && S_ISREG(sb.st_mode))
        file_size = (uint64_t)sb.st_size;
    char default_report[1024];
    if (report_path == NULL) {
        const char *base = strrchr(args[0], '/');
        snprintf(default_report, sizeof default_report, "%s.report.csv", base ? base + 1 : args[0]);
        report_path = default_report;
    }
    int status = CLI_FAIL;
    cccd_store *st = NULL;
    cccd_units *u = NULL;
    report_ctx rep = {0};
    if ((st = cli_store_open(db, true)) == NULL || (u = cli_units_from_db(st)) == NULL)
        goto done;
    struct stat rs;
    if (stat(report_path, &rs) == 0 && fstat(fileno(in), &sb) == 0 && rs.st_dev == sb.st_dev &&
        rs.st_ino == sb.st_ino) {
        status =
            cli_failf("--report: %s is the file being imported; give another name", report_path);
        goto done;
    }
    if ((rep.out = fopen(report_path, "w")) == NULL) {
        status = cli_failf("cannot write the report %s: %s", report_path, strerror(errno));
        goto done;
    }
    fputs("row,personal_id,field,severity,rule,reason\n", rep.out);
    cli_progress_start(&rep.bar, file_size);
    double t0 = cli_now();
    cccd_import_summary s;
    cccd_errc e = cccd_registry_import(st, u, in, &io, on_issue, on_progress, &rep, &s, &err);
    double secs = cli_now() - t0;
    cli_progress_end(&rep.bar);
    if (fclose(rep.out) != 0 && e == CCCD_OK)
        e = cccd_err_set(&err, CCCD_E_IO, "report", "cannot write the report %s", report_path);
    rep.out = NULL;
    if (e != CCCD_OK) {
        status = cli_fail(&err);
        goto done;
    }
    if (json) {
        json_t *o = json_pack("{s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:s,s:I,s:f}", "rows",
                              (json_int_t)s.rows, "inserted", (json_int_t)s.inserted, "updated",
                              (json_int_t)s.updated, "unchanged", (json_int_t)s.unchanged,
                              "rejected", (json_int_t)s.rejected, "with_warnings",
                              (json_int_t)s.with_warnings, "duplicates", (json_int_t)s.duplicates,
                              "probable_duplicates", (json_int_t)s.probable_duplicates, "report",
                              report_path, "report_lines", (json_int_t)rep.lines, "seconds", secs);
        json_t *rules = json_object();
        for (int r = 0; r < 4; r++)
            json_object_set_new(rules, cccd_rule_name(r),
                                json_pack("{s:I,s:I}", "errors", (json_int_t)s.by_rule_errors[r],
                                          "warnings", (json_int_t)s.by_rule_warnings[r]));
        json_object_set_new(o, "rules", rules);
        json_object_set_new(o, "households",
                            json_pack("{s:I,s:I,s:I}", "count", (json_int_t)s.households,
                                      "without_head", (json_int_t)s.households_no_head,
                                      "several_heads", (json_int_t)s.households_two_heads));
        cli_print_json(o);
    } else {
        char a[32], b[32], c[32], d[32], e2[32];
        printf("read %s rows in %.1f s (%.0f rows/s)\n", cli_thousands((int64_t)s.rows, a), secs,
               secs > 0 ? (double)s.rows / secs : 0);
        printf("loaded %s: inserted %s, updated %s, unchanged %s\n",
               cli_thousands((int64_t)(s.inserted + s.updated + s.unchanged), a),
               cli_thousands((int64_t)s.inserted, b), cli_thousands((int64_t)s.updated, c),
               cli_thousands((int64_t)s.unchanged, d));
        printf("rejected %s (of which duplicate IDs %s); loaded with warnings %s; probable "
               "duplicates %s\n",
               cli_thousands((int64_t)s.rejected, a), cli_thousands((int64_t)s.duplicates, b),
               cli_thousands((int64_t)s.with_warnings, c),
               cli_thousands((int64_t)s.probable_duplicates, d));
        printf("households %s: without a head %s, with several %s\n",
               cli_thousands((int64_t)s.households, a),
               cli_thousands((int64_t)s.households_no_head, b),
               cli_thousands((int64_t)s.households_two_heads, c));
        for (int r = 0; r < 4; r++)
            printf("  %-5s %s errors, %s warnings\n", cccd_rule_name(r),
                   cli_thousands((int64_t)s.by_rule_errors[r], a),
                   cli_thousands((int64_t)s.by_rule_warnings[r], e2));
        printf("report: %s (%s lines)\n", report_path, cli_thousands((int64_t)rep.lines, a));
    }
    status = CLI_OK;
done:
    if (rep.out)
        fclose(rep.out);
    fclose(in);
    cccd_units_free(u);
    cccd_store_close(st);
    return status;
}
