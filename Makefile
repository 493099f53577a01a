# cccd build. `make` builds build/cccd and build/libcccd.a (src/core + src/chip).
# `make run` installs missing Debian packages, builds, and serves the demo database (cccd demo);
# `make check` runs the unit, command-line and fuzz tests under ASan + UBSan.
# See README.md and docs/development.md.

CC      ?= gcc
FUZZCC  ?= clang-14
PKGS    := jansson libutf8proc sqlite3 libpq libxxhash libmicrohttpd libcrypto cairo libqrencode fontconfig libturbojpeg libpng xlsxwriter
# libcsv has no pkg-config file
EXTRA_LIBS := -lcsv -lm -pthread
TESTPKGS := cmocka libcurl
STD     := -std=c17 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wvla
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS)) $(EXTRA_LIBS)
CFLAGS  ?= -O2 -g
ALL_CFLAGS = $(STD) $(WARN) $(CFLAGS) -Isrc $(PKG_CFLAGS) -MMD -MP
SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_SECONDS ?= 4

GEN_SRC  := build/gen/store_migrations.c
LIB_SRC  := $(sort $(wildcard src/core/*.c src/chip/*.c src/store/*.c src/service/*.c src/server/*.c)) $(GEN_SRC)
CLI_SRC  := $(sort $(wildcard src/cli/*.c))
TEST_SRC := $(sort $(wildcard tests/unit/test_*.c))
FUZZ_SRC := $(sort $(wildcard fuzz/fuzz_*.c))
SRC_FILES := $(sort $(wildcard src/*/*.c src/*/*.h tests/unit/*.c tests/unit/*.h fuzz/*.c bench/*.c))

LIB_OBJ  := $(LIB_SRC:%.c=build/obj/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=build/obj/%.o)
ALIB_OBJ := $(LIB_SRC:%.c=build/asan/obj/%.o)
ACLI_OBJ := $(CLI_SRC:%.c=build/asan/obj/%.o)
TEST_BIN := $(TEST_SRC:tests/unit/%.c=build/asan/tests/%)
FUZZ_BIN := $(FUZZ_SRC:fuzz/%.c=build/fuzz/%)

.PHONY: all run check deps deps-ensure test fuzz fuzz-short format format-check clean

all: build/cccd build/libcccd.a web

# The web UI's chart library (uPlot, from npm, pinned by webdeps/package-lock.json), copied
# into web/vendor/ where `cccd serve` finds it; neither node_modules nor web/vendor is
# committed.
# One stamp file stands for the copied files, so a parallel make runs npm once.
.PHONY: web
web: web/vendor/.made
web/vendor/.made: webdeps/package.json webdeps/package-lock.json
	@mkdir -p web/vendor
	[ -f webdeps/node_modules/uplot/dist/uPlot.iife.min.js ] || npm ci --prefix webdeps --no-audit --no-fund
	cp webdeps/node_modules/uplot/dist/uPlot.iife.min.js webdeps/node_modules/uplot/dist/uPlot.min.css \
	    webdeps/node_modules/uplot/LICENSE web/vendor/
	@touch $@

# The schema migrations, carried into the program as C strings.
build/gen/store_migrations.c: $(wildcard src/store/migrations/*/*.sql) scripts/embed-migrations.sh
	@mkdir -p $(@D)
	scripts/embed-migrations.sh src/store/migrations > $@.tmp && mv $@.tmp $@

build/libcccd.a: $(LIB_OBJ)
	@mkdir -p $(@D)
	ar rcs $@ $^

build/cccd: $(CLI_OBJ) build/libcccd.a
	$(CC) $(CFLAGS) -o $@ $(CLI_OBJ) build/libcccd.a $(PKG_LIBS)

build/obj/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The same code under AddressSanitizer and UndefinedBehaviorSanitizer, for the tests.
build/asan/libcccd.a: $(ALIB_OBJ)
	@mkdir -p $(@D)
	ar rcs $@ $^

build/asan/cccd: $(ACLI_OBJ) build/asan/libcccd.a
	$(CC) $(SAN) -g -o $@ $(ACLI_OBJ) build/asan/libcccd.a $(PKG_LIBS)

build/asan/obj/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(STD) $(WARN) -O1 -g $(SAN) -Isrc $(PKG_CFLAGS) -MMD -MP -c -o $@ $<

build/asan/tests/%: tests/unit/%.c build/asan/libcccd.a
	@mkdir -p $(@D)
	$(CC) $(STD) $(WARN) -O1 -g $(SAN) -Isrc -Itests/unit $(PKG_CFLAGS) \
	    $(shell pkg-config --cflags $(TESTPKGS)) -o $@ $< build/asan/libcccd.a \
	    $(PKG_LIBS) $(shell pkg-config --libs $(TESTPKGS))

# libFuzzer targets (clang), one per parser; corpora in fuzz/corpus/NAME.
build/fuzz/%: fuzz/%.c $(LIB_SRC)
	@mkdir -p $(@D)
	$(FUZZCC) $(STD) -g -O1 -fsanitize=fuzzer,address,undefined -Isrc $(PKG_CFLAGS) \
	    -o $@ $< $(LIB_SRC) $(PKG_LIBS)

# Benchmarks: every bench/bench_*.c becomes build/bench/bench_*, built optimised against
# build/libcccd.a; `make bench` runs them all in order.
BENCH_BIN := $(patsubst bench/%.c,build/bench/%,$(sort $(wildcard bench/bench_*.c)))
.PHONY: bench

bench: deps-ensure
	@$(MAKE) --no-print-directory $(BENCH_BIN)
	@set -e; for b in $(BENCH_BIN); do echo "== $$b"; $$b; done

build/bench/%: bench/%.c bench/bench_util.h bench/bench_population.h bench/bench_country.h build/libcccd.a
	@mkdir -p $(@D)
	$(CC) $(STD) $(WARN) -O2 -g -Isrc -Ibench $(PKG_CFLAGS) -o $@ $< build/libcccd.a $(PKG_LIBS) \
	    $(shell pkg-config --libs libcurl)

# Installs the Debian packages in deps/debian-packages.txt that are missing.
deps:
	scripts/deps.sh

# Runs deps only when pkg-config misses a library or a tool is absent.
deps-ensure:
	@pkg-config --exists $(PKGS) $(TESTPKGS) 2>/dev/null && [ -f /usr/include/csv.h ] \
	    && command -v $(FUZZCC) >/dev/null && command -v clang-format >/dev/null \
	    && command -v curl >/dev/null && command -v openssl >/dev/null && command -v wrk >/dev/null \
	    && command -v xmllint >/dev/null \
	    && command -v pdftotext >/dev/null && command -v zbarimg >/dev/null \
	    && command -v node >/dev/null && command -v npm >/dev/null \
	    && command -v chromium >/dev/null \
	    && fc-list | grep -q DejaVuSans \
	    && [ -x /usr/lib/postgresql/15/bin/initdb ] || scripts/deps.sh

run: deps-ensure
	$(MAKE) all
	scripts/run-demo.sh

# The older command-line tour (domain rules, planning, the queue, one card end to end).
.PHONY: tour
tour: deps-ensure
	$(MAKE) all
	scripts/demo.sh

check: deps-ensure
	$(MAKE) build/cccd build/asan/cccd web $(TEST_BIN) $(FUZZ_BIN)
	scripts/run-tests.sh --fuzz-seconds $(FUZZ_SECONDS) $(TEST_BIN) -- $(FUZZ_BIN)

# The screenshots of the web pages in docs/ (the browser test's flow on a synthetic person;
# see scripts/screenshots.sh).
.PHONY: screenshots
screenshots: build/cccd
	scripts/screenshots.sh build/cccd docs

# The sample printed ticket in docs/ (synthetic data; see scripts/ticket-sample.sh).
.PHONY: ticket-sample
ticket-sample: build/cccd
	scripts/ticket-sample.sh build/cccd docs/ticket-sample.png

fuzz: $(FUZZ_BIN)
	scripts/run-tests.sh --fuzz-seconds 60 -- $(FUZZ_BIN)

format:
	clang-format -i $(SRC_FILES)

format-check:
	clang-format --dry-run --Werror $(SRC_FILES)

clean:
	rm -rf build

-include $(shell find build -name '*.d' 2>/dev/null)
