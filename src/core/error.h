/*
 * error.h: how every cccd function reports failure.
 *
 * Library code never prints or exits. A function that can fail returns a cccd_errc (0 = success)
 * and fills a caller-owned cccd_err with the stable code, the offending field (if any), the
 * 1-based position inside that field (if it makes sense) and a message a user can act on.
 * The CLI prints the message on one line and exits 1; the HTTP layer turns the same struct
 * into a JSON problem document. Codes are listed once, in errcodes.c, with their kind.
 */
#ifndef CCCD_CORE_ERROR_H
#define CCCD_CORE_ERROR_H

#include <stddef.h>

/* What kind of failure: decides the CLI exit code and the HTTP status. */
typedef enum cccd_errkind {
    CCCD_KIND_OK = 0,
    CCCD_KIND_INVALID,      /* the input is wrong (CLI exit 1, HTTP 400/422) */
    CCCD_KIND_NOT_FOUND,    /* the thing asked for does not exist (404) */
    CCCD_KIND_CONFLICT,     /* it exists already / state forbids it (409) */
    CCCD_KIND_LIMIT,        /* too big, too many, exhausted (413/429) */
    CCCD_KIND_SYSTEM,       /* out of memory, I/O: not the user's fault (500) */
    CCCD_KIND_UNAUTHORIZED, /* who is asking is not established: no, bad or expired token (401) */
    CCCD_KIND_FORBIDDEN,    /* established, but not allowed to do or see this (403) */
    CCCD_KIND_UNAVAILABLE,  /* the service cannot answer now: try again later (503) */
} cccd_errkind;

/* Stable error codes, one project-wide table (names in errcodes.c). Append only. */
typedef enum cccd_errc {
    CCCD_OK = 0,
    /* generic */
    CCCD_E_NOMEM,
    CCCD_E_IO,
    CCCD_E_INTERNAL,
    CCCD_E_ARG,      /* an argument is missing or malformed */
    CCCD_E_UTF8,     /* text is not valid UTF-8 */
    CCCD_E_JSON,     /* a JSON document does not parse or has the wrong shape */
    CCCD_E_TOO_LONG, /* a value exceeds its maximum length */
    /* dates */
    CCCD_E_DATE_FORMAT,
    CCCD_E_DATE_INVALID, /* well-formed but not a real date (31/02) */
    CCCD_E_DATE_RANGE,   /* outside what the rule accepts */
    /* personal ID numbers */
    CCCD_E_ID_LENGTH,
    CCCD_E_ID_NONDIGIT,
    CCCD_E_ID_PROVINCE,
    CCCD_E_ID_CENTURY,   /* the century/sex digit disagrees with the date of birth */
    CCCD_E_ID_YEAR,      /* the birth year digits disagree with the date of birth */
    CCCD_E_ID_SEX,       /* the century/sex digit disagrees with the sex */
    CCCD_E_ID_FUTURE,    /* the encoded birth year is after today */
    CCCD_E_ID_EXHAUSTED, /* no free number left for that prefix */
    CCCD_E_SEX,          /* a sex value is not M or F */
    /* MRZ */
    CCCD_E_MRZ_SHAPE, /* wrong number of lines or line length */
    CCCD_E_MRZ_CHAR,  /* a character outside A-Z 0-9 < */
    CCCD_E_MRZ_FIELD, /* a field has the wrong content for its kind */
    CCCD_E_MRZ_CHECK, /* a check digit does not match */
    CCCD_E_MRZ_NAME,  /* a name cannot be written in the MRZ */
    /* card validity */
    CCCD_E_CARD_DATES, /* issue date before birth, etc. */
    /* administrative units */
    CCCD_E_UNITS_FORMAT,      /* the unit list does not have the expected layout */
    CCCD_E_UNIT_UNKNOWN,      /* no unit with that code */
    CCCD_E_UNIT_DUP,          /* a unit code appears twice */
    CCCD_E_UNIT_NOT_IN_FORCE, /* the unit does not exist at that date */
    /* storage */
    CCCD_E_STORE_URL,  /* a database URL that cccd does not understand */
    CCCD_E_STORE,      /* the database failed (I/O, connection, SQL) */
    CCCD_E_STORE_BUSY, /* locked or a serialization conflict: the transaction may be retried */
    CCCD_E_STORE_CONSTRAINT, /* a constraint refused the change */
    CCCD_E_STORE_NEWER,      /* the database's schema is newer than this program knows */
    CCCD_E_STORE_SCHEMA,     /* the database has no schema, or an older one: run cccd init */
    /* accounts, sessions, audit */
    CCCD_E_ROLE,            /* not one of the roles */
    CCCD_E_USERNAME,        /* a user name that breaks the naming rule */
    CCCD_E_PASSWORD_POLICY, /* a new password too short, too long or not text */
    CCCD_E_ACCOUNT_EXISTS,  /* a user of that name exists already */
    CCCD_E_ACCOUNT_UNKNOWN, /* no user of that name */
    CCCD_E_LOGIN,           /* wrong user name or password, or the account is disabled */
    CCCD_E_LOGIN_LOCKED,    /* too many failed logins: wait before the next try */
    CCCD_E_TOKEN,           /* no token, or an unknown, expired or revoked one */
    CCCD_E_FORBIDDEN,       /* the role or the jurisdiction does not allow it */
    CCCD_E_AUDIT_BROKEN,    /* the audit chain was altered: an entry changed or went missing */
    CCCD_E_UNAVAILABLE,     /* shutting down, or the audit log cannot be written */
    /* points, kits, shifts, tickets */
    CCCD_E_POINT_UNKNOWN, /* no point of service with that id */
    CCCD_E_POINT_EXISTS,  /* the unit has a point of that name already */
    CCCD_E_KIT_UNKNOWN,   /* no kit with that serial number */
    CCCD_E_KIT_EXISTS,    /* a kit with that serial number is registered already */
    /* officers at points */
    CCCD_E_STAFF_UNKNOWN,  /* no assignment with that id */
    CCCD_E_STAFF_OVERLAP,  /* the officer is assigned to another point on some of those days */
    CCCD_E_TICKET_UNKNOWN, /* no ticket with that number */
    /* the queue at a point (service/queue.h) */
    CCCD_E_QUEUE_UNKNOWN,   /* no queue entry with that id */
    CCCD_E_QUEUE_STATE,     /* the entry is not in a state that allows it (not called...) */
    CCCD_E_QUEUE_ACTIVE,    /* the person is already waiting or at the desk at that point */
    CCCD_E_QUEUE_EMPTY,     /* no one is waiting */
    CCCD_E_TICKET_WRONG,    /* the ticket is for another point or day */
    CCCD_E_CITIZEN_UNKNOWN, /* no citizen with that personal ID */
    CCCD_E_CITIZEN_SERVED,  /* the person does not need a card (deceased, under 14, valid card) */
    /* applications (issue 6, docs/enrollment.md) */
    CCCD_E_APP_UNKNOWN, /* no application with that id */
    CCCD_E_APP_STATE,   /* the application's state does not allow that step */
    CCCD_E_APP_REFUSED, /* no application may be opened (under 14, deceased, valid card) */
    CCCD_E_APP_OPEN,    /* the person has an application open already */
    CCCD_E_APP_REQUEST, /* the request id was used for another person */
    CCCD_E_CORRECTION,  /* a correction that cannot be made (field, value, state) */
    /* biometrics: the portrait, fingerprints, sealed storage */
    CCCD_E_PHOTO_FORMAT,  /* not a JPEG that decodes, or of a size no portrait has */
    CCCD_E_PHOTO_REFUSED, /* the photo decodes but breaks a rule (dark, blank...): retake it */
    CCCD_E_FINGER_FORMAT, /* not an 8-bit grayscale 500 ppi PNG, or of an impossible size */
    CCCD_E_SEAL_KEY,      /* the key file is missing, malformed or readable by others */
    CCCD_E_SEAL_FORMAT,   /* a sealed blob too short or of an unknown version */
    CCCD_E_SEAL_TAMPERED, /* a sealed blob fails authentication: altered, wrong key or owner */
    /* production */
    CCCD_E_BATCH_UNKNOWN,    /* no production batch with that id */
    CCCD_E_BATCH_STATE,      /* the batch's cards are not all produced, or it left already */
    CCCD_E_MANIFEST_UNKNOWN, /* no manifest with that id */
    /* PKI and signing */
    CCCD_E_PKI_FILE,       /* a key, certificate, CRL or passphrase file is missing or malformed */
    CCCD_E_PKI_PASSPHRASE, /* the passphrase does not open the private key */
    CCCD_E_PKI_EXISTS,     /* a CSCA or Document Signer is in that directory already */
    CCCD_E_PKI_ISSUER,     /* a certificate that this CSCA did not issue */
    CCCD_E_PKI_CERT,       /* a certificate unfit for its use (key usage, key mismatch...) */
    CCCD_E_SOD_DG,         /* a data group number outside 1..16, twice, or a bad hash length */
    CCCD_E_SOD_FORMAT,     /* an EF.SOD that does not parse (wrapper, CMS, LDSSecurityObject) */
    CCCD_E_SOD_SIGNATURE,  /* passive authentication (a): the SOD's signature does not verify */
    CCCD_E_SOD_CHAIN,      /* (b): the DS certificate does not chain to a trusted CSCA */
    CCCD_E_SOD_EXPIRED,    /* (b): the DS or CSCA certificate is outside its validity */
    CCCD_E_SOD_REVOKED,    /* (b): the DS certificate is on its CSCA's CRL */
    CCCD_E_SOD_HASH,       /* (c): a data group's SHA-256 differs from the SOD's, or is absent */
    CCCD_E_SIGNER_UNAVAILABLE, /* the document signer process is not answering */
    CCCD_E_SIGNER_REFUSED,     /* the document signer refused the request as malformed */
    CCCD_E_SIGNER_FAILED,      /* the document signer could not sign, or answered garbage */
    /* chip data (issue 7, docs/chip.md) */
    CCCD_E_CARD_FIELD,   /* a field of the card's data is missing or malformed */
    CCCD_E_LDS_FORMAT,   /* a chip file (EF.COM, EF.DGn) is malformed, cut short or inconsistent */
    CCCD_E_LDS_MISMATCH, /* two chip files disagree (DG1's MRZ and DG13's details) */
    /* campaigns and quotas (issue 8, docs/progress.md) */
    CCCD_E_QUOTA_UNKNOWN, /* the unit has no quota to split or to measure against */
    CCCD_E_QUOTA_SCOPE,   /* the unit is not below the one whose quota is split, or split twice */
    CCCD_E_INCIDENT_UNKNOWN, /* no incident with that id */
    CCCD_E_INCIDENT_STATE,   /* the incident is closed already, or not yet assigned */
    CCCD_E_ADVICE_UNKNOWN,   /* no advice proposal with that id */
    CCCD_E_ADVICE_DECIDED,   /* the proposal was accepted, dismissed or replaced already */
    CCCD_E_ADVICE_STALE,     /* the kit or officer of the proposal is no longer where it was */
    CCCD_E__COUNT
} cccd_errc;

/* A filled-in error. Caller-owned, fixed size, no allocation: safe when memory is short. */
typedef struct cccd_err {
    cccd_errc code;
    char field[48]; /* the offending field, "" when none */
    size_t pos;     /* 1-based position within the field, 0 when none */
    char msg[256];  /* one line, for the user */
} cccd_err;

/* Sets *err (when err is not NULL) and returns code, so callers can `return cccd_err_set(...)`.
 * field may be NULL. The message is printf-formatted and truncated to fit. */
cccd_errc cccd_err_set(cccd_err *err, cccd_errc code, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Same, with a 1-based position inside the field. */
cccd_errc cccd_err_set_pos(cccd_err *err, cccd_errc code, const char *field, size_t pos,
                           const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Clears *err to "no error". */
void cccd_err_clear(cccd_err *err);

/* The stable name of a code ("id.length"); never NULL. */
const char *cccd_errc_name(cccd_errc code);

/* The kind of a code. */
cccd_errkind cccd_errc_kind(cccd_errc code);

#endif
