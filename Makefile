# mapwarden: the two commands in the README are `make demo` and `make test`.
# Each installs what is missing (scripts/install-deps.sh), builds, and runs.

BUILD      ?= build
SAN_BUILD  ?= build-san
TSAN_BUILD ?= build-tsan
JOBS       ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: all deps build demo test unit-test sanitize-build asan-test tsan-smoke fuzz fuzz-smoke bench \
	format clean

all: build

deps:
	@scripts/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

# The main job on the bundled example: profiles of a leaky service, read
# without the Go toolchain's pprof.
demo: build
	@examples/run-demo.sh $(BUILD)/mapwarden

# Every test: the unit and parity suites, the same suites under ASan and
# UBSan, the multi-threaded commands under TSan, and a short run of every
# fuzz target.
test: unit-test asan-test tsan-smoke fuzz-smoke

unit-test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# One clang build holds the tests and the fuzz targets under ASan and UBSan:
# it compiles in under 3 minutes on 2 cores, where GCC's sanitized build of
# the tests alone took over 10.
sanitize-build: deps
	@CXX=clang++ CC=clang cmake -S . -B $(SAN_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -gline-tables-only -DNDEBUG" \
	  -DMAPWARDEN_SANITIZE=ON -DMAPWARDEN_FUZZ=ON >/dev/null
	@cmake --build $(SAN_BUILD) -j $(JOBS)

asan-test: sanitize-build
	@cd $(SAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --output-on-failure -j $(JOBS)

# The binary alone under ThreadSanitizer, run on more threads than cores.
tsan-smoke: deps
	@CXX=clang++ CC=clang cmake -S . -B $(TSAN_BUILD) -DCMAKE_BUILD_TYPE=Release -DMAPWARDEN_TSAN=ON \
	  -DMAPWARDEN_TESTS=OFF >/dev/null
	@cmake --build $(TSAN_BUILD) -j $(JOBS) --target mapwarden
	@scripts/tsan-smoke.sh $(TSAN_BUILD)

fuzz: sanitize-build

# Each fuzz target runs for FUZZ_SECONDS over its seed corpus.
FUZZ_SECONDS ?= 20
fuzz-smoke: sanitize-build
	@fuzz/run.sh $(SAN_BUILD) $(FUZZ_SECONDS)

bench: build
	@bench/pprof_top/run.sh $(BUILD)/mapwarden
	@bench/parse_stdlib/run.sh $(BUILD)/mapwarden
	@bench/goroutines/run.sh $(BUILD)/mapwarden
	@bench/sema_stdlib/run.sh $(BUILD)/mapwarden
	@bench/check_stdlib/run.sh $(BUILD)/mapwarden
	@bench/heap_report/run.sh $(BUILD)/mapwarden

format:
	@clang-format -i $$(git ls-files '*.cc' '*.h')

clean:
	rm -rf $(BUILD) $(SAN_BUILD) $(TSAN_BUILD)
