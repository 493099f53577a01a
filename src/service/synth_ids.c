/*
 * synth_ids.c: the personal ID numbers a synthetic population has taken, so none is given
 * twice (see synth_internal.h).
 *
 * Why paged bitmaps: numbers with different six-digit prefixes (province, century/sex, year)
 * never collide, and each prefix has 10^6 possible endings. A flat bitmap per prefix costs
 * 125 KB even for the handful of migrants born in another province; pages of 4096 bits
 * allocated on first use keep the cost near one bit per possible number for the prefixes a
 * province fills, and one small page for the others. The table of prefixes is indexed by the
 * five digits after the leading "0" (2 province + 1 century/sex + 2 year).
 */
#include <stdlib.h>
#include <string.h>

#include "service/synth_internal.h"

#define NSLOTS 100000u
#define PAGE_BITS 4096u
#define NPAGES ((1000000u + PAGE_BITS - 1) / PAGE_BITS)

typedef struct prefix_pages {
    uint64_t *page[NPAGES]; /* owned; NULL: no number of that page taken */
} prefix_pages;

struct synth_ids {
    prefix_pages *slot[NSLOTS]; /* owned; NULL: no number of that prefix taken */
};

synth_ids *synth_ids_new(void) {
    return calloc(1, sizeof(synth_ids));
}

void synth_ids_free(synth_ids *ids) {
    if (ids == NULL)
        return;
    for (size_t i = 0; i < NSLOTS; i++) {
        if (ids->slot[i] == NULL)
            continue;
        for (size_t p = 0; p < NPAGES; p++)
            free(ids->slot[i]->page[p]);
        free(ids->slot[i]);
    }
    free(ids);
}

static uint32_t digits_value(const char *d, int n) {
    uint32_t v = 0;
    for (int i = 0; i < n; i++)
        v = v * 10 + (uint32_t)(d[i] - '0');
    return v;
}

bool synth_ids_taken(void *ctx, const char digits[13]) {
    const synth_ids *ids = ctx;
    if (digits[0] != '0') /* the generator only uses prefixes "0xx" */
        return false;
    const prefix_pages *pp = ids->slot[digits_value(digits + 1, 5)];
    if (pp == NULL)
        return false;
    uint32_t v = digits_value(digits + 6, 6);
    const uint64_t *page = pp->page[v / PAGE_BITS];
    if (page == NULL)
        return false;
    uint32_t b = v % PAGE_BITS;
    return (page[b / 64] >> (b % 64)) & 1u;
}

bool synth_ids_add(synth_ids *ids, const char digits[13]) {
    if (digits[0] != '0')
        return true;
    uint32_t s = digits_value(digits + 1, 5);
    if (ids->slot[s] == NULL && (ids->slot[s] = calloc(1, sizeof(prefix_pages))) == NULL)
        return false;
    uint32_t v = digits_value(digits + 6, 6);
    uint64_t **page = &ids->slot[s]->page[v / PAGE_BITS];
    if (*page == NULL && (*page = calloc(PAGE_BITS / 64, sizeof(uint64_t))) == NULL)
        return false;
    uint32_t b = v % PAGE_BITS;
    (*page)[b / 64] |= (uint64_t)1 << (b % 64);
    return true;
}

cccd_errc synth_ids_allocate(synth_ids *ids, const char prefix3[4], cccd_sex sex, cccd_date dob,
                             synth_rng *rng, char out[13], cccd_err *err) {
    cccd_errc rc =
        cccd_pid_allocate(prefix3, sex, dob, synth_rng_next(rng), synth_ids_taken, ids, out, err);
    if (rc != CCCD_OK)
        return rc;
    if (!synth_ids_add(ids, out))
        return cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory recording ID numbers");
    return CCCD_OK;
}
