/*
 * test_store_enroll_kill.c: "acknowledged means durable" on each backend. A child process runs
 * the real server (cccd_server_start, as cccd serve does, with its grouped commits on SQLite);
 * desks on several threads open applications through the API; once some have been
 * acknowledged the child is killed with SIGKILL in the middle of the load. The database is then
 * opened again (SQLite recovers its WAL) and every acknowledged application must be there exactly
 * once, complete (its opening event and audit entry), under the id the desk was given; the audit
 * chain must be whole. A restarted server then answers every request again: the acknowledged ones
 * with the same application (200), and no person ends with two. Run once per backend by
 * scripts/run-tests.sh (see testdb.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <curl/curl.h>
#include <jansson.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "server/server.h"
#include "service/accounts.h"
#include "service/audit_log.h"
#include "service/enrollment.h"
#include "service/registry_import.h"
#include "store/store.h"
#include "store/store_applications.h"
#include "http_client.h"
#include "test_population.h"
#include "testdb.h"

static const char *units_json =
    "{\"data\":[{\"level1_id\":\"01\",\"name\":\"Thành phố Hà Nội\",\"type\":\"Thành phố "
    "Trung ương\",\"level2s\":["
    "{\"level2_id\":\"001\",\"name\":\"Quận Ba Đình\",\"type\":\"Quận\",\"level3s\":["
    "{\"level3_id\":\"00001\",\"name\":\"Phường Phúc Xá\",\"type\":\"Phường\"}]}]}]}";

#define HEADER                                                                                     \
    "personal_id,full_name,date_of_birth,sex,ethnicity,religion,nationality,place_of_origin,"      \
    "permanent_commune,permanent_address,household_id,relation_to_head,residential_group,"         \
    "temporary_commune,temporary_address,status,mobility,old_id_number,card_type,card_number,"     \
    "card_issued,card_expiry,father_name,mother_name,spouse_name\n"

#define PEOPLE 400
#define DESKS 12      /* more desks than one commit: their writes share commits (group commit) */
#define KILL_AFTER 60 /* acknowledgements before the kill */

static const cccd_date today = {2025, 3, 10, CCCD_DATE_DAY};
static const cccd_kdf_cost cheap = {10, 8, 1};
#define PASSWORD "mật khẩu dài 2026"

typedef struct fixture {
    char url[1024];
    uint16_t port;
    char token[CCCD_TOKEN_LEN];
} fixture;

/* One request; -1 when the server is gone (http_client.h). */
static long call(const fixture *f, const char *method, const char *path, const char *token,
                 const char *body, reply *r) {
    return http_try_call(f->port, NULL, method, path, token, body, NULL, r);
}

static void pid_of(int i, char out[13]) {
    snprintf(out, 13, "0010900%05d", i + 1);
}

/* Starts the server in a child process; the port comes back through a pipe. */
static pid_t serve(fixture *f) {
    int fd[2];
    assert_int_equal(pipe(fd), 0);
    pid_t child = fork();
    assert_true(child >= 0);
    if (child == 0) {
        close(fd[0]);
        cccd_server_config cfg;
        cccd_server_config_default(&cfg);
        cfg.db_url = f->url;
        cfg.port = 0;
        cfg.threads = 16;
        cfg.today = today;
        cfg.auth.cost = &cheap;
        cccd_server *srv = NULL;
        cccd_err err;
        uint16_t port = 0;
        if (cccd_server_start(&cfg, &srv, &err) == CCCD_OK)
            port = cccd_server_port(srv);
        else
            fprintf(stderr, "server: %s\n", err.msg);
        if (write(fd[1], &port, sizeof port) != (ssize_t)sizeof port)
            _exit(1);
        close(fd[1]);
        for (;;)
            pause(); /* until killed */
    }
    close(fd[1]);
    uint16_t port = 0;
    assert_int_equal(read(fd[0], &port, sizeof port), (ssize_t)sizeof port);
    close(fd[0]);
    assert_true(port != 0);
    f->port = port;
    return child;
}

static int setup(void **state) {
    fixture *f = calloc(1, sizeof *f);
    cccd_err err;
    cccd_store *st = NULL;
    if (f == NULL || testdb_new(f->url, sizeof f->url) != 0 ||
        cccd_store_open(f->url, &st, &err) != CCCD_OK ||
        cccd_store_migrate(st, NULL, NULL, &err) != CCCD_OK)
        return -1;
    cccd_units *u = NULL;
    if (testdb_units(st, units_json, NULL, (cccd_date){0}, &u, &err) != CCCD_OK)
        return -1;
    size_t cap = 256 * PEOPLE + 1024, n = 0;
    char *csv = malloc(cap);
    n += (size_t)snprintf(csv, cap, "%s", HEADER);
    for (int i = 0; i < PEOPLE; i++) {
        char pid[13];
        pid_of(i, pid);
        n += (size_t)snprintf(csv + n, cap - n,
                              "%s,Lê Văn Số %d,1990-01-15,M,Kinh,Không,Việt Nam,Hà Nội,00001,Số "
                              "1,HK%d,Chủ hộ,Tổ 1,,,alive,normal,,,,,,,,\n",
                              pid, i, i);
    }
    cccd_errc rc = testdb_registry(st, u, csv, n, today, &err);
    free(csv);
    if (rc != CCCD_OK)
        return -1;
    cccd_actor by = {"cli:test", "", "", "local"};
    if (cccd_accounts_add(st, u, today, &by, "desk", "officer", "00001", PASSWORD, &cheap, NULL,
                          &err) != CCCD_OK)
        return -1;
    cccd_units_free(u);
    cccd_store_close(st);
    *state = f;
    return 0;
}

static int teardown(void **state) {
    fixture *f = *state;
    testdb_drop(f->url);
    free(f);
    return 0;
}

typedef struct load {
    fixture *f;
    int first, step;
    int64_t acked[PEOPLE]; /* the id answered for person i; 0: no answer */
    atomic_int *count;
} load;

static void *desk_run(void *arg) {
    load *l = arg;
    reply r;
    for (int i = l->first; i < PEOPLE; i += l->step) {
        char pid[13], body[160];
        pid_of(i, pid);
        snprintf(body, sizeof body, "{\"personal_id\":\"%s\",\"request_id\":\"kill-%d\"}", pid, i);
        if (call(l->f, "POST", "/api/v1/applications", l->f->token, body, &r) < 0)
            break; /* the server is gone */
        if (r.status != 201 && r.status != 200)
            continue; /* not acknowledged (a 503 while it dies) */
        json_t *v = json_loads(r.body, 0, NULL);
        l->acked[i] = v ? json_integer_value(json_object_get(v, "id")) : 0;
        json_decref(v);
        atomic_fetch_add(l->count, 1);
    }
    return NULL;
}

static void login(fixture *f) {
    char body[256];
    snprintf(body, sizeof body, "{\"username\":\"desk\",\"password\":\"%s\"}", PASSWORD);
    reply r;
    if (call(f, "POST", "/api/v1/login", NULL, body, &r) != 200)
        fail_msg("login: %ld %s", r.status, r.body);
    json_t *v = json_loads(r.body, 0, NULL);
    snprintf(f->token, sizeof f->token, "%s", json_string_value(json_object_get(v, "token")));
    json_decref(v);
}

typedef struct opened {
    int events, audits;
} opened;

static void on_event(void *ctx, const cccd_app_event *e) {
    (void)e;
    ((opened *)ctx)->events++;
}

static void test_kill(void **state) {
    fixture *f = *state;
    pid_t child = serve(f);
    login(f);
    static load loads[DESKS];
    atomic_int count = 0;
    pthread_t t[DESKS];
    for (int d = 0; d < DESKS; d++) {
        memset(&loads[d], 0, sizeof loads[d]);
        loads[d].f = f;
        loads[d].first = d;
        loads[d].step = DESKS;
        loads[d].count = &count;
        assert_int_equal(pthread_create(&t[d], NULL, desk_run, &loads[d]), 0);
    }
    /* kill it in the middle of the load: once KILL_AFTER answers have come back */
    while (atomic_load(&count) < KILL_AFTER)
        usleep(1000);
    assert_int_equal(kill(child, SIGKILL), 0);
    int status = 0;
    assert_int_equal(waitpid(child, &status, 0), child);
    assert_true(WIFSIGNALED(status));
    for (int d = 0; d < DESKS; d++)
        pthread_join(t[d], NULL);
    int acked = 0;
    for (int d = 0; d < DESKS; d++)
        for (int i = 0; i < PEOPLE; i++)
            acked += loads[d].acked[i] != 0;
    assert_true(acked >= KILL_AFTER);
    assert_true(acked < PEOPLE); /* it died mid-load */
    print_message("%d of %d applications acknowledged before the kill\n", acked, PEOPLE);

    /* after the crash: every acknowledged application, once, complete */
    cccd_store *st = NULL;
    cccd_err err;
    assert_int_equal(cccd_store_open(f->url, &st, &err), CCCD_OK);
    for (int d = 0; d < DESKS; d++)
        for (int i = 0; i < PEOPLE; i++) {
            if (loads[d].acked[i] == 0)
                continue;
            char req[32], pid[13];
            snprintf(req, sizeof req, "kill-%d", i);
            pid_of(i, pid);
            cccd_application a;
            bool found = false;
            assert_int_equal(cccd_store_app_by_request(st, req, &a, &found, &err), CCCD_OK);
            if (!found)
                fail_msg("acknowledged application %lld of %s is missing",
                         (long long)loads[d].acked[i], pid);
            assert_int_equal(a.id, loads[d].acked[i]);
            assert_string_equal(a.personal_id, pid);
            opened o = {0};
            assert_int_equal(cccd_store_app_events(st, a.id, on_event, &o, &err), CCCD_OK);
            assert_int_equal(o.events, 1);
        }
    cccd_audit_report rep;
    assert_int_equal(cccd_audit_verify(st, &rep, &err), CCCD_OK);
    cccd_store_close(st);

    /* a restarted server: every request again; the acknowledged ones answer the same */
    child = serve(f);
    login(f);
    reply r;
    for (int i = 0; i < PEOPLE; i++) {
        char pid[13], body[160];
        pid_of(i, pid);
        snprintf(body, sizeof body, "{\"personal_id\":\"%s\",\"request_id\":\"kill-%d\"}", pid, i);
        long s = call(f, "POST", "/api/v1/applications", f->token, body, &r);
        int64_t was = loads[i % DESKS].acked[i];
        if (was) {
            assert_int_equal(s, 200);
            json_t *v = json_loads(r.body, 0, NULL);
            assert_int_equal(json_integer_value(json_object_get(v, "id")), was);
            json_decref(v);
        } else if (s != 200 && s != 201) {
            fail_msg("%s after the restart: %ld %s", pid, s, r.body);
        }
    }
    kill(child, SIGKILL);
    waitpid(child, &status, 0);
    /* one application per person, and no more */
    assert_int_equal(cccd_store_open(f->url, &st, &err), CCCD_OK);
    for (int i = 0; i < PEOPLE; i++) {
        char pid[13];
        pid_of(i, pid);
        cccd_application a;
        bool found = false;
        assert_int_equal(cccd_store_app_open_for(st, pid, &a, &found, &err), CCCD_OK);
        assert_true(found);
        char req[32];
        snprintf(req, sizeof req, "kill-%d", i);
        assert_string_equal(a.request_id, req);
    }
    assert_int_equal(cccd_audit_verify(st, &rep, &err), CCCD_OK);
    cccd_store_close(st);
}

int main(void) {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_kill, setup, teardown),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    curl_global_cleanup();
    return rc;
}
