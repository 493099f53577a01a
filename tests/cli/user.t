# init --admin makes the first admin, with the password from CCCD_PASSWORD
cmd: export CCCD_DB=sqlite:u.db CCCD_PASSWORD='một mật khẩu dài' USER=tester; $CCCD init --admin root
exit: 0
out: created sqlite database
out: added root: admin at VN Việt Nam

# a second init --admin is refused once an account exists
cmd: export CCCD_DB=sqlite:u.db CCCD_PASSWORD='một mật khẩu dài'; $CCCD init --admin root2
exit: 1
err: the database has accounts already
err-lines: 1

# init --admin with a password that breaks the policy: nothing added
cmd: export CCCD_DB=sqlite:short.db CCCD_PASSWORD=short; $CCCD init --admin root; echo "rc=$?"; unset CCCD_PASSWORD; $CCCD user list | tail -n +2 | wc -l
exit: 0
out: rc=1
out: 0

# a password on the first line of standard input (a pipe); a unit code resolved to today's unit
needs: shared
cmd: export CCCD_DB=sqlite:u.db CCCD_TODAY=2025-08-01; unset CCCD_PASSWORD; $CCCD units import $SHARED/units-2025-03.json --reform $SHARED/units-2025-07-splits.json >/dev/null && printf 'mật khẩu của bob\nignored\n' | $CCCD user add bob --role officer --unit 00004
exit: 0
out: added bob: officer at 00004 Phường Ba Đình

# the list: name, role, unit code and name, disabled, failed logins; never the hash
needs: shared
cmd: export CCCD_DB=sqlite:u.db; $CCCD user list && $CCCD user list --json
exit: 0
out: bob                  officer     00004 Phường Ba Đình                 no       0
out: root                 admin       VN Việt Nam                          no       0
out: "unit_key": "00004@2025-07-01"
out: "unit_name": "Phường Ba Đình"
out-not: scrypt

# a name taken already
cmd: export CCCD_DB=sqlite:u.db CCCD_PASSWORD='một mật khẩu dài'; $CCCD user add root --role viewer --unit VN
exit: 1
err: there is already a user named root
err-lines: 1

# each wrong field named in one line
cmd: export CCCD_DB=sqlite:u.db CCCD_PASSWORD='một mật khẩu dài'; $CCCD user add Bad --role viewer --unit VN
exit: 1
err: username: must start with a lower-case letter
err-lines: 1

# a role that does not exist
cmd: export CCCD_DB=sqlite:u.db CCCD_PASSWORD='một mật khẩu dài'; $CCCD user add carol --role god --unit VN
exit: 1
err: role: 'god' is not one of admin, commander
err-lines: 1

# a unit code not in force today
needs: shared
cmd: export CCCD_DB=sqlite:u.db CCCD_PASSWORD='một mật khẩu dài' CCCD_TODAY=2025-08-01; $CCCD user add carol --role viewer --unit 00007
exit: 1
err: unit: 00007: no unit of that code is in force on 2025-08-01
err-lines: 1

# nine characters are too few, even in Vietnamese
cmd: export CCCD_DB=sqlite:u.db CCCD_PASSWORD='Nguyễnvăn'; $CCCD user add carol --role viewer --unit VN
exit: 1
err: password: must be at least 10 characters long (this one has 9)
err-lines: 1

# no password at all (empty standard input)
cmd: export CCCD_DB=sqlite:u.db; unset CCCD_PASSWORD; $CCCD user add carol --role viewer --unit VN </dev/null
exit: 1
err: password: none given
err-lines: 1

# --role and --unit are required
cmd: $CCCD user add carol --unit VN
exit: 2
err: --role is required

# disable, enable, and a new password, each said once
needs: shared
cmd: export CCCD_DB=sqlite:u.db; unset CCCD_PASSWORD; $CCCD user disable bob && $CCCD user list | grep '^bob' && $CCCD user enable bob && echo 'un mot de passe neuf' | $CCCD user passwd bob
exit: 0
out: disabled bob; its sessions are revoked
out: bob                  officer     00004 Phường Ba Đình                 yes      0
out: enabled bob
out: password of bob changed; its sessions are revoked

# no such user
cmd: export CCCD_DB=sqlite:u.db; $CCCD user disable ghost
exit: 1
err: username: no user named ghost
err-lines: 1

# every change is on the audit log, by cli:$USER from local
needs: shared
cmd: export CCCD_DB=sqlite:u.db; $CCCD audit verify && sqlite3 u.db "SELECT actor, action, target, remote FROM audit_log ORDER BY seq"
exit: 0
out: 5 entries checked, chain intact
out: cli:tester|account.add|root|local
out: account.add|bob|local
out: account.disable|bob|local
out: account.enable|bob|local
out: account.passwd|bob|local
