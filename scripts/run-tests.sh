#!/usr/bin/env bash
# The test runner behind `make check`: runs the cmocka unit-test programs, the command-line
# cases in tests/cli/*.t against the sanitizer build of cccd, and a short libFuzzer run of each
# fuzz target; then prints one closing line "N passed, N failed[, N skipped]".
#
# usage: scripts/run-tests.sh [--fuzz-seconds N] [UNIT_TEST_BIN...] -- [FUZZ_BIN...]
set -u
cd "$(dirname "$0")/.."
fuzz_seconds=4
if [ "${1:-}" = "--fuzz-seconds" ]; then
    fuzz_seconds=$2
    shift 2
fi
units=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do units+=("$1"); shift; done
[ "${1:-}" = "--" ] && shift
fuzzers=("$@")

passed=0 failed=0 skipped=0
failures=()
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# --- unit tests (cmocka) ---
# Programs named test_store_* run once per backend: SQLite, then PostgreSQL on a throwaway
# server (scripts/pg-test-server.sh) when one can be started.
pg_dir="" pg_url=""
for t in "${units[@]}"; do
    case "$(basename "$t")" in test_store_*) need_pg=1 ;; esac
done
if [ "${need_pg:-0}" = 1 ]; then
    if pg=$(scripts/pg-test-server.sh start 2>build/pg-test-server.log); then
        pg_dir=${pg%% *} pg_url=${pg#* }
        trap 'scripts/pg-test-server.sh stop "$pg_dir"' EXIT
        echo "PostgreSQL test server: $pg_url"
    else
        echo "no PostgreSQL test server (see build/pg-test-server.log): store tests run on SQLite only"
    fi
fi
runs=()
for t in "${units[@]}"; do
    runs+=("$t|")
    case "$(basename "$t")" in
        test_store_*)
            if [ -n "$pg_url" ]; then runs+=("$t|$pg_url"); else skipped=$((skipped + 1)); fi ;;
    esac
done
for run in "${runs[@]}"; do
    t=${run%%|*}
    out=$(CCCD_TEST_PG=${run#*|} "$t" 2>&1)
    rc=$?
    printf '%s\n' "$out"
    p=$(printf '%s\n' "$out" | sed -n 's/.*\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -n 1)
    f=$(printf '%s\n' "$out" | sed -n 's/.*\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -n 1)
    p=${p:-0} f=${f:-0}
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        f=1 # crashed, or a sanitizer stopped it before cmocka's summary
    fi
    passed=$((passed + p))
    failed=$((failed + f))
    [ "$f" -gt 0 ] && failures+=("$(basename "$t")${run#*|}")
done

# --- command-line cases ---
CCCD=${CCCD:-$PWD/build/asan/cccd}
SHARED=${CCCD_SHARED:-$(cd .. && pwd)/shared/data}
REPO=$PWD
export CCCD SHARED REPO
# the independent parsers of tests/interop and the browser driver of tests/browser (npm),
# installed from their committed lock files only when missing, so that a second run works
# offline
for dir in tests/interop tests/browser; do
    if [ ! -d $dir/node_modules ] && command -v npm >/dev/null 2>&1; then
        echo "npm ci --prefix $dir"
        npm ci --prefix $dir --no-audit --no-fund >build/npm-ci.log 2>&1 ||
            echo "npm ci failed (see build/npm-ci.log): the cases that need $dir will fail"
    fi
done
if [ -x "$CCCD" ] && ls tests/cli/*.t >/dev/null 2>&1; then
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"; [ -n "$pg_dir" ] && scripts/pg-test-server.sh stop "$pg_dir"' EXIT
    export TMPDIR_CASE=$tmp
    # CLI_CASES=NAME (e.g. production) runs only tests/cli/NAME.t: for a developer's quick loop
    for case in tests/cli/${CLI_CASES:-*}.t; do
        name=$(basename "$case" .t)
        # the cases of one file share a directory (a case may use what an earlier one made)
        dir=$tmp/$name
        mkdir -p "$dir"
        # a case file holds blocks separated by blank lines; see tests/cli/README.md
        block_no=0
        while IFS= read -r -d $'\x1e' block; do
            [ -n "$(printf '%s' "$block" | tr -d '[:space:]')" ] || continue
            block_no=$((block_no + 1))
            cmd=$(printf '%s\n' "$block" | sed -n 's/^cmd: //p')
            [ -n "$cmd" ] || continue
            title=$(printf '%s\n' "$block" | sed -n 's/^# //p' | head -n 1)
            label="cli/$name#$block_no ${title}"
            if printf '%s\n' "$block" | grep -q '^needs: shared' && [ ! -d "$SHARED" ]; then
                echo "SKIP $label (no $SHARED)"
                skipped=$((skipped + 1))
                continue
            fi
            (cd "$dir" && bash -c "$cmd" >"$tmp/out" 2>"$tmp/err")
            rc=$?
            why=""
            want=$(printf '%s\n' "$block" | sed -n 's/^exit: //p')
            [ -n "$want" ] && [ "$rc" != "$want" ] && why="exit $rc, expected $want"
            while IFS= read -r line; do
                [ -n "$why" ] && break
                key=${line%%: *}
                val=${line#*: }
                case "$key" in
                    out) grep -qF -- "$val" "$tmp/out" || why="stdout lacks '$val'" ;;
                    out-not) grep -qF -- "$val" "$tmp/out" && why="stdout has '$val'" ;;
                    err) grep -qF -- "$val" "$tmp/err" || why="stderr lacks '$val'" ;;
                    err-lines) [ "$(wc -l <"$tmp/err")" -eq "$val" ] ||
                        why="stderr has $(wc -l <"$tmp/err") lines, expected $val" ;;
                    out-lines) [ "$(wc -l <"$tmp/out")" -eq "$val" ] ||
                        why="stdout has $(wc -l <"$tmp/out") lines, expected $val" ;;
                esac
            done <<<"$block"
            if [ -z "$why" ]; then
                echo "ok   $label"
                passed=$((passed + 1))
            else
                echo "FAIL $label: $why"
                echo "  cmd: $cmd"
                sed 's/^/  stdout: /' "$tmp/out" | head -n 20
                sed 's/^/  stderr: /' "$tmp/err" | head -n 20
                failed=$((failed + 1))
                failures+=("$label")
            fi
        done < <(awk 'BEGIN{RS=""; ORS="\x1e"} {print}' "$case")
    done
fi

# --- short fuzz runs ---
for fz in "${fuzzers[@]}"; do
    name=$(basename "$fz")
    corpus=fuzz/corpus/${name#fuzz_}
    work=build/fuzz/work/${name#fuzz_}
    mkdir -p "$work" "$corpus"
    if "$fz" -max_total_time="$fuzz_seconds" -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix=build/fuzz/ "$work" "$corpus" >build/fuzz/"$name".log 2>&1; then
        echo "ok   fuzz/$name ($(grep -c . "$corpus"/* 2>/dev/null | wc -l) seeds, $(tail -n 1 build/fuzz/"$name".log))"
        passed=$((passed + 1))
    else
        echo "FAIL fuzz/$name: see build/fuzz/$name.log"
        tail -n 40 build/fuzz/"$name".log
        failed=$((failed + 1))
        failures+=("fuzz/$name")
    fi
done

if [ ${#failures[@]} -gt 0 ]; then
    echo "failed: ${failures[*]}"
fi
if [ "$skipped" -gt 0 ]; then
    echo "$passed passed, $failed failed, $skipped skipped"
else
    echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
