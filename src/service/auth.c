/*
 * auth.c: passwords (scrypt through OpenSSL 3's EVP_KDF), bearer tokens (RAND_bytes, stored as
 * SHA-256) and logging in with failure counting and locks (see auth.h and docs/accounts.md).
 *
 * Passwords are put in NFC before hashing, so the same Vietnamese password typed with a
 * composing or a decomposing keyboard logs in. The expensive KDF runs before the login's write
 * transaction, not inside it, so a login never holds SQLite's write lock for the tenth of a
 * second scrypt takes; the transaction then re-reads the account and records the outcome with
 * its audit entry.
 */
#include "service/auth.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/rand.h>
#include <utf8proc.h>

#include "core/text.h"
#include "service/audit_log.h"
#include "store/store_audit.h"

const cccd_kdf_cost cccd_kdf_default = {15, 8, 1};

const cccd_auth_policy cccd_auth_policy_default = {
    .token_ttl = 12 * 3600,
    .max_failures = 5,
    .lock_seconds = 30,
    .lock_max_seconds = 3600,
    .cost = NULL,
};

#define SALT_LEN 16
#define KEY_LEN 32
#define TOKEN_BYTES 32
#define TOKEN_PREFIX "cccd_"

/* ---- user names and the password policy ---- */

cccd_errc cccd_username_check(const char *username, cccd_err *err) {
    size_t n = username ? strlen(username) : 0;
    if (n < 3 || n > CCCD_USERNAME_MAX)
        return cccd_err_set(err, CCCD_E_USERNAME, "username",
                            "username: must be 3 to %d characters long (this one has %zu)",
                            CCCD_USERNAME_MAX, n);
    if (username[0] < 'a' || username[0] > 'z')
        return cccd_err_set_pos(err, CCCD_E_USERNAME, "username", 1,
                                "username: must start with a lower-case letter a-z");
    for (size_t i = 0; i < n; i++) {
        char c = username[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
            return cccd_err_set_pos(err, CCCD_E_USERNAME, "username", i + 1,
                                    "username: character %zu is not one of a-z 0-9 . _ -", i + 1);
    }
    return CCCD_OK;
}

/* Counts the characters (code points) of s; -1 at invalid UTF-8 or a control character,
 * with *bad its 1-based byte position. */
static long count_chars(const char *s, size_t len, size_t *bad) {
    long chars = 0;
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (k <= 0 || cp < 0x20 || cp == 0x7f) {
            *bad = i + 1;
            return -1;
        }
        i += (size_t)k;
        chars++;
    }
    return chars;
}

/* The password in NFC, in a new buffer owned by the caller (wipe and free: secret_free). */
static cccd_errc password_nfc(const char *password, char **out, cccd_err *err) {
    size_t len = strlen(password), bad = 0;
    if (count_chars(password, len, &bad) < 0)
        return cccd_err_set_pos(err, CCCD_E_PASSWORD_POLICY, "password", bad,
                                "password: byte %zu is not valid UTF-8 text (or is a control "
                                "character)",
                                bad);
    cccd_errc rc = cccd_text_nfc(password, len, "password", out, err);
    if (rc == CCCD_E_UTF8)
        rc =
            cccd_err_set(err, CCCD_E_PASSWORD_POLICY, "password", "password: not valid UTF-8 text");
    return rc;
}

static void secret_free(char *s) {
    if (s) {
        OPENSSL_cleanse(s, strlen(s));
        free(s);
    }
}

cccd_errc cccd_password_policy(const char *password, cccd_err *err) {
    if (password == NULL)
        return cccd_err_set(err, CCCD_E_PASSWORD_POLICY, "password", "password: missing");
    size_t len = strlen(password);
    if (len > CCCD_PASSWORD_MAX)
        return cccd_err_set(err, CCCD_E_PASSWORD_POLICY, "password",
                            "password: longer than %d bytes", CCCD_PASSWORD_MAX);
    char *nfc = NULL;
    cccd_errc rc = password_nfc(password, &nfc, err);
    if (rc != CCCD_OK)
        return rc;
    size_t bad;
    long chars = count_chars(nfc, strlen(nfc), &bad);
    secret_free(nfc);
    if (chars < CCCD_PASSWORD_MIN)
        return cccd_err_set(err, CCCD_E_PASSWORD_POLICY, "password",
                            "password: must be at least %d characters long (this one has %ld)",
                            CCCD_PASSWORD_MIN, chars);
    return CCCD_OK;
}

/* ---- scrypt ---- */

static cccd_errc scrypt(const char *password, const unsigned char *salt, size_t salt_len,
                        const cccd_kdf_cost *c, unsigned char *key, size_t key_len, cccd_err *err) {
    uint64_t n = (uint64_t)1 << c->log2_n, maxmem = (uint64_t)1 << 30;
    uint32_t r = (uint32_t)c->r, p = (uint32_t)c->p;
    EVP_KDF *kdf = EVP_KDF_fetch(NULL, "SCRYPT", NULL);
    EVP_KDF_CTX *ctx = kdf ? EVP_KDF_CTX_new(kdf) : NULL;
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD, (void *)password,
                                          strlen(password)),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, (void *)salt, salt_len),
        OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_N, &n),
        OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_R, &r),
        OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_P, &p),
        OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_MAXMEM, &maxmem),
        OSSL_PARAM_construct_end(),
    };
    int ok = ctx && EVP_KDF_derive(ctx, key, key_len, params) > 0;
    EVP_KDF_CTX_free(ctx);
    EVP_KDF_free(kdf);
    return ok ? CCCD_OK
              : cccd_err_set(err, CCCD_E_INTERNAL, "password",
                             "password: scrypt failed (OpenSSL's SCRYPT KDF is unavailable?)");
}

static bool cost_ok(const cccd_kdf_cost *c) {
    /* bounds that keep a forged stored hash from asking for gigabytes or hours */
    return c->log2_n >= 1 && c->log2_n <= 22 && c->r >= 1 && c->r <= 32 && c->p >= 1 && c->p <= 16;
}

/* Standard base64 of n bytes (with padding) into out (4 * ((n + 2) / 3) + 1 bytes). */
static void b64(const unsigned char *in, size_t n, char *out) {
    EVP_EncodeBlock((unsigned char *)out, in, (int)n);
}

/* Decodes standard base64 s into out (at most max bytes); the decoded length, or -1. */
static long unb64(const char *s, size_t len, unsigned char *out, size_t max) {
    if (len == 0 || len % 4 != 0 || len / 4 * 3 > max + 2)
        return -1;
    unsigned char tmp[128];
    if (len / 4 * 3 > sizeof tmp)
        return -1;
    int k = EVP_DecodeBlock(tmp, (const unsigned char *)s, (int)len);
    if (k < 0)
        return -1;
    size_t pad = (s[len - 1] == '=') + (s[len - 2] == '=');
    size_t n = (size_t)k - pad;
    if (n > max)
        return -1;
    memcpy(out, tmp, n);
    return (long)n;
}

cccd_errc cccd_password_hash(const char *password, const cccd_kdf_cost *cost,
                             char out[CCCD_PASSWORD_HASH_MAX], cccd_err *err) {
    const cccd_kdf_cost *c = cost ? cost : &cccd_kdf_default;
    if (!cost_ok(c))
        return cccd_err_set(err, CCCD_E_ARG, "cost", "scrypt cost out of range");
    unsigned char salt[SALT_LEN], key[KEY_LEN];
    if (RAND_bytes(salt, sizeof salt) != 1)
        return cccd_err_set(err, CCCD_E_INTERNAL, "password", "no random bytes (RAND_bytes)");
    char *nfc = NULL;
    cccd_errc rc = password_nfc(password, &nfc, err);
    if (rc == CCCD_OK)
        rc = scrypt(nfc, salt, sizeof salt, c, key, sizeof key, err);
    secret_free(nfc);
    if (rc != CCCD_OK)
        return rc;
    char s64[32], k64[48];
    b64(salt, sizeof salt, s64);
    b64(key, sizeof key, k64);
    OPENSSL_cleanse(key, sizeof key);
    snprintf(out, CCCD_PASSWORD_HASH_MAX, "scrypt$%d$%d$%d$%s$%s", c->log2_n, c->r, c->p, s64, k64);
    return CCCD_OK;
}

/* Parses "scrypt$LOG2N$R$P$SALT$HASH". */
static bool parse_stored(const char *stored, cccd_kdf_cost *c, unsigned char *salt,
                         size_t *salt_len, unsigned char *key, size_t *key_len) {
    if (strncmp(stored, "scrypt$", 7) != 0)
        return false;
    const char *p = stored + 7;
    int *v[3] = {&c->log2_n, &c->r, &c->p};
    for (int i = 0; i < 3; i++) {
        char *end;
        long x = strtol(p, &end, 10);
        if (end == p || *end != '$' || x < 0 || x > 1000)
            return false;
        *v[i] = (int)x;
        p = end + 1;
    }
    const char *dollar = strchr(p, '$');
    if (dollar == NULL || !cost_ok(c))
        return false;
    long sn = unb64(p, (size_t)(dollar - p), salt, 64);
    long kn = unb64(dollar + 1, strlen(dollar + 1), key, 64);
    if (sn < 8 || kn < 16)
        return false;
    *salt_len = (size_t)sn;
    *key_len = (size_t)kn;
    return true;
}

cccd_errc cccd_password_verify(const char *password, const char *stored, bool *ok, cccd_err *err) {
    *ok = false;
    cccd_kdf_cost c;
    unsigned char salt[64], want[64], got[64];
    size_t salt_len, key_len;
    if (stored == NULL || !parse_stored(stored, &c, salt, &salt_len, want, &key_len))
        return cccd_err_set(err, CCCD_E_INTERNAL, "password_hash",
                            "the stored password hash is not in the scrypt$N$R$P$SALT$HASH form");
    if (password == NULL || strlen(password) > CCCD_PASSWORD_MAX)
        password = ""; /* still do the work: the time must not tell */
    char *nfc = NULL;
    cccd_err ignore;
    if (password_nfc(password, &nfc, &ignore) != CCCD_OK)
        nfc = NULL; /* not text: cannot match; hash "" so the time is the same */
    cccd_errc rc = scrypt(nfc ? nfc : "", salt, salt_len, &c, got, key_len, err);
    bool match = rc == CCCD_OK && nfc != NULL && CRYPTO_memcmp(got, want, key_len) == 0;
    secret_free(nfc);
    OPENSSL_cleanse(got, sizeof got);
    *ok = match;
    return rc;
}

/* ---- tokens ---- */

static void sha256_hex(const void *data, size_t n, char hash[CCCD_AUDIT_HASH_LEN]) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_Digest(data, n, md, &len, EVP_sha256(), NULL) != 1 || len != 32) {
        hash[0] = '\0'; /* matches no stored hash */
        return;
    }
    static const char hex[] = "0123456789abcdef";
    for (unsigned i = 0; i < 32; i++) {
        hash[2 * i] = hex[md[i] >> 4];
        hash[2 * i + 1] = hex[md[i] & 15];
    }
    hash[64] = '\0';
}

void cccd_token_hash(const char *token, char hash[CCCD_AUDIT_HASH_LEN]) {
    sha256_hex(token, strlen(token), hash);
}

cccd_errc cccd_token_new(char token[CCCD_TOKEN_LEN], char hash[CCCD_AUDIT_HASH_LEN],
                         cccd_err *err) {
    unsigned char raw[TOKEN_BYTES];
    if (RAND_bytes(raw, sizeof raw) != 1)
        return cccd_err_set(err, CCCD_E_INTERNAL, "token", "no random bytes (RAND_bytes)");
    char s[48];
    b64(raw, sizeof raw, s); /* 44 characters, the last one '=' */
    OPENSSL_cleanse(raw, sizeof raw);
    memcpy(token, TOKEN_PREFIX, 5);
    for (int i = 0; i < 43; i++)
        token[5 + i] = s[i] == '+' ? '-' : s[i] == '/' ? '_' : s[i];
    token[48] = '\0';
    OPENSSL_cleanse(s, sizeof s);
    cccd_token_hash(token, hash);
    return CCCD_OK;
}

/* Whether t has the shape of a token: "cccd_" and 43 base64url characters. */
static bool token_shape(const char *t) {
    if (t == NULL || strlen(t) != CCCD_TOKEN_LEN - 1 || strncmp(t, TOKEN_PREFIX, 5) != 0)
        return false;
    for (const char *p = t + 5; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '-' || *p == '_'))
            return false;
    return true;
}

/* ---- logging in ---- */

/* A user name as given, fit for the audit log: printable ASCII (others as '?'), at most 64
 * bytes. */
static void audit_name(const char *in, char out[72]) {
    size_t o = 0;
    for (const char *p = in ? in : ""; *p && o < 64; p++)
        out[o++] = (*p >= 0x20 && *p < 0x7f) ? *p : '?';
    out[o] = '\0';
}

typedef struct login_ctx {
    const cccd_auth_policy *pol;
    const char *username;
    const char *remote;
    int64_t now;
    bool valid_name;     /* the name follows the rule (else no account can have it) */
    bool known;          /* phase 1 found the account */
    bool checked;        /* phase 1 checked the password (not while the account was locked) */
    char *stored;        /* phase 1's password hash (owned) */
    bool password_ok;    /* phase 1's verdict */
    cccd_errc outcome;   /* what the caller is told */
    int64_t retry_after; /* with CCCD_E_LOGIN_LOCKED */
    cccd_session *out;
} login_ctx;

static int64_t lock_for(const cccd_auth_policy *pol, int64_t failures) {
    if (failures < pol->max_failures)
        return 0;
    int64_t lock = pol->lock_seconds;
    for (int64_t i = pol->max_failures; i < failures && lock < pol->lock_max_seconds; i++)
        lock *= 2;
    return lock < pol->lock_max_seconds ? lock : pol->lock_max_seconds;
}

static cccd_errc audit_one(cccd_store *st, const char *actor, const cccd_account *a,
                           const char *action, const char *target, const char *remote,
                           const char *detail, cccd_err *err) {
    char at[32];
    cccd_audit_entry e = {
        .at = cccd_audit_now(at),
        .actor = actor,
        .role = a ? cccd_role_name(a->role) : "",
        .unit = a ? a->unit_key : "",
        .action = action,
        .target = target,
        .remote = remote ? remote : "",
        .detail = detail,
    };
    return cccd_store_audit_append(st, &e, 1, err);
}

static cccd_errc login_txn(cccd_store *st, void *ctx, cccd_err *err) {
    login_ctx *c = ctx;
    const cccd_auth_policy *pol = c->pol;
    char name[72];
    audit_name(c->username, name);
    cccd_account a;
    char *stored = NULL;
    bool found = false;
    cccd_errc rc = CCCD_OK;
    /* a name that breaks the rule belongs to no account (and may not even be text) */
    if (c->valid_name)
        rc = cccd_store_account_get(st, c->username, &a, &stored, &found, err);
    if (rc != CCCD_OK)
        return rc;
    char detail[96];
    c->retry_after = 0;
    if (!found) {
        c->outcome = CCCD_E_LOGIN;
        rc = audit_one(st, name, NULL, "login.failed", name, c->remote, "unknown user", err);
    } else if (a.disabled) {
        c->outcome = CCCD_E_LOGIN;
        rc = audit_one(st, a.username, &a, "login.failed", a.username, c->remote,
                       "account disabled", err);
    } else if (a.locked_until > c->now) {
        c->outcome = CCCD_E_LOGIN_LOCKED;
        c->retry_after = a.locked_until - c->now;
        snprintf(detail, sizeof detail, "locked for %lld s more", (long long)c->retry_after);
        rc = audit_one(st, a.username, &a, "login.locked", a.username, c->remote, detail, err);
    } else if (c->known && !c->checked) {
        /* the lock ran out between the two phases: nothing was checked, nothing counts */
        c->outcome = CCCD_E_LOGIN_LOCKED;
        c->retry_after = 1;
        rc = audit_one(st, a.username, &a, "login.locked", a.username, c->remote,
                       "lock ran out during the attempt", err);
    } else if (!c->known || !c->password_ok || strcmp(stored, c->stored) != 0) {
        /* wrong, or checked against a password that changed meanwhile */
        int64_t failures = a.failed_logins + 1, lock = lock_for(pol, failures);
        rc = cccd_store_account_login_result(st, a.id, false, lock ? c->now + lock : 0, err);
        c->outcome = CCCD_E_LOGIN;
        if (lock)
            snprintf(detail, sizeof detail, "wrong password (%lld in a row); locked for %lld s",
                     (long long)failures, (long long)lock);
        else
            snprintf(detail, sizeof detail, "wrong password (%lld in a row)", (long long)failures);
        if (rc == CCCD_OK)
            rc = audit_one(st, a.username, &a, "login.failed", a.username, c->remote, detail, err);
    } else {
        char hash[CCCD_AUDIT_HASH_LEN];
        c->out->expires = c->now + pol->token_ttl;
        rc = cccd_store_account_login_result(st, a.id, true, 0, err);
        if (rc == CCCD_OK)
            rc = cccd_token_new(c->out->token, hash, err);
        if (rc == CCCD_OK)
            rc = cccd_store_token_add(st, hash, a.id, c->now, c->out->expires, err);
        if (rc == CCCD_OK)
            rc = audit_one(st, a.username, &a, "login", a.username, c->remote, "", err);
        a.failed_logins = 0;
        a.locked_until = 0;
        c->out->account = a;
        c->outcome = CCCD_OK;
    }
    free(stored);
    return rc;
}

cccd_errc cccd_auth_login(cccd_store *st, const cccd_auth_policy *pol, const char *username,
                          const char *password, const char *remote, int64_t now, cccd_session *out,
                          int64_t *retry_after, cccd_err *err) {
    if (pol == NULL)
        pol = &cccd_auth_policy_default;
    if (retry_after)
        *retry_after = 0;
    memset(out, 0, sizeof *out);
    login_ctx c = {
        .pol = pol, .username = username ? username : "", .remote = remote, .now = now, .out = out};
    /* phase 1, outside the write transaction: the account and the expensive password check.
     * An unknown name gets the same work against a made-up hash of the policy's cost. */
    cccd_account a;
    cccd_err ignore;
    c.valid_name = cccd_username_check(c.username, &ignore) == CCCD_OK;
    cccd_errc rc = CCCD_OK;
    if (c.valid_name)
        rc = cccd_store_account_get(st, c.username, &a, &c.stored, &c.known, err);
    if (rc != CCCD_OK)
        return rc;
    if (!c.known || a.locked_until <= now) {
        const cccd_kdf_cost *k = pol->cost ? pol->cost : &cccd_kdf_default;
        char dummy[CCCD_PASSWORD_HASH_MAX];
        snprintf(dummy, sizeof dummy,
                 "scrypt$%d$%d$%d$AAAAAAAAAAAAAAAAAAAAAA==$"
                 "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
                 k->log2_n, k->r, k->p);
        rc = cccd_password_verify(password, c.known ? c.stored : dummy, &c.password_ok, err);
        c.checked = rc == CCCD_OK;
        if (!c.known)
            c.password_ok = false;
    }
    /* phase 2: re-read the account, record the outcome and audit it, in one transaction */
    if (rc == CCCD_OK)
        rc = cccd_store_transaction(st, login_txn, &c, err);
    free(c.stored);
    if (rc != CCCD_OK) {
        memset(out, 0, sizeof *out);
        return rc;
    }
    if (c.outcome == CCCD_E_LOGIN_LOCKED) {
        if (retry_after)
            *retry_after = c.retry_after;
        return cccd_err_set(err, CCCD_E_LOGIN_LOCKED, "username",
                            "too many failed logins: try again in %lld seconds",
                            (long long)c.retry_after);
    }
    if (c.outcome != CCCD_OK)
        return cccd_err_set(err, CCCD_E_LOGIN, "username", "wrong user name or password");
    return CCCD_OK;
}

cccd_errc cccd_auth_session(cccd_store *st, const char *token, int64_t now, cccd_account *out,
                            cccd_err *err) {
    if (!token_shape(token))
        return cccd_err_set(err, CCCD_E_TOKEN, "token",
                            token && *token ? "token: not a cccd token" : "token: missing");
    char hash[CCCD_AUDIT_HASH_LEN];
    cccd_token_hash(token, hash);
    bool found = false;
    cccd_errc rc = cccd_store_token_account(st, hash, now, out, &found, err);
    if (rc != CCCD_OK)
        return rc;
    if (!found)
        return cccd_err_set(err, CCCD_E_TOKEN, "token",
                            "token: unknown, expired or revoked: log in again");
    return CCCD_OK;
}

typedef struct logout_ctx {
    const char *hash;
    const cccd_actor *by;
} logout_ctx;

static cccd_errc logout_txn(cccd_store *st, void *ctx, cccd_err *err) {
    logout_ctx *c = ctx;
    cccd_errc rc = cccd_store_token_revoke(st, c->hash, err);
    if (rc == CCCD_OK)
        rc = cccd_audit_change(st, c->by, "logout", c->by && c->by->name ? c->by->name : "", "",
                               err);
    return rc;
}

cccd_errc cccd_auth_logout(cccd_store *st, const char *token, const cccd_actor *by, cccd_err *err) {
    if (!token_shape(token))
        return cccd_err_set(err, CCCD_E_TOKEN, "token",
                            token && *token ? "token: not a cccd token" : "token: missing");
    char hash[CCCD_AUDIT_HASH_LEN];
    cccd_token_hash(token, hash);
    logout_ctx c = {hash, by};
    return cccd_store_transaction(st, logout_txn, &c, err);
}
