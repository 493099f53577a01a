# the desk's captures: a key, the synthetic portrait and prints of one person (two of them worn), an application
cmd: export CCCD_DB=sqlite:c.db CCCD_TODAY=2025-03-10 CCCD_NOW=09:00; printf '%s' '{"data":[{"level1_id":"01","name":"Thành phố Hà Nội","type":"Thành phố Trung ương","level2s":[{"level2_id":"001","name":"Quận Ba Đình","type":"Quận","level3s":[{"level3_id":"00001","name":"Phường Phúc Xá","type":"Phường"},{"level3_id":"00004","name":"Phường Trúc Bạch","type":"Phường"}]}]}]}' > u.json && printf '%s\n' 'personal_id,full_name,date_of_birth,sex,ethnicity,religion,nationality,place_of_origin,permanent_commune,permanent_address,household_id,relation_to_head,residential_group,temporary_commune,temporary_address,status,mobility,old_id_number,card_type,card_number,card_issued,card_expiry,father_name,mother_name,spouse_name' '001090000001,Nguyễn Văn An,1990-01-01,M,Kinh,Không,Việt Nam,Hà Nội,00001,Số 1,HK1,Chủ hộ,Tổ 1,,,alive,normal,,,,,,,,' '001190000002,Trần Thị Bình,1990-02-02,F,Kinh,Không,Việt Nam,Hà Nội,00001,Số 2,HK2,Chủ hộ,Tổ 1,,,alive,normal,,chip,001190000002,2021-07-07,2030-02-02,,,' '001215000004,Nguyễn Văn Dũng,2015-04-04,M,Kinh,Không,Việt Nam,Hà Nội,00001,Số 4,HK4,Chủ hộ,Tổ 1,,,alive,normal,,,,,,,,' '001050000006,Nguyễn Văn Phúc,1950-06-06,M,Kinh,Không,Việt Nam,Hà Nội,00001,Số 6,HK6,Chủ hộ,Tổ 1,,,deceased,normal,,,,,,,,' > p.csv && $CCCD init >/dev/null && $CCCD units import u.json >/dev/null && $CCCD registry import p.csv --as-of 2025-03-01 >/dev/null && $CCCD point add 00001 --name "Công an phường Phúc Xá" --address "Số 1" >/dev/null && $CCCD keygen --out k.key >/dev/null && $CCCD synth biometrics --id 001090000001 --out bio --worn 2 >/dev/null && $CCCD enroll open 001090000001 --request-id cap-1 --point 1
exit: 0
out: application 1 (001090000001): first_issue (no chip card), draft

# the portrait is checked and stored sealed: the database never holds the JPEG's bytes
cmd: export CCCD_DB=sqlite:c.db CCCD_TODAY=2025-03-10 CCCD_NOW=09:05; $CCCD enroll photo 1 bio/portrait.jpg --key k.key && sqlite3 c.db "SELECT kind, finger, attempt, length(sealed) > 0 FROM biometrics" && head -c 3 bio/portrait.jpg | od -An -tx1 && sqlite3 c.db "SELECT hex(substr(sealed, 1, 3)) FROM biometrics"
exit: 0
out: application 1: portrait 
out: accepted (attempt 1), stored sealed
out: portrait|0|1|1
out:  ff d8 ff
out-not: FFD8FF

# a photo that is not a JPEG is refused, nothing stored; a missing key is a usage error
cmd: export CCCD_DB=sqlite:c.db CCCD_TODAY=2025-03-10 CCCD_NOW=09:06; $CCCD enroll photo 1 bio/finger-01.png --key k.key; echo "rc $?"; $CCCD enroll photo 1 bio/portrait.jpg; echo "rc $?"; sqlite3 c.db "SELECT count(*) FROM biometrics"
exit: 0
out: rc 1
out: rc 2
out-lines: 3
out: 1

# clear prints are accepted; a worn one is recaptured, then after the last attempt it becomes an exception
cmd: export CCCD_DB=sqlite:c.db CCCD_TODAY=2025-03-10 CCCD_NOW=09:10; for f in 01 03 05 06 07 08 09 10; do $CCCD enroll finger 1 ${f#0} bio/finger-$f.png --key k.key || exit 1; done; for i in 1 2 3; do $CCCD enroll finger 1 2 bio/finger-02.png --key k.key; done
exit: 0
out: finger 1 (right thumb): score 83, attempt 1: accept
out: finger 2 (right index): score 33, attempt 1: recapture
out: finger 2 (right index): score 33, attempt 2: recapture
out: finger 2 (right index): score 33, attempt 3: exception

# a bandaged finger; the supervisor's confirmations; an unreadable print is refused
cmd: export CCCD_DB=sqlite:c.db CCCD_TODAY=2025-03-10 CCCD_NOW=09:15; $CCCD enroll finger 1 4 --exception bandaged && $CCCD enroll finger 1 4 bio/portrait.jpg --key k.key; echo "rc $?"; $CCCD enroll confirm 1 2 && $CCCD enroll confirm 1 4 && $CCCD enroll confirm 1 5
exit: 1
out: finger 4 (right ring): exception bandaged recorded (attempt 1)
out: rc 1
out: finger 2's exception confirmed
out: finger 4's exception confirmed
err: finger 5 of application 1 has no exception waiting

# every capture is on the audit record, and the chain holds
cmd: export CCCD_DB=sqlite:c.db; $CCCD audit verify && sqlite3 c.db "SELECT action, count(*) FROM audit_log WHERE action LIKE 'biometric.%' GROUP BY action ORDER BY action"
exit: 0
out: chain intact
out: biometric.add|14
out: biometric.confirm|2
