/*
 * fuzz_pid.c: libFuzzer target for the personal ID number and date parsers. The first byte
 * picks the facts (sex, lenient), the rest is split at the first newline into ID and date.
 * Properties checked: no crash, and a number that parses re-parses to the same decoding.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/pid.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1)
        return 0;
    cccd_pid_facts facts = {0};
    facts.lenient = data[0] & 1;
    facts.sex = (data[0] & 6) == 2 ? CCCD_SEX_MALE : (data[0] & 6) == 4 ? CCCD_SEX_FEMALE : 0;
    facts.today = (cccd_date){2026, 11, 23, CCCD_DATE_DAY};
    const char *s = (const char *)data + 1;
    size_t n = size - 1;
    const char *nl = memchr(s, '\n', n);
    size_t idlen = nl ? (size_t)(nl - s) : n;
    cccd_err err;
    if (nl) {
        size_t dlen = n - idlen - 1;
        char *date = malloc(dlen + 1);
        if (date == NULL)
            return 0;
        memcpy(date, nl + 1, dlen);
        date[dlen] = '\0';
        if (cccd_date_parse(date, "dob", &facts.dob, &err) != CCCD_OK)
            facts.dob.prec = CCCD_DATE_NONE;
        free(date);
    }
    cccd_pid a, b;
    if (cccd_pid_parse(s, idlen, &facts, &a, &err) == CCCD_OK) {
        if (cccd_pid_parse(a.digits, 12, &facts, &b, &err) != CCCD_OK ||
            a.birth_year != b.birth_year || a.sex != b.sex || a.province != b.province)
            abort();
    }
    return 0;
}
