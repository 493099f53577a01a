# mrz build: the synthetic example, from a full name on stdin
cmd: printf '%s' '{"personal_id":"001090012345","full_name":"Nguyễn Văn A","date_of_birth":"1990-01-15","sex":"M","expiry":"2030-01-15"}' | $CCCD mrz build --json -
exit: 0
out: IDVNM0900123450001090012345<<1
out: 9001158M3001156VNM<<<<<<<<<<<8
out: NGUYEN<<VAN<A<<<<<<<<<<<<<<<<<
out-lines: 3

# mrz build: from a file, surname + given names, no expiry, partial date of birth
cmd: printf '%s' '{"personal_id":"048158000123","surname":"Lê-Phạm","given_names":"Đức Anh","date_of_birth":"1958-07","sex":null,"expiry":null}' > card.json && $CCCD mrz build --json card.json
exit: 0
out: IDVNM158000123
out: 5807<<
out: <<<<<<<VNM
out: LE<PHAM<<DUC<ANH<<<<<<<<<<<<<<

# mrz build: a missing field is named, one line on stderr, exit 1
cmd: printf '%s' '{"personal_id":"001090012345","full_name":"Nguyễn Văn A","sex":"M","expiry":"2030-01-15"}' | $CCCD mrz build --json -
exit: 1
err: date_of_birth
err-lines: 1
out-lines: 0

# mrz build: a name that cannot be written names the character
cmd: printf '%s' '{"personal_id":"001090012345","full_name":"Nguyễn Văn 5","date_of_birth":"1990-01-15","sex":"M","expiry":"none"}' | $CCCD mrz build --json -
exit: 1
err: full_name: '5'
err-lines: 1

# mrz build: a bad personal ID
cmd: printf '%s' '{"personal_id":"00109001234","full_name":"A B","date_of_birth":"1990","sex":"F","expiry":null}' | $CCCD mrz build --json -
exit: 1
err: personal_id
err-lines: 1

# mrz build: invalid JSON
cmd: printf '%s' '{"personal_id":' | $CCCD mrz build --json -
exit: 1
err: invalid JSON
err-lines: 1

# mrz build: an unknown field (a typo) is refused
cmd: printf '%s' '{"personal_id":"001090012345","full_name":"A B","date_of_brith":"1990","date_of_birth":"1990","sex":"F","expiry":null}' | $CCCD mrz build --json -
exit: 1
err: date_of_brith: unknown field
err-lines: 1

# mrz build: without --json is a usage error
cmd: $CCCD mrz build
exit: 2
err: --json

# mrz build: an unknown option is a usage error
cmd: $CCCD mrz build --jsno x
exit: 2
err: unknown option

# mrz build --help describes the JSON fields
cmd: $CCCD mrz build --help
exit: 0
out: personal_id
out: date_of_birth
out: expiry

# mrz check: the example passes
cmd: printf 'IDVNM0900123450001090012345<<1\n9001158M3001156VNM<<<<<<<<<<<8\nNGUYEN<<VAN<A<<<<<<<<<<<<<<<<<\n' | $CCCD mrz check
exit: 0
out: personal ID      001090012345
out: date of birth    1990-01-15
out: given names      VAN A
out: valid            yes

# mrz check: CRLF line ends are accepted
cmd: printf 'IDVNM0900123450001090012345<<1\r\n9001158M3001156VNM<<<<<<<<<<<8\r\nNGUYEN<<VAN<A<<<<<<<<<<<<<<<<<\r\n' | $CCCD mrz check
exit: 0
out: valid            yes

# mrz check: a wrong birth-date check digit: exit 1, one line with line and column
cmd: printf 'IDVNM0900123450001090012345<<1\n9001159M3001156VNM<<<<<<<<<<<8\nNGUYEN<<VAN<A<<<<<<<<<<<<<<<<<\n' | $CCCD mrz check
exit: 1
err: line 2, column 7: birth date check digit is 9, computed 8
err-lines: 1
out: valid            no

# mrz check: a wrong composite digit
cmd: printf 'IDVNM0900123450001090012345<<1\n9001158M3001156VNM<<<<<<<<<<<9\nNGUYEN<<VAN<A<<<<<<<<<<<<<<<<<\n' | $CCCD mrz check
exit: 1
err: line 2, column 30: composite check digit is 9, computed 8
err-lines: 1

# mrz check: a bad character
cmd: printf 'IDVNM0900123450001090012345<<1\n9001158M3001156VNM<<<<<<<<<<<8\nNGUYEN<<VAN<a<<<<<<<<<<<<<<<<<\n' | $CCCD mrz check
exit: 1
err: line 3, column 13: character 'a'
err-lines: 1

# mrz check: a short line is a shape error naming the line
cmd: printf 'IDVNM0900123450001090012345<<1\n9001158M3001156VNM<<<<<<<<<<8\nNGUYEN<<VAN<A<<<<<<<<<<<<<<<<<\n' | $CCCD mrz check
exit: 1
err: line 2 has 29 characters
err-lines: 1

# mrz check --json: every field and check
cmd: printf 'IDVNM0900123450001090012345<<1\n9001158M3001156VNM<<<<<<<<<<<8\nNGUYEN<<VAN<A<<<<<<<<<<<<<<<<<\n' | $CCCD mrz check --json
exit: 0
out: "valid": true
out: "personal_id": "001090012345"
out: "date_of_birth": "1990-01-15"
out: "expiry": "2030-01-15"
out: "composite": {
out: "bac_key_seed": "090012345090011583001156"
out: "error": null

# mrz check --json: a failure still prints the JSON, with the first error
cmd: printf 'IDVNM0900123451001090012345<<1\n9001158M3001156VNM<<<<<<<<<<<8\nNGUYEN<<VAN<A<<<<<<<<<<<<<<<<<\n' | $CCCD mrz check --json
exit: 1
out: "valid": false
out: "code": "mrz.check"
out: "line": 1
out: "column": 15
err: line 1, column 15: document number check digit is 1, computed 0
err-lines: 1

# mrz check: no expiry, and --today decides the century of the birth year
cmd: printf 'IDVNM0900123450001090012345<<1\n2001012M<<<<<<<VNM<<<<<<<<<<<8\nNGUYEN<<VAN<A<<<<<<<<<<<<<<<<<\n' | $CCCD mrz check --today 2019-06-01
exit: 0
out: date of birth    1920-01-01
out: expiry           none

# mrz build then check: a round trip through the command line
cmd: printf '%s' '{"personal_id":"079304000001","full_name":"Trần Thị Bích Ngọc","date_of_birth":"2004-02-29","sex":"F","expiry":"2029-02-28"}' | $CCCD mrz build --json - | $CCCD mrz check --json
exit: 0
out: "date_of_birth": "2004-02-29"
out: "surname": "TRAN"
out: "given_names": "THI BICH NGOC"

# mrz check: an unknown option is a usage error
cmd: $CCCD mrz check --bogus </dev/null
exit: 2

# mrz check --help
cmd: $CCCD mrz check --help
exit: 0
out: mrz check [--json]
