/*
 * cli_units.h: loading the unit tree for a command (see cli_units.c).
 */
#ifndef CCCD_CLI_UNITS_H
#define CCCD_CLI_UNITS_H

#include "cli/cli.h"
#include "core/units.h"
#include "store/store.h"

/* The unit tree stored in st, owned by the caller (cccd_units_free); NULL after printing why. */
cccd_units *cli_units_from_db(cccd_store *st);

#endif
