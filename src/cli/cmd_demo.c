/*
 * cmd_demo.c: `cccd demo --db URL`: builds the demonstration database (service/demo.h): the
 * official units, a synthetic province, an account for every role, points with kits and
 * officers, and days of history made through the real workflow; prints the logins; with
 * --serve, serves it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "service/demo.h"
#include "service/demo_units.h"

static const cli_cmd cmd = {
    "demo",
    "demo --db URL [--units FILE --reform FILE] [--population N] [--days N] [--per-day N]\n"
    "     [--points N] [--seed N] [--key FILE] [--serve ADDR:PORT]\n"
    "  Builds a demonstration database in URL (a new one): the unit list FILE and its 2025\n"
    "  reform (default: ../shared/data's; without it, a generated Thái Bình whose communes are\n"
    "  marked '(mẫu)' and no reform), N synthetic people of Thái Bình (34; default\n"
    "  200000) registered as of 2025-03-01, an account for every role (password: CCCD_PASSWORD\n"
    "  or 'demo password 2026'), a point with shifts, a kit and an officer in --points\n"
    "  communes (default 6), and --days days of history up to yesterday (default 14): each day\n"
    "  --per-day applications at each point (default 20) opened, captured (sealed with the key\n"
    "  file of --key, made when missing; default URL's file name + .key), submitted, decided the\n"
    "  next morning, made into cards that afternoon, received and handed over: every step\n"
    "  through the real workflow; then quotas split over the points' communes, a campaign,\n"
    "  spare kits and three incidents (docs/demo.md). Prints the logins. With --serve, serves\n"
    "  it (as cccd serve).",
    0, 0};

static void on_progress(void *ctx, const char *step, int done, int total) {
    (void)ctx;
    if (isatty(2))
        fprintf(stderr, "\r\033[K%s %d/%d", step, done + 1, total);
}

int cmd_demo(int argc, char **argv) {
    const char *db = NULL, *units_f = NULL, *reform_f = NULL, *pop_s = NULL, *days_s = NULL,
               *per_s = NULL, *points_s = NULL, *seed_s = NULL, *key_f = NULL, *serve = NULL;
    const cli_opt opts[] = {{"--db", &db, NULL},
                            {"--units", &units_f, NULL},
                            {"--reform", &reform_f, NULL},
                            {"--population", &pop_s, NULL},
                            {"--days", &days_s, NULL},
                            {"--per-day", &per_s, NULL},
                            {"--points", &points_s, NULL},
                            {"--seed", &seed_s, NULL},
                            {"--key", &key_f, NULL},
                            {"--serve", &serve, NULL},
                            {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, NULL, &nargs);
    if (rc >= 0)
        return rc;
    cli_env_default(&db, "CCCD_DB");
    if (db == NULL)
        return cli_usage_error(&cmd, "--db URL is required: the demo makes a new database");
    long pop = 200000, days = 14, per = 20, points = 6, seed = 1;
    if ((pop_s && (rc = cli_parse_long(pop_s, "--population", 100, 10000000, &pop)) >= 0) ||
        (days_s && (rc = cli_parse_long(days_s, "--days", 1, 60, &days)) >= 0) ||
        (per_s && (rc = cli_parse_long(per_s, "--per-day", 1, 500, &per)) >= 0) ||
        (points_s && (rc = cli_parse_long(points_s, "--points", 1, 20, &points)) >= 0) ||
        (seed_s && (rc = cli_parse_long(seed_s, "--seed", 0, 2000000000L, &seed)) >= 0))
        return rc;
    const char *shared = getenv("CCCD_SHARED") ? getenv("CCCD_SHARED") : "../shared/data";
    char units_def[1024], reform_def[1024], key_def[1200];
    snprintf(units_def, sizeof units_def, "%s/units-2025-03.json", shared);
    snprintf(reform_def, sizeof reform_def, "%s/units-2025-07-splits.json", shared);
    if (units_f == NULL && access(units_def, R_OK) == 0) {
        units_f = units_def;
        if (reform_f == NULL && access(reform_def, R_OK) == 0)
            reform_f = reform_def;
    }
    bool generated = units_f == NULL; /* a generated province (service/demo_units.h) */
    if (key_f == NULL) {
        const char *path = strncmp(db, "sqlite:", 7) == 0 ? db + 7 : "demo";
        snprintf(key_def, sizeof key_def, "%s.key", path);
        key_f = key_def;
    }
    cccd_err err;
    /* a new database only: the demo's people would mix with real ones */
    cccd_store *st = NULL;
    int version = 0;
    if (cccd_store_open(db, &st, &err) != CCCD_OK ||
        cccd_store_schema_version(st, &version, &err) != CCCD_OK) {
        cccd_store_close(st);
        return cli_fail(&err);
    }
    cccd_store_close(st);
    if (version != 0)
        return cli_failf("%s holds a database already: the demo makes a new one (give another "
                         "--db)",
                         db);
    cccd_seal_key key;
    if (access(key_f, R_OK) != 0) {
        if (cccd_seal_key_generate(&key, &err) != CCCD_OK ||
            cccd_seal_key_write(key_f, &key, &err) != CCCD_OK)
            return cli_fail(&err);
    } else if (cccd_seal_key_load(key_f, &key, &err) != CCCD_OK) {
        return cli_fail(&err);
    }
    char *units = NULL, *reform = NULL;
    size_t ul = 0, rl = 0;
    if (generated && (units = cccd_demo_units_json_new(&ul)) == NULL) {
        cccd_seal_key_wipe(&key);
        return cli_failf("out of memory");
    }
    if ((!generated && cli_read_file(units_f, 64 << 20, &units, &ul, &err) != CCCD_OK) ||
        (reform_f && cli_read_file(reform_f, 64 << 20, &reform, &rl, &err) != CCCD_OK)) {
        free(units);
        cccd_seal_key_wipe(&key);
        return cli_fail(&err);
    }
    const char *password = getenv("CCCD_PASSWORD");
    if (password == NULL || password[0] == '\0')
        password = "demo password 2026";
    cccd_date today;
    if (cli_today(&today, &err) != CCCD_OK)
        return cli_fail(&err);
    cccd_demo_config c = {.db_url = db,
                          .units_json = units,
                          .units_len = ul,
                          .reform_json = reform,
                          .reform_len = rl,
                          .reform_on = {2025, 7, 1, CCCD_DATE_DAY},
                          .province = "34",
                          .as_of = {2025, 3, 1, CCCD_DATE_DAY},
                          .population = (uint64_t)pop,
                          .seed = (uint64_t)seed,
                          .today = today,
                          .days = (int)days,
                          .per_day = (int)per,
                          .points = (int)points,
                          .password = password,
                          .bio_key = &key};
    cccd_demo_summary s;
    rc = cccd_demo_build(&c, on_progress, NULL, &s, &err);
    if (isatty(2))
        fprintf(stderr, "\r\033[K");
    free(units);
    free(reform);
    cccd_seal_key_wipe(&key);
    if (rc != CCCD_OK)
        return cli_fail(&err);
    printf("demo database %s: %llu residents of Thái Bình (now province %s); %d days of "
           "history: %lld applications opened, %lld approved, %lld cards produced in %lld "
           "batches, %lld delivered\n",
           db, (unsigned long long)s.residents, s.province_now, (int)days, (long long)s.opened,
           (long long)s.approved, (long long)s.produced, (long long)s.batches,
           (long long)s.delivered);
    if (generated)
        printf("units: a generated Thái Bình (no --units, and %s is not there)\n", units_def);
    printf("the officer's commune: %s %s; biometric key: %s\n", s.commune, s.commune_name, key_f);
    printf("logins (password '%s' for each; demo only):\n", password);
    for (int i = 0; i < s.naccounts; i++)
        printf("  %s\n", s.accounts[i]);
    if (serve == NULL)
        return CLI_OK;
    fflush(stdout);
    char *sargv[] = {"serve",       "--db",      (char *)db,    "--listen",
                     (char *)serve, "--bio-key", (char *)key_f, NULL};
    return cmd_serve(7, sargv);
}
