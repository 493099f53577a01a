#!/usr/bin/env bash
# The screenshots of the web pages in docs/ (`make screenshots`): a demo database (`cccd demo`,
# 30,000 people, 14 days; the official unit list when ../shared/data is there), the server on a
# free port, and the browser tests' flows: tests/browser/dashboard.mjs as the province's
# commander (dashboard.png, dashboard-en.png), during which tests/browser/desk.mjs has the
# officer submit an application (desk.png, overview.png); then tests/browser/planner.mjs and
# centre.mjs (planner.png, centre.png).
# usage: scripts/screenshots.sh CCCD_BINARY OUT_DIR
set -euo pipefail
cccd=$(realpath "$1")
out=$(realpath "$2")
repo=$(cd "$(dirname "$0")/.." && pwd)
[ -d "$repo/tests/browser/node_modules" ] ||
    npm ci --prefix "$repo/tests/browser" --no-audit --no-fund >/dev/null
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$work"' EXIT
cd "$repo"
pw="demo password 2026"
CCCD_PASSWORD="$pw" "$cccd" demo --db "sqlite:$work/shots.db" --population 30000 >"$work/demo.log"
commune=$(sed -n "s/^the officer's commune: \([0-9]*\) .*/\1/p" "$work/demo.log")
cd "$work"
"$cccd" serve --db sqlite:shots.db --listen 127.0.0.1:0 --bio-key shots.db.key --web "$repo/web" >serve.log 2>&1 &
pid=$!
for _ in $(seq 100); do grep -q listening serve.log && break; sleep 0.1; done
base=http://127.0.0.1:$(sed -n 's/.*listening on http:\/\/127.0.0.1:\([0-9]*\)\/.*/\1/p' serve.log)
tok=$(curl -s -H 'Content-Type: application/json' -d "{\"username\":\"commander\",\"password\":\"$pw\"}" \
    "$base/api/v1/login" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
person=$(curl -s -H "Authorization: Bearer $tok" "$base/api/v1/units/$commune/remaining?limit=1" |
    sed -n 's/.*"personal_id":"\([0-9]*\)".*/\1/p')
"$cccd" synth biometrics --id "$person" --worn 0 --out bio >/dev/null
node "$repo/tests/browser/dashboard.mjs" "$base" commander "$pw" "$commune" \
    "node '$repo/tests/browser/desk.mjs' '$base' officer '$pw' $person $commune bio '$out'" "$out"
# the planner's page (the commander plans the officer's commune over three days) and the card
# centre's page (a batch made, batch 1 opened; then the officer's manifests): planner.png and
# centre.png (their tests' other shots stay behind)
mkdir -p "$work/pages"
node "$repo/tests/browser/planner.mjs" "$base" commander "$pw" "$commune" 3 "$work/pages"
node "$repo/tests/browser/centre.mjs" "$base" centre "$pw" "$commune" officer supervisor "$work/pages"
cp "$work/pages/planner.png" "$work/pages/centre.png" "$out/"
