/*
 * test_store_schema.c: the store on each backend: opening by URL, creating and upgrading the
 * schema, refusing a newer one untouched, checking before use, and transactions that roll back.
 * Run once per backend by scripts/run-tests.sh (see testdb.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "store/store.h"
#include "store/store_internal.h"
#include "testdb.h"

static void test_bad_urls(void **state) {
    (void)state;
    cccd_store *st = (cccd_store *)1;
    cccd_err err;
    assert_int_equal(cccd_store_open("mysql://x", &st, &err), CCCD_E_STORE_URL);
    assert_null(st);
    assert_string_equal(err.field, "db");
    assert_int_equal(cccd_store_open("sqlite:", &st, &err), CCCD_E_STORE_URL);
    assert_int_equal(cccd_store_open("sqlite:/nonexistent-dir/x/y.db", &st, &err), CCCD_E_STORE);
    assert_int_equal(cccd_store_open("postgresql://nobody@127.0.0.1:1/none", &st, &err),
                     CCCD_E_STORE);
}

static void test_migrate_and_check(void **state) {
    (void)state;
    char url[1024];
    assert_int_equal(testdb_new(url, sizeof url), 0);
    cccd_store *st;
    cccd_err err;
    assert_int_equal(cccd_store_open(url, &st, &err), CCCD_OK);
    int v = -1, from = -1, to = -1;
    assert_int_equal(cccd_store_schema_version(st, &v, &err), CCCD_OK);
    assert_int_equal(v, 0);
    /* an empty database is not ready for use */
    assert_int_equal(cccd_store_check(st, &err), CCCD_E_STORE_SCHEMA);
    assert_non_null(strstr(err.msg, "cccd init"));
    assert_int_equal(cccd_store_migrate(st, &from, &to, &err), CCCD_OK);
    assert_int_equal(from, 0);
    assert_int_equal(to, cccd_store_schema_latest());
    assert_true(to >= 1);
    assert_int_equal(cccd_store_check(st, &err), CCCD_OK);
    /* a second run changes nothing */
    assert_int_equal(cccd_store_migrate(st, &from, &to, &err), CCCD_OK);
    assert_int_equal(from, to);
    cccd_store_close(st);
    /* the schema survives reopening */
    assert_int_equal(cccd_store_open(url, &st, &err), CCCD_OK);
    assert_int_equal(cccd_store_check(st, &err), CCCD_OK);
    cccd_store_close(st);
    testdb_drop(url);
}

static void test_newer_schema_refused(void **state) {
    (void)state;
    char url[1024];
    assert_int_equal(testdb_new(url, sizeof url), 0);
    cccd_store *st;
    cccd_err err;
    assert_int_equal(cccd_store_open(url, &st, &err), CCCD_OK);
    assert_int_equal(cccd_store_migrate(st, NULL, NULL, &err), CCCD_OK);
    cccd_store_close(st);
    /* a newer program recorded version latest+1 */
    if (strncmp(url, "sqlite:", 7) == 0) {
        char cmd[1200];
        snprintf(cmd, sizeof cmd,
                 "sqlite3 '%s' \"INSERT INTO schema_migrations VALUES (%d, 'future', 'x')\"",
                 url + 7, cccd_store_schema_latest() + 1);
        assert_int_equal(system(cmd), 0);
    } else {
        PGconn *c = PQconnectdb(url);
        assert_int_equal(PQstatus(c), CONNECTION_OK);
        char sql[128];
        snprintf(sql, sizeof sql, "INSERT INTO schema_migrations VALUES (%d, 'future', 'x')",
                 cccd_store_schema_latest() + 1);
        PGresult *r = PQexec(c, sql);
        assert_int_equal(PQresultStatus(r), PGRES_COMMAND_OK);
        PQclear(r);
        PQfinish(c);
    }
    assert_int_equal(cccd_store_open(url, &st, &err), CCCD_OK);
    int from = -1;
    assert_int_equal(cccd_store_migrate(st, &from, NULL, &err), CCCD_E_STORE_NEWER);
    assert_int_equal(from, cccd_store_schema_latest() + 1);
    assert_non_null(strstr(err.msg, "newer"));
    assert_int_equal(cccd_store_check(st, &err), CCCD_E_STORE_NEWER);
    int v;
    assert_int_equal(cccd_store_schema_version(st, &v, &err), CCCD_OK);
    assert_int_equal(v, cccd_store_schema_latest() + 1);
    cccd_store_close(st);
    testdb_drop(url);
}

static cccd_errc failing_txn(cccd_store *st, void *ctx, cccd_err *err) {
    (void)st;
    int *calls = ctx;
    (*calls)++;
    return cccd_err_set(err, CCCD_E_ARG, "x", "refused on purpose");
}

static void test_transaction_failure(void **state) {
    (void)state;
    char url[1024];
    assert_int_equal(testdb_new(url, sizeof url), 0);
    cccd_store *st;
    cccd_err err;
    assert_int_equal(cccd_store_open(url, &st, &err), CCCD_OK);
    int calls = 0;
    /* a user error is returned at once, not retried, and the store stays usable */
    assert_int_equal(cccd_store_transaction(st, failing_txn, &calls, &err), CCCD_E_ARG);
    assert_int_equal(calls, 1);
    assert_string_equal(err.msg, "refused on purpose");
    assert_int_equal(cccd_store_migrate(st, NULL, NULL, &err), CCCD_OK);
    /* a second begin inside an open transaction is refused */
    assert_int_equal(cccd_store_begin(st, &err), CCCD_OK);
    assert_int_equal(cccd_store_begin(st, &err), CCCD_E_INTERNAL);
    cccd_store_rollback(st);
    cccd_store_close(st);
    testdb_drop(url);
}

/* A statement slot runs only the statement it was prepared from: the same text from another
 * buffer is the same statement; another text is refused (two files sharing a slot). */
static void test_statement_slots(void **state) {
    (void)state;
    char url[1024];
    assert_int_equal(testdb_new(url, sizeof url), 0);
    cccd_store *st;
    cccd_err err;
    store_stmt *s1 = NULL, *s2 = NULL;
    assert_int_equal(cccd_store_open(url, &st, &err), CCCD_OK);
    const int slot = STORE_SLOT_MAX - 1;
    assert_int_equal(store_stmt_get(st, slot, "SELECT 1", &s1, &err), CCCD_OK);
    char copy[16];
    snprintf(copy, sizeof copy, "SELECT %d", 1);
    assert_int_equal(store_stmt_get(st, slot, copy, &s2, &err), CCCD_OK);
    assert_ptr_equal(s1, s2);
    assert_int_equal(store_stmt_get(st, slot, "SELECT 2", &s2, &err), CCCD_E_INTERNAL);
    assert_non_null(strstr(err.msg, "holds another statement"));
    assert_int_equal(store_stmt_get(st, STORE_SLOT_MAX, "SELECT 1", &s2, &err), CCCD_E_INTERNAL);
    cccd_store_close(st);
    testdb_drop(url);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bad_urls),
        cmocka_unit_test(test_migrate_and_check),
        cmocka_unit_test(test_newer_schema_refused),
        cmocka_unit_test(test_transaction_failure),
        cmocka_unit_test(test_statement_slots),
    };
    const char *pg = getenv("CCCD_TEST_PG");
    return cmocka_run_group_tests_name(
        pg && *pg ? "store_schema (postgresql)" : "store_schema (sqlite)", tests, NULL, NULL);
}
