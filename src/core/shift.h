/*
 * shift.h: the pure rules of a point's working day: shift times (a shift may cross midnight,
 * 22:00-02:00), which shifts a point runs on a day from its templates and that day's
 * overrides, the capacity of a shift, and the hour-long time window printed on each ticket.
 *
 * Times are minutes from the midnight that starts the shift's day: a shift from 22:00 to
 * 02:00 is start 1320, end 1560 (end > start always; at most 24 hours). No I/O, no clock.
 * docs/planning.md states the rules and the default people per kit-hour.
 */
#ifndef CCCD_CORE_SHIFT_H
#define CCCD_CORE_SHIFT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

/* People one working kit serves in an hour when a point sets nothing else: about ten minutes a
 * person at the desk (check, photo, ten fingerprints, signature). */
#define CCCD_PEOPLE_PER_KIT_HOUR_DEFAULT 6

/* Shift numbers run from 1 to CCCD_SHIFT_MAX (0 in an override means the whole day). */
#define CCCD_SHIFT_MAX 9

typedef struct cccd_shift {
    int no;        /* 1..CCCD_SHIFT_MAX */
    int start_min; /* 0..1439 */
    int end_min;   /* start_min < end_min <= start_min + 1440 */
} cccd_shift;

/* A day's exception: no 0 with closed = the whole day closed (templates do not run); a
 * shift closed; or a shift opened with these times (other times for a template shift, or an
 * extra one). */
typedef struct cccd_shift_override {
    int no;
    bool closed;
    int start_min, end_min;
} cccd_shift_override;

/* Parses "HH:MM-HH:MM" (or with an en dash) into a shift's times; an end at or before the
 * start is on the next day. CCCD_E_ARG on `field` for a malformed time or a zero-length
 * shift. */
cccd_errc cccd_shift_parse(const char *s, const char *field, int *start_min, int *end_min,
                           cccd_err *err);

/* "22:00-02:00" into buf (at least 12 bytes); returns buf. */
char *cccd_shift_format(int start_min, int end_min, char *buf);

/* "HH:MM" of a minute count (modulo a day) into buf (at least 6 bytes); returns buf. */
char *cccd_minutes_format(int minutes, char *buf);

/* Length of a shift in minutes. */
int cccd_shift_minutes(const cccd_shift *s);

/* The shifts a point runs on a day: its templates, less a closed day or closed shifts, with
 * opened shifts replacing a template of the same number or added. Sorted by start time, then
 * number; out has room for CCCD_SHIFT_MAX. Returns the count. */
size_t cccd_shifts_of_day(const cccd_shift *templates, size_t nt, const cccd_shift_override *ov,
                          size_t nov, cccd_shift out[CCCD_SHIFT_MAX]);

/* A shift is served hour by hour: its windows are the hours from its start (the last one
 * shorter when the shift does not last whole hours). A window's capacity is working kits ×
 * people per kit-hour × its length in hours, rounded down; a ticket names its window. */
typedef struct cccd_window {
    int start_min, end_min;
    int64_t capacity;
} cccd_window;

#define CCCD_WINDOWS_MAX 24

/* The windows of a shift with that many working kits into out; returns their count. */
size_t cccd_shift_windows(const cccd_shift *s, int working_kits, int people_per_kit_hour,
                          cccd_window out[CCCD_WINDOWS_MAX]);

/* People a shift can serve: the sum of its windows' capacities (working kits × people per
 * kit-hour × shift hours, for a shift of whole hours). */
int64_t cccd_shift_capacity(const cccd_shift *s, int working_kits, int people_per_kit_hour);

#endif
