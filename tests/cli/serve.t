# serve answers, then SIGTERM drains: a slow request in flight gets its answer, a new connection is refused, exit 0
cmd: $CCCD init --db sqlite:s.db >/dev/null && { $CCCD serve --db sqlite:s.db --listen 127.0.0.1:0 --web /nonexistent-but-unused 2>/dev/null; echo "bad web dir exit $?"; } ; $CCCD serve --db sqlite:s.db --listen 127.0.0.1:0 2>serve.log & pid=$!; for i in $(seq 100); do port=$(sed -n 's/.*listening on http:\/\/127.0.0.1:\([0-9]*\)\/.*/\1/p' serve.log); [ -n "$port" ] && break; sleep 0.1; done; curl -s http://127.0.0.1:$port/healthz; echo; body=$(printf '{"username":"nobody","password":"not this one","pad":"%03000d"}' 0); curl -s -o slow.out -w 'slow status %{http_code}\n' --limit-rate 1000 -H 'Content-Type: application/json' --data-binary "$body" http://127.0.0.1:$port/api/v1/login > slow.status & cpid=$!; sleep 1; kill -TERM $pid; sleep 0.5; curl -s -o /dev/null http://127.0.0.1:$port/healthz; echo "new connection: curl exit $?"; wait $cpid; cat slow.status; wait $pid; echo "serve exit $?"; grep -c 'SIGTERM: draining' serve.log; grep -c stopped serve.log
exit: 0
out: bad web dir exit 1
out: "database":"ok"
out: new connection: curl exit 7
out: slow status 401
out: serve exit 0
