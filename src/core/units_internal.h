/*
 * units_internal.h: what units.c, units_load.c and units_reform.c share and callers of units.h
 * do not see: the set's storage (an arena with rollback, so a failed load leaves the set as it
 * was), the per-version bookkeeping (day numbers for fast date tests, position in the set) and
 * the sorted indexes behind the lookups. Not installed, not for use outside src/core/units*.c.
 */
#ifndef CCCD_CORE_UNITS_INTERNAL_H
#define CCCD_CORE_UNITS_INTERNAL_H

#include <jansson.h>
#include <stdint.h>

#include "core/units.h"

#define UNITS_OPEN_START INT64_MIN
#define UNITS_OPEN_END INT64_MAX

/* A version as the set stores it: the public part first, so a `const cccd_unit *` handed out
 * converts back with unit_rec_of(). */
typedef struct unit_rec {
    cccd_unit pub;
    int64_t from, to; /* days since 1970-01-01; [from, to); UNITS_OPEN_* when open */
    size_t idx;       /* position in cccd_units.v */
} unit_rec;

typedef struct event_rec {
    cccd_unit_event pub;
    size_t idx; /* position in cccd_units.ev */
} event_rec;

static inline const unit_rec *unit_rec_of(const cccd_unit *unit) {
    return (const unit_rec *)unit;
}

/* A bump allocator whose blocks never move, so borrowed pointers stay valid. */
typedef struct arena_chunk {
    struct arena_chunk *prev;
    size_t size, used;
    _Alignas(16) unsigned char data[];
} arena_chunk;

typedef struct arena_mark {
    arena_chunk *chunk;
    size_t used;
} arena_mark;

/* One entry of the name index: a key (full or bare) and the version it belongs to. */
typedef struct key_entry {
    const char *key;
    const unit_rec *unit;
} key_entry;

/* The sorted indexes, rebuilt after every successful load and swapped in at once. */
typedef struct units_index {
    unit_rec **by_code;   /* n entries, by (level, code, from) */
    unit_rec **by_parent; /* nchild entries, by (parent idx, code, from) */
    size_t nchild;
    key_entry *by_key; /* nkey entries, by (key, level, code, from) */
    size_t nkey;
} units_index;

struct cccd_units {
    arena_chunk *arena;
    unit_rec **v; /* every version, in load order */
    size_t n, cap;
    event_rec **ev; /* every event, in the order made */
    size_t nev, evcap;
    const char **warn; /* the first CCCD_UNITS_MAX_WARNINGS warnings */
    size_t nwarn, nwarn_total;
    units_index ix;
};

/* Arena (units.c). Allocations are 16-byte aligned and zeroed; NULL when out of memory. */
void *units_alloc(cccd_units *u, size_t size);
char *units_strdup(cccd_units *u, const char *s, size_t len);
arena_mark units_mark(const cccd_units *u);
void units_rollback(cccd_units *u, arena_mark m);

/* Grows u->v / u->ev / u->warn so that `more` entries fit without reallocating. */
cccd_errc units_reserve(cccd_units *u, size_t more_units, size_t more_events, size_t more_warn,
                        cccd_err *err);

/* Builds the indexes over u->v[0..n) plus extra[0..nextra) into *out (all or nothing). */
cccd_errc units_index_build(const cccd_units *u, unit_rec *const *extra, size_t nextra,
                            units_index *out, cccd_err *err);
void units_index_free(units_index *ix);

/* The versions of (level, code) in the current index: *first and the count, oldest first. */
size_t units_index_range(const cccd_units *u, cccd_unit_level level, const char *code,
                         unit_rec *const **first);

/* The level a code's length implies (2, 3, 5 digits), or CCCD_UNIT_ANY when it is not one. */
cccd_unit_level units_level_of_code(const char *code, size_t len);

/* Names (units_name.c). units_set_name copies an already cleaned name into the arena and
 * sets r->pub.name, key and bare_key (the key without its type prefix; r->pub.type, when set,
 * is tried first as the prefix). path names the field in errors. */
cccd_errc units_set_name(cccd_units *u, unit_rec *r, const char *clean, const char *path,
                         cccd_err *err);

/* For a unit made by a reform, which carries a name but no type: derives the type from the
 * name's prefix and writes the name with the prefix in its canonical spelling ("xã Bắc Sơn" ->
 * "Xã Bắc Sơn") into *name (malloc'd, caller frees). A province name with no prefix gets
 * "Tỉnh ". *known is false (type "", name unchanged) when the prefix is not one of the level's. */
cccd_errc units_canonical_name(cccd_unit_level level, const char *clean, const char **type,
                               char **name, bool *known, cccd_err *err);

/* JSON helpers shared by the loaders (units_json.c). `path` is where the value sits
 * ("data[3].level2s[1]"); errors name path.key and the expected shape. */
cccd_errc units_json_parse(const char *buf, size_t len, const char *what, json_t **root,
                           cccd_err *err);
/* The member `key` of obj, of JSON type `type`. */
cccd_errc units_json_member(const json_t *obj, const char *key, json_type type, const char *path,
                            json_t **out, cccd_err *err);
/* Member `key` is a string of exactly the digits of a `level` code, copied into code[6]. */
cccd_errc units_json_code(const json_t *obj, const char *key, cccd_unit_level level,
                          const char *path, char code[6], cccd_err *err);
/* Member `key` is a string with something in it once cleaned: *clean (malloc'd, caller frees). */
cccd_errc units_json_text(const json_t *obj, const char *key, const char *path, char **clean,
                          cccd_err *err);
/* An array element is an object. */
cccd_errc units_json_object(const json_t *v, const char *path, cccd_err *err);

/* Day numbers of a date (partial dates at their first day), and back for a boundary. */
int64_t units_days(cccd_date d);
cccd_date units_date_of(int64_t days);

#endif
