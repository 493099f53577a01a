/*
 * seal.c: AES-256-GCM sealing of biometric blobs and the key file (see seal.h). All the
 * cryptography is OpenSSL's (EVP_aes_256_gcm, RAND_bytes); this file only lays out the bytes,
 * checks the key file and turns OpenSSL's failures into cccd errors.
 */
#include "service/seal.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int hexval(int c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static bool parse_hex(const char *hex, size_t n, cccd_seal_key *key) {
    if (n != 2 * CCCD_SEAL_KEY_LEN)
        return false;
    for (size_t i = 0; i < CCCD_SEAL_KEY_LEN; i++) {
        int hi = hexval((unsigned char)hex[2 * i]), lo = hexval((unsigned char)hex[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return false;
        key->bytes[i] = (unsigned char)(hi << 4 | lo);
    }
    return true;
}

cccd_errc cccd_seal_key_from_hex(const char *hex, cccd_seal_key *key, cccd_err *err) {
    if (hex == NULL || key == NULL || !parse_hex(hex, strlen(hex), key))
        return cccd_err_set(err, CCCD_E_SEAL_KEY, "key",
                            "the sealing key must be 64 hexadecimal digits (32 bytes)");
    return CCCD_OK;
}

cccd_errc cccd_seal_key_load(const char *path, cccd_seal_key *key, cccd_err *err) {
    if (path == NULL || key == NULL)
        return cccd_err_set(err, CCCD_E_ARG, "key", "no key file named");
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return cccd_err_set(err, CCCD_E_SEAL_KEY, "key", "cannot read the key file %s: %s", path,
                            strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return cccd_err_set(err, CCCD_E_SEAL_KEY, "key", "the key file %s is not a regular file",
                            path);
    }
    if (st.st_mode & (S_IRWXG | S_IRWXO)) {
        close(fd);
        return cccd_err_set(err, CCCD_E_SEAL_KEY, "key",
                            "the key file %s may be read or changed by others (mode %04o): run "
                            "chmod 600 %s",
                            path, (unsigned)(st.st_mode & 07777), path);
    }
    unsigned char buf[2 * CCCD_SEAL_KEY_LEN + 3];
    size_t n = 0;
    for (;;) { /* at most one byte more than the longest valid content */
        ssize_t r = read(fd, buf + n, sizeof buf - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            int e = errno;
            close(fd);
            OPENSSL_cleanse(buf, sizeof buf);
            return cccd_err_set(err, CCCD_E_SEAL_KEY, "key", "cannot read the key file %s: %s",
                                path, strerror(e));
        }
        if (r == 0 || (n += (size_t)r) == sizeof buf)
            break;
    }
    close(fd);
    bool ok = false;
    if (n == CCCD_SEAL_KEY_LEN) {
        memcpy(key->bytes, buf, CCCD_SEAL_KEY_LEN);
        ok = true;
    } else {
        size_t m = n;
        if (m > 0 && buf[m - 1] == '\n')
            m--;
        if (m > 0 && buf[m - 1] == '\r')
            m--;
        ok = parse_hex((const char *)buf, m, key);
    }
    OPENSSL_cleanse(buf, sizeof buf);
    if (!ok)
        return cccd_err_set(err, CCCD_E_SEAL_KEY, "key",
                            "the key file %s must hold 32 bytes or 64 hexadecimal digits "
                            "(make one with cccd keygen)",
                            path);
    return CCCD_OK;
}

cccd_errc cccd_seal_key_generate(cccd_seal_key *key, cccd_err *err) {
    if (key == NULL)
        return cccd_err_set(err, CCCD_E_ARG, "key", "no key to fill");
    if (RAND_bytes(key->bytes, CCCD_SEAL_KEY_LEN) != 1)
        return cccd_err_set(err, CCCD_E_INTERNAL, "key",
                            "the system's random generator failed: no key made");
    return CCCD_OK;
}

cccd_errc cccd_seal_key_write(const char *path, const cccd_seal_key *key, cccd_err *err) {
    if (path == NULL || key == NULL)
        return cccd_err_set(err, CCCD_E_ARG, "key", "no key file named");
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0 && errno == EEXIST)
        return cccd_err_set(err, CCCD_E_SEAL_KEY, "key",
                            "%s exists: a key file is never overwritten (what it sealed would "
                            "become unreadable)",
                            path);
    if (fd < 0)
        return cccd_err_set(err, CCCD_E_IO, "key", "cannot create %s: %s", path, strerror(errno));
    /* the umask may have taken bits away, never added: make the mode exactly 0600 */
    ssize_t w = fchmod(fd, 0600) == 0 ? write(fd, key->bytes, CCCD_SEAL_KEY_LEN) : -1;
    int e = errno;
    if (w != CCCD_SEAL_KEY_LEN || fsync(fd) != 0 || close(fd) != 0) {
        if (w != CCCD_SEAL_KEY_LEN)
            close(fd);
        unlink(path);
        return cccd_err_set(err, CCCD_E_IO, "key", "cannot write %s: %s", path,
                            strerror(w != CCCD_SEAL_KEY_LEN ? e : errno));
    }
    return CCCD_OK;
}

void cccd_seal_key_wipe(cccd_seal_key *key) {
    if (key)
        OPENSSL_cleanse(key->bytes, sizeof key->bytes);
}

/* One GCM pass: encrypt (enc = 1) or decrypt (enc = 0) n bytes from in to out with the
 * version byte and aad as associated data; the tag is written (enc) or checked (dec).
 * Returns 1 on success, 0 on an OpenSSL failure, -1 when the tag does not verify. */
static int gcm(int enc, const cccd_seal_key *key, const unsigned char *nonce, const char *aad,
               const unsigned char *in, size_t n, unsigned char *out, unsigned char *tag) {
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    if (ctx == NULL)
        return 0;
    const unsigned char version = CCCD_SEAL_VERSION;
    size_t aad_len = strlen(aad);
    int ok = 0, len;
    if (EVP_CipherInit_ex(ctx, EVP_aes_256_gcm(), NULL, NULL, NULL, enc) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, CCCD_SEAL_NONCE_LEN, NULL) != 1 ||
        EVP_CipherInit_ex(ctx, NULL, NULL, key->bytes, nonce, enc) != 1 ||
        EVP_CipherUpdate(ctx, NULL, &len, &version, 1) != 1 ||
        (aad_len > 0 &&
         EVP_CipherUpdate(ctx, NULL, &len, (const unsigned char *)aad, (int)aad_len) != 1))
        goto done;
    size_t done = 0;
    while (done < n) { /* EVP takes int lengths: feed large blobs in pieces */
        int chunk = n - done > (1u << 30) ? 1 << 30 : (int)(n - done);
        if (EVP_CipherUpdate(ctx, out + done, &len, in + done, chunk) != 1)
            goto done;
        done += (size_t)len;
    }
    if (!enc && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, CCCD_SEAL_TAG_LEN, tag) != 1)
        goto done;
    if (EVP_CipherFinal_ex(ctx, out + done, &len) != 1) {
        ok = enc ? 0 : -1;
        goto done;
    }
    if (enc && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, CCCD_SEAL_TAG_LEN, tag) != 1)
        goto done;
    ok = 1;
done:
    EVP_CIPHER_CTX_free(ctx);
    return ok;
}

cccd_errc cccd_seal(const cccd_seal_key *key, const char *aad, const unsigned char *plaintext,
                    size_t len, unsigned char **out, size_t *outlen, cccd_err *err) {
    if (key == NULL || aad == NULL || out == NULL || outlen == NULL ||
        (plaintext == NULL && len > 0))
        return cccd_err_set(err, CCCD_E_ARG, NULL, "seal: missing key, owner or data");
    *out = NULL;
    *outlen = 0;
    if (len > ((size_t)1 << 36)) /* GCM's limit per nonce is about 64 GB */
        return cccd_err_set(err, CCCD_E_TOO_LONG, NULL, "seal: %zu bytes is too much", len);
    unsigned char *b = malloc(len + CCCD_SEAL_OVERHEAD);
    if (b == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory sealing %zu bytes", len);
    b[0] = CCCD_SEAL_VERSION;
    unsigned char *nonce = b + 1, *ct = b + 1 + CCCD_SEAL_NONCE_LEN, *tag = ct + len;
    if (RAND_bytes(nonce, CCCD_SEAL_NONCE_LEN) != 1 ||
        gcm(1, key, nonce, aad, plaintext, len, ct, tag) != 1) {
        free(b);
        return cccd_err_set(err, CCCD_E_INTERNAL, NULL, "seal: OpenSSL could not encrypt");
    }
    *out = b;
    *outlen = len + CCCD_SEAL_OVERHEAD;
    return CCCD_OK;
}

cccd_errc cccd_unseal(const cccd_seal_key *key, const char *aad, const unsigned char *sealed,
                      size_t len, unsigned char **out, size_t *outlen, cccd_err *err) {
    if (key == NULL || aad == NULL || out == NULL || outlen == NULL || (sealed == NULL && len > 0))
        return cccd_err_set(err, CCCD_E_ARG, NULL, "unseal: missing key, owner or data");
    *out = NULL;
    *outlen = 0;
    if (len < CCCD_SEAL_OVERHEAD)
        return cccd_err_set(err, CCCD_E_SEAL_FORMAT, NULL,
                            "a sealed blob of %zu bytes is too short (at least %d)", len,
                            CCCD_SEAL_OVERHEAD);
    if (sealed[0] != CCCD_SEAL_VERSION)
        return cccd_err_set(err, CCCD_E_SEAL_FORMAT, NULL,
                            "a sealed blob of version %u: this program reads version %d", sealed[0],
                            CCCD_SEAL_VERSION);
    size_t n = len - CCCD_SEAL_OVERHEAD;
    unsigned char *p = malloc(n + 1);
    if (p == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory opening %zu bytes", n);
    unsigned char tag[CCCD_SEAL_TAG_LEN];
    memcpy(tag, sealed + len - CCCD_SEAL_TAG_LEN, CCCD_SEAL_TAG_LEN);
    int r = gcm(0, key, sealed + 1, aad, sealed + 1 + CCCD_SEAL_NONCE_LEN, n, p, tag);
    if (r != 1) {
        OPENSSL_cleanse(p, n);
        free(p);
        if (r < 0)
            return cccd_err_set(err, CCCD_E_SEAL_TAMPERED, NULL,
                                "sealed data for '%s' fails authentication: it was altered, "
                                "belongs to another record, or another key sealed it",
                                aad);
        return cccd_err_set(err, CCCD_E_INTERNAL, NULL, "unseal: OpenSSL could not decrypt");
    }
    p[n] = '\0';
    *out = p;
    *outlen = n;
    return CCCD_OK;
}
