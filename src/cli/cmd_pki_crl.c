/*
 * cmd_pki_crl.c: `cccd pki crl`: revokes Document Signer certificates and writes the CSCA's
 * signed CRL (service/pki_files.h). Revocations are kept in the CSCA directory, so each CRL
 * lists every certificate revoked so far, under the next CRL number.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "service/pki_files.h"

static const cli_cmd cmd = {
    "pki crl",
    "pki crl --csca DIR --passphrase-file FILE --out FILE [--revoke CERT.pem]... [--days N]\n"
    "  Adds the certificates given with --revoke (any number; each must be issued by this\n"
    "  CSCA) to the CSCA's revocations, then writes a CRL of all of them, signed by the CSCA,\n"
    "  to FILE (PEM), with the next CRL number.\n"
    "  --csca DIR              the CSCA directory\n"
    "  --passphrase-file FILE  the CSCA key's passphrase\n"
    "  --out FILE              the CRL to write (replaced if it exists)\n"
    "  --revoke CERT.pem       a certificate to revoke; repeat for more\n"
    "  --days N                days until the next update (default 90)",
    0, 0};

int cmd_pki_crl(int argc, char **argv) {
    /* --revoke may repeat: collect its values, pass the rest to the common parser */
    const char **revoke = calloc((size_t)argc + 1, sizeof *revoke);
    char **rest = calloc((size_t)argc + 1, sizeof *rest);
    if (revoke == NULL || rest == NULL) {
        free(revoke);
        free(rest);
        return cli_failf("out of memory");
    }
    int nrev = 0, nrest = 0;
    for (int i = 0; i < argc; i++) {
        if (i > 0 && strcmp(argv[i], "--revoke") == 0 && i + 1 < argc)
            revoke[nrev++] = argv[++i];
        else if (i > 0 && strncmp(argv[i], "--revoke=", 9) == 0)
            revoke[nrev++] = argv[i] + 9;
        else
            rest[nrest++] = argv[i];
    }
    const char *csca = NULL, *pass_f = NULL, *out = NULL, *days_s = NULL, *dangling = NULL;
    const cli_opt opts[] = {
        {"--csca", &csca, NULL},   {"--passphrase-file", &pass_f, NULL}, {"--out", &out, NULL},
        {"--days", &days_s, NULL}, {"--revoke", &dangling, NULL}, /* a --revoke without a value */
        {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, nrest, rest, opts, NULL, &nargs);
    long days = 90;
    if (rc < 0 && (csca == NULL || pass_f == NULL || out == NULL))
        rc = cli_usage_error(&cmd, "--csca, --passphrase-file and --out are required");
    if (rc < 0 && days_s)
        rc = cli_parse_long(days_s, "--days", 1, 3650, &days);
    char *pass = NULL;
    cccd_err err;
    if (rc < 0 && cccd_pki_passphrase_read(pass_f, &pass, &err) != CCCD_OK)
        rc = cli_fail(&err);
    size_t count = 0;
    uint64_t number = 0;
    if (rc < 0 && cccd_pki_crl_issue(csca, pass, revoke, (size_t)nrev, (int)days,
                                     (int64_t)time(NULL), out, &count, &number, &err) != CCCD_OK)
        rc = cli_fail(&err);
    if (rc < 0) {
        printf("wrote CRL number %llu to %s: %zu revoked certificate%s, next update in %ld "
               "days\n",
               (unsigned long long)number, out, count, count == 1 ? "" : "s", days);
        rc = CLI_OK;
    }
    cccd_pki_passphrase_free(pass);
    free(revoke);
    free(rest);
    return rc;
}
