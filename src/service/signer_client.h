/*
 * signer_client.h: asking the document signer (service/signer.h, `cccd signer`) for an EF.SOD.
 * What the server, `cccd card personalize` and production batches call: they hold no key and
 * send only data group numbers and hashes.
 *
 * The connection is opened on first use and kept for the next requests. If the signer is down
 * or goes away mid-request, the call fails with CCCD_E_SIGNER_UNAVAILABLE (kind UNAVAILABLE:
 * try later) and the next call connects again. A request that fails on a kept connection
 * (the signer restarted since) is sent once more on a fresh one: signing is idempotent.
 * One client is used by one thread at a time; use one client per thread.
 */
#ifndef CCCD_SERVICE_SIGNER_CLIENT_H
#define CCCD_SERVICE_SIGNER_CLIENT_H

#include <stddef.h>

#include "chip/sod.h"
#include "core/error.h"

typedef struct cccd_signer_client cccd_signer_client;

/* A client of the signer at socket_path (copied). Does not connect yet. *out owned by the
 * caller (cccd_signer_client_free). Errors: CCCD_E_ARG (path empty or too long), CCCD_E_NOMEM. */
cccd_errc cccd_signer_client_new(const char *socket_path, cccd_signer_client **out, cccd_err *err);

/* Has the signer sign the hashes: *sod (malloc'd, owned by the caller) receives the complete
 * EF.SOD of *sod_len bytes. The hashes are checked here first (1..16 entries, dg 1..16, no
 * repeats). Errors: CCCD_E_SOD_DG, CCCD_E_SIGNER_UNAVAILABLE (not answering, went away, no
 * answer within 30 s), CCCD_E_SIGNER_REFUSED (the signer refused the request; its message),
 * CCCD_E_SIGNER_FAILED (the signer could not sign, or answered garbage), CCCD_E_NOMEM. */
cccd_errc cccd_signer_sign(cccd_signer_client *c, const cccd_dg_hash *dgs, size_t n,
                           unsigned char **sod, size_t *sod_len, cccd_err *err);

/* Sends raw bytes as one request frame and reads the answer: for tests of the signer's
 * validation. *status receives the answer's status byte, *body (malloc'd) its body.
 * Errors: as cccd_signer_sign, without the status mapping. */
cccd_errc cccd_signer_client_raw(cccd_signer_client *c, const unsigned char *req, size_t len,
                                 int *status, unsigned char **body, size_t *body_len,
                                 cccd_err *err);

/* Closes the connection and frees the client (NULL is fine). */
void cccd_signer_client_free(cccd_signer_client *c);

#endif
