# the card centre: five approved applications in two communes of one district (one person of 65, whose card never expires), the desk's captures sealed with a key file
cmd: export CCCD_DB=sqlite:p.db CCCD_TODAY=2025-03-10 CCCD_NOW=09:00; printf '%s' '{"data":[{"level1_id":"01","name":"Thành phố Hà Nội","type":"Thành phố Trung ương","level2s":[{"level2_id":"001","name":"Quận Ba Đình","type":"Quận","level3s":[{"level3_id":"00001","name":"Phường Phúc Xá","type":"Phường"},{"level3_id":"00004","name":"Phường Trúc Bạch","type":"Phường"}]}]}]}' > u.json && printf '%s\n' 'personal_id,full_name,date_of_birth,sex,ethnicity,religion,nationality,place_of_origin,permanent_commune,permanent_address,household_id,relation_to_head,residential_group,temporary_commune,temporary_address,status,mobility,old_id_number,card_type,card_number,card_issued,card_expiry,father_name,mother_name,spouse_name' '001090000001,Nguyễn Văn An,1990-01-01,M,Kinh,Không,Việt Nam,Hà Nội,00001,Số 1,HK1,Chủ hộ,Tổ 1,,,alive,normal,012345678,,,,,Nguyễn Văn Ba,Trần Thị Tư,' '001195000002,Đặng Thị Bình,1995-02-02,F,Kinh,Phật giáo,Việt Nam,Nam Định,00001,Số 2,HK2,Chủ hộ,Tổ 1,,,alive,normal,,,,,,,,' '001060000003,Lê Văn Cường,1960-03-03,M,Tày,Không,Việt Nam,Cao Bằng,00001,Số 3,HK3,Chủ hộ,Tổ 2,,,alive,normal,,,,,,,,Hoàng Thị Dung' '001300000004,Phạm Thị Dịu,2000-04-04,F,Kinh,Công giáo,Việt Nam,Hà Nội,00004,Số 4,HK4,Chủ hộ,Tổ 1,,,alive,normal,,,,,,,,' '001085000005,Vũ Văn Em,1985-05-05,M,Kinh,Không,Việt Nam,Thái Bình,00004,Số 5,HK5,Chủ hộ,Tổ 1,,,alive,normal,,,,,,,,' > p.csv && $CCCD init >/dev/null && $CCCD units import u.json >/dev/null && $CCCD registry import p.csv --as-of 2025-03-01 >/dev/null && $CCCD keygen --out k.key >/dev/null && $CCCD synth biometrics --id 001090000001 --worn 0 --out bio >/dev/null && for a in 1 2 3 4 5; do $CCCD enroll open $(sed -n "$((a+1))p" p.csv | cut -d, -f1) --request-id r$a >/dev/null && $CCCD enroll photo $a bio/portrait.jpg --key k.key >/dev/null && for f in 01 02 03 04 05 06 07 08 09 10; do $CCCD enroll finger $a ${f#0} bio/finger-$f.png --key k.key >/dev/null || exit 1; done; $CCCD enroll submit $a >/dev/null && $CCCD approve $a || exit 1; done
exit: 0
out: application 1 (001090000001): first_issue (no chip card), approved
out: application 5 (001085000005): first_issue (no chip card), approved

# the keys: a CSCA and a Document Signer; the signer's start and stop for the cases below
cmd: echo "mật khẩu ký 2026" > pass && $CCCD pki csca-init --out csca --passphrase-file pass >/dev/null && $CCCD pki ds-issue --csca csca --passphrase-file pass --out ds >/dev/null && printf '%s\n' 'sig_start() { $CCCD signer --key ds/ds.key --cert ds/ds.pem --passphrase-file pass --socket s.sock >>signer.log 2>&1 & echo $! > signer.pid; for i in $(seq 200); do [ -S s.sock ] && return 0; sleep 0.05; done; return 1; }' 'sig_stop() { kill $(cat signer.pid); for i in $(seq 200); do kill -0 $(cat signer.pid) 2>/dev/null || return 0; sleep 0.05; done; return 1; }' > sig.sh && echo keys made
exit: 0
out: keys made

# a batch takes the district's approved applications; without the signer nothing is made and it says so
cmd: export CCCD_DB=sqlite:p.db CCCD_TODAY=2025-03-10 CCCD_NOW=10:00; $CCCD batch create 001 && $CCCD batch run 1 --out cards --signer s.sock --key k.key --wait 0; echo "rc $?"; ls cards | wc -l; $CCCD batch show 1
exit: 0
out: batch 1 of 001: 5 cards, 0 produced, open
out: rc 1
out: 0
err: the document signer at s.sock is not answering
err: run it again to go on

# production waits for a signer that is late, says so, and goes on when it answers
cmd: export CCCD_DB=sqlite:p.db CCCD_TODAY=2025-03-10 CCCD_NOW=10:02; . ./sig.sh && { (sleep 2; sig_start) & CCCD_TEST_KILL_BEFORE_RECORD=1 $CCCD batch run 1 --out cards --signer s.sock --key k.key --wait 30; echo "rc $?"; wait; sig_stop; }
exit: 0
out: rc 137
err: the document signer at s.sock is not answering
err: waiting up to 30 s for it
err: the signer answers again: going on

# killed after the third card's files are written but before it is recorded; run again: every card made and recorded once, none skipped
cmd: export CCCD_DB=sqlite:p.db CCCD_TODAY=2025-03-10 CCCD_NOW=10:05; . ./sig.sh && sig_start && { CCCD_TEST_KILL_BEFORE_RECORD=3 $CCCD batch run 1 --out cards --signer s.sock --key k.key; echo "killed rc $?"; $CCCD batch show 1; ls cards | grep -vc part; $CCCD batch run 1 --out cards --signer s.sock --key k.key; sig_stop; } && for a in 1 2 3 4 5; do $CCCD application show $a | grep -c -- '-> produced'; done | sort | uniq -c && ls cards
exit: 0
out: killed rc 137
out: batch 1 of 001: 5 cards, 2 produced, open
out: batch 1: 3 cards made now, 2 before; 5 of 5 produced, in cards
out:       5 1
out-not: .part

# each card passes passive authentication step by step; its files are the chip's and the faces
cmd: for c in cards/*; do $CCCD card verify $c --csca csca/csca.pem | tail -1; done | sort | uniq -c; ls cards/001060000003; $CCCD card verify cards/001090000001 --csca csca/csca.pem
exit: 0
out:       5 verdict ok
out: EF.COM
out: EF.SOD
out: front.png
out: 1 SOD signature                      passed
out: 2 Document Signer: chain, dates      passed
out: 3 EF.DG2 hash                        passed
out: 5 MRZ and DG1/DG13 agree             passed

# what the chip says comes from the registry: the old ID, the parents, the spouse, the residence with the commune's name, and a card that never expires at 65
cmd: $CCCD card inspect cards/001060000003 --today 2025-03-10 && $CCCD card inspect cards/001090000001 --today 2025-03-10
exit: 0
out: Lê Văn Cường
out: Không thời hạn
out: Hoàng Thị Dung
out: Số 3, Phường Phúc Xá, Quận Ba Đình, Thành phố Hà Nội
out: 012345678
out: Nguyễn Văn Ba
out: 10/03/2025
out: 01/01/2030

# one byte altered in any file is caught, by the step that checks that file
cmd: for f in EF.COM EF.DG1 EF.DG2 EF.DG13 EF.SOD; do rm -rf t && cp -r cards/001195000002 t && size=$(stat -c %s t/$f) && off=$((size / 2)) && b=$(od -An -tu1 -j $off -N1 t/$f | tr -d ' ') && printf "$(printf '\\%03o' $(( (b + 1) % 256 )))" | dd of=t/$f bs=1 seek=$off conv=notrunc status=none && { $CCCD card verify t --csca csca/csca.pem >/dev/null 2>err; echo "$f rc $? $(cat err)"; }; done
exit: 0
out: EF.COM rc 1 cccd: 4 EF.COM lists
out: EF.DG1 rc 1 cccd: 3 EF.DG1 hash
out: EF.DG2 rc 1 cccd: 3 EF.DG2 hash
out: EF.DG13 rc 1 cccd: 3 EF.DG13 hash
out: EF.SOD rc 1 cccd:
out-not: rc 0

# another country's CSCA does not vouch for the card; once the Document Signer is revoked, its cards fail the chain step
cmd: $CCCD pki csca-init --out other --passphrase-file pass >/dev/null && { $CCCD card verify cards/001090000001 --csca other/csca.pem; echo "rc $?"; } && $CCCD pki crl --csca csca --passphrase-file pass --revoke ds/ds.pem --out crl.pem >/dev/null && $CCCD card verify cards/001090000001 --csca csca/csca.pem --crl crl.pem
exit: 1
out: rc 1
out: 2 Document Signer: chain, dates, CRL FAILED
err: 2 Document Signer: chain, dates: 
err: revoked

# every EF.SOD passes openssl's own CMS verification against the CSCA (after the 0x77 wrapper is removed), and every MRZ the npm parser
cmd: for c in cards/*; do hl=$(openssl asn1parse -inform DER -in $c/EF.SOD | head -1 | sed 's/.*hl= *\([0-9]*\).*/\1/') && tail -c +$((hl+1)) $c/EF.SOD > inner.der && openssl cms -verify -inform DER -CAfile csca/csca.pem -binary -in inner.der -out /dev/null 2>&1 | tail -1; $CCCD card inspect $c --today 2025-03-10 | sed -n 's/^EF.DG1 mrz line [123] *//p' > mrz.txt && $CCCD mrz check --json mrz.txt > mrz.json --today 2025-03-10 && node $REPO/tests/interop/mrz_check.mjs $c/EF.DG1 mrz.json > npm.out && grep -x 'npm valid true' npm.out; done | sort | uniq -c
exit: 0
out:       5 CMS Verification successful
out:       5 npm valid true

# sent: a manifest per commune; Phúc Xá confirms its own, once; the card is handed over and the registry holds it
cmd: export CCCD_DB=sqlite:p.db CCCD_TODAY=2025-03-11 CCCD_NOW=08:00; $CCCD batch dispatch 1 && $CCCD manifest receive 1 && { $CCCD manifest receive 1; echo "rc $?"; } && $CCCD deliver 1 --confirmed && $CCCD registry show 001090000001
exit: 0
out: manifest 1 of batch 1 to 00001@: 3 cards
out: manifest 2 of batch 1 to 00004@: 2 cards
out: received 2025-03-11 08:00 by cli
out: rc 1
out: application 1 (001090000001): first_issue (no chip card), delivered
out: 2025-03-10
out: 2030-01-01
err: manifest 1 was received on 2025-03-11 by cli
