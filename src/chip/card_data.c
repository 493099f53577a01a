/*
 * card_data.c: the checks every consumer of cccd_card_data relies on, and the card's MRZ (see
 * card_data.h). Checking once here keeps the chip encoders and the face drawing free of
 * repeated validation and gives the same message whichever is called first.
 */
#include "chip/card_data.h"

#include <string.h>

#include "core/pid.h"
#include "core/text.h"

static const char *nz(const char *s) {
    return s ? s : "";
}

const char *cccd_card_nationality(const cccd_card_data *card) {
    return card->nationality && card->nationality[0] ? card->nationality : CCCD_CARD_NATIONALITY_VN;
}

const char *cccd_card_sex_vi(char sex) {
    return sex == 'M' ? "Nam" : sex == 'F' ? "Nữ" : "";
}

static bool all_digits(const char *s, size_t n) {
    if (strlen(s) != n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

cccd_errc cccd_card_data_check(const cccd_card_data *card, cccd_err *err) {
    if (card == NULL)
        return cccd_err_set(err, CCCD_E_ARG, NULL, "no card data");
    const struct {
        const char *name, *value;
        bool required;
    } texts[] = {
        {"full_name", card->full_name, true},
        {"nationality", card->nationality, false},
        {"ethnicity", card->ethnicity, true},
        {"religion", card->religion, true},
        {"place_of_origin", card->place_of_origin, true},
        {"place_of_residence", card->place_of_residence, true},
        {"identifying_marks", card->identifying_marks, false},
        {"father_name", card->father_name, false},
        {"mother_name", card->mother_name, false},
        {"spouse_name", card->spouse_name, false},
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        const char *v = nz(texts[i].value);
        if (!cccd_text_utf8_valid(v, strlen(v)))
            return cccd_err_set(err, CCCD_E_UTF8, texts[i].name, "%s: not valid UTF-8",
                                texts[i].name);
        if (texts[i].required && v[0] == '\0')
            return cccd_err_set(err, CCCD_E_CARD_FIELD, texts[i].name, "%s: missing",
                                texts[i].name);
    }
    if (card->sex != 'M' && card->sex != 'F')
        return cccd_err_set(err, CCCD_E_CARD_FIELD, "sex", "sex: a card says Nam (M) or Nữ (F)");
    if (card->birth.prec == CCCD_DATE_NONE)
        return cccd_err_set(err, CCCD_E_CARD_FIELD, "date_of_birth", "date_of_birth: missing");
    cccd_pid_facts facts = {.dob = card->birth, .sex = (cccd_sex)card->sex};
    cccd_pid pid;
    const char *id = nz(card->personal_id);
    cccd_errc rc = cccd_pid_parse(id, strlen(id), &facts, &pid, err);
    if (rc != CCCD_OK)
        return rc;
    if (card->issued.prec != CCCD_DATE_DAY)
        return cccd_err_set(err, CCCD_E_CARD_FIELD, "issue_date",
                            "issue_date: a full date (YYYY-MM-DD) is required");
    if (cccd_date_cmp(card->issued, cccd_date_earliest(card->birth)) < 0)
        return cccd_err_set(err, CCCD_E_CARD_FIELD, "issue_date",
                            "issue_date: before the date of birth");
    if (card->expiry.prec != CCCD_DATE_NONE &&
        (card->expiry.prec != CCCD_DATE_DAY || cccd_date_cmp(card->expiry, card->issued) <= 0))
        return cccd_err_set(err, CCCD_E_CARD_FIELD, "expiry",
                            "expiry: a full date after the issue date, or none");
    const char *old = nz(card->old_id);
    if (old[0] != '\0' && !all_digits(old, 9))
        return cccd_err_set(err, CCCD_E_CARD_FIELD, "old_id",
                            "old_id: the old identity card (CMND) number is 9 digits, or empty");
    return CCCD_OK;
}

cccd_errc cccd_card_mrz(const cccd_card_data *card, cccd_mrz *out, cccd_err *err) {
    cccd_mrz_card m = {.personal_id = card->personal_id,
                       .full_name = card->full_name,
                       .birth = card->birth,
                       .sex = card->sex,
                       .expiry = card->expiry,
                       .nationality = "VNM"};
    return cccd_mrz_build(&m, out, NULL, err);
}
