/*
 * signer.h: the document signer: the one process that holds a Document Signer's private key
 * and turns data group hashes into signed EF.SODs for the others, over a Unix socket.
 *
 * Why a separate process: the server and the production batches never load the key, and they
 * send the signer only data group numbers and SHA-256 hashes, never personal data; the signer
 * builds the LDSSecurityObject and the CMS itself (chip/sod.h). `cccd signer` runs it;
 * service/signer_client.h talks to it.
 *
 * Protocol (docs/pki.md, "The signer protocol"): every message is a frame, a 4-byte big-endian
 * length then that many bytes.
 *   request  (at most CCCD_SIGNER_MAX_REQUEST bytes):
 *            version (1) | count n (1..16) | n x { dg (1..16) | hash length (32) | hash }
 *   answer:  status | body
 *            status 0: body = the complete EF.SOD (0x77 ...)
 *            status 1: body = why the request was refused (UTF-8, one line); the request was
 *                      malformed: do not retry it as is
 *            status 2: body = why signing failed (UTF-8, one line): the signer's fault
 * A connection carries any number of requests, one at a time. A frame longer than the limit
 * is answered with status 1 and the connection closed (the rest of it is not read).
 */
#ifndef CCCD_SERVICE_SIGNER_H
#define CCCD_SERVICE_SIGNER_H

#include <stdint.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "core/error.h"

#define CCCD_SIGNER_PROTOCOL 1
#define CCCD_SIGNER_MAX_REQUEST 1024     /* bytes of a request frame's body */
#define CCCD_SIGNER_MAX_ANSWER (1 << 20) /* bytes of an answer frame's body */
#define CCCD_SIGNER_IDLE_S 60            /* default: seconds a connection may send nothing */
enum { CCCD_SIGNER_OK = 0, CCCD_SIGNER_REFUSED = 1, CCCD_SIGNER_FAILED = 2 };

typedef struct cccd_signer cccd_signer;

/* Checks the Document Signer certificate and key (borrowed: the signer takes its own
 * references) and binds the socket: created with mode 0600 before it listens; an existing
 * socket that answers is refused, a stale one (nothing listening) removed. At most max_conns
 * connections are served at once (a thread each; more wait to be accepted).
 * Errors: CCCD_E_PKI_CERT (the key is not the certificate's; the certificate has no keyUsage
 * digitalSignature), CCCD_E_PKI_EXISTS (a signer answers at socket_path, or it is not a socket),
 * CCCD_E_ARG (path too long), CCCD_E_IO. */
cccd_errc cccd_signer_new(X509 *cert, EVP_PKEY *key, const char *socket_path, int max_conns,
                          cccd_signer **out, cccd_err *err);

/* Sets how long a connection may send nothing, between requests or within one, before the
 * signer closes it (default CCCD_SIGNER_IDLE_S; 1 to 86400 s), so that clients that connect
 * and go quiet cannot hold every slot while the others wait. A client whose kept connection
 * was closed so connects again (cccd_signer_client does). Before cccd_signer_run. */
void cccd_signer_set_idle(cccd_signer *s, int seconds);

/* Serves until cccd_signer_stop: accepts connections and answers their requests. Then stops
 * accepting, lets the requests in progress finish, closes every connection and removes the
 * socket. Errors: CCCD_E_IO (the listening socket failed). */
cccd_errc cccd_signer_run(cccd_signer *s, cccd_err *err);

/* Asks cccd_signer_run to return. Safe from any thread, and from a signal handler. */
void cccd_signer_stop(cccd_signer *s);

/* Answers served so far (signed or refused). */
uint64_t cccd_signer_answers(cccd_signer *s);

/* Frees the signer (after cccd_signer_run has returned, or instead of running it); removes
 * the socket if run has not. */
void cccd_signer_free(cccd_signer *s);

#endif
