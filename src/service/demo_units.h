/*
 * demo_units.h: a generated unit list for the demo when the official one is not at hand
 * (`cccd demo` without --units and without ../shared/data): one province, Thái Bình (34),
 * its eight districts under their real names and codes, and 12 communes in each with made-up
 * names and codes, in the statistics office's JSON shape that `cccd units import` reads.
 *
 * Why this exists: `make run` must open a demo on a fresh machine that lacks the shared data;
 * the generated list is marked as such in every commune's name ("(mẫu)": a sample), so no one
 * takes it for the official list.
 */
#ifndef CCCD_SERVICE_DEMO_UNITS_H
#define CCCD_SERVICE_DEMO_UNITS_H

#include <stddef.h>

/* The list as a new string (owned by the caller, free()), its length in *len; NULL when out
 * of memory. */
char *cccd_demo_units_json_new(size_t *len);

#endif
