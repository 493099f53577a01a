/*
 * cmd_units_resolve.c: `cccd units resolve CODE`: the unit(s) an old code stands for at a date.
 * A record made in a commune that has since merged or split is served under the unit(s) in
 * force now; this prints them (flagged ambiguous when the old area went to several) and the
 * dated events that lead there. Units come from the JSON files until the database holds them.
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
    "units resolve",
    "units resolve CODE [--at DATE] [--recorded DATE] [--level LEVEL] [--units FILE]\n"
    "                     [--reform FILE] [--effective DATE] [--since DATE] [--json]\n"
    "  The unit(s) in force on DATE that the unit CODE (2 digits: province, 3: district,\n"
    "  5: commune) went into, with the events followed; \"ambiguous\" when several.\n"
    "  --at DATE          the day to resolve to (default today in Vietnam)\n"
    "  --recorded DATE    the day the code was recorded (default: its earliest version)\n"
    "  --level LEVEL      province, district or commune (default: from the code's length)\n"
    "  --units FILE       the unit list (statistics office JSON; default $CCCD_UNITS; without "
    "one,\n"
    "                     the database of --db / $CCCD_DB, filled by cccd units import)\n"
    "  --reform FILE      a reorganisation (splits JSON; default $CCCD_REFORM)\n"
    "  --effective DATE   the day the reorganisation takes effect (default 2025-07-01)\n"
    "  --since DATE       the day the list took effect (default: in force since always)\n"
    "  --json             machine-readable output",
    1, 1};

/* "2025-03-01..2025-06-30": first and last day in force, open ends left empty. */
static void span(const cccd_unit *x, char *buf, size_t size) {
    char from[11], last[11];
    cccd_date_iso(x->valid_from, from);
    if (x->valid_to.prec == CCCD_DATE_NONE)
        last[0] = '\0';
    else
        cccd_date_iso(cccd_date_add_days(x->valid_to, -1), last);
    snprintf(buf, size, "%s..%s", from, last);
}

static void print_unit(const char *tag, const cccd_unit *x) {
    char path[512], when[32];
    cccd_unit_path(x, path, sizeof path);
    span(x, when, sizeof when);
    printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\n", tag, x->code, cccd_unit_level_name(x->level), x->type,
           x->name, path[0] ? path : "-", when);
}

static void print_event(const cccd_unit_event *e) {
    char date[11];
    printf("event\t%s\t%s\t", cccd_date_iso(e->date, date), cccd_unit_event_kind_name(e->kind));
    for (size_t i = 0; i < e->nfrom; i++)
        printf("%s%s %s", i ? ", " : "", e->from[i]->code, e->from[i]->name);
    printf(" ->");
    for (size_t i = 0; i < e->nto; i++)
        printf("%s %s %s", i ? "," : "", e->to[i]->code, e->to[i]->name);
    if (e->nto == 0)
        printf(" (nothing)");
    printf("\n");
}

static json_t *date_json(cccd_date d) {
    char buf[11];
    return d.prec == CCCD_DATE_NONE ? json_null() : json_string(cccd_date_iso(d, buf));
}

static json_t *unit_json(const cccd_unit *x) {
    char path[512];
    cccd_unit_path(x, path, sizeof path);
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:o}", "code", x->code, "level",
                     cccd_unit_level_name(x->level), "type", x->type, "name", x->name, "path", path,
                     "valid_from", date_json(x->valid_from), "valid_to", date_json(x->valid_to));
}

static json_t *brief_list(const cccd_unit *const *v, size_t n) {
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_pack("{s:s, s:s}", "code", v[i]->code, "name", v[i]->name));
    return a;
}

static int print_json(const char *code, const char *at_iso, const cccd_unit_resolution *r) {
    json_t *units = json_array(), *events = json_array();
    for (size_t i = 0; i < r->n; i++)
        json_array_append_new(units, unit_json(r->units[i]));
    for (size_t i = 0; i < r->nevents; i++) {
        const cccd_unit_event *e = r->events[i];
        json_array_append_new(events, json_pack("{s:o, s:s, s:o, s:o}", "date", date_json(e->date),
                                                "kind", cccd_unit_event_kind_name(e->kind), "from",
                                                brief_list(e->from, e->nfrom), "to",
                                                brief_list(e->to, e->nto)));
    }
    json_t *doc =
        json_pack("{s:s, s:s, s:o, s:b, s:o, s:o}", "code", code, "at", at_iso, "start",
                  unit_json(r->start), "ambiguous", r->ambiguous, "units", units, "events", events);
    char *s = doc ? json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
    json_decref(doc);
    if (s == NULL)
        return cli_failf("out of memory");
    puts(s);
    free(s);
    return CLI_OK;
}

int cmd_units_resolve(int argc, char **argv) {
    const char *db = NULL, *units = NULL, *reform = NULL, *effective = NULL, *since = NULL,
               *at_s = NULL, *recorded_s = NULL, *level_s = NULL;
    bool json = false;
    const cli_opt opts[] = {{"--db", &db, NULL},
                            {"--units", &units, NULL},
                            {"--reform", &reform, NULL},
                            {"--effective", &effective, NULL},
                            {"--since", &since, NULL},
                            {"--at", &at_s, NULL},
                            {"--recorded", &recorded_s, NULL},
                            {"--level", &level_s, NULL},
                            {"--json", NULL, &json},
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
    cccd_date at, recorded;
    if ((at_s ? cccd_date_parse_full(at_s, "--at", &at, &err) : cli_today(&at, &err)) != CCCD_OK)
        return cli_fail(&err);
    if (recorded_s != NULL &&
        cccd_date_parse_full(recorded_s, "--recorded", &recorded, &err) != CCCD_OK)
        return cli_fail(&err);
    cccd_units *u = NULL;
    rc = cli_units_load(units, reform, effective, since, db, &u);
    if (rc >= 0)
        return rc;
    cccd_unit_resolution r;
    if (cccd_units_resolve(u, args[0], level, recorded_s ? &recorded : NULL, at, &r, &err) !=
        CCCD_OK) {
        cccd_units_free(u);
        return cli_fail(&err);
    }
    char at_iso[11];
    cccd_date_iso(at, at_iso);
    if (json) {
        rc = print_json(args[0], at_iso, &r);
    } else {
        print_unit("start", r.start);
        printf("on %s: %zu unit%s%s\n", at_iso, r.n, r.n == 1 ? "" : "s",
               r.ambiguous ? " (ambiguous)" : "");
        for (size_t i = 0; i < r.n; i++)
            print_unit("unit", r.units[i]);
        for (size_t i = 0; i < r.nevents; i++)
            print_event(r.events[i]);
        rc = CLI_OK;
    }
    cccd_unit_resolution_free(&r);
    cccd_units_free(u);
    return rc;
}
