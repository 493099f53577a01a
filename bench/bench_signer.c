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
 *   signer          cccd_signer_sign from 2 threads, each with its kept connection;
 *   cards           what `cccd batch run` does for a card's chip: EF.COM, EF.DG1, EF.DG2 (a
 *                   31 KB portrait), EF.DG13 encoded, hashed, and the EF.SOD signed through
 *                   the signer, from 2 threads: chips personalised per second;
 *   faces           the printed front and back (cairo, PNG) of the same card, one thread: the
 *                   card printer's input, far slower than the chip, reported apart.
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
#include "chip/card_data.h"
#include "chip/lds.h"
#include "chip/pki.h"
#include "chip/sod.h"
#include "service/card_face.h"
#include "service/signer.h"
#include "service/signer_client.h"
#include "service/synth_portrait.h"

enum { CLIENTS = 2 };

static EVP_PKEY *ds_key;
static X509 *ds_cert;
static char sock_path[108];
static atomic_bool running;

typedef enum mode { DIRECT, SIGNER, CARDS } mode;

typedef struct worker {
    pthread_t tid;
    mode how;
    const cccd_card_data *card; /* CARDS */
    long done, failed;
} worker;

/* One card's chip through the signer: its four files encoded and hashed, the SOD signed. */
static cccd_errc card_chip(cccd_signer_client *c, const cccd_card_data *card, cccd_err *err) {
    static const int dgs[3] = {1, 2, 13};
    unsigned char *f[4] = {NULL}, *sod = NULL;
    size_t len[4] = {0}, sod_len = 0;
    cccd_dg_hash h[3];
    cccd_errc rc = cccd_lds_com_encode(dgs, 3, &f[0], &len[0], err);
    if (rc == CCCD_OK)
        rc = cccd_lds_dg1_encode(card, &f[1], &len[1], err);
    if (rc == CCCD_OK)
        rc = cccd_lds_dg2_encode(card, &f[2], &len[2], err);
    if (rc == CCCD_OK)
        rc = cccd_lds_dg13_encode(card, &f[3], &len[3], err);
    for (int i = 0; rc == CCCD_OK && i < 3; i++) {
        h[i].dg = dgs[i];
        rc = cccd_lds_sha256(f[i + 1], len[i + 1], h[i].sha256);
    }
    if (rc == CCCD_OK)
        rc = cccd_signer_sign(c, h, 3, &sod, &sod_len, err);
    for (int i = 0; i < 4; i++)
        free(f[i]);
    free(sod);
    return rc;
}

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
    if (w->how != DIRECT && cccd_signer_client_new(sock_path, &c, &err) != CCCD_OK)
        return NULL;
    while (atomic_load(&running)) {
        cccd_dg_hash h[4];
        fill(h, w->done);
        unsigned char *sod = NULL;
        size_t len;
        cccd_errc rc = w->how == CARDS    ? card_chip(c, w->card, &err)
                       : w->how == SIGNER ? cccd_signer_sign(c, h, 4, &sod, &len, &err)
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

/* SODs (or cards) per second over `seconds` with CLIENTS threads; -1 if any call failed. */
static double rate(mode how, const cccd_card_data *card, double seconds) {
    worker w[CLIENTS] = {0};
    atomic_store(&running, true);
    double t0 = bench_now();
    for (int i = 0; i < CLIENTS; i++) {
        w[i].how = how;
        w[i].card = card;
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
    /* a card as the batch makes it, with the synthetic portrait */
    unsigned char *jpeg = NULL;
    size_t jlen = 0;
    if (cccd_synth_portrait_jpeg(7, &jpeg, &jlen, &err) != CCCD_OK) {
        fprintf(stderr, "bench_signer: %s\n", err.msg);
        return 1;
    }
    const cccd_card_data card = {
        .personal_id = "001090000001",
        .full_name = "Nguyễn Văn An",
        .birth = {1990, 1, 1, CCCD_DATE_DAY},
        .sex = 'M',
        .ethnicity = "Kinh",
        .religion = "Không",
        .place_of_origin = "Hà Nội",
        .place_of_residence = "Số 1, Phường Phúc Xá, Quận Ba Đình, Thành phố Hà Nội",
        .identifying_marks = "",
        .issued = {2026, 3, 10, CCCD_DATE_DAY},
        .expiry = {2030, 1, 1, CCCD_DATE_DAY},
        .father_name = "Nguyễn Văn Ba",
        .mother_name = "Trần Thị Tư",
        .spouse_name = "",
        .old_id = "012345678",
        .portrait = jpeg,
        .portrait_len = jlen,
    };
    double ossl = openssl_speed(), direct = rate(DIRECT, NULL, 3.0), via = rate(SIGNER, NULL, 5.0),
           cards = rate(CARDS, &card, 5.0);
    /* the printed faces, one thread */
    long faces = 0;
    double f0 = bench_now();
    while (bench_now() - f0 < 3.0) {
        unsigned char *png = NULL;
        size_t plen = 0;
        for (int side = 0; side < 2; side++) {
            if (cccd_card_face_png(&card, side ? CCCD_CARD_BACK : CCCD_CARD_FRONT, &png, &plen,
                                   &err) != CCCD_OK) {
                fprintf(stderr, "bench_signer: faces: %s\n", err.msg);
                return 1;
            }
            free(png);
        }
        faces++;
    }
    double face_rate = (double)faces / (bench_now() - f0);
    free(jpeg);
    cccd_card_face_release_caches();
    cccd_signer_stop(s);
    pthread_join(tid, NULL);
    cccd_signer_free(s);
    if (direct < 0 || via < 0 || cards < 0) {
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
    printf("\n  %-44s %9.0f cards/s", "card chips personalised and signed, 2 threads", cards);
    if (ossl > 0)
        printf("  (%.2f of openssl speed; goal 0.50)", cards / ossl);
    printf("\n  %-44s %9.1f cards/s  (1 thread)\n", "printed faces (front and back PNG)",
           face_rate);
    printf("  a national day of 300,000 cards: chips %.1f minutes on this machine; faces %.1f "
           "minutes per core\n",
           300000.0 / cards / 60, 300000.0 / face_rate / 60);
    X509_free(ds_cert);
    X509_free(csca);
    EVP_PKEY_free(ds_key);
    EVP_PKEY_free(csca_key);
    return 0;
}
