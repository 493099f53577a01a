/*
 * people.c: a page of persons being answered (the remaining list, a name search): their records
 * as JSON and their IDs, so the endpoint can put every one of them on the audit record before
 * the page leaves.
 */
#include <stdio.h>
#include <stdlib.h>

#include "server/http.h"
#include "service/residents.h"

bool http_people_init(http_people *p, size_t cap) {
    p->list = json_array();
    p->ids = calloc(cap ? cap : 1, sizeof *p->ids);
    p->n = 0;
    p->cap = cap;
    return p->list && p->ids;
}

bool http_people_add(void *ctx, const cccd_store_record *r) {
    http_people *p = ctx;
    if (p->n >= p->cap)
        return false;
    json_array_append_new(p->list, cccd_record_json(r));
    snprintf(p->ids[p->n++], sizeof p->ids[0], "%s", r->v[CCCD_CF_PERSONAL_ID]);
    return true;
}

bool http_people_audit(http_req *rq, http_resp *rs, const http_people *p, const char *action,
                       const char *detail) {
    const char **targets = malloc((p->n ? p->n : 1) * sizeof *targets);
    if (targets == NULL) {
        http_problem(rs, 503, "service.unavailable", NULL, "out of memory; try again");
        return false;
    }
    for (size_t i = 0; i < p->n; i++)
        targets[i] = p->ids[i];
    bool ok = http_audit_read(rq, rs, action, targets, p->n, detail);
    free(targets);
    return ok;
}

void http_people_free(http_people *p) {
    json_decref(p->list);
    free(p->ids);
    p->list = NULL;
    p->ids = NULL;
}
