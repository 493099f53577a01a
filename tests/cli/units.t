# units stats --help describes the command and exits 0
cmd: $CCCD units stats --help
exit: 0
out: usage: cccd units stats [FILE]
out: --reform FILE

# units resolve --help exits 0
cmd: $CCCD units resolve --help
exit: 0
out: --recorded DATE

# units find --help exits 0
cmd: $CCCD units find --help
exit: 0
out: --level LEVEL

# no unit list and no database: one line saying how to make one, exit 1, no file created
cmd: env -u CCCD_UNITS -u CCCD_REFORM -u CCCD_DB $CCCD units stats; rc=$?; test ! -e cccd.db && exit $rc
exit: 1
err: no database at cccd.db: create it with cccd init
err-lines: 1

# a missing unit file: one line, exit 1
cmd: $CCCD units stats --units no-such-file.json
exit: 1
err: cannot open no-such-file.json
err-lines: 1

# a missing reform file: one line, exit 1
cmd: printf '{"data":[]}' > l.json && $CCCD units stats l.json --reform no-such-reform.json
exit: 1
err: cannot open no-such-reform.json
err-lines: 1

# the unit list given twice is a usage error
cmd: printf '{"data":[]}' > l.json && $CCCD units stats l.json --units l.json
exit: 2
err: give the unit list once

# a truncated list: one line naming the place, exit 1
cmd: printf '{"data":[{"level1_id":"01",' > l.json && $CCCD units stats l.json
exit: 1
err: units: not valid JSON at line 1
err-lines: 1

# a list with a wrong type names the field
cmd: printf '{"data":[{"level1_id":1,"name":"Tỉnh A","type":"Tỉnh","level2s":[]}]}' > l.json && $CCCD units stats l.json
exit: 1
err: data[0].level1_id: expected a string, got a number
err-lines: 1

# a duplicated code in the list is refused with both places
cmd: printf '{"data":[{"level1_id":"01","name":"Tỉnh A","type":"Tỉnh","level2s":[]},{"level1_id":"01","name":"Tỉnh B","type":"Tỉnh","level2s":[]}]}' > l.json && $CCCD units stats l.json
exit: 1
err: data[1]: province 01 is listed twice (also at data[0])
err-lines: 1

# a small list: counts and cleaned names, from the environment
cmd: printf '{"data":[{"level1_id":"34","name":"Tỉnh  Thái Bình","type":"Tỉnh","level2s":[{"level2_id":"341","name":"Huyện Thái  Thụy ","type":"Huyện","level3s":[{"level3_id":"12001","name":"Xã Cò  Nòi","type":"Xã"}]}]}]}' > l.json && CCCD_UNITS=l.json $CCCD units stats --at 2025-01-01
exit: 0
out: provinces: 1
out: districts: 1
out: communes: 1

# find on a small list: the cleaned name, with or without diacritics
cmd: printf '{"data":[{"level1_id":"34","name":"Tỉnh  Thái Bình","type":"Tỉnh","level2s":[{"level2_id":"341","name":"Huyện Thái  Thụy ","type":"Huyện","level3s":[{"level3_id":"12001","name":"Xã Cò  Nòi","type":"Xã"}]}]}]}' > l.json && $CCCD units find "co noi" --units l.json
exit: 0
out: Xã Cò Nòi
out: Huyện Thái Thụy, Tỉnh Thái Bình
out-lines: 1

# a bad reform file names the entry
cmd: printf '{"data":[{"level1_id":"34","name":"Tỉnh Thái Bình","type":"Tỉnh","level2s":[]}]}' > l.json && printf '{"data":[{"level1_id":"35","name":"Tỉnh Hà Nam","splits":[],"level3s":[]}]}' > r.json && $CCCD units stats l.json --reform r.json
exit: 1
err: data[0].level1_id: no province 35
err-lines: 1

# an impossible date is a user error
cmd: printf '{"data":[]}' > l.json && $CCCD units stats l.json --at 2025-02-30
exit: 1
err-lines: 1

# an unknown level is a usage error
cmd: printf '{"data":[]}' > l.json && $CCCD units find x --units l.json --level ward
exit: 2
err: --level must be province, district or commune

# resolve needs a code
cmd: printf '{"data":[]}' > l.json && $CCCD units resolve --units l.json
exit: 2
err: missing argument

# the 2025-03 list: 63 provinces, 696 districts, 10,047 communes (positional FILE)
cmd: $CCCD units stats $SHARED/units-2025-03.json --at 2025-03-01
exit: 0
out: provinces: 63
out: districts: 696
out: communes: 10047
needs: shared

# the day before the reform nothing has changed
cmd: $CCCD units stats $SHARED/units-2025-03.json --reform $SHARED/units-2025-07-splits.json --at 2025-06-30
exit: 0
out: provinces: 63
out: districts: 696
out: communes: 10047
needs: shared

# from 2025-07-01: 34 provinces, no districts, the events and the data's oddities
cmd: $CCCD units stats --units $SHARED/units-2025-03.json --reform $SHARED/units-2025-07-splits.json --at 2025-07-01
exit: 0
out: provinces: 34
out: districts: 0
out: communes: 3321
out: event merge: 3204 (province 23, commune 3181)
out: event split: 460 (commune 460)
out: event dissolve: 691 (district 691)
out: new commune 30259 Xã Tân Phú Trung is reached from provinces going to 82 and to 91
needs: shared

# stats as JSON, files from the environment
cmd: CCCD_UNITS=$SHARED/units-2025-03.json CCCD_REFORM=$SHARED/units-2025-07-splits.json $CCCD units stats --at 2025-07-01 --json
exit: 0
out: "province": 34
out: "district": 0
out: "commune": 3321
out: "warnings_total": 3
needs: shared

# old commune 00004 on 2025-06-30 is still Trúc Bạch
cmd: $CCCD units resolve 00004 --at 2025-06-30 --units $SHARED/units-2025-03.json --reform $SHARED/units-2025-07-splits.json
exit: 0
out: on 2025-06-30: 1 unit
out: Phường Trúc Bạch
out-not: Phường Ba Đình
needs: shared

# from 2025-07-01 old 00004 resolves to the new 00004, Phường Ba Đình
cmd: $CCCD units resolve 00004 --at 2025-07-01 --units $SHARED/units-2025-03.json --reform $SHARED/units-2025-07-splits.json
exit: 0
out: on 2025-07-01: 1 unit
out: Phường Ba Đình
out: merge
out-not: ambiguous
needs: shared

# the code 00004 recorded after the reform is already the new unit
cmd: $CCCD units resolve 00004 --recorded 2025-07-01 --at 2026-01-01 --units $SHARED/units-2025-03.json --reform $SHARED/units-2025-07-splits.json
exit: 0
out: Phường Ba Đình
out-not: Trúc Bạch
needs: shared

# a split commune resolves to both new communes, flagged ambiguous
cmd: $CCCD units resolve 00007 --at 2025-07-01 --units $SHARED/units-2025-03.json --reform $SHARED/units-2025-07-splits.json
exit: 0
out: 2 units (ambiguous)
out: Phường Ngọc Hà
out: Phường Giảng Võ
out: split
needs: shared

# the same as JSON
cmd: $CCCD units resolve 00007 --at 2025-07-01 --units $SHARED/units-2025-03.json --reform $SHARED/units-2025-07-splits.json --json
exit: 0
out: "ambiguous": true
out: "code": "00025"
out: "kind": "split"
needs: shared

# Thái Thụy district's 36 communes went into 11 new communes
cmd: $CCCD units resolve 341 --at 2025-07-01 --units $SHARED/units-2025-03.json --reform $SHARED/units-2025-07-splits.json
exit: 0
out: 11 units (ambiguous)
out: Xã Thái Thụy
out: dissolve
needs: shared

# the province 24 of 2025-06-30 (Bắc Giang) is part of the new 24 (Bắc Ninh)
cmd: $CCCD units resolve 24 --recorded 2025-06-30 --at 2025-07-01 --units $SHARED/units-2025-03.json --reform $SHARED/units-2025-07-splits.json
exit: 0
out: Tỉnh Bắc Giang
out: Tỉnh Bắc Ninh
out: 24 Tỉnh Bắc Giang, 27 Tỉnh Bắc Ninh -> 24 Tỉnh Bắc Ninh
needs: shared

# an unknown code: one line, exit 1
cmd: $CCCD units resolve 99999 --at 2025-07-01 --units $SHARED/units-2025-03.json
exit: 1
err: no commune with code 99999
err-lines: 1
needs: shared

# a malformed code: one line, exit 1
cmd: $CCCD units resolve 12a --units $SHARED/units-2025-03.json
exit: 1
err: is not a unit code
err-lines: 1
needs: shared

# find without diacritics
cmd: $CCCD units find "thai thuy" --level district --units $SHARED/units-2025-03.json
exit: 0
out: Huyện Thái Thụy
out: Tỉnh Thái Bình
out-lines: 1
needs: shared

# find with diacritics, the type word and odd spacing
cmd: $CCCD units find "Huyện  Thái Thụy" --units $SHARED/units-2025-03.json
exit: 0
out: 341
out-lines: 1
needs: shared

# find at a date after the reform: the new commune
cmd: $CCCD units find "Thái Thụy" --at 2025-07-01 --units $SHARED/units-2025-03.json --reform $SHARED/units-2025-07-splits.json --json
exit: 0
out: "code": "12826"
out: "path": "Tỉnh Hưng Yên"
out-not: "341"
needs: shared

# names are stored cleaned
cmd: $CCCD units find "Cò Nòi" --units $SHARED/units-2025-03.json
exit: 0
out: Xã Cò Nòi
needs: shared

# nothing found: one line, exit 1
cmd: $CCCD units find "Nowhere Land" --units $SHARED/units-2025-03.json
exit: 1
err: no unit named 'Nowhere Land'
err-lines: 1
needs: shared
