/*
 * store_accounts.h: accounts, their sessions (bearer tokens) and failed logins, as stored.
 *
 * Part of the storage interface (store.h): SQL stays in src/store. Passwords reach the store
 * already hashed (service/auth.h) and tokens only as their SHA-256, so nothing stored lets a
 * reader log in. Every function runs inside the caller's transaction when one is open, else in
 * its own; writes that must be audited are done inside a transaction that also appends the
 * audit entry (store_audit.h).
 */
#ifndef CCCD_STORE_ACCOUNTS_H
#define CCCD_STORE_ACCOUNTS_H

#include <stdbool.h>
#include <stdint.h>

#include "core/audit.h"
#include "core/role.h"
#include "store/store.h"

#define CCCD_USERNAME_MAX 32

/* An account as stored. */
typedef struct cccd_account {
    int64_t id;
    char username[CCCD_USERNAME_MAX + 1];
    cccd_role role;
    char unit_key[CCCD_UNIT_KEY_LEN]; /* the unit version the role is held at; "VN": nation */
    bool disabled;
    int64_t failed_logins; /* consecutive failures since the last success */
    int64_t locked_until;  /* Unix seconds before which a login is refused; 0: not locked */
    char created_at[32];   /* UTC, "YYYY-MM-DDTHH:MM:SSZ" */
} cccd_account;

/* Adds an account (a->id is ignored and *id receives the new one; id may be NULL).
 * password_hash: the string from cccd_password_hash. CCCD_E_ACCOUNT_EXISTS when the name is
 * taken. */
cccd_errc cccd_store_account_add(cccd_store *st, const cccd_account *a, const char *password_hash,
                                 int64_t *id, cccd_err *err);

/* The account of that name: *found false when there is none. password_hash (may be NULL)
 * receives a new string owned by the caller (free()). */
cccd_errc cccd_store_account_get(cccd_store *st, const char *username, cccd_account *out,
                                 char **password_hash, bool *found, cccd_err *err);

/* Every account in user-name order; cb gets each (borrowed for the call). */
typedef void (*cccd_store_account_cb)(void *ctx, const cccd_account *a);
cccd_errc cccd_store_account_list(cccd_store *st, cccd_store_account_cb cb, void *ctx,
                                  cccd_err *err);

/* Disables or re-enables an account; disabling also revokes every token it holds.
 * CCCD_E_ACCOUNT_UNKNOWN when there is none of that name. */
cccd_errc cccd_store_account_set_disabled(cccd_store *st, const char *username, bool disabled,
                                          cccd_err *err);

/* Replaces the password hash, clears the failed-login count and revokes every token. */
cccd_errc cccd_store_account_set_password(cccd_store *st, const char *username,
                                          const char *password_hash, cccd_err *err);

/* Records the outcome of a login attempt: a failure counts (failed_logins + 1) and sets
 * locked_until; a success clears both. */
cccd_errc cccd_store_account_login_result(cccd_store *st, int64_t account_id, bool ok,
                                          int64_t locked_until, cccd_err *err);

/* Stores a new session: the SHA-256 (hex) of its token, its account, and when it was made and
 * expires (Unix seconds). */
cccd_errc cccd_store_token_add(cccd_store *st, const char *token_hash, int64_t account_id,
                               int64_t created, int64_t expires, cccd_err *err);

/* The account behind a token hash, if the token is known, not revoked, not expired at `now`
 * and its account not disabled: *found tells. */
cccd_errc cccd_store_token_account(cccd_store *st, const char *token_hash, int64_t now,
                                   cccd_account *out, bool *found, cccd_err *err);

/* Revokes one token (logout). Revoking an unknown or revoked token is not an error. */
cccd_errc cccd_store_token_revoke(cccd_store *st, const char *token_hash, cccd_err *err);

#endif
