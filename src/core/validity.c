/*
 * validity.c: card expiry under the 25/40/60 rule and eligibility by age (see validity.h).
 */
#include "core/validity.h"

#include <string.h>

cccd_date cccd_rules_2023_start(void) {
    cccd_date d = {2024, 7, 1, CCCD_DATE_DAY};
    return d;
}

cccd_ruleset cccd_rules_for_issue(cccd_date issued) {
    return cccd_date_cmp(issued, cccd_rules_2023_start()) >= 0 ? CCCD_RULES_2023 : CCCD_RULES_2014;
}

static cccd_errc need_full(cccd_date d, const char *field, cccd_err *err) {
    if (d.prec != CCCD_DATE_DAY)
        return cccd_err_set(err, CCCD_E_DATE_FORMAT, field, "%s: a full date is needed", field);
    return CCCD_OK;
}

cccd_errc cccd_card_expiry(cccd_date dob, cccd_date issued, cccd_expiry *out, cccd_err *err) {
    static const int ages_2014[] = {25, 40, 60, 0};
    static const int ages_2023[] = {14, 25, 40, 60, 0};
    cccd_errc rc = need_full(issued, "issued", err);
    if (rc != CCCD_OK)
        return rc;
    if (dob.prec == CCCD_DATE_NONE)
        return cccd_err_set(err, CCCD_E_DATE_FORMAT, "date_of_birth",
                            "date_of_birth: needed to compute the expiry");
    memset(out, 0, sizeof *out);
    out->approximate = dob.prec != CCCD_DATE_DAY;
    cccd_date birth = cccd_date_earliest(dob);
    if (cccd_date_cmp(issued, birth) < 0)
        return cccd_err_set(err, CCCD_E_CARD_DATES, "issued",
                            "issued: the card is issued before the date of birth");
    out->rules = cccd_rules_for_issue(issued);
    if (out->rules == CCCD_RULES_2014 &&
        cccd_date_cmp(issued, cccd_date_add_years(cccd_date_latest(dob), 14)) < 0)
        return cccd_err_set(err, CCCD_E_CARD_DATES, "issued",
                            "issued: under the 2014 law a card is issued from age 14 only");
    const int *ages = out->rules == CCCD_RULES_2014 ? ages_2014 : ages_2023;
    for (const int *a = ages; *a; a++) {
        cccd_date at_age = cccd_date_add_years(birth, *a);
        if (cccd_date_cmp(issued, at_age) >= 0)
            continue; /* that age is already reached */
        cccd_date window = cccd_date_add_years(birth, *a - 2);
        if (cccd_date_cmp(issued, window) >= 0) {
            out->skipped_age = *a; /* issued within two years before it */
            continue;
        }
        out->date = at_age;
        out->exchange_age = *a;
        return CCCD_OK;
    }
    out->none = true;
    return CCCD_OK;
}

bool cccd_card_valid_on(const cccd_expiry *e, cccd_date issued, cccd_date on) {
    if (cccd_date_cmp(on, issued) < 0)
        return false;
    return e->none || cccd_date_cmp(on, e->date) <= 0;
}

cccd_errc cccd_eligibility_on(cccd_date dob, cccd_date on, cccd_eligibility *out, cccd_err *err) {
    cccd_errc rc = need_full(on, "on", err);
    if (rc != CCCD_OK)
        return rc;
    if (dob.prec == CCCD_DATE_NONE)
        return cccd_err_set(err, CCCD_E_DATE_FORMAT, "date_of_birth",
                            "date_of_birth: needed to decide eligibility");
    memset(out, 0, sizeof *out);
    out->approximate = dob.prec != CCCD_DATE_DAY;
    if (cccd_date_cmp(on, cccd_date_earliest(dob)) < 0)
        return cccd_err_set(err, CCCD_E_CARD_DATES, "on", "on: the day is before the birth");
    cccd_date latest = cccd_date_latest(dob);
    out->eligible_from = cccd_date_add_years(latest, 14);
    out->age = cccd_date_cmp(on, latest) < 0 ? 0 : cccd_age_on(latest, on);
    out->mandatory = cccd_date_cmp(on, out->eligible_from) >= 0;
    out->on_request = !out->mandatory && cccd_date_cmp(on, cccd_rules_2023_start()) >= 0;
    return CCCD_OK;
}
