/*
 * test_seal.c: biometric blobs sealed at rest (service/seal.h): the round trip, the layout,
 * a fresh nonce each time, and refusals: any flipped bit anywhere, another owner's AAD, another
 * key, a cut or unknown-version blob; the key file (raw or hex, mode 0600 only, never
 * overwritten).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "service/seal.h"

static cccd_seal_key test_key(unsigned char fill) {
    cccd_seal_key k;
    for (int i = 0; i < CCCD_SEAL_KEY_LEN; i++)
        k.bytes[i] = (unsigned char)(fill + i * 7);
    return k;
}

static void test_round_trip(void **state) {
    (void)state;
    cccd_seal_key k = test_key(1);
    cccd_err err;
    static const size_t sizes[] = {0, 1, 15, 16, 17, 4096, 30001};
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        size_t n = sizes[s];
        unsigned char *plain = malloc(n + 1);
        for (size_t i = 0; i < n; i++)
            plain[i] = (unsigned char)(i * 13 + 5);
        unsigned char *sealed, *opened;
        size_t slen, olen;
        assert_int_equal(cccd_seal(&k, "A-1/finger-3", plain, n, &sealed, &slen, &err), CCCD_OK);
        assert_int_equal(slen, n + CCCD_SEAL_OVERHEAD);
        assert_int_equal(sealed[0], CCCD_SEAL_VERSION);
        if (n >= 16) /* the ciphertext is not the plaintext */
            assert_memory_not_equal(sealed + 1 + CCCD_SEAL_NONCE_LEN, plain, 16);
        assert_int_equal(cccd_unseal(&k, "A-1/finger-3", sealed, slen, &opened, &olen, &err),
                         CCCD_OK);
        assert_int_equal(olen, n);
        if (n)
            assert_memory_equal(opened, plain, n);
        assert_int_equal(opened[n], 0);
        free(opened);
        free(sealed);
        free(plain);
    }
}

static void test_fresh_nonce(void **state) {
    (void)state;
    cccd_seal_key k = test_key(2);
    cccd_err err;
    const unsigned char msg[] = "the same portrait";
    unsigned char *a, *b;
    size_t la, lb;
    assert_int_equal(cccd_seal(&k, "x", msg, sizeof msg, &a, &la, &err), CCCD_OK);
    assert_int_equal(cccd_seal(&k, "x", msg, sizeof msg, &b, &lb, &err), CCCD_OK);
    assert_int_equal(la, lb);
    assert_memory_not_equal(a + 1, b + 1, CCCD_SEAL_NONCE_LEN);
    assert_memory_not_equal(a, b, la);
    free(a);
    free(b);
}

static void test_every_bit_flip_refused(void **state) {
    (void)state;
    cccd_seal_key k = test_key(3);
    cccd_err err;
    unsigned char plain[40];
    for (size_t i = 0; i < sizeof plain; i++)
        plain[i] = (unsigned char)i;
    unsigned char *sealed, *opened;
    size_t slen, olen;
    assert_int_equal(cccd_seal(&k, "A-7/portrait", plain, sizeof plain, &sealed, &slen, &err),
                     CCCD_OK);
    for (size_t byte = 0; byte < slen; byte++)
        for (int bit = 0; bit < 8; bit++) {
            sealed[byte] ^= (unsigned char)(1u << bit);
            cccd_errc rc = cccd_unseal(&k, "A-7/portrait", sealed, slen, &opened, &olen, &err);
            /* the version byte is checked first; every other change fails the tag */
            assert_int_equal(rc, byte == 0 ? CCCD_E_SEAL_FORMAT : CCCD_E_SEAL_TAMPERED);
            assert_null(opened);
            sealed[byte] ^= (unsigned char)(1u << bit);
        }
    assert_int_equal(cccd_unseal(&k, "A-7/portrait", sealed, slen, &opened, &olen, &err), CCCD_OK);
    free(opened);
    free(sealed);
}

static void test_wrong_owner_key_length(void **state) {
    (void)state;
    cccd_seal_key k = test_key(4), other = test_key(5);
    cccd_err err;
    const unsigned char plain[] = "ten fingerprints";
    unsigned char *sealed, *opened;
    size_t slen, olen;
    assert_int_equal(cccd_seal(&k, "A-9/finger-3", plain, sizeof plain, &sealed, &slen, &err),
                     CCCD_OK);
    assert_int_equal(cccd_unseal(&k, "A-9/finger-4", sealed, slen, &opened, &olen, &err),
                     CCCD_E_SEAL_TAMPERED);
    assert_non_null(strstr(err.msg, "A-9/finger-4"));
    assert_string_equal(cccd_errc_name(err.code), "seal.tampered");
    assert_int_equal(cccd_unseal(&k, "", sealed, slen, &opened, &olen, &err), CCCD_E_SEAL_TAMPERED);
    assert_int_equal(cccd_unseal(&other, "A-9/finger-3", sealed, slen, &opened, &olen, &err),
                     CCCD_E_SEAL_TAMPERED);
    /* cut: a byte short of the tag, and shorter than any blob */
    assert_int_equal(cccd_unseal(&k, "A-9/finger-3", sealed, slen - 1, &opened, &olen, &err),
                     CCCD_E_SEAL_TAMPERED);
    assert_int_equal(
        cccd_unseal(&k, "A-9/finger-3", sealed, CCCD_SEAL_OVERHEAD - 1, &opened, &olen, &err),
        CCCD_E_SEAL_FORMAT);
    assert_int_equal(cccd_unseal(&k, "A-9/finger-3", sealed, slen, &opened, &olen, &err), CCCD_OK);
    free(opened);
    free(sealed);
}

static char *tmp_path(const char *name) {
    static char path[256];
    const char *dir = getenv("TMPDIR");
    snprintf(path, sizeof path, "%s/cccd-test-seal-%ld-%s", dir && *dir ? dir : "/tmp",
             (long)getpid(), name);
    unlink(path);
    return path;
}

static void write_file(const char *path, const void *b, size_t n, mode_t mode) {
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(b, 1, n, f), n);
    fclose(f);
    assert_int_equal(chmod(path, mode), 0);
}

static void test_key_files(void **state) {
    (void)state;
    cccd_err err;
    cccd_seal_key k, want = test_key(9);
    char *p = tmp_path("raw");
    write_file(p, want.bytes, 32, 0600);
    assert_int_equal(cccd_seal_key_load(p, &k, &err), CCCD_OK);
    assert_memory_equal(k.bytes, want.bytes, 32);

    /* readable by the group, or by others: refused with the fix */
    assert_int_equal(chmod(p, 0640), 0);
    assert_int_equal(cccd_seal_key_load(p, &k, &err), CCCD_E_SEAL_KEY);
    assert_non_null(strstr(err.msg, "chmod 600"));
    assert_int_equal(chmod(p, 0604), 0);
    assert_int_equal(cccd_seal_key_load(p, &k, &err), CCCD_E_SEAL_KEY);
    assert_int_equal(chmod(p, 0400), 0);
    assert_int_equal(cccd_seal_key_load(p, &k, &err), CCCD_OK);
    unlink(p);

    /* 64 hex digits, with or without a newline; anything else refused */
    char hex[80];
    for (int i = 0; i < 32; i++)
        snprintf(hex + 2 * i, 3, "%02X", want.bytes[i]);
    p = tmp_path("hex");
    write_file(p, hex, 64, 0600);
    memset(&k, 0, sizeof k);
    assert_int_equal(cccd_seal_key_load(p, &k, &err), CCCD_OK);
    assert_memory_equal(k.bytes, want.bytes, 32);
    hex[64] = '\n';
    write_file(p, hex, 65, 0600);
    assert_int_equal(cccd_seal_key_load(p, &k, &err), CCCD_OK);
    assert_memory_equal(k.bytes, want.bytes, 32);
    hex[10] = 'g';
    write_file(p, hex, 65, 0600);
    assert_int_equal(cccd_seal_key_load(p, &k, &err), CCCD_E_SEAL_KEY);
    write_file(p, want.bytes, 31, 0600);
    assert_int_equal(cccd_seal_key_load(p, &k, &err), CCCD_E_SEAL_KEY);
    assert_non_null(strstr(err.msg, "32 bytes or 64 hexadecimal"));
    write_file(p, hex, 66, 0600);
    assert_int_equal(cccd_seal_key_load(p, &k, &err), CCCD_E_SEAL_KEY);
    unlink(p);
    assert_int_equal(cccd_seal_key_load(p, &k, &err), CCCD_E_SEAL_KEY);
    assert_non_null(strstr(err.msg, "cannot read"));

    hex[10] = '0';
    hex[64] = '\0';
    assert_int_equal(cccd_seal_key_from_hex(hex, &k, &err), CCCD_OK);
    assert_int_equal(cccd_seal_key_from_hex("abc", &k, &err), CCCD_E_SEAL_KEY);
}

static void test_keygen_file(void **state) {
    (void)state;
    cccd_err err;
    cccd_seal_key a, b, loaded;
    assert_int_equal(cccd_seal_key_generate(&a, &err), CCCD_OK);
    assert_int_equal(cccd_seal_key_generate(&b, &err), CCCD_OK);
    assert_memory_not_equal(a.bytes, b.bytes, 32);
    char *p = tmp_path("gen");
    mode_t old = umask(0);
    cccd_errc rc = cccd_seal_key_write(p, &a, &err);
    umask(old);
    assert_int_equal(rc, CCCD_OK);
    struct stat st;
    assert_int_equal(stat(p, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    assert_int_equal(st.st_size, 32);
    assert_int_equal(cccd_seal_key_load(p, &loaded, &err), CCCD_OK);
    assert_memory_equal(loaded.bytes, a.bytes, 32);
    /* never overwritten */
    assert_int_equal(cccd_seal_key_write(p, &b, &err), CCCD_E_SEAL_KEY);
    assert_non_null(strstr(err.msg, "never overwritten"));
    assert_int_equal(cccd_seal_key_load(p, &loaded, &err), CCCD_OK);
    assert_memory_equal(loaded.bytes, a.bytes, 32);
    cccd_seal_key_wipe(&loaded);
    for (int i = 0; i < 32; i++)
        assert_int_equal(loaded.bytes[i], 0);
    unlink(p);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_fresh_nonce),
        cmocka_unit_test(test_every_bit_flip_refused),
        cmocka_unit_test(test_wrong_owner_key_length),
        cmocka_unit_test(test_key_files),
        cmocka_unit_test(test_keygen_file),
    };
    return cmocka_run_group_tests_name("seal", tests, NULL, NULL);
}
