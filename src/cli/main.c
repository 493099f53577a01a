/*
 * main.c: the `cccd` program: finds the subcommand in the table below and runs it.
 * `cccd --help` lists every subcommand; `cccd GROUP VERB --help` describes one.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "store/store.h"

typedef struct command {
    const char *group, *verb;
    int (*run)(int argc, char **argv);
    const char *summary;
} command;

/* A command with a NULL verb is a top-level command: `cccd init ...`. */
static const command commands[] = {
    {"init", NULL, cmd_init, "create or upgrade the database schema"},
    /* before `synth`: a top-level command takes every argument after its name */
    {"synth", "biometrics", cmd_synth_biometrics, "write a person's synthetic portrait and prints"},
    {"synth", NULL, cmd_synth, "write a deterministic synthetic population as CSV"},
    {"id", "check", cmd_id_check, "validate and decode a personal ID number"},
    {"id", "new", cmd_id_new, "allocate a new personal ID number"},
    {"mrz", "build", cmd_mrz_build, "write the TD1 machine-readable zone of a card"},
    {"mrz", "check", cmd_mrz_check, "parse a TD1 MRZ and verify every check digit"},
    {"card", "expiry", cmd_card_expiry, "a card's expiry date under the 25/40/60 rule"},
    {"card", "eligible", cmd_card_eligible, "whether a person must hold a card on a day"},
    {"card", "files", cmd_card_files, "write a card's chip files and printed faces from JSON"},
    {"card", "inspect", cmd_card_inspect, "parse a card's chip files and cross-check them"},
    {"card", "personalize", cmd_card_personalize, "an approved application's card files, signed"},
    {"card", "verify", cmd_card_verify, "passive authentication of a card's files, step by step"},
    {"text", "key", cmd_text_key, "normalise Vietnamese text and print its search key"},
    {"units", "import", cmd_units_import, "store the unit list and a reform in the database"},
    {"registry", "import", cmd_registry_import, "load citizens from a CSV extract"},
    {"registry", "show", cmd_registry_show, "one citizen's record"},
    {"registry", "find", cmd_registry_find, "find citizens of a unit by name"},
    {"registry", "rollover", cmd_registry_rollover, "move the coverage counters to a new day"},
    {"coverage", NULL, cmd_coverage, "how far a unit has come on a date"},
    {"report", "daily", cmd_report_daily, "the daily report of a unit's children (CSV, XLSX)"},
    {"report", "weekly", cmd_report_weekly, "the weekly report of a unit's children (CSV, XLSX)"},
    {"serve", NULL, cmd_serve, "run the HTTP/JSON API and the web UI"},
    {"units", "stats", cmd_units_stats, "count administrative units per level at a date"},
    {"units", "resolve", cmd_units_resolve, "the unit(s) a code stands for at a date"},
    {"units", "find", cmd_units_find, "find units by name, with or without diacritics"},
    {"user", "add", cmd_user_add, "add an account (role, unit, password)"},
    {"user", "list", cmd_user_list, "list the accounts"},
    {"user", "disable", cmd_user_disable, "disable an account and end its sessions"},
    {"user", "enable", cmd_user_enable, "enable a disabled account again"},
    {"user", "passwd", cmd_user_passwd, "set an account's password"},
    {"audit", "verify", cmd_audit_verify, "check the audit log's hash chain"},
    {"point", "add", cmd_point_add, "add a point of service (fixed, mobile, home visits)"},
    {"point", "list", cmd_point_list, "list a unit's points of service"},
    {"kit", "add", cmd_kit_add, "register an enrollment kit held by a unit"},
    {"kit", "assign", cmd_kit_assign, "send a kit to a point or to a unit from a day"},
    {"kit", "state", cmd_kit_state, "record that a kit works, broke or is in transit"},
    {"kit", "history", cmd_kit_history, "where a kit was and its state, day by day"},
    {"staff", "assign", cmd_staff_assign, "assign an officer to a point, with dates"},
    {"staff", "end", cmd_staff_end, "end an officer's assignment to a point"},
    {"staff", "list", cmd_staff_list, "the officers at a point over a range of days"},
    {"shift", "set", cmd_shift_set, "set a point's shifts, or one day's exception"},
    {"shift", "list", cmd_shift_list, "a point's shifts per day with kits and capacity"},
    {"plan", NULL, cmd_plan, "plan a unit's appointments over a range of days"},
    {"tickets", "list", cmd_tickets_list, "the tickets of a unit's people (table or CSV)"},
    {"tickets", "pdf", cmd_tickets_pdf, "the printed tickets of a unit's people, as a PDF"},
    {"tickets", "png", cmd_tickets_png, "one printed ticket as a PNG image"},
    {"queue", "checkin", cmd_queue_checkin, "put a person in a point's queue (ticket or walk-in)"},
    {"queue", "next", cmd_queue_next, "call the next person waiting at a point"},
    {"queue", "served", cmd_queue_served, "close a called queue entry as served"},
    {"queue", "noshow", cmd_queue_noshow, "close a called entry as a no-show (ticket withdrawn)"},
    {"queue", "show", cmd_queue_show, "a point's queue on a day, with waiting times"},
    {"enroll", "open", cmd_enroll_open, "open an application from a person's registry record"},
    {"enroll", "submit", cmd_enroll_submit, "submit a draft application for approval"},
    {"enroll", "correct", cmd_enroll_correct, "propose a correction of the registry record"},
    {"enroll", "decide", cmd_enroll_decide, "approve or reject a proposed correction"},
    {"enroll", "photo", cmd_enroll_photo, "the portrait of an application: checked, sealed"},
    {"enroll", "finger", cmd_enroll_finger, "a fingerprint: scored, sealed; or its exception"},
    {"enroll", "confirm", cmd_enroll_confirm, "a supervisor confirms a finger's exception"},
    {"approve", NULL, cmd_approve, "approve a submitted application"},
    {"reject", NULL, cmd_reject, "reject a submitted application, saying why"},
    {"deliver", NULL, cmd_deliver, "hand the card to the citizen, who confirms it"},
    {"application", "move", cmd_application_move, "move an application one step (card centre)"},
    {"application", "show", cmd_application_show, "an application with its events"},
    {"demo", NULL, cmd_demo, "build a demonstration database with days of history; serve it"},
    {"batch", "create", cmd_batch_create, "take approved applications into a production batch"},
    {"batch", "run", cmd_batch_run, "make a batch's cards (resumes where it stopped)"},
    {"batch", "show", cmd_batch_show, "a production batch, its cards and manifests"},
    {"batch", "dispatch", cmd_batch_dispatch, "send a produced batch, a manifest per unit"},
    {"manifest", "receive", cmd_manifest_receive, "a unit confirms a manifest's cards arrived"},
    {"quota", "set", cmd_quota_set, "give a unit its quota: a target and a deadline"},
    {"quota", "split", cmd_quota_split, "split a unit's quota over its children"},
    {"quota", "show", cmd_quota_show, "the quota of a unit and of its children"},
    {"campaign", "add", cmd_campaign_add, "a named period over a unit's subtree with a target"},
    {"campaign", "list", cmd_campaign_list, "the campaigns (of a unit)"},
    {"progress", NULL, cmd_progress, "a unit's progress on a day against its quota"},
    {"advice", "accept", cmd_advice_accept, "accept a proposal: the kit or officer moves"},
    {"advice", "dismiss", cmd_advice_dismiss, "dismiss a proposal: nothing moves"},
    {"advice", NULL, cmd_advice, "propose kit and officer moves so more units meet deadlines"},
    {"neighbours", "import", cmd_neighbours_import, "the pairs of neighbouring provinces"},
    {"incident", "report", cmd_incident_report, "report a difficulty at a unit"},
    {"incident", "assign", cmd_incident_assign, "assign an incident to someone"},
    {"incident", "answer", cmd_incident_answer, "answer an assigned incident"},
    {"incident", "close", cmd_incident_close, "close an incident"},
    {"incident", "list", cmd_incident_list, "open incidents of a unit with their age"},
    {"bio", "photo", cmd_bio_photo, "check a portrait JPEG for the card (size, exposure...)"},
    {"bio", "finger", cmd_bio_finger, "a fingerprint PNG's quality score (0-100)"},
    {"keygen", NULL, cmd_keygen, "make the key that seals biometric data at rest"},
    {"pki", "csca-init", cmd_pki_csca_init, "make the Country Signing CA (key, certificate)"},
    {"pki", "ds-issue", cmd_pki_ds_issue, "make a Document Signer key and certificate"},
    {"pki", "crl", cmd_pki_crl, "revoke certificates and write the CSCA's signed CRL"},
    {"pki", "sign-test", cmd_pki_sign_test, "have the signer sign files' hashes (testing)"},
    {"signer", NULL, cmd_signer, "run the document signer that signs EF.SODs"},
};

static void print_help(FILE *f) {
    fprintf(f, "cccd: chip-based citizen identity card issuing (CCCD)\n\n"
               "usage: cccd COMMAND [ARGS] [--help]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        char name[32];
        snprintf(name, sizeof name, "%s %s", commands[i].group,
                 commands[i].verb ? commands[i].verb : "");
        fprintf(f, "  %-18s %s\n", name, commands[i].summary);
    }
    fprintf(f, "\nExit status: 0 success, 1 user error (one line on stderr), 2 usage error.\n"
               "Documentation: docs/cli.md\n");
}

int main(int argc, char **argv) {
    cccd_store_process_init();
    if (argc < 2) {
        print_help(stderr);
        return CLI_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        print_help(stdout);
        return CLI_OK;
    }
    bool group_known = false;
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(argv[1], commands[i].group) != 0)
            continue;
        if (commands[i].verb == NULL)
            return commands[i].run(argc - 1, argv + 1);
        group_known = true;
        if (argc >= 3 && strcmp(argv[2], commands[i].verb) == 0)
            return commands[i].run(argc - 2, argv + 2);
    }
    if (group_known) {
        fprintf(stderr, "cccd %s: %s '%s'; one of:", argv[1],
                argc >= 3 ? "unknown verb" : "missing verb", argc >= 3 ? argv[2] : "");
        for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
            if (strcmp(argv[1], commands[i].group) == 0 && commands[i].verb)
                fprintf(stderr, " %s", commands[i].verb);
        fputc('\n', stderr);
        return CLI_USAGE;
    }
    fprintf(stderr, "cccd: unknown command '%s' (cccd --help lists them)\n", argv[1]);
    return CLI_USAGE;
}
