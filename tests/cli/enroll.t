# applications at the desk: a commune with a person without a card, one with a valid chip card, one under 14 and one deceased; a point
cmd: export CCCD_DB=sqlite:e.db CCCD_TODAY=2025-03-10 CCCD_NOW=09:00; printf '%s' '{"data":[{"level1_id":"01","name":"Thành phố Hà Nội","type":"Thành phố Trung ương","level2s":[{"level2_id":"001","name":"Quận Ba Đình","type":"Quận","level3s":[{"level3_id":"00001","name":"Phường Phúc Xá","type":"Phường"},{"level3_id":"00004","name":"Phường Trúc Bạch","type":"Phường"}]}]}]}' > u.json && printf '%s\n' 'personal_id,full_name,date_of_birth,sex,ethnicity,religion,nationality,place_of_origin,permanent_commune,permanent_address,household_id,relation_to_head,residential_group,temporary_commune,temporary_address,status,mobility,old_id_number,card_type,card_number,card_issued,card_expiry,father_name,mother_name,spouse_name' '001090000001,Nguyễn Văn An,1990-01-01,M,Kinh,Không,Việt Nam,Hà Nội,00001,Số 1,HK1,Chủ hộ,Tổ 1,,,alive,normal,,,,,,,,' '001190000002,Trần Thị Bình,1990-02-02,F,Kinh,Không,Việt Nam,Hà Nội,00001,Số 2,HK2,Chủ hộ,Tổ 1,,,alive,normal,,chip,001190000002,2021-07-07,2030-02-02,,,' '001215000004,Nguyễn Văn Dũng,2015-04-04,M,Kinh,Không,Việt Nam,Hà Nội,00001,Số 4,HK4,Chủ hộ,Tổ 1,,,alive,normal,,,,,,,,' '001050000006,Nguyễn Văn Phúc,1950-06-06,M,Kinh,Không,Việt Nam,Hà Nội,00001,Số 6,HK6,Chủ hộ,Tổ 1,,,deceased,normal,,,,,,,,' > p.csv && $CCCD init >/dev/null && $CCCD units import u.json >/dev/null && $CCCD registry import p.csv --as-of 2025-03-01 >/dev/null && $CCCD point add 00001 --name "Công an phường Phúc Xá" --address "Số 1" >/dev/null && $CCCD enroll open 001090000001 --request-id 7d1c-01 --point 1
exit: 0
out: application 1 (001090000001): first_issue (no chip card), draft

# the same request id again: the same application, nothing new
cmd: export CCCD_DB=sqlite:e.db CCCD_TODAY=2025-03-10 CCCD_NOW=09:01; $CCCD enroll open 001090000001 --request-id 7d1c-01 --point 1 --json
exit: 0
out: "id": 1
out: "created": false

# refusals, each with its reason: already open, a valid card, under 14, deceased, not in the registry
cmd: export CCCD_DB=sqlite:e.db CCCD_TODAY=2025-03-10; $CCCD enroll open 001090000001 --request-id r2; echo "rc $?"; $CCCD enroll open 001190000002 --request-id r3; echo "rc $?"; $CCCD enroll open 001215000004 --request-id r4; echo "rc $?"; $CCCD enroll open 001050000006 --request-id r5; echo "rc $?"; $CCCD enroll open 001090000099 --request-id r6
exit: 1
out-not: rc 0
err: no application: 001090000001 has application 1 open (draft)
err: no application: card 001190000002 is valid until 2030-02-02 and nothing is to change
err: no application: under 14 (age 9)
err: no application: the person is recorded as deceased
err: 001090000099 is not in the registry
err-lines: 5

# a lost card: a re-issue, the old card revoked
cmd: export CCCD_DB=sqlite:e.db CCCD_TODAY=2025-03-10; $CCCD enroll open 001190000002 --request-id r7 --lost && $CCCD registry show 001190000002
exit: 0
out: application 2 (001190000002): reissue (lost: card 001190000002 is revoked), draft
out: 2025-03-09

# a usage error: no request id
cmd: $CCCD enroll open 001090000001
exit: 2
err: --request-id is required

# corrections: a name waits for a supervisor, an address is applied at once; a field that cannot be corrected
cmd: export CCCD_DB=sqlite:e.db CCCD_TODAY=2025-03-10; $CCCD enroll correct 1 --field full_name --value "Nguyễn Văn Ân" --reason "misspelt" --evidence "birth certificate" && $CCCD enroll correct 1 --field permanent_address --value "Số 9" --reason "renumbered" && $CCCD enroll correct 1 --field card_number --value 1 --reason x
exit: 1
out: correction 1 of application 1: full_name 'Nguyễn Văn An' -> 'Nguyễn Văn Ân', proposed (a supervisor approves it)
out: correction 2 of application 1: permanent_address 'Số 1' -> 'Số 9', applied to the registry
err: field: 'card_number' cannot be corrected
err-lines: 1

# submission waits for the portrait and the ten prints; the desk takes them (sealed with a key file)
cmd: export CCCD_DB=sqlite:e.db CCCD_TODAY=2025-03-10 CCCD_NOW=09:20; $CCCD enroll submit 1; echo "rc $?"; $CCCD keygen --out k.key >/dev/null && for app in 1:001090000001 2:001190000002; do $CCCD synth biometrics --id ${app#*:} --worn 0 --out bio${app%%:*} >/dev/null && $CCCD enroll photo ${app%%:*} bio${app%%:*}/portrait.jpg --key k.key >/dev/null && for f in 01 02 03 04 05 06 07 08 09 10; do $CCCD enroll finger ${app%%:*} ${f#0} bio${app%%:*}/finger-$f.png --key k.key >/dev/null || exit 1; done; done; echo done
exit: 0
out: rc 1
out: done
err: application 1 has no portrait: take the photo first

# submit; approval waits for the correction; the supervisor approves it and the record changes
cmd: export CCCD_DB=sqlite:e.db CCCD_TODAY=2025-03-10 CCCD_NOW=09:30; $CCCD enroll submit 1 && { $CCCD approve 1; echo "rc $?"; } && $CCCD enroll decide 1 --approve && $CCCD approve 1 && $CCCD registry show 001090000001
exit: 0
out: application 1 (001090000001): first_issue (no chip card), submitted
out: rc 1
out: correction 1: full_name 'Nguyễn Văn An' -> 'Nguyễn Văn Ân', approved
out: application 1 (001090000001): first_issue (no chip card), approved
out: Nguyễn Văn Ân
err: application 1 has 1 correction(s) still proposed

# a step not allowed from the current state names it
cmd: export CCCD_DB=sqlite:e.db CCCD_TODAY=2025-03-10; $CCCD deliver 1 --confirmed
exit: 1
err: application 1 is approved: it can go to in_production, not delivered
err-lines: 1

# the card centre and the unit: in production, produced, dispatched, received; delivery needs the citizen's confirmation
cmd: export CCCD_DB=sqlite:e.db CCCD_TODAY=2025-03-10; for s in in_production produced dispatched received; do $CCCD application move 1 --to $s || exit 9; done; $CCCD deliver 1; echo "rc $?"; $CCCD deliver 1 --confirmed && $CCCD registry show 001090000001
exit: 0
out: application 1 (001090000001): first_issue (no chip card), received
out: rc 1
out: application 1 (001090000001): first_issue (no chip card), delivered
out: chip
err: confirmed: the citizen must confirm receiving the card

# a rejection needs its reason; the history shows every step with who made it
cmd: export CCCD_DB=sqlite:e.db CCCD_TODAY=2025-03-10; $CCCD enroll submit 2 >/dev/null && $CCCD reject 2 --reason "photo of someone else" && $CCCD application show 1
exit: 0
out: application 2 (001190000002): reissue (lost: card 001190000002 is revoked), rejected: photo of someone else
out: (opened) -> draft  by cli
out: received -> delivered  by cli
out: correction 1: full_name 'Nguyễn Văn An' -> 'Nguyễn Văn Ân' (misspelt; evidence: birth certificate), approved

# an unknown state and an unknown application
cmd: export CCCD_DB=sqlite:e.db CCCD_TODAY=2025-03-10; $CCCD application move 1 --to lost; echo "rc $?"; $CCCD application show 99
exit: 1
out: rc 2
err: there is no application 99

# a personal ID corrected here: the old one is not in the registry, and says which ID it became
cmd: export CCCD_DB=sqlite:r.db CCCD_TODAY=2025-03-10; $CCCD init >/dev/null && $CCCD units import u.json >/dev/null && $CCCD registry import p.csv --as-of 2025-03-01 >/dev/null && $CCCD point add 00001 --name "Công an phường Phúc Xá" --address "Số 1" >/dev/null && $CCCD enroll open 001090000001 --request-id id-1 --point 1 >/dev/null && $CCCD enroll correct 1 --field personal_id --value 001090000011 --reason "a wrong digit" --evidence "birth certificate" && $CCCD enroll decide 1 --approve && $CCCD registry show 001090000011 | grep -E '^(personal_id|full_name)'; $CCCD registry show 001090000001
exit: 1
out: personal_id '001090000001' -> '001090000011', proposed
out: approved
out: personal_id        001090000011
out: Nguyễn Văn An
err: no citizen with personal ID 001090000001 in the registry: it was corrected to 001090000011 here (cccd registry show 001090000011)
err-lines: 1

# every change is in the audit chain, which is whole
cmd: export CCCD_DB=sqlite:e.db; $CCCD audit verify
exit: 0
out: chain intact
