/*
 * enrollment_json.c: an application, its events, corrections and captures, and a unit's daily
 * figures as JSON (see enrollment.h), for the API and the command line's --json.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "service/enrollment.h"

static json_t *iso_time(int64_t t) {
    if (t <= 0)
        return json_null();
    char buf[32];
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return json_string(buf);
}

static json_t *str_or_null(const char *s) {
    return s && s[0] ? json_string(s) : json_null();
}

json_t *cccd_correction_json(const cccd_correction *c) {
    return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o}", "id",
                     (json_int_t)c->id, "application", (json_int_t)c->application_id, "field",
                     c->field, "old_value", c->old_value, "new_value", c->new_value, "reason",
                     c->reason, "evidence", c->evidence, "state", cccd_corr_state_name(c->state),
                     "proposed_by", c->proposed_by, "proposed_at", iso_time(c->proposed_at),
                     "decided_by", str_or_null(c->decided_by), "decided_at",
                     iso_time(c->decided_at));
}

static void add_event(void *ctx, const cccd_app_event *e) {
    json_array_append_new(
        ctx, json_pack("{s:o, s:s, s:s, s:o, s:s}", "from",
                       e->from < 0 ? json_null()
                                   : json_string(cccd_app_state_name((cccd_app_state)e->from)),
                       "to", cccd_app_state_name(e->to), "by", e->actor, "at", iso_time(e->at),
                       "reason", e->reason));
}

static void add_correction(void *ctx, const cccd_correction *c) {
    json_array_append_new(ctx, cccd_correction_json(c));
}

static void add_bio(void *ctx, const cccd_bio *b) {
    json_array_append_new(
        ctx, json_pack("{s:s, s:i, s:i, s:I, s:o, s:o, s:o}", "kind",
                       b->portrait ? "portrait" : "finger", "finger", b->finger, "attempt",
                       b->attempt, "bytes", (json_int_t)b->len, "quality",
                       b->quality >= 0 ? json_integer(b->quality) : json_null(), "exception",
                       str_or_null(b->exception), "confirmed_by", str_or_null(b->confirmed_by)));
}

json_t *cccd_enroll_json(cccd_store *st, const cccd_application *a, bool full, cccd_err *err) {
    json_t *o = json_pack(
        "{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:s, s:o, s:o, s:o, s:o, s:o}", "id",
        (json_int_t)a->id, "request_id", a->request_id, "personal_id", a->personal_id, "type",
        cccd_app_type_name(a->type), "type_reason", a->type_reason, "state",
        cccd_app_state_name(a->state), "unit", a->unit_key, "point",
        a->point_id ? json_integer(a->point_id) : json_null(), "queue_entry",
        a->queue_entry ? json_integer(a->queue_entry) : json_null(), "officer", a->officer,
        "created_at", iso_time(a->created_at), "updated_at", iso_time(a->updated_at),
        "rejection_reason", str_or_null(a->rejection_reason), "revoked_card",
        str_or_null(a->revoked_card), "card_number", str_or_null(a->card_number));
    if (o == NULL) {
        cccd_err_set(err, CCCD_E_NOMEM, NULL, "out of memory");
        return NULL;
    }
    if (!full)
        return o;
    json_t *events = json_array(), *corr = json_array(), *bio = json_array();
    json_object_set_new(o, "events", events);
    json_object_set_new(o, "corrections", corr);
    json_object_set_new(o, "biometrics", bio);
    if (cccd_store_app_events(st, a->id, add_event, events, err) != CCCD_OK ||
        cccd_store_corrections(st, a->id, add_correction, corr, err) != CCCD_OK ||
        cccd_store_bio_list(st, a->id, false, add_bio, bio, err) != CCCD_OK) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static void add_figure(void *ctx, const char *measure, const char *key, int64_t n) {
    json_t *m = json_object_get(ctx, measure);
    if (m == NULL) {
        m = json_object();
        json_object_set_new(ctx, measure, m);
    }
    json_object_set_new(m, key[0] ? key : "all", json_integer(n));
}

json_t *cccd_enroll_figures_json(cccd_store *st, const char *unit_key, int64_t day, cccd_err *err) {
    json_t *o = json_object();
    if (o == NULL || cccd_store_app_figures(st, unit_key, day, add_figure, o, err) != CCCD_OK) {
        json_decref(o);
        return NULL;
    }
    return o;
}
