/*
 * cmd_keygen.c: `cccd keygen --out FILE`: makes the key that seals biometric data at rest
 * (AES-256-GCM, service/seal.h): 32 random bytes from OpenSSL's RAND_bytes in a new file of
 * mode 0600. An existing file is never overwritten: what it sealed would become unreadable.
 */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "service/seal.h"

static const cli_cmd cmd = {
    "keygen",
    "keygen --out FILE\n"
    "  Writes a new key for sealing biometric data at rest (AES-256-GCM): 32 random bytes\n"
    "  in FILE, created with mode 0600. An existing FILE is refused, never overwritten. Keep\n"
    "  the key outside the database and its backups (docs/biometrics.md).\n"
    "  --out FILE   the key file to create",
    0, 0};

int cmd_keygen(int argc, char **argv) {
    const char *out = NULL;
    const cli_opt opts[] = {{"--out", &out, NULL}, {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, NULL, &nargs);
    if (rc >= 0)
        return rc;
    if (out == NULL)
        return cli_usage_error(&cmd, "--out is required");
    cccd_seal_key key;
    cccd_err err;
    if (cccd_seal_key_generate(&key, &err) != CCCD_OK ||
        cccd_seal_key_write(out, &key, &err) != CCCD_OK) {
        cccd_seal_key_wipe(&key);
        return cli_fail(&err);
    }
    cccd_seal_key_wipe(&key);
    printf("wrote a new sealing key to %s (mode 0600)\n", out);
    return CLI_OK;
}
