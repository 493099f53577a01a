/*
 * cmd_synth.c: `cccd synth --province CODE --population N --seed S --out FILE.csv`: writes a
 * deterministic synthetic population of one province as registry CSV (docs/registry-csv.md),
 * for demos, tests and benchmarks.
 *
 * Why a top-level command: it is a tool around the system, not an operation on its data. This
 * file only reads the unit list, opens the files and draws the progress bar; the population
 * itself comes from service/synth.h, which knows nothing of files or terminals.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/cli_units.h"
#include "cli/commands.h"
#include "core/units.h"
#include "service/synth.h"

static const cli_cmd cmd = {
    "synth",
    "synth --province CODE --population N --out FILE [--seed S] [--at DATE] [--dirty PERCENT]\n"
    "            [--faults FILE] [--units FILE] [--reform FILE] [--effective DATE]\n"
    "            [--since DATE] [--db URL]\n"
    "  Writes N synthetic residents of a province as registry CSV (docs/registry-csv.md):\n"
    "  households over the province's communes in force at DATE, valid unique personal ID\n"
    "  numbers, cards, temporary residence, and a share of deliberately dirty rows. The same\n"
    "  arguments and seed give the same bytes. A progress bar is drawn when stderr is a\n"
    "  terminal.\n"
    "  --province CODE    2-digit code of a province in force at DATE (e.g. 34, 01, 79)\n"
    "  --population N     number of data rows, 1..100000000\n"
    "  --out FILE         the CSV file to write ('-': standard output)\n"
    "  --seed S           a whole number choosing the population (default 1)\n"
    "  --at DATE          the day the population is as of (default today, or $CCCD_TODAY)\n"
    "  --dirty PERCENT    share of deliberately faulty rows, 0..100 (default 1)\n"
    "  --faults FILE      also write row_number,field,fault for every injected fault\n"
    "  --units FILE       the unit list (statistics office JSON; default $CCCD_UNITS;\n"
    "                     without one, the units stored in --db / $CCCD_DB)\n"
    "  --reform FILE      a reorganisation (splits JSON; default $CCCD_REFORM)\n"
    "  --effective DATE   the day the reorganisation takes effect (default 2025-07-01)\n"
    "  --since DATE       the day the list took effect (default: in force since always)",
    0, 0};

/* The progress bar on a terminal: "[#####     ]  50%  500000/1000000 rows". */
static void draw_progress(void *ctx, uint64_t done, uint64_t total) {
    (void)ctx;
    enum { WIDTH = 40 };
    int filled = (int)(done * WIDTH / total);
    char bar[WIDTH + 1];
    for (int i = 0; i < WIDTH; i++)
        bar[i] = i < filled ? '#' : ' ';
    bar[WIDTH] = '\0';
    fprintf(stderr, "\r[%s] %3d%%  %llu/%llu rows", bar, (int)(done * 100 / total),
            (unsigned long long)done, (unsigned long long)total);
    if (done == total)
        fputc('\n', stderr);
    fflush(stderr);
}

static int parse_u64(const char *s, const char *opt, uint64_t *out) {
    char *end;
    errno = 0;
    if (s[0] == '-' || s[0] == '\0')
        return cli_failf("%s: '%s' is not a positive whole number", opt, s);
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end)
        return cli_failf("%s: '%s' is not a positive whole number", opt, s);
    *out = v;
    return -1;
}

int cmd_synth(int argc, char **argv) {
    const char *prov = NULL, *pop_s = NULL, *seed_s = NULL, *out_s = NULL, *at_s = NULL,
               *dirty_s = NULL, *faults_s = NULL, *units = NULL, *reform = NULL, *effective = NULL,
               *since = NULL, *db = NULL;
    const cli_opt opts[] = {{"--db", &db, NULL},
                            {"--province", &prov, NULL},
                            {"--population", &pop_s, NULL},
                            {"--seed", &seed_s, NULL},
                            {"--out", &out_s, NULL},
                            {"--at", &at_s, NULL},
                            {"--dirty", &dirty_s, NULL},
                            {"--faults", &faults_s, NULL},
                            {"--units", &units, NULL},
                            {"--reform", &reform, NULL},
                            {"--effective", &effective, NULL},
                            {"--since", &since, NULL},
                            {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, NULL, &nargs);
    if (rc >= 0)
        return rc;
    if (!prov || !pop_s || !out_s)
        return cli_usage_error(&cmd, "--province, --population and --out are required");

    cccd_synth_config cfg = {0};
    cfg.province = prov;
    cfg.seed = 1;
    cfg.dirty_percent = 1.0;
    if (pop_s[0] == '-' || strcmp(pop_s, "0") == 0)
        return cli_failf("--population: must be at least 1 (got '%s')", pop_s);
    if ((rc = parse_u64(pop_s, "--population", &cfg.population)) >= 0)
        return rc;
    if (cfg.population == 0 || cfg.population > CCCD_SYNTH_MAX_POPULATION)
        return cli_failf("--population: must be from 1 to %llu",
                         (unsigned long long)CCCD_SYNTH_MAX_POPULATION);
    if (seed_s && (rc = parse_u64(seed_s, "--seed", &cfg.seed)) >= 0)
        return rc;
    if (dirty_s) {
        char *end;
        errno = 0;
        cfg.dirty_percent = strtod(dirty_s, &end);
        if (errno || *end || end == dirty_s || !(cfg.dirty_percent >= 0.0) ||
            cfg.dirty_percent > 100.0)
            return cli_failf("--dirty: '%s' is not a percentage from 0 to 100", dirty_s);
    }
    cccd_err err;
    if (at_s ? cccd_date_parse_full(at_s, "--at", &cfg.at, &err) : cli_today(&cfg.at, &err))
        return cli_fail(&err);

    cccd_units *u = NULL;
    if ((rc = cli_units_load(units, reform, effective, since, db, &u)) >= 0)
        return rc;
    cfg.units = u;
    /* a bad province is reported before any file is created */
    if (cccd_units_lookup(u, prov, CCCD_UNIT_PROVINCE, cfg.at, &err) == NULL) {
        char d[11];
        cccd_units_free(u);
        return cli_failf("--province: no province with code '%s' in force on %s", prov,
                         cccd_date_iso(cfg.at, d));
    }

    bool to_stdout = strcmp(out_s, "-") == 0;
    FILE *out = to_stdout ? stdout : fopen(out_s, "wb");
    if (out == NULL) {
        int e = errno;
        cccd_units_free(u);
        return cli_failf("cannot write %s: %s", out_s, strerror(e));
    }
    FILE *faults = NULL;
    if (faults_s && (faults = fopen(faults_s, "wb")) == NULL) {
        int e = errno;
        if (!to_stdout) {
            fclose(out);
            remove(out_s);
        }
        cccd_units_free(u);
        return cli_failf("cannot write %s: %s", faults_s, strerror(e));
    }
    setvbuf(out, NULL, _IOFBF, (size_t)1 << 20);
    bool bar = isatty(STDERR_FILENO);
    cccd_errc erc = cccd_synth_write_csv(&cfg, out, faults, bar ? draw_progress : NULL, NULL, &err);
    int status = CLI_OK;
    if (erc != CCCD_OK)
        status = cli_fail(&err);
    if (!to_stdout && fclose(out) != 0 && status == CLI_OK)
        status = cli_failf("cannot write %s: %s", out_s, strerror(errno));
    if (faults && fclose(faults) != 0 && status == CLI_OK)
        status = cli_failf("cannot write %s: %s", faults_s, strerror(errno));
    if (status != CLI_OK) {
        if (!to_stdout)
            remove(out_s);
        if (faults_s)
            remove(faults_s);
    }
    cccd_units_free(u);
    return status;
}
