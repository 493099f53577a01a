/*
 * units_json.c: reading the unit list and the reform file's JSON, field by field.
 *
 * Why this file: both loaders read the same kinds of fields (codes of fixed length, dirty
 * names, arrays of objects) and must report a bad one the same way: the place in the document
 * ("data[3].level2s[1].name") and what was expected. jansson does the parsing and the UTF-8
 * validation; names go through cccd_text_clean.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "core/units_internal.h"

static const char *type_name(const json_t *v) {
    switch (json_typeof(v)) {
        case JSON_OBJECT:
            return "an object";
        case JSON_ARRAY:
            return "an array";
        case JSON_STRING:
            return "a string";
        case JSON_INTEGER:
        case JSON_REAL:
            return "a number";
        case JSON_TRUE:
        case JSON_FALSE:
            return "a boolean";
        default:
            return "null";
    }
}

static const char *want_name(json_type t) {
    switch (t) {
        case JSON_OBJECT:
            return "an object";
        case JSON_ARRAY:
            return "an array";
        case JSON_STRING:
            return "a string";
        default:
            return "a value";
    }
}

cccd_errc units_json_parse(const char *buf, size_t len, const char *what, json_t **root,
                           cccd_err *err) {
    json_error_t je;
    *root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &je);
    if (*root != NULL)
        return CCCD_OK;
    if (json_error_code(&je) == json_error_invalid_utf8)
        return cccd_err_set_pos(err, CCCD_E_UTF8, what, (size_t)je.position + 1,
                                "%s: invalid UTF-8 near byte %d (line %d)", what, je.position,
                                je.line);
    if (json_error_code(&je) == json_error_out_of_memory)
        return cccd_err_set(err, CCCD_E_NOMEM, what, "%s: out of memory", what);
    return cccd_err_set_pos(err, CCCD_E_JSON, what, (size_t)je.position + 1,
                            "%s: not valid JSON at line %d column %d: %s", what, je.line, je.column,
                            je.text);
}

cccd_errc units_json_object(const json_t *v, const char *path, cccd_err *err) {
    if (json_is_object(v))
        return CCCD_OK;
    return cccd_err_set(err, CCCD_E_UNITS_FORMAT, path, "%s: expected an object, got %s", path,
                        type_name(v));
}

cccd_errc units_json_member(const json_t *obj, const char *key, json_type type, const char *path,
                            json_t **out, cccd_err *err) {
    char field[48];
    snprintf(field, sizeof field, "%s.%s", path, key);
    *out = json_object_get(obj, key);
    if (*out == NULL)
        return cccd_err_set(err, CCCD_E_UNITS_FORMAT, field, "%s.%s: missing", path, key);
    if (json_typeof(*out) != type)
        return cccd_err_set(err, CCCD_E_UNITS_FORMAT, field, "%s.%s: expected %s, got %s", path,
                            key, want_name(type), type_name(*out));
    return CCCD_OK;
}

cccd_errc units_json_code(const json_t *obj, const char *key, cccd_unit_level level,
                          const char *path, char code[6], cccd_err *err) {
    json_t *v;
    cccd_errc rc = units_json_member(obj, key, JSON_STRING, path, &v, err);
    if (rc != CCCD_OK)
        return rc;
    const char *s = json_string_value(v);
    size_t len = json_string_length(v);
    if (units_level_of_code(s, len) != level || len != strlen(s)) {
        char field[48];
        snprintf(field, sizeof field, "%s.%s", path, key);
        return cccd_err_set(err, CCCD_E_UNITS_FORMAT, field,
                            "%s.%s: '%.12s' is not a %s code (%d digits)", path, key, s,
                            cccd_unit_level_name(level),
                            level == CCCD_UNIT_PROVINCE   ? 2
                            : level == CCCD_UNIT_DISTRICT ? 3
                                                          : 5);
    }
    memcpy(code, s, len + 1);
    return CCCD_OK;
}

cccd_errc units_json_text(const json_t *obj, const char *key, const char *path, char **clean,
                          cccd_err *err) {
    *clean = NULL;
    json_t *v;
    cccd_errc rc = units_json_member(obj, key, JSON_STRING, path, &v, err);
    if (rc != CCCD_OK)
        return rc;
    char field[48];
    snprintf(field, sizeof field, "%s.%s", path, key);
    rc = cccd_text_clean(json_string_value(v), json_string_length(v), field, clean, err);
    if (rc != CCCD_OK)
        return rc;
    if ((*clean)[0] == '\0') {
        free(*clean);
        *clean = NULL;
        return cccd_err_set(err, CCCD_E_UNITS_FORMAT, field, "%s.%s: empty", path, key);
    }
    return CCCD_OK;
}
