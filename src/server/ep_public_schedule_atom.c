/*
 * ep_public_schedule_atom.c: GET /api/v1/public/schedule.atom?unit=CODE[&days=N], public: the
 * coming days of a unit's mobile teams as an Atom feed (RFC 4287), the way units post "the
 * mobile team serves at the village cultural house on 10/3" on their fan pages: one entry per
 * mobile point and serving day, from today for 14 days (days=1..62). Fixed points are on the
 * JSON schedule, not here: their hours rarely change and would drown the teams' news.
 *
 * Entry ids are tag: URIs made of the point's id and the day, so a reader sees the same entry
 * however often it polls; every text is escaped for XML (and bytes that are not valid UTF-8 or
 * not allowed in XML are replaced), so a name with & < " in it cannot break the feed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "server/public_schedule.h"

/* The authority and date of the tag: URIs (RFC 4151) of this system's feeds. */
#define TAG "tag:cccd,2024:"

typedef struct xbuf {
    char *b;
    size_t n, cap;
    bool nomem;
} xbuf;

static void put(xbuf *x, const char *s, size_t n) {
    if (x->nomem)
        return;
    if (x->n + n + 1 > x->cap) {
        size_t cap = (x->n + n + 1) * 2;
        char *nb = realloc(x->b, cap);
        if (nb == NULL) {
            x->nomem = true;
            return;
        }
        x->b = nb;
        x->cap = cap;
    }
    memcpy(x->b + x->n, s, n);
    x->n += n;
    x->b[x->n] = '\0';
}

static void puts_(xbuf *x, const char *s) {
    put(x, s, strlen(s));
}

/* Text as XML character data or an attribute value: & < > " ' escaped, control characters
 * XML does not allow dropped, invalid UTF-8 replaced by U+FFFD. */
static void esc(xbuf *x, const char *s) {
    char *safe = cccd_text_utf8_lossy(s, strlen(s));
    if (safe == NULL) {
        x->nomem = true;
        return;
    }
    for (const char *p = safe; *p; p++) {
        unsigned char c = (unsigned char)*p;
        switch (c) {
            case '&':
                puts_(x, "&amp;");
                break;
            case '<':
                puts_(x, "&lt;");
                break;
            case '>':
                puts_(x, "&gt;");
                break;
            case '"':
                puts_(x, "&quot;");
                break;
            case '\'':
                puts_(x, "&apos;");
                break;
            default:
                if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r')
                    put(x, p, 1);
        }
    }
    free(safe);
}

/* <name>text</name> */
static void elem(xbuf *x, const char *indent, const char *name, const char *text) {
    puts_(x, indent);
    puts_(x, "<");
    puts_(x, name);
    puts_(x, ">");
    esc(x, text);
    puts_(x, "</");
    puts_(x, name);
    puts_(x, ">\n");
}

/* One entry: a mobile point's shifts on one day (slots[*i] onwards). */
static void entry(xbuf *x, const cccd_schedule *sc, size_t *i, const char *updated) {
    const cccd_plan *p = &sc->plan;
    const cccd_plan_slot *s0 = &p->slots[*i];
    const cccd_point *pt = &p->points[s0->point];
    const cccd_unit *u = sc->point_unit[s0->point];
    const char *where = pt->place[0] ? pt->place : pt->address;
    char iso[11], vn[11], line[600];
    cccd_date_iso(cccd_date_from_days(s0->day), iso);
    cccd_schedule_day_vn(s0->day, vn);
    puts_(x, "  <entry>\n");
    snprintf(line, sizeof line, TAG "point/%lld/%s", (long long)pt->id, iso);
    elem(x, "    ", "id", line);
    snprintf(line, sizeof line, "%s phục vụ tại %s ngày %s", pt->name, where, vn);
    elem(x, "    ", "title", line);
    elem(x, "    ", "updated", updated);
    /* the content: the shifts, then where exactly */
    xbuf c = {0};
    for (; *i < p->nslots && p->slots[*i].point == s0->point && p->slots[*i].day == s0->day;
         (*i)++) {
        const cccd_shift *sh = &p->slots[*i].shift;
        char a[6], b[6];
        snprintf(line, sizeof line, "Ca %d: %s–%s\n", sh->no, cccd_minutes_format(sh->start_min, a),
                 cccd_minutes_format(sh->end_min, b));
        puts_(&c, line);
    }
    snprintf(line, sizeof line, "Địa điểm: %s%s%s\n", pt->place, pt->place[0] ? ", " : "",
             pt->address);
    puts_(&c, line);
    if (u) {
        snprintf(line, sizeof line, "Đơn vị: %s\n", u->name);
        puts_(&c, line);
    }
    if (c.nomem)
        x->nomem = true;
    else {
        puts_(x, "    <content type=\"text\">");
        esc(x, c.b);
        puts_(x, "</content>\n");
    }
    free(c.b);
    puts_(x, "  </entry>\n");
}

void ep_public_schedule_atom(http_req *rq, http_resp *rs) {
    long days;
    if (!http_query_int(rq, rs, "days", 1, CCCD_SCHEDULE_MAX_DAYS, 14, &days))
        return;
    int64_t from = cccd_date_to_days(rq->today);
    cccd_schedule sc;
    if (!http_public_schedule(rq, rs, from, from + days - 1, &sc)) {
        cccd_schedule_free(&sc);
        return;
    }
    /* updated: the start of today in Vietnam (the feed is remade each day; nothing records
     * when a shift was last edited) */
    char updated[32], today[11], line[400], key[CCCD_UNIT_KEY_LEN];
    snprintf(updated, sizeof updated, "%sT00:00:00+07:00", cccd_date_iso(rq->today, today));
    cccd_store_unit_key(sc.unit, key);
    xbuf x = {0};
    puts_(&x, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
              "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"vi\">\n");
    snprintf(line, sizeof line, TAG "schedule/%s", key);
    elem(&x, "  ", "id", line);
    snprintf(line, sizeof line, "Lịch cấp căn cước lưu động: %s", sc.unit->name);
    elem(&x, "  ", "title", line);
    elem(&x, "  ", "updated", updated);
    puts_(&x, "  <author>\n");
    snprintf(line, sizeof line, "Công an %s", sc.unit->name);
    elem(&x, "    ", "name", line);
    puts_(&x, "  </author>\n  <link rel=\"self\" type=\"application/atom+xml\" href=\"");
    snprintf(line, sizeof line, "/api/v1/public/schedule.atom?unit=%s", sc.unit->code);
    esc(&x, line);
    puts_(&x, "\"/>\n  <link rel=\"alternate\" type=\"text/html\" href=\"");
    snprintf(line, sizeof line, "/schedule.html?unit=%s", sc.unit->code);
    esc(&x, line);
    puts_(&x, "\"/>\n");
    for (size_t i = 0; i < sc.plan.nslots;) {
        if (sc.plan.points[sc.plan.slots[i].point].kind == CCCD_POINT_MOBILE)
            entry(&x, &sc, &i, updated);
        else
            i++;
    }
    puts_(&x, "</feed>\n");
    cccd_schedule_free(&sc);
    if (x.nomem) {
        free(x.b);
        http_problem(rs, 503, "service.unavailable", NULL, "out of memory; try again");
        rs->retry_after = 1;
        return;
    }
    rs->status = 200;
    rs->body = x.b;
    rs->len = x.n;
    rs->content_type = "application/atom+xml; charset=utf-8";
}
