# mapwarden: the two commands in the README are `make demo` and `make test`.
# Each installs what is missing (scripts/install-deps.sh), builds, and runs.

BUILD      ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
TSAN_BUILD ?= build-tsan
JOBS       ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: all deps build demo test unit-test asan-test tsan-smoke fuzz fuzz-smoke bench format clean

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

asan-test: deps
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMAPWARDEN_SANITIZE=ON \
	  >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	@cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --output-on-failure -j $(JOBS)

# The binary alone under ThreadSanitizer, run on more threads than cores.
tsan-smoke: deps
	@cmake -S . -B $(TSAN_BUILD) -DCMAKE_BUILD_TYPE=Release -DMAPWARDEN_TSAN=ON \
	  -DMAPWARDEN_TESTS=OFF >/dev/null
	@cmake --build $(TSAN_BUILD) -j $(JOBS) --target mapwarden
	@scripts/tsan-smoke.sh $(TSAN_BUILD)

fuzz: deps
	@CXX=clang++ CC=clang cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DMAPWARDEN_FUZZ=ON -DMAPWARDEN_TESTS=OFF >/dev/null
	@cmake --build $(FUZZ_BUILD) -j $(JOBS)

# Each fuzz target runs for FUZZ_SECONDS over its seed corpus.
FUZZ_SECONDS ?= 20
fuzz-smoke: fuzz
	@fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

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
	rm -rf $(BUILD) $(ASAN_BUILD) $(TSAN_BUILD) $(FUZZ_BUILD)
