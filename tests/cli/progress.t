# quotas, campaigns, progress and incidents: two districts of Hà Nội, four people; three applications received on 10/3 and 11/3 through the desk's commands
cmd: export CCCD_DB=sqlite:q.db CCCD_TODAY=2025-03-10 CCCD_NOW=09:00; printf '%s' '{"data":[{"level1_id":"01","name":"Thành phố Hà Nội","type":"Thành phố Trung ương","level2s":[{"level2_id":"001","name":"Quận Ba Đình","type":"Quận","level3s":[{"level3_id":"00001","name":"Phường Phúc Xá","type":"Phường"},{"level3_id":"00004","name":"Phường Trúc Bạch","type":"Phường"}]},{"level2_id":"002","name":"Quận Hoàn Kiếm","type":"Quận","level3s":[{"level3_id":"00037","name":"Phường Phúc Tân","type":"Phường"}]}]}]}' > u.json && printf '%s\n' 'personal_id,full_name,date_of_birth,sex,ethnicity,religion,nationality,place_of_origin,permanent_commune,permanent_address,household_id,relation_to_head,residential_group,temporary_commune,temporary_address,status,mobility,old_id_number,card_type,card_number,card_issued,card_expiry,father_name,mother_name,spouse_name' '001090000001,Nguyễn Văn An,1990-01-01,M,Kinh,Không,Việt Nam,Hà Nội,00001,Số 1,HK1,Chủ hộ,Tổ 1,,,alive,normal,,,,,,,,' '001195000002,Đặng Thị Bình,1995-02-02,F,Kinh,Không,Việt Nam,Hà Nội,00001,Số 2,HK2,Chủ hộ,Tổ 1,,,alive,normal,,,,,,,,' '001085000003,Vũ Văn Cường,1985-05-05,M,Kinh,Không,Việt Nam,Hà Nội,00004,Số 3,HK3,Chủ hộ,Tổ 1,,,alive,normal,,,,,,,,' '001300000004,Phạm Thị Dịu,2000-04-04,F,Kinh,Không,Việt Nam,Hà Nội,00037,Số 4,HK4,Chủ hộ,Tổ 1,,,alive,normal,,,,,,,,' > p.csv && $CCCD init >/dev/null && $CCCD units import u.json >/dev/null && $CCCD registry import p.csv --as-of 2025-03-01 >/dev/null && $CCCD keygen --out k.key >/dev/null && $CCCD synth biometrics --id 001090000001 --worn 0 --out bio >/dev/null && for a in 1 2 3; do [ $a = 3 ] && export CCCD_TODAY=2025-03-11; $CCCD enroll open $(sed -n "$((a+1))p" p.csv | cut -d, -f1) --request-id r$a >/dev/null && $CCCD enroll photo $a bio/portrait.jpg --key k.key >/dev/null && for f in 01 02 03 04 05 06 07 08 09 10; do $CCCD enroll finger $a ${f#0} bio/finger-$f.png --key k.key >/dev/null || exit 1; done; $CCCD enroll submit $a >/dev/null && $CCCD approve $a || exit 1; done
exit: 0
out: application 1 (001090000001): first_issue (no chip card), approved
out: application 3 (001085000003): first_issue (no chip card), approved

# the nation's quota for Hà Nội, split by eligible residents (Ba Đình 3 of 4, Hoàn Kiếm 1 of 4)
cmd: export CCCD_DB=sqlite:q.db CCCD_TODAY=2025-03-10; $CCCD quota set 01 --target 8 --deadline 2025-03-31 && $CCCD quota split 01 --by eligible && $CCCD quota show 01
exit: 0
out: quota of 01: 8 by 2025-03-31
out: split 8 over 2 units
out:   001    6
out:   002    2
out-not: warning

# a split by hand short of the parent's quota is done, with a warning
cmd: export CCCD_DB=sqlite:q.db CCCD_TODAY=2025-03-10; printf 'code,target\n00001,3\n00004,1\n' > s.csv && $CCCD quota split 001 --file s.csv --json
exit: 0
out: "sum": 4
out: "target": 6
err: warning: the children's quotas add up to 4, 2 short of 001's 6

# a line naming a unit that is not a child is refused with the line
cmd: export CCCD_DB=sqlite:q.db CCCD_TODAY=2025-03-10; printf '00037,3\n' > bad.csv && $CCCD quota split 001 --file bad.csv
exit: 1
err: line 1: 00037 is not a unit in force under 001
err-lines: 1

# a deadline already past, a bad date, a unit with no quota to split
cmd: export CCCD_DB=sqlite:q.db CCCD_TODAY=2025-03-10; $CCCD quota set 002 --target 1 --deadline 2025-03-01; echo "rc $?"; $CCCD quota set 002 --target 1 --deadline 31/3/2025; echo "rc $?"; $CCCD quota split 00037 --by eligible
exit: 1
out: rc 1
err: deadline 2025-03-01 is before today
err: --deadline: '31/3/2025' is not a date
err: 00037 Phường Phúc Tân has no quota to split

# a campaign over the city from 11/3, and the list of a ward's campaigns
cmd: export CCCD_DB=sqlite:q.db CCCD_TODAY=2025-03-10; $CCCD campaign add "30 ngày đêm" --unit 01 --from 2025-03-11 --to 2025-04-10 --target 4 && $CCCD campaign list 00037 --json
exit: 0
out: campaign 1 "30 ngày đêm" over 01 Thành phố Hà Nội from 2025-03-11 to 2025-04-10, target 4
out: "name": "30 ngày đêm"

# progress on 11/3: the city and its districts, one row each, ranks, the campaign, over quota, the officers
cmd: export CCCD_DB=sqlite:q.db CCCD_TODAY=2025-03-11; $CCCD progress 01
exit: 0
out-lines: 6
out: campaign "30 ngày đêm": 1 of 4 (25.0%) since 2025-03-11
out: most applications: cli
out: AT RISK
out: #1 2025-03-18
out-not: over quota

# the same as JSON: received that day and so far, by type and shift, the quota's percent, the forecast
cmd: export CCCD_DB=sqlite:q.db CCCD_TODAY=2025-03-11; $CCCD progress 001 --date 2025-03-11 --json | tr -d ' \n'
exit: 0
out: "received":{"day":1,"total":3,"by_type":{"first_issue":{"day":1,"total":3}}
out: "by_shift":{"morning":{"day":1,"total":3}}
out: "quota":{"target":6,"deadline":"2025-03-31","percent":50.0}
out: "at_risk":false

# the whole country: the nation's row (the provinces' quotas summed) and a row per province, the coverage of each in the JSON
cmd: export CCCD_DB=sqlite:q.db CCCD_TODAY=2025-03-11; $CCCD progress VN && $CCCD progress VN --json | tr -d ' \n'
exit: 0
out: VN     Việt Nam
out:   01     Thành phố Hà Nội
out: "code":"VN","name":"ViệtNam","received":{"day":1,"total":3
out: "quota":{"target":8,"deadline":"2025-03-31","percent":37.5}
out: "coverage":{"residents":4,"eligible":4,"valid_card":0,"in_progress":3,"remaining":1,"split":0}

# on 10/3 two were received; an unknown unit is refused
cmd: export CCCD_DB=sqlite:q.db CCCD_TODAY=2025-03-11; $CCCD progress 00001 --date 2025-03-10 --json | tr -d ' \n'; $CCCD progress 99
exit: 1
out: "received":{"day":2,"total":2
err: 99

# an incident: reported, listed with its age, assigned, answered, closed, and closed only once
cmd: export CCCD_DB=sqlite:q.db CCCD_TODAY=2025-03-11 CCCD_NOW=08:00; $CCCD incident report 00001 --kind kit_broken --place "Nhà văn hoá tổ 1" --note "máy quét vân tay hỏng" && CCCD_NOW=10:30 $CCCD incident list 001 && $CCCD incident answer 1 --text x; CCCD_NOW=10:40 $CCCD incident assign 1 --to "tổ kỹ thuật" && $CCCD incident answer 1 --text "đã thay máy" && CCCD_NOW=11:00 $CCCD incident close 1 && $CCCD incident list 002 && $CCCD incident list 01 --all --json | tr -d ' \n'; $CCCD incident close 1
exit: 1
out: incident 1 open kit_broken at 00001 Phường Phúc Xá, Nhà văn hoá tổ 1: máy quét vân tay hỏng
out: incident 1 open kit_broken at 00001 Phường Phúc Xá, Nhà văn hoá tổ 1 2h30m
out: incident 1 assigned kit_broken
out: incident 1 answered kit_broken
out: incident 1 closed kit_broken
out: no incident open
out: "age_seconds":10800
err: incident 1 is not assigned yet: assign it first
err: incident 1 is closed already

# a kind that is not one names the kinds
cmd: export CCCD_DB=sqlite:q.db CCCD_TODAY=2025-03-11; $CCCD incident report 00001 --kind flood --place x
exit: 1
err: one of kit_broken, network_down, data_error, crowding, other
err-lines: 1
