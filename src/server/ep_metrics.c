/*
 * ep_metrics.c: GET /metrics: the server's counters in the Prometheus text format (requests by
 * route and status, latency histograms, database errors, failed logins, audit failures, and
 * how writes were grouped into commits).
 * Public on purpose (a scraper holds no account); it carries no personal data.
 */
#include <stdlib.h>

#include "server/http.h"

void ep_metrics(http_req *rq, http_resp *rs) {
    size_t len = 0;
    char *text = metrics_render(rq->metrics, rq->route_names, rq->group, &len);
    if (text == NULL) {
        http_problem(rs, 503, "service.unavailable", NULL, "out of memory; try again");
        return;
    }
    rs->status = 200;
    rs->body = text;
    rs->len = len;
    rs->content_type = "text/plain; version=0.0.4; charset=utf-8";
    rs->no_store = true;
}
