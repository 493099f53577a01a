/*
 * accounts.c: adding, disabling and re-enabling accounts and setting their passwords, each
 * checked, made and audited in one transaction (see accounts.h). The password is hashed
 * before the transaction begins: scrypt is slow on purpose and must not hold the write lock.
 */
#include "service/accounts.h"

#include <stdio.h>
#include <string.h>

#include "service/audit_log.h"

typedef struct add_ctx {
    const cccd_actor *by;
    cccd_account a;
    const char *hash;
    cccd_account *out;
} add_ctx;

static cccd_errc add_txn(cccd_store *st, void *ctx, cccd_err *err) {
    add_ctx *c = ctx;
    int64_t id;
    cccd_errc rc = cccd_store_account_add(st, &c->a, c->hash, &id, err);
    char detail[96];
    snprintf(detail, sizeof detail, "role=%s unit=%s", cccd_role_name(c->a.role), c->a.unit_key);
    if (rc == CCCD_OK)
        rc = cccd_audit_change(st, c->by, "account.add", c->a.username, detail, err);
    if (rc == CCCD_OK && c->out) {
        bool found = false;
        rc = cccd_store_account_get(st, c->a.username, c->out, NULL, &found, err);
        if (rc == CCCD_OK && !found)
            rc = cccd_err_set(err, CCCD_E_STORE, "username", "the new account vanished");
    }
    return rc;
}

cccd_errc cccd_accounts_add(cccd_store *st, const cccd_units *u, cccd_date today,
                            const cccd_actor *by, const char *username, const char *role,
                            const char *unit, const char *password, const cccd_kdf_cost *cost,
                            cccd_account *out, cccd_err *err) {
    add_ctx c = {.by = by, .out = out};
    cccd_errc rc = cccd_username_check(username, err);
    if (rc != CCCD_OK)
        return rc;
    snprintf(c.a.username, sizeof c.a.username, "%s", username);
    if (role == NULL || !cccd_role_parse(role, &c.a.role))
        return cccd_err_set(err, CCCD_E_ROLE, "role",
                            "role: '%.32s' is not one of admin, commander, supervisor, officer, "
                            "production, viewer",
                            role ? role : "");
    if (unit == NULL || unit[0] == '\0')
        return cccd_err_set(err, CCCD_E_ARG, "unit", "unit: missing (a unit code, or VN)");
    if (strcmp(unit, "VN") == 0 || strcmp(unit, "vn") == 0) {
        snprintf(c.a.unit_key, sizeof c.a.unit_key, "VN");
    } else {
        if (u == NULL)
            return cccd_err_set(err, CCCD_E_UNIT_UNKNOWN, "unit",
                                "unit: no units in the database: import them with cccd units "
                                "import, or use VN");
        cccd_err e2;
        const cccd_unit *v = cccd_units_lookup(u, unit, CCCD_UNIT_ANY, today, &e2);
        if (v == NULL) {
            char day[11];
            cccd_date_iso(today, day);
            return cccd_err_set(err, e2.code, "unit",
                                "unit: %.40s: no unit of that code is in "
                                "force on %s",
                                unit, day);
        }
        cccd_store_unit_key(v, c.a.unit_key);
    }
    if ((rc = cccd_password_policy(password, err)) != CCCD_OK)
        return rc;
    char hash[CCCD_PASSWORD_HASH_MAX];
    if ((rc = cccd_password_hash(password, cost, hash, err)) != CCCD_OK)
        return rc;
    c.hash = hash;
    return cccd_store_transaction(st, add_txn, &c, err);
}

typedef struct set_ctx {
    const cccd_actor *by;
    const char *username;
    bool disabled;
    const char *hash;
} set_ctx;

static cccd_errc disable_txn(cccd_store *st, void *ctx, cccd_err *err) {
    set_ctx *c = ctx;
    cccd_errc rc = cccd_store_account_set_disabled(st, c->username, c->disabled, err);
    if (rc == CCCD_OK)
        rc = cccd_audit_change(st, c->by, c->disabled ? "account.disable" : "account.enable",
                               c->username, "", err);
    return rc;
}

cccd_errc cccd_accounts_set_disabled(cccd_store *st, const cccd_actor *by, const char *username,
                                     bool disabled, cccd_err *err) {
    cccd_err ignore;
    if (username == NULL || username[0] == '\0')
        return cccd_err_set(err, CCCD_E_ARG, "username", "username: missing");
    if (cccd_username_check(username, &ignore) != CCCD_OK) /* no account can have it */
        return cccd_err_set(err, CCCD_E_ACCOUNT_UNKNOWN, "username", "username: no such user");
    set_ctx c = {by, username, disabled, NULL};
    return cccd_store_transaction(st, disable_txn, &c, err);
}

static cccd_errc passwd_txn(cccd_store *st, void *ctx, cccd_err *err) {
    set_ctx *c = ctx;
    cccd_errc rc = cccd_store_account_set_password(st, c->username, c->hash, err);
    if (rc == CCCD_OK)
        rc = cccd_audit_change(st, c->by, "account.passwd", c->username, "", err);
    return rc;
}

cccd_errc cccd_accounts_set_password(cccd_store *st, const cccd_actor *by, const char *username,
                                     const char *password, const cccd_kdf_cost *cost,
                                     cccd_err *err) {
    cccd_err ignore;
    if (username == NULL || username[0] == '\0')
        return cccd_err_set(err, CCCD_E_ARG, "username", "username: missing");
    if (cccd_username_check(username, &ignore) != CCCD_OK) /* no account can have it */
        return cccd_err_set(err, CCCD_E_ACCOUNT_UNKNOWN, "username", "username: no such user");
    cccd_errc rc = cccd_password_policy(password, err);
    char hash[CCCD_PASSWORD_HASH_MAX];
    if (rc == CCCD_OK)
        rc = cccd_password_hash(password, cost, hash, err);
    if (rc != CCCD_OK)
        return rc;
    set_ctx c = {by, username, false, hash};
    return cccd_store_transaction(st, passwd_txn, &c, err);
}
