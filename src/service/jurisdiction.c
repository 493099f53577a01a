/*
 * jurisdiction.c: where an account may act (see jurisdiction.h). The account's unit and the
 * citizen's registered unit are both brought to the units in force on the day before they are
 * compared; "in the scope" is then a walk up the `parent` pointers of the version in force.
 */
#include "service/jurisdiction.h"

#include <stdlib.h>
#include <string.h>

#include "store/store.h"

const cccd_unit *cccd_units_by_key(const cccd_units *u, const char *key) {
    const char *at = key ? strchr(key, '@') : NULL;
    if (at == NULL || at == key || at - key > 5)
        return NULL;
    char code[6];
    memcpy(code, key, (size_t)(at - key));
    code[at - key] = '\0';
    const cccd_unit **v = NULL;
    size_t n = 0;
    cccd_err err;
    if (cccd_units_versions(u, code, CCCD_UNIT_ANY, &v, &n, &err) != CCCD_OK)
        return NULL;
    const cccd_unit *found = NULL;
    for (size_t i = 0; i < n && !found; i++) {
        char k[CCCD_UNIT_KEY_LEN];
        cccd_store_unit_key(v[i], k);
        if (strcmp(k, key) == 0)
            found = v[i];
    }
    free(v);
    return found;
}

/* The units in force at `at` that version v stands for: itself, or what its area went to. */
static cccd_errc units_now(const cccd_units *u, const cccd_unit *v, cccd_date at,
                           cccd_unit_resolution *r, cccd_err *err) {
    if (cccd_unit_in_force(v, at)) {
        memset(r, 0, sizeof *r);
        r->units = malloc(sizeof *r->units);
        if (r->units == NULL)
            return cccd_err_set(err, CCCD_E_NOMEM, "unit", "out of memory");
        r->units[0] = v;
        r->n = 1;
        return CCCD_OK;
    }
    cccd_date rec = v->valid_from;
    return cccd_units_resolve(u, v->code, v->level, rec.prec == CCCD_DATE_NONE ? NULL : &rec, at, r,
                              err);
}

const cccd_unit *cccd_unit_now(const cccd_units *u, const char *key, cccd_date at) {
    const cccd_unit *v = u ? cccd_units_by_key(u, key) : NULL;
    cccd_unit_resolution r;
    cccd_err err;
    if (v == NULL || units_now(u, v, at, &r, &err) != CCCD_OK)
        return NULL;
    const cccd_unit *now = r.n > 0 ? r.units[0] : NULL;
    cccd_unit_resolution_free(&r);
    return now;
}

cccd_errc cccd_scope_get(const cccd_units *u, const char *unit_key, cccd_date at, cccd_scope *out,
                         cccd_err *err) {
    memset(out, 0, sizeof *out);
    if (unit_key && strcmp(unit_key, "VN") == 0) {
        out->nation = true;
        return CCCD_OK;
    }
    const cccd_unit *v = u && unit_key ? cccd_units_by_key(u, unit_key) : NULL;
    if (v == NULL)
        return cccd_err_set(err, CCCD_E_UNIT_UNKNOWN, "unit",
                            "unit: the account's unit %.20s is not in the unit list",
                            unit_key ? unit_key : "");
    cccd_unit_resolution r;
    cccd_err e2;
    cccd_err_clear(&e2);
    cccd_errc rc = units_now(u, v, at, &r, &e2);
    if (rc == CCCD_OK && r.n == 0) {
        cccd_unit_resolution_free(&r);
        rc = CCCD_E_UNIT_NOT_IN_FORCE;
    }
    if (rc != CCCD_OK && rc != CCCD_E_UNIT_NOT_IN_FORCE)
        return cccd_err_set(err, rc, "unit", "%s", e2.msg);
    if (rc != CCCD_OK) {
        char day[11];
        cccd_date_iso(at, day);
        return cccd_err_set(err, CCCD_E_UNIT_NOT_IN_FORCE, "unit",
                            "unit: the account's unit %s (%s) has no successor in force on %s: "
                            "move the account to a unit in force",
                            unit_key, v->name, day);
    }
    if (r.n > CCCD_SCOPE_MAX) {
        size_t n = r.n;
        cccd_unit_resolution_free(&r);
        return cccd_err_set(err, CCCD_E_TOO_LONG, "unit",
                            "unit: the account's unit %s (%s) went to %zu units (more than %d): "
                            "move the account to a unit in force",
                            unit_key, v->name, n, CCCD_SCOPE_MAX);
    }
    for (size_t i = 0; i < r.n; i++)
        out->units[i] = r.units[i];
    out->n = r.n;
    cccd_unit_resolution_free(&r);
    return CCCD_OK;
}

bool cccd_scope_contains(const cccd_scope *s, const cccd_unit *unit) {
    if (s->nation)
        return true;
    for (const cccd_unit *p = unit; p; p = p->parent)
        for (size_t i = 0; i < s->n; i++)
            if (p == s->units[i])
                return true;
    return false;
}

bool cccd_scope_contains_key(const cccd_units *u, const cccd_scope *s, const char *unit_key,
                             cccd_date at) {
    if (s->nation)
        return true;
    const cccd_unit *v = cccd_units_by_key(u, unit_key);
    if (v == NULL)
        return false;
    cccd_unit_resolution r;
    cccd_err err;
    if (units_now(u, v, at, &r, &err) != CCCD_OK)
        return false;
    bool in = false;
    for (size_t i = 0; i < r.n && !in; i++)
        in = cccd_scope_contains(s, r.units[i]);
    cccd_unit_resolution_free(&r);
    return in;
}
