/*
 * pki_files.h: the CSCA and Document Signer directories on disk (docs/pki.md, "Files"), and
 * reading keys, certificates, CRLs and passphrases for the commands and the signer.
 *
 * Why in src/service: it reads and writes files; the certificates themselves are made in memory
 * by chip/pki.h. Private keys are written once, as encrypted PKCS#8 PEM (AES-256-CBC, PBKDF2)
 * in new files of mode 0600, and never overwritten.
 *
 *   CSCA directory:  csca.key  csca.pem  crl-number  revoked.txt  issued.txt
 *   DS directory:    ds.key  ds.pem  csca.pem (the issuer, for verifiers)
 */
#ifndef CCCD_SERVICE_PKI_FILES_H
#define CCCD_SERVICE_PKI_FILES_H

#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "chip/pki.h"
#include "core/error.h"

/* Where a Document Signer certificate says its CSCA's CRL is published, unless --crl-uri says
 * otherwise: a placeholder to replace with the address the CRL is really published at. */
#define CCCD_PKI_DEFAULT_CRL_URI "http://pki.cccd.invalid/csca-vn.crl"

/* Reads a passphrase: the file's first line, without its line end, 4 to 1023 bytes. *out is
 * owned by the caller: cccd_pki_passphrase_free wipes and frees it. Errors: CCCD_E_PKI_FILE. */
cccd_errc cccd_pki_passphrase_read(const char *path, char **out, cccd_err *err);
void cccd_pki_passphrase_free(char *pass);

/* Loads an encrypted PKCS#8 PEM private key. passphrase NULL: the key must be unencrypted
 * (there is never a prompt). *out owned by the caller. Errors: CCCD_E_PKI_FILE (missing, not a
 * key), CCCD_E_PKI_PASSPHRASE (the passphrase does not open it). */
cccd_errc cccd_pki_key_load(const char *path, const char *passphrase, EVP_PKEY **out,
                            cccd_err *err);

/* Loads the first PEM certificate of a file. *out owned by the caller. Errors: CCCD_E_PKI_FILE. */
cccd_errc cccd_pki_cert_load(const char *path, X509 **out, cccd_err *err);

/* Loads every PEM certificate of a file (at least one), e.g. the trusted CSCAs. *out owned by
 * the caller: sk_X509_pop_free(*out, X509_free). Errors: CCCD_E_PKI_FILE. */
cccd_errc cccd_pki_certs_load(const char *path, STACK_OF(X509) * *out, cccd_err *err);

/* Loads a PEM CRL. *out owned by the caller. Errors: CCCD_E_PKI_FILE. */
cccd_errc cccd_pki_crl_load(const char *path, X509_CRL **out, cccd_err *err);

/* What csca-init and ds-issue make. Strings borrowed. */
typedef struct cccd_pki_opts {
    cccd_pki_alg alg;
    const char *country; /* "VN" */
    const char *org;     /* O, may be NULL */
    const char *cn;      /* CN */
    int days;            /* certificate validity */
    int key_days;        /* private key usage period (<= days) */
    const char *crl_uri; /* DS only */
    int64_t now;         /* Unix seconds: the start of validity */
} cccd_pki_opts;

/* Makes the CSCA in dir (created 0700 if absent): a new key (csca.key, encrypted with
 * passphrase, 0600), the self-signed certificate csca.pem, an empty revocation list and CRL
 * number 1. Errors: CCCD_E_PKI_EXISTS (dir holds a CSCA already: never overwritten),
 * CCCD_E_ARG, CCCD_E_IO, CCCD_E_INTERNAL. */
cccd_errc cccd_pki_csca_init(const char *dir, const char *passphrase, const cccd_pki_opts *o,
                             cccd_err *err);

/* Issues a Document Signer: loads the CSCA from csca_dir with csca_pass, makes a key
 * (out_dir/ds.key, encrypted with ds_pass, 0600) and its certificate (out_dir/ds.pem, a random
 * 16-byte serial), copies csca.pem beside them and records the issue in the CSCA's issued.txt.
 * The DS may not outlive the CSCA. *serial_hex (>= 41 bytes) receives the serial.
 * Errors: CCCD_E_PKI_FILE, CCCD_E_PKI_PASSPHRASE, CCCD_E_PKI_EXISTS (out_dir holds a DS),
 * CCCD_E_ARG, CCCD_E_IO, CCCD_E_INTERNAL. */
cccd_errc cccd_pki_ds_issue(const char *csca_dir, const char *csca_pass, const char *out_dir,
                            const char *ds_pass, const cccd_pki_opts *o, char *serial_hex,
                            cccd_err *err);

/* Revokes the certificates in the PEM files revoke[0..n) (each must be issued by this CSCA;
 * one revoked already stays as it was), keeps them in the CSCA's revoked.txt, and writes a CRL
 * of every serial revoked so far to out (PEM), valid `days` from now, with the next CRL number.
 * *count and *number (may be NULL) receive the serials listed and the CRL number.
 * Errors: CCCD_E_PKI_FILE, CCCD_E_PKI_PASSPHRASE, CCCD_E_PKI_ISSUER, CCCD_E_IO, CCCD_E_INTERNAL. */
cccd_errc cccd_pki_crl_issue(const char *csca_dir, const char *csca_pass, const char *const *revoke,
                             size_t n, int days, int64_t now, const char *out, size_t *count,
                             uint64_t *number, cccd_err *err);

#endif
