# printed tickets (cccd tickets pdf, tickets png): a small plan of district 341 first
needs: shared
cmd: export CCCD_DB=sqlite:t.db CCCD_TODAY=2025-03-01; $CCCD init >/dev/null && $CCCD units import $SHARED/units-2025-03.json >/dev/null && $CCCD synth --province 34 --population 2000 --seed 11 --dirty 0 --at 2025-03-01 --units $SHARED/units-2025-03.json --out p.csv && $CCCD registry import p.csv --as-of 2025-03-01 >/dev/null && $CCCD point add 341 --name "Công an huyện Thái Thụy" --address "Thị trấn Diêm Điền" >/dev/null && $CCCD point add 341 --name "Đội lưu động" --address "Xe số 2" --kind mobile --place "Nhà văn hoá thôn 3" --from 2025-03-10 --to 2025-03-11 >/dev/null && $CCCD shift set 1 1 07:00-11:00 >/dev/null && $CCCD shift set 2 1 13:00-15:00 >/dev/null && $CCCD kit add MAY-1 --unit 34 >/dev/null && $CCCD kit add MAY-2 --unit 34 >/dev/null && $CCCD kit assign MAY-1 --point 1 >/dev/null && $CCCD kit assign MAY-2 --point 2 >/dev/null && $CCCD plan 341 --from 2025-03-10 --to 2025-03-11
exit: 0
out: plan of 341 Huyện Thái Thụy, 2025-03-10 to 2025-03-11
out: ticketed

# the PDF of one day: one page per ticket of that day, as many as `tickets list` shows
needs: shared
cmd: export CCCD_DB=sqlite:t.db; $CCCD tickets pdf 341 --on 2025-03-10 --out day.pdf && n=$($CCCD tickets list 341 --at 2025-03-10 --csv | grep -c ',2025-03-10,') && pages=$(pdfinfo day.pdf | sed -n 's/^Pages: *//p') && echo "pages $pages list $n" && [ "$pages" = "$n" ] && echo same-count && pdftotext day.pdf - | head -12
exit: 0
out: wrote
out: tickets to day.pdf
out: same-count
out: GIẤY HẸN LÀM CĂN CƯỚC
out: Thứ Hai, 10/3/2025
out: 07:00–08:00
out-not: 11/3/2025

# the first page is the first ticket of the list, with its holder's name from the registry
needs: shared
cmd: export CCCD_DB=sqlite:t.db; first=$($CCCD tickets list 341 --at 2025-03-10 --csv | sed -n 2p) && tk=${first%%,*} && pid=$(echo "$first" | cut -d, -f2) && name=$($CCCD registry show "$pid" | sed -n 's/^full_name *//p') && [ -n "$name" ] && [ -n "$tk" ] && echo "name [$name]" && pdftotext -f 1 -l 1 day.pdf - | tr '\n' ' ' | grep -F "$name" | grep -F "$tk" >/dev/null && echo first-page-ok
exit: 0
out: first-page-ok

# only one point: the mobile team's tickets show its place
needs: shared
cmd: export CCCD_DB=sqlite:t.db; $CCCD tickets pdf 341 --point 2 --on 2025-03-10 --out p2.pdf && pdftotext p2.pdf - | sort -u
exit: 0
out: Đội lưu động
out: Tại: Nhà văn hoá thôn 3
out: Thứ Hai, 10/3/2025
out: 13:00–14:00
out-not: Công an huyện Thái Thụy

# one ticket as a PNG: its QR code reads back as the ticket number
needs: shared
cmd: export CCCD_DB=sqlite:t.db; tk=$($CCCD tickets list 341 --at 2025-03-10 --csv | sed -n 3p | cut -d, -f1) && $CCCD tickets png "$tk" --out one.png && file one.png && [ "$(zbarimg --raw -q one.png 2>/dev/null)" = "$tk" ] && echo qr-ok
exit: 0
out: PNG image data, 596 x 840
out: qr-ok

# no ticket matches: one line, exit 1, no file written
needs: shared
cmd: export CCCD_DB=sqlite:t.db; $CCCD tickets pdf 341 --on 2025-03-20 --out none.pdf; echo "rc $?"; test ! -e none.pdf && echo nothing-written
exit: 0
out: rc 1
out: nothing-written
err: cccd: no tickets of 341 on 2025-03-20 to print
err-lines: 1

# an unknown ticket number
needs: shared
cmd: export CCCD_DB=sqlite:t.db; $CCCD tickets png 341-9999999 --out x.png; echo "rc $?"; test ! -e x.png && echo nothing-written
exit: 0
out: rc 1
out: nothing-written
err: cccd: there is no ticket 341-9999999
err-lines: 1

# a file that cannot be written
needs: shared
cmd: export CCCD_DB=sqlite:t.db; $CCCD tickets pdf 341 --on 2025-03-10 --out /nonexistent/t.pdf
exit: 1
err: cannot write /nonexistent/t.pdf: No such file or directory
err-lines: 1

# --out is required
cmd: $CCCD tickets pdf 341; echo "rc $?"; $CCCD tickets png 341-0000001
exit: 2
out: rc 2
err: --out FILE is required
