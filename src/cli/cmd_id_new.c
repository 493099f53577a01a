/*
 * cmd_id_new.c: `cccd id new --province CODE --sex M|F --dob DATE [--taken FILE] [--count N]
 * [--seed S]`: allocates personal ID numbers that the caller does not hold yet.
 *
 * The numbers already held come from --taken (one per line); every number printed is added to
 * that set, so --count N prints N distinct numbers. Until the registry exists this is how a
 * station keeps allocation free of collisions.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "core/pid.h"

static const cli_cmd cmd = {
    "id new",
    "id new --province CODE --sex M|F --dob DATE [--taken FILE] [--count N] [--seed S]\n"
    "  Allocates new personal ID numbers for a province of birth registration (001..096), sex\n"
    "  and date of birth, never one listed in FILE (one number per line) nor one printed\n"
    "  before in the same run. --seed makes the choice repeatable (default: random).",
    0, 0};

/* The numbers held that share the six-digit prefix being allocated (province, century/sex,
 * year): one bit for each of the 10^6 possible last six digits. Numbers with another prefix can
 * never collide, so they are only validated. */
typedef struct held {
    char prefix[7];
    unsigned char bits[1000000 / 8];
} held;

static unsigned suffix_of(const char digits[13]) {
    return (unsigned)strtoul(digits + 6, NULL, 10);
}

static bool held_has(void *ctx, const char digits[13]) {
    const held *h = ctx;
    unsigned v = suffix_of(digits);
    return memcmp(digits, h->prefix, 6) == 0 && (h->bits[v / 8] >> (v % 8) & 1);
}

static void held_add(held *h, const char digits[13]) {
    if (memcmp(digits, h->prefix, 6) != 0)
        return;
    unsigned v = suffix_of(digits);
    h->bits[v / 8] |= (unsigned char)(1u << (v % 8));
}

static cccd_errc load_held(const char *path, held *h, cccd_err *err) {
    char *buf;
    size_t len;
    cccd_errc rc = cli_read_file(path, (size_t)1 << 30, &buf, &len, err);
    if (rc != CCCD_OK)
        return rc;
    size_t line = 0;
    for (char *p = buf, *end; p < buf + len; p = end + 1) {
        end = memchr(p, '\n', (size_t)(buf + len - p));
        if (end == NULL)
            end = buf + len;
        line++;
        size_t n = (size_t)(end - p);
        if (n > 0 && p[n - 1] == '\r')
            n--;
        if (n == 0)
            continue;
        cccd_pid pid;
        cccd_pid_facts lenient = {.lenient = true};
        if (cccd_pid_parse(p, n, &lenient, &pid, err) != CCCD_OK) {
            char msg[sizeof err->msg];
            snprintf(msg, sizeof msg, "%.40s line %zu: %.180s", path, line, err->msg);
            snprintf(err->msg, sizeof err->msg, "%s", msg);
            free(buf);
            return err->code;
        }
        held_add(h, pid.digits);
    }
    free(buf);
    return CCCD_OK;
}

int cmd_id_new(int argc, char **argv) {
    const char *prov = NULL, *sex_s = NULL, *dob_s = NULL, *taken = NULL, *count_s = NULL,
               *seed_s = NULL;
    const cli_opt opts[] = {{"--province", &prov, NULL}, {"--sex", &sex_s, NULL},
                            {"--dob", &dob_s, NULL},     {"--taken", &taken, NULL},
                            {"--count", &count_s, NULL}, {"--seed", &seed_s, NULL},
                            {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, NULL, &nargs);
    if (rc >= 0)
        return rc;
    if (!prov || !sex_s || !dob_s)
        return cli_usage_error(&cmd, "--province, --sex and --dob are required");
    long count = 1;
    if (count_s && (rc = cli_parse_long(count_s, "--count", 1, 100000, &count)) >= 0)
        return rc;
    uint64_t seed;
    if (seed_s) {
        char *end;
        errno = 0;
        seed = strtoull(seed_s, &end, 10);
        if (errno || *end || !*seed_s)
            return cli_failf("--seed: '%s' is not a whole number", seed_s);
    } else if (getrandom(&seed, sizeof seed, 0) != (ssize_t)sizeof seed) {
        return cli_failf("cannot draw a random seed: %s", strerror(errno));
    }
    cccd_err err;
    cccd_sex sex;
    cccd_date dob;
    if (cccd_sex_parse(sex_s, "sex", &sex, &err) != CCCD_OK ||
        cccd_date_parse(dob_s, "dob", &dob, &err) != CCCD_OK)
        return cli_fail(&err);

    held *h = calloc(1, sizeof *h);
    if (h == NULL)
        return cli_failf("out of memory");
    /* the prefix every number of this run shares; invalid input is caught by allocate below */
    int cd = cccd_pid_century_digit(dob.y, sex);
    char prefix[32];
    snprintf(prefix, sizeof prefix, "%.3s%d%02d", prov, cd < 0 ? 0 : cd, (dob.y % 100 + 100) % 100);
    memcpy(h->prefix, prefix, 6);
    if (taken && load_held(taken, h, &err) != CCCD_OK) {
        free(h);
        return cli_fail(&err);
    }
    int status = CLI_OK;
    for (long i = 0; i < count; i++) {
        char out[13];
        /* each number gets its own seed so the sequence does not depend on what is held */
        if (cccd_pid_allocate(prov, sex, dob, seed + (uint64_t)i, held_has, h, out, &err) !=
            CCCD_OK) {
            status = cli_fail(&err);
            break;
        }
        held_add(h, out);
        printf("%s\n", out);
    }
    free(h);
    return status;
}
