# serve answers, then SIGTERM drains: a slow request in flight gets its answer, a new connection is refused, exit 0
cmd: $CCCD init --db sqlite:s.db >/dev/null && { $CCCD serve --db sqlite:s.db --listen 127.0.0.1:0 --web /nonexistent-but-unused 2>/dev/null; echo "bad web dir exit $?"; } ; $CCCD serve --db sqlite:s.db --listen 127.0.0.1:0 2>serve.log & pid=$!; for i in $(seq 100); do port=$(sed -n 's/.*listening on http:\/\/127.0.0.1:\([0-9]*\)\/.*/\1/p' serve.log); [ -n "$port" ] && break; sleep 0.1; done; curl -s http://127.0.0.1:$port/healthz; echo; body=$(printf '{"username":"nobody","password":"not this one","pad":"%03000d"}' 0); curl -s -o slow.out -w 'slow status %{http_code}\n' --limit-rate 1000 -H 'Content-Type: application/json' --data-binary "$body" http://127.0.0.1:$port/api/v1/login > slow.status & cpid=$!; sleep 1; kill -TERM $pid; sleep 0.5; curl -s -o /dev/null http://127.0.0.1:$port/healthz; echo "new connection: curl exit $?"; wait $cpid; cat slow.status; wait $pid; echo "serve exit $?"; grep -c 'SIGTERM: draining' serve.log; grep -c stopped serve.log
exit: 0
out: bad web dir exit 1
out: "database":"ok"
out: new connection: curl exit 7
out: slow status 401
out: serve exit 0

# with --tls-cert and --tls-key the server speaks HTTPS only; a key that is not PEM is refused in one line
cmd: openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem -days 2 -subj /CN=localhost 2>/dev/null; $CCCD serve --db sqlite:s.db --listen 127.0.0.1:0 --tls-cert cert.pem --tls-key key.pem 2>tls.log & pid=$!; for i in $(seq 100); do port=$(sed -n 's/.*listening on https:\/\/127.0.0.1:\([0-9]*\)\/.*/\1/p' tls.log); [ -n "$port" ] && break; sleep 0.1; done; curl -sk https://127.0.0.1:$port/healthz; echo; curl -s http://127.0.0.1:$port/healthz >/dev/null; echo "plain http: curl exit $?"; kill -TERM $pid; wait $pid; echo "serve exit $?"; echo garbage > bad.pem; $CCCD serve --db sqlite:s.db --listen 127.0.0.1:0 --tls-cert cert.pem --tls-key bad.pem 2>bad.err; echo "bad key exit $?"; grep -v "^20..-" bad.err
exit: 0
out: "database":"ok"
out: serve exit 0
out: bad key exit 1
out: --tls-key: not an unencrypted PEM private key
out-not: plain http: curl exit 0
