/*
 * cmd_units_stats.c: `cccd units stats`: how many provinces, districts and communes are in
 * force at a date, what the loaded reorganisation did (events by kind and level) and which
 * oddities its data carries. Until the database holds the units, they come from the
 * statistics office's JSON list and the reform file (see docs/units.md).
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/cli_units.h"
#include "cli/commands.h"
#include "core/units.h"

static const cli_cmd cmd = {
    "units stats",
    "units stats [FILE] [--units FILE] [--reform FILE] [--effective DATE] [--since DATE]\n"
    "                   [--at DATE] [--json]\n"
    "  Counts the units in force on DATE per level, the events of the reform and its\n"
    "  data warnings.\n"
    "  FILE, --units FILE  the unit list (statistics office JSON; default $CCCD_UNITS; without "
    "one,\n"
    "                     the database of --db / $CCCD_DB, filled by cccd units import)\n"
    "  --reform FILE       a reorganisation (splits JSON; default $CCCD_REFORM)\n"
    "  --effective DATE    the day the reorganisation takes effect (default 2025-07-01)\n"
    "  --since DATE        the day the list took effect (default: in force since always)\n"
    "  --at DATE           the day to count (default today in Vietnam)\n"
    "  --json              machine-readable output",
    0, 1};

static void print_text(const cccd_units *u, const char *at_iso,
                       const size_t counts[CCCD_UNIT_LEVELS], const cccd_units_stats *st) {
    printf("at: %s\n", at_iso);
    printf("provinces: %zu\ndistricts: %zu\ncommunes: %zu\n", counts[CCCD_UNIT_PROVINCE],
           counts[CCCD_UNIT_DISTRICT], counts[CCCD_UNIT_COMMUNE]);
    printf("versions: %zu\nevents: %zu\n", st->versions, st->events);
    for (int k = 0; k < CCCD_UNIT_EV__COUNT; k++) {
        if (st->by_kind[k] == 0)
            continue;
        printf("event %s: %zu (", cccd_unit_event_kind_name((cccd_unit_event_kind)k),
               st->by_kind[k]);
        const char *sep = "";
        for (int l = CCCD_UNIT_PROVINCE; l < CCCD_UNIT_LEVELS; l++)
            if (st->by_kind_level[k][l] > 0) {
                printf("%s%s %zu", sep, cccd_unit_level_name((cccd_unit_level)l),
                       st->by_kind_level[k][l]);
                sep = ", ";
            }
        printf(")\n");
    }
    printf("warnings: %zu\n", st->warnings);
    for (size_t i = 0; i < cccd_units_warning_count(u); i++)
        printf("warning: %s\n", cccd_units_warning_at(u, i));
    if (st->warnings > cccd_units_warning_count(u))
        printf("warning: ... %zu more not kept\n", st->warnings - cccd_units_warning_count(u));
}

static int print_json(const cccd_units *u, const char *at_iso,
                      const size_t counts[CCCD_UNIT_LEVELS], const cccd_units_stats *st) {
    json_t *events = json_object(), *warnings = json_array();
    for (int k = 0; k < CCCD_UNIT_EV__COUNT; k++) {
        json_t *e = json_pack("{s:I}", "total", (json_int_t)st->by_kind[k]);
        for (int l = CCCD_UNIT_PROVINCE; l < CCCD_UNIT_LEVELS; l++)
            json_object_set_new(e, cccd_unit_level_name((cccd_unit_level)l),
                                json_integer((json_int_t)st->by_kind_level[k][l]));
        json_object_set_new(events, cccd_unit_event_kind_name((cccd_unit_event_kind)k), e);
    }
    for (size_t i = 0; i < cccd_units_warning_count(u); i++)
        json_array_append_new(warnings, json_string(cccd_units_warning_at(u, i)));
    json_t *doc = json_pack(
        "{s:s, s:{s:I, s:I, s:I}, s:I, s:I, s:o, s:I, s:o}", "at", at_iso, "counts", "province",
        (json_int_t)counts[CCCD_UNIT_PROVINCE], "district", (json_int_t)counts[CCCD_UNIT_DISTRICT],
        "commune", (json_int_t)counts[CCCD_UNIT_COMMUNE], "versions", (json_int_t)st->versions,
        "events_total", (json_int_t)st->events, "events", events, "warnings_total",
        (json_int_t)st->warnings, "warnings", warnings);
    char *s = doc ? json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
    json_decref(doc);
    if (s == NULL)
        return cli_failf("out of memory");
    puts(s);
    free(s);
    return CLI_OK;
}

int cmd_units_stats(int argc, char **argv) {
    const char *db = NULL, *units = NULL, *reform = NULL, *effective = NULL, *since = NULL,
               *at_s = NULL;
    bool json = false;
    const cli_opt opts[] = {{"--db", &db, NULL},         {"--units", &units, NULL},
                            {"--reform", &reform, NULL}, {"--effective", &effective, NULL},
                            {"--since", &since, NULL},   {"--at", &at_s, NULL},
                            {"--json", NULL, &json},     {NULL, NULL, NULL}};
    const char *args[1];
    int nargs;
    int rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    if (nargs == 1) {
        if (units != NULL)
            return cli_usage_error(&cmd, "give the unit list once (FILE or --units)");
        units = args[0];
    }
    cccd_err err;
    cccd_date at;
    if ((at_s ? cccd_date_parse_full(at_s, "--at", &at, &err) : cli_today(&at, &err)) != CCCD_OK)
        return cli_fail(&err);
    cccd_units *u = NULL;
    rc = cli_units_load(units, reform, effective, since, db, &u);
    if (rc >= 0)
        return rc;
    size_t counts[CCCD_UNIT_LEVELS];
    cccd_units_count_at(u, at, counts);
    cccd_units_stats st;
    cccd_units_stats_get(u, &st);
    char at_iso[11];
    cccd_date_iso(at, at_iso);
    if (json)
        rc = print_json(u, at_iso, counts, &st);
    else {
        print_text(u, at_iso, counts, &st);
        rc = CLI_OK;
    }
    cccd_units_free(u);
    return rc;
}
