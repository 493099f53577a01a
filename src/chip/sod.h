/*
 * sod.h: the card's EF.SOD (ICAO 9303 part 10 and 11): the signed list of its data groups'
 * SHA-256 hashes, and the passive authentication a reader does with it.
 *
 * EF.SOD = 0x77 wrapper { CMS ContentInfo { SignedData (version 3) { eContentType
 * 2.23.136.1.1.1, eContent = DER of LDSSecurityObject { version 0, hashAlgorithm SHA-256,
 * SEQUENCE OF { dataGroupNumber, dataGroupHashValue } }, the Document Signer certificate, one
 * SignerInfo (SHA-256; signed attributes contentType, messageDigest and OpenSSL's signingTime) }}}.
 * Each data group's hash covers the whole file, outer tag and length included.
 *
 * Passive authentication is three separate steps, so a caller can print each verdict:
 *   (a) cccd_pa_signature: the SOD's signature with the DS certificate it carries;
 *   (b) cccd_pa_chain: that certificate against trusted CSCAs, a time, and CRLs;
 *   (c) cccd_sod_check_dg: a data group file's SHA-256 against the SOD's value.
 * cccd_pa_run does (a) and (b) and fills one verdict and message per step.
 *
 * Pure: no files, no clock (the time of (b) is a parameter). Signing draws OpenSSL's randomness
 * (ECDSA nonces). All ASN.1 is OpenSSL's (templates for the LDSSecurityObject, CMS for the rest).
 */
#ifndef CCCD_CHIP_SOD_H
#define CCCD_CHIP_SOD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <openssl/x509.h>

#include "core/error.h"

#define CCCD_SOD_MAX_DG 16

/* One data group's number (1..16) and the SHA-256 of its whole file. */
typedef struct cccd_dg_hash {
    int dg;
    unsigned char sha256[32];
} cccd_dg_hash;

/* Checks a list of hashes: 1 to 16 entries, each dg in 1..16, none twice.
 * Errors: CCCD_E_SOD_DG (field "dg", message naming the offending number). */
cccd_errc cccd_dg_hashes_check(const cccd_dg_hash *dgs, size_t n, cccd_err *err);

/* Signs the hashes into a complete EF.SOD (0x77 wrapper included) with the Document Signer's
 * certificate and key (both borrowed; RSA keys sign with PKCS#1 v1.5). *sod is malloc'd and
 * owned by the caller. The order of dgs is kept. Errors: CCCD_E_SOD_DG, CCCD_E_PKI_CERT (the
 * key is not the certificate's), CCCD_E_NOMEM, CCCD_E_INTERNAL. Safe to call from several
 * threads at once with the same certificate and key. */
cccd_errc cccd_sod_sign(const cccd_dg_hash *dgs, size_t n, X509 *ds_cert, EVP_PKEY *ds_key,
                        unsigned char **sod, size_t *sod_len, cccd_err *err);

/* The CMS ContentInfo inside an EF.SOD's 0x77 wrapper: *inner points into sod (borrowed),
 * *inner_len bytes. The wrapper's length is parsed (1 to 4 bytes) and must cover exactly the
 * rest of the input. Errors: CCCD_E_SOD_FORMAT. */
cccd_errc cccd_sod_unwrap(const unsigned char *sod, size_t len, const unsigned char **inner,
                          size_t *inner_len, cccd_err *err);

/* A parsed EF.SOD. Opaque; one thread at a time. */
typedef struct cccd_sod cccd_sod;

/* Parses an EF.SOD: the wrapper, the CMS SignedData with eContentType 2.23.136.1.1.1 and one
 * SignerInfo, the LDSSecurityObject (version 0, SHA-256, data groups 1..16 without repeats),
 * and the Document Signer certificate the SignerInfo names. Nothing is verified yet (see the
 * cccd_pa_* steps). *out owned by the caller (cccd_sod_free). Errors: CCCD_E_SOD_FORMAT,
 * CCCD_E_SOD_DG, CCCD_E_NOMEM. */
cccd_errc cccd_sod_parse(const unsigned char *sod, size_t len, cccd_sod **out, cccd_err *err);

void cccd_sod_free(cccd_sod *sod);

/* The data group hashes in the SOD's order (borrowed from sod) and their number in *n. */
const cccd_dg_hash *cccd_sod_dgs(const cccd_sod *sod, size_t *n);

/* The Document Signer certificate carried in the SOD (borrowed from sod). */
X509 *cccd_sod_ds_cert(const cccd_sod *sod);

/* Step (a): the CMS signature verifies with the DS certificate the SOD carries (the
 * messageDigest attribute equals the SHA-256 of the eContent, the signature over the signed
 * attributes verifies, the SignerInfo's issuer and serial name that certificate).
 * Errors: CCCD_E_SOD_SIGNATURE with OpenSSL's reason. */
cccd_errc cccd_pa_signature(const cccd_sod *sod, cccd_err *err);

/* What step (b) trusts: the CSCA certificates and the CRLs (both borrowed, crls may be NULL or
 * empty: then revocation is not checked), at a time (Unix seconds). */
typedef struct cccd_pa_trust {
    STACK_OF(X509) * cscas;
    STACK_OF(X509_CRL) * crls;
    int64_t at;
} cccd_pa_trust;

/* Step (b): the DS certificate chains to one of the CSCAs, it and the CSCA are valid at
 * trust->at, and, when CRLs are given, it is not revoked (the issuing CSCA's CRL must be among
 * them). Errors: CCCD_E_SOD_CHAIN (not issued by a trusted CSCA, no CRL from its CSCA, a bad
 * certificate), CCCD_E_SOD_EXPIRED (which certificate, and its dates), CCCD_E_SOD_REVOKED. */
cccd_errc cccd_pa_chain(const cccd_sod *sod, const cccd_pa_trust *trust, cccd_err *err);

/* Step (c): the SHA-256 of a data group file (the whole file as read from the chip) equals the
 * SOD's value for data group dg. Errors: CCCD_E_SOD_HASH (different, or dg not in the SOD). */
cccd_errc cccd_sod_check_dg(const cccd_sod *sod, int dg, const unsigned char *file, size_t len,
                            cccd_err *err);

/* One verdict per step of passive authentication. */
typedef enum cccd_pa_verdict {
    CCCD_PA_NOT_RUN = 0, /* an earlier step failed, or the step was not asked for */
    CCCD_PA_PASSED,
    CCCD_PA_FAILED,
} cccd_pa_verdict;

typedef struct cccd_pa_step {
    cccd_pa_verdict verdict;
    cccd_errc code; /* CCCD_OK when passed */
    char msg[256];  /* one line: what was checked, or why it failed */
} cccd_pa_step;

typedef struct cccd_pa_report {
    cccd_pa_step signature; /* (a) */
    cccd_pa_step chain;     /* (b) */
} cccd_pa_report;

/* Runs (a) then (b) (b runs even when a fails, so both verdicts print) and fills *report.
 * Returns CCCD_OK when both passed, else the first failing step's code. */
cccd_errc cccd_pa_run(const cccd_sod *sod, const cccd_pa_trust *trust, cccd_pa_report *report);

/* "passed", "FAILED" or "not run". */
const char *cccd_pa_verdict_name(cccd_pa_verdict v);

#endif
