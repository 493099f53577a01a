/*
 * response.c: how answers are written: JSON bodies and problem documents (RFC 9457,
 * application/problem+json) built from the project's error struct, so every refusal names its
 * stable code and, where there is one, the offending field.
 */
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "server/http.h"

const char *http_reason(int status) {
    switch (status) {
        case 200:
            return "OK";
        case 201:
            return "Created";
        case 204:
            return "No Content";
        case 304:
            return "Not Modified";
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        case 409:
            return "Conflict";
        case 413:
            return "Content Too Large";
        case 414:
            return "URI Too Long";
        case 415:
            return "Unsupported Media Type";
        case 422:
            return "Unprocessable Content";
        case 429:
            return "Too Many Requests";
        case 500:
            return "Internal Server Error";
        case 503:
            return "Service Unavailable";
        default:
            return "Error";
    }
}

json_t *http_json_string(const char *s) {
    json_t *v = json_string(s);
    if (v)
        return v;
    /* not valid UTF-8 (it echoes the input): keep what is, replace what is not */
    char *safe = cccd_text_utf8_lossy(s, strlen(s));
    v = safe ? json_string(safe) : NULL;
    free(safe);
    return v ? v : json_string("");
}

void http_json(http_resp *rs, int status, json_t *v) {
    free(rs->body);
    rs->body = NULL;
    rs->len = 0;
    if (v)
        rs->body = json_dumps(v, JSON_COMPACT);
    json_decref(v);
    if (rs->body == NULL) {
        rs->status = 500;
        rs->body = strdup("{\"status\":500,\"title\":\"Internal Server Error\"}");
        rs->content_type = "application/problem+json";
    } else {
        rs->status = status;
        rs->content_type = "application/json";
    }
    rs->len = rs->body ? strlen(rs->body) : 0;
    rs->no_store = true;
}

static void problem(http_resp *rs, int status, const char *code, const char *field, size_t pos,
                    const char *detail) {
    json_t *o = json_object();
    char type[96];
    snprintf(type, sizeof type, "urn:cccd:problem:%s", code);
    json_object_set_new(o, "type", json_string(type));
    json_object_set_new(o, "title", json_string(http_reason(status)));
    json_object_set_new(o, "status", json_integer(status));
    json_object_set_new(o, "code", json_string(code));
    if (detail && detail[0])
        json_object_set_new(o, "detail", http_json_string(detail));
    if (field && field[0])
        json_object_set_new(o, "field", http_json_string(field));
    if (pos)
        json_object_set_new(o, "position", json_integer((json_int_t)pos));
    http_json(rs, status, o);
    if (rs->status == status)
        rs->content_type = "application/problem+json";
    rs->www_authenticate = status == 401;
}

void http_problem(http_resp *rs, int status, const char *code, const char *field,
                  const char *detail) {
    problem(rs, status, code, field, 0, detail);
}

int http_status_of(const cccd_err *err) {
    switch (cccd_errc_kind(err->code)) {
        case CCCD_KIND_OK:
            return 200;
        case CCCD_KIND_INVALID:
            return err->field[0] ? 422 : 400;
        case CCCD_KIND_NOT_FOUND:
            return 404;
        case CCCD_KIND_CONFLICT:
            return err->code == CCCD_E_STORE_BUSY ? 503 : 409;
        case CCCD_KIND_LIMIT:
            return err->code == CCCD_E_LOGIN_LOCKED ? 429 : err->field[0] ? 422 : 413;
        case CCCD_KIND_UNAUTHORIZED:
            return 401;
        case CCCD_KIND_FORBIDDEN:
            return 403;
        case CCCD_KIND_UNAVAILABLE:
            return 503;
        case CCCD_KIND_SYSTEM:
            return err->code == CCCD_E_STORE ? 503 : 500;
    }
    return 500;
}

void http_problem_err(http_resp *rs, const cccd_err *err) {
    int status = http_status_of(err);
    const char *detail = err->msg;
    if (status == 500)
        detail = "the server failed; the failure is in its log";
    else if (err->code == CCCD_E_STORE || err->code == CCCD_E_STORE_BUSY)
        detail = "the database cannot answer now; try again";
    problem(rs, status, cccd_errc_name(err->code), err->field, err->pos, detail);
    if (status == 503)
        rs->retry_after = 1;
    rs->db_failed = err->code == CCCD_E_STORE;
    if (status == 500 || rs->db_failed)
        snprintf(rs->log_detail, sizeof rs->log_detail, "%s", err->msg);
}
