/*
 * cli_output.h: writing what a command made (a PDF, an image) to the file named by --out,
 * whole or not at all: the bytes go to a temporary file next to it, renamed over the target
 * only once all are written, so a failure leaves no half-written file behind.
 */
#ifndef CCCD_CLI_OUTPUT_H
#define CCCD_CLI_OUTPUT_H

#include <stddef.h>

#include "core/error.h"

/* Writes len bytes to path. CCCD_E_IO with "cannot write PATH: REASON" on failure. */
cccd_errc cli_write_file(const char *path, const char *data, size_t len, cccd_err *err);

#endif
