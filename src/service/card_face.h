/*
 * card_face.h: the printed front and back of the ID-1 card (85.6 x 54 mm) as PNG images, drawn
 * with cairo in DejaVu Sans from the same cccd_card_data the chip's files are made from: the
 * portrait (decoded with libjpeg-turbo), the QR code of the front (libqrencode), the MRZ of the
 * back (core/mrz.c, in DejaVu Sans Mono).
 *
 * Why this exists: card production prints what the chip holds, and the demo and tests need to
 * see both sides. This is open-source demonstration software: every face carries "MẪU /
 * SPECIMEN" and "no validity" wording, and the layout is plausible, not a copy of the real
 * card's security printing. docs/chip.md, "The printed faces", describes the layout.
 */
#ifndef CCCD_SERVICE_CARD_FACE_H
#define CCCD_SERVICE_CARD_FACE_H

#include <stddef.h>

#include "chip/card_data.h"
#include "core/error.h"

/* The image size: ID-1 at 300 dpi. */
#define CCCD_CARD_FACE_W 1012
#define CCCD_CARD_FACE_H 638

typedef enum cccd_card_side { CCCD_CARD_FRONT, CCCD_CARD_BACK } cccd_card_side;

/* The text of the front's QR code (docs/chip.md): personal ID|old ID|full name|date of birth
 * ddmmyyyy (mmyyyy or yyyy when partial)|sex (Nam/Nữ)|place of residence|issue date ddmmyyyy.
 * *out is a new string owned by the caller (free()). Checks the card data first. */
cccd_errc cccd_card_qr_text(const cccd_card_data *card, char **out, cccd_err *err);

/* Draws one side as PNG bytes into *out (new, owned by the caller: free()) of *len bytes.
 * The front needs the portrait: CCCD_E_PHOTO_FORMAT when it is missing, not a JPEG or does not
 * decode. Card data errors as cccd_card_data_check; CCCD_E_NOMEM. */
cccd_errc cccd_card_face_png(const cccd_card_data *card, cccd_card_side side, unsigned char **out,
                             size_t *len, cccd_err *err);

/* The same, written to a new file at path (never replacing one: an existing file is an error
 * CCCD_E_IO "... exists"). On failure nothing is left at path. */
cccd_errc cccd_card_face_write(const cccd_card_data *card, cccd_card_side side, const char *path,
                               cccd_err *err);

/* Releases cairo's and fontconfig's process-wide caches (fonts, patterns), so that a leak
 * checker at exit sees only real leaks. Call once, at the end of a program that drew faces;
 * nothing may be drawn afterwards. */
void cccd_card_face_release_caches(void);

#endif
