# docs/api.md documents exactly the routes the server answers (its ### headings against serve --routes)
cmd: diff <($CCCD serve --routes | awk '{print $1, $2}' | sort) <(sed -n 's/^### \(GET\|POST\|PUT\|DELETE\|PATCH\) \([^ ]*\)$/\1 \2/p' $REPO/docs/api.md | sort) && echo routes-documented
exit: 0
out: routes-documented

# serve refuses a bad listen address with one line
cmd: $CCCD serve --listen nowhere --db sqlite:none.db
exit: 1
err: --listen
err-lines: 1

# serve needs a database made by cccd init
cmd: $CCCD serve --listen 127.0.0.1:0 --db sqlite:missing.db
exit: 1
err: cccd init
err-lines: 1

# serve: TLS needs both files
cmd: $CCCD serve --tls-cert x.pem
exit: 2
err: go together
