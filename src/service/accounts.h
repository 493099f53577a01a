/*
 * accounts.h: managing accounts, the same way from the command line (`cccd user ...`, on the
 * machine itself) and from the API (an admin's requests): every change is checked, made and
 * audited in one transaction.
 */
#ifndef CCCD_SERVICE_ACCOUNTS_H
#define CCCD_SERVICE_ACCOUNTS_H

#include "core/audit.h"
#include "core/units.h"
#include "service/auth.h"
#include "store/store_accounts.h"

/* Adds an account: username (cccd_username_check), role name, the unit the role is held at
 * (a code of a unit in force on `today`, resolved to the version in force then, or "VN" for the
 * whole country), and a password (cccd_password_policy; hashed with cost, NULL: default).
 * out (may be NULL) receives the stored account. Errors name the offending field:
 * "username", "role", "unit", "password". */
cccd_errc cccd_accounts_add(cccd_store *st, const cccd_units *u, cccd_date today,
                            const cccd_actor *by, const char *username, const char *role,
                            const char *unit, const char *password, const cccd_kdf_cost *cost,
                            cccd_account *out, cccd_err *err);

/* Disables (disabled true) or re-enables an account; disabling revokes its sessions at once. */
cccd_errc cccd_accounts_set_disabled(cccd_store *st, const cccd_actor *by, const char *username,
                                     bool disabled, cccd_err *err);

/* Sets a new password (policy checked), clears failed logins and revokes every session. */
cccd_errc cccd_accounts_set_password(cccd_store *st, const cccd_actor *by, const char *username,
                                     const char *password, const cccd_kdf_cost *cost,
                                     cccd_err *err);

#endif
