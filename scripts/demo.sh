#!/usr/bin/env bash
# The command-line demo that `make run` opens: a tour of what cccd does today. The domain
# rules on a synthetic citizen; then, when ../shared/data is present, an embedded database
# (build/demo.db) with the official unit list, the 2025 reform and a synthetic population of
# Thái Bình, and the figures a commander asks for; then demo accounts and the server on that
# database (CCCD_DEMO_LISTEN, default 127.0.0.1:8080), called with curl: planning, the queue,
# and one person through the desk and the card centre to a verified, delivered card. On a terminal the
# server keeps running until Ctrl-C; otherwise it is stopped after the calls.
set -u
cd "$(dirname "$0")/.."
cccd=build/cccd
shared=${CCCD_SHARED:-$(cd .. && pwd)/shared/data}
bold="" plain=""
if [ -t 1 ]; then
    bold=$(tput bold 2>/dev/null || true)
    plain=$(tput sgr0 2>/dev/null || true)
fi
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
# The server on the demo database: log in, a few calls, the audit chain checked.
serve_demo() {
    local id=$1 listen=${CCCD_DEMO_LISTEN:-127.0.0.1:8080} log=build/demo-serve.log
    local base="http://$listen"
    echo
    printf '%s$ cccd serve --listen %s%s\n' "$bold" "$listen" "$plain"
    "$cccd" serve --listen "$listen" 2>"$log" &
    local pid=$!
    for _ in $(seq 50); do grep -q listening "$log" 2>/dev/null && break; sleep 0.1; done
    if ! grep -q listening "$log"; then
        cat "$log"
        echo "(the server did not start; set CCCD_DEMO_LISTEN to a free ADDRESS:PORT)"
        return
    fi
    call() {
        printf '%s$ curl %s%s\n' "$bold" "${*@Q}" "$plain"
        curl -s "$@"
        echo
    }
    call -H 'Content-Type: application/json' \
        -d '{"username":"officer","password":"demo password 2026"}' "$base/api/v1/login"
    local token
    token=$(curl -s -H 'Content-Type: application/json' \
        -d '{"username":"officer","password":"demo password 2026"}' "$base/api/v1/login" |
        sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
    call -H "Authorization: Bearer $token" "$base/api/v1/units/13225/coverage"
    call -H "Authorization: Bearer $token" "$base/api/v1/units/13225/citizens?name=nguyen&limit=2"
    local mine
    mine=$(curl -s -H "Authorization: Bearer $token" "$base/api/v1/units/13225/citizens?name=nguyen&limit=1" |
        sed -n 's/.*"personal_id":"\([0-9]*\)".*/\1/p')
    call -H "Authorization: Bearer $token" "$base/api/v1/citizens/$mine"
    echo "(a citizen of another commune, and another province's figures: refused)"
    call -H "Authorization: Bearer $token" "$base/api/v1/citizens/$id"
    call -H "Authorization: Bearer $token" "$base/api/v1/units/01/coverage"
    plan_demo "$base" "$token"
    production_demo "$base" "$token"
    step audit verify
    if [ -t 0 ] && [ -t 1 ]; then
        echo
        echo "The API and the web UI are at $base/ (docs/api.md; accounts in README.md)."
        echo "Ctrl-C stops the server."
        trap 'kill -TERM $pid 2>/dev/null' INT
        wait $pid
        trap - INT
        wait $pid 2>/dev/null
    else
        kill -TERM $pid
        wait $pid
        echo "(not on a terminal: the server was stopped; run build/cccd serve --db"
        echo " sqlite:build/demo.db to keep it)"
    fi
}

# A commander sets up a point in the officer's commune and plans it through the API; the
# tickets as CSV and as printed PDF; the officer runs the queue.
plan_demo() {
    local base=$1 officer=$2 cmd today end pid ticket entry
    field() { sed -n "s/.*\"$1\":\"*\([^\",}]*\).*/\1/p"; }
    echo
    echo "Planning through the API, as the commander of province 33:"
    cmd=$(curl -s -H 'Content-Type: application/json' \
        -d '{"username":"commander","password":"demo password 2026"}' "$base/api/v1/login" | field token)
    today=$(TZ=Asia/Ho_Chi_Minh date +%F)
    end=$(TZ=Asia/Ho_Chi_Minh date -d "+2 days" +%F)
    local auth=(-H "Authorization: Bearer $cmd" -H 'Content-Type: application/json')
    call "${auth[@]}" -d '{"name":"Công an xã","address":"Trụ sở Công an xã"}' \
        "$base/api/v1/units/13225/points"
    pid=$(curl -s -H "Authorization: Bearer $cmd" "$base/api/v1/units/13225/points" | field id)
    call "${auth[@]}" -X PUT -d '{"times":"07:00-11:00"}' "$base/api/v1/points/$pid/shifts/1"
    call "${auth[@]}" -X PUT -d '{"times":"13:30-17:30"}' "$base/api/v1/points/$pid/shifts/2"
    call "${auth[@]}" -d '{"serial":"TB-KIT-001","unit":"13225"}' "$base/api/v1/kits"
    call "${auth[@]}" -d "{\"point\":$pid}" "$base/api/v1/kits/TB-KIT-001/moves"
    call "${auth[@]}" -d '{"username":"officer"}' "$base/api/v1/points/$pid/staff"
    printf '%s$ curl -d {"from":"%s","to":"%s"} .../units/13225/plan | head -c 400%s\n' "$bold" \
        "$today" "$end" "$plain"
    curl -s "${auth[@]}" -d "{\"from\":\"$today\",\"to\":\"$end\"}" \
        "$base/api/v1/units/13225/plan" | head -c 400
    echo " ..."
    echo "(the officer's view: the first tickets as CSV, and the printed tickets of the day)"
    call -H "Authorization: Bearer $officer" "$base/api/v1/units/13225/tickets?format=csv&limit=3"
    curl -s -H "Authorization: Bearer $officer" -o build/demo-tickets.pdf \
        "$base/api/v1/units/13225/tickets.pdf?on=$today&limit=20"
    echo "(20 printed tickets in build/demo-tickets.pdf: $(stat -c %s build/demo-tickets.pdf) bytes)"
    ticket=$(curl -s -H "Authorization: Bearer $officer" \
        "$base/api/v1/units/13225/tickets?on=$today&limit=1" | field ticket)
    echo "(the queue: the first ticket holder arrives, is called and served)"
    local oauth=(-H "Authorization: Bearer $officer" -H 'Content-Type: application/json')
    call "${oauth[@]}" -d "{\"ticket\":\"$ticket\"}" "$base/api/v1/points/$pid/queue"
    entry=$(curl -s "${oauth[@]}" -X POST "$base/api/v1/points/$pid/queue/next" | field id)
    call "${oauth[@]}" -X POST "$base/api/v1/queue/$entry/served"
    call -H "Authorization: Bearer $officer" "$base/api/v1/points/$pid/queue"
    echo "(the public schedule, no account needed)"
    call "$base/api/v1/public/schedule?unit=13225&to=$end"
}

# A person of the officer's commune through the desk (photo, ten prints), a supervisor's
# approval, then the card centre: its keys, the signer, a batch of cards made and verified,
# sent to the commune, received and handed over.
production_demo() {
    local base=$1 officer=$2 pid app sig
    pid=$(curl -s -H "Authorization: Bearer $officer" "$base/api/v1/units/13225/remaining?limit=1" |
        sed -n 's/.*"personal_id":"\([0-9]*\)".*/\1/p')
    echo
    echo "The desk, the supervisor and the card centre (on the command line, the same database):"
    step keygen --out build/demo-bio.key
    step enroll open "$pid" --request-id "demo-$pid"
    # the same request id again: the same application (opening is idempotent), its number
    app=$("$cccd" enroll open "$pid" --request-id "demo-$pid" | sed -n 's/^application \([0-9]*\).*/\1/p')
    rm -rf build/demo-bio && "$cccd" synth biometrics --id "$pid" --worn 0 --out build/demo-bio >/dev/null
    step enroll photo "$app" build/demo-bio/portrait.jpg --key build/demo-bio.key
    for f in 01 02 03 04 05 06 07 08 09 10; do
        "$cccd" enroll finger "$app" "${f#0}" "build/demo-bio/finger-$f.png" --key build/demo-bio.key |
            sed 's/^/  /'
    done
    step enroll submit "$app"
    step approve "$app"
    rm -rf build/demo-pki build/demo-cards build/demo-signer.sock
    mkdir -p build/demo-pki
    echo "demo passphrase 2026" >build/demo-pki/pass
    step pki csca-init --out build/demo-pki/csca --passphrase-file build/demo-pki/pass
    step pki ds-issue --csca build/demo-pki/csca --passphrase-file build/demo-pki/pass \
        --out build/demo-pki/ds
    printf '\n%s$ cccd signer --socket build/demo-signer.sock ... &%s\n' "$bold" "$plain"
    "$cccd" signer --key build/demo-pki/ds/ds.key --cert build/demo-pki/ds/ds.pem \
        --passphrase-file build/demo-pki/pass --socket build/demo-signer.sock 2>build/demo-signer.log &
    sig=$!
    for _ in $(seq 50); do [ -S build/demo-signer.sock ] && break; sleep 0.1; done
    step batch create 13225
    step batch run 1 --out build/demo-cards --signer build/demo-signer.sock --key build/demo-bio.key
    kill -TERM $sig
    wait $sig 2>/dev/null
    step card verify "build/demo-cards/$pid" --csca build/demo-pki/csca/csca.pem
    step batch dispatch 1
    step manifest receive 1
    step deliver "$app" --confirmed
    echo "(the card's faces: build/demo-cards/$pid/front.png and back.png)"
}

if [ -f "$shared/units-2025-03.json" ]; then
    list=$shared/units-2025-03.json reform=$shared/units-2025-07-splits.json
    step units stats "$list" --reform "$reform" --at 2025-06-30
    step units stats "$list" --reform "$reform" --at 2025-07-01
    step units resolve 00007 --units "$list" --reform "$reform" --at 2025-07-01
    echo
    echo "The registry, on an embedded database (build/demo.db):"
    rm -f build/demo.db build/demo.db-wal build/demo.db-shm
    export CCCD_DB=sqlite:build/demo.db
    step init
    step units import "$list" --reform "$reform"
    step synth --province 34 --population 200000 --seed 1 --at 2025-03-01 --units "$list" \
        --out build/demo-people.csv --faults build/demo-faults.csv
    step registry import build/demo-people.csv --as-of 2025-03-01 --report build/demo-report.csv
    echo "(the first lines of the report, build/demo-report.csv:)"
    head -n 6 build/demo-report.csv
    step coverage 34 --at 2025-03-01
    echo "(after the reform, Thái Bình is part of Hưng Yên, 33; the same people, counted today:)"
    step coverage 33
    step registry find --name "nguyen van" --unit 341 --at 2025-03-01 --limit 5
    id=$(sed -n 2p build/demo-people.csv | cut -d, -f1)
    step registry show "$id"
    echo
    echo "Accounts (demo passwords: never use these anywhere else):"
    export CCCD_PASSWORD="demo password 2026"
    step user add admin --role admin --unit VN
    step user add commander --role commander --unit 33
    step user add officer --role officer --unit 13225
    step user add viewer --role viewer --unit 33
    unset CCCD_PASSWORD
    serve_demo "$id"
else
    echo
    echo "(no $shared/units-2025-03.json: the unit and registry part of the demo needs the"
    echo " official unit list; see docs/units.md)"
fi
echo
echo "More: build/cccd --help, docs/cli.md"
