/*
 * audit.h: one entry of the audit log and the hash that chains it to the one before.
 *
 * Why this exists: every read of a person's record and every write is on the record, and the
 * record must show when someone edited or removed an entry afterwards. Each entry's hash covers
 * its own fields and the previous entry's hash (SHA-256 through OpenSSL), so changing or
 * deleting any entry breaks every hash after it; `cccd audit verify` walks the chain. The
 * canonical form hashed is documented in docs/audit.md and must never change for stored
 * entries (a new form would need a version field).
 */
#ifndef CCCD_CORE_AUDIT_H
#define CCCD_CORE_AUDIT_H

#include <stdint.h>

#include "core/error.h"
#include "core/role.h"

#define CCCD_AUDIT_HASH_LEN 65 /* 64 lower-case hex digits and a NUL */

/* The hash before the first entry: 64 zeros. */
#define CCCD_AUDIT_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

/* One entry. The strings are borrowed (from the caller when appending, from the store for the
 * duration of a callback when reading); "" for none, never NULL. */
typedef struct cccd_audit_entry {
    int64_t seq;        /* 1, 2, 3...: filled by the store when appending */
    const char *at;     /* UTC time, "YYYY-MM-DDTHH:MM:SS.mmmZ" */
    const char *actor;  /* user name, or "cli:USER" for a command run on the machine */
    const char *role;   /* the actor's role ("admin"...), "" for the machine */
    const char *unit;   /* the unit key the role is held at ("VN" for the nation) */
    const char *action; /* "citizen.read", "citizen.search", "account.add", "login.failed"... */
    const char *target; /* which record: a personal ID, a user name, a unit key */
    const char *remote; /* where from: the client's address, or "local" */
    const char *detail; /* anything else worth keeping, short ("" none) */
    char prev_hash[CCCD_AUDIT_HASH_LEN]; /* the previous entry's hash (GENESIS for seq 1) */
    char hash[CCCD_AUDIT_HASH_LEN];      /* this entry's hash */
} cccd_audit_entry;

/* Who is acting, copied into the entries they cause (borrowed strings, "" for none). */
typedef struct cccd_actor {
    const char *name;   /* user name; "cli:USER" for a command run on the machine */
    const char *role;   /* role name, "" for the machine */
    const char *unit;   /* unit key the role is held at */
    const char *remote; /* client address, "local" */
} cccd_actor;

/* The actor's name as written on the record ("" for none). */
const char *cccd_actor_name(const cccd_actor *by);

/* Whether by may act with permission perm (core/role.h): the machine (no role: the command
 * line) may do anything; an account's role must hold perm, else CCCD_E_FORBIDDEN with "a ROLE
 * may not WHAT (it needs PERM)". */
cccd_errc cccd_actor_may(const cccd_actor *by, cccd_perm perm, const char *what, cccd_err *err);

/* Computes e->hash from e's seq, fields and e->prev_hash. */
cccd_errc cccd_audit_hash(cccd_audit_entry *e, cccd_err *err);

/* The current UTC time in the entry format, into buf (>= 32 bytes); returns buf. */
char *cccd_audit_now(char *buf);

#endif
