/*
 * sod.c: EF.SOD signing, parsing and passive authentication (see sod.h). The LDSSecurityObject
 * is described with OpenSSL's ASN.1 templates; the SignedData is OpenSSL's CMS; the 0x77
 * wrapper's header is written by ASN1_put_object and read by ASN1_get_object. No DER is
 * written or read by hand here.
 */
#include "chip/sod.h"

#include <limits.h>
#include <openssl/asn1t.h>
#include <openssl/bn.h>
#include <openssl/cms.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509v3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* DataGroupHash ::= SEQUENCE { dataGroupNumber INTEGER, dataGroupHashValue OCTET STRING } */
typedef struct cccd_lso_dg {
    ASN1_INTEGER *number;
    ASN1_OCTET_STRING *hash;
} CCCD_LSO_DG;

DEFINE_STACK_OF(CCCD_LSO_DG)

ASN1_SEQUENCE(CCCD_LSO_DG) =
    {
        ASN1_SIMPLE(CCCD_LSO_DG, number, ASN1_INTEGER),
        ASN1_SIMPLE(CCCD_LSO_DG, hash, ASN1_OCTET_STRING),
} static_ASN1_SEQUENCE_END(CCCD_LSO_DG)

    /* LDSSecurityObject ::= SEQUENCE { version INTEGER (v0), hashAlgorithm AlgorithmIdentifier,
     *   dataGroupHashValues SEQUENCE SIZE (2..ub-DataGroups) OF DataGroupHash } (version 0 only:
     * the optional ldsVersionInfo of LDS 1.8 goes with version 1, which this code does not write)
     */
    typedef struct cccd_lso {
    ASN1_INTEGER *version;
    X509_ALGOR *alg;
    STACK_OF(CCCD_LSO_DG) * dgs;
} CCCD_LSO;

ASN1_SEQUENCE(CCCD_LSO) =
    {
        ASN1_SIMPLE(CCCD_LSO, version, ASN1_INTEGER),
        ASN1_SIMPLE(CCCD_LSO, alg, X509_ALGOR),
        ASN1_SEQUENCE_OF(CCCD_LSO, dgs, CCCD_LSO_DG),
} static_ASN1_SEQUENCE_END(CCCD_LSO)

    /* A view of the SignedData's own fields that OpenSSL's CMS API does not expose: its version
     * (ICAO: 3), the digestAlgorithms set (SHA-256) and the SignerInfo's version (1 with an issuer
     * and serial number, 3 with a key identifier). None is covered by the signature, so the parse
     * checks them against the profile; the rest is read through CMS. */
    typedef struct cccd_si_view {
    ASN1_INTEGER *version;
    ASN1_TYPE *sid;
    X509_ALGOR *digest;
    STACK_OF(ASN1_TYPE) * signed_attrs;
    X509_ALGOR *sig_alg;
    ASN1_OCTET_STRING *sig;
    STACK_OF(ASN1_TYPE) * unsigned_attrs;
} CCCD_SI_VIEW;

DEFINE_STACK_OF(CCCD_SI_VIEW)

ASN1_SEQUENCE(CCCD_SI_VIEW) =
    {
        ASN1_SIMPLE(CCCD_SI_VIEW, version, ASN1_INTEGER),
        ASN1_SIMPLE(CCCD_SI_VIEW, sid, ASN1_ANY),
        ASN1_SIMPLE(CCCD_SI_VIEW, digest, X509_ALGOR),
        ASN1_IMP_SET_OF_OPT(CCCD_SI_VIEW, signed_attrs, ASN1_ANY, 0),
        ASN1_SIMPLE(CCCD_SI_VIEW, sig_alg, X509_ALGOR),
        ASN1_SIMPLE(CCCD_SI_VIEW, sig, ASN1_OCTET_STRING),
        ASN1_IMP_SET_OF_OPT(CCCD_SI_VIEW, unsigned_attrs, ASN1_ANY, 1),
} static_ASN1_SEQUENCE_END(CCCD_SI_VIEW)

        typedef struct cccd_sd_view {
    ASN1_INTEGER *version;
    STACK_OF(X509_ALGOR) * digests;
    ASN1_TYPE *encap;
    STACK_OF(ASN1_TYPE) * certs;
    STACK_OF(ASN1_TYPE) * crls;
    STACK_OF(CCCD_SI_VIEW) * signers;
} CCCD_SD_VIEW;

ASN1_SEQUENCE(CCCD_SD_VIEW) =
    {
        ASN1_SIMPLE(CCCD_SD_VIEW, version, ASN1_INTEGER),
        ASN1_SET_OF(CCCD_SD_VIEW, digests, X509_ALGOR),
        ASN1_SIMPLE(CCCD_SD_VIEW, encap, ASN1_ANY),
        ASN1_IMP_SET_OF_OPT(CCCD_SD_VIEW, certs, ASN1_ANY, 0),
        ASN1_IMP_SET_OF_OPT(CCCD_SD_VIEW, crls, ASN1_ANY, 1),
        ASN1_SET_OF(CCCD_SD_VIEW, signers, CCCD_SI_VIEW),
} static_ASN1_SEQUENCE_END(CCCD_SD_VIEW)

        typedef struct cccd_ci_view {
    ASN1_OBJECT *type;
    CCCD_SD_VIEW *sd;
} CCCD_CI_VIEW;

ASN1_SEQUENCE(CCCD_CI_VIEW) =
    {
        ASN1_SIMPLE(CCCD_CI_VIEW, type, ASN1_OBJECT),
        ASN1_EXP(CCCD_CI_VIEW, sd, CCCD_SD_VIEW, 0),
} static_ASN1_SEQUENCE_END(CCCD_CI_VIEW)

#define OID_LDS_SECURITY_OBJECT "2.23.136.1.1.1"
#define SOD_TAG 23 /* [APPLICATION 23] constructed = 0x77 */

        struct cccd_sod {
    CMS_ContentInfo *cms; /* owned */
    X509 *ds;             /* owned reference: the certificate the SignerInfo names */
    cccd_dg_hash dgs[CCCD_SOD_MAX_DG];
    size_t n;
};

static void lso_free(CCCD_LSO *l) {
    ASN1_item_free((ASN1_VALUE *)l, ASN1_ITEM_rptr(CCCD_LSO));
}

static void lso_dg_free(CCCD_LSO_DG *d) {
    ASN1_item_free((ASN1_VALUE *)d, ASN1_ITEM_rptr(CCCD_LSO_DG));
}

cccd_errc cccd_dg_hashes_check(const cccd_dg_hash *dgs, size_t n, cccd_err *err) {
    if (n < 1 || n > CCCD_SOD_MAX_DG || dgs == NULL)
        return cccd_err_set(err, CCCD_E_SOD_DG, "dg", "a SOD lists 1 to %d data groups, not %zu",
                            CCCD_SOD_MAX_DG, n);
    unsigned seen = 0;
    for (size_t i = 0; i < n; i++) {
        if (dgs[i].dg < 1 || dgs[i].dg > CCCD_SOD_MAX_DG)
            return cccd_err_set(err, CCCD_E_SOD_DG, "dg",
                                "data group %d does not exist: the numbers are 1 to %d", dgs[i].dg,
                                CCCD_SOD_MAX_DG);
        if (seen & (1u << dgs[i].dg))
            return cccd_err_set(err, CCCD_E_SOD_DG, "dg", "data group %d is listed twice",
                                dgs[i].dg);
        seen |= 1u << dgs[i].dg;
    }
    return CCCD_OK;
}

/* The DER of the LDSSecurityObject for dgs (malloc'd by OpenSSL: OPENSSL_free). */
static int lso_encode(const cccd_dg_hash *dgs, size_t n, unsigned char **der) {
    CCCD_LSO *l = (CCCD_LSO *)ASN1_item_new(ASN1_ITEM_rptr(CCCD_LSO));
    int len = -1;
    if (l == NULL || ASN1_INTEGER_set(l->version, 0) != 1 ||
        X509_ALGOR_set0(l->alg, OBJ_nid2obj(NID_sha256), V_ASN1_UNDEF, NULL) != 1)
        goto done;
    for (size_t i = 0; i < n; i++) {
        CCCD_LSO_DG *d = (CCCD_LSO_DG *)ASN1_item_new(ASN1_ITEM_rptr(CCCD_LSO_DG));
        if (d == NULL || ASN1_INTEGER_set(d->number, dgs[i].dg) != 1 ||
            ASN1_OCTET_STRING_set(d->hash, dgs[i].sha256, 32) != 1 ||
            sk_CCCD_LSO_DG_push(l->dgs, d) <= 0) {
            lso_dg_free(d);
            goto done;
        }
    }
    *der = NULL;
    len = ASN1_item_i2d((ASN1_VALUE *)l, der, ASN1_ITEM_rptr(CCCD_LSO));
done:
    lso_free(l);
    return len;
}

/* The first OpenSSL error's reason, or fallback; clears OpenSSL's error queue. */
static const char *ossl_reason(const char *fallback) {
    unsigned long e = ERR_peek_error();
    const char *r = e ? ERR_reason_error_string(e) : NULL;
    ERR_clear_error();
    return r ? r : fallback;
}

cccd_errc cccd_sod_sign(const cccd_dg_hash *dgs, size_t n, X509 *ds_cert, EVP_PKEY *ds_key,
                        unsigned char **sod, size_t *sod_len, cccd_err *err) {
    *sod = NULL;
    *sod_len = 0;
    cccd_errc rc = cccd_dg_hashes_check(dgs, n, err);
    if (rc != CCCD_OK)
        return rc;
    if (ds_cert == NULL || ds_key == NULL || X509_check_private_key(ds_cert, ds_key) != 1) {
        ERR_clear_error();
        return cccd_err_set(err, CCCD_E_PKI_CERT, "key",
                            "the Document Signer key does not belong to its certificate");
    }
    unsigned char *lso = NULL, *inner = NULL, *out = NULL;
    int lso_len = lso_encode(dgs, n, &lso);
    BIO *in = lso_len > 0 ? BIO_new_mem_buf(lso, lso_len) : NULL;
    ASN1_OBJECT *ect = OBJ_txt2obj(OID_LDS_SECURITY_OBJECT, 1);
    const unsigned flags = CMS_PARTIAL | CMS_BINARY | CMS_NOSMIMECAP;
    CMS_ContentInfo *cms = in && ect ? CMS_sign(NULL, NULL, NULL, NULL, flags) : NULL;
    int inner_len = -1, total = -1;
    /* encoded once (the DS certificate's cached encoding is reused when it was parsed) */
    if (cms == NULL || CMS_add1_signer(cms, ds_cert, ds_key, EVP_sha256(), flags) == NULL ||
        CMS_set1_eContentType(cms, ect) != 1 || CMS_final(cms, in, NULL, CMS_BINARY) != 1 ||
        (inner_len = i2d_CMS_ContentInfo(cms, &inner)) <= 0 ||
        (total = ASN1_object_size(1, inner_len, SOD_TAG)) <= 0 ||
        (out = malloc((size_t)total)) == NULL) {
        rc = out == NULL && total > 0
                 ? cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory signing a SOD")
                 : cccd_err_set(err, CCCD_E_INTERNAL, NULL, "OpenSSL could not sign the SOD: %s",
                                ossl_reason("unknown error"));
        goto done;
    }
    unsigned char *p = out;
    ASN1_put_object(&p, 1, inner_len, SOD_TAG, V_ASN1_APPLICATION);
    if ((size_t)(p - out) + (size_t)inner_len != (size_t)total) {
        free(out);
        rc = cccd_err_set(err, CCCD_E_INTERNAL, NULL, "OpenSSL encoded the SOD inconsistently");
        goto done;
    }
    memcpy(p, inner, (size_t)inner_len);
    *sod = out;
    *sod_len = (size_t)total;
done:
    OPENSSL_free(inner);
    CMS_ContentInfo_free(cms);
    ASN1_OBJECT_free(ect);
    BIO_free(in);
    OPENSSL_free(lso);
    return rc;
}

cccd_errc cccd_sod_unwrap(const unsigned char *sod, size_t len, const unsigned char **inner,
                          size_t *inner_len, cccd_err *err) {
    if (sod == NULL || len < 2 || len > (size_t)LONG_MAX)
        return cccd_err_set(err, CCCD_E_SOD_FORMAT, "sod", "an EF.SOD of %zu bytes is impossible",
                            len);
    const unsigned char *p = sod;
    long plen = 0;
    int tag = 0, cls = 0;
    int r = ASN1_get_object(&p, &plen, &tag, &cls, (long)len);
    ERR_clear_error();
    if ((r & 0x80) || r == 0x21) /* error, or indefinite length */
        return cccd_err_set(err, CCCD_E_SOD_FORMAT, "sod",
                            "the EF.SOD's outer tag and length do not parse, or the length "
                            "exceeds the %zu bytes given",
                            len);
    if (!(r & V_ASN1_CONSTRUCTED) || tag != SOD_TAG || cls != V_ASN1_APPLICATION)
        return cccd_err_set(err, CCCD_E_SOD_FORMAT, "sod",
                            "not an EF.SOD: it starts with 0x%02x, not 0x77", sod[0]);
    size_t header = (size_t)(p - sod);
    if (header + (size_t)plen != len)
        return cccd_err_set(err, CCCD_E_SOD_FORMAT, "sod",
                            "the EF.SOD's length says %ld bytes but %zu follow its header", plen,
                            len - header);
    *inner = p;
    *inner_len = (size_t)plen;
    return CCCD_OK;
}

void cccd_sod_free(cccd_sod *sod) {
    if (sod == NULL)
        return;
    CMS_ContentInfo_free(sod->cms);
    X509_free(sod->ds);
    free(sod);
}

/* Checks the SignedData's version (3), digestAlgorithms (SHA-256 only) and its one SignerInfo's
 * version (1 or 3, agreeing with the form of its signer identifier). */
static cccd_errc check_signed_data(const unsigned char *inner, size_t len, int *sig_nid,
                                   cccd_err *err) {
    const unsigned char *p = inner;
    CCCD_CI_VIEW *v =
        (CCCD_CI_VIEW *)ASN1_item_d2i(NULL, &p, (long)len, ASN1_ITEM_rptr(CCCD_CI_VIEW));
    cccd_errc rc = CCCD_OK;
    if (v == NULL || p != inner + len)
        rc = cccd_err_set(err, CCCD_E_SOD_FORMAT, "sod", "the SOD's SignedData does not parse");
    else if (ASN1_INTEGER_get(v->sd->version) != 3)
        rc = cccd_err_set(err, CCCD_E_SOD_FORMAT, "sod",
                          "the SOD's SignedData has version %ld, not 3",
                          ASN1_INTEGER_get(v->sd->version));
    else {
        const ASN1_OBJECT *alg = NULL;
        if (sk_X509_ALGOR_num(v->sd->digests) == 1)
            X509_ALGOR_get0(&alg, NULL, NULL, sk_X509_ALGOR_value(v->sd->digests, 0));
        if (alg == NULL || OBJ_obj2nid(alg) != NID_sha256)
            rc = cccd_err_set(err, CCCD_E_SOD_FORMAT, "sod",
                              "the SOD's SignedData must list SHA-256 as its one digest");
        const CCCD_SI_VIEW *si = sk_CCCD_SI_VIEW_num(v->sd->signers) == 1
                                     ? sk_CCCD_SI_VIEW_value(v->sd->signers, 0)
                                     : NULL;
        long ver = si ? ASN1_INTEGER_get(si->version) : -1;
        bool by_name = si && si->sid->type == V_ASN1_SEQUENCE;
        if (rc == CCCD_OK && !((ver == 1 && by_name) || (ver == 3 && si && !by_name)))
            rc = cccd_err_set(err, CCCD_E_SOD_FORMAT, "sod",
                              "the SOD must have one SignerInfo of version 1 (issuer and serial) "
                              "or 3 (key identifier)");
        const ASN1_OBJECT *md = NULL, *sa = NULL;
        if (si) {
            X509_ALGOR_get0(&md, NULL, NULL, si->digest);
            X509_ALGOR_get0(&sa, NULL, NULL, si->sig_alg);
        }
        *sig_nid = OBJ_obj2nid(sa);
        if (rc == CCCD_OK && OBJ_obj2nid(md) != NID_sha256)
            rc = cccd_err_set(err, CCCD_E_SOD_FORMAT, "sod", "the SOD's signer must use SHA-256");
    }
    ERR_clear_error();
    ASN1_item_free((ASN1_VALUE *)v, ASN1_ITEM_rptr(CCCD_CI_VIEW));
    return rc;
}

/* Whether a SignerInfo's signatureAlgorithm fits the DS key (the OID is not signed, and
 * OpenSSL's CMS verification goes by the key's type). */
static bool sig_alg_fits(int sig_nid, const X509 *ds) {
    EVP_PKEY *key = X509_get0_pubkey(ds);
    switch (key ? EVP_PKEY_get_base_id(key) : EVP_PKEY_NONE) {
        case EVP_PKEY_EC:
            return sig_nid == NID_ecdsa_with_SHA256 || sig_nid == NID_X9_62_id_ecPublicKey;
        case EVP_PKEY_RSA:
            return sig_nid == NID_rsaEncryption || sig_nid == NID_sha256WithRSAEncryption ||
                   sig_nid == NID_rsassaPss;
        default:
            return false;
    }
}

/* Reads the LDSSecurityObject in the eContent into s->dgs. */
static cccd_errc parse_lso(cccd_sod *s, const ASN1_OCTET_STRING *content, cccd_err *err) {
    const unsigned char *p = ASN1_STRING_get0_data(content);
    long len = ASN1_STRING_length(content);
    CCCD_LSO *l = (CCCD_LSO *)ASN1_item_d2i(NULL, &p, len, ASN1_ITEM_rptr(CCCD_LSO));
    cccd_errc rc = CCCD_OK;
    if (l == NULL || p != ASN1_STRING_get0_data(content) + len) {
        rc = cccd_err_set(err, CCCD_E_SOD_FORMAT, "sod",
                          "the SOD's LDSSecurityObject does not parse");
        goto done;
    }
    const ASN1_OBJECT *alg = NULL;
    int ptype = 0;
    X509_ALGOR_get0(&alg, &ptype, NULL, l->alg);
    if (ASN1_INTEGER_get(l->version) != 0) {
        rc = cccd_err_set(err, CCCD_E_SOD_FORMAT, "sod",
                          "LDSSecurityObject version %ld: this program reads version 0",
                          ASN1_INTEGER_get(l->version));
        goto done;
    }
    if (OBJ_obj2nid(alg) != NID_sha256 || (ptype != V_ASN1_UNDEF && ptype != V_ASN1_NULL)) {
        rc = cccd_err_set(err, CCCD_E_SOD_FORMAT, "sod",
                          "the SOD's data group hashes are not SHA-256");
        goto done;
    }
    int n = sk_CCCD_LSO_DG_num(l->dgs);
    if (n < 1 || n > CCCD_SOD_MAX_DG) {
        rc = cccd_err_set(err, CCCD_E_SOD_DG, "dg", "the SOD lists %d data groups (1 to %d)", n,
                          CCCD_SOD_MAX_DG);
        goto done;
    }
    for (int i = 0; i < n; i++) {
        const CCCD_LSO_DG *d = sk_CCCD_LSO_DG_value(l->dgs, i);
        long dg = ASN1_INTEGER_get(d->number);
        if (ASN1_STRING_length(d->hash) != 32) {
            rc = cccd_err_set(err, CCCD_E_SOD_FORMAT, "sod",
                              "the SOD's hash of data group %ld has %d bytes, not 32", dg,
                              ASN1_STRING_length(d->hash));
            goto done;
        }
        s->dgs[i].dg = dg >= 1 && dg <= CCCD_SOD_MAX_DG ? (int)dg : -1;
        memcpy(s->dgs[i].sha256, ASN1_STRING_get0_data(d->hash), 32);
    }
    s->n = (size_t)n;
    rc = cccd_dg_hashes_check(s->dgs, s->n, err);
done:
    ERR_clear_error();
    lso_free(l);
    return rc;
}

cccd_errc cccd_sod_parse(const unsigned char *sod, size_t len, cccd_sod **out, cccd_err *err) {
    *out = NULL;
    const unsigned char *inner;
    size_t inner_len;
    cccd_errc rc = cccd_sod_unwrap(sod, len, &inner, &inner_len, err);
    if (rc != CCCD_OK)
        return rc;
    cccd_sod *s = calloc(1, sizeof *s);
    if (s == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory parsing a SOD");
    const unsigned char *p = inner;
    ASN1_OBJECT *icao = OBJ_txt2obj(OID_LDS_SECURITY_OBJECT, 1);
    STACK_OF(X509) *certs = NULL;
    s->cms = d2i_CMS_ContentInfo(NULL, &p, (long)inner_len);
    if (s->cms == NULL || p != inner + inner_len) {
        rc =
            cccd_err_set(err, CCCD_E_SOD_FORMAT, "sod", "the SOD's CMS ContentInfo does not parse");
        goto done;
    }
    if (OBJ_obj2nid(CMS_get0_type(s->cms)) != NID_pkcs7_signed) {
        rc = cccd_err_set(err, CCCD_E_SOD_FORMAT, "sod", "the SOD's CMS content is not SignedData");
        goto done;
    }
    const ASN1_OBJECT *ect = CMS_get0_eContentType(s->cms);
    if (icao == NULL || ect == NULL || OBJ_cmp(ect, icao) != 0) {
        char got[80] = "none";
        if (ect)
            OBJ_obj2txt(got, sizeof got, ect, 1);
        rc = cccd_err_set(err, CCCD_E_SOD_FORMAT, "sod",
                          "the SOD's content type is %s, not the LDS security object (%s)", got,
                          OID_LDS_SECURITY_OBJECT);
        goto done;
    }
    ASN1_OCTET_STRING **content = CMS_get0_content(s->cms);
    if (content == NULL || *content == NULL) {
        rc = cccd_err_set(err, CCCD_E_SOD_FORMAT, "sod",
                          "the SOD carries no LDSSecurityObject (detached content)");
        goto done;
    }
    int sig_nid = NID_undef;
    if ((rc = check_signed_data(inner, inner_len, &sig_nid, err)) != CCCD_OK ||
        (rc = parse_lso(s, *content, err)) != CCCD_OK)
        goto done;
    STACK_OF(CMS_SignerInfo) *sis = CMS_get0_SignerInfos(s->cms);
    if (sis == NULL || sk_CMS_SignerInfo_num(sis) != 1) {
        rc = cccd_err_set(err, CCCD_E_SOD_FORMAT, "sod", "the SOD has %d signers, not one",
                          sis ? sk_CMS_SignerInfo_num(sis) : 0);
        goto done;
    }
    CMS_SignerInfo *si = sk_CMS_SignerInfo_value(sis, 0);
    certs = CMS_get1_certs(s->cms);
    for (int i = 0; certs && i < sk_X509_num(certs); i++) {
        X509 *c = sk_X509_value(certs, i);
        if (CMS_SignerInfo_cert_cmp(si, c) == 0 && X509_up_ref(c) == 1) {
            s->ds = c;
            break;
        }
    }
    if (s->ds == NULL)
        rc = cccd_err_set(err, CCCD_E_SOD_FORMAT, "sod",
                          "the SOD does not carry the Document Signer certificate its signer "
                          "names");
    else if (!sig_alg_fits(sig_nid, s->ds))
        rc = cccd_err_set(err, CCCD_E_SOD_FORMAT, "sod",
                          "the SOD's signature algorithm (%s) does not fit the Document Signer's "
                          "key",
                          OBJ_nid2sn(sig_nid));
done:
    ERR_clear_error();
    sk_X509_pop_free(certs, X509_free);
    ASN1_OBJECT_free(icao);
    if (rc != CCCD_OK) {
        cccd_sod_free(s);
        return rc;
    }
    *out = s;
    return CCCD_OK;
}

const cccd_dg_hash *cccd_sod_dgs(const cccd_sod *sod, size_t *n) {
    *n = sod->n;
    return sod->dgs;
}

X509 *cccd_sod_ds_cert(const cccd_sod *sod) {
    return sod->ds;
}

cccd_errc cccd_pa_signature(const cccd_sod *sod, cccd_err *err) {
    /* the signer's certificate is checked in step (b), against the caller's CSCAs */
    int ok = CMS_verify(sod->cms, NULL, NULL, NULL, NULL, CMS_NO_SIGNER_CERT_VERIFY | CMS_BINARY);
    if (ok != 1)
        return cccd_err_set(err, CCCD_E_SOD_SIGNATURE, "sod",
                            "the SOD's signature does not verify (%s): it was altered or "
                            "signed with another key",
                            ossl_reason("verification failure"));
    ERR_clear_error();
    return CCCD_OK;
}

static void time_text(const ASN1_TIME *t, char *buf, size_t n) {
    struct tm tm;
    if (t == NULL || ASN1_TIME_to_tm(t, &tm) != 1 ||
        strftime(buf, n, "%Y-%m-%d %H:%M:%SZ", &tm) == 0)
        snprintf(buf, n, "?");
}

static const char *cert_role(int depth) {
    return depth == 0 ? "Document Signer" : "CSCA";
}

cccd_errc cccd_pa_chain(const cccd_sod *sod, const cccd_pa_trust *trust, cccd_err *err) {
    if (trust == NULL || trust->cscas == NULL || sk_X509_num(trust->cscas) == 0)
        return cccd_err_set(err, CCCD_E_SOD_CHAIN, "csca", "no trusted CSCA certificate given");
    X509_STORE *store = X509_STORE_new();
    X509_STORE_CTX *ctx = X509_STORE_CTX_new();
    cccd_errc rc = CCCD_OK;
    bool ready = store && ctx;
    for (int i = 0; ready && i < sk_X509_num(trust->cscas); i++)
        ready = X509_STORE_add_cert(store, sk_X509_value(trust->cscas, i)) == 1;
    if (!ready || X509_STORE_CTX_init(ctx, store, sod->ds, NULL) != 1) {
        rc = cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory checking a certificate chain");
        goto done;
    }
    X509_STORE_CTX_set_time(ctx, 0, (time_t)trust->at);
    if (trust->crls && sk_X509_CRL_num(trust->crls) > 0) {
        X509_STORE_CTX_set0_crls(ctx, trust->crls);
        X509_STORE_CTX_set_flags(ctx, X509_V_FLAG_CRL_CHECK);
    }
    if (X509_verify_cert(ctx) == 1)
        goto done;
    int e = X509_STORE_CTX_get_error(ctx), depth = X509_STORE_CTX_get_error_depth(ctx);
    X509 *bad = X509_STORE_CTX_get_current_cert(ctx);
    char subject[128] = "", from[32], to[32], at[32], serial[48] = "?";
    if (bad == NULL)
        bad = sod->ds;
    X509_NAME_oneline(X509_get_subject_name(bad), subject, sizeof subject);
    time_text(X509_get0_notBefore(bad), from, sizeof from);
    time_text(X509_get0_notAfter(bad), to, sizeof to);
    ASN1_TIME *at_t = ASN1_TIME_set(NULL, (time_t)trust->at);
    time_text(at_t, at, sizeof at);
    ASN1_TIME_free(at_t);
    BIGNUM *bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(sod->ds), NULL);
    char *hex = bn ? BN_bn2hex(bn) : NULL;
    if (hex)
        snprintf(serial, sizeof serial, "%s", hex);
    OPENSSL_free(hex);
    BN_free(bn);
    switch (e) {
        case X509_V_ERR_CERT_HAS_EXPIRED:
        case X509_V_ERR_CERT_NOT_YET_VALID:
            rc = cccd_err_set(
                err, CCCD_E_SOD_EXPIRED, "certificate",
                "the %s certificate %s is %s on %s (valid %s to %s)", cert_role(depth), subject,
                e == X509_V_ERR_CERT_HAS_EXPIRED ? "expired" : "not yet valid", at, from, to);
            break;
        case X509_V_ERR_CERT_REVOKED:
            rc = cccd_err_set(err, CCCD_E_SOD_REVOKED, "certificate",
                              "the %s certificate %s (serial %s) is revoked by its CSCA's CRL",
                              cert_role(depth), subject, serial);
            break;
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
        case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
        case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
        case X509_V_ERR_CERT_SIGNATURE_FAILURE:
            rc = cccd_err_set(err, CCCD_E_SOD_CHAIN, "certificate",
                              "the Document Signer certificate %s was not issued by a trusted "
                              "CSCA (%s)",
                              subject, X509_verify_cert_error_string(e));
            break;
        case X509_V_ERR_UNABLE_TO_GET_CRL:
            rc = cccd_err_set(err, CCCD_E_SOD_CHAIN, "crl",
                              "no CRL of the CSCA that issued %s was given: revocation cannot be "
                              "checked",
                              subject);
            break;
        default:
            rc = cccd_err_set(err, CCCD_E_SOD_CHAIN, "certificate",
                              "the %s certificate %s fails verification: %s", cert_role(depth),
                              subject, X509_verify_cert_error_string(e));
    }
done:
    ERR_clear_error();
    X509_STORE_CTX_free(ctx);
    X509_STORE_free(store);
    return rc;
}

cccd_errc cccd_sod_check_dg(const cccd_sod *sod, int dg, const unsigned char *file, size_t len,
                            cccd_err *err) {
    const cccd_dg_hash *want = NULL;
    for (size_t i = 0; i < sod->n; i++)
        if (sod->dgs[i].dg == dg)
            want = &sod->dgs[i];
    if (want == NULL)
        return cccd_err_set(err, CCCD_E_SOD_HASH, "dg", "the SOD has no hash for DG%d", dg);
    unsigned char md[32];
    unsigned int mdlen = 0;
    if (EVP_Digest(file, len, md, &mdlen, EVP_sha256(), NULL) != 1 || mdlen != 32)
        return cccd_err_set(err, CCCD_E_INTERNAL, "dg", "OpenSSL could not hash DG%d", dg);
    if (CRYPTO_memcmp(md, want->sha256, 32) != 0)
        return cccd_err_set(err, CCCD_E_SOD_HASH, "dg",
                            "DG%d's SHA-256 differs from the SOD's: the file was changed or is "
                            "not this card's",
                            dg);
    return CCCD_OK;
}

static void fill_step(cccd_pa_step *step, cccd_errc rc, const cccd_err *e, const char *ok_msg) {
    step->verdict = rc == CCCD_OK ? CCCD_PA_PASSED : CCCD_PA_FAILED;
    step->code = rc;
    snprintf(step->msg, sizeof step->msg, "%s", rc == CCCD_OK ? ok_msg : e->msg);
}

cccd_errc cccd_pa_run(const cccd_sod *sod, const cccd_pa_trust *trust, cccd_pa_report *report) {
    memset(report, 0, sizeof *report);
    cccd_err e;
    cccd_errc a = cccd_pa_signature(sod, &e);
    fill_step(&report->signature, a, &e,
              "the SOD's signature verifies with the Document Signer certificate it carries");
    cccd_errc b = cccd_pa_chain(sod, trust, &e);
    fill_step(&report->chain, b, &e,
              trust && trust->crls && sk_X509_CRL_num(trust->crls) > 0
                  ? "the Document Signer certificate chains to a trusted CSCA, is valid and "
                    "not revoked"
                  : "the Document Signer certificate chains to a trusted CSCA and is valid (no "
                    "CRL given)");
    return a != CCCD_OK ? a : b;
}

const char *cccd_pa_verdict_name(cccd_pa_verdict v) {
    return v == CCCD_PA_PASSED ? "passed" : v == CCCD_PA_FAILED ? "FAILED" : "not run";
}
