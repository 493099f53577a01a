/*
 * cmd_enroll_finger.c: `cccd enroll finger APP N (FILE.png | --exception CODE) --key FILE`: one
 * fingerprint of a draft application, scored, sealed and stored (every attempt is kept), with
 * the desk's answer: accept, recapture, or an exception once the attempts are spent; or why
 * the finger cannot be taken.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli_account.h"
#include "cli/cli_enroll.h"
#include "cli/cli_queue.h"
#include "cli/commands.h"
#include "service/enroll_capture.h"

static const cli_cmd cmd = {
    "enroll finger",
    "enroll finger APP N (FILE.png --key FILE | --exception CODE) [--db URL]\n"
    "  Finger N (1 right thumb ... 5 right little, 6 left thumb ... 10 left little) of draft\n"
    "  application APP: the 8-bit grayscale 500 ppi PNG is scored 0-100 (cccd bio finger),\n"
    "  sealed with the key file and stored, and the answer is accept, recapture (below the\n"
    "  threshold, attempts remain) or exception (attempts spent). --exception missing,\n"
    "  amputated or bandaged records why the finger cannot be taken. Exceptions wait for a\n"
    "  supervisor (cccd enroll confirm).",
    2, 3};

int cmd_enroll_finger(int argc, char **argv) {
    const char *db = NULL, *key_f = NULL, *exc = NULL, *args[3];
    const cli_opt opts[] = {{"--db", &db, NULL},
                            {"--key", &key_f, NULL},
                            {"--exception", &exc, NULL},
                            {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    if ((exc != NULL) == (nargs == 3))
        return cli_usage_error(&cmd, "give the PNG file or --exception CODE");
    if (exc == NULL && key_f == NULL)
        return cli_usage_error(&cmd, "--key FILE is required: biometrics are stored sealed");
    int64_t app, day, now;
    long finger;
    if ((rc = cli_queue_clock(&day, &now)) >= 0 || (rc = cli_app_id(args[0], &app)) >= 0 ||
        (rc = cli_parse_long(args[1], "finger", 1, 10, &finger)) >= 0)
        return rc;
    cccd_err err;
    cccd_seal_key key = {{0}};
    char *png = NULL;
    size_t len = 0;
    if (exc == NULL && (cccd_seal_key_load(key_f, &key, &err) != CCCD_OK ||
                        cli_read_file(args[2], 16u << 20, &png, &len, &err) != CCCD_OK))
        return cli_fail(&err);
    cccd_store *st = cli_store_open(db, true);
    int status = CLI_FAIL;
    if (st) {
        cccd_actor by;
        char who[64];
        cli_actor_local(&by, who);
        int attempt = 0;
        cccd_finger_capture c;
        if (exc && cccd_enroll_finger_exception(st, app, (int)finger, exc, now, &by, &attempt,
                                                &err) == CCCD_OK) {
            printf("application %lld: finger %ld (%s): exception %s recorded (attempt %d); a "
                   "supervisor confirms it\n",
                   (long long)app, finger, cccd_finger_position_name((int)finger), exc, attempt);
            status = CLI_OK;
        } else if (!exc &&
                   cccd_enroll_finger(st, &key, app, (int)finger, (const unsigned char *)png, len,
                                      NULL, now, &by, &c, &err) == CCCD_OK) {
            printf("application %lld: finger %ld (%s): score %d, attempt %d: %s\n", (long long)app,
                   finger, cccd_finger_position_name((int)finger), c.quality.score, c.attempt,
                   cccd_finger_decision_name(c.decision));
            status = CLI_OK;
        } else {
            status = cli_fail(&err);
        }
        cccd_store_close(st);
    }
    cccd_seal_key_wipe(&key);
    free(png);
    return status;
}
