/*
 * pid.c: parsing, validating, decoding and allocating personal ID numbers (see pid.h).
 */
#include "core/pid.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

const char *cccd_sex_code(cccd_sex sex) {
    return sex == CCCD_SEX_MALE ? "M" : sex == CCCD_SEX_FEMALE ? "F" : "";
}

cccd_errc cccd_sex_parse(const char *s, const char *field, cccd_sex *out, cccd_err *err) {
    if (s == NULL)
        s = "";
    if (strcasecmp(s, "M") == 0 || strcasecmp(s, "male") == 0 || strcasecmp(s, "nam") == 0) {
        *out = CCCD_SEX_MALE;
        return CCCD_OK;
    }
    /* "Nữ" in NFC and NFD, and the usual ASCII fallbacks */
    if (strcasecmp(s, "F") == 0 || strcasecmp(s, "female") == 0 || strcasecmp(s, "nu") == 0 ||
        strcmp(s, "Nữ") == 0 || strcmp(s, "nữ") == 0 || strcmp(s, "NỮ") == 0 ||
        strcmp(s, "Nu\xcc\x9b\xcc\x83") == 0 || strcmp(s, "nu\xcc\x9b\xcc\x83") == 0) {
        *out = CCCD_SEX_FEMALE;
        return CCCD_OK;
    }
    return cccd_err_set(err, CCCD_E_SEX, field, "%s: '%.20s' is not a sex (use M or F)", field, s);
}

int cccd_pid_century_digit(int birth_year, cccd_sex sex) {
    if (birth_year < 1900 || birth_year > 2399 || sex == CCCD_SEX_UNKNOWN)
        return -1;
    return 2 * ((birth_year - 1900) / 100) + (sex == CCCD_SEX_FEMALE ? 1 : 0);
}

cccd_errc cccd_pid_parse(const char *s, size_t len, const cccd_pid_facts *facts, cccd_pid *out,
                         cccd_err *err) {
    static const cccd_pid_facts none = {0};
    const char *f = "personal_id";
    if (facts == NULL)
        facts = &none;
    if (s == NULL)
        len = 0;
    for (size_t i = 0; i < len; i++)
        if (s[i] < '0' || s[i] > '9')
            return cccd_err_set_pos(err, CCCD_E_ID_NONDIGIT, f, i + 1,
                                    "personal ID: character %zu is not a digit", i + 1);
    if (len != 12)
        return cccd_err_set(err, CCCD_E_ID_LENGTH, f,
                            "personal ID: %zu digits, a personal ID number has 12", len);
    memset(out, 0, sizeof *out);
    memcpy(out->digits, s, 12);
    out->digits[12] = '\0';

    out->province = cccd_province_by_prefix(s);
    if (out->province == NULL) {
        if (!facts->lenient)
            return cccd_err_set_pos(err, CCCD_E_ID_PROVINCE, f, 1,
                                    "personal ID: %.3s is not a province code", s);
        snprintf(out->warning, sizeof out->warning,
                 "%.3s is not a province code of birth registration", s);
    }
    int cs = s[3] - '0';
    out->sex = cs % 2 ? CCCD_SEX_FEMALE : CCCD_SEX_MALE;
    int century = 1900 + 100 * (cs / 2);
    int yy = (s[4] - '0') * 10 + (s[5] - '0');
    out->birth_year = century + yy;

    if (facts->dob.prec != CCCD_DATE_NONE) {
        int dob_century = facts->dob.y - facts->dob.y % 100;
        if (dob_century != century)
            return cccd_err_set_pos(err, CCCD_E_ID_CENTURY, f, 4,
                                    "personal ID: digit 4 (%d) means born in the %ds, but the "
                                    "date of birth is in %d",
                                    cs, century, facts->dob.y);
        if (facts->dob.y % 100 != yy)
            return cccd_err_set_pos(err, CCCD_E_ID_YEAR, f, 5,
                                    "personal ID: digits 5-6 (%02d) do not match birth year %d", yy,
                                    facts->dob.y);
    }
    if (facts->today.prec != CCCD_DATE_NONE && out->birth_year > facts->today.y)
        return cccd_err_set_pos(err, CCCD_E_ID_FUTURE, f, 4,
                                "personal ID: digits 4-6 give birth year %d, which is in the "
                                "future",
                                out->birth_year);
    if (facts->sex != CCCD_SEX_UNKNOWN && facts->sex != out->sex)
        return cccd_err_set_pos(err, CCCD_E_ID_SEX, f, 4,
                                "personal ID: digit 4 (%d) means %s, but the sex given is %s", cs,
                                out->sex == CCCD_SEX_MALE ? "male" : "female",
                                facts->sex == CCCD_SEX_MALE ? "male" : "female");
    return CCCD_OK;
}

/* SplitMix64: a small, well-known mixing function; enough to spread seeds over the space. */
static uint64_t splitmix64(uint64_t *state) {
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

cccd_errc cccd_pid_allocate(const char *prefix3, cccd_sex sex, cccd_date dob, uint64_t seed,
                            cccd_pid_taken_fn taken, void *ctx, char out[13], cccd_err *err) {
    if (prefix3 == NULL || cccd_province_by_prefix(prefix3) == NULL || strlen(prefix3) != 3)
        return cccd_err_set(err, CCCD_E_ID_PROVINCE, "province",
                            "province: '%.8s' is not a province code (001..096)",
                            prefix3 ? prefix3 : "");
    if (sex == CCCD_SEX_UNKNOWN)
        return cccd_err_set(err, CCCD_E_SEX, "sex", "sex: M or F is needed to allocate a number");
    if (dob.prec == CCCD_DATE_NONE)
        return cccd_err_set(err, CCCD_E_DATE_FORMAT, "date_of_birth",
                            "date_of_birth: needed to allocate a number");
    int cd = cccd_pid_century_digit(dob.y, sex);
    if (cd < 0)
        return cccd_err_set(err, CCCD_E_DATE_RANGE, "date_of_birth",
                            "date_of_birth: year %d cannot be encoded (1900-2399)", dob.y);
    const uint32_t space = 1000000;
    uint64_t st = seed;
    uint32_t start = (uint32_t)(splitmix64(&st) % space);
    /* a stride coprime with 10^6 (odd, not a multiple of 5) visits every value once */
    uint32_t stride = (uint32_t)(splitmix64(&st) % space) | 1u;
    if (stride % 5 == 0)
        stride += 2;
    char cand[13];
    memcpy(cand, prefix3, 3);
    cand[3] = (char)('0' + cd);
    cand[4] = (char)('0' + dob.y % 100 / 10);
    cand[5] = (char)('0' + dob.y % 10);
    for (uint32_t k = 0; k < space; k++) {
        uint32_t v = (uint32_t)((start + (uint64_t)k * stride) % space);
        snprintf(cand + 6, 7, "%06u", (unsigned)v);
        if (taken == NULL || !taken(ctx, cand)) {
            memcpy(out, cand, 13);
            return CCCD_OK;
        }
    }
    return cccd_err_set(err, CCCD_E_ID_EXHAUSTED, "personal_id",
                        "no free personal ID number is left for prefix %.6s", cand);
}
