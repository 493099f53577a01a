/*
 * cmd_batch_run.c: `cccd batch run BATCH --out DIR`: the card centre makes the cards of a
 * production batch: each card's files, then the card recorded produced, one at a time, so a
 * run stopped midway (killed, the signer down) resumes where it stopped, making no card twice
 * and skipping none.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli_account.h"
#include "cli/cli_production.h"
#include "cli/cli_queue.h"
#include "cli/commands.h"
#include "service/production.h"

static const cli_cmd cmd = {
    "batch run",
    "batch run BATCH --out DIR --signer SOCKET --key FILE [--wait SECONDS] [--db URL]\n"
    "  Makes every card of production batch BATCH not yet produced: its files (as `cccd card\n"
    "  personalize` writes them) into DIR/CARD-NUMBER/, then the card recorded produced and\n"
    "  its application moved to produced. Run again after an interruption: the cards recorded\n"
    "  are skipped, the others made. The EF.SOD is signed by the `cccd signer` on SOCKET; when\n"
    "  it does not answer, the run says so and waits for it (--wait, default 60 s) before it\n"
    "  stops, nothing of the card made. The\n"
    "  portraits are unsealed with the key file of --key. Shows a progress bar on a terminal.\n"
    "  Audited by cli:$USER from local. For the tests of resumption,\n"
    "  CCCD_TEST_KILL_BEFORE_RECORD=N kills the process (SIGKILL) once the files of the Nth\n"
    "  card of this run are written and before it is recorded: the worst moment to stop.",
    1, 1};

/* The cards still to make, a page at a time. */
typedef struct card_page {
    int64_t ids[256];
    int n;
} card_page;

static bool take(void *ctx, const cccd_batch_card *c) {
    card_page *t = ctx;
    t->ids[t->n++] = c->application_id;
    return t->n < 256;
}

int cmd_batch_run(int argc, char **argv) {
    const char *db = NULL, *out = NULL, *sock = NULL, *key_f = NULL, *wait_s = NULL, *args[1];
    const cli_opt opts[] = {{"--db", &db, NULL},       {"--out", &out, NULL},
                            {"--signer", &sock, NULL}, {"--key", &key_f, NULL},
                            {"--wait", &wait_s, NULL}, {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    if (!out || !sock || !key_f)
        return cli_usage_error(&cmd, "--out, --signer and --key are required");
    int64_t id, day, now;
    if ((rc = cli_batch_id(args[0], "batch", &id)) >= 0 || (rc = cli_queue_clock(&day, &now)) >= 0)
        return rc;
    long wait = 60;
    if (wait_s && (rc = cli_parse_long(wait_s, "--wait", 0, 86400, &wait)) >= 0)
        return rc;
    const char *kill_s = getenv("CCCD_TEST_KILL_BEFORE_RECORD");
    long kill_at = 0;
    if (kill_s && *kill_s &&
        (rc = cli_parse_long(kill_s, "CCCD_TEST_KILL_BEFORE_RECORD", 1, 1000000, &kill_at)) >= 0)
        return rc;
    if (mkdir(out, 0755) != 0 && errno != EEXIST)
        return cli_failf("cannot create %s: %s", out, strerror(errno));
    cli_card_tools t;
    if ((rc = cli_card_tools_open(&t, db, sock, key_f)) >= 0)
        return rc;
    char name[64];
    cccd_actor by;
    cli_actor_local(&by, name);
    cccd_batch b;
    bool found = false;
    cccd_err err;
    int64_t made = 0;
    if (cccd_store_batch_get(t.st, id, &b, &found, &err) != CCCD_OK) {
        rc = cli_fail(&err);
    } else if (!found) {
        rc = cli_failf("no production batch %lld", (long long)id);
    } else {
        int64_t before = b.produced;
        cli_progress bar;
        cli_progress_start(&bar, (uint64_t)(b.cards - before));
        rc = CLI_OK;
        int64_t after = 0;
        for (;;) {
            card_page page = {.n = 0};
            if (cccd_store_batch_cards(t.st, id, true, after, 256, take, &page, &err) != CCCD_OK) {
                rc = CLI_FAIL;
                break;
            }
            if (page.n == 0)
                break;
            for (int i = 0; rc == CLI_OK && i < page.n; i++) {
                char dir[4096];
                cccd_card_made card;
                bool changed = false;
                cccd_batch_card c;
                if (cccd_store_batch_card_get(t.st, page.ids[i], &c, &found, &err) != CCCD_OK) {
                    rc = CLI_FAIL;
                    break;
                }
                snprintf(dir, sizeof dir, "%s/%s", out, c.card_number);
                cccd_errc made_rc;
                double waited_since = 0;
                while ((made_rc = cccd_card_personalize(t.st, &t.maker, page.ids[i], now, dir,
                                                        &card, &err)) ==
                           CCCD_E_SIGNER_UNAVAILABLE &&
                       (waited_since == 0 || cli_now() - waited_since < (double)wait) && wait > 0) {
                    if (waited_since == 0) {
                        waited_since = cli_now();
                        fprintf(stderr, "cccd: %s; waiting up to %ld s for it\n", err.msg, wait);
                    }
                    sleep(1);
                }
                if (made_rc != CCCD_OK) {
                    rc = CLI_FAIL;
                    break;
                }
                if (waited_since != 0)
                    fprintf(stderr, "cccd: the signer answers again: going on\n");
                if (kill_at > 0 && made + 1 == kill_at)
                    raise(SIGKILL);
                if (cccd_batch_card_done(t.st, page.ids[i], card.issued, card.expiry,
                                         card.sod_sha256, now, &by, &changed, &err) != CCCD_OK) {
                    rc = CLI_FAIL;
                    break;
                }
                made += changed;
                cli_progress_update(&bar, (uint64_t)made, (uint64_t)made);
            }
            if (rc != CLI_OK)
                break;
            after = page.ids[page.n - 1];
        }
        cli_progress_end(&bar);
        if (rc == CLI_OK &&
            (rc = cccd_store_batch_get(t.st, id, &b, &found, &err) == CCCD_OK ? CLI_OK
                                                                              : CLI_FAIL) == CLI_OK)
            printf("batch %lld: %lld cards made now, %lld before; %lld of %lld produced, in %s\n",
                   (long long)id, (long long)made, (long long)before, (long long)b.produced,
                   (long long)b.cards, out);
        if (rc != CLI_OK) {
            fprintf(stderr,
                    "cccd: batch %lld stopped after %lld cards made now (run it again to "
                    "go on): %s\n",
                    (long long)id, (long long)made, err.msg);
        }
    }
    cli_card_tools_close(&t);
    return rc;
}
