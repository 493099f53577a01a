/*
 * fuzz_units.c: libFuzzer target for the unit-list and reform loaders (core/units_load.c,
 * core/units_reform.c). It exists because both read JSON files from outside the project:
 * whatever the bytes, loading must not crash, read out of bounds or leak, a failed load must
 * leave the set as it was, and what a successful load reports must hold together.
 *
 * Input: LIST NUL REFORM. With no NUL byte, the whole input is tried as a list and as a reform
 * over a small built-in list. After each load the queries run over every code seen.
 * All memory is owned here and released before returning.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/units.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char BASE[] =
    "{\"data\":[{\"level1_id\":\"01\",\"name\":\"Thành phố Hà Nội\",\"type\":\"Thành phố Trung "
    "ương\",\"level2s\":[{\"level2_id\":\"001\",\"name\":\"Quận Ba Đình\",\"type\":\"Quận\","
    "\"level3s\":[{\"level3_id\":\"00004\",\"name\":\"Phường Trúc Bạch\",\"type\":\"Phường\"},"
    "{\"level3_id\":\"00007\",\"name\":\"Phường Cống Vị\",\"type\":\"Phường\"}]},"
    "{\"level2_id\":\"002\",\"name\":\"Huyện Đảo\",\"type\":\"Huyện\",\"level3s\":[]}]},"
    "{\"level1_id\":\"24\",\"name\":\"Tỉnh Bắc Giang\",\"type\":\"Tỉnh\",\"level2s\":[]}]}";

static cccd_date day(int y, int m, int d) {
    cccd_date out;
    cccd_date_make(y, m, d, &out);
    return out;
}

static void total(const cccd_units *u, cccd_date at, size_t out[CCCD_UNIT_LEVELS]) {
    cccd_units_count_at(u, at, out);
    if (out[0] != out[1] + out[2] + out[3])
        abort();
}

/* Runs the queries over every unit version and checks they agree with each other. */
static void exercise(const cccd_units *u) {
    cccd_units_stats st;
    cccd_units_stats_get(u, &st);
    size_t sum = 0;
    for (int k = 0; k < CCCD_UNIT_EV__COUNT; k++)
        sum += st.by_kind[k];
    if (sum != st.events || st.events != cccd_units_event_count(u) ||
        cccd_units_warning_count(u) > st.warnings)
        abort();
    const cccd_date dates[] = {day(2025, 6, 30), day(2025, 7, 1), day(2030, 1, 1)};
    for (size_t e = 0; e < cccd_units_event_count(u); e++) {
        const cccd_unit_event *ev = cccd_units_event_at(u, e);
        for (size_t i = 0; i < ev->nfrom + ev->nto; i++) {
            const cccd_unit *x = i < ev->nfrom ? ev->from[i] : ev->to[i - ev->nfrom];
            for (size_t d = 0; d < sizeof dates / sizeof dates[0]; d++) {
                cccd_unit_resolution r;
                cccd_err err;
                if (cccd_units_resolve(u, x->code, x->level, NULL, dates[d], &r, &err) == CCCD_OK) {
                    if (r.n == 0 || r.ambiguous != (r.n > 1))
                        abort();
                    for (size_t k = 0; k < r.n; k++)
                        if (!cccd_unit_in_force(r.units[k], dates[d]))
                            abort();
                    cccd_unit_resolution_free(&r);
                } else if (err.msg[0] == '\0') {
                    abort();
                }
                const cccd_unit **m;
                size_t n;
                if (cccd_units_find(u, x->bare_key, strlen(x->bare_key), CCCD_UNIT_ANY, NULL, &m,
                                    &n, &err) == CCCD_OK) {
                    bool self = false;
                    for (size_t k = 0; k < n; k++)
                        self = self || m[k] == x;
                    if (!self && x->bare_key[0] != '\0')
                        abort();
                    free(m);
                }
                if (cccd_units_children(u, x, &dates[d], &m, &n, &err) == CCCD_OK)
                    free(m);
            }
        }
    }
}

static void load_list_then_reform(const char *list, size_t nlist, const char *reform,
                                  size_t nreform) {
    cccd_units *u = cccd_units_new();
    if (u == NULL)
        return;
    cccd_err err;
    cccd_date none = {0, 0, 0, CCCD_DATE_NONE};
    if (cccd_units_load_json(u, list, nlist, none, &err) != CCCD_OK) {
        if (err.msg[0] == '\0')
            abort();
        size_t n[CCCD_UNIT_LEVELS];
        total(u, day(2025, 1, 1), n);
        if (n[0] != 0) /* a failed load adds nothing */
            abort();
        if (cccd_units_load_json(u, BASE, sizeof BASE - 1, none, &err) != CCCD_OK)
            abort();
    }
    size_t before[CCCD_UNIT_LEVELS], after[CCCD_UNIT_LEVELS];
    total(u, day(2025, 7, 1), before);
    size_t nev = cccd_units_event_count(u);
    if (cccd_units_apply_reform(u, reform, nreform, day(2025, 7, 1), &err) != CCCD_OK) {
        if (err.msg[0] == '\0')
            abort();
        total(u, day(2025, 7, 1), after);
        if (memcmp(before, after, sizeof before) != 0 || cccd_units_event_count(u) != nev)
            abort(); /* a failed reform changes nothing */
    } else {
        total(u, day(2025, 7, 1), after);
        if (after[CCCD_UNIT_DISTRICT] != 0) /* the district level is gone */
            abort();
    }
    exercise(u);
    cccd_units_free(u);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *text = (const char *)data;
    const char *nul = memchr(text, '\0', size);
    if (nul != NULL) {
        size_t n1 = (size_t)(nul - text);
        load_list_then_reform(text, n1, nul + 1, size - n1 - 1);
    } else {
        load_list_then_reform(text, size, text, size);
        load_list_then_reform(BASE, sizeof BASE - 1, text, size);
    }
    return 0;
}
