/*
 * public_schedule.h: what the two public schedule endpoints share (the JSON one and the Atom
 * feed, ep_public_schedule.c and ep_public_schedule_atom.c): reading the unit they are asked
 * about and loading its schedule, with the same problems for the same mistakes.
 */
#ifndef CCCD_SERVER_PUBLIC_SCHEDULE_H
#define CCCD_SERVER_PUBLIC_SCHEDULE_H

#include "server/http.h"
#include "service/schedule.h"

/* The schedule of the unit in the query's `unit` from `from` to `to` (days since 1970-01-01)
 * into *out: false with a problem in rs (400 no or a malformed unit, 404 an unknown one) when
 * it cannot be made; *out is released with cccd_schedule_free either way. */
bool http_public_schedule(http_req *rq, http_resp *rs, int64_t from, int64_t to,
                          cccd_schedule *out);

#endif
