/*
 * cli_communes.h: the stored unit keys behind a unit on a date (see cli_communes.c).
 */
#ifndef CCCD_CLI_COMMUNES_H
#define CCCD_CLI_COMMUNES_H

#include <stddef.h>

#include "core/units.h"

typedef struct cli_keys {
    const cccd_unit *unit; /* the unit asked for, in force at the date (borrowed) */
    char **v;              /* owned */
    size_t n;
} cli_keys;

/* The keys of every registered commune version whose citizens the unit `code` (any level)
 * serves on `at`. */
cccd_errc cli_unit_keys(const cccd_units *u, const char *code, cccd_date at, cli_keys *out,
                        cccd_err *err);
void cli_keys_free(cli_keys *k);

#endif
