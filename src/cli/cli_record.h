/*
 * cli_record.h: a stored citizen on the command line (see cli_record.c).
 */
#ifndef CCCD_CLI_RECORD_H
#define CCCD_CLI_RECORD_H

#include "store/store.h"

/* The non-empty fields, one per line: "full_name          Nguyễn Văn Thân". */
void cli_record_print(const cccd_store_record *r);

#endif
