/*
 * test_population.h: what the store test programs do before their first test: the unit tree
 * (and a reform) imported into a fresh database, and a registry extract loaded with every row
 * accepted. Header-only, like testdb.h, so each test program stays one file.
 */
#ifndef CCCD_TEST_POPULATION_H
#define CCCD_TEST_POPULATION_H

#include <stdio.h>
#include <string.h>

#include "core/units.h"
#include "service/registry_import.h"
#include "store/store.h"

/* Imports the unit list (and, when reform_json is not NULL, the reform effective on
 * reform_on) into st. *out receives the units (owned: cccd_units_free); out NULL frees them. */
static inline cccd_errc testdb_units(cccd_store *st, const char *units_json,
                                     const char *reform_json, cccd_date reform_on, cccd_units **out,
                                     cccd_err *err) {
    cccd_units *u = cccd_units_new();
    cccd_store_unit_source src[2] = {
        {false, {0}, units_json, strlen(units_json)},
        {true, reform_on, reform_json, reform_json ? strlen(reform_json) : 0}};
    bool changed = false;
    cccd_errc rc = cccd_units_load_json(u, units_json, strlen(units_json), (cccd_date){0}, err);
    if (rc == CCCD_OK && reform_json)
        rc = cccd_units_apply_reform(u, reform_json, strlen(reform_json), reform_on, err);
    if (rc == CCCD_OK)
        rc = cccd_store_units_import(st, src, reform_json ? 2 : 1, u, &changed, err);
    if (rc != CCCD_OK || out == NULL)
        cccd_units_free(u);
    else
        *out = u;
    return rc;
}

/* Loads the extract csv[0..len) as of as_of (also "today" for the import); a rejected row
 * fails it as well (the fixtures are meant to be clean), with a line on stderr. */
static inline cccd_errc testdb_registry(cccd_store *st, const cccd_units *u, const char *csv,
                                        size_t len, cccd_date as_of, cccd_err *err) {
    FILE *in = fmemopen((void *)csv, len, "r");
    if (in == NULL)
        return cccd_err_set(err, CCCD_E_IO, "csv", "fmemopen failed");
    cccd_import_opts o = {.as_of = as_of, .today = as_of};
    cccd_import_summary sum;
    cccd_errc rc = cccd_registry_import(st, u, in, &o, NULL, NULL, NULL, &sum, err);
    fclose(in);
    if (rc == CCCD_OK && sum.rejected != 0)
        rc = cccd_err_set(err, CCCD_E_ARG, "csv", "%llu row(s) of the fixture rejected",
                          (unsigned long long)sum.rejected);
    if (rc != CCCD_OK)
        fprintf(stderr, "import: %s\n", err->msg);
    return rc;
}

#endif
