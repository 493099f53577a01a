/*
 * cmd_neighbours_import.c: `cccd neighbours import FILE`: replaces the pairs of neighbouring
 * provinces the advice may borrow kits and officers from (docs/advice.md), from a CSV of
 * `a,b` province codes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_campaigns.h"
#include "cli/commands.h"
#include "service/audit_log.h"
#include "store/store_advice.h"

static const cli_cmd cmd = {
    "neighbours import",
    "neighbours import FILE [--db URL]\n"
    "  Replaces the pairs of neighbouring provinces with the lines of FILE, `a,b` two\n"
    "  province codes in force today (a header line `a,b` and lines starting with # are\n"
    "  skipped). `cccd advice` of a province borrows from its neighbours when its own units\n"
    "  cannot help. data/province-neighbours.csv holds a few pairs of the provinces before\n"
    "  the 2025 reform.",
    1, 1};

static bool is_province(const char *s) {
    return strlen(s) == 2 && strspn(s, "0123456789") == 2;
}

int cmd_neighbours_import(int argc, char **argv) {
    const char *db = NULL, *args[1];
    const cli_opt opts[] = {{"--db", &db, NULL}, {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    char *buf = NULL;
    size_t len = 0, n = 0, cap = 0, line_no = 0;
    cccd_err err;
    if (cli_read_file(args[0], 1 << 20, &buf, &len, &err) != CCCD_OK)
        return cli_fail(&err);
    char(*a)[6] = NULL, (*b)[6] = NULL;
    rc = -1;
    for (char *save = NULL, *line = strtok_r(buf, "\n", &save); rc < 0 && line;
         line = strtok_r(NULL, "\n", &save)) {
        line_no++;
        line[strcspn(line, "\r")] = '\0';
        if (line[0] == '\0' || line[0] == '#' || strcmp(line, "a,b") == 0)
            continue;
        char *comma = strchr(line, ',');
        if (comma == NULL) {
            rc = cli_failf("%s line %zu: expected a,b (two province codes), got '%.60s'", args[0],
                           line_no, line);
            break;
        }
        *comma = '\0';
        if (!is_province(line) || !is_province(comma + 1) || strcmp(line, comma + 1) == 0) {
            rc = cli_failf("%s line %zu: expected two different province codes of 2 digits",
                           args[0], line_no);
            break;
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char(*na)[6] = realloc(a, cap * sizeof *na);
            if (na)
                a = na;
            char(*nb)[6] = realloc(b, cap * sizeof *nb);
            if (nb)
                b = nb;
            if (na == NULL || nb == NULL) {
                rc = cli_failf("out of memory");
                break;
            }
        }
        snprintf(a[n], 6, "%s", line);
        snprintf(b[n], 6, "%s", comma + 1);
        n++;
    }
    free(buf);
    cli_camp c;
    if (rc < 0 && (rc = cli_camp_open(&c, db)) < 0) {
        for (size_t i = 0; rc < 0 && i < n; i++)
            for (int k = 0; k < 2; k++)
                if (cccd_units_lookup(c.u, k ? b[i] : a[i], CCCD_UNIT_PROVINCE, c.today, &err) ==
                    NULL)
                    rc = cli_failf("%s: pair %zu: %s", args[0], i + 1, err.msg);
        if (rc < 0 && cccd_store_neighbours_replace(c.st, (const char(*)[6])a, (const char(*)[6])b,
                                                    n, &err) != CCCD_OK)
            rc = cli_fail(&err);
        if (rc < 0) {
            printf("%zu pairs of neighbouring provinces\n", n);
            rc = CLI_OK;
        }
        cli_camp_close(&c);
    }
    free(a);
    free(b);
    return rc;
}
