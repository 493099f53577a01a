/*
 * error.c: filling a cccd_err. Kept tiny and allocation-free so it works when memory is short.
 */
#include "core/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static cccd_errc err_vset(cccd_err *err, cccd_errc code, const char *field, size_t pos,
                          const char *fmt, va_list ap) {
    if (err == NULL)
        return code;
    err->code = code;
    err->pos = pos;
    snprintf(err->field, sizeof err->field, "%s", field ? field : "");
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    return code;
}

cccd_errc cccd_err_set(cccd_err *err, cccd_errc code, const char *field, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    err_vset(err, code, field, 0, fmt, ap);
    va_end(ap);
    return code;
}

cccd_errc cccd_err_set_pos(cccd_err *err, cccd_errc code, const char *field, size_t pos,
                           const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    err_vset(err, code, field, pos, fmt, ap);
    va_end(ap);
    return code;
}

void cccd_err_clear(cccd_err *err) {
    if (err == NULL)
        return;
    memset(err, 0, sizeof *err);
}
