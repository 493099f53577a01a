/*
 * request_body.c: the members of a JSON body beyond strings (request.c): days, whole numbers,
 * booleans and optional text, each refused with a 422 problem naming the member when it is
 * there but wrong, so every endpoint words the same mistake the same way.
 */
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/http.h"

bool http_body_opt_string(json_t *o, const char *name, size_t max, http_resp *rs,
                          const char **out) {
    bool absent;
    *out = http_body_string(o, name, false, max, rs, &absent);
    return absent || *out != NULL;
}

bool http_body_day(json_t *o, const char *name, bool required, int64_t def, http_resp *rs,
                   int64_t *out) {
    bool absent;
    const char *s = http_body_string(o, name, required, 10, rs, &absent);
    if (s == NULL) {
        *out = def;
        return absent && !required;
    }
    cccd_date d;
    cccd_err err;
    if (cccd_date_parse_full(s, name, &d, &err) != CCCD_OK) {
        http_problem(rs, 422, "input.date", name, err.msg);
        return false;
    }
    *out = cccd_date_to_days(d);
    return true;
}

bool http_body_int(json_t *o, const char *name, bool required, long min, long max, long def,
                   http_resp *rs, long *out) {
    json_t *v = json_object_get(o, name);
    char d[160];
    *out = def;
    if (v == NULL) {
        if (!required)
            return true;
        snprintf(d, sizeof d, "'%s' is required", name);
        http_problem(rs, 422, "input.argument", name, d);
        return false;
    }
    if (!json_is_integer(v) || json_integer_value(v) < min || json_integer_value(v) > max) {
        snprintf(d, sizeof d, "'%s' must be a whole number from %ld to %ld", name, min, max);
        http_problem(rs, 422, "input.argument", name, d);
        return false;
    }
    *out = (long)json_integer_value(v);
    return true;
}

bool http_body_bool(json_t *o, const char *name, bool def, http_resp *rs, bool *out) {
    json_t *v = json_object_get(o, name);
    *out = def;
    if (v == NULL)
        return true;
    if (!json_is_boolean(v)) {
        char d[120];
        snprintf(d, sizeof d, "'%s' must be true or false", name);
        http_problem(rs, 422, "input.argument", name, d);
        return false;
    }
    *out = json_is_true(v);
    return true;
}

bool http_body_base64(json_t *o, const char *name, size_t max, http_resp *rs, unsigned char **out,
                      size_t *len) {
    *out = NULL;
    *len = 0;
    const char *s = http_body_string(o, name, true, (max + 2) / 3 * 4 + 8, rs, NULL);
    if (s == NULL)
        return false;
    size_t n = strlen(s);
    unsigned char *buf = malloc(n / 4 * 3 + 4);
    EVP_ENCODE_CTX *ctx = EVP_ENCODE_CTX_new();
    int a = 0, b = 0;
    bool ok = buf && ctx && n <= INT32_MAX;
    if (ok) {
        EVP_DecodeInit(ctx);
        ok = EVP_DecodeUpdate(ctx, buf, &a, (const unsigned char *)s, (int)n) >= 0 &&
             EVP_DecodeFinal(ctx, buf + a, &b) == 1 && a + b > 0;
    }
    EVP_ENCODE_CTX_free(ctx);
    if (!ok || (size_t)(a + b) > max) {
        free(buf);
        char d[160];
        snprintf(d, sizeof d, "'%s' must be base64 of 1 to %zu bytes", name, max);
        http_problem(rs, 422, "input.argument", name, d);
        return false;
    }
    *out = buf;
    *len = (size_t)(a + b);
    return true;
}
