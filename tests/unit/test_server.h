/*
 * test_server.h: what the API test programs do before their first test, after the database is
 * filled: the accounts each test signs in as (a cheap password hash, so the setup is quick) and
 * the server's configuration on that database (a free port, two threads, the pinned day), and
 * the server started on it.
 * Header-only, like testdb.h and test_population.h, so each test program stays one file.
 */
#ifndef CCCD_TEST_SERVER_H
#define CCCD_TEST_SERVER_H

#include <stdio.h>

#include "core/units.h"
#include "server/server.h"
#include "service/accounts.h"
#include "store/store.h"

/* A password hash cheap enough for tests (never for accounts that matter). */
static const cccd_kdf_cost test_cheap = {10, 8, 1};

typedef struct test_account {
    const char *name, *role, *unit;
} test_account;

/* Adds accounts a[0..n) with `password`, as the machine; -1 with a line on stderr when one is
 * refused. */
static inline int test_accounts_add(cccd_store *st, const cccd_units *u, cccd_date today,
                                    const test_account *a, size_t n, const char *password) {
    const cccd_actor by = {"cli:test", "", "", "local"};
    cccd_err err;
    for (size_t i = 0; i < n; i++)
        if (cccd_accounts_add(st, u, today, &by, a[i].name, a[i].role, a[i].unit, password,
                              &test_cheap, NULL, &err) != CCCD_OK) {
            fprintf(stderr, "account %s: %s\n", a[i].name, err.msg);
            return -1;
        }
    return 0;
}

/* The server's configuration for database url: a free port, two request threads, `today`
 * pinned, the cheap password hash. The caller sets what else its tests need. */
static inline void test_server_config(cccd_server_config *cfg, const char *url, cccd_date today) {
    cccd_server_config_default(cfg);
    cfg->db_url = url;
    cfg->port = 0;
    cfg->threads = 2;
    cfg->today = today;
    cfg->auth.cost = &test_cheap;
}

/* Starts the server on cfg (*srv, its port in *port); -1 with a line on stderr when it cannot. */
static inline int test_server_start(const cccd_server_config *cfg, cccd_server **srv,
                                    uint16_t *port) {
    cccd_err err;
    if (cccd_server_start(cfg, srv, &err) != CCCD_OK) {
        fprintf(stderr, "server: %s\n", err.msg);
        return -1;
    }
    *port = cccd_server_port(*srv);
    return 0;
}

#endif
