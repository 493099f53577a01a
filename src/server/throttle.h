/*
 * throttle.h: failed logins counted per client address, so that guessing passwords across many
 * account names from one place is slowed too (the per-account lock in service/auth.c only sees
 * one name at a time, and an unknown name never locks). A fixed table in memory: bounded
 * whatever the traffic, forgotten on restart. The server keeps a second instance that counts
 * public appointment lookups per address (ep_public_appointment.c: every lookup is "failed").
 */
#ifndef CCCD_SERVER_THROTTLE_H
#define CCCD_SERVER_THROTTLE_H

#include <stdint.h>

typedef struct login_throttle login_throttle;

/* At most max_failures failed logins per address within window seconds. NULL when out of
 * memory; owned by the caller (throttle_free). */
login_throttle *throttle_new(int max_failures, int64_t window);
void throttle_free(login_throttle *t);

/* Seconds this address must wait before its next login attempt at `now` (0: it may try). */
int64_t throttle_wait(login_throttle *t, const char *addr, int64_t now);

/* Counts a failed login from addr at `now`. */
void throttle_failed(login_throttle *t, const char *addr, int64_t now);

#endif
