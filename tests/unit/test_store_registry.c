/*
 * test_store_registry.c: the registry on each backend: units stored and rebuilt, a CSV extract
 * with clean and dirty rows imported under "đúng, đủ, sạch, sống", re-import and updates,
 * coverage on dates before and after the 2025 reform (merged and split communes, someone
 * turning 14, a card expiring), the remaining list a page at a time, name search, and bad files
 * that change nothing. Run once per backend by scripts/run-tests.sh (see testdb.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>

#include "service/coverage.h"
#include "service/registry_import.h"
#include "store/store.h"
#include "testdb.h"

static const char *units_json =
    "{\"data\":[{\"level1_id\":\"01\",\"name\":\"Thành phố Hà Nội\",\"type\":\"Thành phố "
    "Trung ương\",\"level2s\":["
    "{\"level2_id\":\"001\",\"name\":\"Quận Ba Đình\",\"type\":\"Quận\",\"level3s\":["
    "{\"level3_id\":\"00001\",\"name\":\"Phường Phúc Xá\",\"type\":\"Phường\"},"
    "{\"level3_id\":\"00004\",\"name\":\"Phường Trúc Bạch\",\"type\":\"Phường\"},"
    "{\"level3_id\":\"00007\",\"name\":\"Phường Cống Vị\",\"type\":\"Phường\"}]},"
    "{\"level2_id\":\"002\",\"name\":\"Quận Hoàn Kiếm\",\"type\":\"Quận\",\"level3s\":["
    "{\"level3_id\":\"00037\",\"name\":\"Phường Phúc Tân\",\"type\":\"Phường\"}]}]}]}";

static const char *reform_json =
    "{\"data\":[{\"level1_id\":\"01\",\"name\":\"Thành phố Hà Nội\",\"splits\":[{\"new_id\":"
    "\"01\",\"name\":\"Thành phố Hà Nội\"}],\"level3s\":["
    "{\"level3_id\":\"00001\",\"name\":\"Phường Phúc Xá\",\"splits\":[{\"new_id\":\"00097\","
    "\"name\":\"Phường Hồng Hà\"}]},"
    "{\"level3_id\":\"00004\",\"name\":\"Phường Trúc Bạch\",\"splits\":[{\"new_id\":\"00004\","
    "\"name\":\"Phường Ba Đình\"}]},"
    "{\"level3_id\":\"00007\",\"name\":\"Phường Cống Vị\",\"splits\":[{\"new_id\":\"00004\","
    "\"name\":\"Phường Ba Đình\"},{\"new_id\":\"00025\",\"name\":\"Phường Giảng Võ\"}]},"
    "{\"level3_id\":\"00037\",\"name\":\"Phường Phúc Tân\",\"splits\":[{\"new_id\":\"00097\","
    "\"name\":\"Phường Hồng Hà\"}]}]}]}";

#define HEADER                                                                                     \
    "personal_id,full_name,date_of_birth,sex,ethnicity,religion,nationality,place_of_origin,"      \
    "permanent_commune,permanent_address,household_id,relation_to_head,residential_group,"         \
    "temporary_commune,temporary_address,status,mobility,old_id_number,card_type,card_number,"     \
    "card_issued,card_expiry,father_name,mother_name,spouse_name\n"

/* id, name, dob, sex, commune, address, household, relation, group, status, card, issued,
 * expiry */
#define ROW(id, name, dob, sex, commune, hh, rel, grp, status, card, issued, expiry)               \
    id "," name "," dob "," sex ",Kinh,Không,Việt Nam,Hà Nội," commune ",\"Số 1, " grp "\"," hh    \
       "," rel "," grp ",,," status ",normal,," card "," issued "," expiry ",,,\n"

static const char *extract = HEADER
    /* 1 */ ROW("001090000001", "Nguyễn Văn An", "1990-01-15", "M", "00001", "HK1", "Chủ hộ",
                "Tổ 1", "alive", "chip,001090000001", "2021-05-01", "2030-01-15")
    /* 2 */ ROW("001190000002", "Trần Thị Bình", "1990-06-01", "F", "00004", "HK2", "Chủ hộ",
                "Tổ 1", "alive", ",", "", "")
    /* 3 */ ROW("001211000003", "Lê Văn Cường", "2011-06-10", "M", "00007", "HK3", "Con", "Tổ 2",
                "alive", ",", "", "")
    /* 4 */ ROW("001140000004", "Phạm Thị Dung", "1940", "F", "00037", "HK4", "Chủ hộ", "Tổ 1",
                "deceased", ",", "", "")
    /* 5 */ ROW("001085000005", "Hoàng Văn Em", "1985-03-03", "M", "00037", "HK5", "Chủ hộ", "Tổ 1",
                "alive", "chip,001085000005", "2021-03-01", "2025-03-03")
    /* 6: the ID of row 1 again */
    ROW("001090000001", "Nguyễn Văn Ân", "1990-01-15", "M", "00001", "HK1", "Con", "Tổ 1", "alive",
        ",", "", "")
    /* 7: digit 4 says female, sex says M */
    ROW("001190000007", "Sai Giới Tính", "1990-01-01", "M", "00001", "HK7", "Chủ hộ", "Tổ 1",
        "alive", ",", "", "")
    /* 8: no such commune */
    ROW("001090000008", "Không Có Xã", "1990-01-01", "M", "99999", "HK8", "Chủ hộ", "Tổ 1", "alive",
        ",", "", "")
    /* 9: no name */
    ROW("001090000009", "", "1990-01-01", "M", "00001", "HK9", "Chủ hộ", "Tổ 1", "alive", ",", "",
        "")
    /* 10: NFD and double spaces: loaded, cleaned, reported */
    ROW("001090000010", "Ngo\xcc\x82  Va\xcc\x86n  Phu\xcc\x81", "1990-02-02", "M", "00001", "HK10",
        "Chủ hộ", "Tổ 1", "alive", ",", "", "")
    /* 11: same name, birth date and commune as row 2 under another ID */
    ROW("001190000011", "Trần Thị Bình", "1990-06-01", "F", "00004", "HK11", "Chủ hộ", "Tổ 1",
        "alive", ",", "", "");

static const cccd_date d_0301 = {2025, 3, 1, CCCD_DATE_DAY};
static const cccd_date d_0701 = {2025, 7, 1, CCCD_DATE_DAY};

typedef struct fixture {
    char url[1024];
    cccd_store *st;
    cccd_units *u;
    int issues, errors;
    char reasons[4096];
} fixture;

static void on_issue(void *ctx, const cccd_import_issue *is) {
    fixture *f = ctx;
    f->issues++;
    f->errors += is->error;
    size_t n = strlen(f->reasons);
    snprintf(f->reasons + n, sizeof f->reasons - n, "%llu:%s:%s:%s|", (unsigned long long)is->row,
             is->field, is->error ? "E" : "W", is->rule);
}

static cccd_errc import_text(fixture *f, const char *csv, cccd_import_summary *s, cccd_err *err) {
    FILE *in = fmemopen((void *)csv, strlen(csv), "r");
    assert_non_null(in);
    cccd_import_opts o = {.as_of = d_0301, .today = d_0301};
    f->issues = f->errors = 0;
    f->reasons[0] = '\0';
    cccd_errc rc = cccd_registry_import(f->st, f->u, in, &o, on_issue, NULL, f, s, err);
    fclose(in);
    return rc;
}

static int setup(void **state) {
    fixture *f = calloc(1, sizeof *f);
    cccd_err err;
    if (f == NULL || testdb_new(f->url, sizeof f->url) != 0 ||
        cccd_store_open(f->url, &f->st, &err) != CCCD_OK ||
        cccd_store_migrate(f->st, NULL, NULL, &err) != CCCD_OK)
        return -1;
    cccd_units *u = cccd_units_new();
    if (cccd_units_load_json(u, units_json, strlen(units_json), (cccd_date){0}, &err) ||
        cccd_units_apply_reform(u, reform_json, strlen(reform_json), d_0701, &err))
        return -1;
    cccd_store_unit_source src[2] = {{false, {0}, units_json, strlen(units_json)},
                                     {true, d_0701, reform_json, strlen(reform_json)}};
    bool changed = false;
    if (cccd_store_units_import(f->st, src, 2, u, &changed, &err) != CCCD_OK || !changed)
        return -1;
    cccd_units_free(u);
    /* the model used from here on is the one rebuilt from the database */
    if (cccd_store_units_load(f->st, &f->u, &err) != CCCD_OK)
        return -1;
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

static void test_units_round_trip(void **state) {
    fixture *f = *state;
    cccd_err err;
    size_t c[CCCD_UNIT_LEVELS];
    cccd_units_count_at(f->u, (cccd_date){2025, 6, 30, CCCD_DATE_DAY}, c);
    assert_int_equal(c[CCCD_UNIT_PROVINCE], 1);
    assert_int_equal(c[CCCD_UNIT_DISTRICT], 2);
    assert_int_equal(c[CCCD_UNIT_COMMUNE], 4);
    cccd_units_count_at(f->u, d_0701, c);
    assert_int_equal(c[CCCD_UNIT_DISTRICT], 0);
    assert_int_equal(c[CCCD_UNIT_COMMUNE], 3);
    /* the same files again: nothing written */
    cccd_store_unit_source src[2] = {{false, {0}, units_json, strlen(units_json)},
                                     {true, d_0701, reform_json, strlen(reform_json)}};
    bool changed = true;
    assert_int_equal(cccd_store_units_import(f->st, src, 2, f->u, &changed, &err), CCCD_OK);
    assert_false(changed);
}

static void test_failed_first_import(void **state) {
    fixture *f = *state;
    cccd_import_summary s;
    cccd_err err;
    /* the first import into an empty table drops the indexes (SQLite) and builds them at the
     * end: a file that fails half-way must leave the schema as it was */
    const char *broken = HEADER ROW("001095000020", "Đỗ Văn Tư", "1995-01-01", "M", "00001", "HK20",
                                    "Chủ hộ", "Tổ 1", "alive", ",", "", "") "\"unclosed";
    assert_int_equal(import_text(f, broken, &s, &err), CCCD_E_ARG);
    cccd_store_record r;
    bool found = true;
    assert_int_equal(cccd_store_citizen_get(f->st, "001095000020", &r, &found, &err), CCCD_OK);
    assert_false(found);
}

/* SQLite's journal mode as the database file's header says (bytes 18 and 19: 2 for WAL, 1 for
 * a rollback journal); 0 on PostgreSQL. */
static int sqlite_file_journal(const char *url) {
    if (strncmp(url, "sqlite:", 7) != 0)
        return 0;
    FILE *db = fopen(url + 7, "rb");
    assert_non_null(db);
    unsigned char h[20];
    assert_int_equal(fread(h, 1, sizeof h, db), sizeof h);
    fclose(db);
    assert_int_equal(h[18], h[19]);
    return h[18];
}

static void test_first_import_beside_a_reader(void **state) {
    (void)state;
    /* SQLite: a first import may leave WAL for its load (cccd_store_bulk_mode); with another
     * connection holding a snapshot it cannot, and must still load without waiting for it,
     * while the snapshot keeps seeing the empty registry; either way the database is in WAL
     * again afterwards. (On PostgreSQL a first import drops the registry's indexes, which
     * waits for the transactions that read the table to end: here, on one thread, forever.) */
    bool sqlite = getenv("CCCD_TEST_PG") == NULL || getenv("CCCD_TEST_PG")[0] == '\0';
    for (int reader = 0; reader < (sqlite ? 2 : 1); reader++) {
        char url[1024];
        assert_int_equal(testdb_new(url, sizeof url), 0);
        fixture g = {0};
        cccd_err err;
        assert_int_equal(cccd_store_open(url, &g.st, &err), CCCD_OK);
        assert_int_equal(cccd_store_migrate(g.st, NULL, NULL, &err), CCCD_OK);
        cccd_units *u = cccd_units_new();
        assert_int_equal(
            cccd_units_load_json(u, units_json, strlen(units_json), (cccd_date){0}, &err), CCCD_OK);
        cccd_store_unit_source src = {false, {0}, units_json, strlen(units_json)};
        bool changed;
        assert_int_equal(cccd_store_units_import(g.st, &src, 1, u, &changed, &err), CCCD_OK);
        cccd_units_free(u);
        assert_int_equal(cccd_store_units_load(g.st, &g.u, &err), CCCD_OK);
        cccd_store *other = NULL;
        cccd_store_record r;
        bool found = true;
        if (reader) {
            assert_int_equal(cccd_store_open_existing(url, &other, &err), CCCD_OK);
            assert_int_equal(cccd_store_begin_read(other, &err), CCCD_OK);
            assert_int_equal(cccd_store_citizen_get(other, "001090000001", &r, &found, &err),
                             CCCD_OK);
            assert_false(found);
        }
        cccd_import_summary s;
        if (import_text(&g, extract, &s, &err) != CCCD_OK)
            fail_msg("import: %s", err.msg);
        assert_int_equal(s.inserted, 7);
        if (reader) {
            found = true;
            assert_int_equal(cccd_store_citizen_get(other, "001090000001", &r, &found, &err),
                             CCCD_OK);
            assert_false(found); /* its snapshot */
            cccd_store_rollback(other);
            assert_int_equal(cccd_store_citizen_get(other, "001090000001", &r, &found, &err),
                             CCCD_OK);
            assert_true(found);
            cccd_store_record_free(&r);
            cccd_store_close(other);
        }
        int journal = sqlite_file_journal(url);
        assert_true(journal == 0 || journal == 2);
        cccd_units_free(g.u);
        cccd_store_close(g.st);
        testdb_drop(url);
    }
}

static void test_import_rules(void **state) {
    fixture *f = *state;
    cccd_import_summary s;
    cccd_err err;
    assert_int_equal(import_text(f, extract, &s, &err), CCCD_OK);
    assert_int_equal(s.rows, 11);
    assert_int_equal(s.inserted, 7);
    assert_int_equal(s.rejected, 4);
    assert_int_equal(s.duplicates, 1);
    assert_int_equal(s.probable_duplicates, 1);
    assert_int_equal(s.with_warnings, 2);
    assert_int_equal(f->errors, 4);
    /* each problem is reported on its row, field and rule */
    assert_non_null(strstr(f->reasons, "6:personal_id:E:sạch|"));
    assert_non_null(strstr(f->reasons, "7:personal_id:E:đúng|"));
    assert_non_null(strstr(f->reasons, "8:permanent_commune:E:đúng|"));
    assert_non_null(strstr(f->reasons, "9:full_name:E:đủ|"));
    assert_non_null(strstr(f->reasons, "10:full_name:W:sạch|"));
    assert_non_null(strstr(f->reasons, "11:personal_id:W:sạch|"));
    /* Cường's household (HK3) has no head among the loaded rows */
    assert_non_null(strstr(f->reasons, "3:relation_to_head:W:đúng|"));
    assert_int_equal(s.households_no_head, 1);
    assert_int_equal(s.households_two_heads, 0);
    assert_int_equal(s.households, 7);
    /* the cleaned name is stored in NFC, single-spaced */
    cccd_store_record r;
    bool found;
    assert_int_equal(cccd_store_citizen_get(f->st, "001090000010", &r, &found, &err), CCCD_OK);
    assert_true(found);
    assert_string_equal(r.v[CCCD_CF_FULL_NAME], "Ngô Văn Phú");
    assert_string_equal(r.name_key, "ngo van phu");
    assert_string_equal(r.v[CCCD_CF_PERMANENT_COMMUNE], "00001");
    assert_string_equal(r.province, "01");
    cccd_store_record_free(&r);
    /* the first of two rows with one ID wins */
    assert_int_equal(cccd_store_citizen_get(f->st, "001090000001", &r, &found, &err), CCCD_OK);
    assert_string_equal(r.v[CCCD_CF_FULL_NAME], "Nguyễn Văn An");
    assert_string_equal(r.v[CCCD_CF_CARD_EXPIRY], "2030-01-15");
    cccd_store_record_free(&r);
    /* rejected rows are not there */
    assert_int_equal(cccd_store_citizen_get(f->st, "001190000007", &r, &found, &err), CCCD_OK);
    assert_false(found);
}

static void expect_line(const cccd_coverage_line *l, const char *code, int64_t residents,
                        int64_t eligible, int64_t valid, int64_t remaining, int64_t split) {
    assert_string_equal(l->unit->code, code);
    if (l->c.residents != residents || l->c.eligible != eligible || l->c.valid_card != valid ||
        l->remaining != remaining || l->split != split)
        fail_msg("%s: residents %lld eligible %lld valid %lld remaining %lld split %lld", code,
                 (long long)l->c.residents, (long long)l->c.eligible, (long long)l->c.valid_card,
                 (long long)l->remaining, (long long)l->split);
}

static void test_coverage(void **state) {
    fixture *f = *state;
    cccd_err err;
    cccd_coverage c;
    /* before the reform: the province and its two districts */
    assert_int_equal(cccd_coverage_get(f->st, f->u, "01", d_0301, &c, &err), CCCD_OK);
    expect_line(&c.total, "01", 6, 5, 2, 3, 0);
    assert_int_equal(c.nchildren, 2);
    expect_line(&c.children[0], "001", 5, 4, 1, 3, 0);
    expect_line(&c.children[1], "002", 1, 1, 1, 0, 0);
    cccd_coverage_free(&c);
    /* after: communes directly under the province; Cống Vị split, counted under Ba Đình;
     * Cường turned 14 on 2025-06-10; Em's card expired on 2025-03-03 */
    assert_int_equal(cccd_coverage_get(f->st, f->u, "01", d_0701, &c, &err), CCCD_OK);
    expect_line(&c.total, "01", 6, 6, 1, 5, 1);
    assert_int_equal(c.nchildren, 3);
    expect_line(&c.children[0], "00004", 3, 3, 0, 3, 1);
    expect_line(&c.children[1], "00025", 0, 0, 0, 0, 0);
    expect_line(&c.children[2], "00097", 3, 3, 1, 2, 0);
    cccd_coverage_free(&c);
    /* a commune that no longer exists on the date is refused with a reason */
    assert_int_equal(cccd_coverage_get(f->st, f->u, "00007", d_0701, &c, &err),
                     CCCD_E_UNIT_NOT_IN_FORCE);
}

typedef struct collected {
    char ids[16][13];
    int n;
} collected;

static bool collect(void *ctx, const cccd_store_record *r) {
    collected *c = ctx;
    if (c->n < 16)
        snprintf(c->ids[c->n++], 13, "%s", r->v[CCCD_CF_PERSONAL_ID]);
    return true;
}

static void test_remaining_and_find(void **state) {
    fixture *f = *state;
    cccd_err err;
    /* old 00004 on 2025-07-01: Bình and her probable duplicate, page by page, in (group,
     * household, ID) byte order: HK11 before HK2 */
    collected a = {0}, b = {0};
    int64_t day = cccd_date_to_days(d_0701);
    assert_int_equal(
        cccd_store_remaining(f->st, "00004@", day, NULL, NULL, NULL, 1, collect, &a, &err),
        CCCD_OK);
    assert_int_equal(a.n, 1);
    assert_string_equal(a.ids[0], "001190000011");
    assert_int_equal(cccd_store_remaining(f->st, "00004@", day, "Tổ 1", "HK11", "001190000011", 10,
                                          collect, &b, &err),
                     CCCD_OK);
    assert_int_equal(b.n, 1);
    assert_string_equal(b.ids[0], "001190000002");
    /* Hoàng Văn Em's card is valid on 2025-03-01, not on 2025-07-01 */
    collected c1 = {0}, c2 = {0};
    assert_int_equal(cccd_store_remaining(f->st, "00037@", cccd_date_to_days(d_0301), NULL, NULL,
                                          NULL, 10, collect, &c1, &err),
                     CCCD_OK);
    assert_int_equal(c1.n, 0);
    assert_int_equal(
        cccd_store_remaining(f->st, "00037@", day, NULL, NULL, NULL, 10, collect, &c2, &err),
        CCCD_OK);
    assert_int_equal(c2.n, 1);
    /* the sources of new Ba Đình: old Trúc Bạch, old Cống Vị (split) and itself */
    const cccd_unit *bd = cccd_units_lookup(f->u, "00004", CCCD_UNIT_COMMUNE, d_0701, &err);
    assert_non_null(bd);
    char **keys;
    size_t nk;
    assert_int_equal(cccd_coverage_sources(f->u, bd, d_0701, &keys, &nk, &err), CCCD_OK);
    assert_int_equal(nk, 3);
    bool old4 = false, old7 = false;
    for (size_t i = 0; i < nk; i++) {
        old4 |= strcmp(keys[i], "00004@") == 0;
        old7 |= strcmp(keys[i], "00007@") == 0;
        free(keys[i]);
    }
    free(keys);
    assert_true(old4 && old7);
    /* name search by key prefix */
    collected n = {0};
    assert_int_equal(cccd_store_citizens_find(f->st, "00004@", "tran thi", 10, collect, &n, &err),
                     CCCD_OK);
    assert_int_equal(n.n, 2);
    collected none = {0};
    assert_int_equal(
        cccd_store_citizens_find(f->st, "00001@", "tran thi", 10, collect, &none, &err), CCCD_OK);
    assert_int_equal(none.n, 0);
}

static void test_reimport_and_update(void **state) {
    fixture *f = *state;
    cccd_import_summary s;
    cccd_err err;
    /* the same file: nothing changes */
    assert_int_equal(import_text(f, extract, &s, &err), CCCD_OK);
    assert_int_equal(s.inserted, 0);
    assert_int_equal(s.unchanged, 7);
    assert_int_equal(s.updated, 0);
    /* a newer extract: Bình has died */
    const char *p = strstr(extract, "001190000002");
    const char *q = strstr(p, "alive");
    size_t pre = (size_t)(q - extract);
    char *fixed = malloc(strlen(extract) + 4);
    memcpy(fixed, extract, pre);
    strcpy(fixed + pre, "deceased");
    strcat(fixed, q + 5);
    assert_int_equal(import_text(f, fixed, &s, &err), CCCD_OK);
    assert_int_equal(s.updated, 1);
    assert_int_equal(s.unchanged, 6);
    cccd_coverage c;
    assert_int_equal(cccd_coverage_get(f->st, f->u, "01", d_0301, &c, &err), CCCD_OK);
    expect_line(&c.total, "01", 5, 4, 2, 2, 0);
    cccd_coverage_free(&c);
    free(fixed);
}

static void test_bad_files_change_nothing(void **state) {
    fixture *f = *state;
    cccd_import_summary s;
    cccd_err err;
    cccd_coverage before, after;
    assert_int_equal(cccd_coverage_get(f->st, f->u, "01", d_0301, &before, &err), CCCD_OK);
    /* a new good row, then a quote that never closes: the good row is not kept */
    const char *broken = HEADER ROW("001095000020", "Đỗ Văn Tư", "1995-01-01", "M", "00001", "HK20",
                                    "Chủ hộ", "Tổ 1", "alive", ",", "", "") "001095000021,\"Đỗ";
    assert_int_equal(import_text(f, broken, &s, &err), CCCD_E_ARG);
    assert_non_null(strstr(err.msg, "nothing was imported"));
    cccd_store_record r;
    bool found = true;
    assert_int_equal(cccd_store_citizen_get(f->st, "001095000020", &r, &found, &err), CCCD_OK);
    assert_false(found);
    /* a header without a mandatory column */
    assert_int_equal(import_text(f, "personal_id,full_name\n001095000020,A\n", &s, &err),
                     CCCD_E_ARG);
    assert_non_null(strstr(err.msg, "date_of_birth"));
    /* an empty file */
    assert_int_equal(import_text(f, "", &s, &err), CCCD_E_ARG);
    assert_int_equal(cccd_coverage_get(f->st, f->u, "01", d_0301, &after, &err), CCCD_OK);
    assert_memory_equal(&before.total.c, &after.total.c, sizeof before.total.c);
    cccd_coverage_free(&before);
    cccd_coverage_free(&after);
    /* a unit list without a commune that citizens use is refused, nothing changed */
    const char *smaller = "{\"data\":[{\"level1_id\":\"01\",\"name\":\"Thành phố Hà Nội\","
                          "\"type\":\"Thành phố Trung ương\",\"level2s\":[]}]}";
    cccd_units *u = cccd_units_new();
    assert_int_equal(cccd_units_load_json(u, smaller, strlen(smaller), (cccd_date){0}, &err),
                     CCCD_OK);
    cccd_store_unit_source src = {false, {0}, smaller, strlen(smaller)};
    bool changed = true;
    assert_int_equal(cccd_store_units_import(f->st, &src, 1, u, &changed, &err),
                     CCCD_E_STORE_CONSTRAINT);
    assert_non_null(strstr(err.msg, "used by registered citizens"));
    cccd_units_free(u);
    cccd_units *again;
    assert_int_equal(cccd_store_units_load(f->st, &again, &err), CCCD_OK);
    assert_int_equal(cccd_units_version_count(again), cccd_units_version_count(f->u));
    cccd_units_free(again);
}

static void test_zero_counters_do_not_keep_units(void **state) {
    fixture *f = *state;
    cccd_import_summary s;
    cccd_err err;
    /* everyone registered in 00001 moves to 00004: its counters fall to zero */
    char *moved = strdup(extract);
    for (char *p = strstr(moved, ",00001,"); p; p = strstr(p + 1, ",00001,"))
        memcpy(p, ",00004,", 7);
    assert_int_equal(import_text(f, moved, &s, &err), CCCD_OK);
    assert_true(s.updated >= 2);
    free(moved);
    /* a unit list without 00001 (and no reform) is accepted: no citizen uses it any more */
    const char *without =
        "{\"data\":[{\"level1_id\":\"01\",\"name\":\"Thành phố Hà Nội\",\"type\":\"Thành phố "
        "Trung ương\",\"level2s\":["
        "{\"level2_id\":\"001\",\"name\":\"Quận Ba Đình\",\"type\":\"Quận\",\"level3s\":["
        "{\"level3_id\":\"00004\",\"name\":\"Phường Trúc Bạch\",\"type\":\"Phường\"},"
        "{\"level3_id\":\"00007\",\"name\":\"Phường Cống Vị\",\"type\":\"Phường\"}]},"
        "{\"level2_id\":\"002\",\"name\":\"Quận Hoàn Kiếm\",\"type\":\"Quận\",\"level3s\":["
        "{\"level3_id\":\"00037\",\"name\":\"Phường Phúc Tân\",\"type\":\"Phường\"}]}]}]}";
    cccd_units *u = cccd_units_new();
    assert_int_equal(cccd_units_load_json(u, without, strlen(without), (cccd_date){0}, &err),
                     CCCD_OK);
    cccd_store_unit_source src = {false, {0}, without, strlen(without)};
    bool changed = false;
    if (cccd_store_units_import(f->st, &src, 1, u, &changed, &err) != CCCD_OK)
        fail_msg("units import: %s", err.msg);
    assert_true(changed);
    cccd_units_free(u);
}

static void test_close_with_open_bulk_load(void **state) {
    (void)state;
    /* a store closed in the middle of a first import (PostgreSQL: with a COPY open) rolls back
     * cleanly: nothing used after it is freed, nothing kept */
    char url[1024];
    assert_int_equal(testdb_new(url, sizeof url), 0);
    cccd_store *st;
    cccd_err err;
    assert_int_equal(cccd_store_open(url, &st, &err), CCCD_OK);
    assert_int_equal(cccd_store_migrate(st, NULL, NULL, &err), CCCD_OK);
    cccd_units *u = cccd_units_new();
    assert_int_equal(cccd_units_load_json(u, units_json, strlen(units_json), (cccd_date){0}, &err),
                     CCCD_OK);
    cccd_store_unit_source src = {false, {0}, units_json, strlen(units_json)};
    bool changed, bulk;
    assert_int_equal(cccd_store_units_import(st, &src, 1, u, &changed, &err), CCCD_OK);
    assert_int_equal(cccd_store_begin(st, &err), CCCD_OK);
    assert_int_equal(cccd_store_coverage_begin(st, cccd_date_to_days(d_0301), &err), CCCD_OK);
    assert_int_equal(cccd_store_citizens_bulk_begin(st, &bulk, &err), CCCD_OK);
    assert_true(bulk);
    const char *row = ROW("001090000001", "Nguyễn Văn An", "1990-01-15", "M", "00001", "HK1",
                          "Chủ hộ", "Tổ 1", "alive", ",", "", "");
    cccd_citizen_raw raw = {0};
    const char *p = row;
    for (int fld = 0; fld < CCCD_CF__COUNT; fld++) {
        size_t n = 0;
        bool quoted = *p == '"';
        if (quoted)
            p++;
        while (p[n] && (quoted ? p[n] != '"' : (p[n] != ',' && p[n] != '\n')))
            n++;
        raw.f[fld] = p;
        raw.len[fld] = n;
        p += n + (quoted ? 2 : 1);
    }
    cccd_citizen c;
    cccd_issues is;
    assert_int_equal(cccd_citizen_validate(&raw, u, d_0301, false, &c, &is, &err), CCCD_OK);
    cccd_upsert res;
    assert_int_equal(cccd_store_citizen_upsert(st, &c, &res, &err), CCCD_OK);
    cccd_citizen_clear(&c);
    cccd_store_close(st);
    /* nothing of it stayed */
    assert_int_equal(cccd_store_open_existing(url, &st, &err), CCCD_OK);
    cccd_store_record r;
    bool found = true;
    assert_int_equal(cccd_store_citizen_get(st, "001090000001", &r, &found, &err), CCCD_OK);
    assert_false(found);
    cccd_store_close(st);
    cccd_units_free(u);
    testdb_drop(url);
}

int main(void) {
    /* in order: each builds on the state the previous one left */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_units_round_trip),
        cmocka_unit_test(test_failed_first_import),
        cmocka_unit_test(test_import_rules),
        cmocka_unit_test(test_first_import_beside_a_reader),
        cmocka_unit_test(test_coverage),
        cmocka_unit_test(test_remaining_and_find),
        cmocka_unit_test(test_reimport_and_update),
        cmocka_unit_test(test_bad_files_change_nothing),
        cmocka_unit_test(test_zero_counters_do_not_keep_units),
        cmocka_unit_test(test_close_with_open_bulk_load),
    };
    const char *pg = getenv("CCCD_TEST_PG");
    return cmocka_run_group_tests_name(pg && *pg ? "store_registry (postgresql)"
                                                 : "store_registry (sqlite)",
                                       tests, setup, teardown);
}
