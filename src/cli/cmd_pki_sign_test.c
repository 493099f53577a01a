/*
 * cmd_pki_sign_test.c: `cccd pki sign-test`: has a running `cccd signer` sign the SHA-256 of
 * the given files as data groups and writes the EF.SOD. For trying a signer out and for the
 * command-line tests (tests/cli/pki.t verify its output with openssl); production signs
 * through service/signer_client.h.
 */
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "service/signer_client.h"

static const cli_cmd cmd = {
    "pki sign-test",
    "pki sign-test --socket PATH --out FILE DG=FILE...\n"
    "  Sends the SHA-256 of each FILE as data group DG (1 to 16) to the signer at PATH and\n"
    "  writes the EF.SOD it answers to FILE. Only hashes leave this process.\n"
    "  --socket PATH  the signer's Unix socket\n"
    "  --out FILE     the EF.SOD to write",
    1, CCCD_SOD_MAX_DG + 1};

int cmd_pki_sign_test(int argc, char **argv) {
    const char *sock = NULL, *out = NULL, *args[CCCD_SOD_MAX_DG + 1];
    const cli_opt opts[] = {{"--socket", &sock, NULL}, {"--out", &out, NULL}, {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    if (sock == NULL || out == NULL)
        return cli_usage_error(&cmd, "--socket and --out are required");
    cccd_dg_hash dgs[CCCD_SOD_MAX_DG + 1];
    cccd_err err;
    for (int i = 0; i < nargs; i++) {
        char *end;
        long dg = strtol(args[i], &end, 10);
        if (end == args[i] || *end != '=' || end[1] == '\0')
            return cli_usage_error(&cmd, "'%s' is not DG=FILE", args[i]);
        char *data;
        size_t len;
        if (cli_read_file(end + 1, 64u << 20, &data, &len, &err) != CCCD_OK)
            return cli_fail(&err);
        dgs[i].dg = dg < 0 || dg > 99 ? -1 : (int)dg;
        int ok = EVP_Digest(data, len, dgs[i].sha256, NULL, EVP_sha256(), NULL);
        free(data);
        if (ok != 1)
            return cli_failf("OpenSSL could not hash %s", end + 1);
    }
    cccd_signer_client *c = NULL;
    unsigned char *sod = NULL;
    size_t sod_len = 0;
    if (cccd_signer_client_new(sock, &c, &err) != CCCD_OK ||
        cccd_signer_sign(c, dgs, (size_t)nargs, &sod, &sod_len, &err) != CCCD_OK) {
        cccd_signer_client_free(c);
        return cli_fail(&err);
    }
    cccd_signer_client_free(c);
    FILE *f = fopen(out, "wb");
    bool ok = f && fwrite(sod, 1, sod_len, f) == sod_len;
    ok = f && fclose(f) == 0 && ok;
    free(sod);
    if (!ok)
        return cli_failf("cannot write %s", out);
    printf("wrote a %zu-byte EF.SOD over %d data group%s to %s\n", sod_len, nargs,
           nargs == 1 ? "" : "s", out);
    return CLI_OK;
}
