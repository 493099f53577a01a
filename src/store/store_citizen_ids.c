/*
 * store_citizen_ids.c: personal IDs corrected here, as an import meets them. A supervisor's
 * approved correction of a personal ID renames the person in the registry; an extract of the
 * population database made before it still carries the old ID, and without this the import
 * would take that row for a new person (counted twice, on the remaining list twice). The
 * correction is noted in citizen_local (field 'personal_id', migration 0015); here an import
 * asks whether an ID it does not know is one of those (store_internal.h), and so may a reader
 * who asks for the old ID (cccd_store_citizen_renamed).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"

enum {
    SLOT_ID_ANY = STORE_CITIZEN_IDS_SLOT0,
    SLOT_ID_ALIAS,
    SLOT_ID_ALIAS_ANY,
};
_Static_assert((int)SLOT_ID_ALIAS_ANY < (int)STORE_FREE_SLOT0,
               "store_citizen_ids.c has more statements than its slots");

/* Whether any personal ID correction is noted, read once a transaction (st->id_notes). */
static cccd_errc id_notes(cccd_store *st, bool *any, cccd_err *err) {
    if (st->id_notes < 0) {
        store_stmt *s = NULL;
        bool row = false;
        cccd_errc rc = store_stmt_get(
            st, SLOT_ID_ANY, "SELECT 1 FROM citizen_local WHERE field = 'personal_id' LIMIT 1", &s,
            err);
        if (rc == CCCD_OK)
            rc = st->drv->step(s, &row, err);
        if (rc != CCCD_OK)
            return rc;
        st->drv->reset(s);
        st->id_notes = row;
    }
    *any = st->id_notes > 0;
    return CCCD_OK;
}

/* The ID pid (not stored itself) was corrected to here, or 0 (*now). */
static cccd_errc alias_of(cccd_store *st, int64_t pid, int64_t *now, cccd_err *err) {
    *now = 0;
    char old[16];
    snprintf(old, sizeof old, "%012lld", (long long)pid);
    store_stmt *s = NULL;
    bool row = false;
    cccd_errc rc =
        store_stmt_get(st, SLOT_ID_ALIAS,
                       "SELECT l.personal_id FROM citizen_local l"
                       " WHERE l.field = 'personal_id' AND l.extract_value = $1"
                       " AND NOT EXISTS (SELECT 1 FROM citizens c WHERE c.personal_id = $2)",
                       &s, err);
    if (rc == CCCD_OK && (rc = store_bindf(st, s, err, "ti", old, pid)) == CCCD_OK)
        rc = st->drv->step(s, &row, err);
    if (rc == CCCD_OK && row)
        *now = st->drv->col_int64(s, 0);
    if (rc == CCCD_OK)
        st->drv->reset(s);
    return rc;
}

cccd_errc store_id_alias(cccd_store *st, int64_t pid, int64_t *now, cccd_err *err) {
    *now = 0;
    bool any;
    cccd_errc rc = id_notes(st, &any, err);
    if (rc != CCCD_OK || !any)
        return rc;
    return alias_of(st, pid, now, err);
}

cccd_errc cccd_store_citizen_renamed(cccd_store *st, const char *personal_id, char now[13],
                                     bool *found, cccd_err *err) {
    /* a read on its own, outside the import's transaction: no cached answer */
    int64_t to = 0;
    now[0] = '\0';
    *found = false;
    cccd_errc rc = alias_of(st, strtoll(personal_id, NULL, 10), &to, err);
    if (rc == CCCD_OK && to > 0 && to < 1000000000000LL) { /* twelve digits, as stored */
        snprintf(now, 13, "%012lld", (long long)(to % 1000000000000LL));
        *found = true;
    }
    return rc;
}

cccd_errc store_id_alias_any(cccd_store *st, const cccd_citizen *const *cs, size_t n, bool *any,
                             cccd_err *err) {
    *any = false;
    bool notes;
    cccd_errc rc = id_notes(st, &notes, err);
    if (rc != CCCD_OK || !notes || n == 0)
        return rc;
    /* PostgreSQL only (the batched path): the IDs as a text array */
    char *arr = malloc(n * 16 + 3);
    if (arr == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, "citizen", "out of memory");
    size_t o = 0;
    arr[o++] = '{';
    for (size_t i = 0; i < n; i++)
        o += (size_t)snprintf(arr + o, 16, "%s%012lld", i ? "," : "",
                              (long long)strtoll(cs[i]->personal_id, NULL, 10));
    arr[o++] = '}';
    arr[o] = '\0';
    store_stmt *s = NULL;
    bool row = false;
    rc = store_stmt_get(st, SLOT_ID_ALIAS_ANY,
                        "SELECT 1 FROM citizen_local l"
                        " WHERE l.field = 'personal_id' AND l.extract_value = ANY ($1::text[])"
                        " AND NOT EXISTS (SELECT 1 FROM citizens c"
                        " WHERE c.personal_id = l.extract_value::bigint) LIMIT 1",
                        &s, err);
    if (rc == CCCD_OK && (rc = st->drv->bind_text(s, 1, arr, err)) == CCCD_OK)
        rc = st->drv->step(s, &row, err);
    if (rc == CCCD_OK) {
        *any = row;
        st->drv->reset(s);
    }
    free(arr);
    return rc;
}
