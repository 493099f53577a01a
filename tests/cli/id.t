# a valid number decodes to province, sex and birth year
cmd: $CCCD id check 001090012345
exit: 0
out: 001 Hà Nội
out: birth_year:  1990
out: M (nam)

# agreement with date of birth and sex
cmd: $CCCD id check 034199123456 --dob 1999-12-31 --sex F
exit: 0
out: Thái Bình

# sex disagreeing with the century/sex digit: one line, exit 1
cmd: $CCCD id check 001190012345 --dob 1990-01-15 --sex M
exit: 1
err: digit 4 (1) means female, but the sex given is male
err-lines: 1

# century disagreeing with the date of birth
cmd: $CCCD id check 001290012345 --dob 1990-01-15
exit: 1
err: born in the 2000s, but the date of birth is in 1990
err-lines: 1

# year digits disagreeing with the date of birth
cmd: $CCCD id check 001090012345 --dob 1991-03-01
exit: 1
err: do not match birth year 1991

# a letter, with its position
cmd: $CCCD id check 00109001234x
exit: 1
err: character 12 is not a digit
err-lines: 1

# too short
cmd: $CCCD id check 00109001234
exit: 1
err: 11 digits, a personal ID number has 12

# an unknown province code
cmd: $CCCD id check 003090012345
exit: 1
err: 003 is not a province code

# lenient mode turns an unknown province into a warning
cmd: $CCCD id check 003090012345 --lenient
exit: 0
out: (unknown)
err: warning

# a birth year in the future (today pinned)
cmd: CCCD_TODAY=2026-11-23 $CCCD id check 001227012345
exit: 1
err: birth year 2027, which is in the future

# JSON output on success
cmd: $CCCD id check 096305999999 --json
exit: 0
out: "valid": true
out: "name": "Cà Mau"
out: "sex": "F"
out: "birth_year": 2005

# JSON output on failure carries the stable code and position
cmd: $CCCD id check 00109001234x --json
exit: 1
out: "valid": false
out: "code": "id.nondigit"
out: "position": 12

# a bad date of birth is a user error naming the option
cmd: $CCCD id check 001090012345 --dob 1990-02-30
exit: 1
err: dob: 1990-02 has no day 30

# a bad sex value
cmd: $CCCD id check 001090012345 --sex X
exit: 1
err: sex: 'X' is not a sex

# no number: usage error
cmd: $CCCD id check
exit: 2
err: missing argument

# an unknown option: usage error
cmd: $CCCD id check 001090012345 --frobnicate
exit: 2
err: unknown option '--frobnicate'

# help
cmd: $CCCD id check --help
exit: 0
out: usage: cccd id check NUMBER

# allocation: repeatable with a seed, right prefix, distinct numbers
cmd: $CCCD id new --province 034 --sex F --dob 2001-02-03 --count 5 --seed 7 | sort -u | grep -c '^034301[0-9]\{6\}$'
exit: 0
out: 5

# allocation never returns a number listed as taken
cmd: $CCCD id new --province 001 --sex M --dob 1990 --seed 1 > first && cp first taken && $CCCD id new --province 001 --sex M --dob 1990 --seed 1 --taken taken > second && ! cmp -s first second && grep -c '^001090' second
exit: 0
out: 1

# a taken file with a broken line names the line
cmd: printf '001090012345\nabc\n' > taken && $CCCD id new --province 001 --sex M --dob 1990 --taken taken
exit: 1
err: line 2
err-lines: 1

# allocation needs a known province
cmd: $CCCD id new --province 003 --sex M --dob 1990-01-01
exit: 1
err: province: '003' is not a province code

# allocation needs its three facts
cmd: $CCCD id new --province 001 --sex M
exit: 2
err: --province, --sex and --dob are required
