# cccd demo builds a database through the real workflow: accounts for every role, points, four days of history (opened, decided the next morning, made into cards that afternoon, received, handed over); the audit chain is whole
needs: shared
cmd: CCCD_PASSWORD="mật khẩu demo 2026" $CCCD demo --db sqlite:d.db --units $SHARED/units-2025-03.json --reform $SHARED/units-2025-07-splits.json --population 3000 --days 4 --per-day 4 --points 2 && $CCCD audit verify --db sqlite:d.db && $CCCD batch show 1 --db sqlite:d.db
exit: 0
out: 3000 residents of Thái Bình (now province 33); 4 days of history: 20 applications opened, 18 approved, 18 cards produced in 6 batches, 5 delivered
out: logins (password 'mật khẩu demo 2026' for each; demo only):
out: commander commander 33
out: centre production VN
out: officer2 officer
out: chain intact
out: 3 produced, dispatched
out: received

# a database that exists is never touched
needs: shared
cmd: $CCCD demo --db sqlite:d.db --units $SHARED/units-2025-03.json
exit: 1
err: sqlite:d.db holds a database already
err-lines: 1

# the demo's logins work on its server, and its figures are there: the supervisor sees the province's applications in progress
needs: shared
cmd: $CCCD serve --db sqlite:d.db --listen 127.0.0.1:0 --bio-key d.db.key > s.log 2>&1 & pid=$!; for i in $(seq 100); do grep -q listening s.log && break; sleep 0.1; done; port=$(sed -n 's/.*listening on http:\/\/127.0.0.1:\([0-9]*\)\/.*/\1/p' s.log); tok=$(curl -s -H 'Content-Type: application/json' -d '{"username":"supervisor","password":"mật khẩu demo 2026"}' http://127.0.0.1:$port/api/v1/login | sed -n 's/.*"token":"\([^"]*\)".*/\1/p'); curl -s -H "Authorization: Bearer $tok" "http://127.0.0.1:$port/api/v1/units/33/coverage" | grep -o '"in_progress":[0-9]*' | head -1; kill $pid; wait $pid
exit: 0
out: "in_progress":15

# the commander's picture the demo leaves: the province's quota split over the two sites (the first far behind, beyond what its kit makes, the last already over its own), the campaign, two open incidents (the third closed)
needs: shared
cmd: $CCCD quota show 33 --db sqlite:d.db | grep -v ' -$'; $CCCD campaign list 33 --db sqlite:d.db; $CCCD incident list 33 --db sqlite:d.db | cut -c1-40; $CCCD progress 33 --db sqlite:d.db | grep over
exit: 0
out: 33     Tỉnh Hưng Yên                             258 by
out: 12452  Phường Trần Hưng Đạo                        8 by
out: 13225  Phường Thái Bình                          250 by
out: campaign 1 "Cao điểm 30 ngày đêm" over 33 Tỉnh Hưng Yên
out: incident 1 open kit_broken at 12452
out: incident 2 assigned crowding at 13225
out-not: network_down
out: over quota: 12452

# without the official unit list the demo generates a province (communes marked "(mẫu)"), and the quotas go down its three levels: the province, the points' district, their communes
cmd: CCCD_SHARED=/nonexistent $CCCD demo --db sqlite:g.db --population 2000 --days 2 --per-day 2 --points 2 && $CCCD quota show 336 --db sqlite:g.db | grep -v ' -$'
exit: 0
out: units: a generated Thái Bình (no --units, and /nonexistent/units-2025-03.json is not there)
out: the officer's commune: 12400 Phường Thái Bình 1 (mẫu)
out: ministry commander VN
out: 336    Thành phố Thái Bình                       117 by
out: 12400  Phường Thái Bình 1 (mẫu)                  115 by
out: 12401  Phường Thái Bình 2 (mẫu)                    2 by
