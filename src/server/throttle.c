/*
 * throttle.c: failed logins per client address (see throttle.h). Each address has a slot in a
 * small open-addressing table holding the start of its current window and the failures in it;
 * when the table is full the slot whose window is oldest is reused.
 */
#include "server/throttle.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 4096 /* a power of two */
#define PROBE 8

typedef struct slot {
    char addr[48]; /* "" = free */
    int64_t since; /* start of the window */
    int failures;
} slot;

struct login_throttle {
    pthread_mutex_t mu;
    int max_failures;
    int64_t window;
    slot s[SLOTS];
};

login_throttle *throttle_new(int max_failures, int64_t window) {
    login_throttle *t = calloc(1, sizeof *t);
    if (t == NULL)
        return NULL;
    pthread_mutex_init(&t->mu, NULL);
    t->max_failures = max_failures;
    t->window = window;
    return t;
}

void throttle_free(login_throttle *t) {
    if (t) {
        pthread_mutex_destroy(&t->mu);
        free(t);
    }
}

static uint32_t hash(const char *s) {
    uint32_t h = 2166136261u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* The slot of addr (under the lock): found, or a free or the oldest one taken over. */
static slot *find(login_throttle *t, const char *addr, int64_t now, int create) {
    uint32_t h = hash(addr);
    slot *oldest = NULL;
    for (int i = 0; i < PROBE; i++) {
        slot *s = &t->s[(h + (uint32_t)i) & (SLOTS - 1)];
        if (strcmp(s->addr, addr) == 0)
            return s;
        if (s->addr[0] == '\0' || now - s->since >= t->window) {
            if (oldest == NULL || oldest->addr[0] != '\0')
                oldest = s; /* a free or expired slot is as good as the oldest */
        } else if (oldest == NULL || (oldest->addr[0] && s->since < oldest->since)) {
            oldest = s;
        }
    }
    if (!create)
        return NULL;
    snprintf(oldest->addr, sizeof oldest->addr, "%s", addr);
    oldest->since = now;
    oldest->failures = 0;
    return oldest;
}

int64_t throttle_wait(login_throttle *t, const char *addr, int64_t now) {
    pthread_mutex_lock(&t->mu);
    slot *s = find(t, addr, now, 0);
    int64_t wait = 0;
    if (s && s->failures >= t->max_failures && now - s->since < t->window)
        wait = t->window - (now - s->since);
    pthread_mutex_unlock(&t->mu);
    return wait;
}

void throttle_failed(login_throttle *t, const char *addr, int64_t now) {
    pthread_mutex_lock(&t->mu);
    slot *s = find(t, addr, now, 1);
    if (now - s->since >= t->window) {
        s->since = now;
        s->failures = 0;
    }
    s->failures++;
    pthread_mutex_unlock(&t->mu);
}
