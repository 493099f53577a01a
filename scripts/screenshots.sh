#!/usr/bin/env bash
# The screenshots of the web pages in docs/ (`make screenshots`): a throwaway database with one
# synthetic person, the server on a free port, and the browser test's flow
# (tests/browser/desk.mjs), which saves desk.png and overview.png into the directory given.
# usage: scripts/screenshots.sh CCCD_BINARY OUT_DIR
set -euo pipefail
cccd=$(realpath "$1")
out=$(realpath "$2")
repo=$(cd "$(dirname "$0")/.." && pwd)
[ -d "$repo/tests/browser/node_modules" ] ||
    npm ci --prefix "$repo/tests/browser" --no-audit --no-fund >/dev/null
work=$(mktemp -d)
trap 'kill $pid 2>/dev/null; rm -rf "$work"' EXIT
cd "$work"
export CCCD_DB=sqlite:shots.db
printf '%s' '{"data":[{"level1_id":"34","name":"Tỉnh Thái Bình","type":"Tỉnh","level2s":[{"level2_id":"341","name":"Huyện Quỳnh Phụ","type":"Huyện","level3s":[{"level3_id":"12433","name":"Xã An Khê","type":"Xã"}]}]}]}' >u.json
printf '%s\n' 'personal_id,full_name,date_of_birth,sex,ethnicity,religion,nationality,place_of_origin,permanent_commune,permanent_address,household_id,relation_to_head,residential_group,temporary_commune,temporary_address,status,mobility,old_id_number,card_type,card_number,card_issued,card_expiry,father_name,mother_name,spouse_name' \
    '034190000001,Trần Thị Mai,1990-05-12,F,Kinh,Không,Việt Nam,Thái Bình,12433,Thôn Đông,HK1,Chủ hộ,Thôn Đông,,,alive,normal,,,,,,,,' >p.csv
"$cccd" init >/dev/null
"$cccd" units import u.json >/dev/null
"$cccd" registry import p.csv >/dev/null
CCCD_PASSWORD="demo password 2026" "$cccd" user add officer --role officer --unit 12433 >/dev/null
"$cccd" keygen --out k.key >/dev/null
"$cccd" synth biometrics --id 034190000001 --worn 0 --out bio >/dev/null
"$cccd" serve --listen 127.0.0.1:0 --bio-key k.key --web "$repo/web" >serve.log 2>&1 &
pid=$!
for _ in $(seq 100); do grep -q listening serve.log && break; sleep 0.1; done
port=$(sed -n 's/.*listening on http:\/\/127.0.0.1:\([0-9]*\)\/.*/\1/p' serve.log)
node "$repo/tests/browser/desk.mjs" "http://127.0.0.1:$port" officer "demo password 2026" \
    034190000001 12433 bio "$out"
