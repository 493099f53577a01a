/*
 * cmd_pki_ds_issue.c: `cccd pki ds-issue`: a new Document Signer key and its certificate from
 * the CSCA (service/pki_files.h, docs/pki.md). The DS key then goes to the machine that runs
 * `cccd signer`, the only process that loads it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "service/pki_files.h"

static const cli_cmd cmd = {
    "pki ds-issue",
    "pki ds-issue --csca DIR --passphrase-file FILE --out DIR [--ds-passphrase-file FILE]\n"
    "             [--algorithm ALG] [--name TEXT] [--org TEXT] [--days N] [--key-days N]\n"
    "             [--crl-uri URI]\n"
    "  Makes a Document Signer in the --out DIR: ds.key, its private key as encrypted PKCS#8\n"
    "  PEM (mode 0600), ds.pem, its certificate signed by the CSCA (digitalSignature only,\n"
    "  key identifiers, private key usage period, CRL distribution point, Document Type List\n"
    "  \"ID\"; a random 16-byte serial), and a copy of csca.pem. The issue is recorded in the\n"
    "  CSCA's issued.txt. An existing DS in DIR is refused.\n"
    "  --csca DIR                 the CSCA directory (csca-init)\n"
    "  --passphrase-file FILE     the CSCA key's passphrase\n"
    "  --ds-passphrase-file FILE  encrypts the DS key (default: the CSCA's passphrase)\n"
    "  --algorithm ALG            ecdsa-p256 (default), brainpoolP256r1 or rsa3072\n"
    "  --name TEXT                the subject's CN (default \"Document Signer VN\")\n"
    "  --org TEXT                 the subject's O (default \"Bo Cong an\")\n"
    "  --days N                   certificate validity: the key usage period plus the longest\n"
    "                             card validity (default 7305: 20 years)\n"
    "  --key-days N               private key usage period (default 92)\n"
    "  --crl-uri URI              the CRL distribution point (default " CCCD_PKI_DEFAULT_CRL_URI
    ")",
    0, 0};

int cmd_pki_ds_issue(int argc, char **argv) {
    const char *csca = NULL, *pass_f = NULL, *out = NULL, *ds_pass_f = NULL, *alg_s = NULL,
               *name = "Document Signer VN", *org = "Bo Cong an", *days_s = NULL,
               *key_days_s = NULL, *crl_uri = CCCD_PKI_DEFAULT_CRL_URI;
    const cli_opt opts[] = {{"--csca", &csca, NULL},
                            {"--passphrase-file", &pass_f, NULL},
                            {"--out", &out, NULL},
                            {"--ds-passphrase-file", &ds_pass_f, NULL},
                            {"--algorithm", &alg_s, NULL},
                            {"--name", &name, NULL},
                            {"--org", &org, NULL},
                            {"--days", &days_s, NULL},
                            {"--key-days", &key_days_s, NULL},
                            {"--crl-uri", &crl_uri, NULL},
                            {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, NULL, &nargs);
    if (rc >= 0)
        return rc;
    if (csca == NULL || pass_f == NULL || out == NULL)
        return cli_usage_error(&cmd, "--csca, --passphrase-file and --out are required");
    long days = 7305, key_days = 92;
    if ((days_s && (rc = cli_parse_long(days_s, "--days", 1, 36500, &days)) >= 0) ||
        (key_days_s && (rc = cli_parse_long(key_days_s, "--key-days", 1, 36500, &key_days)) >= 0))
        return rc;
    if (key_days > days)
        key_days = days;
    cccd_err err;
    cccd_pki_opts o = {.country = "VN",
                       .org = org,
                       .cn = name,
                       .days = (int)days,
                       .key_days = (int)key_days,
                       .crl_uri = crl_uri,
                       .now = (int64_t)time(NULL)};
    if (alg_s && cccd_pki_alg_parse(alg_s, &o.alg, &err) != CCCD_OK)
        return cli_fail(&err);
    char *pass = NULL, *ds_pass = NULL, serial[48];
    if (cccd_pki_passphrase_read(pass_f, &pass, &err) != CCCD_OK ||
        (ds_pass_f && cccd_pki_passphrase_read(ds_pass_f, &ds_pass, &err) != CCCD_OK)) {
        cccd_pki_passphrase_free(pass);
        return cli_fail(&err);
    }
    cccd_errc e = cccd_pki_ds_issue(csca, pass, out, ds_pass ? ds_pass : pass, &o, serial, &err);
    cccd_pki_passphrase_free(pass);
    cccd_pki_passphrase_free(ds_pass);
    if (e != CCCD_OK)
        return cli_fail(&err);
    printf("issued the Document Signer (%s) in %s: ds.key (encrypted, mode 0600), ds.pem "
           "(serial %s), csca.pem\n",
           cccd_pki_alg_name(o.alg), out, serial);
    return CLI_OK;
}
