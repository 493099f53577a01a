/*
 * store_citizens.c: citizens in the database (see store.h): insert-or-update with the coverage
 * counters moving in the same transaction, lookup by ID, name search within a unit, and the
 * list of people who still need a card.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/store_internal.h"

enum {
    SLOT_INSERT = STORE_CITIZENS_SLOT0,
    SLOT_OLD,
    SLOT_UPDATE,
    SLOT_GET,
    SLOT_FIND,
    SLOT_REMAINING,
    SLOT_BULK_INSERT,
    SLOT_BATCH_LOOKUP,
    SLOT_REMAINING_BRIEF,
    SLOT_REMAINING_TEMPORARY,
    SLOT_LOCAL_CURRENT,
    SLOT_LOCAL_NOTE,
    SLOT_LOCAL_COUNT,
    SLOT_LOCAL_READ,
    SLOT_LOCAL_DROP,
    SLOT_LOCAL_MOVE,
};
_Static_assert((int)SLOT_LOCAL_MOVE < (int)STORE_COVERAGE_SLOT0,
               "store_citizens.c has more statements than its slots");

/* The columns in parameter order ($1..$30), shared by insert and update. */
#define CITIZEN_COLS                                                                               \
    "personal_id, province, full_name, name_key, date_of_birth, eligible_from, sex, ethnicity,"    \
    " religion, nationality, place_of_origin, permanent_unit, permanent_address, household_id,"    \
    " relation_to_head, residential_group, temporary_unit, temporary_address, deceased,"           \
    " immobile, old_id_number, card_type, card_number, card_issued, card_expiry, father_name,"     \
    " mother_name, spouse_name, content_hash, updated_at"

/* A new citizen (nothing when the personal ID is stored already), and the update of a stored
 * one, with the parameters of CITIZEN_COLS. */
#define CITIZEN_INSERT_OR_NOTHING                                                                  \
    "INSERT INTO citizens (" CITIZEN_COLS ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10,"     \
    " $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28,"   \
    " $29, $30) ON CONFLICT (personal_id) DO NOTHING"
#define CITIZEN_UPDATE                                                                             \
    "UPDATE citizens SET province = $2, full_name = $3, name_key = $4, date_of_birth = $5,"        \
    " eligible_from = $6, sex = $7, ethnicity = $8, religion = $9, nationality = $10,"             \
    " place_of_origin = $11, permanent_unit = $12, permanent_address = $13,"                       \
    " household_id = $14, relation_to_head = $15, residential_group = $16,"                        \
    " temporary_unit = $17, temporary_address = $18, deceased = $19, immobile = $20,"              \
    " old_id_number = $21, card_type = $22, card_number = $23, card_issued = $24,"                 \
    " card_expiry = $25, father_name = $26, mother_name = $27, spouse_name = $28,"                 \
    " content_hash = $29, updated_at = $30 WHERE personal_id = $1"

static const char *card_type_name(cccd_card_type t) {
    return t == CCCD_CARD_CHIP ? "chip" : t == CCCD_CARD_BARCODE ? "barcode" : "";
}

static const char *s0(const char *s) {
    return s ? s : "";
}

/* A citizen as the 30 column values of CITIZEN_COLS, in order: for binding to a statement or
 * for a COPY row. Text values point into the citizen or into this struct, which must outlive
 * the statement's step (the caller owns it). */
#define CITIZEN_NCOLS 30
typedef struct citizen_row {
    const char *text[CITIZEN_NCOLS]; /* NULL: an integer column (is_int) or SQL NULL */
    bool is_int[CITIZEN_NCOLS];
    int64_t num[CITIZEN_NCOLS];
    int n;
    char dob[11], pu[CCCD_UNIT_KEY_LEN], tu[CCCD_UNIT_KEY_LEN], sex[2];
    char *owned[16]; /* the local values put over the extract's (row_release frees them) */
    int nowned;
} citizen_row;

static void row_release(citizen_row *r) {
    for (int i = 0; i < r->nowned; i++)
        free(r->owned[i]);
    r->nowned = 0;
}

static void put_text(citizen_row *r, const char *v) {
    r->is_int[r->n] = false;
    r->text[r->n++] = v;
}

static void put_int(citizen_row *r, int64_t v) {
    r->is_int[r->n] = true;
    r->text[r->n] = NULL;
    r->num[r->n++] = v;
}

static void citizen_row_fill(const cccd_store *st, const cccd_citizen *c, citizen_row *r) {
    r->n = 0;
    r->nowned = 0;
    r->sex[0] = (char)c->sex;
    r->sex[1] = '\0';
    cccd_date_iso(c->dob, r->dob);
    cccd_store_unit_key(c->permanent_unit, r->pu);
    if (c->temporary_unit)
        cccd_store_unit_key(c->temporary_unit, r->tu);
    bool card = c->card_type != CCCD_CARD_NONE;
    put_int(r, strtoll(c->personal_id, NULL, 10));
    put_text(r, c->province);
    put_text(r, c->full_name);
    put_text(r, c->name_key);
    put_text(r, r->dob);
    put_int(r, cccd_citizen_eligible_from(c->dob));
    put_text(r, r->sex);
    put_text(r, s0(c->ethnicity));
    put_text(r, s0(c->religion));
    put_text(r, s0(c->nationality));
    put_text(r, s0(c->place_of_origin));
    put_text(r, r->pu);
    put_text(r, s0(c->permanent_address));
    put_text(r, s0(c->household_id));
    put_text(r, s0(c->relation_to_head));
    put_text(r, s0(c->residential_group));
    put_text(r, c->temporary_unit ? r->tu : NULL);
    put_text(r, s0(c->temporary_address));
    put_int(r, c->deceased);
    put_int(r, c->mobility);
    put_text(r, c->old_id_number);
    put_text(r, card_type_name(c->card_type));
    put_text(r, c->card_number);
    if (card)
        put_int(r, cccd_date_to_days(c->card_issued));
    else
        put_text(r, NULL);
    if (card && c->card_expiry.prec == CCCD_DATE_DAY)
        put_int(r, cccd_date_to_days(c->card_expiry));
    else
        put_text(r, NULL);
    put_text(r, s0(c->father_name));
    put_text(r, s0(c->mother_name));
    put_text(r, s0(c->spouse_name));
    put_int(r, (int64_t)c->content_hash);
    put_text(r, st->txn_now);
}

static cccd_errc bind_row(cccd_store *st, store_stmt *s, const citizen_row *r, cccd_err *err);

static cccd_errc bind_citizen(cccd_store *st, store_stmt *s, const cccd_citizen *c, citizen_row *r,
                              cccd_err *err) {
    citizen_row_fill(st, c, r);
    return bind_row(st, s, r, err);
}

static cccd_errc bind_row(cccd_store *st, store_stmt *s, const citizen_row *r, cccd_err *err) {
    cccd_errc rc = CCCD_OK;
    for (int i = 0; i < r->n && rc == CCCD_OK; i++)
        rc = r->is_int[i] ? st->drv->bind_int64(s, i + 1, r->num[i], err)
                          : st->drv->bind_text(s, i + 1, r->text[i], err);
    return rc;
}

/* What a row will store, as counted (the local values put over the extract's included). */
static cccd_citizen_status status_of_row(const citizen_row *r, int64_t day) {
    return cccd_citizen_status_on(
        day, r->num[18] != 0, r->num[5], r->text[21] && strcmp(r->text[21], "chip") == 0,
        r->is_int[23] ? r->num[23] : INT64_MIN, r->is_int[24] ? r->num[24] : INT64_MAX);
}

/* ---- local changes (migration 0013; docs/registry.md, "Local changes and re-imports") ----
 *
 * A change made here (an approved correction, a card handed over or revoked) is noted with
 * the value the extract had then. An import whose row differs from the last one imported puts
 * the local value back over the extract's while the extract still carries that old value;
 * once the extract carries the local value, or another one, the note is dropped and the
 * extract's value stands. A field is compared as the text the row stores; the card as
 * "type|number|issued|expiry" (days, "" for none); the personal ID as its twelve digits (a row
 * whose ID was corrected away here is found through store_id_alias and taken as the person's,
 * under the ID noted here). */

/* The correctable fields and their column in CITIZEN_COLS (0-based). */
static const struct {
    const char *field;
    int col;
} local_cols[] = {
    {"full_name", 2},          {"date_of_birth", 4},      {"sex", 6},
    {"ethnicity", 7},          {"religion", 8},           {"place_of_origin", 10},
    {"permanent_address", 12}, {"temporary_address", 17}, {"father_name", 25},
    {"mother_name", 26},       {"spouse_name", 27},
};
#define LOCAL_VALUE_LEN 600

static int local_col(const char *field) {
    for (size_t i = 0; i < sizeof local_cols / sizeof local_cols[0]; i++)
        if (strcmp(local_cols[i].field, field) == 0)
            return local_cols[i].col;
    return -1;
}

static void row_col_text(const citizen_row *r, int i, char *buf, size_t n) {
    if (r->is_int[i])
        snprintf(buf, n, "%lld", (long long)r->num[i]);
    else
        snprintf(buf, n, "%s", r->text[i] ? r->text[i] : "");
}

static void row_field_text(const citizen_row *r, const char *field, char *buf, size_t n) {
    if (strcmp(field, "personal_id") == 0) {
        snprintf(buf, n, "%012lld", (long long)r->num[0]);
        return;
    }
    int col = local_col(field);
    if (col >= 0) {
        row_col_text(r, col, buf, n);
        return;
    }
    char t[16], num[16], is[24], ex[24];
    row_col_text(r, 21, t, sizeof t);
    row_col_text(r, 22, num, sizeof num);
    row_col_text(r, 23, is, sizeof is);
    row_col_text(r, 24, ex, sizeof ex);
    snprintf(buf, n, "%s|%s|%s|%s", t, num, is, ex);
}

static char *row_own(citizen_row *r, const char *v, size_t len) {
    if (r->nowned == (int)(sizeof r->owned / sizeof r->owned[0]))
        return NULL;
    char *c = malloc(len + 1);
    if (c) {
        memcpy(c, v, len);
        c[len] = '\0';
        r->owned[r->nowned++] = c;
    }
    return c;
}

/* Puts a local value over the row's column(s) for field. false when out of memory. */
static bool row_put_local(citizen_row *r, const char *field, const char *value, const char *key) {
    if (strcmp(field, "personal_id") == 0) {
        r->num[0] = strtoll(value, NULL, 10);
        return true;
    }
    int col = local_col(field);
    if (col >= 0) {
        char *v = row_own(r, value, strlen(value));
        if (v == NULL)
            return false;
        r->is_int[col] = false;
        r->text[col] = v;
        if (col == 2) { /* the name key goes with the name */
            char *k = row_own(r, key, strlen(key));
            if (k == NULL)
                return false;
            r->text[3] = k;
        } else if (col == 4) { /* eligibility with the date of birth */
            cccd_date d;
            cccd_err e;
            if (cccd_date_parse(value, "value", &d, &e) == CCCD_OK)
                r->num[5] = cccd_citizen_eligible_from(d);
        }
        return true;
    }
    /* the card: type|number|issued|expiry */
    const char *p = value;
    for (int c = 21; c <= 24; c++) {
        size_t len = strcspn(p, "|");
        if (c <= 22) {
            char *v = row_own(r, p, len);
            if (v == NULL)
                return false;
            r->is_int[c] = false;
            r->text[c] = v;
        } else if (len == 0) {
            r->is_int[c] = false;
            r->text[c] = NULL;
        } else {
            r->is_int[c] = true;
            r->text[c] = NULL;
            r->num[c] = strtoll(p, NULL, 10);
        }
        p += len + (p[len] == '|');
    }
    return true;
}

/* The stored value of field (or the card) of citizen pid, as row_field_text writes it. */
static cccd_errc local_current(cccd_store *st, int64_t pid, const char *field, char *buf, size_t n,
                               cccd_err *err) {
    if (strcmp(field, "personal_id") == 0) {
        snprintf(buf, n, "%012lld", (long long)pid);
        return CCCD_OK;
    }
    store_stmt *s = NULL;
    bool row = false;
    cccd_errc rc = store_stmt_get(
        st, SLOT_LOCAL_CURRENT,
        "SELECT full_name, date_of_birth, sex, ethnicity, religion, place_of_origin,"
        " permanent_address, temporary_address, father_name, mother_name, spouse_name,"
        " card_type, card_number, card_issued, card_expiry FROM citizens WHERE personal_id = $1",
        &s, err);
    if (rc == CCCD_OK && (rc = st->drv->bind_int64(s, 1, pid, err)) == CCCD_OK)
        rc = st->drv->step(s, &row, err);
    if (rc == CCCD_OK && !row)
        rc = cccd_err_set(err, CCCD_E_CITIZEN_UNKNOWN, "personal_id",
                          "%012lld is not in the registry", (long long)pid);
    if (rc == CCCD_OK) {
        size_t i = 0;
        while (i < sizeof local_cols / sizeof local_cols[0] && strcmp(local_cols[i].field, field))
            i++;
        if (i < sizeof local_cols / sizeof local_cols[0]) {
            snprintf(buf, n, "%s", st->drv->col_text(s, (int)i));
        } else {
            char is[24] = "", ex[24] = "";
            if (!st->drv->col_null(s, 13))
                snprintf(is, sizeof is, "%lld", (long long)st->drv->col_int64(s, 13));
            if (!st->drv->col_null(s, 14))
                snprintf(ex, sizeof ex, "%lld", (long long)st->drv->col_int64(s, 14));
            snprintf(buf, n, "%s|%s|%s|%s", st->drv->col_text(s, 11), st->drv->col_text(s, 12), is,
                     ex);
        }
    }
    st->drv->reset(s);
    return rc;
}

/* citizens.local_changes of pid brought to the number of its notes. */
static cccd_errc local_recount(cccd_store *st, int64_t pid, cccd_err *err) {
    store_stmt *s = NULL;
    bool row = false;
    cccd_errc rc = store_stmt_get(st, SLOT_LOCAL_COUNT,
                                  "UPDATE citizens SET local_changes = (SELECT count(*) FROM"
                                  " citizen_local WHERE personal_id = $1) WHERE personal_id = $1",
                                  &s, err);
    if (rc == CCCD_OK && (rc = st->drv->bind_int64(s, 1, pid, err)) == CCCD_OK)
        rc = st->drv->step(s, &row, err);
    if (s)
        st->drv->reset(s);
    return rc;
}

cccd_errc store_local_note(cccd_store *st, int64_t pid, const char *field, const char *value,
                           const char *key, cccd_err *err) {
    char extract[LOCAL_VALUE_LEN];
    store_stmt *s = NULL;
    bool row = false;
    cccd_errc rc = local_current(st, pid, field, extract, sizeof extract, err);
    if (rc == CCCD_OK)
        rc = store_stmt_get(st, SLOT_LOCAL_NOTE,
                            "INSERT INTO citizen_local (personal_id, field, extract_value,"
                            " local_value, local_key, changed_at) VALUES ($1, $2, $3, $4, $5, $6)"
                            " ON CONFLICT (personal_id, field) DO UPDATE SET"
                            " local_value = excluded.local_value, local_key = excluded.local_key,"
                            " changed_at = excluded.changed_at",
                            &s, err);
    if (rc == CCCD_OK &&
        (rc = store_bindf(st, s, err, "itttt", pid, field, extract, value, key ? key : "")) ==
            CCCD_OK &&
        (rc = st->drv->bind_text(s, 6, st->txn_now, err)) == CCCD_OK)
        rc = st->drv->step(s, &row, err);
    st->drv->reset(s);
    if (rc == CCCD_OK)
        rc = local_recount(st, pid, err);
    return rc;
}

cccd_errc store_local_note_card(cccd_store *st, int64_t pid, const char *number, int64_t issued,
                                int64_t expiry, cccd_err *err) {
    char v[LOCAL_VALUE_LEN + 64], is[24] = "", ex[24] = "";
    if (issued != INT64_MIN)
        snprintf(is, sizeof is, "%lld", (long long)issued);
    if (expiry != INT64_MAX)
        snprintf(ex, sizeof ex, "%lld", (long long)expiry);
    if (number == NULL) { /* a revocation: the card stored, with the new expiry */
        char cur[LOCAL_VALUE_LEN];
        cccd_errc rc = local_current(st, pid, "card", cur, sizeof cur, err);
        if (rc != CCCD_OK)
            return rc;
        char *last = strrchr(cur, '|');
        if (last)
            *last = '\0';
        snprintf(v, sizeof v, "%s|%s", cur, ex);
    } else {
        snprintf(v, sizeof v, "chip|%s|%s|%s", number, is, ex);
    }
    return store_local_note(st, pid, "card", v, "", err);
}

cccd_errc store_local_move(cccd_store *st, int64_t from, int64_t to, cccd_err *err) {
    store_stmt *s = NULL;
    bool row = false;
    cccd_errc rc =
        store_stmt_get(st, SLOT_LOCAL_MOVE,
                       "UPDATE citizen_local SET personal_id = $2 WHERE personal_id = $1", &s, err);
    if (rc == CCCD_OK && (rc = store_bindf(st, s, err, "ii", from, to)) == CCCD_OK)
        rc = st->drv->step(s, &row, err);
    st->drv->reset(s);
    return rc;
}

/* Before an import's update of citizen pid (which has local changes): each noted change is
 * put back over the row while the row still carries the value the extract had, and dropped
 * otherwise. */
static cccd_errc local_apply(cccd_store *st, int64_t pid, citizen_row *r, cccd_err *err) {
    store_stmt *s = NULL;
    bool row = false;
    char drop[16][32];
    int ndrop = 0;
    cccd_errc rc = store_stmt_get(st, SLOT_LOCAL_READ,
                                  "SELECT field, extract_value, local_value, local_key FROM"
                                  " citizen_local WHERE personal_id = $1",
                                  &s, err);
    if (rc == CCCD_OK)
        rc = st->drv->bind_int64(s, 1, pid, err);
    while (rc == CCCD_OK && (rc = st->drv->step(s, &row, err)) == CCCD_OK && row) {
        const char *field = st->drv->col_text(s, 0);
        char incoming[LOCAL_VALUE_LEN];
        row_field_text(r, field, incoming, sizeof incoming);
        if (strcmp(incoming, st->drv->col_text(s, 1)) == 0 &&
            strcmp(incoming, st->drv->col_text(s, 2)) != 0) {
            if (!row_put_local(r, field, st->drv->col_text(s, 2), st->drv->col_text(s, 3)))
                rc = cccd_err_set(err, CCCD_E_NOMEM, "citizen", "out of memory");
        } else if (ndrop < 16) {
            snprintf(drop[ndrop++], sizeof drop[0], "%s", field);
        }
    }
    st->drv->reset(s);
    for (int i = 0; rc == CCCD_OK && i < ndrop; i++) {
        rc = store_stmt_get(st, SLOT_LOCAL_DROP,
                            "DELETE FROM citizen_local WHERE personal_id = $1 AND field = $2", &s,
                            err);
        if (rc == CCCD_OK && (rc = store_bindf(st, s, err, "it", pid, drop[i])) == CCCD_OK)
            rc = st->drv->step(s, &row, err);
        st->drv->reset(s);
    }
    if (rc == CCCD_OK && ndrop > 0)
        rc = local_recount(st, pid, err);
    return rc;
}

static cccd_citizen_status status_of(const cccd_citizen *c, int64_t day) {
    bool card = c->card_type != CCCD_CARD_NONE;
    return cccd_citizen_status_on(
        day, c->deceased, cccd_citizen_eligible_from(c->dob), c->card_type == CCCD_CARD_CHIP,
        card ? cccd_date_to_days(c->card_issued) : INT64_MIN,
        card && c->card_expiry.prec == CCCD_DATE_DAY ? cccd_date_to_days(c->card_expiry)
                                                     : INT64_MAX);
}

static cccd_errc count(cccd_store *st, const char *unit_key, cccd_citizen_status s, int sign,
                       cccd_err *err) {
    cccd_counts d = {sign * s.resident, sign * s.eligible, sign * s.valid_card, 0};
    return store_counts_add(st, unit_key, &d, err);
}

cccd_errc cccd_store_citizen_upsert(cccd_store *st, const cccd_citizen *c, cccd_upsert *result,
                                    cccd_err *err) {
    int64_t ref;
    cccd_errc rc = store_reference_day(st, &ref, err);
    if (rc != CCCD_OK)
        return rc;
    if (!st->in_txn || ref == INT64_MIN)
        return cccd_err_set(err, CCCD_E_INTERNAL, "citizen",
                            "citizen upsert needs a transaction with cccd_store_coverage_begin");
    citizen_row scratch; /* its pu: the unit key, once it is filled */
    const char *pu = scratch.pu;
    store_stmt *s = NULL;
    bool row;
#define CITIZEN_VALUES                                                                             \
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,"    \
    " $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30)"
    /* in a bulk load the ID is known to be new: no conflict clause (no index to check it on);
     * a backend that can stream rows (PostgreSQL's COPY) gets them that way */
    if (st->bulk && st->drv->copy_row) {
        if (!st->copying) {
            rc = st->drv->copy_begin(st->conn, "COPY citizens (" CITIZEN_COLS ") FROM STDIN", err);
            if (rc != CCCD_OK)
                return rc;
            st->copying = true;
        }
        citizen_row_fill(st, c, &scratch);
        rc = st->drv->copy_row(st->conn, scratch.n, scratch.text, scratch.is_int, scratch.num, err);
        if (rc != CCCD_OK)
            return rc;
        *result = CCCD_UPSERT_INSERTED;
        return count(st, pu, status_of(c, ref), +1, err);
    }
    /* pid: the person's ID in the registry, which differs from the row's when the row's was
     * corrected away here (then the row is that person's, not a new one) */
    int64_t pid = strtoll(c->personal_id, NULL, 10), renamed = 0;
    if (!st->bulk && (rc = store_id_alias(st, pid, &renamed, err)) != CCCD_OK)
        return rc;
    if (renamed != 0) {
        pid = renamed;
    } else {
        if (st->bulk)
            rc = store_stmt_get(st, SLOT_BULK_INSERT,
                                "INSERT INTO citizens (" CITIZEN_COLS ")" CITIZEN_VALUES, &s, err);
        else
            rc = store_stmt_get(st, SLOT_INSERT, CITIZEN_INSERT_OR_NOTHING, &s, err);
        if (rc == CCCD_OK && (rc = bind_citizen(st, s, c, &scratch, err)) == CCCD_OK)
            rc = st->drv->step(s, &row, err);
        if (rc != CCCD_OK)
            return rc;
        if (st->bulk || st->drv->changes(s) == 1) {
            *result = CCCD_UPSERT_INSERTED;
            return count(st, pu, status_of(c, ref), +1, err);
        }
    }
    /* the ID is known: compare with what is stored */
    rc = store_stmt_get(st, SLOT_OLD,
                        "SELECT content_hash, permanent_unit, deceased, eligible_from, card_type,"
                        " card_issued, card_expiry, local_changes FROM citizens"
                        " WHERE personal_id = $1",
                        &s, err);
    if (rc == CCCD_OK && (rc = st->drv->bind_int64(s, 1, pid, err)) == CCCD_OK)
        rc = st->drv->step(s, &row, err);
    if (rc != CCCD_OK)
        return rc;
    if (!row)
        return cccd_err_set(err, CCCD_E_STORE, "citizen", "citizen %012lld vanished during upsert",
                            (long long)pid);
    if ((uint64_t)st->drv->col_int64(s, 0) == c->content_hash) {
        st->drv->reset(s);
        *result = CCCD_UPSERT_UNCHANGED;
        return CCCD_OK;
    }
    char old_unit[CCCD_UNIT_KEY_LEN];
    snprintf(old_unit, sizeof old_unit, "%s", st->drv->col_text(s, 1));
    cccd_citizen_status old =
        cccd_citizen_status_on(ref, st->drv->col_int64(s, 2) != 0, st->drv->col_int64(s, 3),
                               strcmp(st->drv->col_text(s, 4), "chip") == 0,
                               st->drv->col_null(s, 5) ? INT64_MIN : st->drv->col_int64(s, 5),
                               st->drv->col_null(s, 6) ? INT64_MAX : st->drv->col_int64(s, 6));
    bool local = st->drv->col_int64(s, 7) > 0;
    st->drv->reset(s);
    citizen_row_fill(st, c, &scratch);
    if (local || renamed != 0)
        rc = local_apply(st, pid, &scratch, err);
    if (rc == CCCD_OK)
        rc = store_stmt_get(st, SLOT_UPDATE, CITIZEN_UPDATE, &s, err);
    if (rc == CCCD_OK && (rc = bind_row(st, s, &scratch, err)) == CCCD_OK)
        rc = st->drv->step(s, &row, err);
    cccd_citizen_status now = status_of_row(&scratch, ref);
    row_release(&scratch);
    if (rc != CCCD_OK)
        return rc;
    *result = CCCD_UPSERT_UPDATED;
    rc = count(st, old_unit, old, -1, err);
    if (rc == CCCD_OK)
        rc = count(st, pu, now, +1, err);
    return rc;
}

/* What a batch found stored for one citizen. */
typedef struct stored {
    bool found, local; /* local: the citizen has local changes noted */
    uint64_t hash;
    char unit[CCCD_UNIT_KEY_LEN];
    cccd_citizen_status status; /* on the counters' day */
} stored;

typedef struct id_index {
    int64_t id;
    size_t i;
} id_index;

static int by_id(const void *a, const void *b) {
    int64_t x = ((const id_index *)a)->id, y = ((const id_index *)b)->id;
    return x < y ? -1 : x > y;
}

/* The stored rows of a batch's IDs, in one query (PostgreSQL). */
static cccd_errc batch_lookup(cccd_store *st, const cccd_citizen *const *cs, size_t n, int64_t ref,
                              stored *old, cccd_err *err) {
    id_index *ix = malloc(n * sizeof *ix);
    char *arr = malloc(n * 14 + 3);
    if (ix == NULL || arr == NULL) {
        free(ix);
        free(arr);
        return cccd_err_set(err, CCCD_E_NOMEM, "citizen", "out of memory");
    }
    size_t o = 0;
    arr[o++] = '{';
    for (size_t i = 0; i < n; i++) {
        ix[i].id = strtoll(cs[i]->personal_id, NULL, 10);
        ix[i].i = i;
        o += (size_t)snprintf(arr + o, 15, "%s%lld", i ? "," : "", (long long)ix[i].id);
    }
    arr[o++] = '}';
    arr[o] = '\0';
    qsort(ix, n, sizeof *ix, by_id);
    store_stmt *s = NULL;
    bool row;
    cccd_errc rc = store_stmt_get(
        st, SLOT_BATCH_LOOKUP,
        "SELECT personal_id, content_hash, permanent_unit, deceased, eligible_from, card_type,"
        " card_issued, card_expiry, local_changes FROM citizens"
        " WHERE personal_id = ANY ($1::bigint[])",
        &s, err);
    if (rc == CCCD_OK)
        rc = st->drv->bind_text(s, 1, arr, err);
    while (rc == CCCD_OK && (rc = st->drv->step(s, &row, err)) == CCCD_OK && row) {
        id_index key = {st->drv->col_int64(s, 0), 0};
        id_index *hit = bsearch(&key, ix, n, sizeof *ix, by_id);
        if (hit == NULL)
            continue;
        stored *x = &old[hit->i];
        x->found = true;
        x->hash = (uint64_t)st->drv->col_int64(s, 1);
        snprintf(x->unit, sizeof x->unit, "%s", st->drv->col_text(s, 2));
        x->status =
            cccd_citizen_status_on(ref, st->drv->col_int64(s, 3) != 0, st->drv->col_int64(s, 4),
                                   strcmp(st->drv->col_text(s, 5), "chip") == 0,
                                   st->drv->col_null(s, 6) ? INT64_MIN : st->drv->col_int64(s, 6),
                                   st->drv->col_null(s, 7) ? INT64_MAX : st->drv->col_int64(s, 7));
        x->local = st->drv->col_int64(s, 8) > 0;
    }
    st->drv->reset(s);
    free(ix);
    free(arr);
    return rc;
}

cccd_errc cccd_store_citizens_upsert_batch(cccd_store *st, const cccd_citizen *const *cs, size_t n,
                                           cccd_upsert *results, size_t *failed, cccd_err *err) {
    *failed = 0;
    /* a row under an ID corrected away here goes to its person one row at a time (which
     * store_id_alias handles), since the person may also be on another row of the batch */
    bool alias = false;
    if (!st->bulk && st->drv->pipeline_begin != NULL) {
        cccd_errc rc = store_id_alias_any(st, cs, n, &alias, err);
        if (rc != CCCD_OK)
            return rc;
    }
    if (st->bulk || st->drv->pipeline_begin == NULL || alias) {
        for (size_t i = 0; i < n; i++) {
            cccd_errc rc = cccd_store_citizen_upsert(st, cs[i], &results[i], err);
            if (rc != CCCD_OK) {
                *failed = i;
                return rc;
            }
        }
        return CCCD_OK;
    }
    /* PostgreSQL: one query finds what is stored, then the inserts and updates go in one
     * pipeline instead of a round trip each */
    int64_t ref;
    cccd_errc rc = store_reference_day(st, &ref, err);
    if (rc == CCCD_OK && (!st->in_txn || ref == INT64_MIN))
        rc = cccd_err_set(err, CCCD_E_INTERNAL, "citizen",
                          "citizen upsert needs a transaction with cccd_store_coverage_begin");
    stored *old = calloc(n ? n : 1, sizeof *old);
    size_t *sent = malloc((n ? n : 1) * sizeof *sent);
    int64_t *changes = calloc(n ? n : 1, sizeof *changes);
    citizen_row *rows = malloc((n ? n : 1) * sizeof *rows);
    if (rc == CCCD_OK && (old == NULL || sent == NULL || changes == NULL || rows == NULL))
        rc = cccd_err_set(err, CCCD_E_NOMEM, "citizen", "out of memory");
    if (rc == CCCD_OK)
        rc = batch_lookup(st, cs, n, ref, old, err);
    /* every row as it will be stored: the local changes are read (and dropped) before the
     * pipeline, which allows no answer to be waited for */
    for (size_t i = 0; rows != NULL && i < n; i++)
        citizen_row_fill(st, cs[i], &rows[i]);
    for (size_t i = 0; i < n && rc == CCCD_OK; i++)
        if (old[i].found && old[i].local && old[i].hash != cs[i]->content_hash)
            rc = local_apply(st, strtoll(cs[i]->personal_id, NULL, 10), &rows[i], err);
    /* both statements are prepared before the pipeline starts (preparing waits for the server,
     * which a pipeline does not allow) */
    store_stmt *ins = NULL, *upd = NULL;
    if (rc == CCCD_OK)
        rc = store_stmt_get(st, SLOT_INSERT, CITIZEN_INSERT_OR_NOTHING, &ins, err);
    if (rc == CCCD_OK)
        rc = store_stmt_get(st, SLOT_UPDATE, CITIZEN_UPDATE, &upd, err);
    size_t nsent = 0;
    bool piped = false;
    if (rc == CCCD_OK)
        piped = (rc = st->drv->pipeline_begin(st->conn, err)) == CCCD_OK;
    for (size_t i = 0; i < n && rc == CCCD_OK; i++) {
        store_stmt *s = NULL;
        if (old[i].found && old[i].hash == cs[i]->content_hash) {
            results[i] = CCCD_UPSERT_UNCHANGED;
            continue;
        }
        s = old[i].found ? upd : ins;
        st->drv->reset(s);
        rc = bind_row(st, s, &rows[i], err);
        if (rc == CCCD_OK)
            rc = st->drv->pipeline_send(s, err);
        sent[nsent++] = i;
        if (rc != CCCD_OK)
            *failed = i;
    }
    if (piped) {
        cccd_err perr;
        cccd_errc prc = st->drv->pipeline_end(st->conn, changes, nsent, &perr);
        if (rc == CCCD_OK && prc != CCCD_OK) {
            rc = prc;
            *err = perr;
            *failed = nsent ? sent[0] : 0;
        }
    }
    for (size_t k = 0; k < nsent && rc == CCCD_OK; k++) {
        size_t i = sent[k];
        char pu[CCCD_UNIT_KEY_LEN];
        cccd_store_unit_key(cs[i]->permanent_unit, pu);
        if (!old[i].found && changes[k] != 1) {
            *failed = i;
            rc = cccd_err_set(err, CCCD_E_STORE_BUSY, "personal_id",
                              "personal ID %s was added by another import while this one ran",
                              cs[i]->personal_id);
            break;
        }
        results[i] = old[i].found ? CCCD_UPSERT_UPDATED : CCCD_UPSERT_INSERTED;
        if (old[i].found)
            rc = count(st, old[i].unit, old[i].status, -1, err);
        if (rc == CCCD_OK)
            rc = count(st, pu, status_of_row(&rows[i], ref), +1, err);
    }
    for (size_t i = 0; rows != NULL && i < n; i++)
        row_release(&rows[i]);
    free(rows);
    free(old);
    free(sent);
    free(changes);
    return rc;
}

void cccd_store_record_free(cccd_store_record *r) {
    for (int i = 0; i < CCCD_CF__COUNT; i++)
        free(r->v[i]);
    free(r->permanent_unit);
    free(r->temporary_unit);
    free(r->name_key);
    free(r->province);
    memset(r, 0, sizeof *r);
}

#define SELECT_RECORD                                                                              \
    "SELECT personal_id, full_name, date_of_birth, sex, ethnicity, religion, nationality,"         \
    " place_of_origin, permanent_unit, permanent_address, household_id, relation_to_head,"         \
    " residential_group, temporary_unit, temporary_address, deceased, immobile,"                   \
    " old_id_number, card_type, card_number, card_issued, card_expiry, father_name,"               \
    " mother_name, spouse_name, name_key, province, eligible_from FROM citizens "

static char *dup_or_empty(const char *s) {
    return strdup(s ? s : "");
}

static char *day_text(cccd_store *st, store_stmt *s, int col) {
    if (st->drv->col_null(s, col))
        return strdup("");
    char iso[11];
    return strdup(cccd_date_iso(cccd_date_from_days(st->drv->col_int64(s, col)), iso));
}

/* Fills a record from the current row of a SELECT_RECORD statement. */
static cccd_errc read_record(cccd_store *st, store_stmt *s, cccd_store_record *r, cccd_err *err) {
    memset(r, 0, sizeof *r);
    const store_driver *d = st->drv;
    for (int f = 0; f < CCCD_CF__COUNT; f++) {
        switch (f) {
            case CCCD_CF_PERMANENT_COMMUNE:
            case CCCD_CF_TEMPORARY_COMMUNE: {
                /* the code part of the unit key */
                const char *k = d->col_text(s, f);
                r->v[f] = strndup(k ? k : "", k ? strcspn(k, "@") : 0);
                break;
            }
            case CCCD_CF_STATUS:
                r->v[f] = strdup(d->col_int64(s, f) ? "deceased" : "alive");
                break;
            case CCCD_CF_MOBILITY:
                r->v[f] = strdup(d->col_int64(s, f) == CCCD_MOBILITY_IMMOBILE  ? "immobile"
                                 : d->col_int64(s, f) == CCCD_MOBILITY_UNKNOWN ? "unknown"
                                                                               : "normal");
                break;
            case CCCD_CF_CARD_ISSUED:
            case CCCD_CF_CARD_EXPIRY:
                r->v[f] = day_text(st, s, f);
                break;
            case CCCD_CF_PERSONAL_ID: {
                /* stored as a number: the leading zeros come back here */
                char id[16];
                snprintf(id, sizeof id, "%012lld", (long long)d->col_int64(s, f));
                r->v[f] = strdup(id);
                break;
            }
            default:
                r->v[f] = dup_or_empty(d->col_text(s, f));
        }
    }
    r->permanent_unit = dup_or_empty(d->col_text(s, CCCD_CF_PERMANENT_COMMUNE));
    r->temporary_unit = dup_or_empty(d->col_text(s, CCCD_CF_TEMPORARY_COMMUNE));
    r->name_key = dup_or_empty(d->col_text(s, CCCD_CF__COUNT));
    r->province = dup_or_empty(d->col_text(s, CCCD_CF__COUNT + 1));
    r->eligible_from = d->col_int64(s, CCCD_CF__COUNT + 2);
    bool ok = r->permanent_unit && r->temporary_unit && r->name_key && r->province;
    for (int f = 0; f < CCCD_CF__COUNT; f++)
        ok = ok && r->v[f];
    if (!ok) {
        cccd_store_record_free(r);
        return cccd_err_set(err, CCCD_E_NOMEM, "citizen", "out of memory");
    }
    return CCCD_OK;
}

cccd_errc cccd_store_citizen_get(cccd_store *st, const char *personal_id, cccd_store_record *out,
                                 bool *found, cccd_err *err) {
    store_stmt *s = NULL;
    bool row = false;
    *found = false;
    cccd_errc rc = store_stmt_get(st, SLOT_GET, SELECT_RECORD "WHERE personal_id = $1", &s, err);
    if (rc == CCCD_OK &&
        (rc = st->drv->bind_int64(s, 1, strtoll(personal_id, NULL, 10), err)) == CCCD_OK)
        rc = st->drv->step(s, &row, err);
    if (rc == CCCD_OK && row) {
        rc = read_record(st, s, out, err);
        *found = rc == CCCD_OK;
    }
    st->drv->reset(s);
    return rc;
}

/* Runs a prepared record query and hands each row to cb. */
static cccd_errc each_record(cccd_store *st, store_stmt *s, cccd_store_record_cb cb, void *ctx,
                             cccd_err *err) {
    bool row;
    cccd_errc rc;
    while ((rc = st->drv->step(s, &row, err)) == CCCD_OK && row) {
        cccd_store_record r;
        if ((rc = read_record(st, s, &r, err)) != CCCD_OK)
            break;
        bool more = cb(ctx, &r);
        cccd_store_record_free(&r);
        if (!more)
            break;
    }
    st->drv->reset(s);
    return rc;
}

cccd_errc cccd_store_citizens_find(cccd_store *st, const char *unit_key, const char *key_prefix,
                                   int limit, cccd_store_record_cb cb, void *ctx, cccd_err *err) {
    /* a prefix range on the key, in byte order: [prefix, prefix + U+10FFFF) */
    size_t n = strlen(key_prefix);
    char *hi = malloc(n + 5);
    if (hi == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, "name", "out of memory");
    memcpy(hi, key_prefix, n);
    memcpy(hi + n, "\xf4\x8f\xbf\xbf", 5);
    store_stmt *s = NULL;
    cccd_errc rc = store_stmt_get(st, SLOT_FIND,
                                  SELECT_RECORD "WHERE permanent_unit = $1 AND name_key >= $2"
                                                " AND name_key < $3"
                                                " ORDER BY name_key, personal_id LIMIT $4",
                                  &s, err);
    if (rc == CCCD_OK && (rc = st->drv->bind_text(s, 1, unit_key, err)) == CCCD_OK &&
        (rc = st->drv->bind_text(s, 2, key_prefix, err)) == CCCD_OK &&
        (rc = st->drv->bind_text(s, 3, hi, err)) == CCCD_OK &&
        (rc = st->drv->bind_int64(s, 4, limit, err)) == CCCD_OK)
        rc = each_record(st, s, cb, ctx, err);
    free(hi);
    return rc;
}

/* Who still needs a card on day $2 among the citizens registered under unit key $1: alive, 14
 * or over, no chip card valid that day. One text for the remaining list and planning. */
/* eligible, no valid chip card, and no application counted "in progress" (coverage counts
 * those apart, so the list and the remaining figure agree) */
#define NOT_IN_PROGRESS                                                                            \
    " AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.personal_id = citizens.personal_id"     \
    " AND a.progress_unit IS NOT NULL)"
#define REMAINING_WHERE                                                                            \
    "WHERE permanent_unit = $1 AND deceased = 0 AND eligible_from <= $2"                           \
    " AND NOT (card_type = 'chip' AND card_issued <= $2"                                           \
    " AND (card_expiry IS NULL OR card_expiry >= $2))" NOT_IN_PROGRESS

cccd_errc cccd_store_remaining(cccd_store *st, const char *unit_key, int64_t day,
                               const char *after_group, const char *after_household,
                               const char *after_id, int limit, cccd_store_record_cb cb, void *ctx,
                               cccd_err *err) {
    store_stmt *s = NULL;
    cccd_errc rc =
        store_stmt_get(st, SLOT_REMAINING,
                       SELECT_RECORD REMAINING_WHERE
                       " AND (residential_group, household_id, personal_id) > ($3, $4, $5)"
                       " ORDER BY residential_group, household_id, personal_id LIMIT $6",
                       &s, err);
    if (rc == CCCD_OK && (rc = st->drv->bind_text(s, 1, unit_key, err)) == CCCD_OK &&
        (rc = st->drv->bind_int64(s, 2, day, err)) == CCCD_OK &&
        (rc = st->drv->bind_text(s, 3, after_group ? after_group : "", err)) == CCCD_OK &&
        (rc = st->drv->bind_text(s, 4, after_household ? after_household : "", err)) == CCCD_OK &&
        (rc = st->drv->bind_int64(s, 5, after_id ? strtoll(after_id, NULL, 10) : -1, err)) ==
            CCCD_OK &&
        (rc = st->drv->bind_int64(s, 6, limit, err)) == CCCD_OK)
        rc = each_record(st, s, cb, ctx, err);
    return rc;
}

/* The columns of a brief (each_brief reads them by position). */
#define BRIEF_COLS                                                                                 \
    "SELECT personal_id, full_name, date_of_birth, permanent_address, household_id,"               \
    " residential_group, COALESCE(temporary_unit, ''), temporary_address, old_id_number,"          \
    " card_type, immobile"

/* Runs a prepared brief query and hands each row to cb; the registered unit is `key`, or the
 * query's column 11 when key is NULL. */
static cccd_errc each_brief(cccd_store *st, store_stmt *s, const char *key, cccd_store_brief_cb cb,
                            void *ctx, cccd_err *err) {
    const store_driver *d = st->drv;
    bool row;
    cccd_errc rc;
    while ((rc = d->step(s, &row, err)) == CCCD_OK && row) {
        cccd_store_brief b;
        b.personal_id = d->col_int64(s, 0);
        b.full_name = s0(d->col_text(s, 1));
        b.date_of_birth = s0(d->col_text(s, 2));
        b.permanent_address = s0(d->col_text(s, 3));
        b.household_id = s0(d->col_text(s, 4));
        b.residential_group = s0(d->col_text(s, 5));
        b.temporary_unit = s0(d->col_text(s, 6));
        b.temporary_address = s0(d->col_text(s, 7));
        b.old_id_number = s0(d->col_text(s, 8));
        b.card_type = s0(d->col_text(s, 9));
        int64_t m = d->col_int64(s, 10);
        b.mobility = m == CCCD_MOBILITY_IMMOBILE  ? CCCD_MOBILITY_IMMOBILE
                     : m == CCCD_MOBILITY_UNKNOWN ? CCCD_MOBILITY_UNKNOWN
                                                  : CCCD_MOBILITY_NORMAL;
        b.permanent_unit = key ? key : s0(d->col_text(s, 11));
        if (!cb(ctx, &b))
            break;
    }
    d->reset(s);
    return rc;
}

cccd_errc cccd_store_remaining_brief(cccd_store *st, const char *unit_key, int64_t day,
                                     cccd_store_brief_cb cb, void *ctx, cccd_err *err) {
    store_stmt *s = NULL;
    cccd_errc rc =
        store_stmt_get(st, SLOT_REMAINING_BRIEF,
                       BRIEF_COLS " FROM citizens " REMAINING_WHERE
                                  " ORDER BY residential_group, household_id, personal_id",
                       &s, err);
    if (rc == CCCD_OK && (rc = st->drv->bind_text(s, 1, unit_key, err)) == CCCD_OK &&
        (rc = st->drv->bind_int64(s, 2, day, err)) == CCCD_OK)
        return each_brief(st, s, unit_key, cb, ctx, err);
    if (s)
        st->drv->reset(s);
    return rc;
}

cccd_errc cccd_store_remaining_brief_temporary(cccd_store *st, const char *temporary_key,
                                               int64_t day, cccd_store_brief_cb cb, void *ctx,
                                               cccd_err *err) {
    store_stmt *s = NULL;
    cccd_errc rc = store_stmt_get(
        st, SLOT_REMAINING_TEMPORARY,
        BRIEF_COLS ", permanent_unit FROM citizens WHERE temporary_unit = $1 AND temporary_unit IS "
                   "NOT NULL AND deceased = 0"
                   " AND eligible_from <= $2 AND NOT (card_type = 'chip' AND card_issued <= $2"
                   " AND (card_expiry IS NULL OR card_expiry >= $2))" NOT_IN_PROGRESS
                   " ORDER BY personal_id",
        &s, err);
    if (rc == CCCD_OK && (rc = st->drv->bind_text(s, 1, temporary_key, err)) == CCCD_OK &&
        (rc = st->drv->bind_int64(s, 2, day, err)) == CCCD_OK)
        return each_brief(st, s, NULL, cb, ctx, err);
    if (s)
        st->drv->reset(s);
    return rc;
}
