/*
 * enrollment.c: opening, correcting and moving applications (see enrollment.h). Each operation
 * checks its rules, writes, appends its audit entry and moves the unit's daily figures in one
 * transaction.
 */
#include "service/enrollment.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/citizen.h"
#include "core/pid.h"
#include "core/text.h"
#include "core/fingerprint.h"
#include "core/validity.h"
#include "service/audit_log.h"
#include "service/jurisdiction.h"
#include "store/store_points.h"
#include "store/store_queue.h"

static cccd_errc audit(cccd_store *st, const cccd_actor *by, const char *action,
                       const char *personal_id, const char *detail, cccd_err *err) {
    return cccd_audit_change(st, by, action, personal_id, detail, err);
}

static int64_t day_of(int64_t now) {
    return cccd_date_to_days(cccd_date_vn_from_unix(now));
}

static cccd_errc app_unknown(cccd_err *err, int64_t id) {
    return cccd_err_set(err, CCCD_E_APP_UNKNOWN, "application", "there is no application %lld",
                        (long long)id);
}

cccd_errc cccd_enroll_get(cccd_store *st, int64_t id, cccd_application *out, cccd_err *err) {
    bool found = false;
    cccd_errc rc = cccd_store_app_get(st, id, out, &found, err);
    if (rc == CCCD_OK && !found)
        rc = app_unknown(err, id);
    return rc;
}

/* ---- opening ---- */

typedef struct open_ctx {
    const cccd_units *u;
    cccd_date today;
    int64_t now;
    const cccd_actor *by;
    const cccd_enroll_open_req *r;
    cccd_application *out;
    bool *created;
} open_ctx;

/* Whether the commune of permanent residence changed since the card was issued (a merge or
 * a split): what changes on the new card. */
static void unit_changed(const cccd_units *u, const cccd_store_record *r, cccd_date today,
                         char *buf, size_t size) {
    buf[0] = '\0';
    const cccd_unit *v = u ? cccd_units_by_key(u, r->permanent_unit) : NULL;
    if (v == NULL || v->valid_to.prec != CCCD_DATE_DAY ||
        cccd_date_to_days(v->valid_to) > cccd_date_to_days(today))
        return;
    cccd_date issued = cccd_date_or_none(r->v[CCCD_CF_CARD_ISSUED]);
    if (issued.prec == CCCD_DATE_DAY && cccd_date_to_days(issued) >= cccd_date_to_days(v->valid_to))
        return;
    char d[11];
    snprintf(buf, size, "the commune of permanent residence %s (%s) ended on %s", v->name, v->code,
             cccd_date_iso(v->valid_to, d));
}

static cccd_errc open_txn(cccd_store *st, void *ctx, cccd_err *err) {
    open_ctx *c = ctx;
    const cccd_enroll_open_req *r = c->r;
    cccd_application *a = c->out;
    bool found = false;
    *c->created = false;
    /* a retry: the same application, whatever else the request says */
    cccd_errc rc = cccd_store_app_by_request(st, r->request_id, a, &found, err);
    if (rc != CCCD_OK || found) {
        if (rc == CCCD_OK && strcmp(a->personal_id, r->personal_id) != 0)
            rc = cccd_err_set(err, CCCD_E_APP_REQUEST, "request_id",
                              "request id %s opened application %lld for another person; use a "
                              "new request id",
                              r->request_id, (long long)a->id);
        return rc;
    }
    cccd_store_record rec;
    memset(&rec, 0, sizeof rec);
    if ((rc = cccd_store_citizen_get(st, r->personal_id, &rec, &found, err)) != CCCD_OK)
        return rc;
    if (!found)
        return cccd_err_set(err, CCCD_E_CITIZEN_UNKNOWN, "personal_id", "%s is not in the registry",
                            r->personal_id);
    cccd_application open;
    if ((rc = cccd_store_app_open_for(st, r->personal_id, &open, &found, err)) != CCCD_OK)
        goto out;
    if (found && strcmp(open.request_id, r->request_id) == 0) {
        /* the same request, committed by another desk's retry after our first look (PostgreSQL
         * reads each statement's own snapshot) */
        *a = open;
        goto out;
    }
    if (found) {
        rc = cccd_err_set(err, CCCD_E_APP_OPEN, "personal_id",
                          "no application: %s has application %lld open (%s)", r->personal_id,
                          (long long)open.id, cccd_app_state_name(open.state));
        goto out;
    }
    char changed[200];
    unit_changed(c->u, &rec, c->today, changed, sizeof changed);
    if (!changed[0] && r->changed && r->changed[0])
        snprintf(changed, sizeof changed, "%.190s", r->changed);
    const char *ct = rec.v[CCCD_CF_CARD_TYPE];
    cccd_app_facts f = {
        .today = c->today,
        .dob = cccd_date_or_none(rec.v[CCCD_CF_DATE_OF_BIRTH]),
        .deceased = strcmp(rec.v[CCCD_CF_STATUS], "deceased") == 0,
        .card_type = strcmp(ct, "chip") == 0      ? CCCD_CARD_CHIP
                     : strcmp(ct, "barcode") == 0 ? CCCD_CARD_BARCODE
                                                  : CCCD_CARD_NONE,
        .card_number = rec.v[CCCD_CF_CARD_NUMBER],
        .card_issued = cccd_date_or_none(rec.v[CCCD_CF_CARD_ISSUED]),
        .card_expiry = cccd_date_or_none(rec.v[CCCD_CF_CARD_EXPIRY]),
        .lost = r->lost,
        .damaged = r->damaged,
        .changed = changed,
        .window_days = r->window_days > 0 ? r->window_days : CCCD_APP_EXCHANGE_WINDOW_DAYS,
    };
    cccd_app_decision dec;
    if ((rc = cccd_app_decide(&f, &dec, err)) != CCCD_OK)
        goto out;
    memset(a, 0, sizeof *a);
    snprintf(a->request_id, sizeof a->request_id, "%s", r->request_id);
    snprintf(a->personal_id, sizeof a->personal_id, "%s", r->personal_id);
    snprintf(a->province, sizeof a->province, "%s", rec.province);
    a->type = dec.type;
    snprintf(a->type_reason, sizeof a->type_reason, "%s", dec.reason);
    a->state = CCCD_APP_DRAFT;
    /* the unit that serves the person now: a merged commune's successor */
    const cccd_unit *home = cccd_unit_now(c->u, rec.permanent_unit, c->today);
    if (home)
        cccd_store_unit_key(home, a->unit_key);
    else
        snprintf(a->unit_key, sizeof a->unit_key, "%s", rec.permanent_unit);
    if (r->point_id > 0) {
        cccd_point p;
        if ((rc = cccd_store_point_get(st, r->point_id, &p, err)) != CCCD_OK)
            goto out;
        a->point_id = p.id;
        snprintf(a->unit_key, sizeof a->unit_key, "%s", p.unit_key);
        cccd_queue_entry q;
        rc = cccd_store_queue_active(st, p.id, cccd_date_to_days(c->today),
                                     strtoll(r->personal_id, NULL, 10), &q, &found, err);
        if (rc != CCCD_OK)
            goto out;
        if (found && q.state == CCCD_QUEUE_CALLED)
            a->queue_entry = q.id;
    }
    snprintf(a->officer, sizeof a->officer, "%s", cccd_actor_name(c->by));
    a->created_at = c->now;
    if (dec.revoke)
        snprintf(a->revoked_card, sizeof a->revoked_card, "%s", rec.v[CCCD_CF_CARD_NUMBER]);
    bool created = false;
    rc = cccd_store_app_insert(st, a, &created, err);
    if (rc == CCCD_E_STORE_CONSTRAINT)
        /* another desk opened one for this person at the same moment (PostgreSQL): the runner
         * tries again and then finds it */
        rc = cccd_err_set(err, CCCD_E_STORE_BUSY, NULL,
                          "another application for %s came at the same moment; try again",
                          r->personal_id);
    if (rc != CCCD_OK)
        goto out;
    if (!created) { /* a concurrent retry committed first: read it back */
        rc = cccd_store_app_by_request(st, r->request_id, a, &found, err);
        if (rc == CCCD_OK && !found)
            rc = cccd_err_set(err, CCCD_E_STORE_BUSY, NULL, "request %s: try again", r->request_id);
        goto out;
    }
    if (dec.revoke) {
        bool revoked = false;
        rc = cccd_store_citizen_revoke_card(st, r->personal_id, cccd_date_to_days(c->today),
                                            &revoked, err);
    }
    cccd_app_event e = {.application_id = a->id, .from = -1, .to = CCCD_APP_DRAFT, .at = c->now};
    snprintf(e.actor, sizeof e.actor, "%s", cccd_actor_name(c->by));
    snprintf(e.reason, sizeof e.reason, "%s: %.200s", cccd_app_type_name(a->type), a->type_reason);
    if (rc == CCCD_OK)
        rc = cccd_store_app_event_add(st, &e, err);
    char detail[400];
    snprintf(detail, sizeof detail, "application=%lld request=%s type=%s reason=%s",
             (long long)a->id, a->request_id, cccd_app_type_name(a->type), a->type_reason);
    if (rc == CCCD_OK)
        rc = audit(st, c->by, "application.open", a->personal_id, detail, err);
    if (rc == CCCD_OK)
        *c->created = true;
out:
    cccd_store_record_free(&rec);
    return rc;
}

static bool request_id_ok(const char *s) {
    size_t n = s ? strlen(s) : 0;
    if (n == 0 || n > CCCD_APP_REQUEST_MAX)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] <= ' ' || s[i] > '~')
            return false;
    return true;
}

cccd_errc cccd_enroll_open(cccd_store *st, const cccd_units *u, cccd_date today, int64_t now,
                           const cccd_actor *by, const cccd_enroll_open_req *r,
                           cccd_application *out, bool *created, cccd_err *err) {
    bool ignore;
    if (created == NULL)
        created = &ignore;
    *created = false;
    cccd_errc rc = cccd_actor_may(by, CCCD_PERM_APPLICATION_WRITE, "open an application", err);
    if (rc != CCCD_OK)
        return rc;
    cccd_pid pid;
    if (r->personal_id == NULL ||
        cccd_pid_parse(r->personal_id, strlen(r->personal_id), NULL, &pid, err) != CCCD_OK)
        return cccd_err_set(err, CCCD_E_ARG, "personal_id",
                            "personal_id: '%.20s' is not a personal ID number (12 digits)",
                            r->personal_id ? r->personal_id : "");
    if (!request_id_ok(r->request_id))
        return cccd_err_set(err, CCCD_E_ARG, "request_id",
                            "request_id: 1 to %d printable ASCII characters without spaces "
                            "(a UUID made by the desk)",
                            CCCD_APP_REQUEST_MAX);
    open_ctx c = {u, today, now, by, r, out, created};
    return cccd_store_transaction(st, open_txn, &c, err);
}

/* ---- steps ---- */

typedef struct move_ctx {
    int64_t id;
    cccd_app_state to;
    const cccd_enroll_step *opt;
    int64_t now;
    const cccd_actor *by;
    cccd_application *out;
} move_ctx;

typedef struct pending {
    int corrections, exceptions;
    bool last_exception[11];
    bool last_confirmed[11];
    int last_attempt[11];
    int last_quality[11];
    bool portrait;
} pending;

static void count_correction(void *ctx, const cccd_correction *c) {
    if (c->state == CCCD_CORR_PROPOSED)
        ((pending *)ctx)->corrections++;
}

static void count_bio(void *ctx, const cccd_bio *b) {
    pending *p = ctx;
    p->portrait = p->portrait || b->portrait;
    if (b->portrait || b->finger < 1 || b->finger > 10 || b->attempt < p->last_attempt[b->finger])
        return;
    p->last_attempt[b->finger] = b->attempt;
    p->last_quality[b->finger] = b->quality;
    p->last_exception[b->finger] = b->exception[0] != '\0';
    p->last_confirmed[b->finger] = b->confirmed_by[0] != '\0';
}

/* Submission needs the desk's captures: the portrait, and for each finger an accepted
 * capture (its last attempt at or above the recapture threshold) or an exception (which a
 * supervisor confirms before approval). */
static cccd_errc captures_done(cccd_store *st, int64_t app_id, cccd_err *err) {
    pending p;
    memset(&p, 0, sizeof p);
    cccd_errc rc = cccd_store_bio_list(st, app_id, false, count_bio, &p, err);
    if (rc != CCCD_OK)
        return rc;
    if (!p.portrait)
        return cccd_err_set(err, CCCD_E_APP_STATE, "portrait",
                            "application %lld has no portrait: take the photo first",
                            (long long)app_id);
    int threshold = cccd_finger_rules_default().recapture_below;
    for (int f = 1; f <= 10; f++) {
        if (p.last_attempt[f] == 0)
            return cccd_err_set(err, CCCD_E_APP_STATE, "fingers",
                                "application %lld has no capture of finger %d (%s): take it or "
                                "record why it cannot be taken",
                                (long long)app_id, f, cccd_finger_position_name(f));
        if (!p.last_exception[f] && p.last_quality[f] < threshold)
            return cccd_err_set(err, CCCD_E_APP_STATE, "fingers",
                                "application %lld: finger %d (%s) scored %d, below %d: capture "
                                "it again",
                                (long long)app_id, f, cccd_finger_position_name(f),
                                p.last_quality[f], threshold);
    }
    return CCCD_OK;
}

static const char *shift_of(int64_t now) {
    int64_t minute = ((now + 7 * 3600) % 86400 + 86400) % 86400 / 60;
    return minute < 12 * 60 ? "morning" : minute < 18 * 60 ? "afternoon" : "evening";
}

static cccd_errc figures(cccd_store *st, const cccd_application *a, cccd_app_state to, int64_t now,
                         const cccd_actor *by, cccd_err *err) {
    int64_t day = day_of(now);
    const char *u = a->unit_key;
    if (to != CCCD_APP_SUBMITTED)
        return cccd_store_app_figure_add(st, u, day, cccd_app_state_name(to), "", 1, err);
    const char *kind = "none";
    cccd_errc rc = CCCD_OK;
    if (a->point_id > 0) {
        cccd_point p;
        if ((rc = cccd_store_point_get(st, a->point_id, &p, err)) != CCCD_OK)
            return rc;
        kind = cccd_point_kind_name(p.kind);
    }
    if ((rc = cccd_store_app_figure_add(st, u, day, "received", cccd_app_type_name(a->type), 1,
                                        err)) == CCCD_OK &&
        (rc = cccd_store_app_figure_add(st, u, day, "received_point", kind, 1, err)) == CCCD_OK &&
        (rc = cccd_store_app_figure_add(st, u, day, "received_shift", shift_of(now), 1, err)) ==
            CCCD_OK)
        rc = cccd_store_app_figure_add(st, u, day, "received_by", cccd_actor_name(by), 1, err);
    return rc;
}

/* delivered: the new card goes into the registry, issued the day it was produced */
static cccd_errc record_card(cccd_store *st, const cccd_application *a, int64_t now,
                             cccd_err *err) {
    int64_t produced_at = 0;
    cccd_errc rc = cccd_store_app_entered(st, a->id, CCCD_APP_PRODUCED, &produced_at, err);
    if (rc != CCCD_OK)
        return rc;
    cccd_date issued = cccd_date_vn_from_unix(produced_at ? produced_at : now);
    cccd_store_record rec;
    bool found = false;
    memset(&rec, 0, sizeof rec);
    if ((rc = cccd_store_citizen_get(st, a->personal_id, &rec, &found, err)) != CCCD_OK)
        return rc;
    int64_t expiry = INT64_MAX;
    if (found) {
        cccd_expiry ex;
        if (cccd_card_expiry(cccd_date_or_none(rec.v[CCCD_CF_DATE_OF_BIRTH]), issued, &ex, err) ==
                CCCD_OK &&
            !ex.none)
            expiry = cccd_date_to_days(ex.date);
        rc = cccd_store_citizen_new_card(st, a->personal_id,
                                         a->card_number[0] ? a->card_number : a->personal_id,
                                         cccd_date_to_days(issued), expiry, err);
    }
    cccd_store_record_free(&rec);
    return rc;
}

static cccd_errc move_txn(cccd_store *st, void *ctx, cccd_err *err) {
    move_ctx *c = ctx;
    cccd_application *a = c->out;
    cccd_errc rc = cccd_enroll_get(st, c->id, a, err);
    if (rc != CCCD_OK)
        return rc;
    cccd_perm perm;
    if (!cccd_app_step(a->state, c->to, &perm)) {
        char next[80];
        return cccd_err_set(
            err, CCCD_E_APP_STATE, "state", "application %lld is %s: it can go to %s, not %s",
            (long long)a->id, cccd_app_state_name(a->state),
            cccd_app_next_names(a->state, next, sizeof next), cccd_app_state_name(c->to));
    }
    char what[48];
    snprintf(what, sizeof what, "move an application to %s", cccd_app_state_name(c->to));
    if ((rc = cccd_actor_may(c->by, perm, what, err)) != CCCD_OK)
        return rc;
    const char *reason = c->opt && c->opt->reason ? c->opt->reason : "";
    if (c->to == CCCD_APP_REJECTED && reason[0] == '\0')
        return cccd_err_set(err, CCCD_E_ARG, "reason", "reason: say why it is rejected");
    if (c->to == CCCD_APP_DELIVERED && !(c->opt && c->opt->citizen_confirmed))
        return cccd_err_set(err, CCCD_E_ARG, "confirmed",
                            "confirmed: the citizen must confirm receiving the card");
    if (c->to == CCCD_APP_RETURNED) {
        int days = c->opt && c->opt->return_after_days > 0 ? c->opt->return_after_days
                                                           : CCCD_APP_RETURN_DAYS;
        int64_t at = 0;
        if ((rc = cccd_store_app_entered(st, a->id, CCCD_APP_RECEIVED, &at, err)) != CCCD_OK)
            return rc;
        if (c->now - at < (int64_t)days * 86400)
            return cccd_err_set(err, CCCD_E_APP_STATE, "state",
                                "application %lld: the card reached the unit %lld days ago; it "
                                "can be returned after %d days",
                                (long long)a->id, (long long)((c->now - at) / 86400), days);
    }
    if (c->to == CCCD_APP_SUBMITTED && (rc = captures_done(st, a->id, err)) != CCCD_OK)
        return rc;
    if (c->to == CCCD_APP_APPROVED) {
        pending p;
        memset(&p, 0, sizeof p);
        if ((rc = cccd_store_corrections(st, a->id, count_correction, &p, err)) != CCCD_OK ||
            (rc = cccd_store_bio_list(st, a->id, false, count_bio, &p, err)) != CCCD_OK)
            return rc;
        for (int f = 1; f <= 10; f++)
            p.exceptions += p.last_exception[f] && !p.last_confirmed[f];
        if (p.corrections > 0)
            return cccd_err_set(err, CCCD_E_APP_STATE, "corrections",
                                "application %lld has %d correction(s) still proposed: approve "
                                "or reject them first",
                                (long long)a->id, p.corrections);
        if (p.exceptions > 0)
            return cccd_err_set(err, CCCD_E_APP_STATE, "fingers",
                                "application %lld has %d finger exception(s) not confirmed by a "
                                "supervisor",
                                (long long)a->id, p.exceptions);
    }
    cccd_app_state from = a->state;
    bool changed = false;
    rc = cccd_store_app_move(st, a->id, from, c->to, c->now,
                             c->to == CCCD_APP_REJECTED ? reason : NULL,
                             c->to == CCCD_APP_PRODUCED ? a->personal_id : NULL, &changed, err);
    if (rc == CCCD_OK && !changed)
        return cccd_err_set(err, CCCD_E_STORE_BUSY, NULL,
                            "application %lld changed at the same moment; try again",
                            (long long)a->id);
    if (rc != CCCD_OK)
        return rc;
    a->state = c->to;
    a->updated_at = c->now;
    if (c->to == CCCD_APP_REJECTED)
        snprintf(a->rejection_reason, sizeof a->rejection_reason, "%s", reason);
    if (c->to == CCCD_APP_PRODUCED)
        snprintf(a->card_number, sizeof a->card_number, "%s", a->personal_id);
    if (c->to == CCCD_APP_DELIVERED && (rc = record_card(st, a, c->now, err)) != CCCD_OK)
        return rc;
    /* coverage: in progress from submission until the application closes */
    if ((c->to == CCCD_APP_SUBMITTED || !cccd_app_state_open(c->to)) &&
        (rc = cccd_store_app_progress(st, a, c->to == CCCD_APP_SUBMITTED, err)) != CCCD_OK)
        return rc;
    cccd_app_event e = {.application_id = a->id, .from = (int)from, .to = c->to, .at = c->now};
    snprintf(e.actor, sizeof e.actor, "%s", cccd_actor_name(c->by));
    snprintf(e.reason, sizeof e.reason, "%s", reason);
    char action[48], detail[400];
    snprintf(action, sizeof action, "application.%s", cccd_app_state_name(c->to));
    snprintf(detail, sizeof detail, "application=%lld from=%s%s%s", (long long)a->id,
             cccd_app_state_name(from), reason[0] ? " reason=" : "", reason);
    if ((rc = cccd_store_app_event_add(st, &e, err)) == CCCD_OK &&
        (rc = figures(st, a, c->to, c->now, c->by, err)) == CCCD_OK)
        rc = audit(st, c->by, action, a->personal_id, detail, err);
    return rc;
}

cccd_errc cccd_enroll_move(cccd_store *st, int64_t id, cccd_app_state to,
                           const cccd_enroll_step *opt, int64_t now, const cccd_actor *by,
                           cccd_application *out, cccd_err *err) {
    cccd_application local;
    move_ctx c = {id, to, opt, now, by, out ? out : &local};
    return cccd_store_transaction(st, move_txn, &c, err);
}

/* ---- corrections ---- */

typedef struct corr_ctx {
    int64_t app_id, corr_id;
    const char *field, *value, *reason, *evidence;
    bool approve;
    int64_t now;
    const cccd_actor *by;
    cccd_correction *out;
} corr_ctx;

/* The value as the registry keeps it (normalised), with the name key or eligibility it
 * implies. */
static cccd_errc normalise(const char *field, const char *value, char *out, size_t size, char *key,
                           size_t ksize, int64_t *eligible_from, cccd_err *err) {
    cccd_errc rc = CCCD_OK;
    char *v = NULL;
    key[0] = '\0';
    *eligible_from = 0;
    size_t n = strlen(value);
    if (strcmp(field, "full_name") == 0) {
        char *k = NULL;
        if ((rc = cccd_text_title(value, n, "value", &v, err)) == CCCD_OK &&
            (rc = cccd_text_key(v, strlen(v), "value", &k, err)) == CCCD_OK)
            snprintf(key, ksize, "%s", k);
        free(k);
    } else if (strcmp(field, "date_of_birth") == 0) {
        cccd_date d;
        if ((rc = cccd_date_parse(value, "value", &d, err)) == CCCD_OK) {
            char iso[11];
            snprintf(out, size, "%s", cccd_date_iso(d, iso));
            *eligible_from = cccd_citizen_eligible_from(d);
        }
        return rc;
    } else if (strcmp(field, "sex") == 0) {
        cccd_sex s;
        if ((rc = cccd_sex_parse(value, "value", &s, err)) == CCCD_OK)
            snprintf(out, size, "%s", s == CCCD_SEX_FEMALE ? "F" : "M");
        return rc;
    } else if (strcmp(field, "personal_id") == 0) {
        cccd_pid p;
        if ((rc = cccd_pid_parse(value, n, NULL, &p, err)) == CCCD_OK)
            snprintf(out, size, "%s", value);
        return rc;
    } else {
        rc = cccd_text_clean(value, n, "value", &v, err);
    }
    if (rc == CCCD_OK) {
        if (strlen(v) >= size)
            rc = cccd_err_set(err, CCCD_E_ARG, "value", "value: longer than %zu bytes", size - 1);
        else
            snprintf(out, size, "%s", v);
    }
    free(v);
    return rc;
}

static cccd_errc apply(cccd_store *st, const char *personal_id, const cccd_correction *c,
                       cccd_err *err) {
    char value[CCCD_APP_TEXT_LEN], key[CCCD_APP_TEXT_LEN];
    int64_t ef;
    cccd_errc rc =
        normalise(c->field, c->new_value, value, sizeof value, key, sizeof key, &ef, err);
    if (rc == CCCD_OK)
        rc = cccd_store_citizen_amend(st, personal_id, c->field, value, key, ef, err);
    if (rc == CCCD_E_STORE_CONSTRAINT && strcmp(c->field, "personal_id") == 0)
        rc = cccd_err_set(err, CCCD_E_CORRECTION, "value",
                          "personal_id %s belongs to another person in the registry", c->new_value);
    return rc;
}

static cccd_errc corr_audit(cccd_store *st, const cccd_actor *by, const char *action,
                            const char *personal_id, const cccd_correction *c, cccd_err *err) {
    char detail[1024];
    snprintf(detail, sizeof detail, "application=%lld correction=%lld field=%s old=%s new=%s%s%s",
             (long long)c->application_id, (long long)c->id, c->field, c->old_value, c->new_value,
             c->reason[0] ? " reason=" : "", c->reason);
    return audit(st, by, action, personal_id, detail, err);
}

static cccd_errc correct_txn(cccd_store *st, void *ctx, cccd_err *err) {
    corr_ctx *c = ctx;
    cccd_application a;
    cccd_errc rc = cccd_enroll_get(st, c->app_id, &a, err);
    if (rc != CCCD_OK)
        return rc;
    if (a.state != CCCD_APP_DRAFT && a.state != CCCD_APP_SUBMITTED)
        return cccd_err_set(err, CCCD_E_APP_STATE, "state",
                            "application %lld is %s: corrections are taken while it is draft or "
                            "submitted",
                            (long long)a.id, cccd_app_state_name(a.state));
    bool identity = false;
    cccd_app_correctable(c->field, &identity);
    char value[CCCD_APP_TEXT_LEN], key[CCCD_APP_TEXT_LEN];
    int64_t ef;
    if ((rc = normalise(c->field, c->value, value, sizeof value, key, sizeof key, &ef, err)) !=
        CCCD_OK)
        return rc;
    cccd_store_record rec;
    bool found = false;
    memset(&rec, 0, sizeof rec);
    if ((rc = cccd_store_citizen_get(st, a.personal_id, &rec, &found, err)) != CCCD_OK)
        return rc;
    int cf = cccd_cf_by_name(c->field, strlen(c->field));
    cccd_correction *k = c->out;
    memset(k, 0, sizeof *k);
    k->application_id = a.id;
    snprintf(k->field, sizeof k->field, "%s", c->field);
    snprintf(k->old_value, sizeof k->old_value, "%s", found && cf >= 0 ? rec.v[cf] : "");
    cccd_store_record_free(&rec);
    snprintf(k->new_value, sizeof k->new_value, "%s", value);
    snprintf(k->reason, sizeof k->reason, "%s", c->reason);
    snprintf(k->evidence, sizeof k->evidence, "%s", c->evidence ? c->evidence : "");
    snprintf(k->proposed_by, sizeof k->proposed_by, "%s", cccd_actor_name(c->by));
    k->proposed_at = c->now;
    if (strcmp(k->old_value, k->new_value) == 0)
        return cccd_err_set(err, CCCD_E_CORRECTION, "value",
                            "%s is already '%s' in the registry: nothing to correct", c->field,
                            k->old_value);
    if ((rc = cccd_store_correction_add(st, k, err)) != CCCD_OK ||
        (rc = corr_audit(st, c->by, "correction.propose", a.personal_id, k, err)) != CCCD_OK)
        return rc;
    if (identity)
        return CCCD_OK; /* a supervisor decides */
    bool changed = false;
    if ((rc = cccd_store_correction_decide(st, k->id, CCCD_CORR_APPROVED, cccd_actor_name(c->by),
                                           c->now, &changed, err)) != CCCD_OK ||
        (rc = apply(st, a.personal_id, k, err)) != CCCD_OK)
        return rc;
    k->state = CCCD_CORR_APPROVED;
    snprintf(k->decided_by, sizeof k->decided_by, "%s", cccd_actor_name(c->by));
    k->decided_at = c->now;
    return corr_audit(st, c->by, "correction.approve", a.personal_id, k, err);
}

cccd_errc cccd_enroll_correct(cccd_store *st, int64_t app_id, const char *field, const char *value,
                              const char *reason, const char *evidence, int64_t now,
                              const cccd_actor *by, cccd_correction *out, cccd_err *err) {
    cccd_errc rc = cccd_actor_may(by, CCCD_PERM_APPLICATION_WRITE, "propose a correction", err);
    if (rc != CCCD_OK)
        return rc;
    if (field == NULL || !cccd_app_correctable(field, NULL))
        return cccd_err_set(err, CCCD_E_CORRECTION, "field",
                            "field: '%.40s' cannot be corrected; one of full_name, date_of_birth, "
                            "sex, personal_id, ethnicity, religion, place_of_origin, "
                            "permanent_address, temporary_address, father_name, mother_name, "
                            "spouse_name",
                            field ? field : "");
    if (value == NULL || value[0] == '\0')
        return cccd_err_set(err, CCCD_E_ARG, "value", "value: missing");
    if (reason == NULL || reason[0] == '\0')
        return cccd_err_set(err, CCCD_E_ARG, "reason", "reason: say why the record is wrong");
    if (strlen(reason) >= CCCD_APP_TEXT_LEN || (evidence && strlen(evidence) >= CCCD_APP_TEXT_LEN))
        return cccd_err_set(err, CCCD_E_ARG,
                            strlen(reason) >= CCCD_APP_TEXT_LEN ? "reason" : "evidence",
                            "reason and evidence: at most %d bytes each", CCCD_APP_TEXT_LEN - 1);
    cccd_correction local;
    corr_ctx c = {.app_id = app_id,
                  .field = field,
                  .value = value,
                  .reason = reason,
                  .evidence = evidence,
                  .now = now,
                  .by = by,
                  .out = out ? out : &local};
    return cccd_store_transaction(st, correct_txn, &c, err);
}

static cccd_errc decide_txn(cccd_store *st, void *ctx, cccd_err *err) {
    corr_ctx *c = ctx;
    cccd_correction *k = c->out;
    bool found = false, changed = false;
    cccd_errc rc = cccd_store_correction_get(st, c->corr_id, k, &found, err);
    if (rc != CCCD_OK)
        return rc;
    if (!found)
        return cccd_err_set(err, CCCD_E_CORRECTION, "correction", "there is no correction %lld",
                            (long long)c->corr_id);
    if (k->state != CCCD_CORR_PROPOSED)
        return cccd_err_set(err, CCCD_E_CORRECTION, "correction", "correction %lld is %s already",
                            (long long)k->id, cccd_corr_state_name(k->state));
    cccd_application a;
    if ((rc = cccd_enroll_get(st, k->application_id, &a, err)) != CCCD_OK)
        return rc;
    if (a.state != CCCD_APP_DRAFT && a.state != CCCD_APP_SUBMITTED)
        return cccd_err_set(err, CCCD_E_APP_STATE, "state",
                            "application %lld is %s: its corrections can no longer be decided",
                            (long long)a.id, cccd_app_state_name(a.state));
    cccd_corr_state to = c->approve ? CCCD_CORR_APPROVED : CCCD_CORR_REJECTED;
    if ((rc = cccd_store_correction_decide(st, k->id, to, cccd_actor_name(c->by), c->now, &changed,
                                           err)) != CCCD_OK)
        return rc;
    if (!changed)
        return cccd_err_set(err, CCCD_E_STORE_BUSY, NULL, "correction %lld: try again",
                            (long long)k->id);
    if (c->approve && (rc = apply(st, a.personal_id, k, err)) != CCCD_OK)
        return rc;
    k->state = to;
    snprintf(k->decided_by, sizeof k->decided_by, "%s", cccd_actor_name(c->by));
    k->decided_at = c->now;
    /* a new personal ID: the audit entry names the person as they are now known */
    const char *pid =
        c->approve && strcmp(k->field, "personal_id") == 0 ? k->new_value : a.personal_id;
    return corr_audit(st, c->by, c->approve ? "correction.approve" : "correction.reject", pid, k,
                      err);
}

cccd_errc cccd_enroll_correction_decide(cccd_store *st, int64_t correction_id, bool approve,
                                        int64_t now, const cccd_actor *by, cccd_correction *out,
                                        cccd_err *err) {
    cccd_errc rc = cccd_actor_may(by, CCCD_PERM_APPLICATION_APPROVE, "decide a correction", err);
    if (rc != CCCD_OK)
        return rc;
    cccd_correction local;
    corr_ctx c = {.corr_id = correction_id,
                  .approve = approve,
                  .now = now,
                  .by = by,
                  .out = out ? out : &local};
    return cccd_store_transaction(st, decide_txn, &c, err);
}

/* ---- biometrics ---- */

typedef struct bio_ctx {
    const cccd_bio *b;
    int64_t now;
    const cccd_actor *by;
    int64_t *id;
} bio_ctx;

static cccd_errc bio_txn(cccd_store *st, void *ctx, cccd_err *err) {
    bio_ctx *c = ctx;
    cccd_application a;
    cccd_errc rc = cccd_enroll_get(st, c->b ? c->b->application_id : 0, &a, err);
    if (rc != CCCD_OK)
        return rc;
    char detail[160];
    if (c->b) { /* a capture */
        if (a.state != CCCD_APP_DRAFT)
            return cccd_err_set(err, CCCD_E_APP_STATE, "state",
                                "application %lld is %s: captures are taken while it is a draft",
                                (long long)a.id, cccd_app_state_name(a.state));
        cccd_bio b = *c->b;
        b.created_at = c->now;
        snprintf(b.exception_by, sizeof b.exception_by, "%s",
                 b.exception[0] ? cccd_actor_name(c->by) : "");
        b.confirmed_by[0] = '\0';
        if ((rc = cccd_store_bio_add(st, &b, c->id, err)) == CCCD_E_STORE_CONSTRAINT)
            rc = cccd_err_set(err, CCCD_E_ARG, "attempt",
                              "attempt %d of that capture is stored already", b.attempt);
        snprintf(detail, sizeof detail, "application=%lld kind=%s finger=%d attempt=%d%s%s",
                 (long long)a.id, b.portrait ? "portrait" : "finger", b.finger, b.attempt,
                 b.exception[0] ? " exception=" : "", b.exception);
        return rc == CCCD_OK ? audit(st, c->by, "biometric.add", a.personal_id, detail, err) : rc;
    }
    return rc;
}

cccd_errc cccd_enroll_bio_add(cccd_store *st, const cccd_bio *b, int64_t now, const cccd_actor *by,
                              int64_t *id, cccd_err *err) {
    cccd_errc rc = cccd_actor_may(by, CCCD_PERM_APPLICATION_WRITE, "store a capture", err);
    if (rc != CCCD_OK)
        return rc;
    if (b->portrait ? b->finger != 0 : (b->finger < 1 || b->finger > 10))
        return cccd_err_set(err, CCCD_E_ARG, "finger",
                            "finger: 1 to 10 for a finger, 0 for the portrait");
    if (b->attempt < 1)
        return cccd_err_set(err, CCCD_E_ARG, "attempt", "attempt: from 1");
    if ((b->sealed == NULL) == (b->exception[0] == '\0') || (b->portrait && b->exception[0]))
        return cccd_err_set(err, CCCD_E_ARG, "exception",
                            "a capture has either its bytes or (a finger only) an exception");
    if (b->quality > 100)
        return cccd_err_set(err, CCCD_E_ARG, "quality", "quality: 0 to 100");
    int64_t local;
    bio_ctx c = {b, now, by, id ? id : &local};
    return cccd_store_transaction(st, bio_txn, &c, err);
}

typedef struct confirm_ctx {
    int64_t app_id;
    int finger;
    const cccd_actor *by;
} confirm_ctx;

static cccd_errc confirm_txn(cccd_store *st, void *ctx, cccd_err *err) {
    confirm_ctx *c = ctx;
    cccd_application a;
    bool changed = false;
    cccd_errc rc = cccd_enroll_get(st, c->app_id, &a, err);
    if (rc == CCCD_OK && a.state != CCCD_APP_DRAFT && a.state != CCCD_APP_SUBMITTED)
        rc = cccd_err_set(err, CCCD_E_APP_STATE, "state",
                          "application %lld is %s: its exceptions can no longer be confirmed",
                          (long long)a.id, cccd_app_state_name(a.state));
    if (rc == CCCD_OK &&
        (rc = cccd_store_bio_confirm(st, c->app_id, c->finger, cccd_actor_name(c->by), &changed,
                                     err)) == CCCD_OK &&
        !changed)
        rc = cccd_err_set(err, CCCD_E_ARG, "finger",
                          "finger %d of application %lld has no exception waiting for "
                          "confirmation",
                          c->finger, (long long)c->app_id);
    char detail[96];
    snprintf(detail, sizeof detail, "application=%lld finger=%d", (long long)c->app_id, c->finger);
    return rc == CCCD_OK ? audit(st, c->by, "biometric.confirm", a.personal_id, detail, err) : rc;
}

cccd_errc cccd_enroll_bio_confirm(cccd_store *st, int64_t app_id, int finger, int64_t now,
                                  const cccd_actor *by, cccd_err *err) {
    (void)now;
    cccd_errc rc =
        cccd_actor_may(by, CCCD_PERM_APPLICATION_APPROVE, "confirm a finger exception", err);
    if (rc != CCCD_OK)
        return rc;
    if (finger < 1 || finger > 10)
        return cccd_err_set(err, CCCD_E_ARG, "finger", "finger: 1 to 10");
    confirm_ctx c = {app_id, finger, by};
    return cccd_store_transaction(st, confirm_txn, &c, err);
}
