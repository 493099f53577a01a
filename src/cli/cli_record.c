/*
 * cli_record.c: printing a stored citizen for `registry show` and `registry find`, as text or
 * JSON (see cli_record.h).
 */
#include "cli/cli_record.h"

#include <stdio.h>

void cli_record_print(const cccd_store_record *r) {
    for (int f = 0; f < CCCD_CF__COUNT; f++)
        if (r->v[f][0])
            printf("%-18s %s\n", cccd_cf_name(f), r->v[f]);
}
