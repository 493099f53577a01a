/*
 * testdb.h: a fresh, empty database for a store test, on the backend the test run asks for.
 *
 * scripts/run-tests.sh runs every tests/unit/test_store_*.c program once per backend: with
 * CCCD_TEST_PG unset (SQLite: a new file in a temporary directory) and with CCCD_TEST_PG set to
 * the URL of the throwaway PostgreSQL server it started (a new database on it per call).
 * Header-only so each test program stays one file.
 */
#ifndef CCCD_TESTDB_H
#define CCCD_TESTDB_H

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Writes a new database URL into url (size n); returns 0, or -1 with a message on stderr. */
static inline int testdb_new(char *url, size_t n) {
    static unsigned counter;
    const char *pg = getenv("CCCD_TEST_PG");
    counter++;
    if (pg == NULL || pg[0] == '\0') {
        const char *tmp = getenv("TMPDIR");
        snprintf(url, n, "sqlite:%s/cccd-test-%d-%u.db", tmp && *tmp ? tmp : "/tmp", (int)getpid(),
                 counter);
        unlink(url + 7);
        return 0;
    }
    PGconn *c = PQconnectdb(pg);
    if (PQstatus(c) != CONNECTION_OK) {
        fprintf(stderr, "testdb: cannot connect to %s: %s", pg, PQerrorMessage(c));
        PQfinish(c);
        return -1;
    }
    PQclear(PQexec(c, "SET client_min_messages = warning"));
    char name[64], sql[128];
    snprintf(name, sizeof name, "cccd_test_%d_%u", (int)getpid(), counter);
    snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s", name);
    PQclear(PQexec(c, sql));
    snprintf(sql, sizeof sql, "CREATE DATABASE %s", name);
    PGresult *r = PQexec(c, sql);
    int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    if (!ok)
        fprintf(stderr, "testdb: %s", PQerrorMessage(c));
    PQclear(r);
    PQfinish(c);
    if (!ok)
        return -1;
    /* the server URL ends in /postgres: replace the database name */
    const char *slash = strrchr(pg, '/');
    snprintf(url, n, "%.*s/%s", (int)(slash - pg), pg, name);
    return 0;
}

/* Removes the SQLite files of a URL made by testdb_new (PostgreSQL databases go with the
 * throwaway server). */
static inline void testdb_drop(const char *url) {
    if (strncmp(url, "sqlite:", 7) == 0) {
        char p[1100];
        unlink(url + 7);
        snprintf(p, sizeof p, "%s-wal", url + 7);
        unlink(p);
        snprintf(p, sizeof p, "%s-shm", url + 7);
        unlink(p);
    }
}

#endif
