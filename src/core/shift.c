/*
 * shift.c: shift times, the shifts of a day, capacity and ticket windows (see shift.h).
 */
#include "core/shift.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "HH:MM" at *p (24:00 allowed as an end); -1 when malformed. Moves *p past it. */
static int parse_time(const char **p, bool end) {
    const char *s = *p;
    if (!(s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' && s[2] == ':' && s[3] >= '0' &&
          s[3] <= '5' && s[4] >= '0' && s[4] <= '9'))
        return -1;
    int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
    if (h > 24 || (h == 24 && (m != 0 || !end)))
        return -1;
    *p = s + 5;
    return h * 60 + m;
}

cccd_errc cccd_shift_parse(const char *s, const char *field, int *start_min, int *end_min,
                           cccd_err *err) {
    const char *p = s;
    int a = parse_time(&p, false);
    if (a >= 0) {
        if (*p == '-')
            p++;
        else if (strncmp(p, "\xe2\x80\x93", 3) == 0) /* en dash */
            p += 3;
        else
            a = -1;
    }
    int b = a >= 0 ? parse_time(&p, true) : -1;
    if (a < 0 || b < 0 || *p != '\0')
        return cccd_err_set(err, CCCD_E_ARG, field,
                            "'%.40s' is not a shift: write HH:MM-HH:MM, e.g. 07:00-11:00 or "
                            "22:00-02:00",
                            s);
    if (b == a)
        return cccd_err_set(err, CCCD_E_ARG, field,
                            "shift '%.40s' starts and ends at the same time", s);
    if (b < a)
        b += 1440; /* ends on the next day */
    *start_min = a;
    *end_min = b;
    return CCCD_OK;
}

char *cccd_minutes_format(int minutes, char *buf) {
    int m = ((minutes % 1440) + 1440) % 1440;
    snprintf(buf, 6, "%02d:%02d", m / 60, m % 60);
    return buf;
}

char *cccd_shift_format(int start_min, int end_min, char *buf) {
    char a[6], b[6];
    snprintf(buf, 12, "%s-%s", cccd_minutes_format(start_min, a), cccd_minutes_format(end_min, b));
    return buf;
}

int cccd_shift_minutes(const cccd_shift *s) {
    return s->end_min - s->start_min;
}

static int by_start(const void *a, const void *b) {
    const cccd_shift *x = a, *y = b;
    if (x->start_min != y->start_min)
        return x->start_min < y->start_min ? -1 : 1;
    return (x->no > y->no) - (x->no < y->no);
}

size_t cccd_shifts_of_day(const cccd_shift *templates, size_t nt, const cccd_shift_override *ov,
                          size_t nov, cccd_shift out[CCCD_SHIFT_MAX]) {
    /* by number: 0 = not running */
    cccd_shift by_no[CCCD_SHIFT_MAX + 1];
    memset(by_no, 0, sizeof by_no);
    bool day_closed = false;
    for (size_t i = 0; i < nov; i++)
        day_closed |= ov[i].no == 0 && ov[i].closed;
    for (size_t i = 0; i < nt && !day_closed; i++)
        if (templates[i].no >= 1 && templates[i].no <= CCCD_SHIFT_MAX)
            by_no[templates[i].no] = templates[i];
    for (size_t i = 0; i < nov; i++) {
        int no = ov[i].no;
        if (no < 1 || no > CCCD_SHIFT_MAX)
            continue;
        if (ov[i].closed)
            by_no[no].no = 0;
        else
            by_no[no] = (cccd_shift){no, ov[i].start_min, ov[i].end_min};
    }
    size_t n = 0;
    for (int no = 1; no <= CCCD_SHIFT_MAX; no++)
        if (by_no[no].no == no && by_no[no].end_min > by_no[no].start_min)
            out[n++] = by_no[no];
    qsort(out, n, sizeof *out, by_start);
    return n;
}

size_t cccd_shift_windows(const cccd_shift *s, int working_kits, int people_per_kit_hour,
                          cccd_window out[CCCD_WINDOWS_MAX]) {
    size_t n = 0;
    int64_t per_hour = working_kits > 0 && people_per_kit_hour > 0
                           ? (int64_t)working_kits * people_per_kit_hour
                           : 0;
    for (int a = s->start_min; a < s->end_min && n < CCCD_WINDOWS_MAX; a += 60) {
        int b = a + 60 < s->end_min ? a + 60 : s->end_min;
        out[n++] = (cccd_window){a, b, per_hour * (b - a) / 60};
    }
    return n;
}

int64_t cccd_shift_capacity(const cccd_shift *s, int working_kits, int people_per_kit_hour) {
    cccd_window w[CCCD_WINDOWS_MAX];
    size_t n = cccd_shift_windows(s, working_kits, people_per_kit_hour, w);
    int64_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += w[i].capacity;
    return c;
}
