/*
 * cmd_bio_finger.c: `cccd bio finger FILE.png [--json]`: a fingerprint's quality score as the
 * desk computes it (core/fingerprint.h, service/fingerprint_png.h), with the feature means
 * behind it and what the desk would do with it.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "core/fingerprint.h"
#include "service/fingerprint_png.h"

static const cli_cmd cmd = {
    "bio finger",
    "bio finger FILE.png [--json]\n"
    "  Reads an 8-bit grayscale 500 ppi PNG fingerprint and prints its quality score (0-100)\n"
    "  with the means of its features over the print's blocks: orientation certainty (OCL)\n"
    "  and local clarity (LCS), NFIQ 2's definitions (docs/biometrics.md); then \"accept\"\n"
    "  (score at least 40) or \"recapture\". Exits 1 when the file cannot be read or is not\n"
    "  8-bit grayscale at 500 ppi.\n"
    "  --json   print the same as JSON",
    1, 1};

int cmd_bio_finger(int argc, char **argv) {
    const char *args[1];
    bool json = false;
    const cli_opt opts[] = {{"--json", NULL, &json}, {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    char *data;
    size_t len;
    cccd_err err;
    if (cli_read_file(args[0], (size_t)32 << 20, &data, &len, &err) != CCCD_OK)
        return cli_fail(&err);
    cccd_finger_rules rules = cccd_finger_rules_default();
    cccd_finger_quality q;
    cccd_errc erc = cccd_finger_png_score((const unsigned char *)data, len, &rules, &q, &err);
    free(data);
    if (erc != CCCD_OK)
        return cli_fail(&err);
    const char *decision = cccd_finger_decision_name(cccd_finger_decide(&rules, q.score, 1));
    if (json) {
        cli_print_json(json_pack("{s:i,s:f,s:f,s:f,s:f,s:i,s:i,s:s}", "score", q.score, "ocl",
                                 q.ocl_mean, "lcs", q.lcs_mean, "block_quality", q.block_quality,
                                 "area_factor", q.area_factor, "blocks", q.blocks,
                                 "foreground_blocks", q.foreground_blocks, "decision", decision));
        return CLI_OK;
    }
    printf("score:       %d\n", q.score);
    printf("OCL mean:    %.3f (orientation certainty)\n", q.ocl_mean);
    printf("LCS mean:    %.3f (local clarity)\n", q.lcs_mean);
    printf("foreground:  %d of %d blocks (area factor %.2f)\n", q.foreground_blocks, q.blocks,
           q.area_factor);
    printf("%s (recapture below %d)\n", decision, rules.recapture_below);
    return CLI_OK;
}
