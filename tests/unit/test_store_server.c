/*
 * test_store_server.c: the HTTP server on each backend, spoken to over loopback with libcurl
 * (and raw sockets for requests no client would send): logging in, the permission and
 * jurisdiction matrix (an officer of one commune gets 403 for a citizen of another, a viewer
 * never receives a personal field, a disabled account's token stops at once), the audit entry
 * written for every personal read, a corpus of broken requests that must each get a 4xx and
 * leave the server up, the web UI's files without path traversal, and draining on shutdown.
 * Run once per backend by scripts/run-tests.sh (see testdb.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <curl/curl.h>
#include <jansson.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "server/server.h"
#include "service/accounts.h"
#include "service/audit_log.h"
#include "service/registry_import.h"
#include "service/ticket_print.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "http_client.h"
#include "test_server.h"
#include "testdb.h"

#include <sqlite3.h>

/* Two provinces: Hà Nội (01) with three communes that the 2025 reform rearranges, and a
 * second one (02) with one commune that continues. */
static const char *units_json =
    "{\"data\":[{\"level1_id\":\"01\",\"name\":\"Thành phố Hà Nội\",\"type\":\"Thành phố "
    "Trung ương\",\"level2s\":["
    "{\"level2_id\":\"001\",\"name\":\"Quận Ba Đình\",\"type\":\"Quận\",\"level3s\":["
    "{\"level3_id\":\"00001\",\"name\":\"Phường Phúc Xá\",\"type\":\"Phường\"},"
    "{\"level3_id\":\"00004\",\"name\":\"Phường Trúc Bạch\",\"type\":\"Phường\"}]},"
    "{\"level2_id\":\"002\",\"name\":\"Quận Hoàn Kiếm\",\"type\":\"Quận\",\"level3s\":["
    "{\"level3_id\":\"00037\",\"name\":\"Phường Phúc Tân\",\"type\":\"Phường\"}]}]},"
    "{\"level1_id\":\"02\",\"name\":\"Tỉnh Hà Giang\",\"type\":\"Tỉnh\",\"level2s\":["
    "{\"level2_id\":\"024\",\"name\":\"Thành phố Hà Giang\",\"type\":\"Thành phố\",\"level3s\":["
    "{\"level3_id\":\"00688\",\"name\":\"Phường Quang Trung\",\"type\":\"Phường\"}]}]}]}";

static const char *reform_json =
    "{\"data\":[{\"level1_id\":\"01\",\"name\":\"Thành phố Hà Nội\",\"splits\":[{\"new_id\":"
    "\"01\",\"name\":\"Thành phố Hà Nội\"}],\"level3s\":["
    "{\"level3_id\":\"00001\",\"name\":\"Phường Phúc Xá\",\"splits\":[{\"new_id\":\"00097\","
    "\"name\":\"Phường Hồng Hà\"}]},"
    "{\"level3_id\":\"00004\",\"name\":\"Phường Trúc Bạch\",\"splits\":[{\"new_id\":\"00004\","
    "\"name\":\"Phường Ba Đình\"}]},"
    "{\"level3_id\":\"00037\",\"name\":\"Phường Phúc Tân\",\"splits\":[{\"new_id\":\"00097\","
    "\"name\":\"Phường Hồng Hà\"}]}]},"
    "{\"level1_id\":\"02\",\"name\":\"Tỉnh Hà Giang\",\"splits\":[{\"new_id\":\"02\",\"name\":"
    "\"Tỉnh Hà Giang\"}],\"level3s\":["
    "{\"level3_id\":\"00688\",\"name\":\"Phường Quang Trung\",\"splits\":[{\"new_id\":\"00688\","
    "\"name\":\"Phường Quang Trung\"}]}]}]}";

#define HEADER                                                                                     \
    "personal_id,full_name,date_of_birth,sex,ethnicity,religion,nationality,place_of_origin,"      \
    "permanent_commune,permanent_address,household_id,relation_to_head,residential_group,"         \
    "temporary_commune,temporary_address,status,mobility,old_id_number,card_type,card_number,"     \
    "card_issued,card_expiry,father_name,mother_name,spouse_name\n"
#define ROW(id, name, dob, sex, commune, hh)                                                       \
    id "," name "," dob "," sex ",Kinh,Không,Việt Nam,Hà Nội," commune ",Số 1," hh                 \
       ",Chủ hộ,Tổ 1,,,alive,normal,,,,,,,,\n"

/* A: registered in 00001 (Phúc Xá, now Hồng Hà 00097); B: in 00004 (now Ba Đình 00004); C: in
 * the other province. */
#define ID_A "001090000001"
#define ID_B "001190000002"
#define ID_C "002090000003"
static const char *extract = HEADER ROW(ID_A, "Nguyễn Văn An", "1990-01-15", "M", "00001", "HK1")
    ROW(ID_B, "Trần Thị Bình", "1990-06-01", "F", "00004", "HK2")
        ROW(ID_C, "Lý Văn Cao", "1990-03-03", "M", "00688", "HK3");

static const cccd_date today = {2026, 11, 23, CCCD_DATE_DAY};
#define PASSWORD "mật khẩu dài 2026"

typedef struct fixture {
    char url[1024];
    char web[256];
    cccd_server *srv;
    uint16_t port;
    char tok_admin[CCCD_TOKEN_LEN], tok_off_a[CCCD_TOKEN_LEN], tok_off_b[CCCD_TOKEN_LEN],
        tok_cmd[CCCD_TOKEN_LEN], tok_viewer[CCCD_TOKEN_LEN], tok_off_c[CCCD_TOKEN_LEN],
        tok_prod[CCCD_TOKEN_LEN];
} fixture;

/* ---- the HTTP client (http_client.h), on this fixture's server ---- */

static long call_from(const fixture *f, const char *src, const char *method, const char *path,
                      const char *token, const char *body, const char *ctype, reply *r) {
    return http_call(f->port, src, method, path, token, body, ctype, r);
}

static long call(const fixture *f, const char *method, const char *path, const char *token,
                 const char *body, const char *ctype, reply *r) {
    return http_call(f->port, NULL, method, path, token, body, ctype, r);
}

static long get(const fixture *f, const char *path, const char *token, reply *r) {
    return call(f, "GET", path, token, NULL, NULL, r);
}

static void login(const fixture *f, const char *user, char token[CCCD_TOKEN_LEN]) {
    http_login(f->port, user, PASSWORD, token);
}

/* ---- fixture ---- */

static int setup(void **state) {
    fixture *f = calloc(1, sizeof *f);
    cccd_err err;
    cccd_store *st = NULL;
    if (f == NULL || testdb_new(f->url, sizeof f->url) != 0 ||
        cccd_store_open(f->url, &st, &err) != CCCD_OK ||
        cccd_store_migrate(st, NULL, NULL, &err) != CCCD_OK)
        return -1;
    cccd_units *u = cccd_units_new();
    const cccd_date d0701 = {2025, 7, 1, CCCD_DATE_DAY}, d0301 = {2025, 3, 1, CCCD_DATE_DAY};
    if (cccd_units_load_json(u, units_json, strlen(units_json), (cccd_date){0}, &err) ||
        cccd_units_apply_reform(u, reform_json, strlen(reform_json), d0701, &err)) {
        fprintf(stderr, "units: %s\n", err.msg);
        return -1;
    }
    cccd_store_unit_source src[2] = {{false, {0}, units_json, strlen(units_json)},
                                     {true, d0701, reform_json, strlen(reform_json)}};
    bool changed;
    if (cccd_store_units_import(st, src, 2, u, &changed, &err) != CCCD_OK)
        return -1;
    FILE *in = fmemopen((void *)extract, strlen(extract), "r");
    cccd_import_opts o = {.as_of = d0301, .today = d0301};
    cccd_import_summary sum;
    if (cccd_registry_import(st, u, in, &o, NULL, NULL, NULL, &sum, &err) != CCCD_OK) {
        fprintf(stderr, "import: %s\n", err.msg);
        return -1;
    }
    fclose(in);
    static const test_account accts[] = {
        {"admin", "admin", "VN"},     {"off_a", "officer", "00097"}, {"off_b", "officer", "00004"},
        {"cmd01", "commander", "01"}, {"viewer01", "viewer", "01"},  {"off_c", "officer", "00688"},
        {"prod", "production", "VN"}, {"admin01", "admin", "01"}};
    if (test_accounts_add(st, u, today, accts, sizeof accts / sizeof accts[0], PASSWORD) != 0)
        return -1;
    cccd_units_free(u);
    cccd_store_close(st);
    /* the web UI: one page, and a secret beside (not inside) its directory */
    snprintf(f->web, sizeof f->web, "%s/cccd-web-%d", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
             (int)getpid());
    char p[512];
    mkdir(f->web, 0700);
    snprintf(p, sizeof p, "%s/www", f->web);
    mkdir(p, 0700);
    snprintf(p, sizeof p, "%s/www/index.html", f->web);
    FILE *w = fopen(p, "w");
    fputs("<!doctype html><title>cccd</title>", w);
    fclose(w);
    snprintf(p, sizeof p, "%s/secret.txt", f->web);
    w = fopen(p, "w");
    fputs("SECRET", w);
    fclose(w);
    char link[600], target[600];
    snprintf(link, sizeof link, "%s/www/escape.txt", f->web);
    snprintf(target, sizeof target, "%s/secret.txt", f->web);
    if (symlink(target, link) != 0)
        return -1;
    snprintf(f->web + strlen(f->web), sizeof f->web - strlen(f->web), "/www");

    cccd_server_config cfg;
    test_server_config(&cfg, f->url, today);
    cfg.threads = 3;
    cfg.body_limit = 4096;
    cfg.web_dir = f->web;
    cfg.address_failures = 30;
    if (test_server_start(&cfg, &f->srv, &f->port) != 0)
        return -1;
    login(f, "admin", f->tok_admin);
    login(f, "off_a", f->tok_off_a);
    login(f, "off_b", f->tok_off_b);
    login(f, "cmd01", f->tok_cmd);
    login(f, "viewer01", f->tok_viewer);
    login(f, "off_c", f->tok_off_c);
    login(f, "prod", f->tok_prod);
    *state = f;
    return 0;
}

static int teardown(void **state) {
    fixture *f = *state;
    cccd_server_free(f->srv);
    testdb_drop(f->url);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%.*s'", (int)(strlen(f->web) - 4), f->web);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", f->web);
    free(f);
    return 0;
}

/* ---- tests ---- */

static void test_health_and_metrics(void **state) {
    fixture *f = *state;
    reply r;
    assert_int_equal(get(f, "/healthz", NULL, &r), 200);
    assert_non_null(strstr(r.body, "\"database\":\"ok\""));
    assert_int_equal(get(f, "/metrics", NULL, &r), 200);
    assert_non_null(strstr(r.headers, "text/plain"));
    assert_non_null(
        strstr(r.body, "cccd_http_requests_total{route=\"GET /healthz\",status=\"200\"}"));
    assert_non_null(strstr(r.body, "cccd_http_request_duration_seconds_bucket{route=\"POST "
                                   "/api/v1/login\",le=\"+Inf\"}"));
    assert_non_null(strstr(r.body, "cccd_db_errors_total 0"));
}

static void test_login_refusals(void **state) {
    fixture *f = *state;
    reply r;
    call(f, "POST", "/api/v1/login", NULL, "{\"username\":\"off_a\",\"password\":\"wrong one!\"}",
         NULL, &r);
    assert_problem(&r, 401, "auth.login", NULL);
    static char wrong_pw[sizeof r.body];
    snprintf(wrong_pw, sizeof wrong_pw, "%s", r.body);
    call(f, "POST", "/api/v1/login", NULL, "{\"username\":\"nobody\",\"password\":\"wrong one!\"}",
         NULL, &r);
    assert_problem(&r, 401, "auth.login", NULL);
    /* an unknown name and a wrong password are told apart by nothing */
    assert_string_equal(r.body, wrong_pw);
    /* no token, a made-up token */
    get(f, "/api/v1/me", NULL, &r);
    assert_problem(&r, 401, "auth.token", NULL);
    assert_non_null(strstr(r.headers, "WWW-Authenticate: Bearer"));
    get(f, "/api/v1/me", "cccd_madeupmadeupmadeupmadeupmadeupmadeupmadeu", &r);
    assert_problem(&r, 401, "auth.token", NULL);
    assert_int_equal(get(f, "/api/v1/me", f->tok_off_a, &r), 200);
    assert_non_null(strstr(r.body, "\"username\":\"off_a\""));
    assert_null(strstr(r.body, "scrypt"));
}

static void test_lockout(void **state) {
    fixture *f = *state;
    reply r;
    cccd_err err;
    cccd_store *st;
    cccd_units *u;
    assert_int_equal(cccd_store_open(f->url, &st, &err), CCCD_OK);
    assert_int_equal(cccd_store_units_load(st, &u, &err), CCCD_OK);
    cccd_actor by = {"cli:test", "", "", "local"};
    assert_int_equal(cccd_accounts_add(st, u, today, &by, "locky", "viewer", "VN", PASSWORD,
                                       &test_cheap, NULL, &err),
                     CCCD_OK);
    cccd_units_free(u);
    cccd_store_close(st);
    for (int i = 0; i < 5; i++) {
        call(f, "POST", "/api/v1/login", NULL,
             "{\"username\":\"locky\",\"password\":\"nope nope "
             "nope\"}",
             NULL, &r);
        assert_problem(&r, 401, "auth.login", NULL);
    }
    /* locked now: even the right password waits */
    call(f, "POST", "/api/v1/login", NULL, "{\"username\":\"locky\",\"password\":\"" PASSWORD "\"}",
         NULL, &r);
    assert_problem(&r, 429, "auth.locked", NULL);
    assert_non_null(strstr(r.headers, "Retry-After: "));
    get(f, "/metrics", NULL, &r);
    assert_null(strstr(r.body, "cccd_login_failures_total 0\n"));
}

/* One address that fails too often is refused whatever names it tries (even a right password),
 * while other addresses log in as usual. */
static void test_address_throttle(void **state) {
    fixture *f = *state;
    reply r;
    int i;
    for (i = 0; i < 30; i++) {
        char body[128];
        snprintf(body, sizeof body, "{\"username\":\"guess%d\",\"password\":\"wrong wrong\"}", i);
        call_from(f, "127.0.0.2", "POST", "/api/v1/login", NULL, body, NULL, &r);
        assert_problem(&r, 401, "auth.login", NULL);
    }
    call_from(f, "127.0.0.2", "POST", "/api/v1/login", NULL,
              "{\"username\":\"off_a\",\"password\":\"" PASSWORD "\"}", NULL, &r);
    assert_problem(&r, 429, "auth.locked", NULL);
    assert_non_null(strstr(r.headers, "Retry-After: "));
    char tok[CCCD_TOKEN_LEN];
    login(f, "off_a", tok); /* from 127.0.0.1 */
}

typedef struct expect {
    const char *who; /* token field */
    const char *method, *path;
    long status;
} expect;

static const char *token_of(fixture *f, const char *who) {
    if (strcmp(who, "admin") == 0)
        return f->tok_admin;
    if (strcmp(who, "off_a") == 0)
        return f->tok_off_a;
    if (strcmp(who, "off_b") == 0)
        return f->tok_off_b;
    if (strcmp(who, "cmd01") == 0)
        return f->tok_cmd;
    if (strcmp(who, "viewer01") == 0)
        return f->tok_viewer;
    if (strcmp(who, "off_c") == 0)
        return f->tok_off_c;
    return f->tok_prod;
}

static void test_permission_matrix(void **state) {
    fixture *f = *state;
    static const expect m[] = {
        /* an officer reads the citizens of its commune (A was registered in 00001, which is
         * part of 00097 today), not those of another commune or province */
        {"off_a", "GET", "/api/v1/citizens/" ID_A, 200},
        {"off_a", "GET", "/api/v1/citizens/" ID_B, 403},
        {"off_a", "GET", "/api/v1/citizens/" ID_C, 403},
        {"off_b", "GET", "/api/v1/citizens/" ID_B, 200},
        {"off_b", "GET", "/api/v1/citizens/" ID_A, 403},
        {"off_c", "GET", "/api/v1/citizens/" ID_C, 200},
        {"off_c", "GET", "/api/v1/citizens/" ID_A, 403},
        {"off_a", "GET", "/api/v1/citizens/001090099999", 404},
        /* a commander reads its whole province, not the other */
        {"cmd01", "GET", "/api/v1/citizens/" ID_A, 200},
        {"cmd01", "GET", "/api/v1/citizens/" ID_B, 200},
        {"cmd01", "GET", "/api/v1/citizens/" ID_C, 403},
        {"cmd01", "GET", "/api/v1/units/01/coverage", 200},
        {"cmd01", "GET", "/api/v1/units/02/coverage", 403},
        {"cmd01", "GET", "/api/v1/units/VN/coverage", 403},
        /* the old province code still means the same ground */
        {"cmd01", "GET", "/api/v1/units/00001/coverage?at=2025-03-01", 200},
        /* a viewer: counts, never a person */
        {"viewer01", "GET", "/api/v1/units/01/coverage", 200},
        {"viewer01", "GET", "/api/v1/citizens/" ID_A, 403},
        {"viewer01", "GET", "/api/v1/units/00097/remaining", 403},
        {"viewer01", "GET", "/api/v1/units/00097/citizens?name=nguyen", 403},
        {"viewer01", "GET", "/api/v1/users", 403},
        /* the officer's list and search stay in its commune */
        {"off_a", "GET", "/api/v1/units/00097/remaining", 200},
        {"off_a", "GET", "/api/v1/units/00004/remaining", 403},
        {"off_a", "GET", "/api/v1/units/00097/citizens?name=nguyen%20van", 200},
        {"off_a", "GET", "/api/v1/units/00004/citizens?name=tran", 403},
        {"off_a", "GET", "/api/v1/users", 403},
        /* admin: accounts and units, never a person */
        {"admin", "GET", "/api/v1/citizens/" ID_A, 403},
        {"admin", "GET", "/api/v1/users", 200},
        {"admin", "GET", "/api/v1/units", 200},
        {"admin", "GET", "/api/v1/units?parent=01", 200},
        {"admin", "GET", "/api/v1/units/00001/resolve?at=2026-01-01", 200},
        /* production: no person (yet) and no counts */
        {"prod", "GET", "/api/v1/citizens/" ID_A, 403},
        {"prod", "GET", "/api/v1/units/01/coverage", 403},
        {"prod", "GET", "/api/v1/units", 200},
    };
    for (size_t i = 0; i < sizeof m / sizeof m[0]; i++) {
        reply r;
        long got = call(f, m[i].method, m[i].path, token_of(f, m[i].who), NULL, NULL, &r);
        if (got != m[i].status)
            fail_msg("%s %s %s: expected %ld, got %ld: %s", m[i].who, m[i].method, m[i].path,
                     m[i].status, got, r.body);
        if (got >= 400)
            assert_problem(&r, got, NULL, NULL);
        /* whatever a viewer gets back carries no personal field */
        if (strcmp(m[i].who, "viewer01") == 0) {
            assert_null(strstr(r.body, "personal_id"));
            assert_null(strstr(r.body, "full_name"));
            assert_null(strstr(r.body, "date_of_birth"));
            assert_null(strstr(r.body, ID_A));
        }
    }
    reply r;
    assert_int_equal(get(f, "/api/v1/citizens/" ID_A, f->tok_off_a, &r), 200);
    assert_non_null(strstr(r.body, "Nguyễn Văn An"));
    assert_int_equal(get(f, "/api/v1/units/01/coverage", f->tok_viewer, &r), 200);
    assert_non_null(strstr(r.body, "\"residents\":2"));
}

typedef struct seen {
    int read_b, denied_a, search_a;
} seen;

static bool on_entry(void *ctx, const cccd_audit_entry *e) {
    seen *s = ctx;
    if (strcmp(e->action, "citizen.read") == 0 && strcmp(e->target, ID_B) == 0 &&
        strcmp(e->actor, "off_b") == 0 && strcmp(e->role, "officer") == 0 &&
        strcmp(e->remote, "127.0.0.1") == 0)
        s->read_b++;
    if (strcmp(e->action, "citizen.read.denied") == 0 && strcmp(e->target, ID_A) == 0)
        s->denied_a++;
    if (strcmp(e->action, "citizen.search") == 0 && strcmp(e->target, ID_A) == 0 &&
        strcmp(e->actor, "off_a") == 0)
        s->search_a++;
    return true;
}

static void test_audit_of_reads(void **state) {
    fixture *f = *state;
    reply r;
    assert_int_equal(get(f, "/api/v1/citizens/" ID_B, f->tok_off_b, &r), 200);
    assert_int_equal(get(f, "/api/v1/citizens/" ID_A, f->tok_off_b, &r), 403);
    assert_int_equal(get(f, "/api/v1/units/00097/citizens?name=nguyen", f->tok_off_a, &r), 200);
    cccd_store *st;
    cccd_err err;
    assert_int_equal(cccd_store_open(f->url, &st, &err), CCCD_OK);
    int64_t seq;
    char hash[CCCD_AUDIT_HASH_LEN];
    assert_int_equal(cccd_store_audit_head(st, &seq, hash, &err), CCCD_OK);
    assert_true(seq >= 3);
    /* the last three entries: the read, the refused read, the search (with A in it) */
    seen s = {0, 0, 0};
    assert_int_equal(cccd_store_audit_scan(st, seq - 3, on_entry, &s, &err), CCCD_OK);
    assert_int_equal(s.read_b, 1);
    assert_int_equal(s.denied_a, 1);
    assert_int_equal(s.search_a, 1);
    cccd_audit_report rep;
    assert_int_equal(cccd_audit_verify(st, &rep, &err), CCCD_OK);
    assert_int_equal(rep.bad_seq, 0);
    cccd_store_close(st);
}

/* Runs one SQL script straight on the test database (to break it on purpose). */
static void sql(const fixture *f, const char *sqlite_sql, const char *pg_sql) {
    if (strncmp(f->url, "sqlite:", 7) == 0) {
        sqlite3 *db;
        assert_int_equal(sqlite3_open(f->url + 7, &db), SQLITE_OK);
        sqlite3_busy_timeout(db, 5000);
        char *msg = NULL;
        if (sqlite3_exec(db, sqlite_sql, NULL, NULL, &msg) != SQLITE_OK)
            fail_msg("%s", msg);
        sqlite3_close(db);
    } else {
        PGconn *c = PQconnectdb(f->url);
        PGresult *r = PQexec(c, pg_sql);
        if (PQresultStatus(r) != PGRES_COMMAND_OK)
            fail_msg("%s", PQerrorMessage(c));
        PQclear(r);
        PQfinish(c);
    }
}

/* When the audit entry cannot be written, the read is refused and nothing of it is sent. */
static void test_audit_failure_withholds_data(void **state) {
    fixture *f = *state;
    sql(f,
        "CREATE TRIGGER no_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'disk "
        "full'); END;",
        "CREATE FUNCTION no_audit() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk full'; "
        "END $$ LANGUAGE plpgsql; CREATE TRIGGER no_audit BEFORE INSERT ON audit_log FOR EACH "
        "ROW EXECUTE FUNCTION no_audit();");
    reply r;
    get(f, "/api/v1/citizens/" ID_A, f->tok_off_a, &r);
    assert_problem(&r, 503, "service.unavailable", NULL);
    assert_non_null(strstr(r.headers, "Retry-After: "));
    assert_null(strstr(r.body, "Nguyễn"));
    assert_null(strstr(r.body, ID_A));
    get(f, "/api/v1/units/00097/citizens?name=nguyen", f->tok_off_a, &r);
    assert_problem(&r, 503, "service.unavailable", NULL);
    assert_null(strstr(r.body, "Nguyễn"));
    get(f, "/metrics", NULL, &r);
    assert_null(strstr(r.body, "cccd_audit_failures_total 0\n"));
    /* counts carry no person: they need no audit entry and still answer */
    assert_int_equal(get(f, "/api/v1/units/01/coverage", f->tok_viewer, &r), 200);
    sql(f, "DROP TRIGGER no_audit;",
        "DROP TRIGGER no_audit ON audit_log; DROP FUNCTION no_audit();");
    assert_int_equal(get(f, "/api/v1/citizens/" ID_A, f->tok_off_a, &r), 200);
    assert_non_null(strstr(r.body, "Nguyễn Văn An"));
}

static void test_accounts_api(void **state) {
    fixture *f = *state;
    reply r;
    const char *add = "{\"username\":\"off_new\",\"role\":\"officer\",\"unit\":\"00004\","
                      "\"password\":\"" PASSWORD "\"}";
    assert_int_equal(call(f, "POST", "/api/v1/users", f->tok_admin, add, NULL, &r), 201);
    assert_non_null(strstr(r.body, "\"username\":\"off_new\""));
    call(f, "POST", "/api/v1/users", f->tok_admin, add, NULL, &r);
    assert_problem(&r, 409, "account.exists", NULL);
    call(f, "POST", "/api/v1/users", f->tok_admin,
         "{\"username\":\"x1x\",\"role\":\"chief\",\"unit\":\"01\",\"password\":\"" PASSWORD "\"}",
         NULL, &r);
    assert_problem(&r, 422, NULL, "role");
    call(f, "POST", "/api/v1/users", f->tok_admin,
         "{\"username\":\"x2x\",\"role\":\"viewer\",\"unit\":\"01\",\"password\":\"short\"}", NULL,
         &r);
    assert_problem(&r, 422, NULL, "password");
    call(f, "POST", "/api/v1/users", f->tok_admin,
         "{\"username\":\"x3x\",\"role\":\"viewer\",\"unit\":\"99\",\"password\":\"" PASSWORD "\"}",
         NULL, &r);
    assert_problem(&r, 422, NULL, "unit");
    call(f, "POST", "/api/v1/users", f->tok_admin, "{\"username\":7}", NULL, &r);
    assert_problem(&r, 422, "input.argument", "username");
    /* a provincial admin adds nothing outside its province, and a commander adds nothing */
    char tok01[CCCD_TOKEN_LEN];
    login(f, "admin01", tok01);
    call(f, "POST", "/api/v1/users", tok01,
         "{\"username\":\"x4x\",\"role\":\"viewer\",\"unit\":\"02\",\"password\":\"" PASSWORD "\"}",
         NULL, &r);
    assert_problem(&r, 403, "auth.forbidden", "unit");
    call(f, "POST", "/api/v1/users", f->tok_cmd, add, NULL, &r);
    assert_problem(&r, 403, "auth.forbidden", NULL);
    call(f, "POST", "/api/v1/users/off_c/disable", tok01, NULL, NULL, &r);
    assert_problem(&r, 403, "auth.forbidden", "name");
    /* the new officer logs in; disabling it stops its token at once */
    char tok_new[CCCD_TOKEN_LEN];
    login(f, "off_new", tok_new);
    assert_int_equal(get(f, "/api/v1/citizens/" ID_B, tok_new, &r), 200);
    assert_int_equal(call(f, "POST", "/api/v1/users/off_new/disable", f->tok_admin, NULL, NULL, &r),
                     200);
    get(f, "/api/v1/citizens/" ID_B, tok_new, &r);
    assert_problem(&r, 401, "auth.token", NULL);
    call(f, "POST", "/api/v1/login", NULL,
         "{\"username\":\"off_new\",\"password\":\"" PASSWORD "\"}", NULL, &r);
    assert_problem(&r, 401, "auth.login", NULL);
    /* enabled again, with a new password: the old one no longer works */
    assert_int_equal(call(f, "POST", "/api/v1/users/off_new/enable", f->tok_admin, NULL, NULL, &r),
                     200);
    assert_int_equal(call(f, "PUT", "/api/v1/users/off_new/password", f->tok_admin,
                          "{\"password\":\"một mật khẩu mới\"}", NULL, &r),
                     204);
    call(f, "POST", "/api/v1/login", NULL,
         "{\"username\":\"off_new\",\"password\":\"" PASSWORD "\"}", NULL, &r);
    assert_problem(&r, 401, "auth.login", NULL);
    assert_int_equal(call(f, "POST", "/api/v1/login", NULL,
                          "{\"username\":\"off_new\",\"password\":\"một mật khẩu mới\"}", NULL, &r),
                     200);
    assert_int_equal(get(f, "/api/v1/users", f->tok_admin, &r), 200);
    assert_non_null(strstr(r.body, "off_new"));
    assert_null(strstr(r.body, "scrypt"));
    /* the provincial admin sees only its province's accounts */
    assert_int_equal(get(f, "/api/v1/users", tok01, &r), 200);
    assert_non_null(strstr(r.body, "off_a"));
    assert_null(strstr(r.body, "off_c"));
}

/* The id member of a JSON answer. */
static long long id_of(const reply *r) {
    json_t *v = json_loads(r->body, 0, NULL);
    assert_non_null(v);
    long long id = json_integer_value(json_object_get(v, "id"));
    json_decref(v);
    return id;
}

typedef struct plan_seen {
    int point_add, shift_set, kit_add, kit_move, staff_assign, plan_make, ticket_read, ticket_print;
} plan_seen;

static bool on_plan_entry(void *ctx, const cccd_audit_entry *e) {
    plan_seen *s = ctx;
    bool by_cmd = strcmp(e->actor, "cmd01") == 0 && strcmp(e->role, "commander") == 0;
    s->point_add += by_cmd && strcmp(e->action, "point.add") == 0;
    s->shift_set += by_cmd && strcmp(e->action, "shift.set") == 0;
    s->kit_add += by_cmd && strcmp(e->action, "kit.add") == 0 && strcmp(e->target, "kit:K-01") == 0;
    s->kit_move += by_cmd && strcmp(e->action, "kit.move") == 0;
    s->staff_assign += by_cmd && strcmp(e->action, "staff.assign") == 0;
    s->plan_make += by_cmd && strcmp(e->action, "plan.make") == 0 &&
                    strcmp(e->target, "00097") == 0 && strstr(e->detail, "1 new tickets") != NULL;
    s->ticket_read += strcmp(e->actor, "off_a") == 0 && strcmp(e->action, "citizen.list") == 0 &&
                      strcmp(e->target, ID_A) == 0;
    s->ticket_print += strcmp(e->actor, "off_a") == 0 && strcmp(e->action, "citizen.print") == 0 &&
                       strcmp(e->target, ID_A) == 0;
    return true;
}

/* A commander sets up a commune's point, shift, kit and officer and plans it through the API;
 * an officer reads the tickets; each role and jurisdiction gets only what it may; every change
 * and read is on the audit record. */
static void test_planning_api(void **state) {
    fixture *f = *state;
    reply r;
    cccd_store *st;
    cccd_err err;
    int64_t seq0;
    char hash[CCCD_AUDIT_HASH_LEN];
    assert_int_equal(cccd_store_open(f->url, &st, &err), CCCD_OK);
    assert_int_equal(cccd_store_audit_head(st, &seq0, hash, &err), CCCD_OK);
    /* a point: only a commander, only in its jurisdiction, only with what it needs */
    const char *point = "{\"name\":\"Công an phường Hồng Hà\",\"address\":\"Số 5 Phúc Xá\"}";
    call(f, "POST", "/api/v1/units/00097/points", f->tok_off_a, point, NULL, &r);
    assert_problem(&r, 403, "auth.forbidden", NULL);
    call(f, "POST", "/api/v1/units/00688/points", f->tok_cmd, point, NULL, &r);
    assert_problem(&r, 403, "auth.forbidden", "unit");
    call(f, "POST", "/api/v1/units/00097/points", f->tok_cmd,
         "{\"name\":\"Đội lưu động\",\"address\":\"Xe 1\",\"kind\":\"mobile\"}", NULL, &r);
    assert_problem(&r, 422, NULL, "place");
    call(f, "POST", "/api/v1/units/00097/points", f->tok_cmd,
         "{\"name\":\"x\",\"address\":\"y\",\"per_kit_hour\":0}", NULL, &r);
    assert_problem(&r, 422, "input.argument", "per_kit_hour");
    assert_int_equal(call(f, "POST", "/api/v1/units/00097/points", f->tok_cmd, point, NULL, &r),
                     201);
    long long pid = id_of(&r);
    assert_true(pid > 0);
    call(f, "POST", "/api/v1/units/00097/points", f->tok_cmd, point, NULL, &r);
    assert_problem(&r, 409, "point.exists", "name");
    char path[256], body[256];
    /* a shift; wrong times and numbers refused */
    snprintf(path, sizeof path, "/api/v1/points/%lld/shifts/1", pid);
    call(f, "PUT", path, f->tok_cmd, "{\"times\":\"07:00-07:00\"}", NULL, &r);
    assert_problem(&r, 422, NULL, "times");
    assert_int_equal(call(f, "PUT", path, f->tok_cmd, "{\"times\":\"07:00-11:00\"}", NULL, &r),
                     200);
    snprintf(path, sizeof path, "/api/v1/points/%lld/shifts/0", pid);
    call(f, "PUT", path, f->tok_cmd, "{\"times\":\"07:00-11:00\"}", NULL, &r);
    assert_problem(&r, 404, "shift.unknown", "no");
    snprintf(path, sizeof path, "/api/v1/points/%lld/shifts/2", pid);
    assert_int_equal(call(f, "PUT", path, f->tok_cmd, "{\"times\":\"13:00-17:00\"}", NULL, &r),
                     200);
    assert_int_equal(call(f, "DELETE", path, f->tok_cmd, NULL, NULL, &r), 200);
    /* a kit at the point: capacity 1 kit x 6 per kit-hour x 4 hours */
    call(f, "POST", "/api/v1/kits", f->tok_cmd, "{\"serial\":\"K-01\",\"unit\":\"02\"}", NULL, &r);
    assert_problem(&r, 403, "auth.forbidden", "unit");
    assert_int_equal(call(f, "POST", "/api/v1/kits", f->tok_cmd,
                          "{\"serial\":\"K-01\",\"unit\":\"00097\"}", NULL, &r),
                     201);
    call(f, "POST", "/api/v1/kits", f->tok_cmd, "{\"serial\":\"K-01\",\"unit\":\"00097\"}", NULL,
         &r);
    assert_problem(&r, 409, "kit.exists", "serial");
    snprintf(body, sizeof body, "{\"point\":%lld,\"note\":\"về phường\"}", pid);
    assert_int_equal(call(f, "POST", "/api/v1/kits/K-01/moves", f->tok_cmd, body, NULL, &r), 200);
    call(f, "POST", "/api/v1/kits/K-01/moves", f->tok_cmd, "{\"point\":1,\"unit\":\"01\"}", NULL,
         &r);
    assert_problem(&r, 422, NULL, "point");
    call(f, "POST", "/api/v1/kits/K-01/state", f->tok_cmd, "{\"state\":\"lost\"}", NULL, &r);
    assert_problem(&r, 422, "input.argument", "state");
    call(f, "POST", "/api/v1/kits/K-01/state", f->tok_off_c, "{\"state\":\"broken\"}", NULL, &r);
    assert_problem(&r, 403, "auth.forbidden", NULL);
    assert_int_equal(get(f, "/api/v1/kits/K-01", f->tok_viewer, &r), 200);
    assert_non_null(strstr(r.body, "\"state\":\"working\""));
    get(f, "/api/v1/kits/K-01", f->tok_off_c, &r);
    assert_problem(&r, 403, "auth.forbidden", "serial");
    snprintf(path, sizeof path, "/api/v1/points/%lld/shifts?from=2026-11-24&to=2026-11-24", pid);
    assert_int_equal(get(f, path, f->tok_viewer, &r), 200);
    assert_non_null(strstr(r.body, "\"capacity\":24"));
    get(f, path, f->tok_off_c, &r);
    assert_problem(&r, 403, "auth.forbidden", "point");
    /* a day closed: no shift that day */
    snprintf(path, sizeof path, "/api/v1/points/%lld/days/2026-11-25", pid);
    call(f, "PUT", path, f->tok_cmd, "{\"closed\":true,\"times\":\"07:00-09:00\"}", NULL, &r);
    assert_problem(&r, 422, NULL, "times");
    assert_int_equal(call(f, "PUT", path, f->tok_cmd, "{\"closed\":true}", NULL, &r), 200);
    snprintf(path, sizeof path, "/api/v1/points/%lld/shifts?from=2026-11-25&to=2026-11-25", pid);
    assert_int_equal(get(f, path, f->tok_cmd, &r), 200);
    assert_non_null(strstr(r.body, "\"shifts\":[]"));
    /* officers: the officer of the commune; not a viewer; not twice */
    snprintf(path, sizeof path, "/api/v1/points/%lld/staff", pid);
    call(f, "POST", path, f->tok_cmd, "{\"username\":\"viewer01\"}", NULL, &r);
    assert_problem(&r, 422, "account.role", "username");
    call(f, "POST", path, f->tok_cmd, "{\"username\":\"nobody\"}", NULL, &r);
    assert_problem(&r, 422, "account.unknown", "username");
    assert_int_equal(call(f, "POST", path, f->tok_cmd, "{\"username\":\"off_a\"}", NULL, &r), 201);
    long long aid = id_of(&r);
    call(f, "POST", path, f->tok_cmd, "{\"username\":\"off_a\",\"from\":\"2026-12-01\"}", NULL, &r);
    assert_problem(&r, 409, "staff.overlap", "from");
    assert_int_equal(get(f, path, f->tok_viewer, &r), 200);
    assert_non_null(strstr(r.body, "\"username\":\"off_a\""));
    /* an officer of another province runs this point's queue only once assigned to it */
    char queue[128];
    snprintf(queue, sizeof queue, "/api/v1/points/%lld/queue", pid);
    get(f, queue, f->tok_off_c, &r);
    assert_problem(&r, 403, "auth.forbidden", "point");
    assert_int_equal(call(f, "POST", path, f->tok_cmd, "{\"username\":\"off_c\"}", NULL, &r), 201);
    assert_int_equal(get(f, queue, f->tok_off_c, &r), 200);
    get(f, "/api/v1/units/00097/points", f->tok_off_c, &r); /* the unit stays out of reach */
    assert_problem(&r, 403, "auth.forbidden", "unit");
    snprintf(path, sizeof path, "/api/v1/points/%lld/staff/%lld/end", pid, aid + 1000);
    call(f, "POST", path, f->tok_cmd, "{}", NULL, &r);
    assert_problem(&r, 404, "staff.unknown", NULL);
    snprintf(path, sizeof path, "/api/v1/points/%lld/staff/%lld/end", pid, aid);
    assert_int_equal(call(f, "POST", path, f->tok_cmd, "{\"on\":\"2026-12-31\"}", NULL, &r), 200);
    /* the plan: officers may not plan; the commander does; A (registered in 00001) gets a
     * ticket in 00097 on the 24th */
    const char *range = "{\"from\":\"2026-11-24\",\"to\":\"2026-11-26\"}";
    call(f, "POST", "/api/v1/units/00097/plan", f->tok_off_a, range, NULL, &r);
    assert_problem(&r, 403, "auth.forbidden", NULL);
    call(f, "POST", "/api/v1/units/00097/plan", f->tok_cmd, "{\"from\":\"2026-11-24\"}", NULL, &r);
    assert_problem(&r, 422, NULL, "to");
    call(f, "POST", "/api/v1/units/00097/plan", f->tok_cmd,
         "{\"from\":\"2026-11-24\",\"to\":\"2026-11-20\"}", NULL, &r);
    assert_problem(&r, 422, NULL, "to");
    assert_int_equal(call(f, "POST", "/api/v1/units/00097/plan", f->tok_cmd, range, NULL, &r), 201);
    assert_non_null(strstr(r.body, "\"created\":1"));
    assert_null(strstr(r.body, ID_A)); /* no list asked: no person */
    assert_null(strstr(r.body, "unplanned_ids"));
    assert_int_equal(call(f, "POST", "/api/v1/units/00097/plan", f->tok_cmd,
                          "{\"from\":\"2026-11-24\",\"to\":\"2026-11-26\",\"dry_run\":true,"
                          "\"lists\":true}",
                          NULL, &r),
                     200);
    assert_non_null(strstr(r.body, "\"kept\":1"));
    assert_non_null(strstr(r.body, "unplanned_ids"));
    /* the tickets: the officer reads them, as JSON and CSV; others may not */
    assert_int_equal(get(f, "/api/v1/units/00097/tickets", f->tok_off_a, &r), 200);
    assert_non_null(strstr(r.body, ID_A));
    assert_non_null(strstr(r.body, "\"window\":\"07:00-08:00\""));
    assert_non_null(strstr(r.body, "\"total\":1"));
    assert_int_equal(
        get(f, "/api/v1/units/00097/tickets?format=csv&on=2026-11-24", f->tok_off_a, &r), 200);
    assert_non_null(strstr(r.headers, "text/csv"));
    assert_non_null(strstr(r.body, "ticket,personal_id,point,day,shift,window_start,window_end\n"));
    assert_non_null(strstr(r.body, "," ID_A ","));
    /* printed: a PDF of one page, and nothing to print on a day without tickets */
    assert_int_equal(get(f, "/api/v1/units/00097/tickets.pdf", f->tok_off_a, &r), 200);
    assert_non_null(strstr(r.headers, "application/pdf"));
    assert_memory_equal(r.body, "%PDF-", 5);
    get(f, "/api/v1/units/00097/tickets.pdf?on=2026-11-25", f->tok_off_a, &r);
    assert_problem(&r, 404, "ticket.unknown", NULL);
    get(f, "/api/v1/units/00097/tickets.pdf", f->tok_viewer, &r);
    assert_problem(&r, 403, "auth.forbidden", NULL);
    assert_int_equal(get(f, "/api/v1/units/00097/tickets?on=2026-11-25", f->tok_off_a, &r), 200);
    assert_non_null(strstr(r.body, "\"total\":0"));
    get(f, "/api/v1/units/00097/tickets?format=pdf", f->tok_off_a, &r);
    assert_problem(&r, 400, NULL, "format");
    get(f, "/api/v1/units/00097/tickets", f->tok_viewer, &r);
    assert_problem(&r, 403, "auth.forbidden", NULL);
    get(f, "/api/v1/units/00097/tickets", f->tok_off_c, &r);
    assert_problem(&r, 403, "auth.forbidden", "unit");
    assert_int_equal(get(f, "/api/v1/units/00097/points", f->tok_viewer, &r), 200);
    assert_non_null(strstr(r.body, "Công an phường Hồng Hà"));
    /* all of it on the record */
    plan_seen s = {0};
    assert_int_equal(cccd_store_audit_scan(st, seq0, on_plan_entry, &s, &err), CCCD_OK);
    assert_int_equal(s.point_add, 1);
    assert_int_equal(s.shift_set, 2);
    assert_int_equal(s.kit_add, 1);
    assert_int_equal(s.kit_move, 1);
    assert_int_equal(s.staff_assign, 2);
    assert_int_equal(s.plan_make, 1); /* the dry run wrote no entry of its own */
    assert_int_equal(s.ticket_read, 2);
    assert_int_equal(s.ticket_print, 1);
    cccd_audit_report rep;
    assert_int_equal(cccd_audit_verify(st, &rep, &err), CCCD_OK);
    cccd_store_close(st);
}

static void test_logout(void **state) {
    fixture *f = *state;
    char tok[CCCD_TOKEN_LEN];
    login(f, "off_a", tok);
    reply r;
    assert_int_equal(get(f, "/api/v1/me", tok, &r), 200);
    assert_int_equal(call(f, "POST", "/api/v1/logout", tok, NULL, NULL, &r), 204);
    get(f, "/api/v1/me", tok, &r);
    assert_problem(&r, 401, "auth.token", NULL);
    /* the fixture's own session of the same account is untouched */
    assert_int_equal(get(f, "/api/v1/me", f->tok_off_a, &r), 200);
}

static void test_bad_bodies_and_arguments(void **state) {
    fixture *f = *state;
    reply r;
    static const struct {
        const char *method, *path, *body, *ctype;
        long status;
        const char *field;
    } cases[] = {
        {"POST", "/api/v1/login", "{\"username\":\"off_a\",\"pass", NULL, 400, NULL},
        {"POST", "/api/v1/login", "[1,2,3]", NULL, 422, NULL},
        {"POST", "/api/v1/login", "{\"username\":[],\"password\":\"x\"}", NULL, 422, "username"},
        {"POST", "/api/v1/login", "{\"username\":\"off_a\",\"password\":12}", NULL, 422,
         "password"},
        {"POST", "/api/v1/login", "{\"username\":\"off_a\"}", NULL, 422, "password"},
        {"POST", "/api/v1/login", "{\"username\":1e999999,\"password\":\"x\"}", NULL, 400, NULL},
        {"POST", "/api/v1/login",
         "{\"username\":123456789012345678901234567890,\"password\":\"x\"}", NULL, 400, NULL},
        {"POST", "/api/v1/login", "{\"username\":\"\xff\xfe\",\"password\":\"x\"}", NULL, 400,
         NULL},
        {"POST", "/api/v1/login", "{\"username\":\"a\",\"username\":\"b\",\"password\":\"x\"}",
         NULL, 400, NULL},
        {"POST", "/api/v1/login", "{\"username\":\"a\\u0000b\",\"password\":\"x\"}", NULL, 400,
         NULL},
        {"POST", "/api/v1/login", "username=off_a", "application/x-www-form-urlencoded", 415,
         "Content-Type"},
        {"DELETE", "/api/v1/login", NULL, NULL, 405, NULL},
        {"GET", "/api/v1/nothing-here", NULL, NULL, 404, NULL},
        {"GET", "/api/v1/citizens/12345", NULL, NULL, 401, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        call(f, cases[i].method, cases[i].path, NULL, cases[i].body, cases[i].ctype, &r);
        if (r.status != cases[i].status)
            fail_msg("case %zu (%s): expected %ld, got %ld: %s", i, cases[i].body, cases[i].status,
                     r.status, r.body);
        assert_problem(&r, cases[i].status, NULL, cases[i].field);
    }
    static const struct {
        const char *path;
        long status;
        const char *field;
    } args[] = {
        {"/api/v1/citizens/12345", 400, "id"},
        {"/api/v1/citizens/00109000000A", 400, "id"},
        {"/api/v1/citizens/%FF%FE", 400, "path"},
        {"/api/v1/units/01/coverage?at=2025-02-30", 400, "at"},
        {"/api/v1/units/01/coverage?at=yesterday", 400, "at"},
        {"/api/v1/units/01/coverage?at=%FF", 400, "at"},
        {"/api/v1/units/99/coverage", 404, "code"},
        {"/api/v1/units/..%2F..%2Fetc/coverage", 404, NULL},
        {"/api/v1/units/00097/remaining?limit=0", 400, "limit"},
        {"/api/v1/units/00097/remaining?limit=99999999999999999999999", 400, "limit"},
        {"/api/v1/units/00097/remaining?limit=12abc", 400, "limit"},
        {"/api/v1/units/00097/remaining?after=garbage", 400, "after"},
        {"/api/v1/units/00097/citizens", 400, "name"},
        {"/api/v1/units/00097/citizens?name=%20%20", 400, "name"},
    };
    for (size_t i = 0; i < sizeof args / sizeof args[0]; i++) {
        get(f, args[i].path, f->tok_cmd, &r);
        if (r.status != args[i].status)
            fail_msg("%s: expected %ld, got %ld: %s", args[i].path, args[i].status, r.status,
                     r.body);
        assert_problem(&r, args[i].status, NULL, args[i].field);
    }
    /* a body over the limit is refused from its Content-Length, before it is read */
    char *big = malloc(10000);
    memset(big, ' ', 9999);
    big[0] = '{';
    big[9998] = '}';
    big[9999] = '\0';
    call(f, "POST", "/api/v1/login", NULL, big, NULL, &r);
    assert_problem(&r, 413, "http.too_large", NULL);
    free(big);
    assert_int_equal(get(f, "/healthz", NULL, &r), 200);
}

/* ---- raw requests: what no well-behaved client sends ---- */

static int connect_to(const fixture *f) {
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(f->port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(s, (struct sockaddr *)&a, sizeof a) != 0) {
        close(s);
        return -1;
    }
    struct timeval tv = {10, 0};
    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    return s;
}

/* Sends raw bytes and returns the status of the answer (0: the connection was closed without
 * one). */
static int raw(const fixture *f, const char *req, size_t len, char *out, size_t outn) {
    int s = connect_to(f);
    assert_true(s >= 0);
    size_t sent = 0;
    while (sent < len) {
        ssize_t k = send(s, req + sent, len - sent, MSG_NOSIGNAL);
        if (k <= 0)
            break;
        sent += (size_t)k;
    }
    size_t got = 0;
    ssize_t k;
    while (got + 1 < outn && (k = recv(s, out + got, outn - 1 - got, 0)) > 0)
        got += (size_t)k;
    out[got] = '\0';
    close(s);
    int status = 0;
    if (sscanf(out, "HTTP/1.%*d %d", &status) != 1)
        status = 0;
    return status;
}

static void test_broken_requests(void **state) {
    fixture *f = *state;
    static char out[65536];
    static const struct {
        const char *req;
        int lo, hi; /* the accepted status range; lo 0: 400..hi, or the server just closes */
    } cases[] = {
        {"GARBAGE\r\n\r\n", 0, 499},
        {"GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n", 400, 505},
        {"GET /healthz\r\n\r\n", 0, 499},
        {"GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 400, 404},
        {"GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 400,
         404},
        {"GET /..%2fsecret.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 400, 404},
        {"GET /escape.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 404, 404},
        {"GET /a\\..\\secret.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 400, 404},
        {"POST /api/v1/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
         "Content-Length: 99999999999999999999\r\nConnection: close\r\n\r\n{}",
         400, 413},
        {"POST /api/v1/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
         "Content-Length: -5\r\nConnection: close\r\n\r\n",
         400, 413},
        {"POST /api/v1/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
         "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n2000\r\n",
         0, 499}, /* chunked past the limit: completed below */
        {"GET /api/v1/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \xff\xfe\xfd\r\n"
         "Connection: close\r\n\r\n",
         401, 401},
        {"GET /api/v1/me HTTP/1.1\r\nHost: x\r\nAuthorization: Basic YTpi\r\n"
         "Connection: close\r\n\r\n",
         401, 401},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int st = raw(f, cases[i].req, strlen(cases[i].req), out, sizeof out);
        int lo = cases[i].lo ? cases[i].lo : 400;
        bool closed_ok = cases[i].lo == 0 && st == 0;
        if (!closed_ok && (st < lo || st > cases[i].hi))
            fail_msg("raw case %zu: status %d: %.300s", i, st, out);
        assert_null(strstr(out, "SECRET"));
    }
    /* a chunked body over the limit */
    char chunked[9000];
    int n = snprintf(chunked, sizeof chunked,
                     "POST /api/v1/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n1f40\r\n");
    memset(chunked + n, ' ', 8000);
    n += 8000;
    n += snprintf(chunked + n, sizeof chunked - (size_t)n, "\r\n0\r\n\r\n");
    assert_int_equal(raw(f, chunked, (size_t)n, out, sizeof out), 413);
    /* a flood of headers: refused by the server's per-connection memory limit */
    size_t cap = 200000, len = 0;
    char *flood = malloc(cap);
    len += (size_t)snprintf(flood, cap, "GET /healthz HTTP/1.1\r\nHost: x\r\n");
    for (int i = 0; len + 64 < cap - 64; i++)
        len += (size_t)snprintf(flood + len, cap - len, "X-Flood-%d: %040d\r\n", i, i);
    len += (size_t)snprintf(flood + len, cap - len, "\r\n");
    int st = raw(f, flood, len, out, sizeof out);
    if (st != 0 && (st < 400 || st > 499))
        fail_msg("header flood: %d", st);
    free(flood);
    /* a path far too long */
    char *longpath = malloc(20000);
    n = snprintf(longpath, 20000, "GET /api/v1/");
    memset(longpath + n, 'a', 10000);
    n += 10000;
    n += snprintf(longpath + n, 20000 - (size_t)n,
                  " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    st = raw(f, longpath, (size_t)n, out, sizeof out);
    if (st != 0 && (st < 400 || st > 499))
        fail_msg("long path: %d", st);
    free(longpath);
    /* and through it all the server stayed up */
    reply r;
    assert_int_equal(get(f, "/healthz", NULL, &r), 200);
    get(f, "/metrics", NULL, &r);
    assert_null(strstr(r.body, "status=\"500\""));
}

static void test_web_files(void **state) {
    fixture *f = *state;
    reply r;
    assert_int_equal(get(f, "/", NULL, &r), 200);
    assert_non_null(strstr(r.body, "<title>cccd</title>"));
    assert_non_null(strstr(r.headers, "text/html"));
    char etag[64] = "";
    const char *e = strstr(r.headers, "ETag: ");
    assert_non_null(e);
    sscanf(e + 6, "%63[^\r\n]", etag);
    assert_int_equal(get(f, "/nothing.js", NULL, &r), 404);
    assert_int_equal(get(f, "/escape.txt", NULL, &r), 404);
    assert_null(strstr(r.body, "SECRET"));
    assert_int_equal(call(f, "POST", "/index.html", NULL, "{}", NULL, &r), 405);
    /* a conditional request for an unchanged file */
    CURL *c = curl_easy_init();
    char url[128], hdr[128];
    snprintf(url, sizeof url, "http://127.0.0.1:%u/", (unsigned)f->port);
    snprintf(hdr, sizeof hdr, "If-None-Match: %s", etag);
    struct curl_slist *h = curl_slist_append(NULL, hdr);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, http_client_on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &r);
    assert_int_equal(curl_easy_perform(c), CURLE_OK);
    long status;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    assert_int_equal(status, 304);
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
}

/* Draining: a request in flight (its body half sent) finishes; new connections are refused. */
typedef struct drain_arg {
    cccd_server *srv;
    int left;
} drain_arg;

static void *drain_thread(void *p) {
    drain_arg *a = p;
    a->left = cccd_server_drain(a->srv, 10000);
    return NULL;
}

static void test_drain(void **state) {
    fixture *f = *state;
    int s = connect_to(f);
    assert_true(s >= 0);
    const char *head =
        "POST /api/v1/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        "Content-Length: 60\r\nConnection: close\r\n\r\n";
    char body[61];
    snprintf(body, sizeof body, "{\"username\":\"off_a\",\"password\":\"%s\"}", PASSWORD);
    size_t blen = strlen(body);
    assert_true(blen <= 60);
    memset(body + blen, ' ', 60 - blen);
    assert_int_equal(send(s, head, strlen(head), MSG_NOSIGNAL), (ssize_t)strlen(head));
    assert_int_equal(send(s, body, 10, MSG_NOSIGNAL), 10);
    usleep(200 * 1000); /* the server has the request now */
    drain_arg a = {f->srv, -1};
    pthread_t t;
    pthread_create(&t, NULL, drain_thread, &a);
    usleep(300 * 1000);
    /* the listening socket is closed: a new connection is refused */
    assert_int_equal(connect_to(f), -1);
    /* the request in flight completes and gets its answer */
    assert_int_equal(send(s, body + 10, 50, MSG_NOSIGNAL), 50);
    char out[8192];
    size_t got = 0;
    ssize_t k;
    while ((k = recv(s, out + got, sizeof out - 1 - got, 0)) > 0)
        got += (size_t)k;
    out[got] = '\0';
    close(s);
    pthread_join(t, NULL);
    assert_int_equal(a.left, 0);
    int status = 0;
    sscanf(out, "HTTP/1.%*d %d", &status);
    assert_int_equal(status, 200);
    assert_non_null(strstr(out, "\"token\""));
}

int main(void) {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_health_and_metrics),
        cmocka_unit_test(test_login_refusals),
        cmocka_unit_test(test_lockout),
        cmocka_unit_test(test_address_throttle),
        cmocka_unit_test(test_permission_matrix),
        cmocka_unit_test(test_audit_of_reads),
        cmocka_unit_test(test_audit_failure_withholds_data),
        cmocka_unit_test(test_accounts_api),
        cmocka_unit_test(test_planning_api),
        cmocka_unit_test(test_logout),
        cmocka_unit_test(test_bad_bodies_and_arguments),
        cmocka_unit_test(test_broken_requests),
        cmocka_unit_test(test_web_files),
        cmocka_unit_test(test_drain), /* last: the server stops listening */
    };
    int rc = cmocka_run_group_tests(tests, setup, teardown);
    curl_global_cleanup();
    cccd_ticket_print_release_caches(); /* the printed tickets' font caches */
    return rc;
}
