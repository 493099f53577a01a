/*
 * cli_units.c: where the commands that need the unit tree get it: from the database (--db,
 * CCCD_DB) once `cccd units import` has stored it.
 */
#include "cli/cli_units.h"

cccd_units *cli_units_from_db(cccd_store *st) {
    cccd_units *u = NULL;
    cccd_err err;
    if (cccd_store_units_load(st, &u, &err) != CCCD_OK) {
        cli_fail(&err);
        return NULL;
    }
    return u;
}
