/*
 * pki.h: the keys, certificates and CRLs of the card signing PKI, made in memory with OpenSSL
 * to the ICAO 9303 part 12 profiles (docs/pki.md): the Country Signing CA (CSCA, self-signed)
 * and the Document Signers (DS) it issues, whose keys sign each card's EF.SOD (chip/sod.h).
 *
 * Why in src/chip: these are pure ASN.1 and crypto over buffers and OpenSSL objects; reading
 * and writing the key files, the passphrase and the CSCA's revocation list are in
 * service/pki_files.h. Times are parameters (Unix seconds), never read from the clock here;
 * serial numbers are chosen by the caller. Key generation draws OpenSSL's randomness.
 */
#ifndef CCCD_CHIP_PKI_H
#define CCCD_CHIP_PKI_H

#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "core/error.h"

/* The key algorithms offered. ECDSA keys use named curves (never explicit parameters);
 * RSA keys sign with PKCS#1 v1.5 and SHA-256. */
typedef enum cccd_pki_alg {
    CCCD_PKI_ECDSA_P256 = 0, /* "ecdsa-p256" (prime256v1), the default */
    CCCD_PKI_BRAINPOOL_P256, /* "brainpoolP256r1" */
    CCCD_PKI_RSA3072,        /* "rsa3072" */
} cccd_pki_alg;

/* The command-line name of an algorithm ("ecdsa-p256"); never NULL. */
const char *cccd_pki_alg_name(cccd_pki_alg alg);

/* Parses a command-line name. Errors: CCCD_E_ARG (unknown; the message lists the three). */
cccd_errc cccd_pki_alg_parse(const char *name, cccd_pki_alg *out, cccd_err *err);

/* A new key pair (*out owned by the caller: EVP_PKEY_free). Errors: CCCD_E_INTERNAL. */
cccd_errc cccd_pki_key_new(cccd_pki_alg alg, EVP_PKEY **out, cccd_err *err);

/* What a certificate says. Strings are borrowed; times are Unix seconds (UTC). */
typedef struct cccd_cert_spec {
    const char *country;      /* C, two letters ("VN") */
    const char *org;          /* O; NULL or "" for none */
    const char *cn;           /* CN, required */
    int64_t not_before;       /* start of validity (and of the private key usage period) */
    int days;                 /* validity, in days from not_before (1..36500) */
    int key_days;             /* private key usage period, days from not_before (1..days) */
    unsigned char serial[20]; /* serial number, big-endian, positive (top bit of byte 0 clear) */
    size_t serial_len;        /* 1..20 */
    const char *crl_uri;      /* DS only: the CRL distribution point (a URI) */
} cccd_cert_spec;

/* Fills spec->serial with 16 random bytes (top bit clear, never all zero). Errors:
 * CCCD_E_INTERNAL (no randomness). */
cccd_errc cccd_pki_random_serial(cccd_cert_spec *spec, cccd_err *err);

/* The CSCA's self-signed certificate for key (borrowed): basicConstraints critical CA:true
 * pathlen 0; keyUsage critical keyCertSign, cRLSign; subject key identifier; private key usage
 * period. Signed with SHA-256. *out owned by the caller (X509_free).
 * Errors: CCCD_E_ARG (a field missing or out of range), CCCD_E_INTERNAL. */
cccd_errc cccd_pki_csca_cert(EVP_PKEY *key, const cccd_cert_spec *spec, X509 **out, cccd_err *err);

/* A Document Signer certificate for ds_key's public half, issued by the CSCA (csca_cert and
 * csca_key borrowed): issuer = the CSCA's subject; keyUsage critical digitalSignature only;
 * authority and subject key identifiers; private key usage period; CRL distribution points
 * (spec->crl_uri, required); the Document Type List extension 2.23.136.1.1.6.2, not critical,
 * version 0 with the one type "ID". *out owned by the caller.
 * Errors: CCCD_E_ARG, CCCD_E_PKI_CERT (csca_key is not the CSCA certificate's key),
 * CCCD_E_INTERNAL. */
cccd_errc cccd_pki_ds_cert(EVP_PKEY *ds_key, X509 *csca_cert, EVP_PKEY *csca_key,
                           const cccd_cert_spec *spec, X509 **out, cccd_err *err);

/* Whether cert was issued and signed by csca (both borrowed). Errors: CCCD_E_PKI_ISSUER with a
 * message naming cert's subject. */
cccd_errc cccd_pki_check_issued(X509 *csca, X509 *cert, cccd_err *err);

/* One revoked certificate: its serial (big-endian) and when it was revoked. */
typedef struct cccd_revoked {
    unsigned char serial[20];
    size_t serial_len;
    int64_t when;
} cccd_revoked;

/* A CRL (v2) signed by the CSCA: this update = now, next update = now + days, the revoked
 * serials, CRL number `number`, the authority key identifier. *out owned by the caller
 * (X509_CRL_free). Errors: CCCD_E_ARG, CCCD_E_INTERNAL. */
cccd_errc cccd_pki_crl(X509 *csca_cert, EVP_PKEY *csca_key, const cccd_revoked *revoked, size_t n,
                       int64_t now, int days, uint64_t number, X509_CRL **out, cccd_err *err);

#endif
