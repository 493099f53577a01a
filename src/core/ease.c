/*
 * ease.c: the ease rule (see ease.h).
 */
#include "core/ease.h"

#include <string.h>

cccd_ease cccd_ease_of(const char *card_type, const char *old_id, const char *dob,
                       const char *residential_group, const char *household_id) {
    if (strlen(dob) != 10 || residential_group[0] == '\0' || household_id[0] == '\0')
        return CCCD_EASE_HARD;
    if (card_type[0] != '\0')
        return CCCD_EASE_EXCHANGE;
    if (old_id[0] != '\0')
        return CCCD_EASE_OLD_ID;
    return CCCD_EASE_FIRST_ISSUE;
}

const char *cccd_ease_name(cccd_ease e) {
    static const char *const names[CCCD_EASE__COUNT] = {"first_issue", "old_id", "exchange",
                                                        "hard"};
    return (int)e >= 0 && e < CCCD_EASE__COUNT ? names[e] : "?";
}
