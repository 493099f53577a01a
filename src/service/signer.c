/*
 * signer.c: the document signer's socket server (see signer.h). One accepting loop; a thread
 * per connection, in a fixed table of max_conns slots, each reading frames, validating them and
 * answering with cccd_sod_sign's EF.SOD, until its peer closes it or stays silent too long. The
 * certificate and key are loaded once and shared read-only by the threads (OpenSSL 3 objects are
 * safe to use so).
 */
#define _GNU_SOURCE /* pipe2, accept4 */
#include "service/signer.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include "chip/sod.h"

typedef struct slot {
    struct cccd_signer *s;
    pthread_t tid;
    int fd;           /* -1 when free; guarded by the signer's lock */
    bool used;        /* a thread was started and not yet joined */
    atomic_bool done; /* the thread has finished */
} slot;

struct cccd_signer {
    X509 *cert;    /* own copy */
    EVP_PKEY *key; /* own reference */
    char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
    int listen_fd;
    int stop_pipe[2];
    bool socket_removed;
    int nslots;
    int idle_s; /* a connection silent this long is closed */
    slot *slots;
    pthread_mutex_t lock;
    atomic_uint_fast64_t answers;
};

static bool read_full(int fd, unsigned char *buf, size_t n) {
    size_t got = 0;
    while (got < n) {
        ssize_t r = read(fd, buf + got, n - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return false;
        got += (size_t)r;
    }
    return true;
}

static bool send_full(int fd, const unsigned char *buf, size_t n) {
    size_t sent = 0;
    while (sent < n) {
        ssize_t w = send(fd, buf + sent, n - sent, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        sent += (size_t)w;
    }
    return true;
}

/* Sends one answer frame: status and body. */
static bool answer(int fd, int status, const void *body, size_t len) {
    unsigned char *f = malloc(5 + len);
    if (f == NULL)
        return false;
    uint32_t total = (uint32_t)(len + 1);
    f[0] = (unsigned char)(total >> 24);
    f[1] = (unsigned char)(total >> 16);
    f[2] = (unsigned char)(total >> 8);
    f[3] = (unsigned char)total;
    f[4] = (unsigned char)status;
    if (len)
        memcpy(f + 5, body, len);
    bool ok = send_full(fd, f, 5 + len);
    free(f);
    return ok;
}

static bool answer_text(int fd, int status, const char *msg) {
    return answer(fd, status, msg, strlen(msg));
}

/* Parses a request body into dgs; on a malformed one fills why and returns false. */
static bool parse_request(const unsigned char *b, size_t len, cccd_dg_hash *dgs, size_t *n,
                          char *why, size_t why_len) {
    if (len < 2 || b[0] != CCCD_SIGNER_PROTOCOL) {
        snprintf(why, why_len, "protocol version %d: this signer speaks version %d",
                 len ? b[0] : -1, CCCD_SIGNER_PROTOCOL);
        return false;
    }
    size_t count = b[1], at = 2;
    if (count < 1 || count > CCCD_SOD_MAX_DG) {
        snprintf(why, why_len, "a request lists 1 to %d data groups, not %zu", CCCD_SOD_MAX_DG,
                 count);
        return false;
    }
    for (size_t i = 0; i < count; i++) {
        if (at + 2 > len) {
            snprintf(why, why_len, "the request ends inside entry %zu of %zu", i + 1, count);
            return false;
        }
        int dg = b[at], hlen = b[at + 1];
        if (hlen != 32) {
            snprintf(why, why_len, "the hash of data group %d has %d bytes, not 32 (SHA-256)", dg,
                     hlen);
            return false;
        }
        if (at + 2 + 32 > len) {
            snprintf(why, why_len, "the request ends inside the hash of data group %d", dg);
            return false;
        }
        dgs[i].dg = dg;
        memcpy(dgs[i].sha256, b + at + 2, 32);
        at += 2 + 32;
    }
    if (at != len) {
        snprintf(why, why_len, "%zu bytes follow the last of %zu entries", len - at, count);
        return false;
    }
    cccd_err e;
    if (cccd_dg_hashes_check(dgs, count, &e) != CCCD_OK) {
        snprintf(why, why_len, "%s", e.msg);
        return false;
    }
    *n = count;
    return true;
}

/* Serves one connection until the peer closes it, a write fails, or the signer stops. */
static void *serve_conn(void *arg) {
    slot *sl = arg;
    cccd_signer *s = sl->s;
    int fd = sl->fd;
    unsigned char hdr[4], body[CCCD_SIGNER_MAX_REQUEST];
    for (;;) {
        if (!read_full(fd, hdr, 4))
            break;
        uint32_t len =
            (uint32_t)hdr[0] << 24 | (uint32_t)hdr[1] << 16 | (uint32_t)hdr[2] << 8 | hdr[3];
        if (len == 0 || len > CCCD_SIGNER_MAX_REQUEST) {
            char why[128];
            snprintf(why, sizeof why, "a request frame of %u bytes: the limit is 1 to %d", len,
                     CCCD_SIGNER_MAX_REQUEST);
            answer_text(fd, CCCD_SIGNER_REFUSED, why);
            atomic_fetch_add(&s->answers, 1);
            break; /* the rest of that frame cannot be skipped safely */
        }
        if (!read_full(fd, body, len))
            break;
        cccd_dg_hash dgs[CCCD_SOD_MAX_DG];
        size_t n = 0;
        char why[256];
        bool ok;
        if (!parse_request(body, len, dgs, &n, why, sizeof why)) {
            ok = answer_text(fd, CCCD_SIGNER_REFUSED, why);
        } else {
            unsigned char *sod = NULL;
            size_t sod_len = 0;
            cccd_err e;
            if (cccd_sod_sign(dgs, n, s->cert, s->key, &sod, &sod_len, &e) == CCCD_OK)
                ok = answer(fd, CCCD_SIGNER_OK, sod, sod_len);
            else
                ok = answer_text(
                    fd, e.code == CCCD_E_SOD_DG ? CCCD_SIGNER_REFUSED : CCCD_SIGNER_FAILED, e.msg);
            free(sod);
        }
        atomic_fetch_add(&s->answers, 1);
        if (!ok)
            break;
    }
    pthread_mutex_lock(&s->lock);
    close(fd);
    sl->fd = -1;
    pthread_mutex_unlock(&s->lock);
    atomic_store(&sl->done, true);
    return NULL;
}

/* Whether something listens at path (a live signer). */
static bool answers(const char *path) {
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return false;
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    snprintf(a.sun_path, sizeof a.sun_path, "%s", path);
    bool live = connect(fd, (struct sockaddr *)&a, sizeof a) == 0;
    close(fd);
    return live;
}

cccd_errc cccd_signer_new(X509 *cert, EVP_PKEY *key, const char *socket_path, int max_conns,
                          cccd_signer **out, cccd_err *err) {
    *out = NULL;
    if (cert == NULL || key == NULL || X509_check_private_key(cert, key) != 1) {
        ERR_clear_error();
        return cccd_err_set(err, CCCD_E_PKI_CERT, "key",
                            "the Document Signer key does not belong to the certificate");
    }
    if (!(X509_get_extension_flags(cert) & EXFLAG_KUSAGE) ||
        !(X509_get_key_usage(cert) & KU_DIGITAL_SIGNATURE))
        return cccd_err_set(err, CCCD_E_PKI_CERT, "cert",
                            "the certificate does not allow digital signatures (keyUsage "
                            "digitalSignature): it is not a Document Signer certificate");
    if (socket_path == NULL || socket_path[0] == '\0' ||
        strlen(socket_path) >= sizeof(((struct sockaddr_un *)0)->sun_path))
        return cccd_err_set(err, CCCD_E_ARG, "socket", "a socket path must be 1 to %zu bytes",
                            sizeof(((struct sockaddr_un *)0)->sun_path) - 1);
    if (max_conns < 1 || max_conns > 1024)
        return cccd_err_set(err, CCCD_E_ARG, "threads", "1 to 1024 connections at once");
    struct stat st;
    if (lstat(socket_path, &st) == 0) {
        if (!S_ISSOCK(st.st_mode))
            return cccd_err_set(err, CCCD_E_PKI_EXISTS, "socket",
                                "%s exists and is not a socket: choose another path", socket_path);
        if (answers(socket_path))
            return cccd_err_set(err, CCCD_E_PKI_EXISTS, "socket", "a signer already answers at %s",
                                socket_path);
        unlink(socket_path); /* stale: its process is gone */
    }
    cccd_signer *s = calloc(1, sizeof *s);
    slot *slots = calloc((size_t)max_conns, sizeof *slots);
    if (s == NULL || slots == NULL) {
        free(s);
        free(slots);
        return cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory");
    }
    s->slots = slots;
    s->nslots = max_conns;
    s->idle_s = CCCD_SIGNER_IDLE_S;
    for (int i = 0; i < max_conns; i++) {
        slots[i].s = s;
        slots[i].fd = -1;
    }
    snprintf(s->path, sizeof s->path, "%s", socket_path);
    s->stop_pipe[0] = s->stop_pipe[1] = -1;
    pthread_mutex_init(&s->lock, NULL);
    s->listen_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    snprintf(a.sun_path, sizeof a.sun_path, "%s", socket_path);
    /* bound, then 0600, then listening: nobody can connect before the mode is set */
    if (s->listen_fd < 0 || bind(s->listen_fd, (struct sockaddr *)&a, sizeof a) != 0) {
        int e = errno;
        s->socket_removed = true; /* not ours to remove */
        cccd_signer_free(s);
        return cccd_err_set(err, CCCD_E_IO, "socket", "cannot create the socket %s: %s",
                            socket_path, strerror(e));
    }
    if (chmod(socket_path, 0600) != 0 || listen(s->listen_fd, 128) != 0 ||
        pipe2(s->stop_pipe, O_CLOEXEC | O_NONBLOCK) != 0) {
        int e = errno;
        cccd_signer_free(s);
        return cccd_err_set(err, CCCD_E_IO, "socket", "cannot listen on %s: %s", socket_path,
                            strerror(e));
    }
    /* a copy decoded from DER keeps its encoding cached, so no request re-encodes it */
    s->cert = X509_dup(cert);
    if (s->cert == NULL) {
        cccd_signer_free(s);
        return cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory copying the certificate");
    }
    EVP_PKEY_up_ref(key);
    s->key = key;
    *out = s;
    return CCCD_OK;
}

/* Joins the threads that have finished; returns a free slot or NULL. */
static slot *free_slot(cccd_signer *s) {
    slot *found = NULL;
    for (int i = 0; i < s->nslots; i++) {
        slot *sl = &s->slots[i];
        if (sl->used && atomic_load(&sl->done)) {
            pthread_join(sl->tid, NULL);
            sl->used = false;
        }
        if (!sl->used && found == NULL)
            found = sl;
    }
    return found;
}

void cccd_signer_set_idle(cccd_signer *s, int seconds) {
    s->idle_s = seconds < 1 ? 1 : seconds > 86400 ? 86400 : seconds;
}

static bool stop_asked(cccd_signer *s) {
    char c;
    return read(s->stop_pipe[0], &c, 1) == 1;
}

cccd_errc cccd_signer_run(cccd_signer *s, cccd_err *err) {
    cccd_errc rc = CCCD_OK;
    for (;;) {
        slot *sl = free_slot(s);
        struct pollfd p[2] = {{.fd = s->stop_pipe[0], .events = POLLIN},
                              {.fd = s->listen_fd, .events = POLLIN}};
        /* every slot busy: accept nobody more until one frees (checked every 20 ms) */
        int r = poll(p, sl ? 2 : 1, sl ? -1 : 20);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            rc = cccd_err_set(err, CCCD_E_IO, "socket", "poll failed: %s", strerror(errno));
            break;
        }
        if ((p[0].revents & POLLIN) && stop_asked(s))
            break;
        if (sl == NULL || !(p[1].revents & POLLIN))
            continue;
        int fd = accept4(s->listen_fd, NULL, NULL, SOCK_CLOEXEC);
        if (fd < 0)
            continue; /* the peer went away, or a transient shortage: keep serving */
        /* a peer silent this long (or not reading its answers) loses its connection: its
         * read or write fails with EAGAIN and serve_conn closes it */
        struct timeval idle = {.tv_sec = s->idle_s};
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &idle, sizeof idle);
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &idle, sizeof idle);
        pthread_mutex_lock(&s->lock);
        sl->fd = fd;
        pthread_mutex_unlock(&s->lock);
        atomic_store(&sl->done, false);
        if (pthread_create(&sl->tid, NULL, serve_conn, sl) != 0) {
            pthread_mutex_lock(&s->lock);
            sl->fd = -1;
            pthread_mutex_unlock(&s->lock);
            close(fd);
            continue;
        }
        sl->used = true;
    }
    /* stop accepting; let each connection finish its request, then close it */
    close(s->listen_fd);
    s->listen_fd = -1;
    unlink(s->path);
    s->socket_removed = true;
    pthread_mutex_lock(&s->lock);
    for (int i = 0; i < s->nslots; i++)
        if (s->slots[i].fd >= 0)
            shutdown(s->slots[i].fd, SHUT_RD);
    pthread_mutex_unlock(&s->lock);
    for (int i = 0; i < s->nslots; i++)
        if (s->slots[i].used) {
            pthread_join(s->slots[i].tid, NULL);
            s->slots[i].used = false;
        }
    return rc;
}

void cccd_signer_stop(cccd_signer *s) {
    char c = 1;
    ssize_t w = write(s->stop_pipe[1], &c, 1); /* async-signal-safe */
    (void)w;
}

uint64_t cccd_signer_answers(cccd_signer *s) {
    return atomic_load(&s->answers);
}

void cccd_signer_free(cccd_signer *s) {
    if (s == NULL)
        return;
    if (s->listen_fd >= 0)
        close(s->listen_fd);
    if (!s->socket_removed)
        unlink(s->path);
    if (s->stop_pipe[0] >= 0)
        close(s->stop_pipe[0]);
    if (s->stop_pipe[1] >= 0)
        close(s->stop_pipe[1]);
    pthread_mutex_destroy(&s->lock);
    X509_free(s->cert);
    EVP_PKEY_free(s->key);
    free(s->slots);
    free(s);
}
