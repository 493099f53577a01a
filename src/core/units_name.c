/*
 * units_name.c: names of administrative units: type prefixes, keys, canonical spelling.
 *
 * A unit's official name carries its type ("Huyện Thái Thụy", "Phường 1"), and people search
 * without it ("thai thuy"), so each version keeps the key of its full name and of its bare name.
 * Units made by the 2025 reform come with a name only ("xã Sông Vàng", "Tuyên Quang"): their
 * type is read from the prefix, which is then written the canonical way. Kept apart from the
 * loaders so both the list and the reform name units the same way.
 */
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "core/units_internal.h"

typedef struct prefix {
    const char *key;     /* key of the prefix */
    int words;           /* words it takes in the cleaned name */
    const char *display; /* canonical spelling at the start of a name */
    unsigned levels;     /* bit (1 << level) for the levels it names */
} prefix;

#define L(x) (1u << (x))

/* Longest keys first, so "thi xa" is tried before "xa". */
static const prefix prefixes[] = {
    {"thanh pho", 2, "Thành phố", L(CCCD_UNIT_PROVINCE) | L(CCCD_UNIT_DISTRICT)},
    {"thi tran", 2, "Thị trấn", L(CCCD_UNIT_COMMUNE)},
    {"dac khu", 2, "Đặc khu", L(CCCD_UNIT_COMMUNE)},
    {"phuong", 1, "Phường", L(CCCD_UNIT_COMMUNE)},
    {"thi xa", 2, "Thị xã", L(CCCD_UNIT_DISTRICT)},
    {"huyen", 1, "Huyện", L(CCCD_UNIT_DISTRICT)},
    {"quan", 1, "Quận", L(CCCD_UNIT_DISTRICT)},
    {"tinh", 1, "Tỉnh", L(CCCD_UNIT_PROVINCE)},
    {"xa", 1, "Xã", L(CCCD_UNIT_COMMUNE)},
};

#define NPREFIX (sizeof prefixes / sizeof prefixes[0])

/* Length of p when key starts with p followed by a space (and something after it), else 0. */
static size_t key_prefix_len(const char *key, const char *p) {
    size_t n = strlen(p);
    if (n == 0 || strncmp(key, p, n) != 0 || key[n] != ' ' || key[n + 1] == '\0')
        return 0;
    return n + 1;
}

cccd_errc units_set_name(cccd_units *u, unit_rec *r, const char *clean, const char *path,
                         cccd_err *err) {
    size_t len = strlen(clean);
    char *key = NULL, *type_key = NULL;
    cccd_errc rc = cccd_text_key(clean, len, path, &key, err);
    if (rc != CCCD_OK)
        return rc;
    size_t skip = 0;
    if (r->pub.type != NULL && r->pub.type[0] != '\0') {
        rc = cccd_text_key(r->pub.type, strlen(r->pub.type), path, &type_key, err);
        if (rc != CCCD_OK) {
            free(key);
            return rc;
        }
        skip = key_prefix_len(key, type_key);
        free(type_key);
    }
    for (size_t i = 0; skip == 0 && i < NPREFIX; i++)
        skip = key_prefix_len(key, prefixes[i].key);
    size_t klen = strlen(key);
    char *name = units_strdup(u, clean, len);
    char *k = units_strdup(u, key, klen);
    char *bare = skip > 0 ? units_strdup(u, key + skip, klen - skip) : k;
    free(key);
    if (name == NULL || k == NULL || bare == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, path, "out of memory");
    r->pub.name = name;
    r->pub.key = k;
    r->pub.bare_key = bare;
    return CCCD_OK;
}

static const char *type_for(const prefix *p, cccd_unit_level level) {
    if (level == CCCD_UNIT_PROVINCE && strcmp(p->key, "thanh pho") == 0)
        return "Thành phố Trung ương";
    return p->display;
}

cccd_errc units_canonical_name(cccd_unit_level level, const char *clean, const char **type,
                               char **name, bool *known, cccd_err *err) {
    *name = NULL;
    *type = "";
    *known = false;
    char *key = NULL;
    size_t len = strlen(clean);
    cccd_errc rc = cccd_text_key(clean, len, "name", &key, err);
    if (rc != CCCD_OK)
        return rc;
    const prefix *hit = NULL;
    for (size_t i = 0; hit == NULL && i < NPREFIX; i++)
        if ((prefixes[i].levels & L(level)) && key_prefix_len(key, prefixes[i].key) > 0)
            hit = &prefixes[i];
    free(key);
    const char *rest = clean;
    const char *display = NULL;
    if (hit != NULL) {
        /* skip the prefix's words in the cleaned name (single spaces after cleaning) */
        for (int w = 0; w < hit->words && rest != NULL; w++) {
            rest = strchr(rest, ' ');
            if (rest != NULL)
                rest++;
        }
        if (rest == NULL)
            rest = "";
        display = hit->display;
        *type = type_for(hit, level);
        *known = true;
    } else if (level == CCCD_UNIT_PROVINCE && len > 0) {
        /* the reform file writes most new provinces without "Tỉnh"; the cities all carry
         * "Thành phố", so a bare province name is a tỉnh */
        display = "Tỉnh";
        *type = "Tỉnh";
        *known = true;
    }
    size_t dlen = display ? strlen(display) + 1 : 0, rlen = strlen(rest);
    char *out = malloc(dlen + rlen + 1);
    if (out == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, "name", "out of memory");
    if (display != NULL) {
        memcpy(out, display, dlen - 1);
        out[dlen - 1] = ' ';
    }
    memcpy(out + dlen, rest, rlen + 1);
    *name = out;
    return CCCD_OK;
}
