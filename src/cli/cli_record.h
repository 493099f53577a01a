/*
 * cli_record.h: a stored citizen on the command line (see cli_record.c).
 */
#ifndef CCCD_CLI_RECORD_H
#define CCCD_CLI_RECORD_H

#include <jansson.h>

#include "store/store.h"

/* A new JSON object with every field of the record (owned by the caller). */
json_t *cli_record_json(const cccd_store_record *r);

/* The non-empty fields, one per line: "full_name          Nguyễn Văn Thân". */
void cli_record_print(const cccd_store_record *r);

#endif
