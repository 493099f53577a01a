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

/* The unit tree for a command: from the files when a unit list is given (units_path, else
 * CCCD_UNITS; reform_path, else CCCD_REFORM, taking effect on effective_s, default
 * 2025-07-01; the list in force from since_s, default always), otherwise from the database
 * named by db (else CCCD_DB). Returns -1 with *out set (caller frees), or the exit code after
 * printing why. */
int cli_units_load(const char *units_path, const char *reform_path, const char *effective_s,
                   const char *since_s, const char *db, cccd_units **out);

#endif
