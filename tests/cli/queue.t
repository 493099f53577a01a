# the queue at a point: a commune of four people (one holding a valid chip card), two points, a plan that tickets two of them at point 1 on 2025-03-10 at 07:00
cmd: export CCCD_DB=sqlite:q.db CCCD_TODAY=2025-03-10; printf '%s' '{"data":[{"level1_id":"01","name":"Thành phố Hà Nội","type":"Thành phố Trung ương","level2s":[{"level2_id":"001","name":"Quận Ba Đình","type":"Quận","level3s":[{"level3_id":"00001","name":"Phường Phúc Xá","type":"Phường"},{"level3_id":"00004","name":"Phường Trúc Bạch","type":"Phường"}]},{"level2_id":"002","name":"Quận Hoàn Kiếm","type":"Quận","level3s":[{"level3_id":"00037","name":"Phường Phúc Tân","type":"Phường"}]}]}]}' > u.json && printf '%s\n' 'personal_id,full_name,date_of_birth,sex,ethnicity,religion,nationality,place_of_origin,permanent_commune,permanent_address,household_id,relation_to_head,residential_group,temporary_commune,temporary_address,status,mobility,old_id_number,card_type,card_number,card_issued,card_expiry,father_name,mother_name,spouse_name' '001090000001,Nguyễn Văn An,1990-01-01,M,Kinh,Không,Việt Nam,Hà Nội,00001,Số 1,HK1,Chủ hộ,Tổ 1,,,alive,normal,,,,,,,,' '001190000002,Trần Thị Bình,1990-02-02,F,Kinh,Không,Việt Nam,Hà Nội,00001,Số 2,HK2,Chủ hộ,Tổ 1,,,alive,normal,,,,,,,,' '001090000003,Nguyễn Văn Cường,1990-03-03,M,Kinh,Không,Việt Nam,Hà Nội,00004,Số 3,HK3,Chủ hộ,Tổ 1,,,alive,normal,,,,,,,,' '001090000007,Nguyễn Văn Giang,1990-07-07,M,Kinh,Không,Việt Nam,Hà Nội,00001,Số 7,HK7,Chủ hộ,Tổ 1,,,alive,normal,,chip,001090000007,2021-07-07,2030-07-07,,,' > p.csv && $CCCD init >/dev/null && $CCCD units import u.json >/dev/null && $CCCD registry import p.csv --as-of 2025-03-01 >/dev/null && $CCCD point add 00001 --name "Công an phường Phúc Xá" --address "Số 1" >/dev/null && $CCCD point add 00004 --name "Công an phường Trúc Bạch" --address "Số 2" >/dev/null && $CCCD shift set 1 1 07:00-11:00 >/dev/null && $CCCD kit add K1 --unit 00001 >/dev/null && $CCCD kit assign K1 --point 1 >/dev/null && $CCCD plan 00001 --from 2025-03-10 --to 2025-03-10 >/dev/null && $CCCD tickets list 00001
exit: 0
out: 00001-0000001          001090000001  point 1    2025-03-10  shift 1  07:00-08:00
out: 00001-0000002          001190000002  point 1    2025-03-10  shift 1  07:00-08:00

# a walk-in from the next commune comes first, then Bình with her ticket
cmd: export CCCD_DB=sqlite:q.db CCCD_TODAY=2025-03-10; CCCD_NOW=06:50 $CCCD queue checkin 1 --person 001090000003 && CCCD_NOW=06:55 $CCCD queue checkin 1 --ticket 00001-0000002
exit: 0
out: number 1 (entry 1): 001090000003 Nguyễn Văn Cường, walk-in, waiting
out: number 2 (entry 2): 001190000002 Trần Thị Bình, ticket 00001-0000002 (07:00), waiting

# nobody waits twice, by ticket or by ID
cmd: export CCCD_DB=sqlite:q.db CCCD_TODAY=2025-03-10; $CCCD queue checkin 1 --person 001190000002
exit: 1
err: 001190000002 is already waiting at point 1 today (number 2)
err-lines: 1

# a ticket for another point names where and when it is for
cmd: export CCCD_DB=sqlite:q.db CCCD_TODAY=2025-03-10; $CCCD queue checkin 2 --ticket 00001-0000001
exit: 1
err: ticket 00001-0000001 is for point 1 (Công an phường Phúc Xá) on 2025-03-10, 07:00-08:00, not point 2 on 2025-03-10
err-lines: 1

# a day late at the same point: refused by ticket, told to check in as a walk-in
cmd: export CCCD_DB=sqlite:q.db CCCD_TODAY=2025-03-11; $CCCD queue checkin 1 --ticket 00001-0000001
exit: 1
err: its day is past: check the person in as a walk-in by personal ID
err-lines: 1

# an unknown ticket, someone with a valid card, someone not in the registry, a malformed ID
cmd: export CCCD_DB=sqlite:q.db CCCD_TODAY=2025-03-10; $CCCD queue checkin 1 --ticket 00001-0000099; echo "rc $?"; $CCCD queue checkin 1 --person 001090000007; echo "rc $?"; $CCCD queue checkin 1 --person 001090000099; echo "rc $?"; $CCCD queue checkin 1 --person 12ab
exit: 1
out: rc 1
out-not: rc 0
err: no ticket numbered '00001-0000099'
err: 001090000007 does not need a card
err: no citizen with personal ID 001090000099
err-lines: 4

# both or neither of --ticket and --person is a usage error
cmd: $CCCD queue checkin 1 --ticket x --person 001090000001
exit: 2
err: give exactly one of --ticket and --person

# 07:10: Bình's window has begun, so she is called before the walk-in who came first
cmd: export CCCD_DB=sqlite:q.db CCCD_TODAY=2025-03-10 CCCD_NOW=07:10; $CCCD queue next 1
exit: 0
out: number 2 (entry 2): 001190000002 Trần Thị Bình, ticket 00001-0000002 (07:00), called, waited 15 min

# then the walk-in, as JSON; then nobody is left
cmd: export CCCD_DB=sqlite:q.db CCCD_TODAY=2025-03-10 CCCD_NOW=07:20; $CCCD queue next 1 --json && $CCCD queue next 1
exit: 1
out: "full_name": "Nguyễn Văn Cường"
out: "wait_minutes": 30
err: no one is waiting at point 1

# the walk-in is served; only a called entry can be closed
cmd: export CCCD_DB=sqlite:q.db CCCD_TODAY=2025-03-10 CCCD_NOW=07:35; $CCCD queue served 1 && $CCCD queue served 1
exit: 1
out: number 1 (entry 1): 001090000003 Nguyễn Văn Cường, walk-in, served, waited 30 min
err: queue entry 1 is served, not called
err-lines: 1

# Bình did not come to the desk: a no-show, her ticket withdrawn
cmd: export CCCD_DB=sqlite:q.db CCCD_TODAY=2025-03-10 CCCD_NOW=07:40; $CCCD queue noshow 2 && $CCCD tickets list 00001
exit: 0
out: ticket 00001-0000002 withdrawn: 001190000002 is back on the remaining list for the next plan
out: 00001-0000001
out-not: 00001-0000002          001190000002

# the next plan places her again (a new ticket)
cmd: export CCCD_DB=sqlite:q.db CCCD_TODAY=2025-03-10; $CCCD plan 00001 --from 2025-03-11 --to 2025-03-11 >/dev/null && $CCCD tickets list 00001
exit: 0
out: 001190000002  point 1    2025-03-11

# an unknown entry
cmd: export CCCD_DB=sqlite:q.db; $CCCD queue noshow 99
exit: 1
err: there is no queue entry 99
err-lines: 1

# the day's queue: counts, each wait, the average and the longest
cmd: export CCCD_DB=sqlite:q.db CCCD_TODAY=2025-03-10 CCCD_NOW=08:00; $CCCD queue show 1 && $CCCD queue show 1 --on 2025-03-09
exit: 0
out: point 1 on 2025-03-10: 0 waiting, 0 called, 1 served, 1 no-show
out: number 2 (entry 2): 001190000002 Trần Thị Bình, ticket 00001-0000002 (07:00), no_show, waited 15 min
out: wait of the 2 called: average 22 min, longest 30 min
out: point 1 on 2025-03-09: 0 waiting, 0 called, 0 served, 0 no-show

# JSON of the day, and an unknown point
cmd: export CCCD_DB=sqlite:q.db CCCD_TODAY=2025-03-10; $CCCD queue show 1 --json; $CCCD queue show 9
exit: 1
out: "wait_max_minutes": 30
out: "no_show": 1
err: there is no point 9

# every queue write is on the audit log, and the chain holds
cmd: export CCCD_DB=sqlite:q.db; sqlite3 q.db "SELECT action, target FROM audit_log WHERE action LIKE 'queue.%' ORDER BY seq" && $CCCD audit verify
exit: 0
out: queue.checkin|001090000003
out: queue.call|001190000002
out: queue.no_show|001190000002
out-lines: 7
