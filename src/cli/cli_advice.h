/*
 * cli_advice.h: what the advice commands share: printing a proposal, and accepting or
 * dismissing one (cccd advice accept / dismiss differ only in the step).
 */
#ifndef CCCD_CLI_CLI_ADVICE_H
#define CCCD_CLI_CLI_ADVICE_H

#include <stdbool.h>

#include "store/store_advice.h"

/* A proposal in two lines: id, kind, what moves, from, to, state; then its reason. */
void cli_advice_print(const cccd_advice_row *r);

/* Accepts (accept true) or dismisses proposal id_arg on db today, by the local actor, and
 * prints it after (json: as JSON). Returns the exit code. */
int cli_advice_decide(const char *db, const char *id_arg, bool accept, bool json);

#endif
