/*
 * production_json.c: a production batch and a manifest as JSON (see production.h), one shape
 * for the API and the command line.
 */
#include "service/production.h"

json_t *cccd_batch_json(const cccd_batch *b) {
    return json_pack("{sI ss ss sI sI ss sI ss}", "id", (json_int_t)b->id, "unit", b->unit_code,
                     "unit_key", b->unit_key, "cards", (json_int_t)b->cards, "produced",
                     (json_int_t)b->produced, "state", b->dispatched ? "dispatched" : "open",
                     "created_at", (json_int_t)b->created_at, "created_by", b->created_by);
}

json_t *cccd_manifest_json(const cccd_manifest *m) {
    json_t *o = json_pack("{sI sI ss sI sI}", "id", (json_int_t)m->id, "batch",
                          (json_int_t)m->batch_id, "unit_key", m->unit_key, "cards",
                          (json_int_t)m->cards, "created_at", (json_int_t)m->created_at);
    if (o && m->received_at) {
        json_object_set_new(o, "received_at", json_integer(m->received_at));
        json_object_set_new(o, "received_by", json_string(m->received_by));
    }
    return o;
}
