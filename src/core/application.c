/*
 * application.c: the application's types, states, steps and type rule (see application.h):
 * one table of steps read by the service, the server's checks and the tests.
 */
#include "core/application.h"

#include <stdio.h>
#include <string.h>

#include "core/validity.h"

static const char *const type_names[CCCD_APP__TYPES] = {"first_issue", "exchange", "reissue"};

static const char *const state_names[CCCD_APP__STATES] = {
    "draft",    "submitted",  "approved", "rejected",  "in_production",
    "produced", "dispatched", "received", "delivered", "returned"};

const char *cccd_app_type_name(cccd_app_type t) {
    return (unsigned)t < CCCD_APP__TYPES ? type_names[t] : "?";
}

int cccd_app_type_parse(const char *s) {
    for (int i = 0; s && i < CCCD_APP__TYPES; i++)
        if (strcmp(s, type_names[i]) == 0)
            return i;
    return -1;
}

const char *cccd_app_state_name(cccd_app_state s) {
    return (unsigned)s < CCCD_APP__STATES ? state_names[s] : "?";
}

int cccd_app_state_parse(const char *s) {
    for (int i = 0; s && i < CCCD_APP__STATES; i++)
        if (strcmp(s, state_names[i]) == 0)
            return i;
    return -1;
}

bool cccd_app_state_open(cccd_app_state s) {
    return s != CCCD_APP_REJECTED && s != CCCD_APP_DELIVERED && s != CCCD_APP_RETURNED;
}

typedef struct step {
    cccd_app_state from, to;
    cccd_perm perm;
} step;

/* the workflow: every step there is, with who may take it */
static const step steps[] = {
    {CCCD_APP_DRAFT, CCCD_APP_SUBMITTED, CCCD_PERM_APPLICATION_WRITE},
    {CCCD_APP_SUBMITTED, CCCD_APP_APPROVED, CCCD_PERM_APPLICATION_APPROVE},
    {CCCD_APP_SUBMITTED, CCCD_APP_REJECTED, CCCD_PERM_APPLICATION_APPROVE},
    {CCCD_APP_APPROVED, CCCD_APP_IN_PRODUCTION, CCCD_PERM_PRODUCTION_RUN},
    {CCCD_APP_IN_PRODUCTION, CCCD_APP_PRODUCED, CCCD_PERM_PRODUCTION_RUN},
    {CCCD_APP_PRODUCED, CCCD_APP_DISPATCHED, CCCD_PERM_PRODUCTION_RUN},
    {CCCD_APP_DISPATCHED, CCCD_APP_RECEIVED, CCCD_PERM_APPLICATION_WRITE},
    {CCCD_APP_RECEIVED, CCCD_APP_DELIVERED, CCCD_PERM_APPLICATION_WRITE},
    {CCCD_APP_RECEIVED, CCCD_APP_RETURNED, CCCD_PERM_APPLICATION_WRITE},
};

bool cccd_app_step(cccd_app_state from, cccd_app_state to, cccd_perm *perm) {
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
        if (steps[i].from == from && steps[i].to == to) {
            if (perm)
                *perm = steps[i].perm;
            return true;
        }
    return false;
}

char *cccd_app_next_names(cccd_app_state from, char *buf, size_t size) {
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
        if (steps[i].from == from && used < size) {
            int n = snprintf(buf + used, size - used, "%s%s", used ? " or " : "",
                             state_names[steps[i].to]);
            used += n > 0 ? (size_t)n : 0;
        }
    if (used == 0)
        snprintf(buf, size, "none");
    return buf;
}

static cccd_errc refuse(cccd_err *err, const char *why) {
    return cccd_err_set(err, CCCD_E_APP_REFUSED, "personal_id", "no application: %s", why);
}

cccd_errc cccd_app_decide(const cccd_app_facts *f, cccd_app_decision *out, cccd_err *err) {
    memset(out, 0, sizeof *out);
    if (f->deceased)
        return refuse(err, "the person is recorded as deceased");
    cccd_eligibility el;
    cccd_errc rc = cccd_eligibility_on(f->dob, f->today, &el, err);
    if (rc != CCCD_OK)
        return rc;
    if (!el.mandatory) {
        char d[11], m[200];
        snprintf(m, sizeof m, "under 14 (age %d); a card can be applied for from %s", el.age,
                 cccd_date_iso(el.eligible_from, d));
        return refuse(err, m);
    }
    bool chip = f->card_type == CCCD_CARD_CHIP && f->card_issued.prec == CCCD_DATE_DAY;
    const char *num = f->card_number ? f->card_number : "";
    if (!chip) {
        out->type = CCCD_APP_FIRST_ISSUE;
        if (f->card_type == CCCD_CARD_BARCODE)
            snprintf(out->reason, sizeof out->reason, "no chip card (holds barcode card %s)", num);
        else
            snprintf(out->reason, sizeof out->reason, "no chip card");
        return CCCD_OK;
    }
    if (f->lost) {
        out->type = CCCD_APP_REISSUE;
        out->revoke = true;
        snprintf(out->reason, sizeof out->reason, "lost: card %s is revoked", num);
        return CCCD_OK;
    }
    out->type = CCCD_APP_EXCHANGE;
    if (f->damaged) {
        snprintf(out->reason, sizeof out->reason, "damaged: card %s", num);
        return CCCD_OK;
    }
    bool expires = f->card_expiry.prec == CCCD_DATE_DAY;
    int64_t today = cccd_date_to_days(f->today);
    int64_t left = expires ? cccd_date_to_days(f->card_expiry) - today : INT64_MAX;
    char d[11];
    if (expires && left < 0) {
        snprintf(out->reason, sizeof out->reason, "expired: card %s was valid until %s", num,
                 cccd_date_iso(f->card_expiry, d));
        return CCCD_OK;
    }
    if (expires && left <= f->window_days) {
        cccd_expiry ex;
        cccd_err ignore;
        int age =
            cccd_card_expiry(f->dob, f->card_issued, &ex, &ignore) == CCCD_OK ? ex.exchange_age : 0;
        if (age > 0)
            snprintf(out->reason, sizeof out->reason,
                     "expiring: card %s is valid until %s (exchange at %d)", num,
                     cccd_date_iso(f->card_expiry, d), age);
        else
            snprintf(out->reason, sizeof out->reason, "expiring: card %s is valid until %s", num,
                     cccd_date_iso(f->card_expiry, d));
        return CCCD_OK;
    }
    if (f->changed && f->changed[0]) {
        snprintf(out->reason, sizeof out->reason, "data changed: %.170s", f->changed);
        return CCCD_OK;
    }
    char m[200];
    if (expires)
        snprintf(m, sizeof m,
                 "card %s is valid until %s and nothing is to change (exchange from %d days "
                 "before; lost or damaged cards: say so)",
                 num, cccd_date_iso(f->card_expiry, d), f->window_days);
    else
        snprintf(m, sizeof m,
                 "card %s is valid with no expiry and nothing is to change (lost or damaged "
                 "cards: say so)",
                 num);
    return refuse(err, m);
}

static const struct {
    const char *field;
    bool identity;
} correctable[] = {
    {"full_name", true},        {"date_of_birth", true},      {"sex", true},
    {"personal_id", true},      {"ethnicity", false},         {"religion", false},
    {"place_of_origin", false}, {"permanent_address", false}, {"temporary_address", false},
    {"father_name", false},     {"mother_name", false},       {"spouse_name", false},
};

bool cccd_app_correctable(const char *field, bool *identity) {
    for (size_t i = 0; field && i < sizeof correctable / sizeof correctable[0]; i++)
        if (strcmp(field, correctable[i].field) == 0) {
            if (identity)
                *identity = correctable[i].identity;
            return true;
        }
    return false;
}
