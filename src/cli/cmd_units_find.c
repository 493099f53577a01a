/*
 * cmd_units_find.c: `cccd units find NAME`: units whose name matches, typed with or without
 * diacritics and with or without the type word ("thai thuy", "Thái Thụy", "Huyện Thái Thụy"),
 * at one date or across all of them. Units come from the JSON files until the database holds
 * them.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_units.h"
#include "cli/commands.h"
#include "core/units.h"

static const cli_cmd cmd = {
    "units find",
    "units find NAME [--level LEVEL] [--at DATE] [--units FILE] [--reform FILE]\n"
    "                  [--effective DATE] [--since DATE] [--json]\n"
    "  The units named NAME (matched by key: case, diacritics, spacing and the type word\n"
    "  do not matter), one per line: code, level, type, name, parents, days in force.\n"
    "  --level LEVEL      province, district or commune (default: all)\n"
    "  --at DATE          only units in force that day (default: every date)\n"
    "  --units FILE       the unit list (statistics office JSON; default $CCCD_UNITS; without "
    "one,\n"
    "                     the database of --db / $CCCD_DB, filled by cccd units import)\n"
    "  --reform FILE      a reorganisation (splits JSON; default $CCCD_REFORM)\n"
    "  --effective DATE   the day the reorganisation takes effect (default 2025-07-01)\n"
    "  --since DATE       the day the list took effect (default: in force since always)\n"
    "  --json             machine-readable output",
    1, 1};

static json_t *date_json(cccd_date d) {
    char buf[11];
    return d.prec == CCCD_DATE_NONE ? json_null() : json_string(cccd_date_iso(d, buf));
}

static int print_json(const cccd_unit *const *m, size_t n) {
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) {
        char path[512];
        cccd_unit_path(m[i], path, sizeof path);
        json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:o}", "code",
                                           m[i]->code, "level", cccd_unit_level_name(m[i]->level),
                                           "type", m[i]->type, "name", m[i]->name, "path", path,
                                           "valid_from", date_json(m[i]->valid_from), "valid_to",
                                           date_json(m[i]->valid_to)));
    }
    char *s = json_dumps(a, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(a);
    if (s == NULL)
        return cli_failf("out of memory");
    puts(s);
    free(s);
    return CLI_OK;
}

static void print_text(const cccd_unit *const *m, size_t n) {
    for (size_t i = 0; i < n; i++) {
        char path[512], from[11], last[11] = "";
        cccd_unit_path(m[i], path, sizeof path);
        cccd_date_iso(m[i]->valid_from, from);
        if (m[i]->valid_to.prec != CCCD_DATE_NONE)
            cccd_date_iso(cccd_date_add_days(m[i]->valid_to, -1), last);
        printf("%s\t%s\t%s\t%s\t%s\t%s..%s\n", m[i]->code, cccd_unit_level_name(m[i]->level),
               m[i]->type, m[i]->name, path[0] ? path : "-", from, last);
    }
}

int cmd_units_find(int argc, char **argv) {
    const char *db = NULL, *units = NULL, *reform = NULL, *effective = NULL, *since = NULL,
               *at_s = NULL, *level_s = NULL;
    bool json = false;
    const cli_opt opts[] = {{"--db", &db, NULL},         {"--units", &units, NULL},
                            {"--reform", &reform, NULL}, {"--effective", &effective, NULL},
                            {"--since", &since, NULL},   {"--at", &at_s, NULL},
                            {"--level", &level_s, NULL}, {"--json", NULL, &json},
                            {NULL, NULL, NULL}};
    const char *args[1];
    int nargs;
    int rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    cccd_unit_level level = CCCD_UNIT_ANY;
    if (level_s != NULL && !cccd_unit_level_parse(level_s, &level))
        return cli_usage_error(&cmd, "--level must be province, district or commune");
    cccd_err err;
    cccd_date at;
    if (at_s != NULL && cccd_date_parse_full(at_s, "--at", &at, &err) != CCCD_OK)
        return cli_fail(&err);
    cccd_units *u = NULL;
    rc = cli_units_load(units, reform, effective, since, db, &u);
    if (rc >= 0)
        return rc;
    const cccd_unit **m = NULL;
    size_t n = 0;
    if (cccd_units_find(u, args[0], strlen(args[0]), level, at_s ? &at : NULL, &m, &n, &err) !=
        CCCD_OK)
        rc = cli_fail(&err);
    else if (n == 0)
        rc = cli_failf("no %s named '%s'%s%s",
                       level == CCCD_UNIT_ANY ? "unit" : cccd_unit_level_name(level), args[0],
                       at_s ? " on " : "", at_s ? at_s : "");
    else if (json)
        rc = print_json(m, n);
    else {
        print_text(m, n);
        rc = CLI_OK;
    }
    free(m);
    cccd_units_free(u);
    return rc;
}
