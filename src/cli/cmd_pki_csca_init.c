/*
 * cmd_pki_csca_init.c: `cccd pki csca-init`: makes the Country Signing CA, the root of trust
 * of every card's signature (service/pki_files.h, docs/pki.md). Run once, on an offline
 * machine; the key is written encrypted with the passphrase and never overwritten.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "service/pki_files.h"

static const cli_cmd cmd = {
    "pki csca-init",
    "pki csca-init --out DIR --passphrase-file FILE [--algorithm ALG] [--country CC]\n"
    "              [--org TEXT] [--name TEXT] [--days N] [--key-days N]\n"
    "  Makes the Country Signing CA in DIR (created if absent): csca.key, the private key as\n"
    "  encrypted PKCS#8 PEM (mode 0600), and csca.pem, its self-signed certificate (ICAO 9303\n"
    "  part 12: CA, path length 0, keyCertSign and cRLSign, private key usage period). An\n"
    "  existing CSCA in DIR is refused, never overwritten.\n"
    "  --out DIR              the CSCA directory\n"
    "  --passphrase-file FILE its first line encrypts the key\n"
    "  --algorithm ALG        ecdsa-p256 (default), brainpoolP256r1 or rsa3072\n"
    "  --country CC           the subject's C (default VN)\n"
    "  --org TEXT             the subject's O (default \"Bo Cong an\")\n"
    "  --name TEXT            the subject's CN (default \"CSCA VN\")\n"
    "  --days N               certificate validity (default 9132: 25 years)\n"
    "  --key-days N           private key usage period (default 1826: 5 years)",
    0, 0};

int cmd_pki_csca_init(int argc, char **argv) {
    const char *out = NULL, *pass_f = NULL, *alg_s = NULL, *country = "VN", *org = "Bo Cong an",
               *name = "CSCA VN", *days_s = NULL, *key_days_s = NULL;
    const cli_opt opts[] = {{"--out", &out, NULL},
                            {"--passphrase-file", &pass_f, NULL},
                            {"--algorithm", &alg_s, NULL},
                            {"--country", &country, NULL},
                            {"--org", &org, NULL},
                            {"--name", &name, NULL},
                            {"--days", &days_s, NULL},
                            {"--key-days", &key_days_s, NULL},
                            {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, NULL, &nargs);
    if (rc >= 0)
        return rc;
    if (out == NULL || pass_f == NULL)
        return cli_usage_error(&cmd, "--out and --passphrase-file are required");
    long days = 9132, key_days = 1826;
    if ((days_s && (rc = cli_parse_long(days_s, "--days", 1, 36500, &days)) >= 0) ||
        (key_days_s && (rc = cli_parse_long(key_days_s, "--key-days", 1, 36500, &key_days)) >= 0))
        return rc;
    if (key_days > days)
        key_days = days;
    cccd_err err;
    cccd_pki_opts o = {.country = country,
                       .org = org,
                       .cn = name,
                       .days = (int)days,
                       .key_days = (int)key_days,
                       .now = (int64_t)time(NULL)};
    if (alg_s && cccd_pki_alg_parse(alg_s, &o.alg, &err) != CCCD_OK)
        return cli_fail(&err);
    char *pass = NULL;
    if (cccd_pki_passphrase_read(pass_f, &pass, &err) != CCCD_OK)
        return cli_fail(&err);
    cccd_errc e = cccd_pki_csca_init(out, pass, &o, &err);
    cccd_pki_passphrase_free(pass);
    if (e != CCCD_OK)
        return cli_fail(&err);
    printf("made the CSCA (%s) in %s: csca.key (encrypted, mode 0600) and csca.pem, valid %ld "
           "days\n",
           cccd_pki_alg_name(o.alg), out, days);
    return CLI_OK;
}
