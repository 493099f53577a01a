# init creates the database, and says so again without changing it
cmd: $CCCD init --db sqlite:i.db && $CCCD init --db sqlite:i.db --json
exit: 0
out: created sqlite database
out: "from": 15

# a command that reads data refuses a database that does not exist, and creates none
cmd: $CCCD registry show 001090012345 --db sqlite:none.db; rc=$?; test ! -e none.db && exit $rc
exit: 1
err: no database at none.db: create it with cccd init
err-lines: 1

# a database URL cccd does not know
cmd: $CCCD init --db mysql://localhost/x
exit: 1
err: is not a database URL

# units import stores the list and the reform; a second import changes nothing
needs: shared
cmd: export CCCD_DB=sqlite:u.db; $CCCD init >/dev/null && $CCCD units import $SHARED/units-2025-03.json --reform $SHARED/units-2025-07-splits.json && $CCCD units import $SHARED/units-2025-03.json --reform $SHARED/units-2025-07-splits.json && $CCCD units stats --at 2025-07-01 && $CCCD units resolve 00007 --at 2025-07-01
exit: 0
out: stored 14161 unit versions
out: units unchanged
out: 34
out: ambiguous

# a synthetic extract with injected faults: every fault is in the report, every good row loaded
needs: shared
cmd: export CCCD_DB=sqlite:r.db CCCD_TODAY=2025-03-01; $CCCD init >/dev/null && $CCCD units import $SHARED/units-2025-03.json --reform $SHARED/units-2025-07-splits.json >/dev/null && $CCCD synth --province 34 --population 3000 --seed 7 --at 2025-03-01 --units $SHARED/units-2025-03.json --out p.csv --faults f.csv && $CCCD registry import p.csv --as-of 2025-03-01 --report rep.csv > sum.txt && cut -d, -f1 f.csv | tail -n +2 | sort -u > f.rows && cut -d, -f1 rep.csv | tail -n +2 | tr -d '"' | sort -u > r.rows && echo "faults not reported: $(comm -23 f.rows r.rows | wc -l)" && cat sum.txt
exit: 0
out: faults not reported: 0
out: read 3,000 rows
out: report: rep.csv

# importing the same file again changes nothing
needs: shared
cmd: export CCCD_DB=sqlite:r.db CCCD_TODAY=2025-03-01; $CCCD registry import p.csv --as-of 2025-03-01 --report rep2.csv --json
exit: 0
out: "inserted": 0
out: "updated": 0
out: "unchanged": 2972

# a newer extract with one person changed updates that person only
needs: shared
cmd: export CCCD_DB=sqlite:r.db CCCD_TODAY=2025-03-01; sed '2s/,alive,/,deceased,/' p.csv > newer.csv && $CCCD registry import newer.csv --as-of 2025-03-01 --report rep3.csv --json
exit: 0
out: "updated": 1
out: "unchanged": 2971

# coverage of the province before the reform, with its districts
needs: shared
cmd: export CCCD_DB=sqlite:r.db CCCD_TODAY=2025-03-01; $CCCD coverage 34 --at 2025-03-01
exit: 0
out: Tỉnh Thái Bình
out: Huyện Thái Thụy

# after the reform the same people count under the new province (Hưng Yên, 33)
needs: shared
cmd: export CCCD_DB=sqlite:r.db CCCD_TODAY=2025-03-01; a=$($CCCD coverage 34 --at 2025-03-01 --json | grep -m1 '"residents"'); b=$($CCCD coverage 33 --at 2025-07-01 --json | grep -m1 '"residents"'); echo "$a"; test "$a" = "$b" && echo same
exit: 0
out: same

# a province that no longer exists on the date is a user error
needs: shared
cmd: CCCD_DB=sqlite:r.db $CCCD coverage 34 --at 2026-01-01
exit: 1
err: not in force
err-lines: 1

# the remaining list, a page at a time, with a cursor for the next page
needs: shared
cmd: export CCCD_DB=sqlite:r.db; c=341; $CCCD coverage $c --at 2025-03-01 --remaining --limit 2 > page1.txt; cur=$(sed -n "s/^next page: --after '\(.*\)'$/\1/p" page1.txt); $CCCD coverage $c --at 2025-03-01 --remaining --limit 2 --after "$cur" > page2.txt; cat page1.txt page2.txt; test -n "$cur" && ! cmp -s page1.txt page2.txt && echo pages-differ
exit: 0
out: next page: --after
out: pages-differ

# registry show prints one person; an unknown one is a user error
needs: shared
cmd: export CCCD_DB=sqlite:r.db; id=$(sed -n 3p p.csv | cut -d, -f1); $CCCD registry show $id && $CCCD registry show 001090000000
exit: 1
out: full_name
err: no citizen with personal ID 001090000000
err-lines: 1

# registry find, with and without diacritics, gives the same people
needs: shared
cmd: export CCCD_DB=sqlite:r.db; $CCCD registry find --name "nguyễn" --unit 34 --at 2025-03-01 --limit 5 > a.txt && $CCCD registry find --name NGUYEN --unit 34 --at 2025-03-01 --limit 5 > b.txt && cmp a.txt b.txt && wc -l < a.txt
exit: 0
out: 5

# registry find needs its options
cmd: $CCCD registry find --name x
exit: 2
err: --name and --unit are required

# a broken CSV changes nothing and names the row
needs: shared
cmd: export CCCD_DB=sqlite:r.db CCCD_TODAY=2025-03-01; (head -3 p.csv; echo '001090012345,"unclosed') > broken.csv; $CCCD registry import broken.csv --as-of 2025-03-01 --report rb.csv; rc=$?; $CCCD registry import p.csv --as-of 2025-03-01 --report rc.csv --json | grep '"updated"'; exit $rc
exit: 1
err: nothing was imported
err-lines: 1
out: "updated": 1

# a file without the mandatory columns
cmd: export CCCD_DB=sqlite:h.db; $CCCD init >/dev/null; printf 'personal_id,full_name\n001090012345,A\n' > h.csv; $CCCD registry import h.csv
exit: 1
err: no administrative units in the database: run cccd units import

# a household with two heads, and one with none, are reported (the rows are loaded)
needs: shared
cmd: export CCCD_DB=sqlite:hh.db CCCD_TODAY=2025-03-01; $CCCD init >/dev/null && $CCCD units import $SHARED/units-2025-03.json >/dev/null && (head -1 p.csv; echo '001090000101,Nguyễn Văn Một,1990-01-01,M,Kinh,Không,Việt Nam,Hà Nội,00001,Tổ 1,HKA,Chủ hộ,Tổ 1,,,alive,normal,,,,,,,,'; echo '001090000102,Nguyễn Văn Hai,1990-01-02,M,Kinh,Không,Việt Nam,Hà Nội,00001,Tổ 1,HKA,Chủ hộ,Tổ 1,,,alive,normal,,,,,,,,'; echo '001090000103,Nguyễn Văn Ba,1990-01-03,M,Kinh,Không,Việt Nam,Hà Nội,00001,Tổ 1,HKB,Con,Tổ 1,,,alive,normal,,,,,,,,') > hh.csv && $CCCD registry import hh.csv --as-of 2025-03-01 --report hh.report.csv && cat hh.report.csv
exit: 0
out: loaded 3
out: households 2: without a head 1, with several 1
out: household HKA already has a head (row 1)
out: the household has no head

# mobility: unknown (whereabouts unknown) is loaded and shown; unknown with a temporary residence is read as normal with a warning; another word is an error
needs: shared
cmd: export CCCD_DB=sqlite:mob.db CCCD_TODAY=2025-03-01; $CCCD init >/dev/null && $CCCD units import $SHARED/units-2025-03.json >/dev/null && (head -1 p.csv; echo '001090000201,Nguyễn Văn Một,1990-01-01,M,Kinh,Không,Việt Nam,Hà Nội,00001,Tổ 1,HKM,Chủ hộ,Tổ 1,,,alive,unknown,,,,,,,,'; echo '001090000202,Nguyễn Văn Hai,1990-01-02,M,Kinh,Không,Việt Nam,Hà Nội,00001,Tổ 1,HKM,Con,Tổ 1,00004,Số 2 Trúc Bạch,alive,unknown,,,,,,,,'; echo '001090000203,Nguyễn Văn Ba,1990-01-03,M,Kinh,Không,Việt Nam,Hà Nội,00001,Tổ 1,HKM,Con,Tổ 1,,,alive,lost,,,,,,,,') > mob.csv && $CCCD registry import mob.csv --as-of 2025-03-01 --report mob.report.csv; cat mob.report.csv; $CCCD registry show 001090000201 | grep -i mobility; $CCCD registry show 001090000202 | grep -i mobility
exit: 0
out: loaded 2
out: "2","001090000202","mobility","warning","đúng","mobility: unknown with a temporary residence declared; read as normal"
out: "3","001090000203","mobility","error","đúng","mobility: 'lost' is not normal, immobile or unknown"
out: mobility           unknown
out: mobility           normal

# the report cannot be the file being imported (it would empty it)
needs: shared
cmd: export CCCD_DB=sqlite:r.db; cp p.csv same.csv; $CCCD registry import same.csv --as-of 2025-03-01 --report same.csv; rc=$?; cmp -s p.csv same.csv && echo intact; exit $rc
exit: 1
err: --report: same.csv is the file being imported
err-lines: 1
out: intact

# a byte-order mark before a quoted header is accepted
needs: shared
cmd: export CCCD_DB=sqlite:bom.db CCCD_TODAY=2025-03-01; $CCCD init >/dev/null && $CCCD units import $SHARED/units-2025-03.json >/dev/null && (printf '\xef\xbb\xbf'; head -1 p.csv | sed 's/^personal_id/"personal_id"/'; sed -n 2,4p p.csv) > bom.csv && $CCCD registry import bom.csv --as-of 2025-03-01 --report bom.report.csv
exit: 0
out: read 3 rows

# paging survives '|' and '%' in group and household names
needs: shared
cmd: export CCCD_DB=sqlite:bom.db CCCD_TODAY=2025-03-01; (head -1 p.csv; for i in 1 2 3; do echo "00109000010$i,Nguyễn Văn Tư,1990-01-0$i,M,Kinh,Không,Việt Nam,Hà Nội,00001,Tổ|1,HK%$i|x,Chủ hộ,Tổ|1,,,alive,normal,,,,,,,,"; done) > pipe.csv && $CCCD registry import pipe.csv --as-of 2025-03-01 --report pipe.report.csv >/dev/null && a=$($CCCD coverage 00001 --at 2025-03-01 --remaining --limit 1); c=$(echo "$a" | sed -n "s/^next page: --after '\(.*\)'$/\1/p"); b=$($CCCD coverage 00001 --at 2025-03-01 --remaining --limit 1 --after "$c"); c2=$(echo "$b" | sed -n "s/^next page: --after '\(.*\)'$/\1/p"); d=$($CCCD coverage 00001 --at 2025-03-01 --remaining --limit 1 --after "$c2"); echo "$a"; echo "$b"; echo "$d"; test "$a" != "$b" && test "$b" != "$d" && echo three-pages
exit: 0
out: 001090000101
out: 001090000102
out: 001090000103
out: three-pages

# a cursor from another unit is refused
needs: shared
cmd: CCCD_DB=sqlite:bom.db $CCCD coverage 00001 --at 2025-03-01 --remaining --after '99999@|a|b|001090000101'
exit: 1
err: the cursor is not from unit 00001
err-lines: 1

# rolling the counters to another day changes no figure, on that day or any other
needs: shared
cmd: export CCCD_DB=sqlite:r.db; for d in 2025-03-01 2025-07-01 2026-03-01; do $CCCD coverage VN --at $d --json > before-$d.json; done; $CCCD registry rollover --to 2025-07-01 && for d in 2025-03-01 2025-07-01 2026-03-01; do $CCCD coverage VN --at $d --json | cmp - before-$d.json || echo "differs on $d"; done; $CCCD registry rollover --to 2025-03-01 --json
exit: 0
out: coverage counters moved from 2025-03-01 to 2025-07-01
out-not: differs
out: "from": "2025-07-01"

# a damaged database (a table gone) is a one-line error, not a crash
needs: shared
cmd: cp r.db damaged.db && sqlite3 damaged.db "DROP TABLE coverage_meta" && CCCD_DB=sqlite:damaged.db $CCCD coverage 34 --at 2025-03-01
exit: 1
err: no such table: coverage_meta
err-lines: 1
