/*
 * units.h: Vietnam's administrative units and their dated boundary changes.
 *
 * Why this exists: a citizen's record names the commune, district and province it was made in.
 * Units merge, split and get renamed (in 2025 the country went from 63 provinces to 34 and
 * dropped the district level), and the statistics office reuses codes (old commune 00004 is
 * Phường Trúc Bạch, new commune 00004 is Phường Ba Đình). So a unit here is a *version*: a code
 * and level in force from valid_from up to (not including) valid_to, and every lookup by code
 * is made "at a date". Versions are linked to their successors by dated events (merge, split,
 * rename, continue, dissolve), which is how an old record resolves to the unit(s) that serve
 * it today while history stays readable.
 *
 * Everything here is pure: the loaders parse a memory buffer (the caller reads the file), no
 * printing, no global state. A cccd_units owns every unit, name and event it holds; the
 * `const cccd_unit *` and `const cccd_unit_event *` pointers handed out are borrowed and stay
 * valid until cccd_units_free(), even across later loads. Arrays returned through an `out`
 * parameter are owned by the caller (release with free() or the matching _free function).
 * See docs/units.md for the model and the data's oddities.
 */
#ifndef CCCD_CORE_UNITS_H
#define CCCD_CORE_UNITS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"
#include "core/error.h"

/* Levels. CCCD_UNIT_ANY (0) in a lookup means "infer from the code's length" (2 digits:
 * province, 3: district, 5: commune); in a filter it means "every level". */
typedef enum cccd_unit_level {
    CCCD_UNIT_ANY = 0,
    CCCD_UNIT_PROVINCE = 1, /* tỉnh, thành phố trực thuộc trung ương */
    CCCD_UNIT_DISTRICT = 2, /* quận, huyện, thị xã, thành phố thuộc tỉnh (until 2025-07-01) */
    CCCD_UNIT_COMMUNE = 3, /* xã, phường, thị trấn, đặc khu */
} cccd_unit_level;

#define CCCD_UNIT_LEVELS 4 /* array size for per-level counts, indexed by cccd_unit_level */

/* Kinds of boundary change. */
typedef enum cccd_unit_event_kind {
    CCCD_UNIT_EV_MERGE = 0, /* several units became one (the target has >= 2 sources) */
    CCCD_UNIT_EV_SPLIT,     /* one unit's area went to several (the source has >= 2 targets) */
    CCCD_UNIT_EV_RENAME,    /* one unit became one other: new code, name or level */
    CCCD_UNIT_EV_CONTINUE,  /* same code, level and name, re-registered under the new order */
    CCCD_UNIT_EV_DISSOLVE,  /* the unit (a district) ended; its area passed to the units its
                               children went to (none: ended with no successor) */
    CCCD_UNIT_EV__COUNT
} cccd_unit_event_kind;

typedef struct cccd_unit cccd_unit;
typedef struct cccd_unit_event cccd_unit_event;

/* One version of a unit. Read-only for callers. */
struct cccd_unit {
    char code[6];          /* "01", "001", "00001" */
    cccd_unit_level level; /* province, district or commune */
    const char *name;      /* cleaned (NFC, single spaces), with its type prefix: "Xã Cò Nòi" */
    const char *type; /* "Tỉnh", "Thành phố Trung ương", "Huyện", "Phường", "Đặc khu"... */
    const char *key;         /* cccd_text_key of name: "huyen thai thuy" */
    const char *bare_key;    /* key without the type prefix: "thai thuy" */
    cccd_date valid_from;    /* first day in force; prec CCCD_DATE_NONE: since always */
    cccd_date valid_to;      /* first day no longer in force; prec CCCD_DATE_NONE: still in force */
    const cccd_unit *parent; /* the version it belonged to (NULL for a province) */
    const cccd_unit *const *succ; /* the versions its area went to when it ended */
    size_t nsucc;
    const cccd_unit_event *out_event; /* the split/rename/continue/dissolve that ended it */
    const cccd_unit_event *in_event;  /* the merge that made it, if any */
};

/* A dated change: `from` units ended the day before `date`, `to` units took over on `date`. */
struct cccd_unit_event {
    cccd_unit_event_kind kind;
    cccd_date date;
    const cccd_unit *const *from;
    size_t nfrom;
    const cccd_unit *const *to;
    size_t nto;
};

/* The set of units, all their versions and the events between them. */
typedef struct cccd_units cccd_units;

/* A new empty set, or NULL when out of memory. */
cccd_units *cccd_units_new(void);

/* Releases the set and everything borrowed from it. NULL is accepted. */
void cccd_units_free(cccd_units *u);

/* Loads a unit list in the statistics office's layout (dvhcvn: {"data":[{level1_id, name,
 * type, level2s:[{level2_id, name, type, level3s:[{level3_id, name, type}]}]}]}) from buf[len].
 * Every unit becomes a version in force from valid_from (prec CCCD_DATE_NONE: since always)
 * with no end. Names are cleaned and keyed. On error nothing is added and err names the place
 * ("data[3].level2s[1].name: ..."): CCCD_E_JSON / CCCD_E_UTF8 for a document that does not
 * parse, CCCD_E_UNITS_FORMAT for a wrong shape, CCCD_E_UNIT_DUP for a code listed twice or
 * overlapping a version already loaded. */
cccd_errc cccd_units_load_json(cccd_units *u, const char *buf, size_t len, cccd_date valid_from,
                               cccd_err *err);

/* Applies a reorganisation in the dvhcvn/20250701 "splits" layout ({"data":[{level1_id, name,
 * splits:[{new_id,name}], level3s:[{level3_id,name,splits:[...]}], level2s:[...]}]}) taking
 * effect on `effective`: every province, district and commune in force the day before ends
 * on `effective`; the new provinces and communes named in the splits begin then, communes
 * directly under their new province (no district level). Codes refer to the units in force the
 * day before. Oddities in the data (a new unit reached from two new provinces, names that
 * disagree, units the file does not mention) are recorded as warnings, not errors. On error
 * nothing changes: CCCD_E_JSON / CCCD_E_UTF8 / CCCD_E_UNITS_FORMAT as for the list,
 * CCCD_E_UNIT_UNKNOWN or CCCD_E_UNIT_NOT_IN_FORCE for a code with no unit in force the day
 * before, CCCD_E_UNIT_DUP for an old code listed twice or a reform already applied. */
cccd_errc cccd_units_apply_reform(cccd_units *u, const char *buf, size_t len, cccd_date effective,
                                  cccd_err *err);

/* The version of `code` in force at `at`. level CCCD_UNIT_ANY infers it from the code's length.
 * NULL with CCCD_E_UNIT_UNKNOWN (no such code at any date), CCCD_E_UNIT_NOT_IN_FORCE (the
 * code exists but not at that date) or CCCD_E_ARG (not 2, 3 or 5 digits). */
const cccd_unit *cccd_units_lookup(const cccd_units *u, const char *code, cccd_unit_level level,
                                   cccd_date at, cccd_err *err);

/* Every version of `code`, oldest first, into *out (caller frees the array). */
cccd_errc cccd_units_versions(const cccd_units *u, const char *code, cccd_unit_level level,
                              const cccd_unit ***out, size_t *n, cccd_err *err);

/* Units whose name key or bare name key equals the key of name[len] ("thai thuy" and
 * "Thái Thụy" give the same matches). level CCCD_UNIT_ANY: all levels; at NULL: all dates.
 * The matches go into *out, ordered by level, code and date (caller frees the array); none is
 * not an error (*n = 0). */
cccd_errc cccd_units_find(const cccd_units *u, const char *name, size_t len, cccd_unit_level level,
                          const cccd_date *at, const cccd_unit ***out, size_t *n, cccd_err *err);

/* The versions whose parent is `parent`, in code order, in force at *at (NULL: all). */
cccd_errc cccd_units_children(const cccd_units *u, const cccd_unit *parent, const cccd_date *at,
                              const cccd_unit ***out, size_t *n, cccd_err *err);

/* The number of units in force at `at`, per level: counts[CCCD_UNIT_PROVINCE] etc.
 * counts[CCCD_UNIT_ANY] is the total. */
void cccd_units_count_at(const cccd_units *u, cccd_date at, size_t counts[CCCD_UNIT_LEVELS]);

/* Where an old code stands at a date. */
typedef struct cccd_unit_resolution {
    const cccd_unit *start;         /* the version the code was taken as */
    const cccd_unit **units;        /* the unit(s) in force at the date, in code order */
    size_t n;                       /* >= 1 on success */
    bool ambiguous;                 /* n > 1: the old unit's area went to several units */
    const cccd_unit_event **events; /* the events followed, in date order */
    size_t nevents;
} cccd_unit_resolution;

/* Resolves `code` to the unit(s) in force at `at` by following successor links. The code is
 * taken at *recorded_at (the date of the record that carries it) or, when recorded_at is NULL,
 * at its earliest version. Errors: as cccd_units_lookup for the start; CCCD_E_UNIT_NOT_IN_FORCE
 * when `at` is before the start version began or its area went to no unit. *out is filled on
 * success and must be released with cccd_unit_resolution_free(). */
cccd_errc cccd_units_resolve(const cccd_units *u, const char *code, cccd_unit_level level,
                             const cccd_date *recorded_at, cccd_date at, cccd_unit_resolution *out,
                             cccd_err *err);

/* Releases the arrays of a resolution (not the units: they belong to the set). */
void cccd_unit_resolution_free(cccd_unit_resolution *r);

/* What the loaded reorganisations did. */
typedef struct cccd_units_stats {
    size_t versions;                                             /* unit versions held */
    size_t events;                                               /* events of all kinds */
    size_t by_kind[CCCD_UNIT_EV__COUNT];                         /* events per kind */
    size_t by_kind_level[CCCD_UNIT_EV__COUNT][CCCD_UNIT_LEVELS]; /* per kind and level of the
                                                               unit that ended (merge: made) */
    size_t warnings;                                             /* data oddities seen */
} cccd_units_stats;

void cccd_units_stats_get(const cccd_units *u, cccd_units_stats *out);

/* The events, in the order they were made (0 <= i < cccd_units_event_count()). */
size_t cccd_units_event_count(const cccd_units *u);
const cccd_unit_event *cccd_units_event_at(const cccd_units *u, size_t i);

/* The warnings (one line each, borrowed). At most CCCD_UNITS_MAX_WARNINGS are kept; the stats
 * count them all. */
#define CCCD_UNITS_MAX_WARNINGS 1000
size_t cccd_units_warning_count(const cccd_units *u);
const char *cccd_units_warning_at(const cccd_units *u, size_t i);

/* "province", "district", "commune" ("any" for CCCD_UNIT_ANY). */
const char *cccd_unit_level_name(cccd_unit_level level);

/* Parses "province"/"district"/"commune" (also "1"/"2"/"3"); false otherwise. */
bool cccd_unit_level_parse(const char *s, cccd_unit_level *out);

/* "merge", "split", "rename", "continue", "dissolve". */
const char *cccd_unit_event_kind_name(cccd_unit_event_kind kind);

/* Writes the names of the unit's parents, nearest first, joined by ", " ("Quận Ba Đình, Thành
 * phố Hà Nội"; "" for a province) into buf (truncated to fit, always terminated). Returns the
 * length the whole path needs, like snprintf. */
size_t cccd_unit_path(const cccd_unit *unit, char *buf, size_t size);

/* True when the version is in force at `at`. */
bool cccd_unit_in_force(const cccd_unit *unit, cccd_date at);

/* Every version held, in load order (0 <= i < cccd_units_version_count()): for storing the
 * model (units_iter.c). */
size_t cccd_units_version_count(const cccd_units *u);
const cccd_unit *cccd_units_version_at(const cccd_units *u, size_t i);

#endif
