/*
 * test_store_accounts.c: accounts and sessions on each backend: adding (with the unit resolved
 * to the version in force), reading, listing, refusing a taken name; disabling and new
 * passwords revoking tokens at once; tokens expiring and revoked at logout; failed logins
 * counted, the lock and its doubling up to the cap; an unknown user told exactly what a wrong
 * password is told; every login, failure and change on the audit chain. Run once per backend
 * by scripts/run-tests.sh (see testdb.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>

#include "service/accounts.h"
#include "service/audit_log.h"
#include "service/auth.h"
#include "store/store_audit.h"
#include "testdb.h"

static const cccd_kdf_cost cheap = {10, 8, 1};
static const cccd_date today = {2025, 3, 15, CCCD_DATE_DAY};
static const cccd_actor cli = {"cli:test", "", "", "local"};

static const char *units_json =
    "{\"data\":[{\"level1_id\":\"01\",\"name\":\"Thành phố Hà Nội\",\"type\":\"Thành phố "
    "Trung ương\",\"level2s\":["
    "{\"level2_id\":\"001\",\"name\":\"Quận Ba Đình\",\"type\":\"Quận\",\"level3s\":["
    "{\"level3_id\":\"00001\",\"name\":\"Phường Phúc Xá\",\"type\":\"Phường\"}]}]}]}";

typedef struct fixture {
    char url[1024];
    cccd_store *st;
    cccd_units *u;
    cccd_auth_policy pol;
} fixture;

static int setup(void **state) {
    fixture *f = calloc(1, sizeof *f);
    cccd_err err;
    if (f == NULL || testdb_new(f->url, sizeof f->url) != 0 ||
        cccd_store_open(f->url, &f->st, &err) != CCCD_OK ||
        cccd_store_migrate(f->st, NULL, NULL, &err) != CCCD_OK)
        return -1;
    f->u = cccd_units_new();
    if (cccd_units_load_json(f->u, units_json, strlen(units_json), (cccd_date){0}, &err))
        return -1;
    f->pol = cccd_auth_policy_default;
    f->pol.cost = &cheap;
    *state = f;
    return 0;
}

static int teardown(void **state) {
    fixture *f = *state;
    cccd_units_free(f->u);
    cccd_store_close(f->st);
    testdb_drop(f->url);
    free(f);
    return 0;
}

static void add(fixture *f, const char *name, const char *role, const char *unit,
                const char *password) {
    cccd_err err;
    if (cccd_accounts_add(f->st, f->u, today, &cli, name, role, unit, password, &cheap, NULL,
                          &err) != CCCD_OK)
        fail_msg("add %s: %s", name, err.msg);
}

/* The audit entries, as "action:target:detail|" each, in order. */
typedef struct trail {
    char s[8192];
    int64_t n;
} trail;

static bool on_entry(void *ctx, const cccd_audit_entry *e) {
    trail *t = ctx;
    size_t k = strlen(t->s);
    snprintf(t->s + k, sizeof t->s - k, "%s:%s:%s:%s|", e->actor, e->action, e->target, e->detail);
    t->n++;
    return true;
}

static void read_trail(fixture *f, trail *t) {
    cccd_err err;
    memset(t, 0, sizeof *t);
    assert_int_equal(cccd_store_audit_scan(f->st, 0, on_entry, t, &err), CCCD_OK);
    cccd_audit_report rep;
    if (cccd_audit_verify(f->st, &rep, &err) != CCCD_OK)
        fail_msg("verify: %s", err.msg);
    assert_int_equal(rep.entries, t->n);
}

typedef struct names {
    char s[512];
    int n;
} names;

static void on_account(void *ctx, const cccd_account *a) {
    names *n = ctx;
    size_t k = strlen(n->s);
    snprintf(n->s + k, sizeof n->s - k, "%s/%s/%s/%d|", a->username, cccd_role_name(a->role),
             a->unit_key, a->disabled);
    n->n++;
}

static void test_add_get_list(void **state) {
    fixture *f = *state;
    cccd_err err;
    cccd_account a;
    assert_int_equal(cccd_accounts_add(f->st, f->u, today, &cli, "officer1", "officer", "00001",
                                       "mật khẩu dài", &cheap, &a, &err),
                     CCCD_OK);
    assert_true(a.id > 0);
    assert_string_equal(a.username, "officer1");
    assert_int_equal(a.role, CCCD_ROLE_OFFICER);
    assert_string_equal(a.unit_key, "00001@"); /* the version in force, by its stored key */
    assert_false(a.disabled);
    assert_int_equal(strlen(a.created_at), 20);
    add(f, "root", "admin", "VN", "a long passphrase");
    add(f, "commander.hn", "commander", "01", "another passphrase");
    /* read back, with the hash */
    bool found = false;
    char *hash = NULL;
    cccd_account b;
    assert_int_equal(cccd_store_account_get(f->st, "officer1", &b, &hash, &found, &err), CCCD_OK);
    assert_true(found);
    assert_int_equal(b.id, a.id);
    assert_int_equal(strncmp(hash, "scrypt$10$", 10), 0);
    bool ok = false;
    assert_int_equal(cccd_password_verify("mật khẩu dài", hash, &ok, &err), CCCD_OK);
    assert_true(ok);
    free(hash);
    assert_int_equal(cccd_store_account_get(f->st, "nobody", &b, NULL, &found, &err), CCCD_OK);
    assert_false(found);
    /* listed in name order */
    names n = {{0}, 0};
    assert_int_equal(cccd_store_account_list(f->st, on_account, &n, &err), CCCD_OK);
    assert_string_equal(n.s,
                        "commander.hn/commander/01@/0|officer1/officer/00001@/0|root/admin/VN/0|");
    /* a taken name, and each bad field named */
    assert_int_equal(cccd_accounts_add(f->st, f->u, today, &cli, "root", "viewer", "VN",
                                       "yet another one", &cheap, NULL, &err),
                     CCCD_E_ACCOUNT_EXISTS);
    assert_string_equal(err.field, "username");
    assert_int_equal(cccd_accounts_add(f->st, f->u, today, &cli, "Bad Name", "viewer", "VN",
                                       "yet another one", &cheap, NULL, &err),
                     CCCD_E_USERNAME);
    assert_int_equal(cccd_accounts_add(f->st, f->u, today, &cli, "viewer1", "god", "VN",
                                       "yet another one", &cheap, NULL, &err),
                     CCCD_E_ROLE);
    assert_string_equal(err.field, "role");
    assert_int_equal(cccd_accounts_add(f->st, f->u, today, &cli, "viewer1", "viewer", "99999",
                                       "yet another one", &cheap, NULL, &err),
                     CCCD_E_UNIT_UNKNOWN);
    assert_string_equal(err.field, "unit");
    assert_int_equal(cccd_accounts_add(f->st, f->u, today, &cli, "viewer1", "viewer", "VN", "short",
                                       &cheap, NULL, &err),
                     CCCD_E_PASSWORD_POLICY);
    assert_string_equal(err.field, "password");
    /* nothing of the refused ones was stored; the three additions were audited */
    n.s[0] = '\0';
    n.n = 0;
    assert_int_equal(cccd_store_account_list(f->st, on_account, &n, &err), CCCD_OK);
    assert_int_equal(n.n, 3);
    trail t;
    read_trail(f, &t);
    assert_int_equal(t.n, 3);
    assert_non_null(strstr(t.s, "cli:test:account.add:officer1:role=officer unit=00001@|"));
    assert_non_null(strstr(t.s, "cli:test:account.add:root:role=admin unit=VN|"));
}

static void test_disable_revokes(void **state) {
    fixture *f = *state;
    cccd_err err;
    add(f, "officer1", "officer", "00001", "mật khẩu dài");
    cccd_session s;
    assert_int_equal(cccd_auth_login(f->st, &f->pol, "officer1", "mật khẩu dài", "10.0.0.1", 1000,
                                     &s, NULL, &err),
                     CCCD_OK);
    assert_int_equal(s.expires, 1000 + f->pol.token_ttl);
    cccd_account a;
    assert_int_equal(cccd_auth_session(f->st, s.token, 1001, &a, &err), CCCD_OK);
    assert_string_equal(a.username, "officer1");
    assert_int_equal(cccd_accounts_set_disabled(f->st, &cli, "officer1", true, &err), CCCD_OK);
    assert_int_equal(cccd_auth_session(f->st, s.token, 1002, &a, &err), CCCD_E_TOKEN);
    /* a disabled account cannot log in, and is told what a wrong password is told */
    cccd_session s2;
    assert_int_equal(cccd_auth_login(f->st, &f->pol, "officer1", "mật khẩu dài", "10.0.0.1", 1003,
                                     &s2, NULL, &err),
                     CCCD_E_LOGIN);
    /* enabled again: the old token stays revoked, a new login works */
    assert_int_equal(cccd_accounts_set_disabled(f->st, &cli, "officer1", false, &err), CCCD_OK);
    assert_int_equal(cccd_auth_session(f->st, s.token, 1004, &a, &err), CCCD_E_TOKEN);
    assert_int_equal(cccd_auth_login(f->st, &f->pol, "officer1", "mật khẩu dài", "10.0.0.1", 1005,
                                     &s2, NULL, &err),
                     CCCD_OK);
    assert_int_equal(cccd_auth_session(f->st, s2.token, 1006, &a, &err), CCCD_OK);
    assert_int_equal(cccd_accounts_set_disabled(f->st, &cli, "nobody", true, &err),
                     CCCD_E_ACCOUNT_UNKNOWN);
    trail t;
    read_trail(f, &t);
    assert_non_null(strstr(t.s, "cli:test:account.disable:officer1:|"));
    assert_non_null(strstr(t.s, "officer1:login.failed:officer1:account disabled|"));
    assert_non_null(strstr(t.s, "cli:test:account.enable:officer1:|"));
}

static void test_passwd_revokes(void **state) {
    fixture *f = *state;
    cccd_err err;
    add(f, "officer1", "officer", "00001", "mật khẩu dài");
    cccd_session s, s2;
    cccd_account a;
    bool found;
    assert_int_equal(
        cccd_auth_login(f->st, &f->pol, "officer1", "wrong password", "x", 1000, &s, NULL, &err),
        CCCD_E_LOGIN);
    assert_int_equal(cccd_store_account_get(f->st, "officer1", &a, NULL, &found, &err), CCCD_OK);
    assert_int_equal(a.failed_logins, 1);
    /* a success clears the count */
    assert_int_equal(
        cccd_auth_login(f->st, &f->pol, "officer1", "mật khẩu dài", "x", 1001, &s, NULL, &err),
        CCCD_OK);
    assert_int_equal(s.account.failed_logins, 0);
    assert_int_equal(cccd_store_account_get(f->st, "officer1", &a, NULL, &found, &err), CCCD_OK);
    assert_int_equal(a.failed_logins, 0);
    /* a refused new password changes nothing */
    assert_int_equal(cccd_accounts_set_password(f->st, &cli, "officer1", "short", &cheap, &err),
                     CCCD_E_PASSWORD_POLICY);
    assert_int_equal(cccd_auth_session(f->st, s.token, 1002, &a, &err), CCCD_OK);
    /* a new one revokes the session and clears failures */
    assert_int_equal(
        cccd_auth_login(f->st, &f->pol, "officer1", "wrong again!", "x", 1003, &s2, NULL, &err),
        CCCD_E_LOGIN);
    assert_int_equal(
        cccd_accounts_set_password(f->st, &cli, "officer1", "một mật khẩu mới", &cheap, &err),
        CCCD_OK);
    assert_int_equal(cccd_auth_session(f->st, s.token, 1004, &a, &err), CCCD_E_TOKEN);
    assert_int_equal(cccd_store_account_get(f->st, "officer1", &a, NULL, &found, &err), CCCD_OK);
    assert_int_equal(a.failed_logins, 0);
    assert_int_equal(
        cccd_auth_login(f->st, &f->pol, "officer1", "mật khẩu dài", "x", 1005, &s2, NULL, &err),
        CCCD_E_LOGIN);
    assert_int_equal(
        cccd_auth_login(f->st, &f->pol, "officer1", "một mật khẩu mới", "x", 1006, &s2, NULL, &err),
        CCCD_OK);
    assert_int_equal(
        cccd_accounts_set_password(f->st, &cli, "nobody", "một mật khẩu mới", &cheap, &err),
        CCCD_E_ACCOUNT_UNKNOWN);
    trail t;
    read_trail(f, &t);
    assert_non_null(strstr(t.s, "cli:test:account.passwd:officer1:|"));
}

static void test_token_expiry_and_logout(void **state) {
    fixture *f = *state;
    cccd_err err;
    add(f, "viewer1", "viewer", "01", "mật khẩu dài");
    f->pol.token_ttl = 60;
    cccd_session s;
    cccd_account a;
    assert_int_equal(cccd_auth_login(f->st, &f->pol, "viewer1", "mật khẩu dài", "10.0.0.2", 1000,
                                     &s, NULL, &err),
                     CCCD_OK);
    assert_int_equal(s.expires, 1060);
    assert_int_equal(cccd_auth_session(f->st, s.token, 1059, &a, &err), CCCD_OK);
    assert_string_equal(a.unit_key, "01@");
    assert_int_equal(cccd_auth_session(f->st, s.token, 1060, &a, &err), CCCD_E_TOKEN);
    assert_string_equal(err.field, "token");
    /* logout revokes at once */
    cccd_session s2;
    assert_int_equal(cccd_auth_login(f->st, &f->pol, "viewer1", "mật khẩu dài", "10.0.0.2", 1100,
                                     &s2, NULL, &err),
                     CCCD_OK);
    assert_string_not_equal(s.token, s2.token);
    cccd_actor me = {"viewer1", "viewer", "01@", "10.0.0.2"};
    assert_int_equal(cccd_auth_logout(f->st, s2.token, &me, &err), CCCD_OK);
    assert_int_equal(cccd_auth_session(f->st, s2.token, 1101, &a, &err), CCCD_E_TOKEN);
    /* tokens that are not tokens, and one of the right shape that was never issued */
    assert_int_equal(cccd_auth_session(f->st, "", 1101, &a, &err), CCCD_E_TOKEN);
    assert_int_equal(cccd_auth_session(f->st, NULL, 1101, &a, &err), CCCD_E_TOKEN);
    assert_int_equal(cccd_auth_session(f->st, "Bearer xyz", 1101, &a, &err), CCCD_E_TOKEN);
    char forged[CCCD_TOKEN_LEN], h[CCCD_AUDIT_HASH_LEN];
    assert_int_equal(cccd_token_new(forged, h, &err), CCCD_OK);
    assert_int_equal(cccd_auth_session(f->st, forged, 1101, &a, &err), CCCD_E_TOKEN);
    /* the store holds the hash, never the token */
    bool found = true;
    assert_int_equal(cccd_store_token_account(f->st, s2.token, 0, &a, &found, &err), CCCD_OK);
    assert_false(found);
    trail t;
    read_trail(f, &t);
    assert_non_null(strstr(t.s, "viewer1:logout:viewer1:|"));
}

static void expect_locked(fixture *f, const char *password, int64_t now, int64_t retry) {
    cccd_err err;
    cccd_session s;
    int64_t after = -1;
    cccd_errc rc =
        cccd_auth_login(f->st, &f->pol, "officer1", password, "x", now, &s, &after, &err);
    if (rc != CCCD_E_LOGIN_LOCKED || after != retry)
        fail_msg("at %lld: %s retry %lld, expected locked, retry %lld", (long long)now,
                 cccd_errc_name(rc), (long long)after, (long long)retry);
}

static void expect_fail(fixture *f, int64_t now) {
    cccd_err err;
    cccd_session s;
    cccd_errc rc =
        cccd_auth_login(f->st, &f->pol, "officer1", "wrong password", "x", now, &s, NULL, &err);
    if (rc != CCCD_E_LOGIN)
        fail_msg("at %lld: %s, expected a failed login", (long long)now, cccd_errc_name(rc));
}

static void test_locking(void **state) {
    fixture *f = *state;
    cccd_err err;
    add(f, "officer1", "officer", "00001", "mật khẩu dài");
    f->pol.max_failures = 3;
    f->pol.lock_seconds = 30;
    f->pol.lock_max_seconds = 100;
    expect_fail(f, 1000);
    expect_fail(f, 1001);
    expect_fail(f, 1002); /* the third in a row: locked for 30 s */
    /* even the right password is refused while locked, and says for how long */
    expect_locked(f, "mật khẩu dài", 1003, 29);
    expect_locked(f, "wrong password", 1031, 1);
    /* the next failure after the lock doubles it: 60 s, then 100 (the cap), not 120 */
    expect_fail(f, 1032);
    expect_locked(f, "mật khẩu dài", 1032, 60);
    expect_fail(f, 1092);
    expect_locked(f, "mật khẩu dài", 1092, 100);
    expect_fail(f, 1192);
    expect_locked(f, "mật khẩu dài", 1192, 100);
    cccd_account a;
    bool found;
    assert_int_equal(cccd_store_account_get(f->st, "officer1", &a, NULL, &found, &err), CCCD_OK);
    assert_int_equal(a.failed_logins, 6);
    assert_int_equal(a.locked_until, 1292);
    /* after the lock the right password works and clears everything */
    cccd_session s;
    assert_int_equal(
        cccd_auth_login(f->st, &f->pol, "officer1", "mật khẩu dài", "x", 1292, &s, NULL, &err),
        CCCD_OK);
    assert_int_equal(cccd_store_account_get(f->st, "officer1", &a, NULL, &found, &err), CCCD_OK);
    assert_int_equal(a.failed_logins, 0);
    assert_int_equal(a.locked_until, 0);
    trail t;
    read_trail(f, &t);
    assert_non_null(strstr(t.s, "officer1:login.failed:officer1:wrong password (3 in a row); "
                                "locked for 30 s|"));
    assert_non_null(strstr(t.s, "officer1:login.locked:officer1:locked for 29 s more|"));
    assert_non_null(strstr(t.s, "officer1:login.failed:officer1:wrong password (6 in a row); "
                                "locked for 100 s|"));
}

static void test_unknown_user(void **state) {
    fixture *f = *state;
    cccd_err wrong, unknown, odd;
    add(f, "officer1", "officer", "00001", "mật khẩu dài");
    cccd_session s;
    assert_int_equal(cccd_auth_login(f->st, &f->pol, "officer1", "wrong password", "10.0.0.9", 1000,
                                     &s, NULL, &wrong),
                     CCCD_E_LOGIN);
    assert_int_equal(cccd_auth_login(f->st, &f->pol, "ghost", "wrong password", "10.0.0.9", 1000,
                                     &s, NULL, &unknown),
                     CCCD_E_LOGIN);
    /* the same answer, word for word */
    assert_string_equal(wrong.msg, unknown.msg);
    assert_string_equal(wrong.field, unknown.field);
    /* a name no account can have is told the same, and kept printable in the log */
    assert_int_equal(
        cccd_auth_login(f->st, &f->pol, "x\n\xff", "p", "10.0.0.9", 1000, &s, NULL, &odd),
        CCCD_E_LOGIN);
    assert_string_equal(odd.msg, wrong.msg);
    /* an unknown name never locks anything */
    for (int i = 0; i < 8; i++)
        assert_int_equal(cccd_auth_login(f->st, &f->pol, "ghost", "wrong password", "10.0.0.9",
                                         1001 + i, &s, NULL, &unknown),
                         CCCD_E_LOGIN);
    trail t;
    read_trail(f, &t);
    assert_non_null(strstr(t.s, "ghost:login.failed:ghost:unknown user|"));
    assert_non_null(strstr(t.s, "x??:login.failed:x??:unknown user|"));
    assert_non_null(strstr(t.s, "officer1:login.failed:officer1:wrong password (1 in a row)|"));
}

static bool on_login(void *ctx, const cccd_audit_entry *e) {
    cccd_audit_entry *out = ctx;
    if (strcmp(e->action, "login") == 0) {
        *out = *e;
        out->at = out->actor = out->role = out->unit = out->action = out->target = "";
        out->remote = strcmp(e->remote, "192.0.2.7") == 0 ? "ok" : "bad";
        out->role = strcmp(e->role, "supervisor") == 0 ? "ok" : "bad";
        out->unit = strcmp(e->unit, "00001@") == 0 ? "ok" : "bad";
    }
    return true;
}

static void test_login_audited(void **state) {
    fixture *f = *state;
    cccd_err err;
    add(f, "sup1", "supervisor", "00001", "mật khẩu dài");
    cccd_session s;
    assert_int_equal(
        cccd_auth_login(f->st, &f->pol, "sup1", "mật khẩu dài", "192.0.2.7", 1000, &s, NULL, &err),
        CCCD_OK);
    assert_string_equal(s.account.username, "sup1");
    assert_int_equal(s.account.role, CCCD_ROLE_SUPERVISOR);
    cccd_audit_entry e = {0};
    assert_int_equal(cccd_store_audit_scan(f->st, 0, on_login, &e, &err), CCCD_OK);
    assert_int_equal(e.seq, 2); /* after the account's creation */
    assert_string_equal(e.remote, "ok");
    assert_string_equal(e.role, "ok");
    assert_string_equal(e.unit, "ok");
    int64_t seq;
    char head[CCCD_AUDIT_HASH_LEN];
    assert_int_equal(cccd_store_audit_head(f->st, &seq, head, &err), CCCD_OK);
    assert_int_equal(seq, 2);
    assert_string_equal(head, e.hash);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_add_get_list, setup, teardown),
        cmocka_unit_test_setup_teardown(test_disable_revokes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_passwd_revokes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_token_expiry_and_logout, setup, teardown),
        cmocka_unit_test_setup_teardown(test_locking, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_user, setup, teardown),
        cmocka_unit_test_setup_teardown(test_login_audited, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
