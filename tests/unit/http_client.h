/*
 * http_client.h: the small HTTP client over libcurl that the server tests speak with
 * (test_store_server.c, test_store_public.c, test_store_queue_api.c): one request from an
 * optional source address with an optional bearer token and JSON body, its status, headers and
 * body; logging in; checking a problem document. Include after cmocka.h.
 */
#ifndef CCCD_TEST_HTTP_CLIENT_H
#define CCCD_TEST_HTTP_CLIENT_H

#include <curl/curl.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "service/auth.h"

typedef struct reply {
    long status;
    char body[65536]; /* cut there, NUL-terminated */
    size_t len;
    char headers[8192];
    size_t hlen;
} reply;

static inline size_t http_client_keep(char *dst, size_t cap, size_t *len, const char *p, size_t k) {
    size_t room = cap - 1 - *len;
    memcpy(dst + *len, p, k < room ? k : room);
    *len += k < room ? k : room;
    dst[*len] = '\0';
    return k;
}

static inline size_t http_client_on_body(char *p, size_t size, size_t n, void *ctx) {
    reply *r = ctx;
    return http_client_keep(r->body, sizeof r->body, &r->len, p, size * n);
}

static inline size_t http_client_on_header(char *p, size_t size, size_t n, void *ctx) {
    reply *r = ctx;
    return http_client_keep(r->headers, sizeof r->headers, &r->hlen, p, size * n);
}

/* METHOD path on 127.0.0.1:port from address src (NULL: any), with a bearer token and a body
 * of content type ctype (NULL: JSON) when not NULL; a POST without a body sends an empty one.
 * Returns the status, or -1 when no answer came (the server is gone). */
static inline long http_try_call(uint16_t port, const char *src, const char *method,
                                 const char *path, const char *token, const char *body,
                                 const char *ctype, reply *r) {
    memset(r, 0, sizeof *r);
    CURL *c = curl_easy_init();
    assert_non_null(c);
    char url[2048], auth[128], ct[128], iface[64];
    snprintf(url, sizeof url, "http://127.0.0.1:%u%s", (unsigned)port, path);
    struct curl_slist *h = NULL;
    if (token) {
        snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
        h = curl_slist_append(h, auth);
    }
    if (body) {
        snprintf(ct, sizeof ct, "Content-Type: %s", ctype ? ctype : "application/json");
        h = curl_slist_append(h, ct);
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
    } else if (strcmp(method, "POST") == 0) {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, "");
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, 0L);
    }
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, http_client_on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, r);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, http_client_on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, r);
    curl_easy_setopt(c, CURLOPT_PATH_AS_IS, 1L);
    if (src) {
        snprintf(iface, sizeof iface, "host!%s", src);
        curl_easy_setopt(c, CURLOPT_INTERFACE, iface);
    }
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
    CURLcode rc = curl_easy_perform(c);
    if (rc != CURLE_OK) {
        r->status = -1;
        snprintf(r->body, sizeof r->body, "%s", curl_easy_strerror(rc));
    } else {
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
    }
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
    return r->status;
}

/* The same, failing the test when no answer came. */
static inline long http_call(uint16_t port, const char *src, const char *method, const char *path,
                             const char *token, const char *body, const char *ctype, reply *r) {
    if (http_try_call(port, src, method, path, token, body, ctype, r) < 0)
        fail_msg("%s %s: %s", method, path, r->body);
    return r->status;
}

/* Logs user in with password; the bearer token into token. Fails the test otherwise. */
static inline void http_login(uint16_t port, const char *user, const char *password,
                              char token[CCCD_TOKEN_LEN]) {
    char body[256];
    snprintf(body, sizeof body, "{\"username\":\"%s\",\"password\":\"%s\"}", user, password);
    reply r;
    if (http_call(port, NULL, "POST", "/api/v1/login", NULL, body, NULL, &r) != 200)
        fail_msg("login %s: %ld %s", user, r.status, r.body);
    json_t *v = json_loads(r.body, 0, NULL);
    assert_non_null(v);
    snprintf(token, CCCD_TOKEN_LEN, "%s", json_string_value(json_object_get(v, "token")));
    json_decref(v);
}

/* Calls (as http_call, from any address, JSON body) and checks the status; for a problem its
 * code and field too (NULL: not checked). Returns the answer's JSON (owned: json_decref). */
static inline json_t *http_expect(uint16_t port, const char *method, const char *path,
                                  const char *token, const char *body, long status,
                                  const char *code, const char *field) {
    reply r;
    if (http_call(port, NULL, method, path, token, body, NULL, &r) != status)
        fail_msg("%s %s %s: expected %ld, got %ld: %s", method, path, body ? body : "", status,
                 r.status, r.body);
    json_t *v = json_loads(r.body, 0, NULL);
    assert_non_null(v);
    if (code)
        assert_string_equal(json_string_value(json_object_get(v, "code")), code);
    if (field)
        assert_string_equal(json_string_value(json_object_get(v, "field")), field);
    return v;
}

/* That the reply is a problem document of that status, and its "code" and "field" (NULL: not
 * checked). */
static inline void assert_problem(const reply *r, long status, const char *code,
                                  const char *field) {
    if (r->status != status)
        fail_msg("expected %ld, got %ld: %s", status, r->status, r->body);
    assert_non_null(strstr(r->headers, "application/problem+json"));
    json_t *v = json_loads(r->body, 0, NULL);
    assert_non_null(v);
    assert_int_equal(json_integer_value(json_object_get(v, "status")), status);
    if (code)
        assert_string_equal(json_string_value(json_object_get(v, "code")), code);
    if (field)
        assert_string_equal(json_string_value(json_object_get(v, "field")), field);
    json_decref(v);
}

#endif
