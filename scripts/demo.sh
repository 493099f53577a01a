#!/usr/bin/env bash
# The command-line demo that `make run` opens: a tour of what cccd does today, on a synthetic
# citizen and, when ../shared/data is present, the official unit list and the 2025 reform.
# Until the server and database exist (see docs/architecture.md) this is the whole demo.
set -u
cd "$(dirname "$0")/.."
cccd=build/cccd
shared=${CCCD_SHARED:-$(cd .. && pwd)/shared/data}
bold=$(tput bold 2>/dev/null || true)
plain=$(tput sgr0 2>/dev/null || true)
step() {
    printf '\n%s$ cccd %s%s\n' "$bold" "$*" "$plain"
    "$cccd" "$@"
    echo "[exit $?]"
}
echo "cccd demo: the domain core (personal ID, MRZ, card validity, Vietnamese text, units)"
step id check 001090012345 --dob 1990-01-15 --sex M
step id check 001190012345 --dob 1990-01-15 --sex M
step id new --province 034 --sex F --dob 2008-09-02 --count 3
step card expiry --dob 1990-01-15 --issued 2021-05-01 --on 2026-11-23
step card expiry --dob 1963-06-01 --issued 2021-06-01
step card eligible --dob 2012-11-24
step text key "NGUYỄN   văn  THÂN"
card=$(mktemp)
cat >"$card" <<'JSON'
{"personal_id": "001090012345", "full_name": "Nguyễn Văn A", "date_of_birth": "1990-01-15",
 "sex": "M", "expiry": "2030-01-15"}
JSON
printf '\n%s$ cccd mrz build --json card.json%s\n' "$bold" "$plain"
"$cccd" mrz build --json "$card" | tee "$card.mrz"
printf '\n%s$ cccd mrz check < mrz.txt%s\n' "$bold" "$plain"
"$cccd" mrz check <"$card.mrz"
rm -f "$card" "$card.mrz"
if [ -f "$shared/units-2025-03.json" ]; then
    export CCCD_UNITS=$shared/units-2025-03.json CCCD_REFORM=$shared/units-2025-07-splits.json
    step units stats --at 2025-06-30
    step units stats --at 2025-07-01
    step units find "Thái Thụy" --at 2025-06-30
    step units resolve 00007 --at 2025-07-01
else
    echo
    echo "(no $shared/units-2025-03.json: the unit commands need the official list; see docs/units.md)"
fi
echo
echo "More: build/cccd --help, docs/cli.md"
