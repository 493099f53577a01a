/*
 * cli_report.h: what `cccd report daily` and `cccd report weekly` share (cli_report.c): build
 * the report of a unit and write it as CSV (a file or standard output) and/or XLSX.
 */
#ifndef CCCD_CLI_REPORT_H
#define CCCD_CLI_REPORT_H

#include "cli/cli.h"
#include "service/report.h"

/* The options both commands take, borrowed from argv (NULL: absent). */
typedef struct cli_report_args {
    const char *db, *unit, *on, *since, *csv, *xlsx;
    const char *on_field; /* "date" or "week-of", for messages */
} cli_report_args;

/* Builds and writes the report; returns the exit code (one line on stderr on failure). */
int cli_report_run(cccd_report_kind kind, const cli_report_args *a);

#endif
