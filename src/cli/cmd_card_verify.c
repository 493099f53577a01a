/*
 * cmd_card_verify.c: `cccd card verify DIR --csca CERT`: passive authentication of a card's
 * files, as a reader does it, with each step's verdict: the EF.SOD's signature, the Document
 * Signer certificate against the trusted CSCA (validity, revocation), each data group's hash,
 * EF.COM against the SOD, and the MRZ's check digits with DG1 agreeing with DG13.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/x509.h>

#include "chip/lds.h"
#include "chip/sod.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "service/pki_files.h"

static const cli_cmd cmd = {
    "card verify",
    "card verify DIR --csca CERT [--crl FILE] [--at YYYY-MM-DD]\n"
    "  Checks the card files in DIR (EF.COM, EF.SOD and the data groups EF.DGn it lists) as a\n"
    "  reader does, printing each step's verdict: (1) the EF.SOD's signature; (2) its Document\n"
    "  Signer certificate chains to a CSCA of CERT (PEM, one or more), is valid at the date\n"
    "  (default: now) and, with --crl, is not revoked; (3) the SHA-256 of each data group\n"
    "  equals the SOD's; (4) EF.COM lists exactly the SOD's data groups; (5) every MRZ check\n"
    "  digit of EF.DG1 is right and EF.DG1 agrees with EF.DG13. Exit 0 only if every step\n"
    "  passes; otherwise 1, with one line on stderr naming the first step that failed.",
    1, 1};

#define MAX_FILE (16 * 1024 * 1024)

typedef struct checks {
    int failed;
    char first[400];
} checks;

static void verdict(checks *c, const char *step, bool ok, const char *msg) {
    printf("%-36s %s%s%s\n", step, ok ? "passed" : "FAILED", msg && msg[0] ? ": " : "",
           msg ? msg : "");
    if (!ok && c->failed++ == 0)
        snprintf(c->first, sizeof c->first, "%s: %s", step, msg ? msg : "failed");
}

static char *read_in(const char *dir, const char *name, size_t *len, cccd_err *err) {
    char path[4200], *data = NULL;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return cli_read_file(path, MAX_FILE, &data, len, err) == CCCD_OK ? data : NULL;
}

int cmd_card_verify(int argc, char **argv) {
    const char *csca_f = NULL, *crl_f = NULL, *at_s = NULL, *args[1];
    const cli_opt opts[] = {{"--csca", &csca_f, NULL},
                            {"--crl", &crl_f, NULL},
                            {"--at", &at_s, NULL},
                            {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    if (csca_f == NULL)
        return cli_usage_error(&cmd, "--csca CERT is required: the trusted signing authority");
    cccd_err err;
    int64_t at = (int64_t)time(NULL);
    if (at_s) {
        cccd_date d;
        if (cccd_date_parse_full(at_s, "--at", &d, &err) != CCCD_OK)
            return cli_fail(&err);
        at = cccd_date_to_days(d) * 86400 + 12 * 3600;
    }
    STACK_OF(X509) *cscas = NULL;
    STACK_OF(X509_CRL) *crls = NULL;
    X509_CRL *crl = NULL;
    if (cccd_pki_certs_load(csca_f, &cscas, &err) != CCCD_OK)
        return cli_fail(&err);
    if (crl_f && (cccd_pki_crl_load(crl_f, &crl, &err) != CCCD_OK ||
                  (crls = sk_X509_CRL_new_null()) == NULL || !sk_X509_CRL_push(crls, crl))) {
        sk_X509_pop_free(cscas, X509_free);
        X509_CRL_free(crl);
        sk_X509_CRL_free(crls);
        return cli_fail(&err);
    }
    checks c = {0, ""};
    size_t sod_len = 0, com_len = 0;
    char *sod_b = read_in(args[0], "EF.SOD", &sod_len, &err), *com_b = NULL;
    cccd_sod *sod = NULL;
    cccd_lds_com com;
    if (sod_b == NULL || cccd_sod_parse((unsigned char *)sod_b, sod_len, &sod, &err) != CCCD_OK) {
        verdict(&c, "EF.SOD read", false, err.msg);
        goto done;
    }
    /* (1) and (2) */
    cccd_pa_trust trust = {cscas, crls, at};
    cccd_pa_report rep;
    cccd_pa_run(sod, &trust, &rep);
    verdict(&c, "1 SOD signature", rep.signature.verdict == CCCD_PA_PASSED, rep.signature.msg);
    verdict(&c, crls ? "2 Document Signer: chain, dates, CRL" : "2 Document Signer: chain, dates",
            rep.chain.verdict == CCCD_PA_PASSED, rep.chain.msg);
    /* (3) every data group the SOD lists, and (4) EF.COM */
    size_t n = 0;
    const cccd_dg_hash *dgs = cccd_sod_dgs(sod, &n);
    char *dg1 = NULL, *dg13 = NULL;
    size_t dg1_len = 0, dg13_len = 0;
    for (size_t i = 0; i < n; i++) {
        char name[16], step[48];
        size_t len = 0;
        snprintf(name, sizeof name, "EF.DG%d", dgs[i].dg);
        snprintf(step, sizeof step, "3 %s hash", name);
        char *b = read_in(args[0], name, &len, &err);
        if (b == NULL) {
            verdict(&c, step, false, err.msg);
            continue;
        }
        bool ok = cccd_sod_check_dg(sod, dgs[i].dg, (unsigned char *)b, len, &err) == CCCD_OK;
        verdict(&c, step, ok, ok ? "equals the SOD's" : err.msg);
        if (dgs[i].dg == 1 && dg1 == NULL)
            dg1 = b, dg1_len = len, b = NULL;
        else if (dgs[i].dg == 13 && dg13 == NULL)
            dg13 = b, dg13_len = len, b = NULL;
        free(b);
    }
    if ((com_b = read_in(args[0], "EF.COM", &com_len, &err)) == NULL ||
        cccd_lds_com_parse((unsigned char *)com_b, com_len, &com, &err) != CCCD_OK) {
        verdict(&c, "4 EF.COM lists the SOD's groups", false, err.msg);
    } else {
        bool same = com.n_dg == n;
        for (size_t i = 0; same && i < n; i++) {
            bool listed = false;
            for (size_t k = 0; k < com.n_dg; k++)
                listed = listed || com.dg[k] == dgs[i].dg;
            same = listed;
        }
        verdict(&c, "4 EF.COM lists the SOD's groups", same,
                same ? "" : "EF.COM and the EF.SOD name different data groups");
    }
    /* (5) */
    if (dg1 == NULL || dg13 == NULL) {
        verdict(&c, "5 MRZ and DG1/DG13 agree", false, "the SOD lacks EF.DG1 or EF.DG13");
    } else {
        cccd_mrz_fields mrz;
        cccd_dg13 *d = NULL;
        cccd_date today = cccd_date_vn_from_unix(at);
        bool ok =
            cccd_lds_dg1_parse((unsigned char *)dg1, dg1_len, &today, &mrz, &err) == CCCD_OK &&
            cccd_lds_dg13_parse((unsigned char *)dg13, dg13_len, &d, &err) == CCCD_OK &&
            cccd_lds_cross_check(&mrz, d, &err) == CCCD_OK;
        verdict(&c, "5 MRZ and DG1/DG13 agree", ok,
                ok ? "check digits right, details agree" : err.msg);
        cccd_dg13_free(d);
    }
    free(dg1);
    free(dg13);
done:
    printf("verdict %s\n", c.failed ? "FAILED" : "ok");
    if (c.failed)
        rc = cli_failf("%s", c.first);
    else
        rc = CLI_OK;
    cccd_sod_free(sod);
    free(sod_b);
    free(com_b);
    sk_X509_pop_free(cscas, X509_free);
    sk_X509_CRL_pop_free(crls, X509_CRL_free);
    return rc;
}
