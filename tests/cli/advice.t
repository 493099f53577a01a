# resource advice: Thái Bình's Vũ Thư (2 kits, 2 officers, 80 a day) needs 1.000 in 10 days; Kiến Xương needs 200 and makes 80; Thanh Hóa's Đông Sơn has 2 kits and 2 officers and no quota
cmd: export CCCD_DB=sqlite:a.db CCCD_TODAY=2025-03-10 CCCD_PASSWORD='mật khẩu dài 2026'; printf '%s' '{"data":[{"level1_id":"34","name":"Thái Bình","type":"Tỉnh","level2s":[{"level2_id":"336","name":"Vũ Thư","type":"Huyện","level3s":[{"level3_id":"12001","name":"Tam Quang","type":"Xã"}]},{"level2_id":"337","name":"Kiến Xương","type":"Huyện","level3s":[{"level3_id":"12002","name":"Vũ Quý","type":"Xã"}]}]},{"level1_id":"38","name":"Thanh Hóa","type":"Tỉnh","level2s":[{"level2_id":"380","name":"Đông Sơn","type":"Huyện","level3s":[{"level3_id":"14001","name":"Đông Hòa","type":"Xã"}]}]}]}' > u.json && $CCCD init >/dev/null && $CCCD units import u.json >/dev/null && for d in 336 337 380; do $CCCD point add $d --name "Công an $d" --address "Số 1" --per-kit-hour 5 --at 2025-03-01 >/dev/null || exit 1; done; for p in 1 2 3; do $CCCD shift set $p 1 08:00-16:00 >/dev/null || exit 1; done; for k in VT-1:336 VT-2:336 KX-1:337 KX-2:337 DS-1:380 DS-2:380; do $CCCD kit add ${k%:*} --unit ${k#*:} --on 2025-03-01 >/dev/null || exit 1; done; for u in vt1:336:1 vt2:336:1 kx1:337:2 kx2:337:2 ds1:380:3 ds2:380:3; do IFS=: read n c p <<< "$u"; $CCCD user add $n --role officer --unit $c >/dev/null && $CCCD staff assign $p $n --from 2025-03-01 >/dev/null || exit 1; done; $CCCD quota set 336 --target 1000 --deadline 2025-03-19 && $CCCD quota set 337 --target 200 --deadline 2025-03-19
exit: 0
out: quota of 336: 1000 by 2025-03-19

# one kit with its officer from Kiến Xương saves Vũ Thư: the table and the reason in numbers
cmd: export CCCD_DB=sqlite:a.db CCCD_TODAY=2025-03-10; $CCCD advice 34
exit: 0
out: advice for 34 Thái Bình on 2025-03-10: 1 proposal
out: #1 kit+officer KX-1 kx1 from 337 to 336 [proposed]
out: Vũ Thư needs 1.000 more by 19/3/2025 (10 days, 100/day) and makes 80/day with 2 kits and 2 officers; one kit with its officer from Kiến Xương (spare 60/day: makes 80/day, needs 20/day) brings it to 120/day: it meets the deadline
out-not: Đông Sơn

# the same as JSON, the numbers of both units; a new run replaces the open proposal (#2)
cmd: export CCCD_DB=sqlite:a.db CCCD_TODAY=2025-03-10; $CCCD advice 34 --json | tr -d ' \n'
exit: 0
out: "id":2,"state":"proposed","kind":"kit+officer","unit":"34","date":"2025-03-10"
out: "from":{"capacity_after":40,"capacity_before":80,"code":"337"
out: "to":{"capacity_after":120,"capacity_before":80,"code":"336"
out: "meeting":["336","337"],"short":[]

# the replaced proposal cannot be accepted; a bad id is one line
cmd: export CCCD_DB=sqlite:a.db CCCD_TODAY=2025-03-10; $CCCD advice accept 1; echo "rc $?"; $CCCD advice accept x
exit: 1
out: rc 1
err: id: proposal 1 was replaced already
err: ID: 'x' is not a number

# accepting moves the kit and the officer, today; the kit's history and the point's officers show it
cmd: export CCCD_DB=sqlite:a.db CCCD_TODAY=2025-03-10; $CCCD advice accept 2 && $CCCD kit history KX-1 && $CCCD staff list 1 && $CCCD staff list 2 --from 2025-03-09
exit: 0
out: #2 kit+officer KX-1 kx1 from 337 to 336 [accepted]
out: 2025-03-10  point   1          advice 2 (unit 336@)
out: kx1                  officer    2025-03-10  (no end)   advice 2
out: kx1                  officer    2025-03-01  2025-03-09

# accepting twice is refused; the acceptance is on the audit log, whose chain is whole
cmd: export CCCD_DB=sqlite:a.db CCCD_TODAY=2025-03-10; $CCCD advice accept 2; echo "rc $?"; $CCCD audit verify
exit: 0
out: rc 1
err: id: proposal 2 was accepted already
err-lines: 1

# Vũ Thư meets its deadline now: no proposal
cmd: export CCCD_DB=sqlite:a.db CCCD_TODAY=2025-03-10; $CCCD advice 34
exit: 0
out: advice for 34 Thái Bình on 2025-03-10: 0 proposals

# a bigger quota leaves Vũ Thư short with nothing in Thái Bình to spare; once Thanh Hóa is a neighbour, Đông Sơn lends a kit with its officer
cmd: export CCCD_DB=sqlite:a.db CCCD_TODAY=2025-03-10; $CCCD quota set 336 --target 1500 --deadline 2025-03-19 >/dev/null && $CCCD advice 34 | grep -c '^#'; printf 'a,b\n34,38\n' > nb.csv && $CCCD neighbours import nb.csv && $CCCD advice 34
exit: 0
out: 0
out: 1 pairs of neighbouring provinces
out: #3 kit+officer DS-1 ds1 from 380 to 336 [proposed]
out: one kit with its officer from Đông Sơn in a neighbouring province (no quota to reach by a deadline: 80/day with 2 kits and 2 officers) brings it to 160/day: it meets the deadline

# a stale proposal (its kit broke since) is refused and nothing moves; dismissing it is done
cmd: export CCCD_DB=sqlite:a.db CCCD_TODAY=2025-03-10; $CCCD kit state DS-1 broken >/dev/null && $CCCD advice accept 3; echo "rc $?"; $CCCD advice dismiss 3 && $CCCD kit history DS-1 | grep -c point
exit: 1
out: rc 1
out: #3 kit+officer DS-1 ds1 from 380 to 336 [dismissed]
out: 0
err: id: kit DS-1 is no longer working at Đông Sơn (broken): advise again

# a neighbours file with a bad line, or an unknown province, changes nothing
cmd: export CCCD_DB=sqlite:a.db CCCD_TODAY=2025-03-10; printf '34;38\n' > bad.csv; $CCCD neighbours import bad.csv; echo "rc $?"; printf '34,99\n' > bad2.csv; $CCCD neighbours import bad2.csv
exit: 1
out: rc 1
err: bad.csv line 1: expected a,b (two province codes)
err: bad2.csv: pair 1: no province with code 99
