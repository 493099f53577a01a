/*
 * auth.h: passwords, sessions and logins.
 *
 * Passwords are stored under scrypt (OpenSSL's EVP_KDF), a memory-hard function, as
 * "scrypt$LOG2N$R$P$SALT$HASH" (salt and hash in base64), so the cost can rise later without
 * invalidating stored hashes. A session is a bearer token of 32 random bytes (RAND_bytes); the
 * store keeps only its SHA-256, so a copy of the database lets no one in. Failed logins are
 * counted per account; after `max_failures` in a row the account is locked for a time that
 * doubles with each further failure (a 429 with Retry-After at the HTTP layer). Every login,
 * failed login and logout is audited in the same transaction that records it.
 */
#ifndef CCCD_SERVICE_AUTH_H
#define CCCD_SERVICE_AUTH_H

#include <stdbool.h>
#include <stdint.h>

#include "core/audit.h"
#include "store/store_accounts.h"

#define CCCD_PASSWORD_HASH_MAX 192
#define CCCD_PASSWORD_MIN 10  /* characters */
#define CCCD_PASSWORD_MAX 256 /* bytes */
#define CCCD_TOKEN_LEN 49     /* "cccd_" + 43 base64url characters + NUL */

/* scrypt's cost: N = 2^log2_n, r, p. */
typedef struct cccd_kdf_cost {
    int log2_n, r, p;
} cccd_kdf_cost;

/* The production cost: N = 2^15, r = 8, p = 1 (32 MiB, about 0.1 s). */
extern const cccd_kdf_cost cccd_kdf_default;

/* Whether a user name follows the rule: 3 to 32 of a-z 0-9 . _ -, starting with a letter. */
cccd_errc cccd_username_check(const char *username, cccd_err *err);

/* Whether a new password is acceptable: valid UTF-8, at least CCCD_PASSWORD_MIN characters, at
 * most CCCD_PASSWORD_MAX bytes. */
cccd_errc cccd_password_policy(const char *password, cccd_err *err);

/* Hashes a password with a fresh random salt (cost NULL: cccd_kdf_default) into out. */
cccd_errc cccd_password_hash(const char *password, const cccd_kdf_cost *cost,
                             char out[CCCD_PASSWORD_HASH_MAX], cccd_err *err);

/* Whether password matches a stored hash (compared in constant time). A stored string that
 * does not parse is an error, not a mismatch. */
cccd_errc cccd_password_verify(const char *password, const char *stored, bool *ok, cccd_err *err);

/* A new random token and the hash the store keeps of it. */
cccd_errc cccd_token_new(char token[CCCD_TOKEN_LEN], char hash[CCCD_AUDIT_HASH_LEN], cccd_err *err);

/* The SHA-256 (hex) of a token as presented. */
void cccd_token_hash(const char *token, char hash[CCCD_AUDIT_HASH_LEN]);

/* The rules of logging in. */
typedef struct cccd_auth_policy {
    int64_t token_ttl;         /* seconds a session lasts (default 12 h) */
    int max_failures;          /* failures in a row before the account locks (default 5) */
    int64_t lock_seconds;      /* the first lock (default 30 s), doubled per further failure */
    int64_t lock_max_seconds;  /* the longest lock (default 1 h) */
    const cccd_kdf_cost *cost; /* for dummy work on unknown names; NULL: default */
} cccd_auth_policy;

extern const cccd_auth_policy cccd_auth_policy_default;

/* A session made by a login. */
typedef struct cccd_session {
    char token[CCCD_TOKEN_LEN]; /* give to the client once; never stored */
    int64_t expires;            /* Unix seconds */
    cccd_account account;
} cccd_session;

/* Logs in at `now` (Unix seconds) from `remote`. In one transaction: checks the password, counts
 * a failure (CCCD_E_LOGIN: the same answer for an unknown name, a wrong password and a disabled
 * account) or stores a new session, and audits either. CCCD_E_LOGIN_LOCKED while locked, with
 * *retry_after the seconds to wait (retry_after may be NULL). */
cccd_errc cccd_auth_login(cccd_store *st, const cccd_auth_policy *pol, const char *username,
                          const char *password, const char *remote, int64_t now, cccd_session *out,
                          int64_t *retry_after, cccd_err *err);

/* The account behind a presented token at `now`; CCCD_E_TOKEN when the token is missing,
 * unknown, expired, revoked or its account disabled. No transaction needed; nothing audited. */
cccd_errc cccd_auth_session(cccd_store *st, const char *token, int64_t now, cccd_account *out,
                            cccd_err *err);

/* Ends the session of `token` (logout) and audits it, in one transaction. */
cccd_errc cccd_auth_logout(cccd_store *st, const char *token, const cccd_actor *by, cccd_err *err);

#endif
