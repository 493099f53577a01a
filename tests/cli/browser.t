# the officer's desk page in headless chromium (tests/browser/desk.mjs, playwright-core): log in, find the person, a wrong photo refused, the portrait and ten prints taken through the page with their verdicts, submitted, and the unit's figures moved
cmd: export CCCD_DB=sqlite:b.db; printf '%s' '{"data":[{"level1_id":"01","name":"Thành phố Hà Nội","type":"Thành phố Trung ương","level2s":[{"level2_id":"001","name":"Quận Ba Đình","type":"Quận","level3s":[{"level3_id":"00001","name":"Phường Phúc Xá","type":"Phường"}]}]}]}' > u.json && printf '%s\n' 'personal_id,full_name,date_of_birth,sex,ethnicity,religion,nationality,place_of_origin,permanent_commune,permanent_address,household_id,relation_to_head,residential_group,temporary_commune,temporary_address,status,mobility,old_id_number,card_type,card_number,card_issued,card_expiry,father_name,mother_name,spouse_name' '001090000001,Nguyễn Văn An,1990-01-01,M,Kinh,Không,Việt Nam,Hà Nội,00001,Số 1,HK1,Chủ hộ,Tổ 1,,,alive,normal,,,,,,,,' > p.csv && $CCCD init >/dev/null && $CCCD units import u.json >/dev/null && $CCCD registry import p.csv >/dev/null && CCCD_PASSWORD="mật khẩu dài 2026" $CCCD user add off --role officer --unit 00001 >/dev/null && $CCCD keygen --out k.key >/dev/null && $CCCD synth biometrics --id 001090000001 --worn 0 --out bio >/dev/null && { $CCCD serve --listen 127.0.0.1:0 --bio-key k.key --web $REPO/web >serve.log 2>&1 & pid=$!; for i in $(seq 100); do grep -q listening serve.log && break; sleep 0.1; done; port=$(sed -n 's/.*listening on http:\/\/127.0.0.1:\([0-9]*\)\/.*/\1/p' serve.log); node $REPO/tests/browser/desk.mjs http://127.0.0.1:$port off "mật khẩu dài 2026" 001090000001 00001 bio .; rc=$?; kill $pid; wait $pid; exit $rc; }
exit: 0
out: ok   logged in
out: ok   a wrong photo is refused with the reason
out: ok   finger 10 scored
out: ok   submitted
out: ok   the unit's figures moved: in progress 0 -> 1
out: ok   the desk in English
out: browser ok
out-not: FAIL

# the commander's dashboard in headless chromium (tests/browser/dashboard.mjs) on a small demo database: its figures are the API's, in Vietnamese formats; an officer submits one application through the desk page (desk.mjs) and the province's and the commune's figures move by one after a refresh; drill-down to the commune and back; resource advice proposes a move, accepted, the kit moved; English and back; an officer is refused the figures
needs: shared
cmd: export CCCD_PASSWORD="mật khẩu demo 2026"; $CCCD demo --db sqlite:d.db --units $SHARED/units-2025-03.json --reform $SHARED/units-2025-07-splits.json --population 12000 --days 4 --per-day 20 --points 2 >/dev/null && { $CCCD serve --db sqlite:d.db --listen 127.0.0.1:0 --bio-key d.db.key --web $REPO/web >serve.log 2>&1 & pid=$!; for i in $(seq 100); do grep -q listening serve.log && break; sleep 0.1; done; port=$(sed -n 's/.*listening on http:\/\/127.0.0.1:\([0-9]*\)\/.*/\1/p' serve.log); base=http://127.0.0.1:$port; tok=$(curl -s -H 'Content-Type: application/json' -d "{\"username\":\"commander\",\"password\":\"$CCCD_PASSWORD\"}" $base/api/v1/login | sed -n 's/.*"token":"\([^"]*\)".*/\1/p'); person=$(curl -s -H "Authorization: Bearer $tok" "$base/api/v1/units/13225/remaining?limit=1" | sed -n 's/.*"personal_id":"\([0-9]*\)".*/\1/p'); $CCCD synth biometrics --id $person --worn 0 --out bio >/dev/null; OFFICER="officer:$CCCD_PASSWORD" node $REPO/tests/browser/dashboard.mjs $base commander "$CCCD_PASSWORD" 13225 "node $REPO/tests/browser/desk.mjs $base officer '$CCCD_PASSWORD' $person 13225 bio . >desk.log" .; rc=$?; kill $pid; wait $pid; exit $rc; }
exit: 0
out: ok   the received figure is the API's
out: ok   the deadline as d/m/yyyy
out: ok   a row for each unit below
out: ok   the at-risk units listed
out: ok   the chart drawn
out: ok   received by type, point and shift
out: ok   the province moved by one after the submission
out: ok   and so did the commune's row
out: ok   drilled down to the commune
out: ok   the path in the address
out: ok   the daily report downloads as a workbook
out: ok   resource advice proposes a move
out: ok   its reason in Vietnamese and in numbers
out: ok   the kit moved to the unit the advice named
out: ok   English texts
out: ok   back to Vietnamese
out: ok   an officer is refused the figures
out: ok   no script error on the page
out: dashboard ok
out-not: FAIL

# the planner's page in headless chromium (tests/browser/planner.mjs) on a small demo database: the commander opens commune 13225 over three days; its points' shifts and capacity, a dry run's counts, the written plan's tickets (a page, one day), the lists of people and an API refusal are the API's; the printed tickets download as a PDF through the token; English and back; a phone's width; an officer refused the plan
needs: shared
cmd: export CCCD_PASSWORD="mật khẩu demo 2026"; $CCCD demo --db sqlite:p.db --units $SHARED/units-2025-03.json --reform $SHARED/units-2025-07-splits.json --population 3000 --days 4 --per-day 4 --points 2 >/dev/null && { $CCCD serve --db sqlite:p.db --listen 127.0.0.1:0 --bio-key p.db.key --web $REPO/web >serve-p.log 2>&1 & pid=$!; for i in $(seq 100); do grep -q listening serve-p.log && break; sleep 0.1; done; port=$(sed -n 's/.*listening on http:\/\/127.0.0.1:\([0-9]*\)\/.*/\1/p' serve-p.log); OFFICER="officer:$CCCD_PASSWORD" node $REPO/tests/browser/planner.mjs http://127.0.0.1:$port commander "$CCCD_PASSWORD" 13225 3 .; rc=$?; kill $pid; wait $pid; exit $rc; }
exit: 0
out: ok   the shifts and their capacity are the API's
out: ok   the dry run's counts are the API's
out: ok   the written plan ticketed as the dry run said
out: ok   the tickets listed
out: ok   the printed tickets download as a PDF: %PDF-
out: ok   the lists have the API's people
out: ok   a refusal shows the server's detail
out: ok   English texts and dates
out: ok   fits a phone's width
out: ok   an officer is refused the plan
out: ok   no script error on the page
out: planner ok
out-not: FAIL

# the card centre's page in headless chromium (tests/browser/centre.mjs) on a small demo database: a supervisor approves one application of 13225 through the API; the centre makes a batch of it through the page (its cards the API's), is refused the dispatch of unmade cards with the server's detail, opens an older batch with its manifests; the commune's officer sees the unit's manifests and confirms one received, which the API shows; English and back; a phone's width
needs: shared
cmd: export CCCD_PASSWORD="mật khẩu demo 2026"; $CCCD demo --db sqlite:c.db --units $SHARED/units-2025-03.json --reform $SHARED/units-2025-07-splits.json --population 3000 --days 4 --per-day 4 --points 2 >/dev/null && { $CCCD serve --db sqlite:c.db --listen 127.0.0.1:0 --bio-key c.db.key --web $REPO/web >serve-c.log 2>&1 & pid=$!; for i in $(seq 100); do grep -q listening serve-c.log && break; sleep 0.1; done; port=$(sed -n 's/.*listening on http:\/\/127.0.0.1:\([0-9]*\)\/.*/\1/p' serve-c.log); node $REPO/tests/browser/centre.mjs http://127.0.0.1:$port centre "$CCCD_PASSWORD" 13225 officer supervisor .; rc=$?; kill $pid; wait $pid; exit $rc; }
exit: 0
out: ok   approved applications wait in the unit
out: ok   the batch made of the approved applications
out: ok   its cards shown as the API's
out: ok   the dispatch refused with the server's detail
out: ok   an older batch opened with its manifests
out: ok   the officer sees the unit's manifests
out: ok   received: the API shows it received by the officer
out: ok   English texts
out: ok   fits a phone's width
out: ok   no script error on the page
out: centre ok
out-not: FAIL
