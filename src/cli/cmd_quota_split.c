/*
 * cmd_quota_split.c: `cccd quota split UNIT (--by eligible | --file CSV)`: splits a unit's
 * quota over its children.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_campaigns.h"
#include "cli/commands.h"
#include "service/quotas.h"

static const cli_cmd cmd = {
    "quota split",
    "quota split UNIT (--by eligible | --file CSV) [--db URL] [--json]\n"
    "  Splits UNIT's quota over its child units in force today, each with UNIT's deadline:\n"
    "  --by eligible in proportion to their eligible residents (the sum is UNIT's quota);\n"
    "  --file CSV by hand, lines `code,target` (a header line `code,target` may come first).\n"
    "  A sum short of UNIT's quota is a warning on stderr, not an error. Audited by\n"
    "  cli:$USER from local (docs/progress.md).",
    1, 1};

/* Parses "code,target" lines into *out (caller frees). -1 to go on, or 1 after printing. */
static int read_lines(const char *path, cccd_split_in **out, size_t *n) {
    char *buf = NULL;
    size_t len = 0;
    cccd_err err;
    if (cli_read_file(path, 1 << 20, &buf, &len, &err) != CCCD_OK)
        return cli_fail(&err);
    size_t cap = 16, line_no = 0;
    *out = malloc(cap * sizeof **out);
    *n = 0;
    int rc = *out ? -1 : cli_failf("out of memory");
    for (char *save = NULL, *line = strtok_r(buf, "\n", &save); rc < 0 && line;
         line = strtok_r(NULL, "\n", &save)) {
        line_no++;
        line[strcspn(line, "\r")] = '\0';
        if (line[0] == '\0' || (line_no == 1 && strncmp(line, "code,", 5) == 0))
            continue;
        char *comma = strchr(line, ',');
        char *end = NULL;
        long long t = comma ? strtoll(comma + 1, &end, 10) : -1;
        if (comma == NULL || comma - line != (ptrdiff_t)strspn(line, "0123456789") ||
            comma - line > 5 || end == comma + 1 || *end != '\0' || t < 0) {
            rc = cli_failf("%s line %zu: expected code,target (a unit code and a count), got "
                           "'%.60s'",
                           path, line_no, line);
            break;
        }
        if (*n == cap) {
            cccd_split_in *nv = realloc(*out, 2 * cap * sizeof *nv);
            if (nv == NULL) {
                rc = cli_failf("out of memory");
                break;
            }
            *out = nv;
            cap *= 2;
        }
        memset(&(*out)[*n], 0, sizeof **out);
        memcpy((*out)[*n].code, line, (size_t)(comma - line));
        (*out)[*n].target = t;
        (*n)++;
    }
    free(buf);
    return rc;
}

int cmd_quota_split(int argc, char **argv) {
    const char *db = NULL, *by_s = NULL, *file = NULL, *args[1];
    bool json = false;
    const cli_opt opts[] = {{"--db", &db, NULL},
                            {"--by", &by_s, NULL},
                            {"--file", &file, NULL},
                            {"--json", NULL, &json},
                            {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    if ((by_s == NULL) == (file == NULL))
        return cli_usage_error(&cmd, "give either --by eligible or --file CSV");
    if (by_s && strcmp(by_s, "eligible") != 0)
        return cli_usage_error(&cmd, "--by: only 'eligible' (or split by hand with --file)");
    cccd_split_in *lines = NULL;
    size_t n = 0;
    if (file && (rc = read_lines(file, &lines, &n)) >= 0) {
        free(lines);
        return rc;
    }
    cli_camp c;
    if ((rc = cli_camp_open(&c, db)) >= 0) {
        free(lines);
        return rc;
    }
    cccd_err err;
    cccd_split s;
    if (cccd_quota_split(c.st, c.u, args[0], file ? lines : NULL, n, c.today, c.now, &c.by, &s,
                         &err) != CCCD_OK) {
        rc = cli_fail(&err);
    } else {
        char iso[16];
        cccd_date_iso(cccd_date_from_days(s.deadline), iso);
        if (s.warning[0])
            fprintf(stderr, "cccd: warning: %s\n", s.warning);
        if (json) {
            json_t *kids = json_array();
            for (size_t i = 0; i < s.n; i++)
                json_array_append_new(kids, json_pack("{s:s,s:s,s:I,s:I}", "code",
                                                      s.v[i].unit->code, "name", s.v[i].unit->name,
                                                      "eligible", (json_int_t)s.v[i].eligible,
                                                      "target", (json_int_t)s.v[i].target));
            cli_print_json(json_pack("{s:s,s:I,s:s,s:I,s:o,s:s?}", "unit", args[0], "target",
                                     (json_int_t)s.parent_target, "deadline", iso, "sum",
                                     (json_int_t)s.sum, "children", kids, "warning",
                                     s.warning[0] ? s.warning : NULL));
        } else {
            printf("quota of %s: %lld by %s, split %lld over %zu units\n", args[0],
                   (long long)s.parent_target, iso, (long long)s.sum, s.n);
            for (size_t i = 0; i < s.n; i++)
                printf("  %-6s %lld\n", s.v[i].unit->code, (long long)s.v[i].target);
        }
        cccd_split_free(&s);
        rc = CLI_OK;
    }
    free(lines);
    cli_camp_close(&c);
    return rc;
}
