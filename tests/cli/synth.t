# synth --help describes the command
cmd: $CCCD synth --help
exit: 0
out: synth --province CODE --population N --out FILE
out: --faults FILE

# the required options are required
cmd: $CCCD synth --province 34 --units $SHARED/units-2025-03.json
exit: 2
err: --province, --population and --out are required

# an unknown option is a usage error
cmd: $CCCD synth --province 34 --population 10 --out p.csv --colour red
exit: 2
err: unknown option '--colour'

# no unit list and no database: one line saying how to make one
cmd: CCCD_UNITS= CCCD_DB=sqlite:nothing.db $CCCD synth --province 34 --population 10 --out p.csv
exit: 1
err: no database at nothing.db
err-lines: 1

# a province code with no province: one line, exit 1, no file left behind
needs: shared
cmd: $CCCD synth --units $SHARED/units-2025-03.json --province 03 --population 10 --out p.csv --at 2025-03-15; rc=$?; test -e p.csv && echo left; exit $rc
exit: 1
err: no province with code '03' in force on 2025-03-15
err-lines: 1
out-not: left

# a population of zero is refused
needs: shared
cmd: $CCCD synth --units $SHARED/units-2025-03.json --province 34 --population 0 --out p.csv
exit: 1
err: --population
err-lines: 1

# a negative population is refused
needs: shared
cmd: $CCCD synth --units $SHARED/units-2025-03.json --province 34 --population -5 --out p.csv
exit: 1
err-lines: 1

# a seed that is not a number is refused
needs: shared
cmd: $CCCD synth --units $SHARED/units-2025-03.json --province 34 --population 5 --seed abc --out p.csv
exit: 1
err: --seed
err-lines: 1

# a dirty share over 100% is refused
needs: shared
cmd: $CCCD synth --units $SHARED/units-2025-03.json --province 34 --population 5 --dirty 150 --out p.csv
exit: 1
err: --dirty
err-lines: 1

# an unwritable output file: one line, exit 1
needs: shared
cmd: $CCCD synth --units $SHARED/units-2025-03.json --province 34 --population 5 --out /nonexistent-dir/p.csv --at 2025-03-15
exit: 1
err: cannot write /nonexistent-dir/p.csv
err-lines: 1

# a small population: the header, then exactly N rows; quiet when stderr is not a terminal
needs: shared
cmd: CCCD_UNITS=$SHARED/units-2025-03.json $CCCD synth --province 34 --population 2000 --seed 3 --at 2025-03-15 --out p.csv && head -n 1 p.csv && wc -l < p.csv
exit: 0
out: personal_id,full_name,date_of_birth,sex,ethnicity,religion,nationality,place_of_origin,permanent_commune,permanent_address,household_id,relation_to_head,residential_group,temporary_commune,temporary_address,status,mobility,old_id_number,card_type,card_number,card_issued,card_expiry,father_name,mother_name,spouse_name
out: 2001
err-lines: 0

# same arguments and seed, same bytes; another seed, other bytes
needs: shared
cmd: export CCCD_UNITS=$SHARED/units-2025-03.json; $CCCD synth --province 34 --population 3000 --seed 9 --at 2025-03-15 --out a.csv && $CCCD synth --province 34 --population 3000 --seed 9 --at 2025-03-15 --out b.csv && $CCCD synth --province 34 --population 3000 --seed 10 --at 2025-03-15 --out c.csv && cmp a.csv b.csv && echo same && (cmp -s a.csv c.csv || echo differ)
exit: 0
out: same
out: differ

# "today" comes from CCCD_TODAY when --at is not given, so a pinned day gives the same bytes
needs: shared
cmd: export CCCD_UNITS=$SHARED/units-2025-03.json; CCCD_TODAY=2025-03-15 $CCCD synth --province 34 --population 500 --out a.csv && $CCCD synth --province 34 --population 500 --at 2025-03-15 --out b.csv && cmp a.csv b.csv && echo same
exit: 0
out: same

# the faults sidecar lists the dirty rows: header, then one line per fault, ~5% of the rows
needs: shared
cmd: CCCD_UNITS=$SHARED/units-2025-03.json $CCCD synth --province 34 --population 4000 --seed 4 --at 2025-03-15 --dirty 5 --out p.csv --faults f.csv && head -n 1 f.csv && n=$(($(wc -l < f.csv) - 1)) && [ $n -ge 120 ] && [ $n -le 280 ] && echo "faults ok"
exit: 0
out: row_number,field,fault
out: faults ok

# --dirty 0 writes no fault
needs: shared
cmd: CCCD_UNITS=$SHARED/units-2025-03.json $CCCD synth --province 34 --population 3000 --at 2025-03-15 --dirty 0 --out p.csv --faults f.csv && wc -l < f.csv
exit: 0
out: 1

# after the 2025 reform: Hà Nội (01) has 126 communes, not the 579 of before, and the rows use them
needs: shared
cmd: $CCCD synth --units $SHARED/units-2025-03.json --reform $SHARED/units-2025-07-splits.json --province 01 --population 3000 --at 2025-08-01 --dirty 0 --out p.csv && n=$(grep -o '^[0-9]\{12\},[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,"[^"]*",[0-9]\{5\}' p.csv | grep -o '[0-9]\{5\}$' | sort -u | wc -l) && echo "communes $n" && [ "$n" -gt 50 ] && [ "$n" -le 126 ] && echo ok
exit: 0
out: ok

# after the 2025 reform Thái Bình (34) is no longer a province
needs: shared
cmd: CCCD_REFORM=$SHARED/units-2025-07-splits.json $CCCD synth --units $SHARED/units-2025-03.json --province 34 --population 10 --at 2025-08-01 --out p.csv
exit: 1
err: no province with code '34' in force on 2025-08-01
err-lines: 1

# standard output as the file
needs: shared
cmd: $CCCD synth --units $SHARED/units-2025-03.json --province 34 --population 10 --at 2025-03-15 --out - | wc -l
exit: 0
out: 11
