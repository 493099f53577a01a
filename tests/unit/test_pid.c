/*
 * test_pid.c: personal ID numbers: every failure reason, decoding across centuries, agreement
 * with date of birth and sex, the province table, lenient mode, and allocation that never
 * returns a number already held.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/pid.h"

typedef struct pid_case {
    const char *id;
    const char *dob; /* NULL: not given */
    char sex;        /* 0: not given */
    cccd_errc want;
    size_t pos;    /* expected error position, 0 = don't care */
    int year;      /* expected birth year on success */
    char want_sex; /* expected sex on success */
} pid_case;

static const pid_case cases[] = {
    /* valid numbers across the century/sex digits */
    {"001090012345", NULL, 0, CCCD_OK, 0, 1990, 'M'},
    {"001190012345", NULL, 0, CCCD_OK, 0, 1990, 'F'},
    {"079203000001", NULL, 0, CCCD_OK, 0, 2003, 'M'},
    {"096305999999", NULL, 0, CCCD_OK, 0, 2005, 'F'},
    {"038000000000", NULL, 0, CCCD_OK, 0, 1900, 'M'},
    {"034199123456", "1999-12-31", 'F', CCCD_OK, 0, 1999, 'F'},
    {"034099123456", "1999", 'M', CCCD_OK, 0, 1999, 'M'},
    {"034099123456", "1999-07", 0, CCCD_OK, 0, 1999, 'M'},
    {"034200123456", "2000-02-29", 'M', CCCD_OK, 0, 2000, 'M'},
    /* length */
    {"", NULL, 0, CCCD_E_ID_LENGTH, 0, 0, 0},
    {"00109001234", NULL, 0, CCCD_E_ID_LENGTH, 0, 0, 0},
    {"0010900123456", NULL, 0, CCCD_E_ID_LENGTH, 0, 0, 0},
    /* non-digits, with their position */
    {"00109001234x", NULL, 0, CCCD_E_ID_NONDIGIT, 12, 0, 0},
    {"001-90012345", NULL, 0, CCCD_E_ID_NONDIGIT, 4, 0, 0},
    {" 01090012345", NULL, 0, CCCD_E_ID_NONDIGIT, 1, 0, 0},
    {"001090\xef\xbc\x91"
     "2345",
     NULL, 0, CCCD_E_ID_NONDIGIT, 7, 0, 0}, /* fullwidth 1 */
    /* unknown province codes: gaps in the table and past its end */
    {"003090012345", NULL, 0, CCCD_E_ID_PROVINCE, 1, 0, 0},
    {"000090012345", NULL, 0, CCCD_E_ID_PROVINCE, 1, 0, 0},
    {"097090012345", NULL, 0, CCCD_E_ID_PROVINCE, 1, 0, 0},
    {"101090012345", NULL, 0, CCCD_E_ID_PROVINCE, 1, 0, 0},
    /* century digit against date of birth */
    {"001290012345", "1990-01-15", 0, CCCD_E_ID_CENTURY, 4, 0, 0},
    {"001003012345", "2003-01-15", 0, CCCD_E_ID_CENTURY, 4, 0, 0},
    {"001090012345", "1991-01-15", 0, CCCD_E_ID_YEAR, 5, 0, 0},
    {"001090012345", "1890", 0, CCCD_E_ID_CENTURY, 4, 0, 0},
    /* sex */
    {"001090012345", NULL, 'F', CCCD_E_ID_SEX, 4, 0, 0},
    {"001190012345", "1990-01-15", 'M', CCCD_E_ID_SEX, 4, 0, 0},
    /* a birth year after today (2026-11-23) */
    {"001227012345", NULL, 0, CCCD_E_ID_FUTURE, 4, 0, 0},
    {"001490012345", NULL, 0, CCCD_E_ID_FUTURE, 4, 0, 0},
    {"001226012345", NULL, 0, CCCD_OK, 0, 2026, 'M'},
};

static void test_parse_table(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const pid_case *c = &cases[i];
        cccd_pid_facts facts = {0};
        cccd_err err = {0};
        facts.today = (cccd_date){2026, 11, 23, CCCD_DATE_DAY};
        if (c->dob)
            assert_int_equal(cccd_date_parse(c->dob, "dob", &facts.dob, &err), CCCD_OK);
        facts.sex = (cccd_sex)c->sex;
        cccd_pid pid;
        cccd_errc rc = cccd_pid_parse(c->id, strlen(c->id), &facts, &pid, &err);
        if (rc != c->want)
            fail_msg("case %zu '%s': got %s (%s), want %s", i, c->id, cccd_errc_name(rc), err.msg,
                     cccd_errc_name(c->want));
        if (rc != CCCD_OK) {
            assert_string_equal(err.field, "personal_id");
            assert_true(strlen(err.msg) > 10);
            if (c->pos)
                assert_int_equal(err.pos, c->pos);
            continue;
        }
        assert_int_equal(pid.birth_year, c->year);
        assert_int_equal(pid.sex, c->want_sex);
        assert_string_equal(pid.digits, c->id);
        assert_non_null(pid.province);
        assert_int_equal(memcmp(pid.province->id_prefix, c->id, 3), 0);
    }
}

static void test_province_table(void **state) {
    (void)state;
    assert_int_equal(cccd_province_count(), 63);
    assert_string_equal(cccd_province_by_prefix("001")->name, "Hà Nội");
    assert_string_equal(cccd_province_by_prefix("034")->name, "Thái Bình");
    assert_string_equal(cccd_province_by_prefix("038")->name, "Thanh Hóa");
    assert_string_equal(cccd_province_by_prefix("096")->name, "Cà Mau");
    /* the post-2025 code 024 is still Bắc Giang for ID prefixes */
    assert_string_equal(cccd_province_by_prefix("024")->name, "Bắc Giang");
    assert_null(cccd_province_by_prefix("005"));
    assert_null(cccd_province_by_prefix("099"));
    /* sorted, unique, three digits */
    for (size_t i = 0; i < cccd_province_count(); i++) {
        const cccd_province *p = cccd_province_at(i);
        assert_int_equal(strlen(p->id_prefix), 3);
        assert_ptr_equal(cccd_province_by_prefix(p->id_prefix), p);
        if (i)
            assert_true(strcmp(cccd_province_at(i - 1)->id_prefix, p->id_prefix) < 0);
    }
    assert_null(cccd_province_at(63));
}

static void test_lenient(void **state) {
    (void)state;
    cccd_pid_facts facts = {.lenient = true};
    cccd_pid pid;
    cccd_err err;
    assert_int_equal(cccd_pid_parse("003090012345", 12, &facts, &pid, &err), CCCD_OK);
    assert_null(pid.province);
    assert_non_null(strstr(pid.warning, "003"));
    /* lenient does not excuse anything else */
    assert_int_equal(cccd_pid_parse("00309001234", 11, &facts, &pid, &err), CCCD_E_ID_LENGTH);
    /* no facts at all is fine */
    assert_int_equal(cccd_pid_parse("001090012345", 12, NULL, &pid, &err), CCCD_OK);
    assert_string_equal(pid.warning, "");
}

static void test_sex_parse(void **state) {
    (void)state;
    const char *m[] = {"M", "m", "male", "Nam", "NAM"};
    const char *f[] = {"F", "f", "female", "Nữ", "nữ", "Nu\xcc\x9b\xcc\x83", "nu"};
    cccd_sex s;
    cccd_err err;
    for (size_t i = 0; i < sizeof m / sizeof m[0]; i++) {
        assert_int_equal(cccd_sex_parse(m[i], "sex", &s, &err), CCCD_OK);
        assert_int_equal(s, CCCD_SEX_MALE);
    }
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
        assert_int_equal(cccd_sex_parse(f[i], "sex", &s, &err), CCCD_OK);
        assert_int_equal(s, CCCD_SEX_FEMALE);
    }
    assert_int_equal(cccd_sex_parse("X", "sex", &s, &err), CCCD_E_SEX);
    assert_int_equal(cccd_sex_parse("", "sex", &s, &err), CCCD_E_SEX);
    assert_string_equal(err.field, "sex");
}

static void test_century_digit(void **state) {
    (void)state;
    assert_int_equal(cccd_pid_century_digit(1900, CCCD_SEX_MALE), 0);
    assert_int_equal(cccd_pid_century_digit(1999, CCCD_SEX_FEMALE), 1);
    assert_int_equal(cccd_pid_century_digit(2000, CCCD_SEX_MALE), 2);
    assert_int_equal(cccd_pid_century_digit(2099, CCCD_SEX_FEMALE), 3);
    assert_int_equal(cccd_pid_century_digit(2100, CCCD_SEX_MALE), 4);
    assert_int_equal(cccd_pid_century_digit(2399, CCCD_SEX_FEMALE), 9);
    assert_int_equal(cccd_pid_century_digit(1899, CCCD_SEX_MALE), -1);
    assert_int_equal(cccd_pid_century_digit(2400, CCCD_SEX_MALE), -1);
    assert_int_equal(cccd_pid_century_digit(1990, CCCD_SEX_UNKNOWN), -1);
}

/* A caller's set of held numbers for allocation tests: a bitmap over the last six digits. */
typedef struct held {
    unsigned char bits[1000000 / 8];
    size_t calls;
} held;

static bool held_has(void *ctx, const char digits[13]) {
    held *h = ctx;
    h->calls++;
    unsigned v = (unsigned)strtoul(digits + 6, NULL, 10);
    return h->bits[v / 8] >> (v % 8) & 1;
}

static void held_set(held *h, const char digits[13]) {
    unsigned v = (unsigned)strtoul(digits + 6, NULL, 10);
    h->bits[v / 8] |= (unsigned char)(1u << (v % 8));
}

static void test_allocate(void **state) {
    (void)state;
    held *h = calloc(1, sizeof *h);
    assert_non_null(h);
    cccd_date dob = {1990, 1, 15, CCCD_DATE_DAY};
    cccd_err err;
    char out[13];
    /* the number fits the rules and decodes back */
    assert_int_equal(cccd_pid_allocate("034", CCCD_SEX_FEMALE, dob, 1, held_has, h, out, &err),
                     CCCD_OK);
    assert_int_equal(strncmp(out, "034190", 6), 0);
    cccd_pid_facts facts = {.dob = dob, .sex = CCCD_SEX_FEMALE};
    cccd_pid pid;
    assert_int_equal(cccd_pid_parse(out, 12, &facts, &pid, &err), CCCD_OK);
    /* the same seed gives the same number when nothing is held */
    char again[13];
    assert_int_equal(cccd_pid_allocate("034", CCCD_SEX_FEMALE, dob, 1, NULL, NULL, again, &err),
                     CCCD_OK);
    assert_string_equal(out, again);
    /* once held, the same seed gives another number */
    held_set(h, out);
    assert_int_equal(cccd_pid_allocate("034", CCCD_SEX_FEMALE, dob, 1, held_has, h, again, &err),
                     CCCD_OK);
    assert_string_not_equal(out, again);
    /* 20,000 allocations with one seed are all distinct */
    for (int i = 0; i < 20000; i++) {
        assert_int_equal(cccd_pid_allocate("034", CCCD_SEX_FEMALE, dob, 42, held_has, h, out, &err),
                         CCCD_OK);
        assert_false(held_has(h, out));
        held_set(h, out);
    }
    /* fill all but one: allocation finds the last free number, then reports exhaustion */
    memset(h->bits, 0xff, sizeof h->bits);
    h->bits[123456 / 8] &= (unsigned char)~(1u << (123456 % 8));
    assert_int_equal(cccd_pid_allocate("034", CCCD_SEX_FEMALE, dob, 9, held_has, h, out, &err),
                     CCCD_OK);
    assert_string_equal(out, "034190123456");
    held_set(h, out);
    assert_int_equal(cccd_pid_allocate("034", CCCD_SEX_FEMALE, dob, 9, held_has, h, out, &err),
                     CCCD_E_ID_EXHAUSTED);
    free(h);
}

static void test_allocate_refusals(void **state) {
    (void)state;
    cccd_date dob = {1990, 1, 15, CCCD_DATE_DAY}, old = {1850, 1, 1, CCCD_DATE_DAY};
    cccd_date none = {0};
    cccd_err err;
    char out[13];
    assert_int_equal(cccd_pid_allocate("003", CCCD_SEX_MALE, dob, 1, NULL, NULL, out, &err),
                     CCCD_E_ID_PROVINCE);
    assert_int_equal(cccd_pid_allocate("0011", CCCD_SEX_MALE, dob, 1, NULL, NULL, out, &err),
                     CCCD_E_ID_PROVINCE);
    assert_int_equal(cccd_pid_allocate("001", CCCD_SEX_UNKNOWN, dob, 1, NULL, NULL, out, &err),
                     CCCD_E_SEX);
    assert_int_equal(cccd_pid_allocate("001", CCCD_SEX_MALE, old, 1, NULL, NULL, out, &err),
                     CCCD_E_DATE_RANGE);
    assert_int_equal(cccd_pid_allocate("001", CCCD_SEX_MALE, none, 1, NULL, NULL, out, &err),
                     CCCD_E_DATE_FORMAT);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_table),       cmocka_unit_test(test_province_table),
        cmocka_unit_test(test_lenient),           cmocka_unit_test(test_sex_parse),
        cmocka_unit_test(test_century_digit),     cmocka_unit_test(test_allocate),
        cmocka_unit_test(test_allocate_refusals),
    };
    return cmocka_run_group_tests_name("pid", tests, NULL, NULL);
}
