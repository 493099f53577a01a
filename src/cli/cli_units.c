/*
 * cli_units.c: where the commands that need the unit tree get it: from the statistics
 * office's JSON files (--units/--reform, CCCD_UNITS/CCCD_REFORM) when given, otherwise from
 * the database (--db, CCCD_DB) that `cccd units import` filled.
 */
#include "cli/cli_units.h"

#include <stdlib.h>

#define MAX_FILE (256u * 1024 * 1024)

cccd_units *cli_units_from_db(cccd_store *st) {
    cccd_units *u = NULL;
    cccd_err err;
    if (cccd_store_units_load(st, &u, &err) != CCCD_OK) {
        cli_fail(&err);
        return NULL;
    }
    return u;
}

int cli_units_load(const char *units_path, const char *reform_path, const char *effective_s,
                   const char *since_s, const char *db, cccd_units **out) {
    *out = NULL;
    cli_env_default(&units_path, "CCCD_UNITS");
    cli_env_default(&reform_path, "CCCD_REFORM");
    if (units_path == NULL) {
        if (reform_path || effective_s || since_s)
            return cli_failf("--reform, --effective and --since go with a unit list file "
                             "(--units FILE)");
        cccd_store *st = cli_store_open(db, true);
        if (st == NULL)
            return CLI_FAIL;
        *out = cli_units_from_db(st);
        cccd_store_close(st);
        return *out ? -1 : CLI_FAIL;
    }
    cccd_err err;
    cccd_date effective, since = {0, 0, 0, CCCD_DATE_NONE};
    if (cccd_date_parse_full(effective_s ? effective_s : "2025-07-01", "--effective", &effective,
                             &err) != CCCD_OK)
        return cli_fail(&err);
    if (since_s && cccd_date_parse_full(since_s, "--since", &since, &err) != CCCD_OK)
        return cli_fail(&err);
    char *buf = NULL;
    size_t len;
    if (cli_read_file(units_path, MAX_FILE, &buf, &len, &err) != CCCD_OK)
        return cli_fail(&err);
    cccd_units *u = cccd_units_new();
    if (u == NULL) {
        free(buf);
        return cli_failf("out of memory");
    }
    cccd_errc rc = cccd_units_load_json(u, buf, len, since, &err);
    free(buf);
    if (rc == CCCD_OK && reform_path != NULL) {
        rc = cli_read_file(reform_path, MAX_FILE, &buf, &len, &err);
        if (rc == CCCD_OK)
            rc = cccd_units_apply_reform(u, buf, len, effective, &err);
        free(buf);
    }
    if (rc != CCCD_OK) {
        cccd_units_free(u);
        return cli_fail(&err);
    }
    *out = u;
    return -1;
}
