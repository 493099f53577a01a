# the reports: two provinces; four applications received and approved on Monday 10/3/2025 in two communes of one district (no point: at the person's commune)
cmd: export CCCD_DB=sqlite:p.db CCCD_TODAY=2025-03-10 CCCD_NOW=09:00; printf '%s' '{"data":[{"level1_id":"01","name":"Thành phố Hà Nội","type":"Thành phố Trung ương","level2s":[{"level2_id":"001","name":"Quận Ba Đình","type":"Quận","level3s":[{"level3_id":"00001","name":"Phường Phúc Xá","type":"Phường"},{"level3_id":"00004","name":"Phường Trúc Bạch","type":"Phường"}]}]},{"level1_id":"02","name":"Tỉnh Hà Giang","type":"Tỉnh","level2s":[{"level2_id":"024","name":"Thành phố Hà Giang","type":"Thành phố","level3s":[{"level3_id":"00688","name":"Phường Quang Trung","type":"Phường"}]}]}]}' > u.json && printf '%s\n' 'personal_id,full_name,date_of_birth,sex,ethnicity,religion,nationality,place_of_origin,permanent_commune,permanent_address,household_id,relation_to_head,residential_group,temporary_commune,temporary_address,status,mobility,old_id_number,card_type,card_number,card_issued,card_expiry,father_name,mother_name,spouse_name' '001090000001,Nguyễn Văn An,1990-01-01,M,Kinh,Không,Việt Nam,Hà Nội,00001,Số 1,HK1,Chủ hộ,Tổ 1,,,alive,normal,012345678,,,,,Nguyễn Văn Ba,Trần Thị Tư,' '001195000002,Đặng Thị Bình,1995-02-02,F,Kinh,Phật giáo,Việt Nam,Nam Định,00001,Số 2,HK2,Chủ hộ,Tổ 1,,,alive,normal,,,,,,,,' '001060000003,Lê Văn Cường,1960-03-03,M,Tày,Không,Việt Nam,Cao Bằng,00001,Số 3,HK3,Chủ hộ,Tổ 2,,,alive,normal,,,,,,,,Hoàng Thị Dung' '001300000004,Phạm Thị Dịu,2000-04-04,F,Kinh,Công giáo,Việt Nam,Hà Nội,00004,Số 4,HK4,Chủ hộ,Tổ 1,,,alive,normal,,,,,,,,' '001085000005,Vũ Văn Em,1985-05-05,M,Kinh,Không,Việt Nam,Thái Bình,00004,Số 5,HK5,Chủ hộ,Tổ 1,,,alive,normal,,,,,,,,' > p.csv && $CCCD init >/dev/null && $CCCD units import u.json >/dev/null && $CCCD registry import p.csv --as-of 2025-03-01 >/dev/null && $CCCD keygen --out k.key >/dev/null && $CCCD synth biometrics --id 001090000001 --worn 0 --out bio >/dev/null && for a in 1 2 3 4; do $CCCD enroll open $(sed -n "$((a+1))p" p.csv | cut -d, -f1) --request-id r$a >/dev/null && $CCCD enroll photo $a bio/portrait.jpg --key k.key >/dev/null && for f in 01 02 03 04 05 06 07 08 09 10; do $CCCD enroll finger $a ${f#0} bio/finger-$f.png --key k.key >/dev/null || exit 1; done; $CCCD enroll submit $a >/dev/null && $CCCD approve $a || exit 1; done
exit: 0
out: application 4 (001300000004): first_issue (no chip card), approved

# a fifth is received on Tuesday in Trúc Bạch and not yet approved
cmd: export CCCD_DB=sqlite:p.db CCCD_TODAY=2025-03-11 CCCD_NOW=14:00; $CCCD enroll open 001085000005 --request-id r5 >/dev/null && $CCCD enroll photo 5 bio/portrait.jpg --key k.key >/dev/null && for f in 01 02 03 04 05 06 07 08 09 10; do $CCCD enroll finger 5 ${f#0} bio/finger-$f.png --key k.key >/dev/null || exit 1; done; $CCCD enroll submit 5
exit: 0
out: submitted

# the daily CSV of the district on Tuesday, read back by python's csv module: a row per commune and the total, Tuesday's figures and the cumulative since Monday
cmd: export CCCD_DB=sqlite:p.db; $CCCD report daily 001 --date 2025-03-11 --csv d.csv && python3 $REPO/tests/cli/report_read.py csv d.csv
exit: 0
out: headings: Mã đơn vị | Tên đơn vị | Dân số | Đủ tuổi cấp (từ 14) | Có thẻ gắn chip còn hạn | Đang xử lý | Còn phải cấp | Tiếp nhận | Cấp mới | Đổi | Cấp lại
out: 00001 Phường Phúc Xá: residents=3 eligible=3 valid_card=0 in_progress=3 remaining=0 received=0 received_first_issue=0 received_exchange=0 received_reissue=0 received_fixed=0 received_mobile=0 received_home=0 received_no_point=0 approved=0 produced=0 delivered=0 received_cumulative=3
out: 00004 Phường Trúc Bạch: residents=2 eligible=2 valid_card=0 in_progress=2 remaining=0 received=1 received_first_issue=1 received_exchange=0 received_reissue=0 received_fixed=0 received_mobile=0 received_home=0 received_no_point=1 approved=0 produced=0 delivered=0 received_cumulative=2
out: 001 Tổng cộng: residents=5 eligible=5 valid_card=0 in_progress=5 remaining=0 received=1 received_first_issue=1 received_exchange=0 received_reissue=0 received_fixed=0 received_mobile=0 received_home=0 received_no_point=1 approved=0 produced=0 delivered=0 received_cumulative=5

# without a file the CSV goes to standard output; --since after Monday leaves Monday out of the cumulative
cmd: export CCCD_DB=sqlite:p.db; $CCCD report daily 00004 --date 2025-03-11 --since 2025-03-11
exit: 0
out: 00004,Phường Trúc Bạch,2,2,0,2,0,1,1,0,0,0,0,0,1,0,0,0,1
out: 00004,Tổng cộng,2,2,0,2,0,1,1,0,0,0,0,0,1,0,0,0,1
out-lines: 4

# the weekly workbook of the city, read back with zipfile and xml.etree: the title, a heading with its diacritics, the district's numbers with the "#,##0" format, the bold total row, frozen under the headings
cmd: export CCCD_DB=sqlite:p.db; $CCCD report weekly 01 --week-of 2025-03-13 --xlsx w.xlsx && python3 $REPO/tests/cli/report_read.py xlsx w.xlsx A1 D3 D4 A5 B5 C5 H5 P5 A6 B6 H6 S6
exit: 0
out: A1=BÁO CÁO TUẦN 10/3/2025 – 16/3/2025 — Thành phố Hà Nội [bold]
out: D3=Đủ tuổi cấp (từ 14) [bold]
out: D4=eligible
out: A5=001
out: B5=Quận Ba Đình
out: C5=5 [#,##0]
out: H5=5 [#,##0]
out: P5=4 [#,##0]
out: A6=01 [bold]
out: B6=Tổng cộng [bold]
out: H6=5 [#,##0] [bold]
out: S6=5 [#,##0] [bold]
out: frozen=4x2

# the daily title writes the date the Vietnamese way, without leading zeros
cmd: export CCCD_DB=sqlite:p.db; $CCCD report daily 001 --date 2025-03-10 --xlsx d.xlsx --csv d2.csv && python3 $REPO/tests/cli/report_read.py xlsx d.xlsx A1 && head -c 3 d2.csv | od -An -tx1
exit: 0
out: A1=BÁO CÁO NGÀY 10/3/2025 — Quận Ba Đình [bold]
out: ef bb bf

# the whole country: a row per province (Hà Giang with nothing yet) and the total under VN
cmd: export CCCD_DB=sqlite:p.db; $CCCD report daily VN --date 2025-03-11 --csv vn.csv && python3 $REPO/tests/cli/report_read.py csv vn.csv | sed 's/ received_first_issue.*//'
exit: 0
out: 01 Thành phố Hà Nội: residents=5 eligible=5 valid_card=0 in_progress=5 remaining=0 received=1
out: 02 Tỉnh Hà Giang: residents=0 eligible=0 valid_card=0 in_progress=0 remaining=0 received=0
out: VN Tổng cộng: residents=5 eligible=5 valid_card=0 in_progress=5 remaining=0 received=1
out-lines: 4

# a date that is not one, a start after the report, a unit that does not exist: one line each, exit 1
cmd: export CCCD_DB=sqlite:p.db; $CCCD report daily 001 --date 2025-02-30
exit: 1
err: date
err-lines: 1

cmd: export CCCD_DB=sqlite:p.db; $CCCD report weekly 001 --week-of 2025-03-11 --since 2025-03-20
exit: 1
err: the start date 20/3/2025 is after the report's last day 16/3/2025
err-lines: 1

cmd: export CCCD_DB=sqlite:p.db; $CCCD report daily 999 --date 2025-03-11
exit: 1
err-lines: 1

# a workbook that cannot be written says where
cmd: export CCCD_DB=sqlite:p.db; $CCCD report daily 001 --date 2025-03-11 --xlsx no/such/dir/r.xlsx
exit: 1
err: no/such/dir/r.xlsx: cannot write the workbook there
err-lines: 1

# the API: a viewer of Hà Nội gets the daily CSV (with its type and file name) and the weekly workbook; a viewer of Hà Giang is refused Hà Nội (403); a bad date, week or format is a 400 naming the argument
cmd: export CCCD_DB=sqlite:p.db CCCD_TODAY=2025-03-11 CCCD_PASSWORD='mật khẩu đủ dài'; $CCCD user add hanoi --role viewer --unit 01 >/dev/null && $CCCD user add hagiang --role viewer --unit 02 >/dev/null && { $CCCD serve --listen 127.0.0.1:0 2>serve.log & pid=$!; }; for i in $(seq 100); do port=$(sed -n 's/.*listening on http:\/\/127.0.0.1:\([0-9]*\)\/.*/\1/p' serve.log); [ -n "$port" ] && break; sleep 0.1; done; u=http://127.0.0.1:$port/api/v1; tok() { curl -s -H 'Content-Type: application/json' --data "{\"username\":\"$1\",\"password\":\"$CCCD_PASSWORD\"}" $u/login | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'; }; hn=$(tok hanoi); hg=$(tok hagiang); curl -s -D h1 -o a.csv -H "Authorization: Bearer $hn" "$u/units/001/reports/daily?date=2025-03-11"; grep -i '^content-type\|^content-disposition' h1; python3 $REPO/tests/cli/report_read.py csv a.csv | grep Tổng; curl -s -D h2 -o a.xlsx -H "Authorization: Bearer $hn" "$u/units/01/reports/weekly?week_of=2025-03-12&format=xlsx"; grep -i '^content-type\|^content-disposition' h2; python3 $REPO/tests/cli/report_read.py xlsx a.xlsx A1 H6; for q in "02/reports/daily?date=2025-03-11 $hn" "01/reports/daily?date=2025-03-11 $hg" "001/reports/daily?date=2025-13-01 $hn" "001/reports/weekly?week_of=soon $hn" "001/reports/daily?format=pdf $hn" "001/reports/daily?date=2025-03-11&since=2025-03-12 $hn"; do set -- $q; curl -s -w ' %{http_code}\n' -H "Authorization: Bearer $2" "$u/units/$1" | python3 -c 'import json,sys; t=sys.stdin.read(); b,c=t.rsplit(" ",1); d=json.loads(b); print(c.strip(), d.get("field"), d.get("code"))'; done | uniq -c; kill -TERM $pid; wait $pid
exit: 0
out: Content-Type: text/csv; charset=utf-8
out: Content-Disposition: attachment; filename="bao-cao-ngay-001-2025-03-11.csv"
out: 001 Tổng cộng: residents=5 eligible=5 valid_card=0 in_progress=5 remaining=0 received=1
out: Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
out: Content-Disposition: attachment; filename="bao-cao-tuan-01-2025-03-10.xlsx"
out: A1=BÁO CÁO TUẦN 10/3/2025 – 16/3/2025 — Thành phố Hà Nội [bold]
out: H6=5 [#,##0] [bold]
out: 2 403 unit auth.forbidden
out: 1 400 date date.invalid
out: 1 400 week_of date.format
out: 1 400 format input.argument
out: 1 422 since input.argument
