/*
 * pki_files.c: the CSCA and DS directories (see pki_files.h). Keys go to new files (O_EXCL,
 * mode 0600) as encrypted PKCS#8 PEM written by OpenSSL; state files that change (revoked.txt,
 * crl-number) are replaced whole through a temporary file and rename, so a crash leaves either
 * the old or the new version.
 */
#include "service/pki_files.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { MAX_REVOKED = 100000 };

static void join(char *out, size_t n, const char *dir, const char *name) {
    snprintf(out, n, "%s/%s", dir, name);
}

cccd_errc cccd_pki_passphrase_read(const char *path, char **out, cccd_err *err) {
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return cccd_err_set(err, CCCD_E_PKI_FILE, "passphrase-file", "cannot read %s: %s", path,
                            strerror(errno));
    char buf[1026];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    size_t len = strcspn(buf, "\r\n");
    buf[len] = '\0';
    cccd_errc rc = CCCD_OK;
    if (len < 4 || len > 1023)
        rc = cccd_err_set(err, CCCD_E_PKI_FILE, "passphrase-file",
                          "the passphrase in %s must be one line of 4 to 1023 bytes", path);
    else if ((*out = OPENSSL_strdup(buf)) == NULL)
        rc = cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory");
    OPENSSL_cleanse(buf, sizeof buf);
    return rc;
}

void cccd_pki_passphrase_free(char *pass) {
    if (pass)
        OPENSSL_clear_free(pass, strlen(pass));
}

/* The passphrase for OpenSSL's PEM reader: the one given, never a terminal prompt. */
static int pass_cb(char *buf, int size, int rwflag, void *u) {
    (void)rwflag;
    if (u == NULL)
        return -1;
    size_t len = strlen(u);
    if (len > (size_t)size)
        return -1;
    memcpy(buf, u, len);
    return (int)len;
}

cccd_errc cccd_pki_key_load(const char *path, const char *passphrase, EVP_PKEY **out,
                            cccd_err *err) {
    *out = NULL;
    BIO *b = BIO_new_file(path, "rb");
    if (b == NULL) {
        ERR_clear_error();
        return cccd_err_set(err, CCCD_E_PKI_FILE, "key", "cannot read the key file %s: %s", path,
                            strerror(errno));
    }
    char head[64] = "";
    int got = BIO_read(b, head, sizeof head - 1);
    head[got > 0 ? got : 0] = '\0';
    bool encrypted = strstr(head, "-----BEGIN ENCRYPTED PRIVATE KEY-----") != NULL;
    BIO_reset(b);
    *out = PEM_read_bio_PrivateKey(b, NULL, pass_cb, (void *)passphrase);
    BIO_free(b);
    ERR_clear_error();
    if (*out != NULL)
        return CCCD_OK;
    if (encrypted)
        return cccd_err_set(err, CCCD_E_PKI_PASSPHRASE, "passphrase",
                            passphrase ? "the passphrase does not open the key %s"
                                       : "the key %s is encrypted: give --passphrase-file",
                            path);
    return cccd_err_set(err, CCCD_E_PKI_FILE, "key", "%s holds no PEM private key", path);
}

cccd_errc cccd_pki_cert_load(const char *path, X509 **out, cccd_err *err) {
    *out = NULL;
    BIO *b = BIO_new_file(path, "rb");
    if (b == NULL) {
        ERR_clear_error();
        return cccd_err_set(err, CCCD_E_PKI_FILE, "certificate", "cannot read %s: %s", path,
                            strerror(errno));
    }
    *out = PEM_read_bio_X509(b, NULL, NULL, NULL);
    BIO_free(b);
    ERR_clear_error();
    if (*out == NULL)
        return cccd_err_set(err, CCCD_E_PKI_FILE, "certificate", "%s holds no PEM certificate",
                            path);
    return CCCD_OK;
}

cccd_errc cccd_pki_certs_load(const char *path, STACK_OF(X509) * *out, cccd_err *err) {
    *out = NULL;
    BIO *b = BIO_new_file(path, "rb");
    if (b == NULL) {
        ERR_clear_error();
        return cccd_err_set(err, CCCD_E_PKI_FILE, "certificate", "cannot read %s: %s", path,
                            strerror(errno));
    }
    STACK_OF(X509) *sk = sk_X509_new_null();
    X509 *x;
    while (sk && (x = PEM_read_bio_X509(b, NULL, NULL, NULL)) != NULL)
        if (sk_X509_push(sk, x) <= 0) {
            X509_free(x);
            break;
        }
    BIO_free(b);
    ERR_clear_error();
    if (sk == NULL || sk_X509_num(sk) == 0) {
        sk_X509_free(sk);
        return cccd_err_set(err, CCCD_E_PKI_FILE, "certificate", "%s holds no PEM certificate",
                            path);
    }
    *out = sk;
    return CCCD_OK;
}

cccd_errc cccd_pki_crl_load(const char *path, X509_CRL **out, cccd_err *err) {
    *out = NULL;
    BIO *b = BIO_new_file(path, "rb");
    if (b == NULL) {
        ERR_clear_error();
        return cccd_err_set(err, CCCD_E_PKI_FILE, "crl", "cannot read %s: %s", path,
                            strerror(errno));
    }
    *out = PEM_read_bio_X509_CRL(b, NULL, NULL, NULL);
    BIO_free(b);
    ERR_clear_error();
    if (*out == NULL)
        return cccd_err_set(err, CCCD_E_PKI_FILE, "crl", "%s holds no PEM CRL", path);
    return CCCD_OK;
}

/* Opens a new file (never an existing one) of exactly `mode`. */
static FILE *create_new(const char *path, mode_t mode, cccd_err *err) {
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0) {
        cccd_err_set(err, errno == EEXIST ? CCCD_E_PKI_EXISTS : CCCD_E_IO, "out",
                     errno == EEXIST ? "%s exists: keys and certificates are never overwritten"
                                     : "cannot create %s: %s",
                     path, strerror(errno));
        return NULL;
    }
    FILE *f = fchmod(fd, mode) == 0 ? fdopen(fd, "wb") : NULL;
    if (f == NULL) {
        cccd_err_set(err, CCCD_E_IO, "out", "cannot write %s: %s", path, strerror(errno));
        close(fd);
        unlink(path);
    }
    return f;
}

/* Flushes, syncs and closes f; on failure removes path. */
static cccd_errc finish(FILE *f, const char *path, bool ok, cccd_err *err) {
    ok = ok && fflush(f) == 0 && fsync(fileno(f)) == 0;
    ok = fclose(f) == 0 && ok;
    ERR_clear_error();
    if (!ok) {
        unlink(path);
        return cccd_err_set(err, CCCD_E_IO, "out", "cannot write %s", path);
    }
    return CCCD_OK;
}

static cccd_errc write_key(const char *path, EVP_PKEY *key, const char *pass, cccd_err *err) {
    FILE *f = create_new(path, 0600, err);
    if (f == NULL)
        return err->code;
    bool ok = PEM_write_PKCS8PrivateKey(f, key, EVP_aes_256_cbc(), (char *)pass, (int)strlen(pass),
                                        NULL, NULL) == 1;
    return finish(f, path, ok, err);
}

static cccd_errc write_cert(const char *path, X509 *x, cccd_err *err) {
    FILE *f = create_new(path, 0644, err);
    if (f == NULL)
        return err->code;
    return finish(f, path, PEM_write_X509(f, x) == 1, err);
}

/* Replaces path with text through path.tmp and rename. */
static cccd_errc replace_file(const char *path, const char *text, size_t len, cccd_err *err) {
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    unlink(tmp);
    FILE *f = create_new(tmp, 0644, err);
    if (f == NULL)
        return err->code;
    cccd_errc rc = finish(f, tmp, fwrite(text, 1, len, f) == len, err);
    if (rc == CCCD_OK && rename(tmp, path) != 0) {
        unlink(tmp);
        return cccd_err_set(err, CCCD_E_IO, "out", "cannot replace %s: %s", path, strerror(errno));
    }
    return rc;
}

static bool exists(const char *path) {
    struct stat st;
    return stat(path, &st) == 0;
}

static void serial_hex_of(X509 *x, char *out, size_t n) {
    BIGNUM *bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(x), NULL);
    char *hex = bn ? BN_bn2hex(bn) : NULL;
    snprintf(out, n, "%s", hex ? hex : "?");
    OPENSSL_free(hex);
    BN_free(bn);
}

static cccd_cert_spec spec_of(const cccd_pki_opts *o) {
    cccd_cert_spec s = {.country = o->country,
                        .org = o->org,
                        .cn = o->cn,
                        .not_before = o->now,
                        .days = o->days,
                        .key_days = o->key_days,
                        .crl_uri = o->crl_uri};
    return s;
}

cccd_errc cccd_pki_csca_init(const char *dir, const char *passphrase, const cccd_pki_opts *o,
                             cccd_err *err) {
    char key_path[4096], cert_path[4096], num_path[4096], rev_path[4096];
    join(key_path, sizeof key_path, dir, "csca.key");
    join(cert_path, sizeof cert_path, dir, "csca.pem");
    join(num_path, sizeof num_path, dir, "crl-number");
    join(rev_path, sizeof rev_path, dir, "revoked.txt");
    if (mkdir(dir, 0700) != 0 && errno != EEXIST)
        return cccd_err_set(err, CCCD_E_IO, "out", "cannot create the directory %s: %s", dir,
                            strerror(errno));
    if (exists(key_path) || exists(cert_path))
        return cccd_err_set(err, CCCD_E_PKI_EXISTS, "out",
                            "%s holds a CSCA already: a CSCA is never overwritten", dir);
    cccd_cert_spec spec = spec_of(o);
    EVP_PKEY *key = NULL;
    X509 *cert = NULL;
    cccd_errc rc;
    if ((rc = cccd_pki_random_serial(&spec, err)) != CCCD_OK ||
        (rc = cccd_pki_key_new(o->alg, &key, err)) != CCCD_OK ||
        (rc = cccd_pki_csca_cert(key, &spec, &cert, err)) != CCCD_OK ||
        (rc = write_key(key_path, key, passphrase, err)) != CCCD_OK)
        goto done;
    if ((rc = write_cert(cert_path, cert, err)) != CCCD_OK ||
        (rc = replace_file(num_path, "1\n", 2, err)) != CCCD_OK ||
        (rc = replace_file(rev_path, "", 0, err)) != CCCD_OK) {
        unlink(key_path); /* nothing was issued with it: leave no half-made CSCA */
        unlink(cert_path);
    }
done:
    EVP_PKEY_free(key);
    X509_free(cert);
    return rc;
}

/* Loads the CSCA key and certificate from dir and checks that they belong together. */
static cccd_errc load_csca(const char *dir, const char *pass, EVP_PKEY **key, X509 **cert,
                           cccd_err *err) {
    char key_path[4096], cert_path[4096];
    join(key_path, sizeof key_path, dir, "csca.key");
    join(cert_path, sizeof cert_path, dir, "csca.pem");
    *key = NULL;
    if (!exists(key_path))
        return cccd_err_set(err, CCCD_E_PKI_FILE, "csca",
                            "%s holds no CSCA (no csca.key): make one with cccd pki csca-init",
                            dir);
    cccd_errc rc = cccd_pki_cert_load(cert_path, cert, err);
    if (rc != CCCD_OK)
        return rc;
    if ((rc = cccd_pki_key_load(key_path, pass, key, err)) != CCCD_OK) {
        X509_free(*cert);
        *cert = NULL;
        return rc;
    }
    if (X509_check_private_key(*cert, *key) != 1) {
        ERR_clear_error();
        EVP_PKEY_free(*key);
        X509_free(*cert);
        *key = NULL;
        *cert = NULL;
        return cccd_err_set(err, CCCD_E_PKI_CERT, "csca",
                            "%s/csca.key does not belong to %s/csca.pem", dir, dir);
    }
    return CCCD_OK;
}

static cccd_errc append_line(const char *path, const char *line, cccd_err *err) {
    FILE *f = fopen(path, "ab");
    if (f == NULL)
        return cccd_err_set(err, CCCD_E_IO, "csca", "cannot write %s: %s", path, strerror(errno));
    bool ok = fputs(line, f) >= 0;
    return finish(f, path, ok, err) == CCCD_OK ? CCCD_OK : err->code;
}

cccd_errc cccd_pki_ds_issue(const char *csca_dir, const char *csca_pass, const char *out_dir,
                            const char *ds_pass, const cccd_pki_opts *o, char *serial_hex,
                            cccd_err *err) {
    char key_path[4096], cert_path[4096], chain_path[4096], log_path[4096];
    join(key_path, sizeof key_path, out_dir, "ds.key");
    join(cert_path, sizeof cert_path, out_dir, "ds.pem");
    join(chain_path, sizeof chain_path, out_dir, "csca.pem");
    join(log_path, sizeof log_path, csca_dir, "issued.txt");
    EVP_PKEY *csca_key = NULL, *key = NULL;
    X509 *csca = NULL, *cert = NULL;
    cccd_errc rc = load_csca(csca_dir, csca_pass, &csca_key, &csca, err);
    if (rc != CCCD_OK)
        return rc;
    if (mkdir(out_dir, 0700) != 0 && errno != EEXIST) {
        rc = cccd_err_set(err, CCCD_E_IO, "out", "cannot create the directory %s: %s", out_dir,
                          strerror(errno));
        goto done;
    }
    if (exists(key_path) || exists(cert_path)) {
        rc = cccd_err_set(err, CCCD_E_PKI_EXISTS, "out",
                          "%s holds a Document Signer already: it is never overwritten", out_dir);
        goto done;
    }
    ASN1_TIME *end = ASN1_TIME_adj(NULL, (time_t)o->now, o->days, 0);
    int cmp = end ? ASN1_TIME_compare(end, X509_get0_notAfter(csca)) : 1;
    ASN1_TIME_free(end);
    if (cmp > 0) {
        int left = 0, secs = 0;
        ASN1_TIME *now = ASN1_TIME_set(NULL, (time_t)o->now);
        if (now)
            ASN1_TIME_diff(&left, &secs, now, X509_get0_notAfter(csca));
        ASN1_TIME_free(now);
        rc = cccd_err_set(err, CCCD_E_ARG, "days",
                          "a Document Signer valid %d days would outlive its CSCA: use --days %d "
                          "or less",
                          o->days, left);
        goto done;
    }
    cccd_cert_spec spec = spec_of(o);
    if ((rc = cccd_pki_random_serial(&spec, err)) != CCCD_OK ||
        (rc = cccd_pki_key_new(o->alg, &key, err)) != CCCD_OK ||
        (rc = cccd_pki_ds_cert(key, csca, csca_key, &spec, &cert, err)) != CCCD_OK ||
        (rc = write_key(key_path, key, ds_pass, err)) != CCCD_OK)
        goto done;
    if ((rc = write_cert(cert_path, cert, err)) != CCCD_OK) {
        unlink(key_path);
        goto done;
    }
    if (!exists(chain_path) && (rc = write_cert(chain_path, csca, err)) != CCCD_OK)
        goto done;
    serial_hex_of(cert, serial_hex, 41);
    char subject[256], line[512];
    X509_NAME_oneline(X509_get_subject_name(cert), subject, sizeof subject);
    snprintf(line, sizeof line, "%s %" PRId64 " %d %s\n", serial_hex, o->now, o->days, subject);
    rc = append_line(log_path, line, err);
done:
    EVP_PKEY_free(csca_key);
    EVP_PKEY_free(key);
    X509_free(csca);
    X509_free(cert);
    return rc;
}

/* revoked.txt: one line per revoked certificate, "SERIAL-HEX UNIX-SECONDS". */
static cccd_errc read_revoked(const char *path, cccd_revoked **out, size_t *n, cccd_err *err) {
    *out = NULL;
    *n = 0;
    FILE *f = fopen(path, "rb");
    if (f == NULL && errno == ENOENT)
        return CCCD_OK;
    if (f == NULL)
        return cccd_err_set(err, CCCD_E_PKI_FILE, "csca", "cannot read %s: %s", path,
                            strerror(errno));
    char hex[64];
    long long when;
    size_t cap = 0, line = 0;
    cccd_errc rc = CCCD_OK;
    int r;
    while ((r = fscanf(f, "%63s %lld", hex, &when)) == 2) {
        line++;
        BIGNUM *bn = NULL;
        if (BN_hex2bn(&bn, hex) != (int)strlen(hex) || BN_num_bytes(bn) > 20 || *n >= MAX_REVOKED) {
            BN_free(bn);
            rc = cccd_err_set(err, CCCD_E_PKI_FILE, "csca", "%s, line %zu: not a serial number",
                              path, line);
            break;
        }
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            cccd_revoked *nr = realloc(*out, cap * sizeof **out);
            if (nr == NULL) {
                BN_free(bn);
                rc = cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory");
                break;
            }
            *out = nr;
        }
        cccd_revoked *e = &(*out)[(*n)++];
        memset(e, 0, sizeof *e);
        e->serial_len = (size_t)BN_bn2bin(bn, e->serial);
        e->when = when;
        BN_free(bn);
    }
    if (rc == CCCD_OK && r != EOF)
        rc = cccd_err_set(err, CCCD_E_PKI_FILE, "csca", "%s, line %zu: expected SERIAL SECONDS",
                          path, line + 1);
    fclose(f);
    if (rc != CCCD_OK) {
        free(*out);
        *out = NULL;
        *n = 0;
    }
    return rc;
}

cccd_errc cccd_pki_crl_issue(const char *csca_dir, const char *csca_pass, const char *const *revoke,
                             size_t n, int days, int64_t now, const char *out, size_t *count,
                             uint64_t *number, cccd_err *err) {
    char num_path[4096], rev_path[4096];
    join(num_path, sizeof num_path, csca_dir, "crl-number");
    join(rev_path, sizeof rev_path, csca_dir, "revoked.txt");
    EVP_PKEY *key = NULL;
    X509 *csca = NULL;
    X509_CRL *crl = NULL;
    cccd_revoked *list = NULL;
    size_t nlist = 0;
    char *text = NULL;
    cccd_errc rc = load_csca(csca_dir, csca_pass, &key, &csca, err);
    if (rc != CCCD_OK)
        return rc;
    if ((rc = read_revoked(rev_path, &list, &nlist, err)) != CCCD_OK)
        goto done;
    cccd_revoked *grown = realloc(list, (nlist + n + 1) * sizeof *list);
    if (grown == NULL) {
        rc = cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory");
        goto done;
    }
    list = grown;
    for (size_t i = 0; i < n; i++) {
        X509 *x = NULL;
        if ((rc = cccd_pki_cert_load(revoke[i], &x, err)) != CCCD_OK ||
            (rc = cccd_pki_check_issued(csca, x, err)) != CCCD_OK) {
            X509_free(x);
            goto done;
        }
        const ASN1_INTEGER *s = X509_get0_serialNumber(x);
        cccd_revoked e = {.serial_len = (size_t)ASN1_STRING_length(s), .when = now};
        memcpy(e.serial, ASN1_STRING_get0_data(s), e.serial_len > 20 ? 20 : e.serial_len);
        X509_free(x);
        /* normalise as read_revoked does: no leading zero bytes */
        size_t z = 0;
        while (z + 1 < e.serial_len && e.serial[z] == 0)
            z++;
        memmove(e.serial, e.serial + z, e.serial_len - z);
        e.serial_len -= z;
        bool known = false;
        for (size_t k = 0; k < nlist && !known; k++)
            known = list[k].serial_len == e.serial_len &&
                    memcmp(list[k].serial, e.serial, e.serial_len) == 0;
        if (!known)
            list[nlist++] = e;
    }
    uint64_t num = 1;
    FILE *nf = fopen(num_path, "rb");
    if (nf != NULL) {
        if (fscanf(nf, "%" SCNu64, &num) != 1 || num == 0)
            num = 0;
        fclose(nf);
    }
    if (num == 0) {
        rc = cccd_err_set(err, CCCD_E_PKI_FILE, "csca", "%s does not hold a CRL number", num_path);
        goto done;
    }
    /* the revocations are kept before any CRL lists them */
    size_t cap = nlist * 64 + 1;
    text = malloc(cap);
    if (text == NULL) {
        rc = cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory");
        goto done;
    }
    size_t len = 0;
    for (size_t i = 0; i < nlist; i++) {
        for (size_t b = 0; b < list[i].serial_len; b++)
            len += (size_t)snprintf(text + len, cap - len, "%02X", list[i].serial[b]);
        len += (size_t)snprintf(text + len, cap - len, " %lld\n", (long long)list[i].when);
    }
    if ((rc = replace_file(rev_path, text, len, err)) != CCCD_OK ||
        (rc = cccd_pki_crl(csca, key, list, nlist, now, days, num, &crl, err)) != CCCD_OK)
        goto done;
    BIO *mem = BIO_new(BIO_s_mem());
    char *pem = NULL;
    long pem_len = mem && PEM_write_bio_X509_CRL(mem, crl) == 1 ? BIO_get_mem_data(mem, &pem) : 0;
    rc = pem_len > 0 ? replace_file(out, pem, (size_t)pem_len, err)
                     : cccd_err_set(err, CCCD_E_INTERNAL, NULL, "OpenSSL could not write the CRL");
    BIO_free(mem);
    char next[32];
    int nlen = snprintf(next, sizeof next, "%" PRIu64 "\n", num + 1);
    if (rc == CCCD_OK && (rc = replace_file(num_path, next, (size_t)nlen, err)) == CCCD_OK) {
        if (count)
            *count = nlist;
        if (number)
            *number = num;
    }
done:
    ERR_clear_error();
    free(text);
    free(list);
    X509_CRL_free(crl);
    X509_free(csca);
    EVP_PKEY_free(key);
    return rc;
}
