/*
 * test_auth.c: the parts of logging in that need no database: the password hash's format and
 * its check, the password policy at its edges (9 and 10 characters, Vietnamese letters counted
 * as one character each, invalid UTF-8, too long), the user-name rule, tokens, the role table
 * and the audit hash. scrypt runs at a cheap cost (N = 2^10) to stay fast under ASan.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/role.h"
#include "service/auth.h"

static const cccd_kdf_cost cheap = {10, 8, 1};

static void test_hash_format(void **state) {
    (void)state;
    char h1[CCCD_PASSWORD_HASH_MAX], h2[CCCD_PASSWORD_HASH_MAX];
    cccd_err err;
    assert_int_equal(cccd_password_hash("correct horse", &cheap, h1, &err), CCCD_OK);
    assert_int_equal(cccd_password_hash("correct horse", &cheap, h2, &err), CCCD_OK);
    /* scrypt$LOG2N$R$P$SALT$HASH: 16-byte salt and 32-byte hash in padded base64 */
    assert_int_equal(strncmp(h1, "scrypt$10$8$1$", 14), 0);
    const char *salt = h1 + 14, *dollar = strchr(salt, '$');
    assert_non_null(dollar);
    assert_int_equal(dollar - salt, 24);
    assert_int_equal(strlen(dollar + 1), 44);
    assert_null(strchr(dollar + 1, '$'));
    /* a fresh salt each time */
    assert_string_not_equal(h1, h2);
    /* the default cost is recorded in the hash */
    assert_int_equal(cccd_password_hash("correct horse", NULL, h2, &err), CCCD_OK);
    assert_int_equal(strncmp(h2, "scrypt$15$8$1$", 14), 0);
}

static void test_verify(void **state) {
    (void)state;
    char h[CCCD_PASSWORD_HASH_MAX];
    cccd_err err;
    bool ok = false;
    assert_int_equal(cccd_password_hash("Mật khẩu của tôi", &cheap, h, &err), CCCD_OK);
    assert_int_equal(cccd_password_verify("Mật khẩu của tôi", h, &ok, &err), CCCD_OK);
    assert_true(ok);
    assert_int_equal(cccd_password_verify("Mật khẩu của toi", h, &ok, &err), CCCD_OK);
    assert_false(ok);
    assert_int_equal(cccd_password_verify("", h, &ok, &err), CCCD_OK);
    assert_false(ok);
    /* the same password from a decomposing keyboard (NFD: a + breve + dot below...) matches */
    assert_int_equal(cccd_password_verify("Ma\xcc\xa3\xcc\x82t khẩu của tôi", h, &ok, &err),
                     CCCD_OK);
    assert_true(ok);
    /* the stored string must parse: garbage is an error, not a mismatch */
    ok = true;
    assert_int_equal(cccd_password_verify("x", "plain:secret", &ok, &err), CCCD_E_INTERNAL);
    assert_false(ok);
    assert_int_equal(cccd_password_verify("x", "scrypt$10$8$1$AAAA$", &ok, &err), CCCD_E_INTERNAL);
    /* a cost no one would store (2^40) is refused, not run */
    char forged[CCCD_PASSWORD_HASH_MAX];
    snprintf(forged, sizeof forged, "scrypt$40$8$1$%s", h + 14);
    assert_int_equal(cccd_password_verify("x", forged, &ok, &err), CCCD_E_INTERNAL);
    /* one bit of the stored hash changed: no match */
    size_t n = strlen(h);
    h[n - 3] = h[n - 3] == 'A' ? 'B' : 'A';
    assert_int_equal(cccd_password_verify("Mật khẩu của tôi", h, &ok, &err), CCCD_OK);
    assert_false(ok);
}

static void policy(const char *pw, cccd_errc want) {
    cccd_err err;
    cccd_err_clear(&err);
    cccd_errc got = cccd_password_policy(pw, &err);
    if (got != want)
        fail_msg("policy(%s): %s, expected %s (%s)", pw, cccd_errc_name(got), cccd_errc_name(want),
                 err.msg);
    if (got != CCCD_OK)
        assert_string_equal(err.field, "password");
}

static void test_policy(void **state) {
    (void)state;
    policy("123456789", CCCD_E_PASSWORD_POLICY); /* 9 */
    policy("1234567890", CCCD_OK);               /* 10 */
    /* 9 characters in 12 bytes: short */
    policy("Nguyễnvăn", CCCD_E_PASSWORD_POLICY);
    /* 10 characters */
    policy("Nguyễnvăn1", CCCD_OK);
    /* 9 characters typed decomposed (11 code points): still 9 */
    policy("Nguye\xcc\x82\xcc\x83nva\xcc\x86n", CCCD_E_PASSWORD_POLICY);
    /* invalid UTF-8, a lone continuation byte, a control character */
    policy("abcdefghij\xff", CCCD_E_PASSWORD_POLICY);
    policy("abcde\x80ghijk", CCCD_E_PASSWORD_POLICY);
    policy("abcdefghij\x01", CCCD_E_PASSWORD_POLICY);
    policy(NULL, CCCD_E_PASSWORD_POLICY);
    /* 256 bytes fits, 257 does not */
    char buf[300];
    memset(buf, 'a', 256);
    buf[256] = '\0';
    policy(buf, CCCD_OK);
    buf[256] = 'a';
    buf[257] = '\0';
    policy(buf, CCCD_E_PASSWORD_POLICY);
}

static void username(const char *u, cccd_errc want) {
    cccd_err err;
    cccd_errc got = cccd_username_check(u, &err);
    if (got != want)
        fail_msg("username(%s): %s, expected %s", u, cccd_errc_name(got), cccd_errc_name(want));
}

static void test_username(void **state) {
    (void)state;
    username("ab", CCCD_E_USERNAME);
    username("abc", CCCD_OK);
    username("a.b_c-9", CCCD_OK);
    username("abcdefghijklmnopqrstuvwxyz012345", CCCD_OK);          /* 32 */
    username("abcdefghijklmnopqrstuvwxyz0123456", CCCD_E_USERNAME); /* 33 */
    username("1abc", CCCD_E_USERNAME);
    username(".abc", CCCD_E_USERNAME);
    username("Abc", CCCD_E_USERNAME);
    username("ab c", CCCD_E_USERNAME);
    username("abé", CCCD_E_USERNAME);
    username("", CCCD_E_USERNAME);
    username(NULL, CCCD_E_USERNAME);
    cccd_err err;
    cccd_username_check("abc$", &err);
    assert_int_equal(err.pos, 4);
    assert_string_equal(err.field, "username");
}

static void test_tokens(void **state) {
    (void)state;
    char t1[CCCD_TOKEN_LEN], t2[CCCD_TOKEN_LEN], h1[CCCD_AUDIT_HASH_LEN], h2[CCCD_AUDIT_HASH_LEN];
    cccd_err err;
    assert_int_equal(cccd_token_new(t1, h1, &err), CCCD_OK);
    assert_int_equal(cccd_token_new(t2, h2, &err), CCCD_OK);
    assert_int_equal(strlen(t1), CCCD_TOKEN_LEN - 1);
    assert_int_equal(strncmp(t1, "cccd_", 5), 0);
    for (const char *p = t1 + 5; *p; p++)
        assert_non_null(
            strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", *p));
    assert_string_not_equal(t1, t2);
    assert_string_not_equal(h1, h2);
    /* the hash kept is the SHA-256 of the token as presented */
    char again[CCCD_AUDIT_HASH_LEN];
    cccd_token_hash(t1, again);
    assert_string_equal(again, h1);
    assert_int_equal(strlen(h1), 64);
    cccd_token_hash("abc", again);
    assert_string_equal(again, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void test_roles(void **state) {
    (void)state;
    cccd_role r;
    for (int i = 0; i < CCCD_ROLE__COUNT; i++) {
        assert_true(cccd_role_parse(cccd_role_name((cccd_role)i), &r));
        assert_int_equal(r, i);
    }
    assert_false(cccd_role_parse("Admin", &r));
    assert_false(cccd_role_parse("root", &r));
    assert_string_equal(cccd_role_name(CCCD_ROLE__COUNT), "?");
    /* the table of docs/accounts.md, row by row: units, coverage, person, accounts, plan,
     * queue, application read, write, approve, production, campaign manage, progress read,
     * incident report, incident handle */
    static const struct {
        cccd_role r;
        bool p[CCCD_PERM__COUNT];
    } table[] = {
        {CCCD_ROLE_ADMIN,
         {true, false, false, true, false, false, false, false, false, false, false, false, false,
          false}},
        {CCCD_ROLE_COMMANDER,
         {true, true, true, false, true, false, true, false, false, false, true, true, true, true}},
        {CCCD_ROLE_SUPERVISOR,
         {true, true, true, false, false, true, true, false, true, false, false, true, true,
          false}},
        {CCCD_ROLE_OFFICER,
         {true, true, true, false, false, true, true, true, false, false, false, false, true,
          false}},
        {CCCD_ROLE_PRODUCTION,
         {true, false, false, false, false, false, true, false, false, true, false, false, false,
          false}},
        {CCCD_ROLE_VIEWER,
         {true, true, false, false, false, false, false, false, false, false, false, true, false,
          false}},
    };
    assert_int_equal(sizeof table / sizeof table[0], CCCD_ROLE__COUNT);
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        for (int p = 0; p < CCCD_PERM__COUNT; p++)
            if (cccd_role_may(table[i].r, (cccd_perm)p) != table[i].p[p])
                fail_msg("%s may %s: expected %d", cccd_role_name(table[i].r),
                         cccd_perm_name((cccd_perm)p), table[i].p[p]);
    assert_false(cccd_role_may(CCCD_ROLE__COUNT, CCCD_PERM_UNITS_READ));
    assert_string_equal(cccd_perm_name(CCCD_PERM_ACCOUNTS_MANAGE), "accounts.manage");
}

static void test_audit_hash(void **state) {
    (void)state;
    cccd_err err;
    cccd_audit_entry a = {.seq = 1,
                          .at = "2025-08-01T01:02:03.004Z",
                          .actor = "ab",
                          .role = "c",
                          .unit = "VN",
                          .action = "citizen.read",
                          .target = "001090000001",
                          .remote = "10.0.0.1",
                          .detail = ""};
    memcpy(a.prev_hash, CCCD_AUDIT_GENESIS, sizeof a.prev_hash);
    cccd_audit_entry b = a;
    assert_int_equal(cccd_audit_hash(&a, &err), CCCD_OK);
    /* the canonical form of docs/audit.md, hashed independently (Python's hashlib): stored
     * chains depend on it never changing */
    assert_string_equal(a.hash, "734cc9602f67604ebaa23ca5647884a53a30be93c3a43c6a106ecb8fce54f5b7");
    cccd_audit_entry v = a;
    v.detail = "Nguyễn"; /* lengths count bytes */
    assert_int_equal(cccd_audit_hash(&v, &err), CCCD_OK);
    assert_string_equal(v.hash, "da5bf7a4966506bf83cb56b6d87bbd2470b0e0bff2885e4f32e760711b6dbb90");
    assert_int_equal(cccd_audit_hash(&b, &err), CCCD_OK);
    assert_string_equal(a.hash, b.hash);
    /* moving a byte from one field to the next changes the hash (length-prefixed fields) */
    b.actor = "a";
    b.role = "bc";
    assert_int_equal(cccd_audit_hash(&b, &err), CCCD_OK);
    assert_string_not_equal(a.hash, b.hash);
    /* so does the seq, and the previous hash */
    b = a;
    b.seq = 2;
    assert_int_equal(cccd_audit_hash(&b, &err), CCCD_OK);
    assert_string_not_equal(a.hash, b.hash);
    b = a;
    b.prev_hash[0] = '1';
    assert_int_equal(cccd_audit_hash(&b, &err), CCCD_OK);
    assert_string_not_equal(a.hash, b.hash);
    /* the clock's format */
    char now[32];
    cccd_audit_now(now);
    assert_int_equal(strlen(now), 24);
    assert_int_equal(now[10], 'T');
    assert_int_equal(now[19], '.');
    assert_int_equal(now[23], 'Z');
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hash_format), cmocka_unit_test(test_verify),
        cmocka_unit_test(test_policy),      cmocka_unit_test(test_username),
        cmocka_unit_test(test_tokens),      cmocka_unit_test(test_roles),
        cmocka_unit_test(test_audit_hash),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
