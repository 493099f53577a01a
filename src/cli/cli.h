/*
 * cli.h: what every `cccd` subcommand shares: option parsing, help, reporting errors, reading
 * input files. Each subcommand lives in its own file (cmd_<group>_<verb>.c) and is listed in the
 * command table in main.c.
 *
 * Exit codes (the interface scripts rely on): 0 success, 1 a user error (one line on stderr),
 * 2 a usage error (wrong or missing arguments).
 */
#ifndef CCCD_CLI_H
#define CCCD_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "core/date.h"
#include "core/error.h"
#include "store/store.h"

enum { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2 };

/* One option of a subcommand. Exactly one of value/flag is set:
 * value: the option takes an argument, stored as a borrowed pointer into argv;
 * flag:  the option is a switch, set to true when present. */
typedef struct cli_opt {
    const char *name; /* "--dob" */
    const char **value;
    bool *flag;
} cli_opt;

/* A subcommand's description, for parsing and --help. */
typedef struct cli_cmd {
    const char *name;  /* "id check" */
    const char *usage; /* the synopsis and option list, printed by --help and on usage errors */
    int min_args, max_args;
} cli_cmd;

/* Parses argv (argv[0] is the subcommand's last word). Positional arguments are stored in
 * args (borrowed, at most cmd->max_args) and counted in *nargs.
 * Returns -1 to go on, or the exit code to return now: 0 after printing --help, 2 after a
 * usage error (printed on stderr with the synopsis). */
int cli_parse(const cli_cmd *cmd, int argc, char **argv, const cli_opt *opts, const char **args,
              int *nargs);

/* Prints "cccd: MESSAGE" on stderr and returns the exit code for the error's kind (1). */
int cli_fail(const cccd_err *err);

/* Prints "cccd: MESSAGE" (printf-style) on stderr and returns 1. */
int cli_failf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints "cccd CMD: MESSAGE" and the synopsis on stderr and returns 2. */
int cli_usage_error(const cli_cmd *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Parses a whole number of an option within [min, max] into *out; returns -1, or prints
 * "OPT: 'S' is not a number from MIN to MAX" and returns 1. */
int cli_parse_long(const char *s, const char *opt, long min, long max, long *out);

/* Reads a whole file ("-" = standard input) into a new NUL-terminated buffer owned by the
 * caller (free()). At most max_bytes; a larger file is an error. */
cccd_errc cli_read_file(const char *path, size_t max_bytes, char **out, size_t *len, cccd_err *err);

/* Looks up an option's value in the environment when it was not given: *value = getenv(name)
 * if *value is NULL and the variable is set and not empty. */
void cli_env_default(const char **value, const char *name);

/* Opens the database named by --db (db_opt), else CCCD_DB, else the default sqlite:cccd.db.
 * With check, the schema must be current (else "run cccd init"). On failure prints one line and
 * returns NULL; the caller returns CLI_FAIL. The store is owned by the caller. */
cccd_store *cli_store_open(const char *db_opt, bool check);

/* A progress bar on stderr, drawn only when stderr is a terminal (quiet when piped). */
typedef struct cli_progress {
    bool tty;
    uint64_t total;   /* bytes (0: unknown) */
    double started;   /* monotonic seconds */
    double last_draw; /* monotonic seconds */
} cli_progress;

void cli_progress_start(cli_progress *p, uint64_t total);
/* done: bytes so far; items: rows so far (shown with the rate). Redraws at most 10 times a
 * second. */
void cli_progress_update(cli_progress *p, uint64_t done, uint64_t items);
/* Clears the bar's line. */
void cli_progress_end(cli_progress *p);

/* Seconds on a monotonic clock. */
double cli_now(void);

/* s cut or padded with spaces to `width` characters (code points, not bytes, so Vietnamese
 * names line up in a table), into buf (at least 4 * width + 1 bytes); returns buf. */
char *cli_pad(const char *s, int width, char *buf);

/* Formats n with thousands separators ("1,234,567") into buf (>= 32 bytes); returns buf. */
char *cli_thousands(int64_t n, char *buf);

/* Today in Vietnam (UTC+7), or the date in the environment variable CCCD_TODAY (YYYY-MM-DD)
 * when it is set: tests and replays use it to pin "today". */
cccd_errc cli_today(cccd_date *out, cccd_err *err);

/* A new JSON object {"code","field","position","message"} describing err (owned by caller). */
json_t *cli_err_json(const cccd_err *err);

/* Prints a JSON value on stdout (indented, UTF-8, one trailing newline) and releases it
 * (steals the reference). */
void cli_print_json(json_t *v);

#endif
