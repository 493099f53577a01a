/*
 * cmd_enroll_photo.c: `cccd enroll photo APP FILE.jpg --key FILE`: the portrait of a draft
 * application, checked for the card, sealed with the key file and stored (audited).
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli_account.h"
#include "cli/cli_enroll.h"
#include "cli/cli_queue.h"
#include "cli/commands.h"
#include "service/enroll_capture.h"

static const cli_cmd cmd = {
    "enroll photo",
    "enroll photo APP FILE.jpg --key FILE [--db URL]\n"
    "  Checks the JPEG for the card's portrait (size, aspect, exposure, contrast: cccd bio\n"
    "  photo), seals it with the key file (cccd keygen) and stores it with draft application\n"
    "  APP. A refused photo is one line saying what to retake; nothing is stored.",
    2, 2};

int cmd_enroll_photo(int argc, char **argv) {
    const char *db = NULL, *key_f = NULL, *args[2];
    const cli_opt opts[] = {{"--db", &db, NULL}, {"--key", &key_f, NULL}, {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    if (key_f == NULL)
        return cli_usage_error(&cmd, "--key FILE is required: biometrics are stored sealed");
    int64_t app, day, now;
    if ((rc = cli_queue_clock(&day, &now)) >= 0 || (rc = cli_app_id(args[0], &app)) >= 0)
        return rc;
    cccd_err err;
    cccd_seal_key key;
    char *jpeg = NULL;
    size_t len = 0;
    if (cccd_seal_key_load(key_f, &key, &err) != CCCD_OK ||
        cli_read_file(args[1], 16u << 20, &jpeg, &len, &err) != CCCD_OK)
        return cli_fail(&err);
    cccd_store *st = cli_store_open(db, true);
    int status = CLI_FAIL;
    if (st) {
        cccd_actor by;
        char who[64];
        cli_actor_local(&by, who);
        cccd_photo_result r;
        int attempt = 0;
        if (cccd_enroll_portrait(st, &key, app, (const unsigned char *)jpeg, len, now, &by, &r,
                                 &attempt, &err) != CCCD_OK) {
            status = cli_fail(&err);
        } else {
            printf("application %lld: portrait %dx%d accepted (attempt %d), stored sealed\n",
                   (long long)app, r.width, r.height, attempt);
            status = CLI_OK;
        }
        cccd_store_close(st);
    }
    cccd_seal_key_wipe(&key);
    free(jpeg);
    return status;
}
