#!/usr/bin/env bash
# Makes docs/ticket-sample.png, the sample printed ticket shown in docs/planning.md, from
# synthetic data only: a throwaway database with the unit list of ../shared/data, a synthetic
# population of Thái Bình (seed 7), a mobile team in Huyện Thái Thụy (341) planned on
# 2025-03-10, and the first ticket at that team drawn by `cccd tickets png`. Deterministic: the
# same program and data give the same image. Run by `make ticket-sample`.
#
# usage: scripts/ticket-sample.sh [CCCD_BINARY] [OUT.png]
set -euo pipefail
cd "$(dirname "$0")/.."
cccd=$(realpath "${1:-build/cccd}")
out=$(realpath -m "${2:-docs/ticket-sample.png}")
shared=${CCCD_SHARED:-$(cd .. && pwd)/shared/data}
[ -f "$shared/units-2025-03.json" ] || {
    echo "ticket-sample: no $shared/units-2025-03.json (set CCCD_SHARED)" >&2
    exit 1
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
export CCCD_DB=sqlite:sample.db CCCD_TODAY=2025-03-01
"$cccd" init >/dev/null
"$cccd" units import "$shared/units-2025-03.json" >/dev/null
"$cccd" synth --province 34 --population 3000 --seed 7 --dirty 0 --at 2025-03-01 \
    --units "$shared/units-2025-03.json" --out p.csv
"$cccd" registry import p.csv --as-of 2025-03-01 >/dev/null
"$cccd" point add 341 --name "Đội lưu động số 2, Công an huyện Thái Thụy" --kind mobile \
    --address "Xe cấp căn cước số 2" --place "Nhà văn hoá thôn Đông, xã Thụy Trường" \
    --from 2025-03-10 --to 2025-03-10 >/dev/null
"$cccd" shift set 1 1 07:00-11:00 >/dev/null
"$cccd" kit add MAY-001 --unit 34 >/dev/null
"$cccd" kit assign MAY-001 --point 1 >/dev/null
"$cccd" plan 341 --from 2025-03-10 --to 2025-03-10 >/dev/null
ticket=$("$cccd" tickets list 341 --csv | sed -n 2p | cut -d, -f1)
"$cccd" tickets png "$ticket" --out "$out"
