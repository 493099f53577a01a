/*
 * cli_production.c: helpers of the card centre's commands (see cli_production.h).
 */
#include "cli/cli_production.h"

#include "service/card_face.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

int cli_batch_id(const char *s, const char *what, int64_t *id) {
    long v;
    int rc = cli_parse_long(s, what, 1, 2000000000L, &v);
    if (rc >= 0)
        return rc;
    *id = v;
    return -1;
}

/* Vietnam's local time of t as "YYYY-MM-DD HH:MM" into buf. */
static const char *when(int64_t t, char buf[32]) {
    time_t vn = (time_t)(t + CCCD_VN_UTC_OFFSET);
    struct tm tm;
    gmtime_r(&vn, &tm);
    strftime(buf, 32, "%Y-%m-%d %H:%M", &tm);
    return buf;
}

void cli_batch_print(const cccd_batch *b) {
    char t[32];
    printf("batch %lld of %s: %lld cards, %lld produced, %s (made %s by %s)\n", (long long)b->id,
           b->unit_code, (long long)b->cards, (long long)b->produced,
           b->dispatched ? "dispatched" : "open", when(b->created_at, t), b->created_by);
}

void cli_manifest_print(const cccd_manifest *m) {
    char t[32], r[32];
    printf("manifest %lld of batch %lld to %s: %lld cards, sent %s", (long long)m->id,
           (long long)m->batch_id, m->unit_key, (long long)m->cards, when(m->created_at, t));
    if (m->received_at)
        printf(", received %s by %s", when(m->received_at, r), m->received_by);
    printf("\n");
}

int cli_card_tools_open(cli_card_tools *t, const char *db, const char *sock, const char *key_file) {
    memset(t, 0, sizeof *t);
    cccd_err err;
    if (cccd_seal_key_load(key_file, &t->key, &err) != CCCD_OK)
        return cli_fail(&err);
    if ((t->st = cli_store_open(db, true)) == NULL) {
        cccd_seal_key_wipe(&t->key);
        return CLI_FAIL;
    }
    if (cccd_store_units_load(t->st, &t->units, &err) != CCCD_OK ||
        cccd_signer_client_new(sock, &t->signer, &err) != CCCD_OK) {
        cli_card_tools_close(t);
        return cli_fail(&err);
    }
    t->maker = (cccd_card_maker){t->units, &t->key, t->signer};
    return -1;
}

void cli_card_tools_close(cli_card_tools *t) {
    cccd_card_face_release_caches(); /* fontconfig's, filled by the faces drawn */
    cccd_signer_client_free(t->signer);
    cccd_units_free(t->units);
    cccd_store_close(t->st);
    cccd_seal_key_wipe(&t->key);
    memset(t, 0, sizeof *t);
}
