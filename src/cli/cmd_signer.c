/*
 * cmd_signer.c: `cccd signer`: runs the document signer (service/signer.h), the only process
 * that loads a Document Signer's private key, until SIGTERM or SIGINT. Signals are taken by
 * sigwait() in the main thread while another thread serves, as `cccd serve` does.
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "chip/pki.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "service/pki_files.h"
#include "service/signer.h"

static const cli_cmd cmd = {
    "signer",
    "signer --key FILE --cert FILE [--passphrase-file FILE] --socket PATH [--threads N]\n"
    "       [--idle S]\n"
    "  Loads the Document Signer key and certificate and signs EF.SODs for the server and the\n"
    "  production tools over the Unix socket PATH (mode 0600): they send data group numbers\n"
    "  and SHA-256 hashes only (docs/pki.md). Refuses a key that is not the certificate's, a\n"
    "  certificate without digitalSignature, and a PATH where a signer answers already (a\n"
    "  stale socket is replaced). SIGTERM or SIGINT finishes the requests in progress, removes\n"
    "  the socket and exits 0.\n"
    "  --key FILE              the DS private key (ds.key from cccd pki ds-issue)\n"
    "  --cert FILE             its certificate (ds.pem)\n"
    "  --passphrase-file FILE  the key's passphrase (its first line)\n"
    "  --socket PATH           the Unix socket to listen on\n"
    "  --threads N             connections served at once, a thread each (default 16)\n"
    "  --idle S                close a connection silent for S seconds (default 60): idle\n"
    "                          clients cannot hold every thread; cccd's clients reconnect",
    0, 0};

static void log_line(const char *msg) {
    char when[32];
    time_t t = time(NULL);
    struct tm tm;
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
    fprintf(stderr, "%s cccd signer: %s\n", when, msg);
}

typedef struct run_arg {
    cccd_signer *s;
    cccd_err err;
    cccd_errc rc;
} run_arg;

static void *run_thread(void *p) {
    run_arg *a = p;
    a->rc = cccd_signer_run(a->s, &a->err);
    if (a->rc != CCCD_OK)
        kill(getpid(), SIGTERM); /* wake the main thread's sigwait */
    return NULL;
}

int cmd_signer(int argc, char **argv) {
    const char *key_f = NULL, *cert_f = NULL, *pass_f = NULL, *sock = NULL, *threads_s = NULL,
               *idle_s = NULL;
    const cli_opt opts[] = {{"--key", &key_f, NULL},
                            {"--cert", &cert_f, NULL},
                            {"--passphrase-file", &pass_f, NULL},
                            {"--socket", &sock, NULL},
                            {"--threads", &threads_s, NULL},
                            {"--idle", &idle_s, NULL},
                            {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, NULL, &nargs);
    if (rc >= 0)
        return rc;
    if (key_f == NULL || cert_f == NULL || sock == NULL)
        return cli_usage_error(&cmd, "--key, --cert and --socket are required");
    long threads = 16;
    if (threads_s && (rc = cli_parse_long(threads_s, "--threads", 1, 1024, &threads)) >= 0)
        return rc;
    long idle = CCCD_SIGNER_IDLE_S;
    if (idle_s && (rc = cli_parse_long(idle_s, "--idle", 1, 86400, &idle)) >= 0)
        return rc;
    cccd_err err;
    char *pass = NULL;
    EVP_PKEY *key = NULL;
    X509 *cert = NULL;
    if ((pass_f && cccd_pki_passphrase_read(pass_f, &pass, &err) != CCCD_OK) ||
        cccd_pki_cert_load(cert_f, &cert, &err) != CCCD_OK ||
        cccd_pki_key_load(key_f, pass, &key, &err) != CCCD_OK) {
        cccd_pki_passphrase_free(pass);
        X509_free(cert);
        return cli_fail(&err);
    }
    cccd_pki_passphrase_free(pass);
    /* every thread started from here inherits the mask: the signals come to sigwait below */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
    run_arg a = {0};
    cccd_errc e = cccd_signer_new(cert, key, sock, (int)threads, &a.s, &err);
    char subject[160] = "", line[400];
    X509_NAME_oneline(X509_get_subject_name(cert), subject, sizeof subject);
    EVP_PKEY_free(key); /* the signer holds its own references */
    X509_free(cert);
    if (e != CCCD_OK)
        return cli_fail(&err);
    cccd_signer_set_idle(a.s, (int)idle);
    pthread_t tid;
    if (pthread_create(&tid, NULL, run_thread, &a) != 0) {
        cccd_signer_free(a.s);
        return cli_failf("cannot start the signer's thread");
    }
    snprintf(line, sizeof line, "signing as %s on %s (at most %ld connections)", subject, sock,
             threads);
    log_line(line);
    int sig = 0;
    sigwait(&set, &sig);
    cccd_signer_stop(a.s);
    pthread_join(tid, NULL);
    snprintf(line, sizeof line, "%s: stopped after %llu answers, socket removed",
             a.rc != CCCD_OK ? a.err.msg
             : sig == SIGINT ? "SIGINT"
                             : "SIGTERM",
             (unsigned long long)cccd_signer_answers(a.s));
    log_line(line);
    cccd_signer_free(a.s);
    return a.rc == CCCD_OK ? CLI_OK : CLI_FAIL;
}
