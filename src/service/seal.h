/*
 * seal.h: biometric data encrypted at rest: AES-256-GCM (OpenSSL 3 EVP) under a key kept in a
 * file outside the database.
 *
 * Why this exists: a photo and ten fingerprints are the most sensitive data the system holds;
 * a stolen database or backup must not reveal them, and a blob moved to another person's record
 * must not decrypt there. Each blob is sealed with a fresh random nonce and with associated
 * data naming its owner ("application-id/finger-3"), which is authenticated but not stored.
 *
 * Sealed format (docs/biometrics.md):
 *   byte 0        version (1)
 *   bytes 1..12   the nonce (96 random bits from RAND_bytes)
 *   then          the ciphertext, as long as the plaintext
 *   last 16       the GCM tag, over the version byte followed by the owner's AAD, and the
 *                 ciphertext
 *
 * In src/service, not src/core: loading the key reads a file and sealing draws random nonces,
 * which core functions never do.
 */
#ifndef CCCD_SERVICE_SEAL_H
#define CCCD_SERVICE_SEAL_H

#include <stddef.h>

#include "core/error.h"

#define CCCD_SEAL_KEY_LEN 32
#define CCCD_SEAL_VERSION 1
#define CCCD_SEAL_NONCE_LEN 12
#define CCCD_SEAL_TAG_LEN 16
/* The bytes a sealed blob adds to its plaintext. */
#define CCCD_SEAL_OVERHEAD (1 + CCCD_SEAL_NONCE_LEN + CCCD_SEAL_TAG_LEN)

typedef struct cccd_seal_key {
    unsigned char bytes[CCCD_SEAL_KEY_LEN];
} cccd_seal_key;

/* Loads the key from a file of exactly 32 bytes, or of 64 hexadecimal digits (an optional
 * final newline allowed). A file that its group or others may read or write is refused:
 * "chmod 600 FILE". Errors: CCCD_E_SEAL_KEY (missing, unreadable, wrong mode or content). */
cccd_errc cccd_seal_key_load(const char *path, cccd_seal_key *key, cccd_err *err);

/* The key from 64 hexadecimal digits (e.g. from configuration). Errors: CCCD_E_SEAL_KEY. */
cccd_errc cccd_seal_key_from_hex(const char *hex, cccd_seal_key *key, cccd_err *err);

/* A new random key (OpenSSL RAND_bytes). Errors: CCCD_E_INTERNAL (no randomness). */
cccd_errc cccd_seal_key_generate(cccd_seal_key *key, cccd_err *err);

/* Writes the key's 32 bytes to a new file of mode 0600; an existing file is never overwritten
 * (its sealed data would become unreadable). Errors: CCCD_E_SEAL_KEY (exists), CCCD_E_IO. */
cccd_errc cccd_seal_key_write(const char *path, const cccd_seal_key *key, cccd_err *err);

/* Wipes a key from memory. */
void cccd_seal_key_wipe(cccd_seal_key *key);

/* Seals len bytes of plaintext for the owner named by aad (a NUL-terminated string, e.g.
 * "A2025-000123/finger-3"; "" allowed) into *out (malloc'ed, owned by the caller) of
 * *outlen = len + CCCD_SEAL_OVERHEAD bytes. Errors: CCCD_E_ARG, CCCD_E_NOMEM, CCCD_E_INTERNAL. */
cccd_errc cccd_seal(const cccd_seal_key *key, const char *aad, const unsigned char *plaintext,
                    size_t len, unsigned char **out, size_t *outlen, cccd_err *err);

/* Opens a sealed blob for the same owner: *out (malloc'ed, owned by the caller; one extra NUL
 * byte after the *outlen bytes) holds the plaintext. Errors: CCCD_E_SEAL_FORMAT (too short, an
 * unknown version), CCCD_E_SEAL_TAMPERED (any change to the blob, another owner's aad, another
 * key), CCCD_E_NOMEM, CCCD_E_INTERNAL. Nothing is returned unless the tag verifies. */
cccd_errc cccd_unseal(const cccd_seal_key *key, const char *aad, const unsigned char *sealed,
                      size_t len, unsigned char **out, size_t *outlen, cccd_err *err);

#endif
