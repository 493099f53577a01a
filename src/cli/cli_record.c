/*
 * cli_record.c: printing a stored citizen for `registry show` and `registry find`, as text or
 * JSON (see cli_record.h).
 */
#include "cli/cli_record.h"

#include <stdio.h>

json_t *cli_record_json(const cccd_store_record *r) {
    json_t *o = json_object();
    for (int f = 0; f < CCCD_CF__COUNT; f++)
        json_object_set_new(o, cccd_cf_name(f), json_string(r->v[f]));
    json_object_set_new(o, "name_key", json_string(r->name_key));
    json_object_set_new(o, "province", json_string(r->province));
    return o;
}

void cli_record_print(const cccd_store_record *r) {
    for (int f = 0; f < CCCD_CF__COUNT; f++)
        if (r->v[f][0])
            printf("%-18s %s\n", cccd_cf_name(f), r->v[f]);
}
