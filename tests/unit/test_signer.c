/*
 * test_signer.c: the document signer (service/signer.h) run in-process on a temporary socket,
 * and its client (service/signer_client.h): several threads signing at once, every EF.SOD
 * verified; malformed frames answered with an error while the signer keeps serving; a second
 * signer on a live socket refused, a stale socket replaced; a stopped signer reported as
 * unavailable, and the same client reconnecting once it is back.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "chip/pki.h"
#include "chip/sod.h"
#include "service/signer.h"
#include "service/signer_client.h"

enum { T0 = 1767225600, THREADS = 4, PER_THREAD = 25 };

typedef struct fixture {
    EVP_PKEY *csca_key, *ds_key;
    X509 *csca, *ds;
    char path[108];
} fixture;

static fixture fx;

static cccd_cert_spec spec(const char *cn, int days) {
    cccd_cert_spec s = {.country = "VN",
                        .org = "Bo Cong an",
                        .cn = cn,
                        .not_before = T0,
                        .days = days,
                        .key_days = days,
                        .crl_uri = "http://pki.example.vn/csca.crl"};
    cccd_err err;
    assert_int_equal(cccd_pki_random_serial(&s, &err), CCCD_OK);
    return s;
}

static int setup(void **state) {
    (void)state;
    cccd_err err;
    cccd_cert_spec cs = spec("CSCA VN", 3650), ds = spec("DS 1", 1000);
    if (cccd_pki_key_new(CCCD_PKI_ECDSA_P256, &fx.csca_key, &err) != CCCD_OK ||
        cccd_pki_key_new(CCCD_PKI_ECDSA_P256, &fx.ds_key, &err) != CCCD_OK ||
        cccd_pki_csca_cert(fx.csca_key, &cs, &fx.csca, &err) != CCCD_OK ||
        cccd_pki_ds_cert(fx.ds_key, fx.csca, fx.csca_key, &ds, &fx.ds, &err) != CCCD_OK)
        return -1;
    const char *dir = getenv("TMPDIR");
    snprintf(fx.path, sizeof fx.path, "%s/cccd-signer-%ld.sock", dir && *dir ? dir : "/tmp",
             (long)getpid());
    unlink(fx.path);
    signal(SIGPIPE, SIG_IGN);
    return 0;
}

static int teardown(void **state) {
    (void)state;
    EVP_PKEY_free(fx.csca_key);
    EVP_PKEY_free(fx.ds_key);
    X509_free(fx.csca);
    X509_free(fx.ds);
    unlink(fx.path);
    return 0;
}

typedef struct running {
    cccd_signer *s;
    pthread_t tid;
    cccd_errc rc;
} running;

static void *run(void *p) {
    running *r = p;
    cccd_err err;
    r->rc = cccd_signer_run(r->s, &err);
    return NULL;
}

/* A signer serving `conns` connections at once, closing those silent for `idle` seconds (0:
 * the default), in a thread. */
static void start_with(running *r, int conns, int idle) {
    cccd_err err;
    memset(r, 0, sizeof *r);
    assert_int_equal(cccd_signer_new(fx.ds, fx.ds_key, fx.path, conns, &r->s, &err), CCCD_OK);
    if (idle > 0)
        cccd_signer_set_idle(r->s, idle);
    struct stat st;
    assert_int_equal(stat(fx.path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    assert_int_equal(pthread_create(&r->tid, NULL, run, r), 0);
}

static void start(running *r) {
    start_with(r, 8, 0);
}

static void stop(running *r) {
    cccd_signer_stop(r->s);
    assert_int_equal(pthread_join(r->tid, NULL), 0);
    assert_int_equal(r->rc, CCCD_OK);
    cccd_signer_free(r->s);
    assert_int_not_equal(access(fx.path, F_OK), 0); /* the socket is removed */
}

static void hashes(int seed, cccd_dg_hash h[3]) {
    static const int dgs[3] = {1, 2, 13};
    for (int i = 0; i < 3; i++) {
        h[i].dg = dgs[i];
        for (int k = 0; k < 32; k++)
            h[i].sha256[k] = (unsigned char)(seed * 31 + i * 7 + k);
    }
}

/* Parses and passes (a) and (b) on sod, with the hashes of seed. */
static void check_sod(const unsigned char *der, size_t len, int seed) {
    cccd_err err;
    cccd_sod *sod;
    assert_int_equal(cccd_sod_parse(der, len, &sod, &err), CCCD_OK);
    cccd_dg_hash want[3];
    hashes(seed, want);
    size_t n;
    const cccd_dg_hash *got = cccd_sod_dgs(sod, &n);
    assert_int_equal(n, 3);
    assert_memory_equal(got, want, sizeof want);
    cccd_pa_trust t = {.cscas = sk_X509_new_null(), .at = T0 + 86400};
    sk_X509_push(t.cscas, fx.csca);
    cccd_pa_report r;
    assert_int_equal(cccd_pa_run(sod, &t, &r), CCCD_OK);
    sk_X509_free(t.cscas);
    cccd_sod_free(sod);
}

/* Signs the hashes of seed through c and checks the answer as check_sod does. */
static void sign_checked(cccd_signer_client *c, int seed) {
    cccd_err err;
    cccd_dg_hash h[3];
    hashes(seed, h);
    unsigned char *sod;
    size_t len;
    if (cccd_signer_sign(c, h, 3, &sod, &len, &err) != CCCD_OK)
        fail_msg("sign: %s", err.msg);
    check_sod(sod, len, seed);
    free(sod);
}

static void *client_thread(void *p) {
    int base = (int)(intptr_t)p, *failures = malloc(sizeof(int));
    *failures = 0;
    cccd_err err;
    cccd_signer_client *c;
    if (cccd_signer_client_new(fx.path, &c, &err) != CCCD_OK) {
        *failures = PER_THREAD;
        return failures;
    }
    for (int i = 0; i < PER_THREAD; i++) {
        cccd_dg_hash h[3];
        hashes(base + i, h);
        unsigned char *sod;
        size_t len;
        if (cccd_signer_sign(c, h, 3, &sod, &len, &err) != CCCD_OK) {
            (*failures)++;
            continue;
        }
        cccd_sod *parsed;
        /* each thread checks its own answers: the SOD is for these hashes */
        if (cccd_sod_parse(sod, len, &parsed, &err) != CCCD_OK ||
            memcmp(cccd_sod_dgs(parsed, &(size_t){0}), h, sizeof h) != 0 ||
            cccd_pa_signature(parsed, &err) != CCCD_OK)
            (*failures)++;
        cccd_sod_free(parsed);
        free(sod);
    }
    cccd_signer_client_free(c);
    return failures;
}

static void test_concurrent_signing(void **state) {
    (void)state;
    running r;
    start(&r);
    pthread_t t[THREADS];
    for (int i = 0; i < THREADS; i++)
        assert_int_equal(pthread_create(&t[i], NULL, client_thread, (void *)(intptr_t)(i * 1000)),
                         0);
    int failures = 0;
    for (int i = 0; i < THREADS; i++) {
        void *f;
        pthread_join(t[i], &f);
        failures += *(int *)f;
        free(f);
    }
    assert_int_equal(failures, 0);
    assert_int_equal(cccd_signer_answers(r.s), THREADS * PER_THREAD);
    /* and one more, fully checked through the chain */
    cccd_err err;
    cccd_signer_client *c;
    assert_int_equal(cccd_signer_client_new(fx.path, &c, &err), CCCD_OK);
    sign_checked(c, 77);
    cccd_signer_client_free(c);
    stop(&r);
}

/* Sends req raw; the answer must be status `want` with a message containing `says`. */
static void expect(cccd_signer_client *c, const unsigned char *req, size_t len, int want,
                   const char *says) {
    cccd_err err;
    int status = -1;
    unsigned char *body = NULL;
    size_t blen;
    assert_int_equal(cccd_signer_client_raw(c, req, len, &status, &body, &blen, &err), CCCD_OK);
    assert_int_equal(status, want);
    if (says && strstr((char *)body, says) == NULL)
        fail_msg("answer '%s' lacks '%s'", (char *)body, says);
    free(body);
}

static void test_malformed_requests(void **state) {
    (void)state;
    running r;
    start(&r);
    cccd_err err;
    cccd_signer_client *c;
    assert_int_equal(cccd_signer_client_new(fx.path, &c, &err), CCCD_OK);
    unsigned char good[2 + 34] = {1, 1, 2, 32};
    unsigned char req[2 + 17 * 34 + 8];
    expect(c, good, sizeof good, CCCD_SIGNER_OK, NULL);
    /* wrong version, no entries, 17 entries, a 20-byte hash, dg 0, dg 17, twice the same dg */
    memcpy(req, good, sizeof good);
    req[0] = 9;
    expect(c, req, sizeof good, CCCD_SIGNER_REFUSED, "version 9");
    expect(c, (const unsigned char[]){1, 0}, 2, CCCD_SIGNER_REFUSED, "not 0");
    req[0] = 1;
    req[1] = 17;
    expect(c, req, 2 + 17 * 34, CCCD_SIGNER_REFUSED, "not 17");
    unsigned char shorthash[2 + 22] = {1, 1, 2, 20};
    expect(c, shorthash, sizeof shorthash, CCCD_SIGNER_REFUSED, "20 bytes, not 32");
    memcpy(req, good, sizeof good);
    req[2] = 0;
    expect(c, req, sizeof good, CCCD_SIGNER_REFUSED, "data group 0 does not exist");
    req[2] = 17;
    expect(c, req, sizeof good, CCCD_SIGNER_REFUSED, "data group 17");
    unsigned char twice[2 + 68] = {1, 2, 5, 32};
    twice[2 + 34] = 5;
    twice[2 + 35] = 32;
    expect(c, twice, sizeof twice, CCCD_SIGNER_REFUSED, "twice");
    /* cut inside a hash; bytes after the last entry */
    expect(c, good, sizeof good - 1, CCCD_SIGNER_REFUSED, "ends inside");
    memcpy(req, good, sizeof good);
    req[sizeof good] = 0;
    expect(c, req, sizeof good + 1, CCCD_SIGNER_REFUSED, "follow the last");
    /* the same connection still signs */
    expect(c, good, sizeof good, CCCD_SIGNER_OK, NULL);
    /* an oversized frame: refused, and that connection closed; the client reconnects */
    unsigned char *big = calloc(1, 5000);
    expect(c, big, 5000, CCCD_SIGNER_REFUSED, "the limit is");
    free(big);
    expect(c, good, sizeof good, CCCD_SIGNER_OK, NULL);
    /* an empty frame */
    expect(c, good, 0, CCCD_SIGNER_REFUSED, "0 bytes");
    /* a peer that sends half a header and leaves does not disturb the signer */
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    snprintf(a.sun_path, sizeof a.sun_path, "%s", fx.path);
    assert_int_equal(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
    assert_int_equal(write(fd, "\0\0", 2), 2);
    close(fd);
    expect(c, good, sizeof good, CCCD_SIGNER_OK, NULL);
    /* the client checks hashes before sending */
    cccd_dg_hash h[1] = {{.dg = 0}};
    unsigned char *sod;
    size_t len;
    assert_int_equal(cccd_signer_sign(c, h, 1, &sod, &len, &err), CCCD_E_SOD_DG);
    cccd_signer_client_free(c);
    stop(&r);
}

static void test_socket_guard(void **state) {
    (void)state;
    running r;
    start(&r);
    cccd_err err;
    cccd_signer *second = NULL;
    assert_int_equal(cccd_signer_new(fx.ds, fx.ds_key, fx.path, 2, &second, &err),
                     CCCD_E_PKI_EXISTS);
    assert_non_null(strstr(err.msg, "already answers"));
    stop(&r);
    /* a stale socket (bound, nobody listening) is replaced */
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    snprintf(a.sun_path, sizeof a.sun_path, "%s", fx.path);
    assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
    close(fd);
    assert_int_equal(access(fx.path, F_OK), 0);
    start(&r);
    stop(&r);
    /* a regular file there is not touched */
    FILE *f = fopen(fx.path, "w");
    fclose(f);
    assert_int_equal(cccd_signer_new(fx.ds, fx.ds_key, fx.path, 2, &second, &err),
                     CCCD_E_PKI_EXISTS);
    assert_non_null(strstr(err.msg, "not a socket"));
    unlink(fx.path);
    /* the key must be the certificate's, and the certificate a signer's */
    assert_int_equal(cccd_signer_new(fx.ds, fx.csca_key, fx.path, 2, &second, &err),
                     CCCD_E_PKI_CERT);
    assert_int_equal(cccd_signer_new(fx.csca, fx.csca_key, fx.path, 2, &second, &err),
                     CCCD_E_PKI_CERT);
    assert_non_null(strstr(err.msg, "digitalSignature"));
    assert_int_not_equal(access(fx.path, F_OK), 0);
}

static void test_unavailable_and_reconnect(void **state) {
    (void)state;
    cccd_err err;
    cccd_signer_client *c;
    assert_int_equal(cccd_signer_client_new(fx.path, &c, &err), CCCD_OK);
    cccd_dg_hash h[3];
    hashes(5, h);
    unsigned char *sod;
    size_t len;
    /* never started */
    assert_int_equal(cccd_signer_sign(c, h, 3, &sod, &len, &err), CCCD_E_SIGNER_UNAVAILABLE);
    assert_int_equal(cccd_errc_kind(err.code), CCCD_KIND_UNAVAILABLE);
    assert_non_null(strstr(err.msg, "is not answering"));
    assert_non_null(strstr(err.msg, fx.path));
    running r;
    start(&r);
    assert_int_equal(cccd_signer_sign(c, h, 3, &sod, &len, &err), CCCD_OK);
    check_sod(sod, len, 5);
    free(sod);
    /* stopped: the kept connection is closed and nothing answers */
    stop(&r);
    assert_int_equal(cccd_signer_sign(c, h, 3, &sod, &len, &err), CCCD_E_SIGNER_UNAVAILABLE);
    assert_int_equal(cccd_signer_sign(c, h, 3, &sod, &len, &err), CCCD_E_SIGNER_UNAVAILABLE);
    /* back: the same client connects again */
    start(&r);
    assert_int_equal(cccd_signer_sign(c, h, 3, &sod, &len, &err), CCCD_OK);
    check_sod(sod, len, 5);
    free(sod);
    /* restarted while the client holds a connection: the stale one is replaced silently */
    stop(&r);
    start(&r);
    assert_int_equal(cccd_signer_sign(c, h, 3, &sod, &len, &err), CCCD_OK);
    free(sod);
    stop(&r);
    cccd_signer_client_free(c);
}

static void test_idle_connections(void **state) {
    (void)state;
    /* one slot, taken by a client that connected and says nothing: the signer closes it after
     * its idle time and serves the next client, who would otherwise wait for ever; a kept
     * connection that went idle is closed too, and the client connects again silently */
    running r;
    cccd_err err;
    start_with(&r, 1, 1);
    int quiet = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    snprintf(a.sun_path, sizeof a.sun_path, "%s", fx.path);
    assert_int_equal(connect(quiet, (struct sockaddr *)&a, sizeof a), 0);
    cccd_signer_client *c;
    assert_int_equal(cccd_signer_client_new(fx.path, &c, &err), CCCD_OK);
    sign_checked(c, 9);
    char b;
    assert_int_equal(read(quiet, &b, 1), 0); /* closed by the signer */
    close(quiet);
    sleep(2);
    sign_checked(c, 9);
    cccd_signer_client_free(c);
    stop(&r);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_concurrent_signing), cmocka_unit_test(test_malformed_requests),
        cmocka_unit_test(test_socket_guard),       cmocka_unit_test(test_unavailable_and_reconnect),
        cmocka_unit_test(test_idle_connections),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
