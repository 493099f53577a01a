/*
 * test_sod.c: the EF.SOD (chip/sod.h) and the certificates behind it (chip/pki.h): a round trip
 * for each algorithm through every passive authentication step; every single altered byte is
 * caught; refused data group lists; a DS from another CSCA, an expired and a revoked DS each
 * fail step (b) with a message that says which; the certificate profiles' extensions.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509v3.h>
#include <stdlib.h>
#include <string.h>

#include "chip/pki.h"
#include "chip/sod.h"

enum { T0 = 1767225600 }; /* 2026-01-01T00:00:00Z: certificates start here */
#define DAY 86400

typedef struct pki {
    EVP_PKEY *csca_key, *ds_key;
    X509 *csca, *ds;
} pki;

static cccd_cert_spec spec(const char *cn, int64_t from, int days) {
    cccd_cert_spec s = {.country = "VN",
                        .org = "Bộ Công an",
                        .cn = cn,
                        .not_before = from,
                        .days = days,
                        .key_days = days,
                        .crl_uri = "http://pki.example.vn/csca.crl"};
    cccd_err err;
    assert_int_equal(cccd_pki_random_serial(&s, &err), CCCD_OK);
    return s;
}

/* A CSCA (valid ten years from T0) and a DS it issued, valid ds_days from ds_from. */
static pki make_pki_named(const char *csca_cn, cccd_pki_alg alg, int64_t ds_from, int ds_days) {
    pki p;
    cccd_err err;
    assert_int_equal(cccd_pki_key_new(alg, &p.csca_key, &err), CCCD_OK);
    assert_int_equal(cccd_pki_key_new(alg, &p.ds_key, &err), CCCD_OK);
    cccd_cert_spec cs = spec(csca_cn, T0, 3650);
    cs.key_days = 1825;
    assert_int_equal(cccd_pki_csca_cert(p.csca_key, &cs, &p.csca, &err), CCCD_OK);
    cccd_cert_spec ds = spec("Document Signer 1", ds_from, ds_days);
    assert_int_equal(cccd_pki_ds_cert(p.ds_key, p.csca, p.csca_key, &ds, &p.ds, &err), CCCD_OK);
    return p;
}

static pki make_pki(cccd_pki_alg alg, int64_t ds_from, int ds_days) {
    return make_pki_named("CSCA Viet Nam", alg, ds_from, ds_days);
}

static void free_pki(pki *p) {
    EVP_PKEY_free(p->csca_key);
    EVP_PKEY_free(p->ds_key);
    X509_free(p->csca);
    X509_free(p->ds);
}

static const unsigned char dg1[] = "\x61\x5b\x5f\x1f\x58IDVNM0123456789...";
static const unsigned char dg2[] = "\x75\x10 a face record here";
static const unsigned char dg13[] = "\x6d\x05optional details";

static void sha(const unsigned char *b, size_t n, unsigned char out[32]) {
    assert_int_equal(EVP_Digest(b, n, out, NULL, EVP_sha256(), NULL), 1);
}

static size_t sample_hashes(cccd_dg_hash h[3]) {
    h[0].dg = 1;
    sha(dg1, sizeof dg1, h[0].sha256);
    h[1].dg = 2;
    sha(dg2, sizeof dg2, h[1].sha256);
    h[2].dg = 13;
    sha(dg13, sizeof dg13, h[2].sha256);
    return 3;
}

static cccd_pa_trust trust_of(X509 *csca, X509_CRL *crl, int64_t at) {
    cccd_pa_trust t = {.cscas = sk_X509_new_null(), .crls = NULL, .at = at};
    sk_X509_push(t.cscas, csca);
    if (crl) {
        t.crls = sk_X509_CRL_new_null();
        sk_X509_CRL_push(t.crls, crl);
    }
    return t;
}

static void trust_free(cccd_pa_trust *t) {
    sk_X509_free(t->cscas); /* the certificates and CRLs are the test's */
    sk_X509_CRL_free(t->crls);
}

static void round_trip(cccd_pki_alg alg) {
    pki p = make_pki(alg, T0, 1095);
    cccd_dg_hash h[3];
    size_t n = sample_hashes(h);
    unsigned char *der;
    size_t len;
    cccd_err err;
    assert_int_equal(cccd_sod_sign(h, n, p.ds, p.ds_key, &der, &len, &err), CCCD_OK);
    assert_int_equal(der[0], 0x77);
    assert_int_equal(der[1], 0x82); /* two length bytes follow for a SOD of 256..65535 bytes */
    cccd_sod *sod;
    assert_int_equal(cccd_sod_parse(der, len, &sod, &err), CCCD_OK);
    size_t got_n;
    const cccd_dg_hash *got = cccd_sod_dgs(sod, &got_n);
    assert_int_equal(got_n, 3);
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(got[i].dg, h[i].dg);
        assert_memory_equal(got[i].sha256, h[i].sha256, 32);
    }
    assert_int_equal(X509_cmp(cccd_sod_ds_cert(sod), p.ds), 0);
    cccd_pa_trust t = trust_of(p.csca, NULL, T0 + DAY);
    cccd_pa_report r;
    assert_int_equal(cccd_pa_run(sod, &t, &r), CCCD_OK);
    assert_int_equal(r.signature.verdict, CCCD_PA_PASSED);
    assert_int_equal(r.chain.verdict, CCCD_PA_PASSED);
    /* (c): the right files pass, a changed or an absent one does not */
    assert_int_equal(cccd_sod_check_dg(sod, 1, dg1, sizeof dg1, &err), CCCD_OK);
    assert_int_equal(cccd_sod_check_dg(sod, 13, dg13, sizeof dg13, &err), CCCD_OK);
    assert_int_equal(cccd_sod_check_dg(sod, 2, dg1, sizeof dg1, &err), CCCD_E_SOD_HASH);
    assert_non_null(strstr(err.msg, "DG2"));
    assert_int_equal(cccd_sod_check_dg(sod, 2, dg2, sizeof dg2 - 1, &err), CCCD_E_SOD_HASH);
    assert_int_equal(cccd_sod_check_dg(sod, 3, dg2, sizeof dg2, &err), CCCD_E_SOD_HASH);
    assert_non_null(strstr(err.msg, "no hash for DG3"));
    /* the wrapper: trailing or missing bytes are refused */
    cccd_sod *bad;
    unsigned char *longer = malloc(len + 1);
    memcpy(longer, der, len);
    longer[len] = 0;
    assert_int_equal(cccd_sod_parse(longer, len + 1, &bad, &err), CCCD_E_SOD_FORMAT);
    assert_int_equal(cccd_sod_parse(der, len - 1, &bad, &err), CCCD_E_SOD_FORMAT);
    assert_null(bad);
    free(longer);
    trust_free(&t);
    cccd_sod_free(sod);
    free(der);
    free_pki(&p);
}

static void test_round_trip_p256(void **state) {
    (void)state;
    round_trip(CCCD_PKI_ECDSA_P256);
}

static void test_round_trip_brainpool(void **state) {
    (void)state;
    round_trip(CCCD_PKI_BRAINPOOL_P256);
}

static void test_round_trip_rsa3072(void **state) {
    (void)state;
    round_trip(CCCD_PKI_RSA3072);
}

static void test_refused_lists(void **state) {
    (void)state;
    pki p = make_pki(CCCD_PKI_ECDSA_P256, T0, 1095);
    cccd_dg_hash h[17];
    memset(h, 0, sizeof h);
    unsigned char *der = NULL;
    size_t len;
    cccd_err err;
    h[0].dg = 0;
    assert_int_equal(cccd_sod_sign(h, 1, p.ds, p.ds_key, &der, &len, &err), CCCD_E_SOD_DG);
    h[0].dg = 17;
    assert_int_equal(cccd_sod_sign(h, 1, p.ds, p.ds_key, &der, &len, &err), CCCD_E_SOD_DG);
    assert_non_null(strstr(err.msg, "17"));
    h[0].dg = 2;
    h[1].dg = 2;
    assert_int_equal(cccd_sod_sign(h, 2, p.ds, p.ds_key, &der, &len, &err), CCCD_E_SOD_DG);
    assert_non_null(strstr(err.msg, "twice"));
    assert_int_equal(cccd_sod_sign(h, 0, p.ds, p.ds_key, &der, &len, &err), CCCD_E_SOD_DG);
    for (int i = 0; i < 17; i++)
        h[i].dg = i + 1;
    assert_int_equal(cccd_sod_sign(h, 17, p.ds, p.ds_key, &der, &len, &err), CCCD_E_SOD_DG);
    assert_null(der);
    /* all sixteen is fine; the CSCA's key is not the DS certificate's */
    assert_int_equal(cccd_sod_sign(h, 16, p.ds, p.ds_key, &der, &len, &err), CCCD_OK);
    free(der);
    assert_int_equal(cccd_sod_sign(h, 16, p.ds, p.csca_key, &der, &len, &err), CCCD_E_PKI_CERT);
    free_pki(&p);
}

/* Every byte of a SOD altered in turn: the parse or step (a) refuses it, except inside the DS
 * certificate's own fields (validity, extensions, the CSCA's signature), which the CMS signature
 * does not cover: there step (b) refuses it, as the CSCA's signature no longer verifies. */
static void test_every_byte_altered(void **state) {
    (void)state;
    pki p = make_pki(CCCD_PKI_ECDSA_P256, T0, 1095);
    cccd_dg_hash h[3];
    size_t n = sample_hashes(h);
    unsigned char *der, *cert = NULL;
    size_t len;
    cccd_err err;
    assert_int_equal(cccd_sod_sign(h, n, p.ds, p.ds_key, &der, &len, &err), CCCD_OK);
    int cert_len = i2d_X509(p.ds, &cert);
    assert_true(cert_len > 0);
    const unsigned char *at = NULL;
    for (size_t i = 0; i + (size_t)cert_len <= len && at == NULL; i++)
        if (memcmp(der + i, cert, (size_t)cert_len) == 0)
            at = der + i;
    assert_non_null(at);
    size_t cert_from = (size_t)(at - der), cert_to = cert_from + (size_t)cert_len;
    cccd_pa_trust t = trust_of(p.csca, NULL, T0 + DAY);
    int by_parse = 0, by_sig = 0, by_chain = 0;
    for (size_t i = 0; i < len; i++) {
        for (int pass = 0; pass < 2; pass++) {
            unsigned char mask = pass == 0 ? 0x01 : 0x80;
            der[i] ^= mask;
            cccd_sod *sod = NULL;
            if (cccd_sod_parse(der, len, &sod, &err) != CCCD_OK) {
                by_parse++;
            } else if (cccd_pa_signature(sod, &err) != CCCD_OK) {
                assert_int_equal(err.code, CCCD_E_SOD_SIGNATURE);
                by_sig++;
            } else {
                if (i < cert_from || i >= cert_to)
                    fail_msg("altering byte %zu (0x%02x) outside the certificate passed (a)", i,
                             mask);
                assert_int_not_equal(cccd_pa_chain(sod, &t, &err), CCCD_OK);
                by_chain++;
            }
            cccd_sod_free(sod);
            der[i] ^= mask;
        }
    }
    print_message("%zu bytes x 2: %d refused by the parse, %d by (a), %d by (b)\n", len, by_parse,
                  by_sig, by_chain);
    assert_true(by_sig > 0 && by_parse > 0);
    /* unaltered, it still passes */
    cccd_sod *sod;
    assert_int_equal(cccd_sod_parse(der, len, &sod, &err), CCCD_OK);
    assert_int_equal(cccd_pa_signature(sod, &err), CCCD_OK);
    cccd_sod_free(sod);
    trust_free(&t);
    OPENSSL_free(cert);
    free(der);
    free_pki(&p);
}

static cccd_sod *signed_by(pki *p) {
    cccd_dg_hash h[3];
    size_t n = sample_hashes(h);
    unsigned char *der;
    size_t len;
    cccd_err err;
    assert_int_equal(cccd_sod_sign(h, n, p->ds, p->ds_key, &der, &len, &err), CCCD_OK);
    cccd_sod *sod;
    assert_int_equal(cccd_sod_parse(der, len, &sod, &err), CCCD_OK);
    free(der);
    return sod;
}

static void test_other_csca(void **state) {
    (void)state;
    pki p = make_pki(CCCD_PKI_ECDSA_P256, T0, 1095), other = make_pki(CCCD_PKI_ECDSA_P256, T0, 1);
    cccd_sod *sod = signed_by(&p);
    cccd_pa_trust t = trust_of(other.csca, NULL, T0 + DAY);
    cccd_pa_report r;
    assert_int_equal(cccd_pa_run(sod, &t, &r), CCCD_E_SOD_CHAIN);
    assert_int_equal(r.signature.verdict, CCCD_PA_PASSED); /* the signature itself is fine */
    assert_int_equal(r.chain.verdict, CCCD_PA_FAILED);
    assert_non_null(strstr(r.chain.msg, "not issued by a trusted CSCA"));
    /* both CSCAs trusted: it passes */
    sk_X509_push(t.cscas, p.csca);
    assert_int_equal(cccd_pa_run(sod, &t, &r), CCCD_OK);
    trust_free(&t);
    /* and the check used by `cccd pki crl --revoke` */
    cccd_err err;
    assert_int_equal(cccd_pki_check_issued(p.csca, p.ds, &err), CCCD_OK);
    assert_int_equal(cccd_pki_check_issued(other.csca, p.ds, &err), CCCD_E_PKI_ISSUER);
    assert_int_equal(cccd_pki_check_issued(p.csca, other.ds, &err), CCCD_E_PKI_ISSUER);
    cccd_sod_free(sod);
    free_pki(&p);
    free_pki(&other);
}

static void test_expired(void **state) {
    (void)state;
    pki p = make_pki(CCCD_PKI_ECDSA_P256, T0, 30);
    cccd_sod *sod = signed_by(&p);
    cccd_err err;
    cccd_pa_trust t = trust_of(p.csca, NULL, T0 + 29 * DAY);
    assert_int_equal(cccd_pa_chain(sod, &t, &err), CCCD_OK);
    t.at = T0 + 31 * DAY;
    assert_int_equal(cccd_pa_chain(sod, &t, &err), CCCD_E_SOD_EXPIRED);
    assert_non_null(strstr(err.msg, "Document Signer certificate"));
    assert_non_null(strstr(err.msg, "expired on 2026-02-01"));
    t.at = T0 - DAY;
    assert_int_equal(cccd_pa_chain(sod, &t, &err), CCCD_E_SOD_EXPIRED);
    assert_non_null(strstr(err.msg, "not yet valid"));
    trust_free(&t);
    cccd_sod_free(sod);
    free_pki(&p);
}

static void test_revoked(void **state) {
    (void)state;
    pki p = make_pki(CCCD_PKI_ECDSA_P256, T0, 1095),
        other = make_pki_named("CSCA Lao", CCCD_PKI_ECDSA_P256, T0, 9),
        same_name = make_pki(CCCD_PKI_ECDSA_P256, T0, 9);
    cccd_sod *sod = signed_by(&p);
    cccd_err err;
    cccd_revoked rv[2] = {{.serial = {0x01, 0x02}, .serial_len = 2, .when = T0}};
    const ASN1_INTEGER *s = X509_get0_serialNumber(p.ds);
    memcpy(rv[1].serial, ASN1_STRING_get0_data(s), (size_t)ASN1_STRING_length(s));
    rv[1].serial_len = (size_t)ASN1_STRING_length(s);
    rv[1].when = T0 + DAY;
    X509_CRL *clean, *revoking, *foreign;
    assert_int_equal(cccd_pki_crl(p.csca, p.csca_key, rv, 1, T0 + DAY, 30, 1, &clean, &err),
                     CCCD_OK);
    assert_int_equal(cccd_pki_crl(p.csca, p.csca_key, rv, 2, T0 + 2 * DAY, 30, 2, &revoking, &err),
                     CCCD_OK);
    assert_int_equal(cccd_pki_crl(other.csca, other.csca_key, rv, 2, T0, 30, 1, &foreign, &err),
                     CCCD_OK);
    cccd_pa_trust t = trust_of(p.csca, clean, T0 + 3 * DAY);
    cccd_pa_report r;
    assert_int_equal(cccd_pa_run(sod, &t, &r), CCCD_OK);
    assert_non_null(strstr(r.chain.msg, "not revoked"));
    trust_free(&t);
    t = trust_of(p.csca, revoking, T0 + 3 * DAY);
    assert_int_equal(cccd_pa_run(sod, &t, &r), CCCD_E_SOD_REVOKED);
    assert_int_equal(r.signature.verdict, CCCD_PA_PASSED);
    assert_int_equal(r.chain.code, CCCD_E_SOD_REVOKED);
    assert_non_null(strstr(r.chain.msg, "is revoked"));
    trust_free(&t);
    /* only another CSCA's CRL: revocation cannot be checked, and that is a failure */
    t = trust_of(p.csca, foreign, T0 + 3 * DAY);
    assert_int_equal(cccd_pa_chain(sod, &t, &err), CCCD_E_SOD_CHAIN);
    assert_non_null(strstr(err.msg, "no CRL"));
    trust_free(&t);
    /* a CRL under the same CSCA name but another key (a rollover, or a forgery) */
    X509_CRL *namesake;
    assert_int_equal(
        cccd_pki_crl(same_name.csca, same_name.csca_key, rv, 2, T0, 30, 1, &namesake, &err),
        CCCD_OK);
    t = trust_of(p.csca, namesake, T0 + 3 * DAY);
    assert_int_equal(cccd_pa_chain(sod, &t, &err), CCCD_E_SOD_CHAIN);
    assert_non_null(strstr(err.msg, "CRL signature failure"));
    trust_free(&t);
    X509_CRL_free(namesake);
    free_pki(&same_name);
    /* a CRL the wrong key signed is refused */
    X509_CRL *forged;
    assert_int_equal(cccd_pki_crl(p.csca, other.csca_key, rv, 1, T0, 30, 3, &forged, &err),
                     CCCD_E_PKI_CERT);
    X509_CRL_free(clean);
    X509_CRL_free(revoking);
    X509_CRL_free(foreign);
    cccd_sod_free(sod);
    free_pki(&p);
    free_pki(&other);
}

static bool has_ext(X509 *x, int nid, int critical) {
    int i = X509_get_ext_by_NID(x, nid, -1);
    return i >= 0 && X509_EXTENSION_get_critical(X509_get_ext(x, i)) == critical;
}

static void test_profiles(void **state) {
    (void)state;
    pki p = make_pki(CCCD_PKI_ECDSA_P256, T0, 1095);
    /* CSCA */
    assert_true(has_ext(p.csca, NID_basic_constraints, 1));
    assert_true(has_ext(p.csca, NID_key_usage, 1));
    assert_true(has_ext(p.csca, NID_subject_key_identifier, 0));
    assert_true(has_ext(p.csca, NID_private_key_usage_period, 0));
    assert_int_equal(X509_get_key_usage(p.csca), KU_KEY_CERT_SIGN | KU_CRL_SIGN);
    assert_int_equal(X509_get_pathlen(p.csca), 0);
    assert_true(X509_check_ca(p.csca) > 0);
    /* DS */
    assert_int_equal(X509_get_key_usage(p.ds), KU_DIGITAL_SIGNATURE);
    assert_true(has_ext(p.ds, NID_key_usage, 1));
    assert_true(has_ext(p.ds, NID_authority_key_identifier, 0));
    assert_true(has_ext(p.ds, NID_subject_key_identifier, 0));
    assert_true(has_ext(p.ds, NID_private_key_usage_period, 0));
    assert_true(has_ext(p.ds, NID_crl_distribution_points, 0));
    assert_int_equal(X509_check_ca(p.ds), 0);
    ASN1_OBJECT *dtl = OBJ_txt2obj("2.23.136.1.1.6.2", 1);
    int i = X509_get_ext_by_OBJ(p.ds, dtl, -1);
    assert_true(i >= 0);
    X509_EXTENSION *e = X509_get_ext(p.ds, i);
    assert_int_equal(X509_EXTENSION_get_critical(e), 0);
    /* SEQUENCE { INTEGER 0, SET { PrintableString "ID" } } */
    const ASN1_OCTET_STRING *v = X509_EXTENSION_get_data(e);
    static const unsigned char want[] = {0x30, 0x09, 0x02, 0x01, 0x00, 0x31,
                                         0x04, 0x13, 0x02, 'I',  'D'};
    assert_int_equal(ASN1_STRING_length(v), sizeof want);
    assert_memory_equal(ASN1_STRING_get0_data(v), want, sizeof want);
    ASN1_OBJECT_free(dtl);
    /* a named curve (an OID in the key's parameters), not explicit parameters */
    X509_ALGOR *alg = NULL;
    int ptype = 0;
    assert_int_equal(X509_PUBKEY_get0_param(NULL, NULL, NULL, &alg, X509_get_X509_PUBKEY(p.ds)), 1);
    const void *pval = NULL;
    X509_ALGOR_get0(NULL, &ptype, &pval, alg);
    assert_int_equal(ptype, V_ASN1_OBJECT);
    assert_int_equal(OBJ_obj2nid(pval), NID_X9_62_prime256v1);
    free_pki(&p);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip_p256),
        cmocka_unit_test(test_round_trip_brainpool),
        cmocka_unit_test(test_round_trip_rsa3072),
        cmocka_unit_test(test_refused_lists),
        cmocka_unit_test(test_every_byte_altered),
        cmocka_unit_test(test_other_csca),
        cmocka_unit_test(test_expired),
        cmocka_unit_test(test_revoked),
        cmocka_unit_test(test_profiles),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
