/*
 * cli_report.c: the body of `cccd report daily` and `cccd report weekly` (cli_report.h): the
 * date from --date/--week-of or today, the report from service/report.c, the CSV on standard
 * output when no file is named.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli_report.h"
#include "cli/cli_units.h"

int cli_report_run(cccd_report_kind kind, const cli_report_args *a) {
    cccd_err err;
    cccd_date on, since = {0, 0, 0, CCCD_DATE_NONE};
    if ((a->on ? cccd_date_parse_full(a->on, a->on_field, &on, &err) : cli_today(&on, &err)) !=
        CCCD_OK)
        return cli_fail(&err);
    if (a->since && cccd_date_parse_full(a->since, "since", &since, &err) != CCCD_OK)
        return cli_fail(&err);
    int status = CLI_FAIL;
    cccd_store *st = NULL;
    cccd_units *u = NULL;
    cccd_report r = {0};
    if ((st = cli_store_open(a->db, true)) == NULL || (u = cli_units_from_db(st)) == NULL)
        goto done;
    if (cccd_report_build(st, u, a->unit, kind, on, since, &r, &err) != CCCD_OK) {
        status = cli_fail(&err);
        goto done;
    }
    if (a->xlsx && cccd_report_xlsx_file(&r, a->xlsx, &err) != CCCD_OK) {
        status = cli_fail(&err);
        goto done;
    }
    if (a->csv || !a->xlsx) {
        FILE *f = a->csv && strcmp(a->csv, "-") != 0 ? fopen(a->csv, "wb") : stdout;
        if (f == NULL) {
            status = cli_failf("%s: %s", a->csv, strerror(errno));
            goto done;
        }
        cccd_errc rc = cccd_report_csv(&r, f, &err);
        if (f != stdout && fclose(f) != 0 && rc == CCCD_OK) {
            status = cli_failf("%s: %s", a->csv, strerror(errno));
            goto done;
        }
        if (rc != CCCD_OK) {
            status = cli_fail(&err);
            goto done;
        }
    }
    status = CLI_OK;
done:
    cccd_report_free(&r);
    cccd_units_free(u);
    cccd_store_close(st);
    return status;
}
