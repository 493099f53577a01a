# points, kits, shifts and a plan of district 341 (Thái Thụy) on a small synthetic population
needs: shared
cmd: export CCCD_DB=sqlite:p.db CCCD_TODAY=2025-03-01; $CCCD init >/dev/null && $CCCD units import $SHARED/units-2025-03.json --reform $SHARED/units-2025-07-splits.json >/dev/null && $CCCD synth --province 34 --population 3000 --seed 7 --dirty 0 --at 2025-03-01 --units $SHARED/units-2025-03.json --out p.csv && $CCCD registry import p.csv --as-of 2025-03-01 >/dev/null && $CCCD point add 341 --name "Công an huyện Thái Thụy" --address "Thị trấn Diêm Điền" && $CCCD point add 341 --name "Đội lưu động" --address "Xe số 2" --kind mobile --place "Nhà văn hoá thôn 3" --from 2025-03-10 --to 2025-03-12 --per-kit-hour 5 && $CCCD point add 341 --kind home --name "Tổ cấp tại nhà" --address "Công an huyện" && $CCCD point list 341
exit: 0
out: point 1: Công an huyện Thái Thụy (fixed, Huyện Thái Thụy)
out: 2     mobile 341   Đội lưu động, Xe số 2 (at Nhà văn hoá thôn 3, 2025-03-10 to 2025-03-12), 5 per kit-hour
out: 3     home   341

# a second point of the same name in the unit is refused
needs: shared
cmd: export CCCD_DB=sqlite:p.db CCCD_TODAY=2025-03-01; $CCCD point add 341 --name "Đội lưu động" --address "x"
exit: 1
err: unit 341 has a point named 'Đội lưu động' already
err-lines: 1

# a mobile point needs its place and period
cmd: $CCCD point add 341 --name x --address y --kind mobile
exit: 2
err: a mobile point needs --place, --from and --to

# shifts every day, one crossing midnight; a day closed; an extra early shift
needs: shared
cmd: export CCCD_DB=sqlite:p.db CCCD_TODAY=2025-03-01; $CCCD shift set 1 1 07:00-11:00 && $CCCD shift set 1 2 13:00-17:00 && $CCCD shift set 1 3 22:00-02:00 && $CCCD shift set 2 1 07:30-11:30 && $CCCD shift set 1 --on 2025-03-11 --closed && $CCCD shift set 1 4 05:00-07:00 --on 2025-03-12
exit: 0
out: point 1: shift 3 22:00-02:00 every day
out: point 1: closed on 2025-03-11
out: point 1: shift 4 05:00-07:00 on 2025-03-12

# a shift of no length, an unknown point
needs: shared
cmd: export CCCD_DB=sqlite:p.db; $CCCD shift set 1 1 07:00-07:00; echo "rc $?"; $CCCD shift set 99 1 07:00-08:00
exit: 1
out: rc 1
err: starts and ends at the same time
err: there is no point 99

# kits: held by the province, sent to the points, one breaks
needs: shared
cmd: export CCCD_DB=sqlite:p.db CCCD_TODAY=2025-03-01; $CCCD kit add MAY-001 --unit 34 && $CCCD kit add MAY-002 --unit 34 && $CCCD kit add MAY-003 --unit 34 && $CCCD kit assign MAY-001 --point 1 && $CCCD kit assign MAY-002 --point 1 --on 2025-03-10 && $CCCD kit assign MAY-003 --point 2 --on 2025-03-10 && $CCCD kit state MAY-001 broken --on 2025-03-13 --note camera
exit: 0
out: kit MAY-002: at point 1 from 2025-03-10
out: kit MAY-001: broken from 2025-03-13

# capacity follows the working kits: 1 kit, then 2, then 1 again after the breakdown
needs: shared
cmd: export CCCD_DB=sqlite:p.db; $CCCD shift list 1 --from 2025-03-09 --to 2025-03-13
exit: 0
out: 2025-03-09  shift 1  07:00-11:00       kits 1  capacity 24
out: 2025-03-10  shift 3  22:00-02:00 (+1)  kits 2  capacity 48
out: 2025-03-12  shift 4  05:00-07:00       kits 2  capacity 24
out: 2025-03-13  shift 1  07:00-11:00       kits 1  capacity 24
out-not: 2025-03-11

# a kit lent to another province: where it was on each day
needs: shared
cmd: export CCCD_DB=sqlite:p.db; $CCCD kit assign MAY-003 --unit 33 --on 2025-03-20 --note "lent to Hưng Yên" && $CCCD kit history MAY-003 --at 2025-03-15 && $CCCD kit history MAY-003 --at 2025-03-20 && $CCCD kit history MAY-003
exit: 0
out: kit MAY-003 on 2025-03-15: working, at point 2 (unit 341@)
out: kit MAY-003 on 2025-03-20: working, held by unit 33@
out: 2025-03-20  unit    33@        lent to Hưng Yên

# an unknown state, an unknown kit
needs: shared
cmd: export CCCD_DB=sqlite:p.db; $CCCD kit state NONE lost; echo "rc $?"; $CCCD kit state NONE broken
exit: 1
out: rc 2
err: a state is working, broken or in_transit, not 'lost'
err: there is no kit NONE

# the plan: every remaining resident, and everyone referred in, exactly once ticketed, at home, referred out, untraced or unplanned
needs: shared
cmd: export CCCD_DB=sqlite:p.db; $CCCD plan 341 --from 2025-03-10 --to 2025-03-13 > plan.txt && cat plan.txt && $CCCD plan 341 --from 2025-03-10 --to 2025-03-13 --json --dry-run | tr -d ' ,' | awk -F: '/^"(remaining|referred_in)"/{r+=$2} /^"(kept|home_visits|referred|untraced|unplanned|elsewhere)"/{s+=$2} END{print "accounted " s " of " r}'
exit: 0
out: plan of 341 Huyện Thái Thụy, 2025-03-10 to 2025-03-13
out: kept 0, moved 0
out: home visits
out: referred in               1
out: referred out              6
out: untraced                  0
out: accounted 108 of 108

# the tickets as CSV: one line each, by day and time
needs: shared
cmd: export CCCD_DB=sqlite:p.db CCCD_TODAY=2025-03-01; $CCCD tickets list 341 --csv > t.csv && head -2 t.csv && echo "lines $(wc -l < t.csv)" && grep ticketed plan.txt
exit: 0
out: ticket,personal_id,point,day,shift,window_start,window_end
out: 341-0000001,
out: ,1,2025-03-10,1,07:00,08:00
out: lines 100
out: ticketed                 99

# a kit breaks: the re-plan keeps what still fits and moves the rest
needs: shared
cmd: export CCCD_DB=sqlite:p.db; $CCCD kit state MAY-002 broken --on 2025-03-10 >/dev/null && $CCCD plan 341 --from 2025-03-10 --to 2025-03-13
exit: 0
out: moved 341-
out-not: new 1

# the home-visit list by commune and group with addresses, and where each referral goes
needs: shared
cmd: export CCCD_DB=sqlite:p.db; $CCCD plan 341 --from 2025-03-10 --to 2025-03-13 --dry-run --lists | sed -n '/^home visits (/,$p'
exit: 0
out: home visits (3)
out:   12826 Thị trấn Diêm Điền, Tổ dân phố 3
out: referred out (6)
out: to 13186 Xã Bình Định, Xóm 3: not ticketed there yet
out: untraced (0)

# the receiving commune plans the person referred to it (registered in 12859 of Thái Thụy, living in 13186)
needs: shared
cmd: export CCCD_DB=sqlite:p.db CCCD_TODAY=2025-03-01; $CCCD point add 13186 --name "Công an xã Bình Định" --address "Xã Bình Định" >/dev/null && $CCCD shift set 4 1 07:00-11:00 >/dev/null && $CCCD kit add MAY-004 --unit 13186 >/dev/null && $CCCD kit assign MAY-004 --point 4 >/dev/null && $CCCD plan 13186 --from 2025-03-10 --to 2025-03-13 && $CCCD tickets list 13186 --csv | grep 034301276978
exit: 0
out: referred in               1
out: 13186-0000003,034301276978,4,2025-03-10,1,07:00,08:00

# the sending district shows the referral with the ticket handed out there, and its re-plan keeps it
needs: shared
cmd: export CCCD_DB=sqlite:p.db; $CCCD plan 341 --from 2025-03-10 --to 2025-03-13 --lists | grep -E '034301276978|withdrawn' ; $CCCD tickets list 13186 --csv | grep -c 034301276978
exit: 0
out: to 13186 Xã Bình Định, Xóm 3: ticket 13186-0000003, 2025-03-10 07:00-08:00, point 4
out-not: withdrawn
out: 1

# whereabouts unknown: listed for the unit to trace, with the household, never ticketed
needs: shared
cmd: export CCCD_DB=sqlite:p.db; $CCCD plan 13180 --from 2025-03-10 --to 2025-03-13 --dry-run --lists | sed -n '/^untraced (/,$p'; $CCCD plan 13180 --from 2025-03-10 --to 2025-03-13 --dry-run --json | grep -A3 '"untraced_list"'
exit: 0
out: untraced (1)
out: 034305439512
out: (household HK13180
out: "personal_id": "034305439512"

# a range that ends before it starts; --to missing
needs: shared
cmd: export CCCD_DB=sqlite:p.db; $CCCD plan 341 --from 2025-03-10 --to 2025-03-01; echo "rc $?"; $CCCD plan 341 --from 2025-03-10
exit: 2
out: rc 1
err: is before from
err: --from and --to are required

# officers at points: one assigned for a period, one lent by another province; history by day
needs: shared
cmd: export CCCD_DB=sqlite:p.db CCCD_TODAY=2025-03-01 CCCD_PASSWORD='mật khẩu đủ dài'; $CCCD user add tuan --role officer --unit 341 >/dev/null && $CCCD user add lan --role officer --unit 38 >/dev/null && $CCCD staff assign 1 tuan --from 2025-03-10 --to 2025-03-20 && $CCCD staff assign 2 lan --from 2025-03-10 --note "Thanh Hoá tăng cường" && $CCCD staff list 2 --from 2025-03-12 && $CCCD staff list 1 --from 2025-03-21
exit: 0
out: assignment 1: tuan at point 1 from 2025-03-10 to 2025-03-20
out: assignment 2: lan at point 2 from 2025-03-10
out: 2      lan                  officer    2025-03-10  (no end)   Thanh Hoá tăng cường
out: no officer is assigned on those days

# an officer works at one point at a time; only officers and supervisors are assigned
needs: shared
cmd: export CCCD_DB=sqlite:p.db CCCD_TODAY=2025-03-01 CCCD_PASSWORD='mật khẩu đủ dài'; $CCCD staff assign 2 tuan --from 2025-03-15; echo "rc $?"; $CCCD user add chi --role commander --unit 341 >/dev/null; $CCCD staff assign 1 chi
exit: 1
out: rc 1
err: the officer is assigned to point 1 from 2025-03-10 over some of those days
err: chi is a commander; officers and supervisors work at points

# ending an assignment frees the officer for another point; the audit holds every change
needs: shared
cmd: export CCCD_DB=sqlite:p.db CCCD_TODAY=2025-03-14; $CCCD staff end 1 && $CCCD staff assign 2 tuan --from 2025-03-15 && $CCCD audit verify && sqlite3 p.db "SELECT action, target FROM audit_log ORDER BY seq" | sort | uniq -c
exit: 0
out: assignment 1: last day 2025-03-14
out: assignment 3: tuan at point 2 from 2025-03-15
out: 1 staff.assign|point:1
out: 2 staff.assign|point:2
out: 1 staff.end|assignment:1
out: plan.make|341
out: kit.state|kit:MAY-002
