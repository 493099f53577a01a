# an empty log is intact
cmd: export CCCD_DB=sqlite:a.db; $CCCD init >/dev/null && $CCCD audit verify
exit: 0
out: 0 entries checked, chain intact

# entries made by account changes chain up
cmd: export CCCD_DB=sqlite:a.db CCCD_PASSWORD='một mật khẩu dài'; for u in ann ben cat dan; do $CCCD user add $u --role viewer --unit VN >/dev/null || exit 9; done; $CCCD audit verify --json
exit: 0
out: "intact": true
out: "entries": 4

# an entry altered behind cccd's back is named
cmd: export CCCD_DB=sqlite:a.db; sqlite3 a.db "UPDATE audit_log SET target = 'eve' WHERE seq = 2" && $CCCD audit verify
exit: 1
err: audit log: entry 2 was altered: its hash does not match its content
err-lines: 1

# the same in JSON, on stdout too
cmd: export CCCD_DB=sqlite:a.db; $CCCD audit verify --json
exit: 1
out: "intact": false
out: "bad_seq": 2
out: "code": "audit.broken"

# put back, then an entry removed from the middle
cmd: export CCCD_DB=sqlite:a.db; sqlite3 a.db "UPDATE audit_log SET target = 'ben' WHERE seq = 2" && $CCCD audit verify >/dev/null && sqlite3 a.db "DELETE FROM audit_log WHERE seq = 3" && $CCCD audit verify
exit: 1
err: audit log: entry 3 is missing
err-lines: 1

# the last entry removed (the head still names it)
cmd: export CCCD_DB=sqlite:t.db CCCD_PASSWORD='một mật khẩu dài'; $CCCD init >/dev/null && $CCCD user add ann --role viewer --unit VN >/dev/null && $CCCD user add ben --role viewer --unit VN >/dev/null && sqlite3 t.db "DELETE FROM audit_log WHERE seq = 2" && $CCCD audit verify
exit: 1
err: audit log: entry 2 is missing (the last entry
err-lines: 1

# a database without the schema is refused
cmd: $CCCD audit verify --db sqlite:none.db
exit: 1
err: create it with cccd init
