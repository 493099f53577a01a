/*
 * cli_communes.c: the registered unit versions whose citizens a unit serves on a date, for
 * commands that read citizens of a unit (registry find, coverage --remaining).
 */
#include "cli/cli_communes.h"

#include <stdlib.h>
#include <string.h>

#include "service/coverage.h"

static cccd_errc add_keys(const cccd_units *u, const cccd_unit *unit, cccd_date at, cli_keys *out,
                          cccd_err *err) {
    if (unit->level == CCCD_UNIT_COMMUNE) {
        char **k = NULL;
        size_t n = 0;
        cccd_errc rc = cccd_coverage_sources(u, unit, at, &k, &n, err);
        if (rc != CCCD_OK)
            return rc;
        char **nv = realloc(out->v, (out->n + n + 1) * sizeof *nv);
        if (nv == NULL) {
            for (size_t i = 0; i < n; i++)
                free(k[i]);
            free(k);
            return cccd_err_set(err, CCCD_E_NOMEM, "unit", "out of memory");
        }
        out->v = nv;
        memcpy(out->v + out->n, k, n * sizeof *k);
        out->n += n;
        free(k);
        return CCCD_OK;
    }
    const cccd_unit **kids = NULL;
    size_t nk = 0;
    cccd_errc rc = cccd_units_children(u, unit, &at, &kids, &nk, err);
    for (size_t i = 0; i < nk && rc == CCCD_OK; i++)
        rc = add_keys(u, kids[i], at, out, err);
    free(kids);
    return rc;
}

cccd_errc cli_unit_keys(const cccd_units *u, const char *code, cccd_date at, cli_keys *out,
                        cccd_err *err) {
    memset(out, 0, sizeof *out);
    const cccd_unit *unit = cccd_units_lookup(u, code, CCCD_UNIT_ANY, at, err);
    if (unit == NULL)
        return err->code;
    out->unit = unit;
    cccd_errc rc = add_keys(u, unit, at, out, err);
    if (rc != CCCD_OK)
        cli_keys_free(out);
    return rc;
}

void cli_keys_free(cli_keys *k) {
    for (size_t i = 0; i < k->n; i++)
        free(k->v[i]);
    free(k->v);
    memset(k, 0, sizeof *k);
}
