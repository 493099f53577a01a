/*
 * cli_account.c: reading a password for `cccd user add|passwd` and `cccd init --admin`
 * (from CCCD_PASSWORD, a pipe, or a terminal with echo off), the local actor put on the audit
 * log, and unit labels for people (see cli_account.h).
 */
#include "cli/cli_account.h"

#include "service/accounts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli/cli.h"
#include "service/auth.h"
#include "service/jurisdiction.h"

void cli_password_wipe(char *buf, size_t size) {
    volatile char *p = buf;
    for (size_t i = 0; i < size; i++)
        p[i] = 0;
}

/* Reads one line of f into buf without its line end; -1, or the exit code after printing. */
static int read_line(FILE *f, char *buf, size_t size) {
    if (fgets(buf, (int)size, f) == NULL)
        return cli_failf("password: none given (set CCCD_PASSWORD, or give it on the first line "
                         "of standard input)");
    size_t n = strcspn(buf, "\r\n");
    if (n == size - 1 && buf[n] == '\0') {
        cli_password_wipe(buf, size);
        return cli_failf("password: longer than %d bytes", CCCD_PASSWORD_MAX);
    }
    buf[n] = '\0';
    return -1;
}

/* Prompts on the terminal with echo off and reads a line. */
static int prompt(const char *text, char *buf, size_t size) {
    struct termios old, quiet;
    bool restore = tcgetattr(STDIN_FILENO, &old) == 0;
    if (restore) {
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        quiet.c_lflag |= ECHONL;
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    fputs(text, stderr);
    fflush(stderr);
    int rc = read_line(stdin, buf, size);
    if (restore)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
    return rc;
}

int cli_password_read(const char *username, char *buf, size_t size) {
    const char *env = getenv("CCCD_PASSWORD");
    if (env != NULL) {
        if (strlen(env) >= size - 1)
            return cli_failf("password: longer than %d bytes", CCCD_PASSWORD_MAX);
        snprintf(buf, size, "%s", env);
        return -1;
    }
    if (!isatty(STDIN_FILENO))
        return read_line(stdin, buf, size);
    char text[96];
    snprintf(text, sizeof text, "Password for %s: ", username);
    int rc = prompt(text, buf, size);
    if (rc >= 0)
        return rc;
    char *again = calloc(1, size);
    if (again == NULL)
        return cli_failf("out of memory");
    rc = prompt("Again: ", again, size);
    if (rc < 0 && strcmp(buf, again) != 0)
        rc = cli_failf("password: the two entries differ; nothing was changed");
    cli_password_wipe(again, size);
    free(again);
    if (rc >= 0)
        cli_password_wipe(buf, size);
    return rc;
}

void cli_actor_local(cccd_actor *a, char name[64]) {
    const char *user = getenv("USER");
    if (user && user[0])
        snprintf(name, 64, "cli:%.59s", user);
    else
        snprintf(name, 64, "cli");
    a->name = name;
    a->role = "";
    a->unit = "";
    a->remote = "local";
}

char *cli_unit_label(const cccd_units *u, const char *key, char *buf, size_t size) {
    if (strcmp(key, "VN") == 0) {
        snprintf(buf, size, "VN Việt Nam");
        return buf;
    }
    const cccd_unit *v = u ? cccd_units_by_key(u, key) : NULL;
    if (v)
        snprintf(buf, size, "%s %s", v->code, v->name);
    else
        snprintf(buf, size, "%s", key);
    return buf;
}

int cli_account_set_disabled(const cli_cmd *cmd, int argc, char **argv, bool disabled) {
    const char *db = NULL, *args[1];
    const cli_opt opts[] = {{"--db", &db, NULL}, {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    cccd_store *st = cli_store_open(db, true);
    if (st == NULL)
        return CLI_FAIL;
    char name[64];
    cccd_actor by;
    cli_actor_local(&by, name);
    cccd_err err;
    cccd_errc e = cccd_accounts_set_disabled(st, &by, args[0], disabled, &err);
    cccd_store_close(st);
    if (e != CCCD_OK)
        return cli_fail(&err);
    if (disabled)
        printf("disabled %s; its sessions are revoked\n", args[0]);
    else
        printf("enabled %s\n", args[0]);
    return CLI_OK;
}
