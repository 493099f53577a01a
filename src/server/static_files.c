/*
 * static_files.c: the web UI's files, read from the configured directory and nowhere else.
 *
 * A path is refused before it reaches the file system when any segment is "." or "..", it
 * holds a backslash or a control character, or it is too long; what remains is resolved with
 * realpath() and must still lie inside the directory (a symbolic link pointing out is refused
 * too). Only regular files are served, with an ETag from size and modification time.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "server/http.h"

#define MAX_FILE_BYTES (16 * 1024 * 1024)

static const char *type_of(const char *path) {
    static const struct {
        const char *ext, *type;
    } types[] = {
        {".html", "text/html; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".json", "application/json"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".txt", "text/plain; charset=utf-8"},
        {".woff2", "font/woff2"},
    };
    const char *dot = strrchr(path, '.');
    for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
        if (strcmp(dot, types[i].ext) == 0)
            return types[i].type;
    return "application/octet-stream";
}

static bool safe_path(const char *path) {
    if (path[0] != '/' || strlen(path) > 512)
        return false;
    for (const char *p = path; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == '\\' || *p == 0x7f)
            return false;
    for (const char *seg = path + 1; *seg;) {
        size_t n = strcspn(seg, "/");
        if ((n == 1 && seg[0] == '.') || (n == 2 && seg[0] == '.' && seg[1] == '.'))
            return false;
        seg += n + (seg[n] == '/');
    }
    return true;
}

static void not_found(http_resp *rs) {
    http_problem(rs, 404, "http.not_found", NULL, "no such file");
}

void http_static(const cccd_server_config *cfg, const char *path, const char *if_none_match,
                 http_resp *rs) {
    if (cfg->web_dir == NULL) {
        not_found(rs);
        return;
    }
    if (!safe_path(path)) {
        http_problem(rs, 400, "http.path", "path",
                     "the path has a '.' or '..' segment, a "
                     "backslash or a control character");
        return;
    }
    char root[PATH_MAX], want[PATH_MAX + 600], real[PATH_MAX];
    if (realpath(cfg->web_dir, root) == NULL) {
        not_found(rs);
        return;
    }
    const char *rel = strcmp(path, "/") == 0 ? "/index.html" : path;
    snprintf(want, sizeof want, "%s%s", root, rel);
    size_t rl = strlen(root);
    struct stat sb;
    if (realpath(want, real) == NULL || strncmp(real, root, rl) != 0 ||
        (real[rl] != '/' && real[rl] != '\0') || stat(real, &sb) != 0 || !S_ISREG(sb.st_mode) ||
        sb.st_size > MAX_FILE_BYTES) {
        not_found(rs);
        return;
    }
    snprintf(rs->etag, sizeof rs->etag, "\"%llx-%llx\"", (unsigned long long)sb.st_size,
             (unsigned long long)sb.st_mtime);
    if (if_none_match && strcmp(if_none_match, rs->etag) == 0) {
        rs->status = 304;
        rs->body = strdup("");
        rs->len = 0;
        rs->content_type = type_of(real);
        return;
    }
    FILE *f = fopen(real, "rb");
    char *b = f ? malloc((size_t)sb.st_size + 1) : NULL;
    if (b == NULL || fread(b, 1, (size_t)sb.st_size, f) != (size_t)sb.st_size) {
        free(b);
        if (f)
            fclose(f);
        not_found(rs);
        return;
    }
    fclose(f);
    rs->status = 200;
    rs->body = b;
    rs->len = (size_t)sb.st_size;
    rs->content_type = type_of(real);
}
