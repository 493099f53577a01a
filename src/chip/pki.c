/*
 * pki.c: CSCA and Document Signer certificates, keys and CRLs (see pki.h). Every structure is
 * built by OpenSSL: X509v3 extensions through X509V3_EXT_nconf_nid and the private key usage
 * period's own type; the one extension OpenSSL does not know, ICAO's Document Type List, is
 * described with OpenSSL's ASN.1 templates below and encoded by them.
 */
#include "chip/pki.h"

#include <openssl/asn1t.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* DocumentTypeListSyntax ::= SEQUENCE { version INTEGER (v0), docTypeList SET OF
 * PrintableString } (ICAO 9303 part 12, id-icao-mrtd-security-extensions-documentTypeList). */
typedef struct cccd_doctypes {
    ASN1_INTEGER *version;
    STACK_OF(ASN1_UTF8STRING) * types; /* holds PrintableStrings: the template says so */
} CCCD_DOCTYPES;

ASN1_SEQUENCE(CCCD_DOCTYPES) =
    {
        ASN1_SIMPLE(CCCD_DOCTYPES, version, ASN1_INTEGER),
        ASN1_SET_OF(CCCD_DOCTYPES, types, ASN1_PRINTABLESTRING),
} static_ASN1_SEQUENCE_END(CCCD_DOCTYPES)

#define OID_DOCTYPE_LIST "2.23.136.1.1.6.2"

        static const char *const alg_names[] = {"ecdsa-p256", "brainpoolP256r1", "rsa3072"};

const char *cccd_pki_alg_name(cccd_pki_alg alg) {
    return (unsigned)alg < 3 ? alg_names[alg] : "unknown";
}

cccd_errc cccd_pki_alg_parse(const char *name, cccd_pki_alg *out, cccd_err *err) {
    for (int i = 0; i < 3; i++)
        if (name && strcmp(name, alg_names[i]) == 0) {
            *out = (cccd_pki_alg)i;
            return CCCD_OK;
        }
    return cccd_err_set(err, CCCD_E_ARG, "algorithm",
                        "unknown algorithm '%s': use ecdsa-p256, brainpoolP256r1 or rsa3072",
                        name ? name : "");
}

cccd_errc cccd_pki_key_new(cccd_pki_alg alg, EVP_PKEY **out, cccd_err *err) {
    *out = NULL;
    switch (alg) {
        case CCCD_PKI_ECDSA_P256:
            *out = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
            break;
        case CCCD_PKI_BRAINPOOL_P256:
            *out = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "brainpoolP256r1");
            break;
        case CCCD_PKI_RSA3072:
            *out = EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)3072);
            break;
    }
    if (*out == NULL)
        return cccd_err_set(err, CCCD_E_INTERNAL, "algorithm", "OpenSSL could not make a %s key",
                            cccd_pki_alg_name(alg));
    return CCCD_OK;
}

cccd_errc cccd_pki_random_serial(cccd_cert_spec *spec, cccd_err *err) {
    do {
        if (RAND_bytes(spec->serial, 16) != 1)
            return cccd_err_set(err, CCCD_E_INTERNAL, "serial",
                                "the system's random generator failed: no serial number");
        spec->serial[0] &= 0x7f;
    } while (spec->serial[0] == 0); /* keep 16 bytes in DER: no leading zero byte */
    spec->serial_len = 16;
    return CCCD_OK;
}

static cccd_errc check_spec(const cccd_cert_spec *s, bool ds, cccd_err *err) {
    if (s->country == NULL || strlen(s->country) != 2)
        return cccd_err_set(err, CCCD_E_ARG, "country", "the country must be two letters (VN)");
    if (s->cn == NULL || s->cn[0] == '\0' || strlen(s->cn) > 64)
        return cccd_err_set(err, CCCD_E_ARG, "name", "the common name must be 1 to 64 bytes");
    if (s->org && strlen(s->org) > 64)
        return cccd_err_set(err, CCCD_E_ARG, "org", "the organisation must be at most 64 bytes");
    if (s->days < 1 || s->days > 36500)
        return cccd_err_set(err, CCCD_E_ARG, "days", "the validity must be 1 to 36500 days");
    if (s->key_days < 1 || s->key_days > s->days)
        return cccd_err_set(err, CCCD_E_ARG, "days",
                            "the private key usage period must be 1 to %d days", s->days);
    if (s->serial_len < 1 || s->serial_len > 20 || (s->serial[0] & 0x80))
        return cccd_err_set(err, CCCD_E_ARG, "serial",
                            "a serial number is 1 to 20 bytes and positive");
    if (ds && (s->crl_uri == NULL || strlen(s->crl_uri) < 3 || strlen(s->crl_uri) > 200 ||
               strpbrk(s->crl_uri, ", \t\r\n") != NULL))
        return cccd_err_set(err, CCCD_E_ARG, "crl-uri",
                            "the CRL distribution point must be a URI without spaces or commas");
    return CCCD_OK;
}

static X509_NAME *make_name(const cccd_cert_spec *s) {
    X509_NAME *n = X509_NAME_new();
    if (n == NULL ||
        !X509_NAME_add_entry_by_txt(n, "C", MBSTRING_ASC, (const unsigned char *)s->country, -1, -1,
                                    0) ||
        (s->org && s->org[0] &&
         !X509_NAME_add_entry_by_txt(n, "O", MBSTRING_UTF8, (const unsigned char *)s->org, -1, -1,
                                     0)) ||
        !X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_UTF8, (const unsigned char *)s->cn, -1, -1,
                                    0)) {
        X509_NAME_free(n);
        return NULL;
    }
    return n;
}

/* Adds one extension from OpenSSL's configuration syntax ("critical,CA:true,pathlen:0"). */
static bool add_conf_ext(X509 *x, X509V3_CTX *ctx, int nid, const char *value) {
    X509_EXTENSION *ext = X509V3_EXT_nconf_nid(NULL, ctx, nid, value);
    bool ok = ext != NULL && X509_add_ext(x, ext, -1) == 1;
    X509_EXTENSION_free(ext);
    return ok;
}

static bool add_key_usage_period(X509 *x, int64_t from, int days) {
    PKEY_USAGE_PERIOD *p = PKEY_USAGE_PERIOD_new();
    bool ok = p != NULL && (p->notBefore = ASN1_GENERALIZEDTIME_set(NULL, (time_t)from)) != NULL &&
              (p->notAfter = ASN1_GENERALIZEDTIME_adj(NULL, (time_t)from, days, 0)) != NULL &&
              X509_add1_ext_i2d(x, NID_private_key_usage_period, p, 0, X509V3_ADD_DEFAULT) == 1;
    PKEY_USAGE_PERIOD_free(p);
    return ok;
}

static bool add_doctype_list(X509 *x) {
    CCCD_DOCTYPES *d = (CCCD_DOCTYPES *)ASN1_item_new(ASN1_ITEM_rptr(CCCD_DOCTYPES));
    ASN1_STRING *id = ASN1_STRING_type_new(V_ASN1_PRINTABLESTRING);
    ASN1_OBJECT *oid = OBJ_txt2obj(OID_DOCTYPE_LIST, 1);
    ASN1_OCTET_STRING *value = ASN1_OCTET_STRING_new();
    X509_EXTENSION *ext = NULL;
    unsigned char *der = NULL;
    int len = -1;
    bool ok = false;
    if (d == NULL || id == NULL || oid == NULL || value == NULL ||
        ASN1_INTEGER_set(d->version, 0) != 1 || ASN1_STRING_set(id, "ID", 2) != 1 ||
        (d->types == NULL && (d->types = sk_ASN1_UTF8STRING_new_null()) == NULL) ||
        sk_ASN1_UTF8STRING_push(d->types, id) <= 0)
        goto done;
    id = NULL; /* the list owns it now */
    len = ASN1_item_i2d((ASN1_VALUE *)d, &der, ASN1_ITEM_rptr(CCCD_DOCTYPES));
    if (len <= 0 || ASN1_OCTET_STRING_set(value, der, len) != 1)
        goto done;
    ext = X509_EXTENSION_create_by_OBJ(NULL, oid, 0 /* not critical */, value);
    ok = ext != NULL && X509_add_ext(x, ext, -1) == 1;
done:
    X509_EXTENSION_free(ext);
    OPENSSL_free(der);
    ASN1_OCTET_STRING_free(value);
    ASN1_OBJECT_free(oid);
    ASN1_STRING_free(id);
    ASN1_item_free((ASN1_VALUE *)d, ASN1_ITEM_rptr(CCCD_DOCTYPES));
    return ok;
}

/* The fields every certificate shares: v3, serial, subject, validity, public key. */
static X509 *cert_base(EVP_PKEY *subject_key, const cccd_cert_spec *s) {
    X509 *x = X509_new();
    X509_NAME *name = make_name(s);
    BIGNUM *bn = BN_bin2bn(s->serial, (int)s->serial_len, NULL);
    ASN1_INTEGER *serial = bn ? BN_to_ASN1_INTEGER(bn, NULL) : NULL;
    bool ok =
        x && name && serial && X509_set_version(x, X509_VERSION_3) == 1 &&
        X509_set_serialNumber(x, serial) == 1 && X509_set_subject_name(x, name) == 1 &&
        X509_time_adj_ex(X509_getm_notBefore(x), 0, 0, &(time_t){(time_t)s->not_before}) &&
        X509_time_adj_ex(X509_getm_notAfter(x), s->days, 0, &(time_t){(time_t)s->not_before}) &&
        X509_set_pubkey(x, subject_key) == 1;
    ASN1_INTEGER_free(serial);
    BN_free(bn);
    X509_NAME_free(name);
    if (!ok) {
        X509_free(x);
        return NULL;
    }
    return x;
}

cccd_errc cccd_pki_csca_cert(EVP_PKEY *key, const cccd_cert_spec *spec, X509 **out, cccd_err *err) {
    *out = NULL;
    cccd_errc rc = check_spec(spec, false, err);
    if (rc != CCCD_OK)
        return rc;
    X509 *x = cert_base(key, spec);
    X509V3_CTX ctx;
    bool ok = x != NULL && X509_set_issuer_name(x, X509_get_subject_name(x)) == 1;
    if (ok) {
        X509V3_set_ctx(&ctx, x, x, NULL, NULL, 0);
        ok = add_conf_ext(x, &ctx, NID_basic_constraints, "critical,CA:true,pathlen:0") &&
             add_conf_ext(x, &ctx, NID_key_usage, "critical,keyCertSign,cRLSign") &&
             add_conf_ext(x, &ctx, NID_subject_key_identifier, "hash") &&
             add_key_usage_period(x, spec->not_before, spec->key_days) &&
             X509_sign(x, key, EVP_sha256()) > 0;
    }
    if (!ok) {
        X509_free(x);
        ERR_clear_error();
        return cccd_err_set(err, CCCD_E_INTERNAL, NULL,
                            "OpenSSL could not make the CSCA certificate");
    }
    *out = x;
    return CCCD_OK;
}

cccd_errc cccd_pki_ds_cert(EVP_PKEY *ds_key, X509 *csca_cert, EVP_PKEY *csca_key,
                           const cccd_cert_spec *spec, X509 **out, cccd_err *err) {
    *out = NULL;
    cccd_errc rc = check_spec(spec, true, err);
    if (rc != CCCD_OK)
        return rc;
    if (X509_check_private_key(csca_cert, csca_key) != 1) {
        ERR_clear_error();
        return cccd_err_set(err, CCCD_E_PKI_CERT, "csca",
                            "the CSCA key does not belong to the CSCA certificate");
    }
    char crldp[256];
    snprintf(crldp, sizeof crldp, "URI:%s", spec->crl_uri);
    X509 *x = cert_base(ds_key, spec);
    X509V3_CTX ctx;
    bool ok = x != NULL && X509_set_issuer_name(x, X509_get_subject_name(csca_cert)) == 1;
    if (ok) {
        X509V3_set_ctx(&ctx, csca_cert, x, NULL, NULL, 0);
        ok = add_conf_ext(x, &ctx, NID_key_usage, "critical,digitalSignature") &&
             add_conf_ext(x, &ctx, NID_authority_key_identifier, "keyid:always") &&
             add_conf_ext(x, &ctx, NID_subject_key_identifier, "hash") &&
             add_key_usage_period(x, spec->not_before, spec->key_days) &&
             add_conf_ext(x, &ctx, NID_crl_distribution_points, crldp) && add_doctype_list(x) &&
             X509_sign(x, csca_key, EVP_sha256()) > 0;
    }
    if (!ok) {
        X509_free(x);
        ERR_clear_error();
        return cccd_err_set(err, CCCD_E_INTERNAL, NULL,
                            "OpenSSL could not make the Document Signer certificate");
    }
    *out = x;
    return CCCD_OK;
}

cccd_errc cccd_pki_check_issued(X509 *csca, X509 *cert, cccd_err *err) {
    EVP_PKEY *pub = X509_get0_pubkey(csca);
    bool ok = X509_check_issued(csca, cert) == X509_V_OK && pub && X509_verify(cert, pub) == 1;
    ERR_clear_error();
    if (ok)
        return CCCD_OK;
    char subject[128] = "";
    X509_NAME_oneline(X509_get_subject_name(cert), subject, sizeof subject);
    return cccd_err_set(err, CCCD_E_PKI_ISSUER, "certificate",
                        "the certificate %s was not issued by this CSCA", subject);
}

cccd_errc cccd_pki_crl(X509 *csca_cert, EVP_PKEY *csca_key, const cccd_revoked *revoked, size_t n,
                       int64_t now, int days, uint64_t number, X509_CRL **out, cccd_err *err) {
    *out = NULL;
    if (days < 1 || days > 3650)
        return cccd_err_set(err, CCCD_E_ARG, "days", "a CRL's next update is 1 to 3650 days away");
    if (X509_check_private_key(csca_cert, csca_key) != 1) {
        ERR_clear_error();
        return cccd_err_set(err, CCCD_E_PKI_CERT, "csca",
                            "the CSCA key does not belong to the CSCA certificate");
    }
    X509_CRL *crl = X509_CRL_new();
    ASN1_TIME *t_this = ASN1_TIME_set(NULL, (time_t)now),
              *t_next = ASN1_TIME_adj(NULL, (time_t)now, days, 0);
    ASN1_INTEGER *num = ASN1_INTEGER_new();
    bool ok = crl && t_this && t_next && num && X509_CRL_set_version(crl, X509_CRL_VERSION_2) &&
              X509_CRL_set_issuer_name(crl, X509_get_subject_name(csca_cert)) &&
              X509_CRL_set1_lastUpdate(crl, t_this) && X509_CRL_set1_nextUpdate(crl, t_next) &&
              ASN1_INTEGER_set_uint64(num, number) == 1;
    for (size_t i = 0; ok && i < n; i++) {
        X509_REVOKED *r = X509_REVOKED_new();
        BIGNUM *bn = BN_bin2bn(revoked[i].serial, (int)revoked[i].serial_len, NULL);
        ASN1_INTEGER *serial = bn ? BN_to_ASN1_INTEGER(bn, NULL) : NULL;
        ASN1_TIME *when = ASN1_TIME_set(NULL, (time_t)revoked[i].when);
        ok = r && serial && when && X509_REVOKED_set_serialNumber(r, serial) &&
             X509_REVOKED_set_revocationDate(r, when) && X509_CRL_add0_revoked(crl, r);
        if (!ok)
            X509_REVOKED_free(r);
        ASN1_TIME_free(when);
        ASN1_INTEGER_free(serial);
        BN_free(bn);
    }
    if (ok) {
        X509V3_CTX ctx;
        X509V3_set_ctx(&ctx, csca_cert, NULL, NULL, crl, 0);
        X509_EXTENSION *aki =
            X509V3_EXT_nconf_nid(NULL, &ctx, NID_authority_key_identifier, "keyid:always");
        ok = aki && X509_CRL_add_ext(crl, aki, -1) &&
             X509_CRL_add1_ext_i2d(crl, NID_crl_number, num, 0, X509V3_ADD_DEFAULT) == 1 &&
             X509_CRL_sort(crl) && X509_CRL_sign(crl, csca_key, EVP_sha256()) > 0;
        X509_EXTENSION_free(aki);
    }
    ASN1_INTEGER_free(num);
    ASN1_TIME_free(t_this);
    ASN1_TIME_free(t_next);
    if (!ok) {
        X509_CRL_free(crl);
        ERR_clear_error();
        return cccd_err_set(err, CCCD_E_INTERNAL, NULL, "OpenSSL could not make the CRL");
    }
    *out = crl;
    return CCCD_OK;
}
