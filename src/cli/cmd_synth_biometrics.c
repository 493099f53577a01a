/*
 * cmd_synth_biometrics.c: `cccd synth biometrics --id PERSONAL_ID --out DIR [--seed S]
 * [--worn N]`: writes a person's synthetic portrait (portrait.jpg) and ten fingerprints
 * (finger-01.png ... finger-10.png, ISO/IEC 19794-4 positions: 01 right thumb ... 10 left
 * little), N of them worn, for the demo's enrollments. Same ID and seed, same files.
 *
 * The pictures come from service/synth_portrait.h and service/synth_fingerprint.h; this file
 * names, writes and scores them.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "core/fingerprint.h"
#include "core/pid.h"
#include "service/fingerprint_png.h"
#include "service/synth_fingerprint.h"
#include "service/synth_portrait.h"

enum { FINGER_W = 400, FINGER_H = 500 };

static const cli_cmd cmd = {
    "synth biometrics",
    "synth biometrics --id PERSONAL_ID --out DIR [--seed S] [--worn N]\n"
    "  Writes a synthetic portrait (DIR/portrait.jpg, 480x640, passes `cccd bio photo`)\n"
    "  and ten synthetic 500 ppi fingerprints (DIR/finger-01.png ... finger-10.png,\n"
    "  400x500 8-bit gray) for the person, and prints each print's quality score. Fingers\n"
    "  are numbered as in ISO/IEC 19794-4: 01 right thumb, 02 right index, 03 right middle,\n"
    "  04 right ring, 05 right little, 06 left thumb ... 10 left little. The same ID and\n"
    "  seed give the same files. DIR is created when missing.\n"
    "  --id PERSONAL_ID   the person's 12-digit personal ID number\n"
    "  --out DIR          where to write the eleven files\n"
    "  --seed S           a whole number choosing the pictures (default 1)\n"
    "  --worn N           how many fingers are worn (low contrast, broken ridges), 0..10\n"
    "                     (default 2)",
    0, 0};

static int write_file(const char *path, const unsigned char *b, size_t n) {
    FILE *f = fopen(path, "wb");
    if (f == NULL)
        return cli_failf("cannot write %s: %s", path, strerror(errno));
    bool ok = fwrite(b, 1, n, f) == n;
    if (fclose(f) != 0 || !ok)
        return cli_failf("cannot write %s: %s", path, strerror(errno));
    return -1;
}

int cmd_synth_biometrics(int argc, char **argv) {
    const char *id = NULL, *out = NULL, *seed_s = NULL, *worn_s = NULL;
    const cli_opt opts[] = {{"--id", &id, NULL},
                            {"--out", &out, NULL},
                            {"--seed", &seed_s, NULL},
                            {"--worn", &worn_s, NULL},
                            {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, NULL, &nargs);
    if (rc >= 0)
        return rc;
    if (id == NULL || out == NULL)
        return cli_usage_error(&cmd, "--id and --out are required");
    cccd_err err;
    cccd_pid pid;
    if (cccd_pid_parse(id, strlen(id), NULL, &pid, &err) != CCCD_OK)
        return cli_fail(&err);
    long seed = 1, worn_n = 2;
    if (seed_s && (rc = cli_parse_long(seed_s, "--seed", 0, 2147483647L, &seed)) >= 0)
        return rc;
    if (worn_s && (rc = cli_parse_long(worn_s, "--worn", 0, 10, &worn_n)) >= 0)
        return rc;
    if (mkdir(out, 0755) != 0 && errno != EEXIST)
        return cli_failf("cannot create %s: %s", out, strerror(errno));

    size_t plen = strlen(out) + 32;
    char *path = malloc(plen);
    uint8_t *px = malloc((size_t)FINGER_W * FINGER_H);
    if (path == NULL || px == NULL) {
        free(path);
        free(px);
        return cli_failf("out of memory");
    }
    unsigned char *bytes = NULL;
    size_t n = 0;
    int status = CLI_OK;
    uint64_t s = (uint64_t)seed;
    if (cccd_synth_portrait_jpeg(cccd_synth_bio_seed(s, pid.digits, 0), &bytes, &n, &err) !=
        CCCD_OK) {
        status = cli_fail(&err);
        goto done;
    }
    snprintf(path, plen, "%s/portrait.jpg", out);
    if ((rc = write_file(path, bytes, n)) >= 0) {
        status = rc;
        goto done;
    }
    printf("portrait.jpg   %zu bytes\n", n);
    free(bytes);
    bytes = NULL;
    bool worn[11];
    cccd_synth_worn_fingers(s, pid.digits, (int)worn_n, worn);
    for (int f = 1; f <= 10; f++) {
        cccd_synth_finger p =
            cccd_synth_finger_preset(worn[f] ? CCCD_SYNTH_FINGER_WORN : CCCD_SYNTH_FINGER_CLEAR,
                                     FINGER_W, FINGER_H, cccd_synth_bio_seed(s, pid.digits, f));
        cccd_finger_quality q;
        if (cccd_synth_finger_draw(&p, px, &err) != CCCD_OK ||
            cccd_finger_score(px, FINGER_W, FINGER_H, FINGER_W, NULL, &q, &err) != CCCD_OK ||
            cccd_finger_png_encode(px, FINGER_W, FINGER_H, FINGER_W, &bytes, &n, &err) != CCCD_OK) {
            status = cli_fail(&err);
            goto done;
        }
        snprintf(path, plen, "%s/finger-%02d.png", out, f);
        if ((rc = write_file(path, bytes, n)) >= 0) {
            status = rc;
            goto done;
        }
        printf("finger-%02d.png  %-13s score %3d%s\n", f, cccd_finger_position_name(f), q.score,
               worn[f] ? "  (worn)" : "");
        free(bytes);
        bytes = NULL;
    }
done:
    free(bytes);
    free(path);
    free(px);
    return status;
}
