/*
 * card_personalize.c: an application made into a card's files (see card_personalize.h).
 */
#include "service/card_personalize.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <openssl/crypto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "chip/card_data.h"
#include "chip/lds.h"
#include "chip/sod.h"
#include "service/card_face.h"
#include "service/enrollment.h"
#include "service/jurisdiction.h"
#include "service/production.h"
#include "store/store_applications.h"

/* The last portrait taken for the application (sealed bytes, owned). */
typedef struct last_portrait {
    int attempt;
    unsigned char *sealed;
    size_t len;
    bool short_of_memory;
} last_portrait;

static void on_bio(void *ctx, const cccd_bio *b) {
    last_portrait *p = ctx;
    if (!b->portrait || b->sealed == NULL || b->attempt <= p->attempt)
        return;
    unsigned char *copy = malloc(b->len ? b->len : 1);
    if (copy == NULL) {
        p->short_of_memory = true;
        return;
    }
    memcpy(copy, b->sealed, b->len);
    free(p->sealed);
    p->sealed = copy;
    p->len = b->len;
    p->attempt = b->attempt;
}

/* "ADDRESS, Commune, District, Province" with the names in force on `at` of the commune the
 * record's unit key stands for (its successor when it merged); the bare address when the unit
 * is not known. Returns a new string (free()) or NULL when memory is short. */
static char *residence(const cccd_units *u, const cccd_store_record *r, cccd_date at) {
    const cccd_unit *v = cccd_unit_now(u, r->permanent_unit, at);
    size_t cap = strlen(r->v[CCCD_CF_PERMANENT_ADDRESS]) + 1;
    for (const cccd_unit *p = v; p; p = p->parent)
        cap += strlen(p->name) + 2;
    char *s = malloc(cap);
    if (s) {
        size_t n = (size_t)snprintf(s, cap, "%s", r->v[CCCD_CF_PERMANENT_ADDRESS]);
        for (const cccd_unit *p = v; p; p = p->parent)
            n += (size_t)snprintf(s + n, cap - n, "%s%s", n ? ", " : "", p->name);
    }
    return s;
}

/* ---- writing ---- */

static cccd_errc io_error(cccd_err *err, const char *what, const char *path) {
    return cccd_err_set(err, CCCD_E_IO, "out", "%s %s: %s", what, path, strerror(errno));
}

/* Writes bytes to dir/name and syncs it. */
static cccd_errc write_synced(const char *dir, const char *name, const unsigned char *b, size_t n,
                              cccd_err *err) {
    char path[4400];
    if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >= sizeof path)
        return cccd_err_set(err, CCCD_E_IO, "out", "the path %s is too long", dir);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return io_error(err, "cannot create", path);
    size_t done = 0;
    while (done < n) {
        ssize_t k = write(fd, b + done, n - done);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0) {
            close(fd);
            return io_error(err, "cannot write", path);
        }
        done += (size_t)k;
    }
    if (fsync(fd) != 0) {
        close(fd);
        return io_error(err, "cannot sync", path);
    }
    if (close(fd) != 0)
        return io_error(err, "cannot write", path);
    return CCCD_OK;
}

static cccd_errc sync_dir(const char *path, cccd_err *err) {
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return io_error(err, "cannot open", path);
    int rc = fsync(fd);
    close(fd);
    return rc == 0 ? CCCD_OK : io_error(err, "cannot sync", path);
}

/* Removes a directory of card files (plain files only: a card's directory holds no other). */
static void remove_card_dir(const char *path) {
    DIR *d = opendir(path);
    if (d == NULL)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char p[4400];
        if ((size_t)snprintf(p, sizeof p, "%s/%s", path, e->d_name) < sizeof p)
            unlink(p);
    }
    closedir(d);
    rmdir(path);
}

/* The parent directory of path into buf ("." when none). */
static const char *parent_of(const char *path, char *buf, size_t size) {
    snprintf(buf, size, "%s", path);
    char *slash = strrchr(buf, '/');
    if (slash == NULL)
        return ".";
    if (slash == buf)
        slash[1] = '\0';
    else
        *slash = '\0';
    return buf;
}

enum { F_COM, F_DG1, F_DG2, F_DG13, F_SOD, F_FRONT, F_BACK, F_N };
static const char *const file_names[F_N] = {"EF.COM", "EF.DG1",    "EF.DG2",  "EF.DG13",
                                            "EF.SOD", "front.png", "back.png"};

/* Writes the files into a temporary directory beside dir, syncs, and renames it to dir. */
static cccd_errc write_card(const char *dir, unsigned char *const *file, const size_t *len,
                            cccd_err *err) {
    char tmp[4200], parent[4200];
    if ((size_t)snprintf(tmp, sizeof tmp, "%s.part", dir) >= sizeof tmp)
        return cccd_err_set(err, CCCD_E_IO, "out", "the path %s is too long", dir);
    remove_card_dir(tmp);
    if (mkdir(tmp, 0755) != 0)
        return io_error(err, "cannot create", tmp);
    cccd_errc rc = CCCD_OK;
    for (int i = 0; rc == CCCD_OK && i < F_N; i++)
        rc = write_synced(tmp, file_names[i], file[i], len[i], err);
    if (rc == CCCD_OK)
        rc = sync_dir(tmp, err);
    if (rc == CCCD_OK) {
        struct stat sb;
        if (stat(dir, &sb) == 0)
            remove_card_dir(dir); /* an earlier run's, never recorded */
        if (rename(tmp, dir) != 0)
            rc = io_error(err, "cannot rename to", dir);
    }
    if (rc == CCCD_OK)
        rc = sync_dir(parent_of(dir, parent, sizeof parent), err);
    if (rc != CCCD_OK)
        remove_card_dir(tmp);
    return rc;
}

/* ---- the card ---- */

cccd_errc cccd_card_personalize(cccd_store *st, const cccd_card_maker *m, int64_t app_id,
                                int64_t now, const char *dir, cccd_card_made *out, cccd_err *err) {
    cccd_application a;
    cccd_errc rc = cccd_enroll_get(st, app_id, &a, err);
    if (rc != CCCD_OK)
        return rc;
    if (a.state != CCCD_APP_APPROVED && a.state != CCCD_APP_IN_PRODUCTION)
        return cccd_err_set(err, CCCD_E_APP_STATE, "application",
                            "application %lld is %s: only an approved application (or one in "
                            "production) is made into a card",
                            (long long)app_id, cccd_app_state_name(a.state));
    cccd_store_record r;
    bool found = false;
    memset(&r, 0, sizeof r);
    if ((rc = cccd_store_citizen_get(st, a.personal_id, &r, &found, err)) != CCCD_OK)
        return rc;
    if (!found)
        return cccd_err_set(err, CCCD_E_CITIZEN_UNKNOWN, "personal_id",
                            "%s is no longer in the registry", a.personal_id);
    last_portrait lp = {0, NULL, 0, false};
    unsigned char *jpeg = NULL, *file[F_N] = {NULL};
    size_t jlen = 0, len[F_N] = {0};
    char *home = NULL, aad[64];
    memset(out, 0, sizeof *out);
    rc = cccd_store_bio_list(st, app_id, true, on_bio, &lp, err);
    if (rc == CCCD_OK && lp.short_of_memory)
        rc = cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory");
    if (rc == CCCD_OK && lp.sealed == NULL)
        rc = cccd_err_set(err, CCCD_E_PHOTO_FORMAT, "portrait", "application %lld has no portrait",
                          (long long)app_id);
    snprintf(aad, sizeof aad, "application-%lld/portrait", (long long)app_id);
    if (rc == CCCD_OK)
        rc = cccd_unseal(m->bio, aad, lp.sealed, lp.len, &jpeg, &jlen, err);
    cccd_date dob = cccd_date_or_none(r.v[CCCD_CF_DATE_OF_BIRTH]);
    if (rc == CCCD_OK)
        rc = cccd_card_dates(dob, now, &out->issued, &out->expiry, err);
    if (rc == CCCD_OK && (home = residence(m->units, &r, out->issued)) == NULL)
        rc = cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory");
    cccd_card_data card = {
        .personal_id = a.personal_id,
        .full_name = r.v[CCCD_CF_FULL_NAME],
        .birth = dob,
        .sex = r.v[CCCD_CF_SEX][0],
        .nationality = r.v[CCCD_CF_NATIONALITY],
        .ethnicity = r.v[CCCD_CF_ETHNICITY],
        .religion = r.v[CCCD_CF_RELIGION],
        .place_of_origin = r.v[CCCD_CF_PLACE_OF_ORIGIN],
        .place_of_residence = home,
        .identifying_marks = "",
        .issued = out->issued,
        .expiry = out->expiry,
        .father_name = r.v[CCCD_CF_FATHER_NAME],
        .mother_name = r.v[CCCD_CF_MOTHER_NAME],
        .spouse_name = r.v[CCCD_CF_SPOUSE_NAME],
        .old_id = r.v[CCCD_CF_OLD_ID_NUMBER],
        .portrait = jpeg,
        .portrait_len = jlen,
    };
    static const int dgs[] = {1, 2, 13};
    if (rc == CCCD_OK)
        rc = cccd_card_data_check(&card, err);
    if (rc == CCCD_OK)
        rc = cccd_lds_com_encode(dgs, 3, &file[F_COM], &len[F_COM], err);
    if (rc == CCCD_OK)
        rc = cccd_lds_dg1_encode(&card, &file[F_DG1], &len[F_DG1], err);
    if (rc == CCCD_OK)
        rc = cccd_lds_dg2_encode(&card, &file[F_DG2], &len[F_DG2], err);
    if (rc == CCCD_OK)
        rc = cccd_lds_dg13_encode(&card, &file[F_DG13], &len[F_DG13], err);
    cccd_dg_hash h[3];
    for (int i = 0; rc == CCCD_OK && i < 3; i++) {
        h[i].dg = dgs[i];
        rc = cccd_lds_sha256(file[F_DG1 + i], len[F_DG1 + i], h[i].sha256);
        if (rc != CCCD_OK)
            cccd_err_set(err, rc, NULL, "cannot hash EF.DG%d", dgs[i]);
    }
    if (rc == CCCD_OK)
        rc = cccd_card_face_png(&card, CCCD_CARD_FRONT, &file[F_FRONT], &len[F_FRONT], err);
    if (rc == CCCD_OK)
        rc = cccd_card_face_png(&card, CCCD_CARD_BACK, &file[F_BACK], &len[F_BACK], err);
    if (rc == CCCD_OK)
        rc = cccd_signer_sign(m->signer, h, 3, &file[F_SOD], &len[F_SOD], err);
    if (rc == CCCD_OK) {
        unsigned char sod_hash[32];
        if ((rc = cccd_lds_sha256(file[F_SOD], len[F_SOD], sod_hash)) != CCCD_OK)
            cccd_err_set(err, rc, NULL, "cannot hash EF.SOD");
        for (int i = 0; i < 32; i++)
            snprintf(out->sod_sha256 + 2 * i, 3, "%02x", sod_hash[i]);
    }
    if (rc == CCCD_OK)
        rc = write_card(dir, file, len, err);
    if (rc == CCCD_OK)
        snprintf(out->card_number, sizeof out->card_number, "%s", a.personal_id);
    for (int i = 0; i < F_N; i++)
        free(file[i]);
    if (jpeg)
        OPENSSL_cleanse(jpeg, jlen);
    free(jpeg);
    free(lp.sealed);
    free(home);
    cccd_store_record_free(&r);
    return rc;
}
