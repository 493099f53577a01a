/*
 * test_store_ticket_print.c: printed tickets on each backend. A small plan of two communes
 * (a fixed point and a mobile one) is made, its tickets gathered with their holders' names and
 * points (service/ticket_print.h) and rendered; the PDF is read back with poppler's tools: one
 * page per ticket in the order of `tickets list`, each page showing that ticket's name,
 * number, date and time window with their Vietnamese letters intact, a very long name and
 * address wrapped whole and every word inside the page; the PNG's QR code decoded with zbarimg
 * gives the ticket number. Run once per backend by scripts/run-tests.sh (see testdb.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "service/plan.h"
#include "service/registry_import.h"
#include "service/ticket_print.h"
#include "store/store.h"
#include "store/store_points.h"
#include "store/store_tickets.h"
#include "test_population.h"
#include "testdb.h"

static const char *units_json =
    "{\"data\":[{\"level1_id\":\"01\",\"name\":\"Thành phố Hà Nội\",\"type\":\"Thành phố "
    "Trung ương\",\"level2s\":["
    "{\"level2_id\":\"001\",\"name\":\"Quận Ba Đình\",\"type\":\"Quận\",\"level3s\":["
    "{\"level3_id\":\"00001\",\"name\":\"Phường Phúc Xá\",\"type\":\"Phường\"},"
    "{\"level3_id\":\"00004\",\"name\":\"Phường Trúc Bạch\",\"type\":\"Phường\"}]}]}]}";

#define HEADER                                                                                     \
    "personal_id,full_name,date_of_birth,sex,ethnicity,religion,nationality,place_of_origin,"      \
    "permanent_commune,permanent_address,household_id,relation_to_head,residential_group,"         \
    "temporary_commune,temporary_address,status,mobility,old_id_number,card_type,card_number,"     \
    "card_issued,card_expiry,father_name,mother_name,spouse_name\n"

/* A name far longer than a line of the ticket (normal words: it must wrap, whole). */
#define LONG_NAME                                                                                                   \
    "Công Tằng Tôn Nữ Hoàng Thị Phương Thảo Nguyên Ngọc Bích Hạnh Dung Diễm Kiều Xuân Thu " \
    "Hà Mai Lan Cúc Trúc Đào Lê"
/* An address with a word longer than the page is wide (no space to break at). */
#define LONG_ADDRESS                                                                                  \
    "Số 1 Khu tập thể Nhà máy Dệt, lô-A1-B2-C3-D4-E5-F6-G7-H8-I9-J10-K11-L12-M13-N14-O15-" \
    "P16-Q17-R18-S19-T20-U21-V22-W23-X24-Y25-Z26, Phường Trúc Bạch"

static const cccd_date d_0301 = {2025, 3, 1, CCCD_DATE_DAY};
static const cccd_date d_0310 = {2025, 3, 10, CCCD_DATE_DAY};
static const cccd_date d_0311 = {2025, 3, 11, CCCD_DATE_DAY};

typedef struct fixture {
    char url[1024];
    char dir[512]; /* a temporary directory for the files the tools read */
    cccd_store *st;
    cccd_units *u;
    int64_t p1, p2; /* 00001 fixed; 00004 mobile, with the long address */
} fixture;

/* 30 people in 00001 (the first with the long name) and 8 in 00004; all first issues, so
 * the plan of the 10th and 11th tickets them all (its rules are test_store_plan.c's). */
static char *population(void) {
    size_t cap = 1 << 16, n = 0;
    char *csv = malloc(cap);
    n += (size_t)snprintf(csv, cap, HEADER);
    static const char *const given[] = {"Ánh", "Bảo", "Cường", "Dũng", "Đức", "Giang", "Hải"};
    for (int i = 0; i < 38; i++) {
        const char *commune = i < 30 ? "00001" : "00004";
        char name[256];
        if (i == 0)
            snprintf(name, sizeof name, "%s", LONG_NAME);
        else
            snprintf(name, sizeof name, "%s %s", i % 2 ? "Trần Thị" : "Nguyễn Văn", given[i % 7]);
        n += (size_t)snprintf(csv + n, cap - n,
                              "001%d90%06d,%s,1990-0%d-1%d,%s,Kinh,Không,Việt Nam,Hà Nội,%s,"
                              "Số %d,HK%s%03d,Chủ hộ,Tổ %d,,,alive,normal,,,,,,,,\n",
                              i % 2, i + 1, name, 1 + i % 9, i % 10, i % 2 ? "F" : "M", commune,
                              i + 1, commune, i, 1 + i % 3);
    }
    return csv;
}

static int setup(void **state) {
    fixture *f = calloc(1, sizeof *f);
    cccd_err err;
    const char *tmp = getenv("TMPDIR");
    if (f == NULL || testdb_new(f->url, sizeof f->url) != 0 ||
        cccd_store_open(f->url, &f->st, &err) != CCCD_OK ||
        cccd_store_migrate(f->st, NULL, NULL, &err) != CCCD_OK)
        return -1;
    snprintf(f->dir, sizeof f->dir, "%s/cccd-ticket-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (mkdtemp(f->dir) == NULL)
        return -1;
    if (testdb_units(f->st, units_json, NULL, (cccd_date){0}, NULL, &err) != CCCD_OK ||
        cccd_store_units_load(f->st, &f->u, &err) != CCCD_OK)
        return -1;
    char *csv = population();
    cccd_errc rc = testdb_registry(f->st, f->u, csv, strlen(csv), d_0301, &err);
    free(csv);
    if (rc != CCCD_OK)
        return -1;
    cccd_point p = {.kind = CCCD_POINT_FIXED,
                    .open_from = INT64_MIN,
                    .open_to = INT64_MAX,
                    .people_per_kit_hour = CCCD_PEOPLE_PER_KIT_HOUR_DEFAULT};
    snprintf(p.unit_key, sizeof p.unit_key, "00001@");
    snprintf(p.name, sizeof p.name, "Công an phường Phúc Xá");
    snprintf(p.address, sizeof p.address, "Số 1 Phúc Xá");
    if (cccd_store_point_add(f->st, &p, &f->p1, &err) != CCCD_OK)
        return -1;
    snprintf(p.unit_key, sizeof p.unit_key, "00004@");
    snprintf(p.name, sizeof p.name, "Đội lưu động Trúc Bạch");
    snprintf(p.address, sizeof p.address, "%s", LONG_ADDRESS);
    snprintf(p.place, sizeof p.place, "Nhà văn hoá tổ dân phố số 2");
    p.kind = CCCD_POINT_MOBILE;
    p.open_from = cccd_date_to_days(d_0301);
    p.open_to = cccd_date_to_days(d_0311);
    if (cccd_store_point_add(f->st, &p, &f->p2, &err) != CCCD_OK)
        return -1;
    /* 00001: one kit, 07:00-09:00: 12 a shift, so its 30 people fill the 10th and the 11th */
    const cccd_shift s1 = {1, 420, 540};
    int64_t d0 = cccd_date_to_days(d_0301);
    if (cccd_store_shift_template_set(f->st, f->p1, &s1, &err) != CCCD_OK ||
        cccd_store_shift_template_set(f->st, f->p2, &s1, &err) != CCCD_OK ||
        cccd_store_kit_add(f->st, "K1", d0, "001@", &err) ||
        cccd_store_kit_add(f->st, "K2", d0, "001@", &err) ||
        cccd_store_kit_move(f->st, "K1", d0, f->p1, NULL, "", &err) ||
        cccd_store_kit_move(f->st, "K2", d0, f->p2, NULL, "", &err))
        return -1;
    cccd_plan plan;
    rc = cccd_plan_make(f->st, f->u, "001", d_0310, d_0311, false, &plan, &err);
    cccd_plan_free(&plan);
    if (rc != CCCD_OK) {
        fprintf(stderr, "plan: %s\n", err.msg);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state) {
    fixture *f = *state;
    cccd_units_free(f->u);
    cccd_store_close(f->st);
    testdb_drop(f->url);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", f->dir);
    free(f);
    return 0;
}

/* Writes data to DIR/name; the path into path. */
static void write_file(const fixture *f, const char *name, const char *data, size_t len,
                       char path[600]) {
    snprintf(path, 600, "%s/%s", f->dir, name);
    FILE *o = fopen(path, "wb");
    assert_non_null(o);
    assert_int_equal(fwrite(data, 1, len, o), len);
    assert_int_equal(fclose(o), 0);
}

/* The standard output of a shell command, as a new string (owned). */
static char *run(const char *cmd) {
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t cap = 1 << 16, n = 0;
    char *out = malloc(cap);
    assert_non_null(out);
    size_t r;
    while ((r = fread(out + n, 1, cap - n - 1, p)) > 0) {
        n += r;
        if (n + 1 == cap) {
            cap *= 2;
            out = realloc(out, cap);
            assert_non_null(out);
        }
    }
    out[n] = '\0';
    int status = pclose(p);
    if (status != 0)
        fail_msg("'%s' failed (status %d): %s", cmd, status, out);
    return out;
}

/* White space (new lines where a block wrapped, the page's layout) as single spaces. */
static void squeeze(char *s) {
    size_t w = 0;
    bool space = false;
    for (size_t r = 0; s[r]; r++) {
        bool ws = s[r] == ' ' || s[r] == '\n' || s[r] == '\t' || s[r] == '\r';
        if (ws) {
            space = w > 0;
            continue;
        }
        if (space)
            s[w++] = ' ';
        space = false;
        s[w++] = s[r];
    }
    s[w] = '\0';
}

static void assert_has(const char *hay, const char *needle) {
    if (strstr(hay, needle) == NULL)
        fail_msg("'%s' is not in the text: %s", needle, hay);
}

static void test_day_and_window(void **state) {
    (void)state;
    char buf[32], win[16];
    int64_t day;
    assert_string_equal(cccd_ticket_day_vi(cccd_date_to_days(d_0310), buf), "Thứ Hai, 10/3/2025");
    assert_string_equal(
        cccd_ticket_day_vi(cccd_date_to_days((cccd_date){2025, 3, 16, CCCD_DATE_DAY}), buf),
        "Chủ nhật, 16/3/2025");
    assert_string_equal(
        cccd_ticket_day_vi(cccd_date_to_days((cccd_date){2025, 12, 31, CCCD_DATE_DAY}), buf),
        "Thứ Tư, 31/12/2025");
    assert_string_equal(
        cccd_ticket_day_vi(cccd_date_to_days((cccd_date){1969, 12, 27, CCCD_DATE_DAY}), buf),
        "Thứ Bảy, 27/12/1969");
    /* a window after midnight in a shift that crossed it is printed on the next day */
    int64_t d = cccd_date_to_days(d_0310);
    assert_string_equal(cccd_ticket_window_vi(d, 420, 480, &day, win), "07:00–08:00");
    assert_int_equal(day, d);
    assert_string_equal(cccd_ticket_window_vi(d, 1380, 1440, &day, win), "23:00–00:00");
    assert_int_equal(day, d);
    assert_string_equal(cccd_ticket_window_vi(d, 1440, 1500, &day, win), "00:00–01:00");
    assert_int_equal(day, d + 1);
}

/* The tickets gathered for printing are those of `tickets list`, in its order, with the names
 * the registry holds and their points; the filters keep exactly their day and point. */
static void test_gather(void **state) {
    fixture *f = *state;
    cccd_err err;
    cccd_ticket *t = NULL;
    size_t n = 0;
    assert_int_equal(cccd_tickets_of_unit(f->st, f->u, "001", d_0310, &t, &n, &err), CCCD_OK);
    assert_int_equal(n, 38);
    cccd_ticket_prints p;
    assert_int_equal(cccd_tickets_printable(f->st, f->u, "001", d_0310, INT64_MIN, 0, &p, &err),
                     CCCD_OK);
    assert_int_equal(p.n, n);
    size_t on_10_at_p1 = 0, mobile = 0;
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(p.v[i].ticket, t[i].ticket);
        char pid[13];
        snprintf(pid, sizeof pid, "%012lld", (long long)t[i].personal_id);
        cccd_store_record r;
        bool found;
        assert_int_equal(cccd_store_citizen_get(f->st, pid, &r, &found, &err), CCCD_OK);
        assert_true(found);
        assert_string_equal(p.v[i].full_name, r.v[CCCD_CF_FULL_NAME]);
        cccd_store_record_free(&r);
        if (t[i].point_id == f->p2) {
            mobile++;
            assert_string_equal(p.v[i].address, LONG_ADDRESS);
            assert_string_equal(p.v[i].place, "Nhà văn hoá tổ dân phố số 2");
        } else {
            assert_string_equal(p.v[i].point_name, "Công an phường Phúc Xá");
            assert_string_equal(p.v[i].place, "");
        }
        on_10_at_p1 += t[i].point_id == f->p1 && t[i].day == cccd_date_to_days(d_0310);
    }
    assert_true(mobile >= 8 && on_10_at_p1 > 0);
    cccd_ticket_prints_free(&p);
    assert_int_equal(cccd_tickets_printable(f->st, f->u, "001", d_0310, cccd_date_to_days(d_0310),
                                            f->p1, &p, &err),
                     CCCD_OK);
    assert_int_equal(p.n, on_10_at_p1);
    for (size_t i = 0; i < p.n; i++)
        assert_int_equal(p.tickets[i].day, cccd_date_to_days(d_0310));
    cccd_ticket_prints_free(&p);
    /* a day with no ticket: none, and no error */
    assert_int_equal(
        cccd_tickets_printable(f->st, f->u, "001", d_0310, cccd_date_to_days(d_0301), 0, &p, &err),
        CCCD_OK);
    assert_int_equal(p.n, 0);
    cccd_ticket_prints_free(&p);
    /* one ticket by its number; an unknown number */
    assert_int_equal(cccd_ticket_printable(f->st, t[3].ticket, &p, &err), CCCD_OK);
    assert_int_equal(p.n, 1);
    assert_string_equal(p.v[0].ticket, t[3].ticket);
    assert_int_equal(p.v[0].day, t[3].day);
    assert_int_equal(p.v[0].window_start, t[3].window_start);
    cccd_ticket_prints_free(&p);
    assert_int_equal(cccd_ticket_printable(f->st, "001-9999999", &p, &err), CCCD_E_TICKET_UNKNOWN);
    cccd_ticket_prints_free(&p);
    free(t);
}

/* The PDF: one page per ticket, in order, each page that ticket's text. */
static void test_pdf(void **state) {
    fixture *f = *state;
    cccd_err err;
    cccd_ticket_prints p;
    assert_int_equal(cccd_tickets_printable(f->st, f->u, "001", d_0310, INT64_MIN, 0, &p, &err),
                     CCCD_OK);
    char *pdf = NULL, path[600], cmd[800];
    size_t len = 0;
    assert_int_equal(cccd_tickets_pdf(p.v, p.n, &pdf, &len, &err), CCCD_OK);
    assert_true(len > 1000);
    assert_memory_equal(pdf, "%PDF-", 5);
    write_file(f, "t.pdf", pdf, len, path);
    free(pdf);
    snprintf(cmd, sizeof cmd, "pdfinfo '%s'", path);
    char *info = run(cmd);
    const char *pages = strstr(info, "\nPages:"), *size = strstr(info, "\nPage size:");
    assert_non_null(pages);
    assert_non_null(size);
    size_t npages = 0;
    double w = 0, h = 0;
    assert_int_equal(sscanf(pages, "\nPages: %zu", &npages), 1);
    assert_int_equal(npages, p.n);
    assert_int_equal(sscanf(size, "\nPage size: %lf x %lf pts", &w, &h), 2);
    assert_true(w > 297.5 && w < 297.7 && h > 419.4 && h < 419.6); /* A6 */
    free(info);
    /* the text is DejaVu Sans, embedded */
    snprintf(cmd, sizeof cmd, "pdffonts '%s'", path);
    char *fonts = run(cmd);
    assert_has(fonts, "DejaVuSans");
    free(fonts);
    snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' -", path);
    char *text = run(cmd), *all = strdup(text);
    assert_non_null(all);
    /* pages are separated by form feeds */
    char *page = text;
    bool saw_long = false;
    for (size_t i = 0; i < p.n; i++) {
        char *ff = strchr(page, '\f');
        assert_non_null(ff);
        *ff = '\0';
        squeeze(page);
        char day[32], window[16];
        int64_t d;
        cccd_ticket_window_vi(p.v[i].day, p.v[i].window_start, p.v[i].window_end, &d, window);
        assert_has(page, p.v[i].full_name);
        assert_has(page, p.v[i].ticket);
        assert_has(page, cccd_ticket_day_vi(d, day));
        assert_has(page, window);
        assert_has(page, "GIẤY HẸN LÀM CĂN CƯỚC");
        if (strcmp(p.v[i].full_name, LONG_NAME) == 0)
            saw_long = true;
        if (p.v[i].place[0]) { /* the mobile point: its place, and its long address whole
                                  but for the one word broken where the page ends */
            assert_has(page, "Tại: Nhà văn hoá tổ dân phố số 2");
            assert_has(page, "Khu tập thể Nhà máy Dệt");
            assert_has(page, "Phường Trúc Bạch");
        }
        page = ff + 1;
    }
    assert_true(saw_long);
    /* the first ticket of the 10th at 07:00 (facts of this plan, not of the renderer) */
    assert_has(all, "Thứ Hai, 10/3/2025");
    assert_has(all, "07:00–08:00");
    assert_has(all, "Thứ Ba, 11/3/2025");
    free(all);
    free(text);
    /* every word lies inside the page (a long name or address does not run off it) */
    snprintf(cmd, sizeof cmd, "pdftotext -bbox '%s' -", path);
    char *bbox = run(cmd);
    size_t words = 0;
    for (char *wd = strstr(bbox, "<word "); wd; wd = strstr(wd + 1, "<word ")) {
        double x0, y0, x1, y1;
        assert_int_equal(sscanf(wd, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"",
                                &x0, &y0, &x1, &y1),
                         4);
        if (!(x0 >= 14 && x1 <= 297.638 - 14 && y0 >= 14 && y1 <= 419.528 - 14))
            fail_msg("a word outside the page's margins: %.80s", wd);
        words++;
    }
    assert_true(words > 40 * p.n);
    free(bbox);
    cccd_ticket_prints_free(&p);
}

/* The PNG's QR code decodes to the ticket number (the long-name ticket's too). */
static void test_png_qr(void **state) {
    fixture *f = *state;
    cccd_err err;
    cccd_ticket_prints p;
    assert_int_equal(cccd_tickets_printable(f->st, f->u, "001", d_0310, INT64_MIN, 0, &p, &err),
                     CCCD_OK);
    size_t picks[] = {0, p.n - 1, 0};
    for (size_t i = 0; i < p.n; i++)
        if (strcmp(p.v[i].full_name, LONG_NAME) == 0)
            picks[2] = i;
    for (size_t k = 0; k < 3; k++) {
        const cccd_ticket_print *t = &p.v[picks[k]];
        char *png = NULL, path[600], cmd[800];
        size_t len = 0;
        assert_int_equal(cccd_ticket_png(t, &png, &len, &err), CCCD_OK);
        assert_memory_equal(png, "\x89PNG\r\n\x1a\n", 8);
        write_file(f, "t.png", png, len, path);
        free(png);
        snprintf(cmd, sizeof cmd, "zbarimg --raw -q '%s' 2>/dev/null", path);
        char *out = run(cmd);
        char want[64];
        snprintf(want, sizeof want, "%s\n", t->ticket);
        assert_string_equal(out, want);
        free(out);
    }
    cccd_ticket_prints_free(&p);
}

/* A window after midnight, an absurdly long name (1,000 bytes), and what is refused. */
static void test_edges(void **state) {
    fixture *f = *state;
    cccd_err err;
    char name[1100] = "", path[600], cmd[800];
    while (strlen(name) + 12 < 1000)
        strcat(name, "Nguyễn Văn ");
    strcat(name, "Tèo");
    cccd_ticket_print t = {name,      "001-0000042", "Công an phường Phúc Xá",
                           "Số 1",    NULL,          cccd_date_to_days(d_0310),
                           1440 + 60, 1440 + 120};
    char *pdf = NULL;
    size_t len = 0;
    assert_int_equal(cccd_tickets_pdf(&t, 1, &pdf, &len, &err), CCCD_OK);
    write_file(f, "edge.pdf", pdf, len, path);
    free(pdf);
    snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' -", path);
    char *text = run(cmd);
    squeeze(text);
    assert_has(text, name);
    assert_has(text, "Thứ Ba, 11/3/2025");
    assert_has(text, "01:00–02:00");
    free(text);
    /* refused: nothing to print, no number, text that is not UTF-8 */
    assert_int_equal(cccd_tickets_pdf(&t, 0, &pdf, &len, &err), CCCD_E_ARG);
    assert_null(pdf);
    cccd_ticket_print bad = t;
    bad.ticket = "";
    assert_int_equal(cccd_tickets_pdf(&bad, 1, &pdf, &len, &err), CCCD_E_ARG);
    assert_int_equal(cccd_ticket_png(&bad, &pdf, &len, &err), CCCD_E_ARG);
    bad = t;
    bad.full_name = "Nguy\xff";
    assert_int_equal(cccd_tickets_pdf(&bad, 1, &pdf, &len, &err), CCCD_E_UTF8);
    assert_string_equal(err.field, "full_name");
    assert_null(pdf);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_day_and_window),
        cmocka_unit_test_setup_teardown(test_gather, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pdf, setup, teardown),
        cmocka_unit_test_setup_teardown(test_png_qr, setup, teardown),
        cmocka_unit_test_setup_teardown(test_edges, setup, teardown),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    cccd_ticket_print_release_caches();
    return failed;
}
