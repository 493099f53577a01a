/*
 * cli_campaigns.c: the shared part of the quota, campaign, progress and incident commands
 * (see cli_campaigns.h).
 */
#include "cli/cli_campaigns.h"

#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_account.h"
#include "cli/cli_queue.h"
#include "core/date.h"

int cli_camp_open(cli_camp *c, const char *db) {
    memset(c, 0, sizeof *c);
    int64_t day;
    int rc = cli_queue_clock(&day, &c->now);
    if (rc >= 0)
        return rc;
    c->today = cccd_date_from_days(day);
    cli_actor_local(&c->by, c->name);
    if ((c->st = cli_store_open(db, true)) == NULL)
        return CLI_FAIL;
    cccd_err err;
    if (cccd_store_units_load(c->st, &c->u, &err) != CCCD_OK) {
        cli_camp_close(c);
        return cli_fail(&err);
    }
    return -1;
}

void cli_camp_close(cli_camp *c) {
    cccd_units_free(c->u);
    cccd_store_close(c->st);
    c->u = NULL;
    c->st = NULL;
}

int cli_camp_date(const char *s, const char *opt, cccd_date *out) {
    cccd_err err;
    if (s == NULL)
        return cli_failf("%s: give a date (YYYY-MM-DD)", opt);
    if (cccd_date_parse_full(s, opt, out, &err) != CCCD_OK)
        return cli_failf("%s: '%s' is not a date (YYYY-MM-DD)", opt, s);
    return -1;
}

static json_t *iso_json(int64_t days) {
    char iso[16];
    return json_string(cccd_date_iso(cccd_date_from_days(days), iso));
}

json_t *cli_incident_json(const cccd_units *u, const cccd_incident *i, int64_t age) {
    char unit[160];
    json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:I,s:s,s:s}", "id", (json_int_t)i->id,
                          "unit", cli_unit_label(u, i->unit_key, unit, sizeof unit), "kind",
                          i->kind, "state", i->state, "place", i->place, "note", i->note,
                          "reported_by", i->reported_by, "reported_at", (json_int_t)i->reported_at,
                          "assignee", i->assignee, "answer", i->answer);
    json_object_set_new(o, "closed_at", i->closed_at ? json_integer(i->closed_at) : json_null());
    if (age >= 0)
        json_object_set_new(o, "age_seconds", json_integer(age));
    return o;
}

void cli_incident_print(const cccd_units *u, const cccd_incident *i, int64_t age) {
    char unit[160], agebuf[32] = "";
    if (age >= 0)
        snprintf(agebuf, sizeof agebuf, " %lldh%02lldm", (long long)(age / 3600),
                 (long long)(age % 3600 / 60));
    printf("incident %lld %s %s at %s, %s%s", (long long)i->id, i->state, i->kind,
           cli_unit_label(u, i->unit_key, unit, sizeof unit), i->place, agebuf);
    if (i->assignee[0])
        printf(", assigned to %s", i->assignee);
    if (i->note[0])
        printf(": %s", i->note);
    if (i->answer[0])
        printf(" (answer: %s)", i->answer);
    printf("\n");
}

json_t *cli_campaign_json(const cccd_units *u, const cccd_campaign *c) {
    char unit[160];
    return json_pack("{s:I,s:s,s:s,s:o,s:o,s:I,s:s}", "id", (json_int_t)c->id, "name", c->name,
                     "unit", cli_unit_label(u, c->unit_key, unit, sizeof unit), "from",
                     iso_json(c->from_day), "to", iso_json(c->to_day), "target",
                     (json_int_t)c->target, "created_by", c->created_by);
}

void cli_campaign_print(const cccd_units *u, const cccd_campaign *c) {
    char unit[160], f[16], t[16];
    printf("campaign %lld \"%s\" over %s from %s to %s, target %lld\n", (long long)c->id, c->name,
           cli_unit_label(u, c->unit_key, unit, sizeof unit),
           cccd_date_iso(cccd_date_from_days(c->from_day), f),
           cccd_date_iso(cccd_date_from_days(c->to_day), t), (long long)c->target);
}

int cli_incident_step(const char *db, const char *id_arg, cccd_incident_step step, const char *text,
                      bool json) {
    long id;
    int rc = cli_parse_long(id_arg, "ID", 1, 2000000000, &id);
    if (rc >= 0)
        return rc;
    cli_camp c;
    if ((rc = cli_camp_open(&c, db)) >= 0)
        return rc;
    cccd_err err;
    cccd_incident i;
    if (cccd_incident_step_do(c.st, c.u, id, step, text ? text : "", c.today, c.now, &c.by, &i,
                              &err) != CCCD_OK) {
        rc = cli_fail(&err);
    } else {
        if (json)
            cli_print_json(cli_incident_json(c.u, &i, -1));
        else
            cli_incident_print(c.u, &i, -1);
        rc = CLI_OK;
    }
    cli_camp_close(&c);
    return rc;
}
