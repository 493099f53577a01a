/*
 * cmd_units_import.c: `cccd units import FILE [--reform FILE --effective DATE] [--db URL]`:
 * stores the statistics office's unit list and, optionally, a reorganisation with its date,
 * so that every later query resolves a registered unit to the unit in force on its date.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "store/store.h"

static const cli_cmd cmd = {
    "units import",
    "units import FILE [--reform FILE [--effective DATE]] [--db URL] [--json]\n"
    "  Stores the unit list FILE (the statistics office's JSON layout) and the reform FILE in\n"
    "  force from --effective (default 2025-07-01) as dated events. Importing the same files\n"
    "  again changes nothing; a unit that registered citizens use cannot disappear.",
    1, 1};

int cmd_units_import(int argc, char **argv) {
    const char *db = NULL, *reform = NULL, *eff_s = NULL, *args[1];
    bool json = false;
    const cli_opt opts[] = {{"--db", &db, NULL},
                            {"--reform", &reform, NULL},
                            {"--effective", &eff_s, NULL},
                            {"--json", NULL, &json},
                            {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    if (eff_s && !reform)
        return cli_usage_error(&cmd, "--effective goes with --reform");
    cccd_err err;
    cccd_date eff = {2025, 7, 1, CCCD_DATE_DAY};
    if (eff_s && cccd_date_parse_full(eff_s, "effective", &eff, &err) != CCCD_OK)
        return cli_fail(&err);
    char *list = NULL, *ref = NULL;
    size_t list_len = 0, ref_len = 0;
    if (cli_read_file(args[0], (size_t)256 << 20, &list, &list_len, &err) != CCCD_OK)
        return cli_fail(&err);
    if (reform && cli_read_file(reform, (size_t)256 << 20, &ref, &ref_len, &err) != CCCD_OK) {
        free(list);
        return cli_fail(&err);
    }
    int status = CLI_FAIL;
    cccd_store *st = NULL;
    bool changed = false;
    cccd_units *u = cccd_units_new();
    if (u == NULL) {
        status = cli_failf("out of memory");
        goto done;
    }
    if (cccd_units_load_json(u, list, list_len, (cccd_date){0}, &err) != CCCD_OK ||
        (ref && cccd_units_apply_reform(u, ref, ref_len, eff, &err) != CCCD_OK)) {
        status = cli_fail(&err);
        goto done;
    }
    if ((st = cli_store_open(db, true)) == NULL)
        goto done; /* reported */
    cccd_store_unit_source src[2] = {{false, {0}, list, list_len}, {true, eff, ref, ref_len}};
    if (cccd_store_units_import(st, src, ref ? 2 : 1, u, &changed, &err) != CCCD_OK) {
        status = cli_fail(&err);
        goto done;
    }
    cccd_units_stats s;
    cccd_units_stats_get(u, &s);
    if (json)
        cli_print_json(json_pack("{s:b,s:I,s:I,s:I}", "changed", changed, "versions",
                                 (json_int_t)s.versions, "events", (json_int_t)s.events, "warnings",
                                 (json_int_t)s.warnings));
    else if (!changed)
        printf("units unchanged: the database already holds these files\n");
    else
        printf("stored %zu unit versions and %zu change events (%zu data warnings: see "
               "cccd units stats)\n",
               s.versions, s.events, s.warnings);
    status = CLI_OK;
done:
    cccd_store_close(st);
    cccd_units_free(u);
    free(list);
    free(ref);
    return status;
}
