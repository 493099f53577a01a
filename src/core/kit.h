/*
 * kit.h: an enrollment kit's dated history, read at a day: its state (working, broken, in
 * transit) and where it was (a point, or held by a unit). The latest event of each sort on or
 * before the day counts; two on the same day are ordered by their id. Planning reads capacity
 * from it, so a kit that breaks lowers every shift from that day on. Pure.
 */
#ifndef CCCD_CORE_KIT_H
#define CCCD_CORE_KIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum cccd_kit_state {
    CCCD_KIT_WORKING = 0,
    CCCD_KIT_BROKEN,
    CCCD_KIT_IN_TRANSIT,
    CCCD_KIT__COUNT
} cccd_kit_state;

/* "working", "broken", "in_transit". */
const char *cccd_kit_state_name(cccd_kit_state s);

/* The state named s, or -1. */
int cccd_kit_state_parse(const char *s);

/* One event: a state, or a move (to a point, point_id > 0, or to a unit, point_id 0). */
typedef struct cccd_kit_event {
    int64_t id, day;
    bool is_state;
    cccd_kit_state state;
    int64_t point_id;
} cccd_kit_event;

/* The kit's state and point on `day` from its events, sorted by (day, id). A kit with no state
 * event yet is working; with no move yet, or last moved to a unit, its point is 0. */
void cccd_kit_on_day(const cccd_kit_event *ev, size_t n, int64_t day, cccd_kit_state *state,
                     int64_t *point_id);

#endif
