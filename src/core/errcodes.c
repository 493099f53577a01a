/*
 * errcodes.c: the one table of stable error codes and their kinds.
 *
 * Names are part of the interface (the HTTP API's problem documents and `--json` output carry
 * them), so an entry is never renamed or reused: new codes are appended in error.h and here.
 */
#include "core/error.h"

struct errc_entry {
    const char *name;
    cccd_errkind kind;
};

static const struct errc_entry errc_table[CCCD_E__COUNT] = {
    [CCCD_OK] = {"ok", CCCD_KIND_OK},
    [CCCD_E_NOMEM] = {"system.nomem", CCCD_KIND_SYSTEM},
    [CCCD_E_IO] = {"system.io", CCCD_KIND_SYSTEM},
    [CCCD_E_INTERNAL] = {"system.internal", CCCD_KIND_SYSTEM},
    [CCCD_E_ARG] = {"input.argument", CCCD_KIND_INVALID},
    [CCCD_E_UTF8] = {"input.utf8", CCCD_KIND_INVALID},
    [CCCD_E_JSON] = {"input.json", CCCD_KIND_INVALID},
    [CCCD_E_TOO_LONG] = {"input.too_long", CCCD_KIND_LIMIT},
    [CCCD_E_DATE_FORMAT] = {"date.format", CCCD_KIND_INVALID},
    [CCCD_E_DATE_INVALID] = {"date.invalid", CCCD_KIND_INVALID},
    [CCCD_E_DATE_RANGE] = {"date.range", CCCD_KIND_INVALID},
    [CCCD_E_ID_LENGTH] = {"id.length", CCCD_KIND_INVALID},
    [CCCD_E_ID_NONDIGIT] = {"id.nondigit", CCCD_KIND_INVALID},
    [CCCD_E_ID_PROVINCE] = {"id.province", CCCD_KIND_INVALID},
    [CCCD_E_ID_CENTURY] = {"id.century", CCCD_KIND_INVALID},
    [CCCD_E_ID_YEAR] = {"id.year", CCCD_KIND_INVALID},
    [CCCD_E_ID_SEX] = {"id.sex", CCCD_KIND_INVALID},
    [CCCD_E_ID_FUTURE] = {"id.future", CCCD_KIND_INVALID},
    [CCCD_E_ID_EXHAUSTED] = {"id.exhausted", CCCD_KIND_LIMIT},
    [CCCD_E_SEX] = {"input.sex", CCCD_KIND_INVALID},
    [CCCD_E_MRZ_SHAPE] = {"mrz.shape", CCCD_KIND_INVALID},
    [CCCD_E_MRZ_CHAR] = {"mrz.char", CCCD_KIND_INVALID},
    [CCCD_E_MRZ_FIELD] = {"mrz.field", CCCD_KIND_INVALID},
    [CCCD_E_MRZ_CHECK] = {"mrz.check", CCCD_KIND_INVALID},
    [CCCD_E_MRZ_NAME] = {"mrz.name", CCCD_KIND_INVALID},
    [CCCD_E_CARD_DATES] = {"card.dates", CCCD_KIND_INVALID},
    [CCCD_E_UNITS_FORMAT] = {"units.format", CCCD_KIND_INVALID},
    [CCCD_E_UNIT_UNKNOWN] = {"units.unknown", CCCD_KIND_NOT_FOUND},
    [CCCD_E_UNIT_DUP] = {"units.duplicate", CCCD_KIND_INVALID},
    [CCCD_E_UNIT_NOT_IN_FORCE] = {"units.not_in_force", CCCD_KIND_NOT_FOUND},
    [CCCD_E_STORE_URL] = {"store.url", CCCD_KIND_INVALID},
    [CCCD_E_STORE] = {"store.failed", CCCD_KIND_SYSTEM},
    [CCCD_E_STORE_BUSY] = {"store.busy", CCCD_KIND_CONFLICT},
    [CCCD_E_STORE_CONSTRAINT] = {"store.constraint", CCCD_KIND_CONFLICT},
    [CCCD_E_STORE_NEWER] = {"store.schema_newer", CCCD_KIND_INVALID},
    [CCCD_E_STORE_SCHEMA] = {"store.schema", CCCD_KIND_INVALID},
    [CCCD_E_ROLE] = {"account.role", CCCD_KIND_INVALID},
    [CCCD_E_USERNAME] = {"account.username", CCCD_KIND_INVALID},
    [CCCD_E_PASSWORD_POLICY] = {"account.password_policy", CCCD_KIND_INVALID},
    [CCCD_E_ACCOUNT_EXISTS] = {"account.exists", CCCD_KIND_CONFLICT},
    [CCCD_E_ACCOUNT_UNKNOWN] = {"account.unknown", CCCD_KIND_NOT_FOUND},
    [CCCD_E_LOGIN] = {"auth.login", CCCD_KIND_UNAUTHORIZED},
    [CCCD_E_LOGIN_LOCKED] = {"auth.locked", CCCD_KIND_LIMIT},
    [CCCD_E_TOKEN] = {"auth.token", CCCD_KIND_UNAUTHORIZED},
    [CCCD_E_FORBIDDEN] = {"auth.forbidden", CCCD_KIND_FORBIDDEN},
    [CCCD_E_AUDIT_BROKEN] = {"audit.broken", CCCD_KIND_INVALID},
    [CCCD_E_UNAVAILABLE] = {"service.unavailable", CCCD_KIND_UNAVAILABLE},
    [CCCD_E_POINT_UNKNOWN] = {"point.unknown", CCCD_KIND_NOT_FOUND},
    [CCCD_E_POINT_EXISTS] = {"point.exists", CCCD_KIND_CONFLICT},
    [CCCD_E_KIT_UNKNOWN] = {"kit.unknown", CCCD_KIND_NOT_FOUND},
    [CCCD_E_KIT_EXISTS] = {"kit.exists", CCCD_KIND_CONFLICT},
    [CCCD_E_STAFF_UNKNOWN] = {"staff.unknown", CCCD_KIND_NOT_FOUND},
    [CCCD_E_STAFF_OVERLAP] = {"staff.overlap", CCCD_KIND_CONFLICT},
    [CCCD_E_TICKET_UNKNOWN] = {"ticket.unknown", CCCD_KIND_NOT_FOUND},
    [CCCD_E_QUEUE_UNKNOWN] = {"queue.unknown", CCCD_KIND_NOT_FOUND},
    [CCCD_E_QUEUE_STATE] = {"queue.state", CCCD_KIND_CONFLICT},
    [CCCD_E_QUEUE_ACTIVE] = {"queue.active", CCCD_KIND_CONFLICT},
    [CCCD_E_QUEUE_EMPTY] = {"queue.empty", CCCD_KIND_CONFLICT},
    [CCCD_E_TICKET_WRONG] = {"ticket.wrong_place", CCCD_KIND_CONFLICT},
    [CCCD_E_CITIZEN_UNKNOWN] = {"citizen.unknown", CCCD_KIND_NOT_FOUND},
    [CCCD_E_CITIZEN_SERVED] = {"citizen.not_remaining", CCCD_KIND_CONFLICT},
    [CCCD_E_APP_UNKNOWN] = {"application.unknown", CCCD_KIND_NOT_FOUND},
    [CCCD_E_APP_STATE] = {"application.state", CCCD_KIND_CONFLICT},
    [CCCD_E_APP_REFUSED] = {"application.refused", CCCD_KIND_CONFLICT},
    [CCCD_E_APP_OPEN] = {"application.open", CCCD_KIND_CONFLICT},
    [CCCD_E_APP_REQUEST] = {"application.request_id", CCCD_KIND_CONFLICT},
    [CCCD_E_CORRECTION] = {"correction.invalid", CCCD_KIND_INVALID},
    [CCCD_E_PHOTO_FORMAT] = {"photo.format", CCCD_KIND_INVALID},
    [CCCD_E_PHOTO_REFUSED] = {"photo.refused", CCCD_KIND_INVALID},
    [CCCD_E_FINGER_FORMAT] = {"finger.format", CCCD_KIND_INVALID},
    [CCCD_E_SEAL_KEY] = {"seal.key", CCCD_KIND_INVALID},
    [CCCD_E_SEAL_FORMAT] = {"seal.format", CCCD_KIND_INVALID},
    [CCCD_E_SEAL_TAMPERED] = {"seal.tampered", CCCD_KIND_INVALID},
    [CCCD_E_BATCH_UNKNOWN] = {"batch.unknown", CCCD_KIND_NOT_FOUND},
    [CCCD_E_BATCH_STATE] = {"batch.state", CCCD_KIND_CONFLICT},
    [CCCD_E_MANIFEST_UNKNOWN] = {"manifest.unknown", CCCD_KIND_NOT_FOUND},
    /* PKI and signing */
    [CCCD_E_PKI_FILE] = {"pki.file", CCCD_KIND_INVALID},
    [CCCD_E_PKI_PASSPHRASE] = {"pki.passphrase", CCCD_KIND_INVALID},
    [CCCD_E_PKI_EXISTS] = {"pki.exists", CCCD_KIND_CONFLICT},
    [CCCD_E_PKI_ISSUER] = {"pki.issuer", CCCD_KIND_INVALID},
    [CCCD_E_PKI_CERT] = {"pki.certificate", CCCD_KIND_INVALID},
    [CCCD_E_SOD_DG] = {"sod.data_group", CCCD_KIND_INVALID},
    [CCCD_E_SOD_FORMAT] = {"sod.format", CCCD_KIND_INVALID},
    [CCCD_E_SOD_SIGNATURE] = {"sod.signature", CCCD_KIND_INVALID},
    [CCCD_E_SOD_CHAIN] = {"sod.chain", CCCD_KIND_INVALID},
    [CCCD_E_SOD_EXPIRED] = {"sod.expired", CCCD_KIND_INVALID},
    [CCCD_E_SOD_REVOKED] = {"sod.revoked", CCCD_KIND_INVALID},
    [CCCD_E_SOD_HASH] = {"sod.hash", CCCD_KIND_INVALID},
    [CCCD_E_SIGNER_UNAVAILABLE] = {"signer.unavailable", CCCD_KIND_UNAVAILABLE},
    [CCCD_E_SIGNER_REFUSED] = {"signer.refused", CCCD_KIND_INVALID},
    [CCCD_E_SIGNER_FAILED] = {"signer.failed", CCCD_KIND_SYSTEM},
    /* chip data */
    [CCCD_E_CARD_FIELD] = {"card.field", CCCD_KIND_INVALID},
    [CCCD_E_LDS_FORMAT] = {"chip.format", CCCD_KIND_INVALID},
    [CCCD_E_LDS_MISMATCH] = {"chip.mismatch", CCCD_KIND_INVALID},
    /* campaigns and quotas */
    [CCCD_E_QUOTA_UNKNOWN] = {"quota.unknown", CCCD_KIND_NOT_FOUND},
    [CCCD_E_QUOTA_SCOPE] = {"quota.scope", CCCD_KIND_INVALID},
    [CCCD_E_INCIDENT_UNKNOWN] = {"incident.unknown", CCCD_KIND_NOT_FOUND},
    [CCCD_E_INCIDENT_STATE] = {"incident.state", CCCD_KIND_CONFLICT},
    [CCCD_E_ADVICE_UNKNOWN] = {"advice.unknown", CCCD_KIND_NOT_FOUND},
    [CCCD_E_ADVICE_DECIDED] = {"advice.decided", CCCD_KIND_CONFLICT},
    [CCCD_E_ADVICE_STALE] = {"advice.stale", CCCD_KIND_CONFLICT},
};

const char *cccd_errc_name(cccd_errc code) {
    if ((int)code < 0 || code >= CCCD_E__COUNT || errc_table[code].name == NULL)
        return "system.unknown";
    return errc_table[code].name;
}

cccd_errkind cccd_errc_kind(cccd_errc code) {
    if ((int)code < 0 || code >= CCCD_E__COUNT || errc_table[code].name == NULL)
        return CCCD_KIND_SYSTEM;
    return errc_table[code].kind;
}
