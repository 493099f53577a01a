/*
 * card_data.h: what one Vietnamese identity card (CCCD) says, as one struct that the chip's
 * files (chip/lds.h), the printed faces (service/card_face.h) and the CLI all take, so that the
 * chip, the front, the back and the MRZ are made from the same values and cannot drift apart.
 *
 * Every string is borrowed UTF-8 (the caller keeps it alive for the duration of a call); the
 * portrait is borrowed JPEG bytes. docs/chip.md says where each field goes.
 */
#ifndef CCCD_CHIP_CARD_DATA_H
#define CCCD_CHIP_CARD_DATA_H

#include <stddef.h>

#include "core/date.h"
#include "core/error.h"
#include "core/mrz.h"

/* The card's nationality as printed and as written in EF.DG13. */
#define CCCD_CARD_NATIONALITY_VN "Việt Nam"
/* What the expiry reads on a card that never expires. */
#define CCCD_CARD_NO_EXPIRY "Không thời hạn"

typedef struct cccd_card_data {
    const char *personal_id;        /* 12 digits: also the card number; the MRZ's document
                                       number is its last 9 digits */
    const char *full_name;          /* "Nguyễn Văn A": first word surname (for the MRZ) */
    cccd_date birth;                /* DAY, MONTH or YEAR precision (old records) */
    char sex;                       /* 'M' (Nam) or 'F' (Nữ) */
    const char *nationality;        /* NULL or "" = "Việt Nam" */
    const char *ethnicity;          /* "Kinh" */
    const char *religion;           /* "Không" when none */
    const char *place_of_origin;    /* quê quán */
    const char *place_of_residence; /* nơi thường trú */
    const char *identifying_marks;  /* đặc điểm nhân dạng */
    cccd_date issued;               /* a full date */
    cccd_date expiry;               /* a full date; precision NONE = no expiry */
    const char *father_name;        /* may be "" */
    const char *mother_name;        /* may be "" */
    const char *spouse_name;        /* may be "" */
    const char *old_id;             /* the 9-digit CMND number, or "" (NULL = "") */
    const unsigned char *portrait;  /* the portrait JPEG (borrowed), portrait_len bytes */
    size_t portrait_len;
} cccd_card_data;

/* Checks what every file and face relies on: personal_id 12 digits, full_name and the other
 * texts valid UTF-8 (NULL counts as ""), full_name, ethnicity, religion, place_of_origin and
 * place_of_residence not empty, birth not NONE, sex 'M' or 'F', issued a full date not before
 * birth, expiry NONE or a full date after issued, old_id "" or 9 digits. The portrait is not
 * looked at (the DG2 encoder and the faces check it). Errors: CCCD_E_CARD_FIELD naming the
 * field, CCCD_E_UTF8. */
cccd_errc cccd_card_data_check(const cccd_card_data *card, cccd_err *err);

/* The nationality to write: card->nationality, or "Việt Nam" when it is NULL or "". */
const char *cccd_card_nationality(const cccd_card_data *card);

/* The sex as the card writes it: "Nam" for 'M', "Nữ" for 'F', "" otherwise. */
const char *cccd_card_sex_vi(char sex);

/* The three MRZ lines of the card (core/mrz.h: document number = last 9 digits of the personal
 * ID, nationality VNM). */
cccd_errc cccd_card_mrz(const cccd_card_data *card, cccd_mrz *out, cccd_err *err);

#endif
