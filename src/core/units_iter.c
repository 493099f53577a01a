/*
 * units_iter.c: walking every version of a unit set in load order, for code that stores or
 * exports the whole model (the store's units import).
 */
#include "core/units_internal.h"

size_t cccd_units_version_count(const cccd_units *u) {
    return u->n;
}

const cccd_unit *cccd_units_version_at(const cccd_units *u, size_t i) {
    return i < u->n ? &u->v[i]->pub : NULL;
}
