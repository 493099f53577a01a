/*
 * store_accounts.c: accounts, sessions and login outcomes in the database (see
 * store_accounts.h). The session lookup made on every request is one query on the sessions'
 * primary key joined to the account, with revocation, expiry and the account's state checked
 * in the same query: nothing is cached, so a disabled account or a revoked token stops at once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/store_accounts.h"
#include "store/store_internal.h"

enum {
    SLOT_ADD = STORE_ACCOUNTS_SLOT0,
    SLOT_GET,
    SLOT_LIST,
    SLOT_SET_DISABLED,
    SLOT_SET_PASSWORD,
    SLOT_REVOKE_ALL,
    SLOT_LOGIN_OK,
    SLOT_LOGIN_FAILED,
    SLOT_TOKEN_ADD,
    SLOT_TOKEN_ACCOUNT,
    SLOT_TOKEN_REVOKE,
};
_Static_assert((int)SLOT_TOKEN_REVOKE < (int)STORE_AUDIT_SLOT0,
               "store_accounts.c has more statements than its slots");

/* The columns read into a cccd_account, in this order (prefix a.). */
#define ACCOUNT_COLS                                                                               \
    "a.id, a.username, a.role, a.unit_key, a.disabled, a.failed_logins, a.locked_until,"           \
    " a.created_at"

/* Reads the account columns of the current row of s, from column 0. */
static cccd_errc read_account(cccd_store *st, store_stmt *s, cccd_account *out, cccd_err *err) {
    const store_driver *d = st->drv;
    memset(out, 0, sizeof *out);
    out->id = d->col_int64(s, 0);
    snprintf(out->username, sizeof out->username, "%s", d->col_text(s, 1));
    if (!cccd_role_parse(d->col_text(s, 2), &out->role))
        return cccd_err_set(err, CCCD_E_STORE, "role",
                            "database: account %s has an unknown role %s", out->username,
                            d->col_text(s, 2));
    snprintf(out->unit_key, sizeof out->unit_key, "%s", d->col_text(s, 3));
    out->disabled = d->col_int64(s, 4) != 0;
    out->failed_logins = d->col_int64(s, 5);
    out->locked_until = d->col_int64(s, 6);
    snprintf(out->created_at, sizeof out->created_at, "%s", d->col_text(s, 7));
    return CCCD_OK;
}

cccd_errc cccd_store_account_add(cccd_store *st, const cccd_account *a, const char *password_hash,
                                 int64_t *id, cccd_err *err) {
    char now[32];
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
    store_stmt *s = NULL;
    bool row = false;
    /* ON CONFLICT DO NOTHING: a taken name returns no row and leaves the caller's transaction
     * usable (a unique violation would abort it on PostgreSQL) */
    cccd_errc rc = store_stmt_get(
        st, SLOT_ADD,
        "INSERT INTO accounts (username, role, unit_key, password_hash, disabled, created_at)"
        " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (username) DO NOTHING RETURNING id",
        &s, err);
    if (rc == CCCD_OK && (rc = st->drv->bind_text(s, 1, a->username, err)) == CCCD_OK &&
        (rc = st->drv->bind_text(s, 2, cccd_role_name(a->role), err)) == CCCD_OK &&
        (rc = st->drv->bind_text(s, 3, a->unit_key, err)) == CCCD_OK &&
        (rc = st->drv->bind_text(s, 4, password_hash, err)) == CCCD_OK &&
        (rc = st->drv->bind_int64(s, 5, a->disabled, err)) == CCCD_OK &&
        (rc = st->drv->bind_text(s, 6, now, err)) == CCCD_OK)
        rc = st->drv->step(s, &row, err);
    if (rc == CCCD_OK && !row)
        rc = cccd_err_set(err, CCCD_E_ACCOUNT_EXISTS, "username",
                          "username: there is already a user named %s", a->username);
    if (rc == CCCD_OK && id)
        *id = st->drv->col_int64(s, 0);
    st->drv->reset(s);
    return rc;
}

cccd_errc cccd_store_account_get(cccd_store *st, const char *username, cccd_account *out,
                                 char **password_hash, bool *found, cccd_err *err) {
    *found = false;
    if (password_hash)
        *password_hash = NULL;
    store_stmt *s = NULL;
    bool row = false;
    cccd_errc rc = store_stmt_get(st, SLOT_GET,
                                  "SELECT " ACCOUNT_COLS ", a.password_hash FROM accounts a"
                                  " WHERE a.username = $1",
                                  &s, err);
    if (rc == CCCD_OK && (rc = st->drv->bind_text(s, 1, username, err)) == CCCD_OK)
        rc = st->drv->step(s, &row, err);
    if (rc == CCCD_OK && row)
        rc = read_account(st, s, out, err);
    if (rc == CCCD_OK && row && password_hash &&
        (*password_hash = strdup(st->drv->col_text(s, 8))) == NULL)
        rc = cccd_err_set(err, CCCD_E_NOMEM, "account", "out of memory");
    if (rc == CCCD_OK)
        *found = row;
    st->drv->reset(s);
    return rc;
}

cccd_errc cccd_store_account_list(cccd_store *st, cccd_store_account_cb cb, void *ctx,
                                  cccd_err *err) {
    store_stmt *s = NULL;
    bool row = false;
    cccd_errc rc = store_stmt_get(
        st, SLOT_LIST, "SELECT " ACCOUNT_COLS " FROM accounts a ORDER BY a.username", &s, err);
    while (rc == CCCD_OK && (rc = st->drv->step(s, &row, err)) == CCCD_OK && row) {
        cccd_account a;
        if ((rc = read_account(st, s, &a, err)) == CCCD_OK)
            cb(ctx, &a);
    }
    st->drv->reset(s);
    return rc;
}

/* Revokes every live token of the account named username (inside the open transaction). */
static cccd_errc revoke_all(cccd_store *st, const char *username, cccd_err *err) {
    store_stmt *s = NULL;
    bool row;
    cccd_errc rc = store_stmt_get(st, SLOT_REVOKE_ALL,
                                  "UPDATE sessions SET revoked = 1 WHERE revoked = 0 AND"
                                  " account_id = (SELECT id FROM accounts WHERE username = $1)",
                                  &s, err);
    if (rc == CCCD_OK && (rc = st->drv->bind_text(s, 1, username, err)) == CCCD_OK)
        rc = st->drv->step(s, &row, err);
    st->drv->reset(s);
    return rc;
}

/* Runs an UPDATE of one account by name ($1) with its other parameters already bound;
 * CCCD_E_ACCOUNT_UNKNOWN when no row changed. */
static cccd_errc update_one(cccd_store *st, store_stmt *s, const char *username, cccd_err *err) {
    bool row;
    cccd_errc rc = st->drv->bind_text(s, 1, username, err);
    if (rc == CCCD_OK)
        rc = st->drv->step(s, &row, err);
    if (rc == CCCD_OK && st->drv->changes(s) == 0)
        rc = cccd_err_set(err, CCCD_E_ACCOUNT_UNKNOWN, "username", "username: no user named %s",
                          username);
    st->drv->reset(s);
    return rc;
}

typedef struct set_ctx {
    const char *username;
    bool disabled;
    const char *password_hash;
} set_ctx;

static cccd_errc set_disabled_txn(cccd_store *st, void *ctx, cccd_err *err) {
    set_ctx *c = ctx;
    store_stmt *s = NULL;
    cccd_errc rc = store_stmt_get(st, SLOT_SET_DISABLED,
                                  "UPDATE accounts SET disabled = $2 WHERE username = $1", &s, err);
    if (rc == CCCD_OK && (rc = st->drv->bind_int64(s, 2, c->disabled, err)) == CCCD_OK)
        rc = update_one(st, s, c->username, err);
    if (rc == CCCD_OK && c->disabled)
        rc = revoke_all(st, c->username, err);
    return rc;
}

cccd_errc cccd_store_account_set_disabled(cccd_store *st, const char *username, bool disabled,
                                          cccd_err *err) {
    set_ctx c = {username, disabled, NULL};
    return cccd_store_transaction(st, set_disabled_txn, &c, err);
}

static cccd_errc set_password_txn(cccd_store *st, void *ctx, cccd_err *err) {
    set_ctx *c = ctx;
    store_stmt *s = NULL;
    cccd_errc rc = store_stmt_get(st, SLOT_SET_PASSWORD,
                                  "UPDATE accounts SET password_hash = $2, failed_logins = 0,"
                                  " locked_until = 0 WHERE username = $1",
                                  &s, err);
    if (rc == CCCD_OK && (rc = st->drv->bind_text(s, 2, c->password_hash, err)) == CCCD_OK)
        rc = update_one(st, s, c->username, err);
    if (rc == CCCD_OK)
        rc = revoke_all(st, c->username, err);
    return rc;
}

cccd_errc cccd_store_account_set_password(cccd_store *st, const char *username,
                                          const char *password_hash, cccd_err *err) {
    set_ctx c = {username, false, password_hash};
    return cccd_store_transaction(st, set_password_txn, &c, err);
}

cccd_errc cccd_store_account_login_result(cccd_store *st, int64_t account_id, bool ok,
                                          int64_t locked_until, cccd_err *err) {
    store_stmt *s = NULL;
    bool row;
    cccd_errc rc =
        ok ? store_stmt_get(st, SLOT_LOGIN_OK,
                            "UPDATE accounts SET failed_logins = 0, locked_until = 0 WHERE id = $1",
                            &s, err)
           : store_stmt_get(st, SLOT_LOGIN_FAILED,
                            "UPDATE accounts SET failed_logins = failed_logins + 1,"
                            " locked_until = $2 WHERE id = $1",
                            &s, err);
    if (rc == CCCD_OK)
        rc = st->drv->bind_int64(s, 1, account_id, err);
    if (rc == CCCD_OK && !ok)
        rc = st->drv->bind_int64(s, 2, locked_until, err);
    if (rc == CCCD_OK)
        rc = st->drv->step(s, &row, err);
    if (rc == CCCD_OK && st->drv->changes(s) == 0)
        rc = cccd_err_set(err, CCCD_E_ACCOUNT_UNKNOWN, "account", "no account with id %lld",
                          (long long)account_id);
    st->drv->reset(s);
    return rc;
}

cccd_errc cccd_store_token_add(cccd_store *st, const char *token_hash, int64_t account_id,
                               int64_t created, int64_t expires, cccd_err *err) {
    store_stmt *s = NULL;
    bool row;
    cccd_errc rc = store_stmt_get(st, SLOT_TOKEN_ADD,
                                  "INSERT INTO sessions (token_hash, account_id, created, expires)"
                                  " VALUES ($1, $2, $3, $4)",
                                  &s, err);
    if (rc == CCCD_OK && (rc = st->drv->bind_text(s, 1, token_hash, err)) == CCCD_OK &&
        (rc = st->drv->bind_int64(s, 2, account_id, err)) == CCCD_OK &&
        (rc = st->drv->bind_int64(s, 3, created, err)) == CCCD_OK &&
        (rc = st->drv->bind_int64(s, 4, expires, err)) == CCCD_OK)
        rc = st->drv->step(s, &row, err);
    st->drv->reset(s);
    return rc;
}

cccd_errc cccd_store_token_account(cccd_store *st, const char *token_hash, int64_t now,
                                   cccd_account *out, bool *found, cccd_err *err) {
    *found = false;
    store_stmt *s = NULL;
    bool row = false;
    cccd_errc rc = store_stmt_get(st, SLOT_TOKEN_ACCOUNT,
                                  "SELECT " ACCOUNT_COLS " FROM sessions s"
                                  " JOIN accounts a ON a.id = s.account_id"
                                  " WHERE s.token_hash = $1 AND s.revoked = 0 AND s.expires > $2"
                                  " AND a.disabled = 0",
                                  &s, err);
    if (rc == CCCD_OK && (rc = st->drv->bind_text(s, 1, token_hash, err)) == CCCD_OK &&
        (rc = st->drv->bind_int64(s, 2, now, err)) == CCCD_OK)
        rc = st->drv->step(s, &row, err);
    if (rc == CCCD_OK && row && (rc = read_account(st, s, out, err)) == CCCD_OK)
        *found = true;
    st->drv->reset(s);
    return rc;
}

cccd_errc cccd_store_token_revoke(cccd_store *st, const char *token_hash, cccd_err *err) {
    store_stmt *s = NULL;
    bool row;
    cccd_errc rc = store_stmt_get(st, SLOT_TOKEN_REVOKE,
                                  "UPDATE sessions SET revoked = 1 WHERE token_hash = $1", &s, err);
    if (rc == CCCD_OK && (rc = st->drv->bind_text(s, 1, token_hash, err)) == CCCD_OK)
        rc = st->drv->step(s, &row, err);
    st->drv->reset(s);
    return rc;
}
