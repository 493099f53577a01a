# card files: a portrait and one card's data give the four chip files and two faces
cmd: $CCCD synth biometrics --id 001090012345 --out bio >/dev/null && printf '%s' '{"personal_id":"001090012345","full_name":"Nguyễn Văn Đức","date_of_birth":"1990-01-15","sex":"Nam","ethnicity":"Kinh","religion":"Không","place_of_origin":"Hoài Đức, Hà Nội","place_of_residence":"Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội","identifying_marks":"Nốt ruồi C:1cm","issue_date":"2021-03-10","father_name":"Nguyễn Văn B","mother_name":"Trần Thị C","old_id":"012345678"}' > a.json && $CCCD card files --json a.json --portrait bio/portrait.jpg --out a && ls a | tr '\n' ' '
exit: 0
out: wrote a/EF.COM (23 bytes)
out: wrote a/EF.DG1 (95 bytes)
out: EF.COM EF.DG1 EF.DG13 EF.DG2 back.png front.png

# the faces are 1012x638 PNGs and the front's QR code reads back as the documented text
cmd: file a/front.png a/back.png && [ "$(zbarimg --raw -q a/front.png)" = "001090012345|012345678|Nguyễn Văn Đức|15011990|Nam|Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội|10032021" ] && echo qr-ok
exit: 0
out: a/front.png: PNG image data, 1012 x 638
out: a/back.png:  PNG image data, 1012 x 638
out: qr-ok

# EF.DG1 holds the same MRZ as `cccd mrz build`; the expiry came from the 25/40/60 rule
cmd: tail -c 90 a/EF.DG1 | fold -w 30 > dg1.txt && echo >> dg1.txt && printf '%s' '{"personal_id":"001090012345","full_name":"Nguyễn Văn Đức","date_of_birth":"1990-01-15","sex":"M","expiry":"2030-01-15"}' | $CCCD mrz build --json - > built.txt && cmp dg1.txt built.txt && echo same && cat dg1.txt
exit: 0
out: same
out: NGUYEN<<VAN<DUC<<<<<<<<<<<<<<<

# card inspect prints every field and the verdict
cmd: CCCD_TODAY=2025-06-01 $CCCD card inspect a
exit: 0
out: EF.COM groups          DG1 DG2 DG13
out: EF.DG1 document_number 090012345
out: EF.DG2 portrait        JPEG 480x640
out: EF.DG13 full_name      Nguyễn Văn Đức
out: EF.DG13 expiry         15/01/2030
out: EF.DG13 mother_name    Trần Thị C
out: EF.DG1 sha256
out: verdict ok

# the same files are never replaced: nothing is written
cmd: $CCCD card files --json a.json --portrait bio/portrait.jpg --out a; echo "rc $?"; ls a | wc -l
exit: 0
out: rc 1
out: 6
err: a/EF.COM exists already: nothing written
err-lines: 1

# a portrait that is not a JPEG is refused, naming the file
cmd: $CCCD card files --json a.json --portrait a.json --out b; echo "rc $?"; test ! -e b/EF.COM && echo nothing-written
exit: 0
out: rc 1
out: nothing-written
err: cccd: the portrait is missing or not a JPEG file
err: (a.json)
err-lines: 1

# a card of another person's DG13 in the directory: the cross-check names the file and the item
cmd: sed 's/"1990-01-15"/"1990-01-16"/; s/001090012345/001090012346/' a.json > c.json && $CCCD card files --json c.json --portrait bio/portrait.jpg --out c >/dev/null && mkdir -p mix && cp a/EF.COM a/EF.DG1 a/EF.DG2 mix/ && cp c/EF.DG13 mix/ && CCCD_TODAY=2025-06-01 $CCCD card inspect mix
exit: 1
out: verdict FAILED: EF.DG13 ID number '001090012346' disagrees with EF.DG1's MRZ '001090012345'
err: cccd: EF.DG13 ID number '001090012346' disagrees
err-lines: 1

# a DG13 cut short is refused as malformed, naming the file
cmd: mkdir -p cut && cp a/EF.COM a/EF.DG1 a/EF.DG2 cut/ && head -c 200 a/EF.DG13 > cut/EF.DG13 && $CCCD card inspect cut
exit: 1
err: cccd: EF.DG13: the outer element at byte 0
err-lines: 1

# a changed MRZ character in DG1 fails its check digit
cmd: mkdir -p bad && cp a/* bad/ && printf 'IDVNM090012346' | dd of=bad/EF.DG1 bs=1 seek=5 conv=notrunc 2>/dev/null && CCCD_TODAY=2025-06-01 $CCCD card inspect bad
exit: 1
out: EF.DG1 check_digits    WRONG
err: cccd: EF.DG1: line 1, column 15: document number check digit
err-lines: 1

# a missing file
cmd: mkdir -p none && $CCCD card inspect none
exit: 1
err: cccd: EF.COM:
err-lines: 1

# no expiry (issued at 58 or later) and a partial date of birth
cmd: printf '%s' '{"personal_id":"079160012345","full_name":"Tôn Nữ Hoàng Phương Thảo","date_of_birth":"1960","sex":"Nữ","ethnicity":"Kinh","religion":"Phật giáo","place_of_origin":"Huế","place_of_residence":"Quận 1, Thành phố Hồ Chí Minh","issue_date":"2021-03-10","spouse_name":"Lê Văn Đức"}' > d.json && $CCCD card files --json d.json --portrait bio/portrait.jpg --out d >/dev/null && CCCD_TODAY=2025-06-01 $CCCD card inspect d
exit: 0
out: EF.DG1 mrz line 2      60<<<<2F<<<<<<<VNM<<<<<<<<<<<6
out: EF.DG1 expiry          none
out: EF.DG13 date_of_birth  1960
out: EF.DG13 expiry         Không thời hạn
out: EF.DG13 old_id         
out: verdict ok

# --out, --json and --portrait are required
cmd: $CCCD card files --json a.json --portrait bio/portrait.jpg
exit: 2
err: --out DIR is required
