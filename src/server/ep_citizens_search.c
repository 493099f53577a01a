/*
 * ep_citizens_search.c: GET /api/v1/units/{code}/citizens?name=TEXT[&limit=N][&at=DATE]:
 * residents of a unit whose name starts with the words given, with or without diacritics
 * ("nguyen van" finds Nguyễn Văn ...). Personal data: every person returned is audited.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "server/http.h"
#include "service/residents.h"

void ep_citizens_search(http_req *rq, http_resp *rs) {
    cccd_date at;
    long limit;
    if (!http_query_date(rq, rs, "at", &at) || !http_query_int(rq, rs, "limit", 1, 200, 20, &limit))
        return;
    const char *name = rq->query(rq, "name");
    if (name == NULL || strlen(name) > 200) {
        http_problem(rs, 400, "input.argument", "name",
                     name ? "'name' must be at most 200 bytes" : "'name' is required");
        return;
    }
    const cccd_unit *unit;
    if (!http_area_arg(rq, rs, rq->params[0], at, &unit))
        return;
    char *key = NULL;
    cccd_err err;
    if (cccd_text_key(name, strlen(name), "name", &key, &err) != CCCD_OK) {
        http_problem(rs, 400, cccd_errc_name(err.code), "name", err.msg);
        return;
    }
    if (key[0] == '\0') {
        free(key);
        http_problem(rs, 400, "input.argument", "name", "'name' has no letters or digits");
        return;
    }
    cccd_unit_keys keys = {0};
    http_people found;
    if (!http_people_init(&found, (size_t)limit))
        http_problem(rs, 503, "service.unavailable", NULL, "out of memory; try again");
    else if (cccd_unit_keys_get(rq->units, rq->params[0], at, &keys, &err) != CCCD_OK ||
             cccd_residents_find(rq->st, &keys, key, (int)limit, http_people_add, &found, &err) !=
                 CCCD_OK)
        http_problem_err(rs, &err);
    else {
        char detail[96];
        snprintf(detail, sizeof detail, "name key '%.60s' in %s", key, rq->params[0]);
        if (http_people_audit(rq, rs, &found, "citizen.search", detail))
            http_json(rs, 200,
                      json_pack("{s:s,s:s,s:O}", "unit", keys.unit->code, "key", key, "found",
                                found.list));
    }
    cccd_unit_keys_free(&keys);
    http_people_free(&found);
    free(key);
}
