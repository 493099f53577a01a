/*
 * audit.c: the hash that chains audit entries (see audit.h and docs/audit.md).
 *
 * The canonical form hashed is, in this order: the line "cccd-audit-1\n", then for each of
 * seq (decimal), at, actor, role, unit, action, target, remote, detail and prev_hash: the
 * field's length in bytes (decimal), ':', its bytes, '\n'. Length prefixes make the form
 * unambiguous whatever the fields contain. Changing it would break every stored chain.
 */
#include "core/audit.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <openssl/evp.h>

static int put_field(EVP_MD_CTX *ctx, const char *v) {
    char len[24];
    if (v == NULL)
        v = "";
    size_t n = strlen(v);
    int k = snprintf(len, sizeof len, "%zu:", n);
    return EVP_DigestUpdate(ctx, len, (size_t)k) && EVP_DigestUpdate(ctx, v, n) &&
           EVP_DigestUpdate(ctx, "\n", 1);
}

cccd_errc cccd_audit_hash(cccd_audit_entry *e, cccd_err *err) {
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    if (ctx == NULL)
        return cccd_err_set(err, CCCD_E_NOMEM, "audit", "out of memory");
    char seq[24];
    snprintf(seq, sizeof seq, "%" PRId64, e->seq);
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    static const char head[] = "cccd-audit-1\n";
    int ok = EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) &&
             EVP_DigestUpdate(ctx, head, sizeof head - 1) && put_field(ctx, seq) &&
             put_field(ctx, e->at) && put_field(ctx, e->actor) && put_field(ctx, e->role) &&
             put_field(ctx, e->unit) && put_field(ctx, e->action) && put_field(ctx, e->target) &&
             put_field(ctx, e->remote) && put_field(ctx, e->detail) &&
             put_field(ctx, e->prev_hash) && EVP_DigestFinal_ex(ctx, md, &mdlen);
    EVP_MD_CTX_free(ctx);
    if (!ok || mdlen != 32)
        return cccd_err_set(err, CCCD_E_INTERNAL, "audit", "audit: SHA-256 failed (OpenSSL)");
    static const char hex[] = "0123456789abcdef";
    for (unsigned i = 0; i < 32; i++) {
        e->hash[2 * i] = hex[md[i] >> 4];
        e->hash[2 * i + 1] = hex[md[i] & 15];
    }
    e->hash[64] = '\0';
    return CCCD_OK;
}

char *cccd_audit_now(char *buf) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    gmtime_r(&ts.tv_sec, &tm);
    size_t n = strftime(buf, 32, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(buf + n, 32 - n, ".%03ldZ", ts.tv_nsec / 1000000);
    return buf;
}

const char *cccd_actor_name(const cccd_actor *by) {
    return by && by->name ? by->name : "";
}

cccd_errc cccd_actor_may(const cccd_actor *by, cccd_perm perm, const char *what, cccd_err *err) {
    cccd_role r;
    if (by == NULL || by->role == NULL || by->role[0] == '\0')
        return CCCD_OK;
    if (cccd_role_parse(by->role, &r) && cccd_role_may(r, perm))
        return CCCD_OK;
    return cccd_err_set(err, CCCD_E_FORBIDDEN, NULL, "a %s may not %s (it needs %s)", by->role,
                        what, cccd_perm_name(perm));
}
