/*
 * cli.c: option parsing, help and error reporting shared by the subcommands (see cli.h).
 */
#include "cli/cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void print_usage(FILE *f, const cli_cmd *cmd) {
    fprintf(f, "usage: cccd %s\n", cmd->usage);
}

int cli_usage_error(const cli_cmd *cmd, const char *fmt, ...) {
    va_list ap;
    fprintf(stderr, "cccd %s: ", cmd->name);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    print_usage(stderr, cmd);
    return CLI_USAGE;
}

int cli_parse(const cli_cmd *cmd, int argc, char **argv, const cli_opt *opts, const char **args,
              int *nargs) {
    *nargs = 0;
    bool only_args = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!only_args && strcmp(a, "--") == 0) {
            only_args = true;
            continue;
        }
        if (!only_args && (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)) {
            print_usage(stdout, cmd);
            return CLI_OK;
        }
        if (!only_args && a[0] == '-' && a[1] == '-') {
            /* --name=value or --name value */
            const char *eq = strchr(a, '=');
            size_t nlen = eq ? (size_t)(eq - a) : strlen(a);
            const cli_opt *o = NULL;
            for (const cli_opt *p = opts; p && p->name; p++)
                if (strlen(p->name) == nlen && strncmp(p->name, a, nlen) == 0)
                    o = p;
            if (o == NULL)
                return cli_usage_error(cmd, "unknown option '%.*s'", (int)nlen, a);
            if (o->flag) {
                if (eq)
                    return cli_usage_error(cmd, "option '%s' takes no value", o->name);
                *o->flag = true;
            } else if (eq) {
                *o->value = eq + 1;
            } else {
                if (i + 1 >= argc)
                    return cli_usage_error(cmd, "option '%s' needs a value", o->name);
                *o->value = argv[++i];
            }
            continue;
        }
        if (*nargs >= cmd->max_args)
            return cli_usage_error(cmd, "unexpected argument '%s'", a);
        args[(*nargs)++] = a;
    }
    if (*nargs < cmd->min_args)
        return cli_usage_error(cmd, "missing argument");
    return -1;
}

int cli_fail(const cccd_err *err) {
    fprintf(stderr, "cccd: %s\n", err->msg[0] ? err->msg : cccd_errc_name(err->code));
    return CLI_FAIL;
}

int cli_failf(const char *fmt, ...) {
    va_list ap;
    fputs("cccd: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return CLI_FAIL;
}

cccd_errc cli_read_file(const char *path, size_t max_bytes, char **out, size_t *len,
                        cccd_err *err) {
    *out = NULL;
    *len = 0;
    bool is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (f == NULL)
        return cccd_err_set(err, CCCD_E_IO, "file", "cannot open %s: %s", path, strerror(errno));
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap + 1);
    cccd_errc rc = CCCD_OK;
    while (buf != NULL) {
        if (n == cap) {
            if (cap > max_bytes) {
                rc = cccd_err_set(err, CCCD_E_TOO_LONG, "file", "%s is larger than %zu bytes", path,
                                  max_bytes);
                break;
            }
            cap = cap * 2 > max_bytes + 1 ? max_bytes + 1 : cap * 2;
            char *nb = realloc(buf, cap + 1);
            if (nb == NULL) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (r == 0) {
            if (ferror(f))
                rc = cccd_err_set(err, CCCD_E_IO, "file", "cannot read %s: %s", path,
                                  strerror(errno));
            break;
        }
    }
    if (buf == NULL && rc == CCCD_OK)
        rc = cccd_err_set(err, CCCD_E_NOMEM, "file", "out of memory reading %s", path);
    if (!is_stdin)
        fclose(f);
    if (rc != CCCD_OK) {
        free(buf);
        return rc;
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return CCCD_OK;
}

void cli_env_default(const char **value, const char *name) {
    if (*value != NULL)
        return;
    const char *v = getenv(name);
    if (v != NULL && v[0] != '\0')
        *value = v;
}

cccd_errc cli_today(cccd_date *out, cccd_err *err) {
    const char *pinned = getenv("CCCD_TODAY");
    if (pinned != NULL && pinned[0] != '\0')
        return cccd_date_parse_full(pinned, "CCCD_TODAY", out, err);
    *out = cccd_date_vn_from_unix((int64_t)time(NULL));
    return CCCD_OK;
}

json_t *cli_err_json(const cccd_err *err) {
    json_t *o = json_object();
    json_object_set_new(o, "code", json_string(cccd_errc_name(err->code)));
    if (err->field[0])
        json_object_set_new(o, "field", json_string(err->field));
    if (err->pos)
        json_object_set_new(o, "position", json_integer((json_int_t)err->pos));
    json_t *msg = json_string(err->msg);
    if (msg == NULL) {
        /* the message echoes input that is not valid UTF-8: keep its ASCII part */
        char safe[sizeof err->msg];
        size_t i = 0;
        for (; err->msg[i] && i + 1 < sizeof safe; i++)
            safe[i] = (unsigned char)err->msg[i] < 0x80 ? err->msg[i] : '?';
        safe[i] = '\0';
        msg = json_string(safe);
    }
    json_object_set_new(o, "message", msg);
    return o;
}

void cli_print_json(json_t *v) {
    char *s = json_dumps(v, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    if (s != NULL) {
        fputs(s, stdout);
        fputc('\n', stdout);
        free(s);
    }
    json_decref(v);
}

cccd_store *cli_store_open(const char *db_opt, bool check) {
    cli_env_default(&db_opt, "CCCD_DB");
    cccd_store *st = NULL;
    cccd_err err;
    if ((check ? cccd_store_open_existing(db_opt, &st, &err)
               : cccd_store_open(db_opt, &st, &err)) != CCCD_OK) {
        cli_fail(&err);
        return NULL;
    }
    if (check && cccd_store_check(st, &err) != CCCD_OK) {
        cli_fail(&err);
        cccd_store_close(st);
        return NULL;
    }
    return st;
}

double cli_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

char *cli_thousands(int64_t n, char *buf) {
    char digits[24];
    snprintf(digits, sizeof digits, "%lld", (long long)(n < 0 ? -n : n));
    size_t len = strlen(digits), o = 0;
    if (n < 0)
        buf[o++] = '-';
    for (size_t i = 0; i < len; i++) {
        if (i && (len - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
    return buf;
}

void cli_progress_start(cli_progress *p, uint64_t total) {
    p->tty = isatty(STDERR_FILENO);
    p->total = total;
    p->started = cli_now();
    p->last_draw = 0;
}

void cli_progress_update(cli_progress *p, uint64_t done, uint64_t items) {
    if (!p->tty)
        return;
    double now = cli_now();
    if (now - p->last_draw < 0.1)
        return;
    p->last_draw = now;
    double el = now - p->started;
    char n[32];
    cli_thousands((int64_t)items, n);
    if (p->total) {
        int width = 30, fill = (int)((double)done / (double)p->total * width);
        if (fill > width)
            fill = width;
        fprintf(stderr, "\r[%.*s%*s] %3d%%  %s rows  %.0f rows/s ", fill,
                "##############################", width - fill, "",
                (int)((double)done * 100 / (double)p->total), n, el > 0 ? (double)items / el : 0);
    } else {
        fprintf(stderr, "\r%s rows  %.0f rows/s ", n, el > 0 ? (double)items / el : 0);
    }
    fflush(stderr);
}

void cli_progress_end(cli_progress *p) {
    if (p->tty)
        fprintf(stderr, "\r\033[K");
}

int cli_parse_long(const char *s, const char *opt, long min, long max, long *out) {
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || end == s || v < min || v > max)
        return cli_failf("%s: '%.40s' is not a number from %ld to %ld", opt, s, min, max);
    *out = v;
    return -1;
}

char *cli_pad(const char *s, int width, char *buf) {
    size_t o = 0;
    int cols = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p && cols < width;) {
        size_t n = *p < 0x80 ? 1 : (*p >> 5) == 6 ? 2 : (*p >> 4) == 14 ? 3 : 4;
        for (size_t i = 0; i < n && p[i]; i++)
            buf[o++] = (char)p[i];
        p += n;
        cols++;
    }
    while (cols++ < width)
        buf[o++] = ' ';
    buf[o] = '\0';
    return buf;
}
