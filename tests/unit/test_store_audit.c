/*
 * test_store_audit.c: the audit chain on each backend: entries appended in several
 * transactions form one chain; verification finds an entry whose field was changed, one
 * rewritten with a fresh hash, one deleted from the middle and entries deleted from the end,
 * and names the first bad one; the group-commit writer used from 8 threads at once leaves a
 * whole chain with every entry exactly once. The tampering is done behind the store's back,
 * with SQL on a connection of the test's own. Run once per backend (see testdb.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>

#include "service/audit_log.h"
#include "store/store_audit.h"
#include "testdb.h"

typedef struct fixture {
    char url[1024];
    cccd_store *st;
} fixture;

static int setup(void **state) {
    fixture *f = calloc(1, sizeof *f);
    cccd_err err;
    if (f == NULL || testdb_new(f->url, sizeof f->url) != 0 ||
        cccd_store_open(f->url, &f->st, &err) != CCCD_OK ||
        cccd_store_migrate(f->st, NULL, NULL, &err) != CCCD_OK)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state) {
    fixture *f = *state;
    cccd_store_close(f->st);
    testdb_drop(f->url);
    free(f);
    return 0;
}

/* Runs SQL on the database directly, as someone tampering with it would. */
static void tamper(const fixture *f, const char *sql) {
    if (strncmp(f->url, "sqlite:", 7) == 0) {
        sqlite3 *db = NULL;
        char *msg = NULL;
        if (sqlite3_open(f->url + 7, &db) != SQLITE_OK ||
            sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
            fail_msg("tamper: %s", msg ? msg : sqlite3_errmsg(db));
        sqlite3_close(db);
        return;
    }
    PGconn *c = PQconnectdb(f->url);
    PGresult *r = PQexec(c, sql);
    if (PQresultStatus(r) != PGRES_COMMAND_OK)
        fail_msg("tamper: %s", PQerrorMessage(c));
    PQclear(r);
    PQfinish(c);
}

typedef struct append_ctx {
    int from, n;
} append_ctx;

static cccd_errc append_txn(cccd_store *st, void *ctx, cccd_err *err) {
    append_ctx *a = ctx;
    cccd_audit_entry e[8];
    char target[8][16];
    for (int i = 0; i < a->n; i++) {
        snprintf(target[i], sizeof target[i], "t%d", a->from + i);
        e[i] = (cccd_audit_entry){.at = "2025-08-01T00:00:00.000Z",
                                  .actor = "officer1",
                                  .role = "officer",
                                  .unit = "00004@2025-07-01",
                                  .action = "citizen.read",
                                  .target = target[i],
                                  .remote = "10.0.0.1",
                                  .detail = "Nguyễn"};
    }
    cccd_errc rc = cccd_store_audit_append(st, e, (size_t)a->n, err);
    for (int i = 0; rc == CCCD_OK && i < a->n; i++)
        assert_int_equal(e[i].seq, a->from + i);
    return rc;
}

/* Appends entries from..from+n-1 (targets "tSEQ") in one transaction. */
static void append(fixture *f, int from, int n) {
    cccd_err err;
    append_ctx a = {from, n};
    if (cccd_store_transaction(f->st, append_txn, &a, &err) != CCCD_OK)
        fail_msg("append: %s", err.msg);
}

typedef struct chain {
    int64_t n, last;
    char prev[CCCD_AUDIT_HASH_LEN];
    bool linked;
} chain;

static bool on_entry(void *ctx, const cccd_audit_entry *e) {
    chain *c = ctx;
    if (e->seq != c->last + 1 || strcmp(e->prev_hash, c->prev) != 0)
        c->linked = false;
    c->last = e->seq;
    memcpy(c->prev, e->hash, sizeof c->prev);
    c->n++;
    return true;
}

static void verify_fails(fixture *f, int64_t bad, const char *words) {
    cccd_err err;
    cccd_audit_report rep;
    cccd_errc rc = cccd_audit_verify(f->st, &rep, &err);
    if (rc != CCCD_E_AUDIT_BROKEN || rep.bad_seq != bad || strstr(err.msg, words) == NULL)
        fail_msg("verify: %s bad %lld (%s), expected entry %lld and '%s'", cccd_errc_name(rc),
                 (long long)rep.bad_seq, err.msg, (long long)bad, words);
}

static void test_chain(void **state) {
    fixture *f = *state;
    cccd_err err;
    cccd_audit_report rep;
    /* an empty log is whole */
    assert_int_equal(cccd_audit_verify(f->st, &rep, &err), CCCD_OK);
    assert_int_equal(rep.entries, 0);
    append(f, 1, 3);
    append(f, 4, 1);
    append(f, 5, 2);
    int64_t seq;
    char head[CCCD_AUDIT_HASH_LEN];
    assert_int_equal(cccd_store_audit_head(f->st, &seq, head, &err), CCCD_OK);
    assert_int_equal(seq, 6);
    chain c = {0, 0, CCCD_AUDIT_GENESIS, true};
    assert_int_equal(cccd_store_audit_scan(f->st, 0, on_entry, &c, &err), CCCD_OK);
    assert_int_equal(c.n, 6);
    assert_true(c.linked);
    assert_string_equal(c.prev, head);
    assert_int_equal(cccd_audit_verify(f->st, &rep, &err), CCCD_OK);
    assert_int_equal(rep.entries, 6);
    assert_int_equal(rep.head_seq, 6);
    assert_int_equal(rep.bad_seq, 0);
    /* scanning from the middle */
    chain c4 = {0, 4, "", true};
    assert_int_equal(cccd_store_audit_scan(f->st, 4, on_entry, &c4, &err), CCCD_OK);
    assert_int_equal(c4.n, 2);
    /* appending needs a write transaction */
    cccd_audit_entry e = {.at = "",
                          .actor = "",
                          .role = "",
                          .unit = "",
                          .action = "x",
                          .target = "",
                          .remote = "",
                          .detail = ""};
    assert_int_equal(cccd_store_audit_append(f->st, &e, 1, &err), CCCD_E_INTERNAL);
    /* a rolled-back transaction leaves no entry */
    assert_int_equal(cccd_store_begin(f->st, &err), CCCD_OK);
    assert_int_equal(cccd_store_audit_append(f->st, &e, 1, &err), CCCD_OK);
    assert_int_equal(e.seq, 7);
    cccd_store_rollback(f->st);
    assert_int_equal(cccd_audit_verify(f->st, &rep, &err), CCCD_OK);
    assert_int_equal(rep.entries, 6);
}

static void test_altered_field(void **state) {
    fixture *f = *state;
    append(f, 1, 6);
    tamper(f, "UPDATE audit_log SET target = 't99' WHERE seq = 3");
    verify_fails(f, 3, "entry 3 was altered");
}

/* Keeps the stored prev_hash of the first entry scanned. */
static bool on_first(void *ctx, const cccd_audit_entry *e) {
    memcpy(ctx, e->prev_hash, CCCD_AUDIT_HASH_LEN);
    return false;
}

static void test_rewritten_with_hash(void **state) {
    fixture *f = *state;
    cccd_err err;
    append(f, 1, 6);
    /* entry 4 rewritten and given the hash of its new content: entry 5 no longer chains to it */
    cccd_audit_entry e = {.seq = 4,
                          .at = "2025-08-01T00:00:00.000Z",
                          .actor = "officer1",
                          .role = "officer",
                          .unit = "00004@2025-07-01",
                          .action = "citizen.read",
                          .target = "someone else",
                          .remote = "10.0.0.1",
                          .detail = "Nguyễn"};
    assert_int_equal(cccd_store_audit_scan(f->st, 3, on_first, e.prev_hash, &err), CCCD_OK);
    assert_int_equal(cccd_audit_hash(&e, &err), CCCD_OK);
    char sql[512];
    snprintf(sql, sizeof sql,
             "UPDATE audit_log SET target = 'someone else', hash = '%s' WHERE seq = 4", e.hash);
    tamper(f, sql);
    verify_fails(f, 4, "entry 4 was altered or replaced");
}

static void test_deleted_middle(void **state) {
    fixture *f = *state;
    append(f, 1, 6);
    tamper(f, "DELETE FROM audit_log WHERE seq = 3");
    verify_fails(f, 3, "entry 3 is missing");
}

static void test_deleted_tail(void **state) {
    fixture *f = *state;
    append(f, 1, 6);
    tamper(f, "DELETE FROM audit_log WHERE seq >= 5");
    verify_fails(f, 5, "entries 5 to 6 are missing");
    /* and the last one alone */
    tamper(f, "UPDATE audit_head SET seq = 5");
    verify_fails(f, 5, "entry 5 is missing");
}

static void test_deleted_all(void **state) {
    fixture *f = *state;
    append(f, 1, 2);
    tamper(f, "DELETE FROM audit_log");
    verify_fails(f, 1, "entries 1 to 2 are missing");
}

/* ---- the group-commit writer ---- */

#define THREADS 8
#define PER_THREAD 40

typedef struct worker {
    cccd_audit_log *log;
    int id;
    int failures;
} worker;

static void *work(void *arg) {
    worker *w = arg;
    for (int i = 0; i < PER_THREAD; i++) {
        char target[32], at[32];
        snprintf(target, sizeof target, "w%d-%d", w->id, i);
        cccd_audit_entry e = {.at = cccd_audit_now(at),
                              .actor = "officer1",
                              .role = "officer",
                              .unit = "VN",
                              .action = "citizen.read",
                              .target = target,
                              .remote = "10.0.0.1",
                              .detail = ""};
        cccd_err err;
        /* every other request writes two entries at once */
        cccd_audit_entry two[2] = {e, e};
        two[1].action = "citizen.search";
        if (cccd_audit_log_write(w->log, i % 2 ? two : &e, i % 2 ? 2 : 1, &err) != CCCD_OK)
            w->failures++;
    }
    return NULL;
}

typedef struct seen {
    unsigned char count[THREADS][PER_THREAD][2];
    int64_t n, bad;
} seen;

static bool on_seen(void *ctx, const cccd_audit_entry *e) {
    seen *s = ctx;
    int w, i;
    s->n++;
    if (sscanf(e->target, "w%d-%d", &w, &i) != 2 || w < 0 || w >= THREADS || i < 0 ||
        i >= PER_THREAD) {
        s->bad++;
        return true;
    }
    s->count[w][i][strcmp(e->action, "citizen.search") == 0]++;
    return true;
}

static void test_group_commit(void **state) {
    fixture *f = *state;
    cccd_err err;
    cccd_audit_log *log = NULL;
    assert_int_equal(cccd_audit_log_new(f->url, &log, &err), CCCD_OK);
    pthread_t t[THREADS];
    worker w[THREADS];
    for (int i = 0; i < THREADS; i++) {
        w[i] = (worker){log, i, 0};
        assert_int_equal(pthread_create(&t[i], NULL, work, &w[i]), 0);
    }
    for (int i = 0; i < THREADS; i++) {
        pthread_join(t[i], NULL);
        assert_int_equal(w[i].failures, 0);
    }
    cccd_audit_log_free(log);
    /* every entry exactly once, in one whole chain */
    seen *s = calloc(1, sizeof *s);
    assert_non_null(s);
    assert_int_equal(cccd_store_audit_scan(f->st, 0, on_seen, s, &err), CCCD_OK);
    assert_int_equal(s->bad, 0);
    for (int i = 0; i < THREADS; i++)
        for (int k = 0; k < PER_THREAD; k++) {
            assert_int_equal(s->count[i][k][0], 1);
            assert_int_equal(s->count[i][k][1], k % 2);
        }
    assert_int_equal(s->n, THREADS * PER_THREAD * 3 / 2);
    cccd_audit_report rep;
    assert_int_equal(cccd_audit_verify(f->st, &rep, &err), CCCD_OK);
    assert_int_equal(rep.entries, s->n);
    assert_int_equal(rep.head_seq, s->n);
    free(s);
    /* a log that cannot reach its database refuses to start */
    assert_int_equal(cccd_audit_log_new("nosuch:db", &log, &err), CCCD_E_STORE_URL);
}

/* ---- appenders on connections of their own ---- */

typedef struct appender {
    const char *url;
    int id;
    int failures;
} appender;

static cccd_errc one_txn(cccd_store *st, void *ctx, cccd_err *err) {
    cccd_audit_entry *e = ctx;
    return cccd_store_audit_append(st, e, 1, err);
}

static void *append_own(void *arg) {
    appender *a = arg;
    cccd_store *st = NULL;
    cccd_err err;
    if (cccd_store_open(a->url, &st, &err) != CCCD_OK) {
        a->failures = PER_THREAD;
        return NULL;
    }
    for (int i = 0; i < PER_THREAD; i++) {
        char target[32];
        snprintf(target, sizeof target, "w%d-%d", a->id, i);
        cccd_audit_entry e = {.at = "2025-08-01T00:00:00.000Z",
                              .actor = "a",
                              .role = "",
                              .unit = "",
                              .action = "citizen.read",
                              .target = target,
                              .remote = "",
                              .detail = ""};
        if (cccd_store_transaction(st, one_txn, &e, &err) != CCCD_OK)
            a->failures++;
    }
    cccd_store_close(st);
    return NULL;
}

static void test_concurrent_appenders(void **state) {
    fixture *f = *state;
    cccd_err err;
    /* each thread its own connection and transactions: the head's lock makes one chain */
    pthread_t t[4];
    appender a[4];
    for (int i = 0; i < 4; i++) {
        a[i] = (appender){f->url, i, 0};
        assert_int_equal(pthread_create(&t[i], NULL, append_own, &a[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        assert_int_equal(a[i].failures, 0);
    }
    cccd_audit_report rep;
    if (cccd_audit_verify(f->st, &rep, &err) != CCCD_OK)
        fail_msg("%s", err.msg);
    assert_int_equal(rep.entries, 4 * PER_THREAD);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_chain, setup, teardown),
        cmocka_unit_test_setup_teardown(test_altered_field, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rewritten_with_hash, setup, teardown),
        cmocka_unit_test_setup_teardown(test_deleted_middle, setup, teardown),
        cmocka_unit_test_setup_teardown(test_deleted_tail, setup, teardown),
        cmocka_unit_test_setup_teardown(test_deleted_all, setup, teardown),
        cmocka_unit_test_setup_teardown(test_group_commit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_concurrent_appenders, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
