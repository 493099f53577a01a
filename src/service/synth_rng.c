/*
 * synth_rng.c: the synthetic population's own random numbers (see synth_internal.h).
 *
 * Why not rand(): output must be byte-identical for the same seed on every machine and libc,
 * and fast. xoshiro256** (Blackman and Vigna) is small, fast and well tested; its state is
 * filled from the seed by splitmix64, as its authors recommend. Weighted choice over the word
 * tables lives here too because it only needs the generator and a table.
 */
#include "service/synth_internal.h"

static uint64_t splitmix64(uint64_t *x) {
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

void synth_rng_seed(synth_rng *r, uint64_t seed) {
    uint64_t x = seed;
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&x);
}

static inline uint64_t rotl(uint64_t x, int k) {
    return (x << k) | (x >> (64 - k));
}

uint64_t synth_rng_next(synth_rng *r) {
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

uint32_t synth_rng_below(synth_rng *r, uint32_t n) {
    /* Lemire's multiply-shift; the tiny bias for n << 2^32 does not matter here */
    return (uint32_t)(((synth_rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

int synth_rng_range(synth_rng *r, int lo, int hi) {
    return lo + (int)synth_rng_below(r, (uint32_t)(hi - lo + 1));
}

bool synth_rng_ppm(synth_rng *r, uint32_t per_million) {
    return synth_rng_below(r, 1000000u) < per_million;
}

void synth_pick_init(synth_pick *p, synth_table_id id) {
    p->w = synth_table(id, &p->n);
    if (p->n > SYNTH_PICK_MAX)
        p->n = SYNTH_PICK_MAX;
    uint32_t sum = 0;
    for (size_t i = 0; i < p->n; i++) {
        sum += p->w[i].weight;
        p->cum[i] = sum;
    }
}

size_t synth_pick_index(const synth_pick *p, synth_rng *r) {
    uint32_t x = synth_rng_below(r, p->cum[p->n - 1]);
    size_t lo = 0, hi = p->n - 1;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (p->cum[mid] > x)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

const char *synth_pick_text(const synth_pick *p, synth_rng *r) {
    return p->w[synth_pick_index(p, r)].text;
}
