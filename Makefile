# nki: build, demo and test entry points. On a fresh Debian machine `make run` and `make test`
# are all that is needed: both install missing packages, configure and build first.
PYTHON      := /usr/bin/python3
BUILD_DIR   := build
JOBS        ?= 2
CMAKE_FLAGS := -DCMAKE_BUILD_TYPE=Release -DPython3_EXECUTABLE=$(PYTHON) -DPYTHON_EXECUTABLE=$(PYTHON)

# `make install`: the nki command into $(PREFIX)/bin and the Python package (with its compiled
# extension) into $(PREFIX)/lib/python3.X/dist-packages, which /usr/bin/python3 searches for
# PREFIX=/usr/local (the default). DESTDIR= stages the whole tree elsewhere (packaging).
PREFIX      ?= /usr/local
PYVER       := $(shell $(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])')
PYTHON_SITE ?= $(PREFIX)/lib/python$(PYVER)/dist-packages

.PHONY: all deps build run test fuzz sanitize bench install install-files uninstall clean

all: build

# Installs the Debian packages the build and tests need; quiet and offline when all are present.
deps:
	@sh scripts/install-deps.sh

build: deps
	cmake -S . -B $(BUILD_DIR) $(CMAKE_FLAGS)
	cmake --build $(BUILD_DIR) -j$(JOBS)

# The demo: library kernels on random data, via the Python package and via the `nki` command,
# checked against each kernel file's NumPy reference.
run: build
	PYTHONPATH=$(CURDIR)/python NKI_BIN=$(CURDIR)/$(BUILD_DIR)/nki $(PYTHON) scripts/demo.py

test: build
	ctest --test-dir $(BUILD_DIR) --output-on-failure

# The fuzzer (tests/fuzz/README.md): N mutated kernels (`make fuzz N=1000000`), seeded (SEED=),
# on FUZZ_JOBS worker processes; the inputs of any bug land in fuzz-found/.
N         ?= 100000
SEED      ?= 1
FUZZ_JOBS ?= $(JOBS)
fuzz: build
	$(BUILD_DIR)/tests/nki_fuzz --inputs $(N) --seed $(SEED) --jobs $(FUZZ_JOBS) --save fuzz-found

# The whole suite under AddressSanitizer and UndefinedBehaviorSanitizer, in its own build folder
# (with its own copy of the Python package, so build/'s extension stays as it is).
SANITIZE_DIR := build-sanitize
sanitize: deps
	cmake -S . -B $(SANITIZE_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" \
	  -DNKI_SANITIZE=ON -DNKI_PYTHON_DIR=$(CURDIR)/$(SANITIZE_DIR)/python \
	  -DPython3_EXECUTABLE=$(PYTHON) -DPYTHON_EXECUTABLE=$(PYTHON)
	cmake --build $(SANITIZE_DIR) -j$(JOBS)
	ctest --test-dir $(SANITIZE_DIR) --output-on-failure

# The timing model against published measurements (docs/performance.md): full-size problems,
# timed without executing them (--timing-only); about a minute.
bench: build
	$(PYTHON) bench/calibration/calibrate.py --nki $(CURDIR)/$(BUILD_DIR)/nki

install: build
	@$(MAKE) --no-print-directory install-files

# The copy step of `install`, for a tree that is already built.
install-files:
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PYTHON_SITE)/nki/isa
	install -m 755 $(BUILD_DIR)/nki $(DESTDIR)$(PREFIX)/bin/nki
	install -m 644 python/nki/*.py $(DESTDIR)$(PYTHON_SITE)/nki/
	install -m 644 python/nki/isa/*.py $(DESTDIR)$(PYTHON_SITE)/nki/isa/
	install -m 755 python/nki/_nki*.so $(DESTDIR)$(PYTHON_SITE)/nki/
	@echo "installed: $(DESTDIR)$(PREFIX)/bin/nki and $(DESTDIR)$(PYTHON_SITE)/nki"

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/nki
	rm -rf $(DESTDIR)$(PYTHON_SITE)/nki

clean:
	rm -rf $(BUILD_DIR) $(SANITIZE_DIR) out
	rm -f python/nki/_nki*.so
