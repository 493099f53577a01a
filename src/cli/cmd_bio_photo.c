/*
 * cmd_bio_photo.c: `cccd bio photo FILE.jpg [--json]`: checks a face photo for the card's
 * portrait as the desk does (service/photo.h) and prints what it measured: for scripts and for
 * an officer who wants to know why a photo is refused.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "service/photo.h"

static const cli_cmd cmd = {
    "bio photo",
    "bio photo FILE.jpg [--json]\n"
    "  Checks a JPEG face photo for the card's portrait: at least 240x320 and at most\n"
    "  2400x3200 pixels, width/height 0.70 to 0.80 (3:4), not blank, mean luminance 70 to\n"
    "  200, at most 5% of the pixels pure black and 5% pure white, 5th-95th percentile\n"
    "  spread at least 50 (docs/biometrics.md). Prints the measurements and \"accepted\";\n"
    "  a refused photo exits 1 with the reason and what to do on one line on stderr.\n"
    "  --json   print the measurements and the verdict as JSON",
    1, 1};

int cmd_bio_photo(int argc, char **argv) {
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
    cccd_photo_result r;
    cccd_errc erc = cccd_photo_check((const unsigned char *)data, len, NULL, &r, &err);
    free(data);
    if (erc != CCCD_OK && erc != CCCD_E_PHOTO_REFUSED)
        return cli_fail(&err);
    if (json) {
        json_t *o =
            json_pack("{s:i,s:i,s:f,s:f,s:f,s:f,s:f,s:i,s:i,s:s}", "width", r.width, "height",
                      r.height, "aspect", r.aspect, "mean", r.mean, "stddev", r.stddev,
                      "dark_clipped", r.dark_clipped, "bright_clipped", r.bright_clipped, "p5",
                      r.p5, "p95", r.p95, "verdict", cccd_photo_verdict_name(r.verdict));
        if (erc != CCCD_OK)
            json_object_set_new(o, "message", json_string(err.msg));
        cli_print_json(o);
    } else {
        printf("size:       %dx%d pixels (width/height %.2f)\n", r.width, r.height, r.aspect);
        bool decoded = r.verdict != CCCD_PHOTO_TOO_SMALL && r.verdict != CCCD_PHOTO_TOO_LARGE &&
                       r.verdict != CCCD_PHOTO_ASPECT; /* refused on the header alone */
        if (decoded) {
            printf("luminance:  mean %.1f, standard deviation %.1f\n", r.mean, r.stddev);
            printf("contrast:   5th percentile %d, 95th %d (spread %d)\n", r.p5, r.p95,
                   r.p95 - r.p5);
            printf("clipped:    %.1f%% black, %.1f%% white\n", 100 * r.dark_clipped,
                   100 * r.bright_clipped);
        }
        printf("%s\n", cccd_photo_verdict_name(r.verdict));
    }
    return erc == CCCD_OK ? CLI_OK : cli_fail(&err);
}
