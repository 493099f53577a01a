/*
 * kit.c: a kit's state and place on a day (see kit.h).
 */
#include "core/kit.h"

#include <string.h>

static const char *const state_names[CCCD_KIT__COUNT] = {"working", "broken", "in_transit"};

const char *cccd_kit_state_name(cccd_kit_state s) {
    return (int)s >= 0 && s < CCCD_KIT__COUNT ? state_names[s] : "?";
}

int cccd_kit_state_parse(const char *s) {
    for (int i = 0; i < CCCD_KIT__COUNT; i++)
        if (strcmp(s, state_names[i]) == 0)
            return i;
    return -1;
}

void cccd_kit_on_day(const cccd_kit_event *ev, size_t n, int64_t day, cccd_kit_state *state,
                     int64_t *point_id) {
    *state = CCCD_KIT_WORKING;
    *point_id = 0;
    for (size_t i = 0; i < n && ev[i].day <= day; i++) {
        if (ev[i].is_state)
            *state = ev[i].state;
        else
            *point_id = ev[i].point_id;
    }
}
