/*
 * cli_production.h: what the card centre's commands share (see cli_production.c): a batch or
 * manifest id argument, and how a batch and a manifest are printed.
 */
#ifndef CCCD_CLI_PRODUCTION_H
#define CCCD_CLI_PRODUCTION_H

#include <stdint.h>

#include "cli/cli.h"
#include "service/card_personalize.h"
#include "store/store_batches.h"

/* A batch or manifest id (what names it in messages): returns -1 with *id set, or 1 after
 * printing why. */
int cli_batch_id(const char *s, const char *what, int64_t *id);

/* "batch 3 of 001: 8 cards, 5 produced, open" */
void cli_batch_print(const cccd_batch *b);
/* "manifest 4 of batch 3 to 00001@: 5 cards, sent 2025-03-11 09:00, received ..." */
void cli_manifest_print(const cccd_manifest *m);

/* What the commands that make cards open: the database, its units, the biometric key and a
 * client of the document signer (not yet connected). */
typedef struct cli_card_tools {
    cccd_store *st;
    cccd_units *units;
    cccd_seal_key key;
    cccd_signer_client *signer;
    cccd_card_maker maker; /* pointing into the above */
} cli_card_tools;

/* Opens them (db: --db; sock: the signer's socket; key_file: the biometric key). Returns -1,
 * or the exit code after printing why (nothing left open). */
int cli_card_tools_open(cli_card_tools *t, const char *db, const char *sock, const char *key_file);
void cli_card_tools_close(cli_card_tools *t);

#endif
