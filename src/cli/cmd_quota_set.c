/*
 * cmd_quota_set.c: `cccd quota set UNIT --target N --deadline DATE`: gives a unit its quota.
 */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/cli_campaigns.h"
#include "cli/commands.h"
#include "service/quotas.h"

static const cli_cmd cmd = {
    "quota set",
    "quota set UNIT --target N --deadline DATE [--db URL] [--json]\n"
    "  Gives UNIT (a province, district or commune code in force today) the quota of N\n"
    "  applications received by DATE (the last day, YYYY-MM-DD). It replaces the unit's\n"
    "  quota and those of the old units merged into it; the old ones stay in the history.\n"
    "  Audited by cli:$USER from local (docs/progress.md).",
    1, 1};

int cmd_quota_set(int argc, char **argv) {
    const char *db = NULL, *target_s = NULL, *deadline_s = NULL, *args[1];
    bool json = false;
    const cli_opt opts[] = {{"--db", &db, NULL},
                            {"--target", &target_s, NULL},
                            {"--deadline", &deadline_s, NULL},
                            {"--json", NULL, &json},
                            {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    if (target_s == NULL)
        return cli_usage_error(&cmd, "give --target");
    long target;
    cccd_date deadline;
    if ((rc = cli_parse_long(target_s, "--target", 0, 1000000000, &target)) >= 0 ||
        (rc = cli_camp_date(deadline_s, "--deadline", &deadline)) >= 0)
        return rc;
    cli_camp c;
    if ((rc = cli_camp_open(&c, db)) >= 0)
        return rc;
    cccd_err err;
    cccd_quota q;
    if (cccd_quota_set(c.st, c.u, args[0], target, deadline, c.today, c.now, &c.by, &q, &err) !=
        CCCD_OK) {
        rc = cli_fail(&err);
    } else {
        char iso[16];
        cccd_date_iso(cccd_date_from_days(q.deadline), iso);
        if (json)
            cli_print_json(json_pack("{s:s,s:I,s:s}", "unit", args[0], "target",
                                     (json_int_t)q.target, "deadline", iso));
        else
            printf("quota of %s: %lld by %s\n", args[0], (long long)q.target, iso);
        rc = CLI_OK;
    }
    cli_camp_close(&c);
    return rc;
}
