/*
 * tickets_csv.c: tickets as CSV lines (see plan.h), one format for `cccd tickets list --csv`
 * and the API's text/csv answer, so a sheet printed from either reads the same.
 */
#include <inttypes.h>

#include "service/plan.h"

const char *const cccd_tickets_csv_header =
    "ticket,personal_id,point,day,shift,window_start,window_end\n";

int cccd_ticket_csv_row(FILE *f, const cccd_ticket *t) {
    char iso[11], a[6], b[6];
    return fprintf(f, "%s,%012" PRId64 ",%" PRId64 ",%s,%d,%s,%s\n", t->ticket, t->personal_id,
                   t->point_id, cccd_date_iso(cccd_date_from_days(t->day), iso), t->shift_no,
                   cccd_minutes_format(t->window_start, a), cccd_minutes_format(t->window_end, b));
}
