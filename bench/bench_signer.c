/*
 * bench_signer.c: EF.SODs signed per second through the document signer over its Unix socket
 * (service/signer.h, in this process on a temporary socket) by 2 client threads, ECDSA P-256,
 * four data groups per request, next to baselines of the same run (these machines are noisy:
 * compare ratios):
 *
 *   openssl speed   `openssl speed -seconds 3 -multi 2 ecdsap256`: raw P-256 signatures per
 *                   second on 2 processes, the ceiling (the goal is at least half of it);
 *   direct          cccd_sod_sign called by 2 threads in-process: the CMS around each
 *                   signature, without the socket (the certificate parsed from DER, as the
 *                   signer holds it: an unparsed one is re-encoded for every SOD, which cost
 *                   a third of the rate before the signer kept a parsed copy);
 *   signer          cccd_signer_sign from 2 threads, each with its kept connection.
 *
 * The machine has 2 cores: the signer's threads and the clients share them, as the server and
 * the signer would.
 */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench_util.h"
#include "chip/pki.h"
#include "chip/sod.h"
#include "service/signer.h"
#include "service/signer_client.h"

enum { CLIENTS = 2 };

static EVP_PKEY *ds_key;
static X509 *ds_cert;
static char sock_path[108];
static atomic_bool running;

typedef struct worker {
    pthread_t tid;
    bool via_signer;
    long done, failed;
} worker;

static void fill(cccd_dg_hash *h, long i) {
    static const int dgs[4] = {1, 2, 13, 14};
    for (int k = 0; k < 4; k++) {
        h[k].dg = dgs[k];
        memset(h[k].sha256, (int)(i + k), 32);
    }
}

static void *work(void *p) {
    worker *w = p;
    cccd_err err;
    cccd_signer_client *c = NULL;
    if (w->via_signer && cccd_signer_client_new(sock_path, &c, &err) != CCCD_OK)
        return NULL;
    while (atomic_load(&running)) {
        cccd_dg_hash h[4];
        fill(h, w->done);
        unsigned char *sod = NULL;
        size_t len;
        cccd_errc rc = w->via_signer ? cccd_signer_sign(c, h, 4, &sod, &len, &err)
                                     : cccd_sod_sign(h, 4, ds_cert, ds_key, &sod, &len, &err);
        if (rc == CCCD_OK)
            w->done++;
        else
            w->failed++;
        free(sod);
    }
    cccd_signer_client_free(c);
    return NULL;
}

/* SODs per second over `seconds` with CLIENTS threads; -1 if any call failed. */
static double rate(bool via_signer, double seconds) {
    worker w[CLIENTS] = {0};
    atomic_store(&running, true);
    double t0 = bench_now();
    for (int i = 0; i < CLIENTS; i++) {
        w[i].via_signer = via_signer;
        pthread_create(&w[i].tid, NULL, work, &w[i]);
    }
    usleep((useconds_t)(seconds * 1e6));
    atomic_store(&running, false);
    long done = 0, failed = 0;
    for (int i = 0; i < CLIENTS; i++) {
        pthread_join(w[i].tid, NULL);
        done += w[i].done;
        failed += w[i].failed;
    }
    double t = bench_now() - t0;
    return failed ? -1 : (double)done / t;
}

/* `openssl speed`'s P-256 signatures per second on 2 processes; -1 if it could not run. */
static double openssl_speed(void) {
    FILE *p = popen("openssl speed -seconds 3 -multi 2 ecdsap256 2>/dev/null", "r");
    if (p == NULL)
        return -1;
    char line[512];
    double sign = -1, verify;
    while (fgets(line, sizeof line, p))
        if (sscanf(line, " %*d bits ecdsa (nistp256) %*fs %*fs %lf %lf", &sign, &verify) == 2)
            break;
    pclose(p);
    return sign;
}

static void *serve(void *s) {
    cccd_err err;
    cccd_signer_run(s, &err);
    return NULL;
}

int main(void) {
    cccd_err err;
    EVP_PKEY *csca_key = NULL;
    X509 *csca = NULL;
    cccd_cert_spec cs = {.country = "VN",
                         .cn = "Bench CSCA",
                         .not_before = 1767225600,
                         .days = 3650,
                         .key_days = 1825};
    cccd_cert_spec ds = {.country = "VN",
                         .cn = "Bench DS",
                         .not_before = 1767225600,
                         .days = 1000,
                         .key_days = 90,
                         .crl_uri = "http://pki.example/x.crl"};
    if (cccd_pki_random_serial(&cs, &err) != CCCD_OK ||
        cccd_pki_random_serial(&ds, &err) != CCCD_OK ||
        cccd_pki_key_new(CCCD_PKI_ECDSA_P256, &csca_key, &err) != CCCD_OK ||
        cccd_pki_key_new(CCCD_PKI_ECDSA_P256, &ds_key, &err) != CCCD_OK ||
        cccd_pki_csca_cert(csca_key, &cs, &csca, &err) != CCCD_OK ||
        cccd_pki_ds_cert(ds_key, csca, csca_key, &ds, &ds_cert, &err) != CCCD_OK) {
        fprintf(stderr, "bench_signer: %s\n", err.msg);
        return 1;
    }
    /* as `cccd signer` has it: parsed, so its encoding is cached (the signer makes such a copy) */
    X509 *parsed = X509_dup(ds_cert);
    X509_free(ds_cert);
    ds_cert = parsed;
    signal(SIGPIPE, SIG_IGN);
    snprintf(sock_path, sizeof sock_path, "/tmp/cccd-bench-signer-%ld.sock", (long)getpid());
    cccd_signer *s = NULL;
    pthread_t tid;
    if (cccd_signer_new(ds_cert, ds_key, sock_path, 8, &s, &err) != CCCD_OK ||
        pthread_create(&tid, NULL, serve, s) != 0) {
        fprintf(stderr, "bench_signer: %s\n", err.msg);
        return 1;
    }
    printf("EF.SOD signing, ECDSA P-256, 4 data groups per SOD, %d client threads\n", CLIENTS);
    double ossl = openssl_speed(), direct = rate(false, 3.0), via = rate(true, 5.0);
    cccd_signer_stop(s);
    pthread_join(tid, NULL);
    cccd_signer_free(s);
    if (direct < 0 || via < 0) {
        fprintf(stderr, "bench_signer: a signing call failed\n");
        return 1;
    }
    if (ossl > 0)
        printf("  %-44s %9.0f sign/s\n", "openssl speed -multi 2 ecdsap256 (baseline)", ossl);
    else
        printf("  %-44s %9s\n", "openssl speed -multi 2 ecdsap256 (baseline)", "n/a");
    printf("  %-44s %9.0f SOD/s", "cccd_sod_sign in-process, 2 threads", direct);
    if (ossl > 0)
        printf("  (%.2f of openssl speed)", direct / ossl);
    printf("\n  %-44s %9.0f SOD/s", "through the signer's socket, 2 clients", via);
    if (ossl > 0)
        printf("  (%.2f of openssl speed; goal 0.50)", via / ossl);
    printf("\n");
    X509_free(ds_cert);
    X509_free(csca);
    EVP_PKEY_free(ds_key);
    EVP_PKEY_free(csca_key);
    return 0;
}
