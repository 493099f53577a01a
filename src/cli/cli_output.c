/*
 * cli_output.c: a command's output file written whole or not at all (see cli_output.h).
 */
#include "cli/cli_output.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

cccd_errc cli_write_file(const char *path, const char *data, size_t len, cccd_err *err) {
    size_t n = strlen(path) + 32;
    char *tmp = malloc(n);
    if (tmp == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, "out", "out of memory");
    snprintf(tmp, n, "%s.tmp-%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "wb");
    int e = 0;
    if (f == NULL)
        e = errno;
    else {
        if (fwrite(data, 1, len, f) != len)
            e = errno ? errno : EIO;
        if (fclose(f) != 0 && e == 0)
            e = errno;
        if (e == 0 && rename(tmp, path) != 0)
            e = errno;
        if (e != 0)
            unlink(tmp);
    }
    free(tmp);
    if (e != 0)
        return cccd_err_set(err, CCCD_E_IO, "out", "cannot write %s: %s", path, strerror(e));
    return CCCD_OK;
}
