#!/usr/bin/env bash
# What `make run` opens: the demonstration database (`cccd demo`, docs/demo.md) served with the
# web UI. The first run builds build/demo/cccd-demo.db (the official unit list from
# ../shared/data when present, otherwise a generated province; a synthetic population; every
# role's account; two weeks of history through the real workflow; quotas, a campaign,
# incidents) and prints the logins; later runs serve the same database, its schema upgraded
# when a newer build needs it (remove build/demo to make a new one). On a terminal the server runs until Ctrl-C; otherwise (a script, CI) the
# pages are fetched once to show they answer, and the server is stopped.
# CCCD_DEMO_LISTEN (default 127.0.0.1:8080) is where it listens.
set -eu
cd "$(dirname "$0")/.."
cccd=build/cccd
listen=${CCCD_DEMO_LISTEN:-127.0.0.1:8080}
dir=build/demo
db=$dir/cccd-demo.db
mkdir -p "$dir"
if [ ! -f "$db" ]; then
    "$cccd" demo --db "sqlite:$db" || { rm -f "$db" "$db"-wal "$db"-shm; exit 1; }
else
    # made by an older build: its schema is brought up to this one's (nothing when current)
    "$cccd" init --db "sqlite:$db" >/dev/null
    echo "serving the demo database made earlier: $db (rm -r $dir to make a new one)"
    echo "logins: docs/demo.md (password: CCCD_PASSWORD when it was made, or 'demo password 2026')"
fi
echo
echo "the commander's dashboard: http://$listen/dashboard.html  (commander, or ministry for the whole country)"
echo "the officer's desk:        http://$listen/desk.html  (officer)"
echo "the planner's page:        http://$listen/planner.html  (commander)"
echo "the card centre:           http://$listen/centre.html  (centre; officer for the receipt)"
echo "public schedule:           http://$listen/schedule.html"
if [ -t 1 ]; then
    echo "(Ctrl-C stops the server)"
    exec "$cccd" serve --db "sqlite:$db" --listen "$listen" --bio-key "$db.key"
fi
"$cccd" serve --db "sqlite:$db" --listen "$listen" --bio-key "$db.key" >"$dir/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null' EXIT
for _ in $(seq 100); do grep -q listening "$dir/serve.log" && break; sleep 0.1; done
curl -fsS "http://$listen/healthz" && echo
curl -fsS -o /dev/null -w "dashboard.html: HTTP %{http_code}\n" "http://$listen/dashboard.html"
