/*
 * signer_client.c: the client side of the signer protocol (see signer.h and signer_client.h):
 * one kept connection, frames written with one send, answers read in full, every failure of
 * the connection turned into CCCD_E_SIGNER_UNAVAILABLE with the socket's path and the reason.
 */
#include "service/signer_client.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include "service/signer.h"

enum { ANSWER_TIMEOUT_S = 30 };

struct cccd_signer_client {
    char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
    int fd; /* -1 when not connected */
};

cccd_errc cccd_signer_client_new(const char *socket_path, cccd_signer_client **out, cccd_err *err) {
    *out = NULL;
    if (socket_path == NULL || socket_path[0] == '\0' ||
        strlen(socket_path) >= sizeof(((struct sockaddr_un *)0)->sun_path))
        return cccd_err_set(err, CCCD_E_ARG, "socket",
                            "a signer socket path must be 1 to %zu bytes",
                            sizeof(((struct sockaddr_un *)0)->sun_path) - 1);
    cccd_signer_client *c = calloc(1, sizeof *c);
    if (c == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory");
    snprintf(c->path, sizeof c->path, "%s", socket_path);
    c->fd = -1;
    *out = c;
    return CCCD_OK;
}

void cccd_signer_client_free(cccd_signer_client *c) {
    if (c == NULL)
        return;
    if (c->fd >= 0)
        close(c->fd);
    free(c);
}

static void disconnect(cccd_signer_client *c) {
    if (c->fd >= 0)
        close(c->fd);
    c->fd = -1;
}

static cccd_errc connect_signer(cccd_signer_client *c, cccd_err *err) {
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return cccd_err_set(err, CCCD_E_SIGNER_UNAVAILABLE, "signer",
                            "cannot open a socket for the document signer: %s", strerror(errno));
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    snprintf(a.sun_path, sizeof a.sun_path, "%s", c->path);
    struct timeval tv = {.tv_sec = ANSWER_TIMEOUT_S};
    if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
        int e = errno;
        close(fd);
        return cccd_err_set(err, CCCD_E_SIGNER_UNAVAILABLE, "signer",
                            "the document signer at %s is not answering (%s): start `cccd "
                            "signer`",
                            c->path, strerror(e));
    }
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    c->fd = fd;
    return CCCD_OK;
}

/* 0 on success, else an errno (EPIPE for an early end of the stream). */
static int io_full(int fd, unsigned char *buf, size_t n, bool writing) {
    size_t done = 0;
    while (done < n) {
        ssize_t r = writing ? send(fd, buf + done, n - done, MSG_NOSIGNAL)
                            : recv(fd, buf + done, n - done, 0);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return errno;
        if (r == 0)
            return EPIPE;
        done += (size_t)r;
    }
    return 0;
}

/* One exchange on the current connection. Returns 0, or an errno when the connection failed
 * (nothing is set in err then), or -1 after setting err (a bad answer). */
static int exchange(cccd_signer_client *c, const unsigned char *frame, size_t frame_len,
                    int *status, unsigned char **body, size_t *body_len, cccd_err *err) {
    int e = io_full(c->fd, (unsigned char *)frame, frame_len, true);
    unsigned char hdr[4];
    if (e != 0 || (e = io_full(c->fd, hdr, 4, false)) != 0)
        return e;
    uint32_t len = (uint32_t)hdr[0] << 24 | (uint32_t)hdr[1] << 16 | (uint32_t)hdr[2] << 8 | hdr[3];
    if (len < 1 || len > CCCD_SIGNER_MAX_ANSWER + 1) {
        cccd_err_set(err, CCCD_E_SIGNER_FAILED, "signer",
                     "the document signer at %s answered a frame of %u bytes: is it a cccd "
                     "signer?",
                     c->path, len);
        return -1;
    }
    unsigned char *b = malloc(len + 1);
    if (b == NULL) {
        cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory");
        return -1;
    }
    if ((e = io_full(c->fd, b, len, false)) != 0) {
        free(b);
        return e;
    }
    *status = b[0];
    memmove(b, b + 1, len - 1);
    b[len - 1] = '\0';
    *body = b;
    *body_len = len - 1;
    return 0;
}

cccd_errc cccd_signer_client_raw(cccd_signer_client *c, const unsigned char *req, size_t len,
                                 int *status, unsigned char **body, size_t *body_len,
                                 cccd_err *err) {
    *body = NULL;
    *body_len = 0;
    if (len > UINT32_MAX)
        return cccd_err_set(err, CCCD_E_ARG, NULL, "a request of %zu bytes", len);
    unsigned char *frame = malloc(4 + len);
    if (frame == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory");
    frame[0] = (unsigned char)(len >> 24);
    frame[1] = (unsigned char)(len >> 16);
    frame[2] = (unsigned char)(len >> 8);
    frame[3] = (unsigned char)len;
    if (len)
        memcpy(frame + 4, req, len);
    cccd_errc rc = CCCD_OK;
    for (int attempt = 0;; attempt++) {
        bool kept = c->fd >= 0;
        if (!kept && (rc = connect_signer(c, err)) != CCCD_OK)
            break;
        int e = exchange(c, frame, 4 + len, status, body, body_len, err);
        if (e == 0)
            break;
        disconnect(c);
        if (e < 0) {
            rc = err->code;
            break;
        }
        if (kept && attempt == 0)
            continue; /* the kept connection was stale (the signer restarted): once more */
        if (e == EAGAIN || e == EWOULDBLOCK)
            rc = cccd_err_set(err, CCCD_E_SIGNER_UNAVAILABLE, "signer",
                              "the document signer at %s did not answer within %d s", c->path,
                              ANSWER_TIMEOUT_S);
        else
            rc = cccd_err_set(err, CCCD_E_SIGNER_UNAVAILABLE, "signer",
                              "the document signer at %s went away mid-request (%s): start "
                              "`cccd signer`",
                              c->path, strerror(e));
        break;
    }
    free(frame);
    return rc;
}

cccd_errc cccd_signer_sign(cccd_signer_client *c, const cccd_dg_hash *dgs, size_t n,
                           unsigned char **sod, size_t *sod_len, cccd_err *err) {
    *sod = NULL;
    *sod_len = 0;
    cccd_errc rc = cccd_dg_hashes_check(dgs, n, err);
    if (rc != CCCD_OK)
        return rc;
    unsigned char req[2 + CCCD_SOD_MAX_DG * 34];
    size_t len = 0;
    req[len++] = CCCD_SIGNER_PROTOCOL;
    req[len++] = (unsigned char)n;
    for (size_t i = 0; i < n; i++) {
        req[len++] = (unsigned char)dgs[i].dg;
        req[len++] = 32;
        memcpy(req + len, dgs[i].sha256, 32);
        len += 32;
    }
    int status = -1;
    unsigned char *body = NULL;
    size_t body_len = 0;
    if ((rc = cccd_signer_client_raw(c, req, len, &status, &body, &body_len, err)) != CCCD_OK)
        return rc;
    if (status == CCCD_SIGNER_OK && body_len > 0 && body[0] == 0x77) {
        *sod = body;
        *sod_len = body_len;
        return CCCD_OK;
    }
    if (status == CCCD_SIGNER_REFUSED)
        rc = cccd_err_set(err, CCCD_E_SIGNER_REFUSED, "signer",
                          "the document signer refused the request: %s", (char *)body);
    else if (status == CCCD_SIGNER_FAILED)
        rc = cccd_err_set(err, CCCD_E_SIGNER_FAILED, "signer",
                          "the document signer could not sign: %s", (char *)body);
    else
        rc = cccd_err_set(err, CCCD_E_SIGNER_FAILED, "signer",
                          "the document signer at %s answered status %d without an EF.SOD", c->path,
                          status);
    free(body);
    return rc;
}
