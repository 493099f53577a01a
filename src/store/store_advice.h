/*
 * store_advice.h: advice proposals (moves of a kit or an officer between units) and the pairs
 * of neighbouring provinces, as stored (migration 0012, docs/advice.md).
 *
 * Why this exists: a proposal is computed once and accepted later, perhaps by someone else;
 * accepting must name the same move by a stable id and refuse one decided already. Rows only:
 * how proposals are made and what accepting does are service/advice.h's. Every function runs in
 * the caller's transaction when one is open, else on its own.
 */
#ifndef CCCD_STORE_STORE_ADVICE_H
#define CCCD_STORE_STORE_ADVICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

#define CCCD_ADVICE_REASON_LEN 1024
#define CCCD_ADVICE_NUMBERS_LEN 1024

typedef struct cccd_advice_row {
    int64_t id;
    char unit_key[CCCD_UNIT_KEY_LEN]; /* the unit advised ("VN" for the country) */
    int64_t made_day, made_at;
    char kind[16];                    /* "kit", "officer", "kit+officer" */
    char from_key[CCCD_UNIT_KEY_LEN]; /* the giving unit's version */
    char to_key[CCCD_UNIT_KEY_LEN];   /* the receiving unit's version */
    char serial[48];                  /* the kit moved ("" for an officer alone) */
    char username[64];                /* the officer moved ("" for a kit alone) */
    int64_t staff_id;                 /* the officer's assignment at the giving unit, or 0 */
    int64_t to_point;                 /* the receiving unit's point, or 0 (a kit to the unit) */
    char reason[CCCD_ADVICE_REASON_LEN];
    char numbers[CCCD_ADVICE_NUMBERS_LEN]; /* JSON object of the figures */
    char state[16];                        /* "proposed", "accepted", "dismissed", "replaced" */
    char decided_by[64];
    int64_t decided_at;
} cccd_advice_row;

/* Marks the open ("proposed") proposals of unit_key 'replaced' and adds rows[0..n) (their id
 * and state are set here: rows[i].id receives the new id). */
cccd_errc cccd_store_advice_replace(cccd_store *st, const char *unit_key, cccd_advice_row *rows,
                                    size_t n, cccd_err *err);

/* The proposal with that id. CCCD_E_ADVICE_UNKNOWN when there is none. */
cccd_errc cccd_store_advice_get(cccd_store *st, int64_t id, cccd_advice_row *out, cccd_err *err);

/* Sets an open proposal's state (accepted or dismissed), decided_by and decided_at.
 * CCCD_E_ADVICE_DECIDED when it is not open (any more). */
cccd_errc cccd_store_advice_decide(cccd_store *st, int64_t id, const char *state, const char *by,
                                   int64_t at, cccd_err *err);

/* Replaces every pair of neighbouring provinces with pairs a[i]-b[i] (each stored once,
 * smaller code first; a pair listed twice is kept once). */
cccd_errc cccd_store_neighbours_replace(cccd_store *st, const char (*a)[6], const char (*b)[6],
                                        size_t n, cccd_err *err);

/* The codes of the provinces neighbouring `code`, in code order, into *out (owned by the
 * caller: free()). */
cccd_errc cccd_store_neighbours_of(cccd_store *st, const char *code, char (**out)[6], size_t *n,
                                   cccd_err *err);

#endif
