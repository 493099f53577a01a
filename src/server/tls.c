/*
 * tls.c: checking the certificate and key given to `cccd serve` before the server starts, with
 * OpenSSL, so that a wrong file is named in one line ("the key does not match the
 * certificate") instead of libmicrohttpd's generic failure to listen.
 */
#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <string.h>

#include "server/http.h"

cccd_errc http_tls_check(const char *cert_pem, const char *key_pem, cccd_err *err) {
    BIO *cb = BIO_new_mem_buf(cert_pem, (int)strlen(cert_pem));
    BIO *kb = BIO_new_mem_buf(key_pem, (int)strlen(key_pem));
    X509 *cert = cb ? PEM_read_bio_X509(cb, NULL, NULL, NULL) : NULL;
    EVP_PKEY *key = kb ? PEM_read_bio_PrivateKey(kb, NULL, NULL, NULL) : NULL;
    cccd_errc rc = CCCD_OK;
    if (cert == NULL)
        rc = cccd_err_set(err, CCCD_E_ARG, "tls-cert",
                          "--tls-cert: not a PEM certificate (-----BEGIN CERTIFICATE-----)");
    else if (key == NULL)
        rc = cccd_err_set(err, CCCD_E_ARG, "tls-key",
                          "--tls-key: not an unencrypted PEM private key");
    else if (X509_check_private_key(cert, key) != 1)
        rc = cccd_err_set(err, CCCD_E_ARG, "tls-key",
                          "--tls-key: the key does not belong to the certificate");
    X509_free(cert);
    EVP_PKEY_free(key);
    BIO_free(cb);
    BIO_free(kb);
    return rc;
}
