# nki: build, demo and test entry points. On a fresh Debian machine `make run` and `make test`
# are all that is needed: both install missing packages, configure and build first.
PYTHON      := /usr/bin/python3
BUILD_DIR   := build
JOBS        ?= 2
CMAKE_FLAGS := -DCMAKE_BUILD_TYPE=Release -DPython3_EXECUTABLE=$(PYTHON) -DPYTHON_EXECUTABLE=$(PYTHON)

.PHONY: all deps build run test bench clean

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

# The timing model against published measurements (docs/performance.md): full-size problems,
# timed without executing them (--timing-only); about a minute.
bench: build
	$(PYTHON) bench/calibration/calibrate.py --nki $(CURDIR)/$(BUILD_DIR)/nki

clean:
	rm -rf $(BUILD_DIR) out
	rm -f python/nki/_nki*.so
