/*
 * commands.h: the entry point of each `cccd` subcommand, one per file (cmd_*.c).
 * Each takes the arguments after its own name (argv[0] is its last word) and returns the
 * process exit code (0, 1 or 2: see cli.h).
 */
#ifndef CCCD_CLI_COMMANDS_H
#define CCCD_CLI_COMMANDS_H

int cmd_init(int argc, char **argv);
int cmd_id_check(int argc, char **argv);
int cmd_id_new(int argc, char **argv);
int cmd_mrz_build(int argc, char **argv);
int cmd_mrz_check(int argc, char **argv);
int cmd_card_expiry(int argc, char **argv);
int cmd_card_eligible(int argc, char **argv);
int cmd_card_files(int argc, char **argv);
int cmd_card_inspect(int argc, char **argv);
int cmd_text_key(int argc, char **argv);
int cmd_units_import(int argc, char **argv);
int cmd_registry_import(int argc, char **argv);
int cmd_registry_show(int argc, char **argv);
int cmd_registry_find(int argc, char **argv);
int cmd_registry_rollover(int argc, char **argv);
int cmd_coverage(int argc, char **argv);
int cmd_report_daily(int argc, char **argv);
int cmd_report_weekly(int argc, char **argv);
int cmd_units_stats(int argc, char **argv);
int cmd_units_resolve(int argc, char **argv);
int cmd_units_find(int argc, char **argv);
int cmd_synth(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_user_add(int argc, char **argv);
int cmd_user_list(int argc, char **argv);
int cmd_user_disable(int argc, char **argv);
int cmd_user_enable(int argc, char **argv);
int cmd_user_passwd(int argc, char **argv);
int cmd_audit_verify(int argc, char **argv);
int cmd_point_add(int argc, char **argv);
int cmd_point_list(int argc, char **argv);
int cmd_kit_add(int argc, char **argv);
int cmd_kit_assign(int argc, char **argv);
int cmd_kit_state(int argc, char **argv);
int cmd_kit_history(int argc, char **argv);
int cmd_shift_set(int argc, char **argv);
int cmd_shift_list(int argc, char **argv);
int cmd_plan(int argc, char **argv);
int cmd_tickets_list(int argc, char **argv);
int cmd_staff_assign(int argc, char **argv);
int cmd_staff_end(int argc, char **argv);
int cmd_staff_list(int argc, char **argv);
int cmd_tickets_pdf(int argc, char **argv);
int cmd_tickets_png(int argc, char **argv);
int cmd_queue_checkin(int argc, char **argv);
int cmd_queue_next(int argc, char **argv);
int cmd_queue_served(int argc, char **argv);
int cmd_queue_noshow(int argc, char **argv);
int cmd_queue_show(int argc, char **argv);
int cmd_enroll_open(int argc, char **argv);
int cmd_enroll_submit(int argc, char **argv);
int cmd_enroll_correct(int argc, char **argv);
int cmd_enroll_decide(int argc, char **argv);
int cmd_approve(int argc, char **argv);
int cmd_reject(int argc, char **argv);
int cmd_deliver(int argc, char **argv);
int cmd_application_move(int argc, char **argv);
int cmd_application_show(int argc, char **argv);
int cmd_enroll_photo(int argc, char **argv);
int cmd_enroll_finger(int argc, char **argv);
int cmd_enroll_confirm(int argc, char **argv);
int cmd_keygen(int argc, char **argv);
int cmd_synth_biometrics(int argc, char **argv);
int cmd_bio_photo(int argc, char **argv);
int cmd_bio_finger(int argc, char **argv);
int cmd_pki_csca_init(int argc, char **argv);
int cmd_pki_ds_issue(int argc, char **argv);
int cmd_pki_crl(int argc, char **argv);
int cmd_pki_sign_test(int argc, char **argv);
int cmd_signer(int argc, char **argv);

int cmd_batch_create(int argc, char **argv);
int cmd_batch_show(int argc, char **argv);
int cmd_batch_dispatch(int argc, char **argv);
int cmd_manifest_receive(int argc, char **argv);

int cmd_card_personalize(int argc, char **argv);
int cmd_card_verify(int argc, char **argv);
int cmd_batch_run(int argc, char **argv);
int cmd_quota_set(int argc, char **argv);
int cmd_quota_split(int argc, char **argv);
int cmd_advice(int argc, char **argv);
int cmd_advice_accept(int argc, char **argv);
int cmd_advice_dismiss(int argc, char **argv);
int cmd_neighbours_import(int argc, char **argv);
int cmd_quota_show(int argc, char **argv);
int cmd_campaign_add(int argc, char **argv);
int cmd_campaign_list(int argc, char **argv);
int cmd_progress(int argc, char **argv);
int cmd_incident_report(int argc, char **argv);
int cmd_incident_assign(int argc, char **argv);
int cmd_incident_answer(int argc, char **argv);
int cmd_incident_close(int argc, char **argv);
int cmd_incident_list(int argc, char **argv);

int cmd_demo(int argc, char **argv);

#endif
