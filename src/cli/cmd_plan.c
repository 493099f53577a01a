/*
 * cmd_plan.c: `cccd plan UNIT --from DATE --to DATE [--json] [--dry-run]`: plans the
 * appointments of everyone the unit serves who still needs a card (and of those registered
 * elsewhere living in it), writes the tickets, and says how many were ticketed, visited at
 * home, referred elsewhere, untraced or left unplanned, per point and day, and which tickets a
 * re-plan moved.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_account.h"
#include "cli/cli_plan.h"
#include "cli/cli_units.h"
#include "cli/commands.h"
#include "service/outreach.h"
#include "core/ease.h"
#include "service/plan.h"

static const cli_cmd cmd = {
    "plan",
    "plan UNIT --from DATE --to DATE [--dry-run] [--lists] [--db URL] [--json]\n"
    "  Plans UNIT (any level, in force on --from) over the days --from to --to (at most 366):\n"
    "  everyone it serves who needs a card on --from is, exactly once, on the home-visit list\n"
    "  (immobile), referred to the commune of their temporary residence outside the unit,\n"
    "  untraced (whereabouts unknown), ticketed at one of the unit's points (by residential\n"
    "  group, easy cases first; docs/planning.md), or unplanned (no room left). People\n"
    "  registered elsewhere whose temporary residence is in the unit are planned here too\n"
    "  (referred in). Tickets are written (not with --dry-run); planning again keeps every\n"
    "  ticket that still fits and lists those that moved. --lists adds the home-visit list (by\n"
    "  commune and residential group, with addresses), the referrals (the commune each goes\n"
    "  to, and the ticket held there) and the untraced to the summary; --json always has\n"
    "  them.",
    1, 1};

static void summary_print(const cccd_plan *p) {
    char a[32], b[11], c[11];
    printf("plan of %s %s, %s to %s\n", p->unit->code, p->unit->name, cli_day_iso(p->from, b),
           cli_day_iso(p->to, c));
    printf("remaining      %12s\n", cli_thousands(p->remaining, a));
    printf("referred in    %12s\n", cli_thousands(p->referred_in, a));
    printf("ticketed       %12s  (new %lld, kept %lld, moved %lld)\n",
           cli_thousands(p->ticketed, a), (long long)p->created, (long long)p->kept,
           (long long)p->moved);
    for (int e = 0; e < CCCD_EASE__COUNT; e++)
        printf("  %-12s %12s\n", cccd_ease_name((cccd_ease)e), cli_thousands(p->by_ease[e], a));
    printf("home visits    %12s\n", cli_thousands(p->home_visits, a));
    printf("referred out   %12s\n", cli_thousands(p->referred, a));
    printf("untraced       %12s\n", cli_thousands(p->untraced, a));
    printf("unplanned      %12s\n", cli_thousands(p->unplanned, a));
    if (p->elsewhere)
        printf("ticketed elsewhere or on other days: %lld (kept)\n", (long long)p->elsewhere);
    if (p->withdrawn)
        printf("tickets withdrawn (now a home visit, untraced or referred out): %lld\n",
               (long long)p->withdrawn);
    /* per day and point */
    for (size_t i = 0, j; i < p->nslots; i = j) {
        for (j = i; j < p->nslots && p->slots[j].day == p->slots[i].day;)
            j++;
        for (size_t pi = 0; pi < p->npoints; pi++) {
            int64_t cap = 0, used = 0, shifts = 0;
            for (size_t k = i; k < j; k++)
                if (p->slots[k].point == pi) {
                    cap += p->slots[k].capacity;
                    used += p->slots[k].used;
                    shifts++;
                }
            char name[4 * 30 + 1];
            if (shifts)
                printf("%s  point %-4lld %s shifts %lld  tickets %5lld / %lld\n",
                       cli_day_iso(p->slots[i].day, b), (long long)p->points[pi].id,
                       cli_pad(p->points[pi].name, 30, name), (long long)shifts, (long long)used,
                       (long long)cap);
        }
    }
    for (size_t i = 0; i < p->nmoves; i++) {
        const cccd_plan_move *m = &p->moves[i];
        char t1[6], t2[6];
        if (m->to_point)
            printf("moved %s: %s %s point %lld -> %s %s point %lld\n", m->ticket,
                   cli_day_iso(m->from_day, b), cccd_minutes_format(m->from_start, t1),
                   (long long)m->from_point, cli_day_iso(m->to_day, c),
                   cccd_minutes_format(m->to_start, t2), (long long)m->to_point);
        else
            printf("withdrawn %s: %s %s point %lld, no room left\n", m->ticket,
                   cli_day_iso(m->from_day, b), cccd_minutes_format(m->from_start, t1),
                   (long long)m->from_point);
    }
}

/* People by commune and residential group (those living here under a temporary residence
 * under their commune), with their addresses. */
static void grouped_print(const cccd_plan_person *v, size_t n) {
    const char *unit = NULL, *group = NULL;
    for (size_t i = 0; i < n; i++) {
        const cccd_plan_person *x = &v[i];
        const char *code = x->unit ? x->unit->code : "?";
        const char *g = x->temporary ? "temporary residence" : x->residential_group;
        if (unit == NULL || strcmp(unit, code) || strcmp(group, g))
            printf("  %s %s, %s\n", code, x->unit ? x->unit->name : "", g);
        unit = code;
        group = g;
        char name[4 * 30 + 1];
        printf("    %s  %s %s (household %s)\n", x->personal_id, cli_pad(x->full_name, 30, name),
               x->address, x->household_id);
    }
}

/* The home-visit list, the referrals out with what the receiving end did, the untraced. */
static void lists_print(const cccd_plan *p) {
    printf("home visits (%zu)\n", p->nhome);
    grouped_print(p->home, p->nhome);
    printf("referred out (%zu)\n", p->nreferrals);
    for (size_t i = 0; i < p->nreferrals; i++) {
        const cccd_plan_person *x = &p->referrals[i];
        char name[4 * 30 + 1], day[11], t1[6], t2[6];
        printf("  %s  %s to %s %s, %s: ", x->personal_id, cli_pad(x->full_name, 30, name),
               x->unit->code, x->unit->name, x->address);
        if (x->state == CCCD_REFERRAL_TICKETED)
            printf("ticket %s, %s %s-%s, point %lld\n", x->ticket, cli_day_iso(x->ticket_day, day),
                   cccd_minutes_format(x->ticket_start, t1), cccd_minutes_format(x->ticket_end, t2),
                   (long long)x->ticket_point);
        else if (x->state == CCCD_REFERRAL_HOME_VISIT)
            printf("home visit there\n");
        else
            printf("not ticketed there yet\n");
    }
    printf("untraced (%zu)\n", p->nuntraced);
    grouped_print(p->untraced_list, p->nuntraced);
}

int cmd_plan(int argc, char **argv) {
    const char *db = NULL, *from_s = NULL, *to_s = NULL, *args[1];
    bool json = false, dry = false, lists = false;
    const cli_opt opts[] = {{"--db", &db, NULL},       {"--from", &from_s, NULL},
                            {"--to", &to_s, NULL},     {"--json", NULL, &json},
                            {"--dry-run", NULL, &dry}, {"--lists", NULL, &lists},
                            {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    if (from_s == NULL || to_s == NULL)
        return cli_usage_error(&cmd, "--from and --to are required");
    int64_t from, to;
    cccd_date from_d, to_d;
    if ((rc = cli_day(from_s, "from", &from, &from_d)) >= 0 ||
        (rc = cli_day(to_s, "to", &to, &to_d)) >= 0)
        return rc;
    int status = CLI_FAIL;
    cccd_err err;
    cccd_store *st = NULL;
    cccd_units *u = NULL;
    cccd_plan p = {0};
    if ((st = cli_store_open(db, true)) == NULL || (u = cli_units_from_db(st)) == NULL)
        goto done;
    cccd_actor by;
    char who[64];
    cli_actor_local(&by, who);
    if (cccd_plan_make_by(st, u, args[0], from_d, to_d, dry, &by, &p, &err) != CCCD_OK) {
        status = cli_fail(&err);
        goto done;
    }
    if (json)
        cli_print_json(cccd_plan_json(&p));
    else
        summary_print(&p);
    if (lists && !json)
        lists_print(&p);
    status = CLI_OK;
done:
    cccd_plan_free(&p);
    cccd_units_free(u);
    cccd_store_close(st);
    return status;
}
