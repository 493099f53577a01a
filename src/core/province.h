/*
 * province.h: the provinces that appear as the first three digits of a personal ID number.
 *
 * The prefix is "0" + the statistics office's two-digit code of the 63-province era (Decree
 * 137/2015, Circular 07/2016, Circular 59/2021). The 2025 merger left 34 provinces, some under a
 * partner's old code, but numbers already issued keep their prefix: an ID prefix is always read
 * through this table, never through the current province list (see units.h for that).
 */
#ifndef CCCD_CORE_PROVINCE_H
#define CCCD_CORE_PROVINCE_H

#include <stddef.h>

typedef struct cccd_province {
    const char *id_prefix; /* "001" */
    const char *name;      /* "Hà Nội" (UTF-8, NFC) */
} cccd_province;

/* The province for a three-digit ID prefix, or NULL if none. Borrowed, static storage. */
const cccd_province *cccd_province_by_prefix(const char *prefix3);

/* The i-th province of the table (0 <= i < cccd_province_count()), in code order. */
const cccd_province *cccd_province_at(size_t i);
size_t cccd_province_count(void);

#endif
